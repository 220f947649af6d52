using Microsoft.Extensions.Logging.Abstractions;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using Npgsql;

namespace Mosovo.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL database of its own for each test class, copied from a migrated template (fast), so
/// classes run in parallel without sharing rows. The server comes from MOSOVO_TEST_POSTGRES, which
/// build/test.sh sets after starting a throwaway cluster.
/// </summary>
public static class TestDatabase
{
    public const string ServerVariable = "MOSOVO_TEST_POSTGRES";
    private const string Template = "mosovo_test_template";
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static bool _templateReady;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run the tests with build/test.sh, which starts a throwaway PostgreSQL, " +
                $"or set {ServerVariable} to a server's connection string (user with CREATEDB), e.g. Host=127.0.0.1;Port=5432;Username=mosovo;Database=postgres");

    /// <summary>An empty database with no schema at all (for migration tests).</summary>
    public static Task<string> CreateEmptyAsync() => CreateAsync(template: null);

    /// <summary>A database with every migration applied.</summary>
    public static async Task<string> CreateMigratedAsync()
    {
        await EnsureTemplateAsync();
        return await CreateAsync(Template);
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task<string> CreateAsync(string? template)
    {
        var name = "mosovo_test_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteOnServerAsync(template is null
            ? $"CREATE DATABASE \"{name}\""
            : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task EnsureTemplateAsync()
    {
        if (_templateReady) return;
        await TemplateLock.WaitAsync();
        try
        {
            if (_templateReady) return;
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Template}\" WITH (FORCE)");
            await ExecuteOnServerAsync($"CREATE DATABASE \"{Template}\"");
            var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Template, Pooling = false }.ConnectionString;
            await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            {
                var migrations = Migration.FromAssembly(typeof(MosovoHost).Assembly);
                await new Migrator(dataSource, migrations, NullLogger<Migrator>.Instance).MigrateAsync();
            }

            await EventStore.ApplySchemaAsync(connectionString, OffenderEvents.Register(new EventTypeRegistry()), CancellationToken.None);

            _templateReady = true;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A migrated database of the test class's own, dropped when the class is done.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateMigratedAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<string> ScalarTextAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
