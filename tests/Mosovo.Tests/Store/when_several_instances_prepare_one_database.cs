using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;
using Npgsql;

namespace Mosovo.Tests.Store;

/// <summary>
/// A deployment starts several instances of the API at once on a new, empty database. Each prepares the database as
/// it starts (the migrations, then Marten's tables as the schema's owner, then the API role's limits on them), and
/// they must not trip over each other: every instance starts, every migration is applied once, and the record works.
/// The database is this class's own and starts with no schema at all.
/// </summary>
public sealed class when_several_instances_prepare_one_database : IAsyncLifetime
{
    private const int Instances = 3;

    // The lock the migrator takes before it applies anything (Hosting/Migrator.cs): holding it makes every instance
    // wait at the start of its preparation until all of them have got that far, so their work overlaps for certain.
    private const long MigrationLock = 0x4D6F736F766F01;

    private string _connectionString = "";
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabase.CreateEmptyAsync();
        _dataSource = NpgsqlDataSource.Create(_connectionString);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await TestDatabase.DropAsync(_connectionString);
    }

    [Fact]
    public async Task every_instance_starts_each_migration_is_recorded_once_and_a_registration_works()
    {
        var instances = Enumerable.Range(0, Instances).Select(_ => new InstanceOn(_connectionString)).ToList();
        try
        {
            await StartTogetherAsync(instances);

            var embedded = Migration.FromAssembly(typeof(MosovoHost).Assembly).Select(m => m.Id).Order().ToList();
            (await Ids("SELECT id FROM mosovo.schema_migrations ORDER BY id")).ShouldBe(embedded);
            foreach (var table in new[] { "mt_events", "mt_streams", "offender_summaries", "access_log" })
                (await Scalar($"SELECT to_regclass('mosovo.{table}') IS NOT NULL")).ShouldBe(true, table);
            (await Scalar("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'mosovo.mt_events'::regclass " +
                "AND tgname IN ('mt_events_append_only', 'mt_events_no_truncate')")).ShouldBe(2L);
            (await Scalar($"SELECT has_table_privilege('{Database.ApiRole}', 'mosovo.mt_events', 'UPDATE')"))
                .ShouldBe(false);
            (await Scalar($"SELECT has_table_privilege('{Database.ApiRole}', 'mosovo.mt_streams', 'DELETE')"))
                .ShouldBe(false);
            (await Scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = " +
                "(SELECT oid FROM pg_database WHERE datname = current_database())")).ShouldBe(0L);

            // Every instance serves, and one instance's write is read by another.
            var manager = instances[0].ClientFor(Roles.OffenderManager);
            var (id, etag) = await OffenderRequests.RegisterAsync(manager);
            etag.ShouldBe("\"1\"");
            foreach (var instance in instances)
            {
                var summary = await instance.ClientFor(Roles.OffenderManager).GetAsync($"/offenders/{id}");
                summary.StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            (await Scalar($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'")).ShouldBe(1L);
        }
        finally
        {
            foreach (var instance in instances)
                await instance.DisposeAsync();
        }
    }

    /// <summary>
    /// Starts every instance side by side (starting one runs the real Program: it prepares the database before it
    /// serves) while the migration lock is held, lets them go once all are waiting on it, and waits for all to start.
    /// </summary>
    private async Task StartTogetherAsync(List<InstanceOn> instances)
    {
        await using var holder = await _dataSource.OpenConnectionAsync();
        await Execute(holder, $"SELECT pg_advisory_lock({MigrationLock})");
        Task starting;
        try
        {
            starting = StoreCalls.AllAtOnceAsync(instances.Count, i => Task.Run(() => instances[i].Services));
            await WaitForWaitersAsync(instances.Count);
        }
        finally
        {
            await Execute(holder, $"SELECT pg_advisory_unlock({MigrationLock})");
        }

        await starting.WaitAsync(TimeSpan.FromMinutes(3));
    }

    /// <summary>Returns once <paramref name="count"/> sessions wait on the migration lock.</summary>
    private async Task WaitForWaitersAsync(int count)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2);
        while ((long)(await Scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted " +
                   "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))! < count)
        {
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"Fewer than {count} instances reached the migration lock.");
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    private async Task<object?> Scalar(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    private async Task<List<int>> Ids(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<int>();
        while (await reader.ReadAsync())
            ids.Add(reader.GetInt32(0));
        return ids;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One instance of the real API host on the given database, logged in as ApiFactory logs in.</summary>
    private sealed class InstanceOn(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting($"ConnectionStrings:{MosovoHost.ConnectionStringName}",
                Database.AsApiLogin(connectionString));
            builder.UseSetting($"ConnectionStrings:{MosovoHost.OwnerConnectionStringName}", connectionString);
            builder.UseSetting("Sharing:RecordExpiries", "false");
            builder.UseSetting("OverdueSweep:Enabled", "false");
        }

        public HttpClient ClientFor(string role)
        {
            var options = Services.GetRequiredService<IConfiguration>()
                .GetSection(DevelopmentTokenOptions.Section).Get<DevelopmentTokenOptions>()!;
            var user = new TokenRequest(role, "DC Test Manager", "North MOSOVO", "Police");
            var token = DevelopmentTokens.Mint(options, user, TimeProvider.System.GetUtcNow());
            var client = CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }
    }
}
