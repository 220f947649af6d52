using Microsoft.Extensions.Logging.Abstractions;
using Mosovo.EventStore;
using Mosovo.Tests.Infrastructure;
using Npgsql;

namespace Mosovo.Tests.EventStore;

/// <summary>Each test gets an empty database of its own and drops it at the end.</summary>
public sealed class when_migrations_run : IAsyncLifetime
{
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

    // The event store's first migration, plus one of the tests' that takes a moment, so that two migrators
    // starting together really overlap; neither creates its tables "IF NOT EXISTS", so applying either twice fails.
    // (Later store migrations are left out: these tests are about the migrator, and number their own 2 and 3.)
    private static List<Migration> Migrations() =>
    [
        .. Migration.FromAssembly(typeof(PostgresEventStore).Assembly).Where(m => m.Id == 1),
        new Migration(2, "test_slow_table", "SELECT pg_sleep(0.5); CREATE TABLE mosovo.test_slow (id integer PRIMARY KEY);"),
        new Migration(3, "test_second_table", "CREATE TABLE mosovo.test_second (id integer PRIMARY KEY);"),
    ];

    private static Migrator MigratorOn(NpgsqlDataSource dataSource, IEnumerable<Migration> migrations) =>
        new(dataSource, migrations, NullLogger<Migrator>.Instance);

    [Fact]
    public async Task two_migrators_started_at_once_both_succeed_and_record_each_migration_once()
    {
        // Two data sources: two processes starting at the same time.
        await using var first = NpgsqlDataSource.Create(_connectionString);
        await using var second = NpgsqlDataSource.Create(_connectionString);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new[] { first, second }.Select(source => Task.Run(async () =>
        {
            await gate.Task;
            return await MigratorOn(source, Migrations()).MigrateAsync();
        })).ToArray();

        gate.SetResult();
        var applied = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(60));

        var expected = Migrations();
        expected.Select(m => m.Id).ShouldBe([1, 2, 3]);
        expected[0].Name.ShouldBe("event_store");
        applied.SelectMany(a => a).Select(m => m.Id).OrderBy(i => i).ShouldBe([1, 2, 3]); // each applied by exactly one of them
        applied.ShouldContain(a => a.Count == 3);
        applied.ShouldContain(a => a.Count == 0);

        var recorded = await _dataSource.QueryAsync(
            "SELECT id, name, checksum FROM mosovo.schema_migrations ORDER BY id", r => (r.GetInt32(0), r.GetString(1), r.GetString(2)));
        recorded.ShouldBe(expected.Select(m => (m.Id, m.Name, m.Checksum)));
        (await _dataSource.ScalarAsync("SELECT to_regclass('mosovo.events') IS NOT NULL")).ShouldBe(true);
        (await _dataSource.ScalarAsync("SELECT to_regclass('mosovo.test_second') IS NOT NULL")).ShouldBe(true);
        (await _dataSource.CountAsync("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).ShouldBe(0);
    }

    [Fact]
    public async Task running_again_applies_nothing_and_records_nothing_more()
    {
        (await MigratorOn(_dataSource, Migrations()).MigrateAsync()).Count.ShouldBe(3);
        var recordedBefore = await _dataSource.QueryAsync(
            "SELECT id, applied_at FROM mosovo.schema_migrations ORDER BY id", r => (r.GetInt32(0), r.GetFieldValue<DateTimeOffset>(1)));

        var again = await MigratorOn(_dataSource, Migrations()).MigrateAsync();

        again.ShouldBeEmpty();
        var recordedAfter = await _dataSource.QueryAsync(
            "SELECT id, applied_at FROM mosovo.schema_migrations ORDER BY id", r => (r.GetInt32(0), r.GetFieldValue<DateTimeOffset>(1)));
        recordedAfter.ShouldBe(recordedBefore);
    }

    [Fact]
    public async Task a_new_migration_is_applied_alone_after_the_earlier_ones()
    {
        await MigratorOn(_dataSource, Migrations().Take(2)).MigrateAsync();

        var applied = await MigratorOn(_dataSource, Migrations()).MigrateAsync();

        applied.Select(m => m.Id).ShouldBe([3]);
        (await _dataSource.CountAsync("SELECT count(*) FROM mosovo.schema_migrations")).ShouldBe(3);
    }

    [Fact]
    public async Task a_migration_changed_after_it_was_applied_is_refused()
    {
        await MigratorOn(_dataSource, Migrations().Take(2)).MigrateAsync();
        var edited = Migrations();
        edited[1] = new Migration(2, "test_slow_table", "CREATE TABLE mosovo.test_slow (id integer PRIMARY KEY, sneaked_in text);");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => MigratorOn(_dataSource, edited).MigrateAsync());

        error.Message.ShouldContain("0002_test_slow_table");
        error.Message.ShouldContain("changed");
        // Nothing after the edited migration ran, and the record still holds the original checksum.
        (await _dataSource.ScalarAsync("SELECT to_regclass('mosovo.test_second') IS NOT NULL")).ShouldBe(false);
        (await _dataSource.ScalarAsync("SELECT checksum FROM mosovo.schema_migrations WHERE id = 2")).ShouldBe(Migrations()[1].Checksum);
        (await _dataSource.CountAsync("SELECT count(*) FROM mosovo.schema_migrations")).ShouldBe(2);
    }

    [Fact]
    public async Task a_failing_migration_is_not_recorded_and_releases_the_lock()
    {
        var broken = Migrations().Take(2).Append(new Migration(3, "test_broken", "CREATE TABLE mosovo.test_half (id integer); SELECT no_such_function();")).ToList();

        await Should.ThrowAsync<PostgresException>(() => MigratorOn(_dataSource, broken).MigrateAsync());

        (await _dataSource.CountAsync("SELECT count(*) FROM mosovo.schema_migrations")).ShouldBe(2);
        (await _dataSource.ScalarAsync("SELECT to_regclass('mosovo.test_half') IS NOT NULL")).ShouldBe(false); // rolled back
        // Another process (its own data source) can take the lock and carry on.
        await using var other = NpgsqlDataSource.Create(_connectionString);
        var applied = await MigratorOn(other, Migrations()).MigrateAsync().WaitAsync(TimeSpan.FromSeconds(20));
        applied.Select(m => m.Id).ShouldBe([3]);
    }

    [Fact]
    public async Task two_migrations_sharing_an_id_are_refused_before_anything_runs()
    {
        var clashing = Migrations().Append(new Migration(3, "test_clash", "CREATE TABLE mosovo.test_clash (id integer);")).ToList();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => MigratorOn(_dataSource, clashing).MigrateAsync());

        error.Message.ShouldContain("3");
        (await _dataSource.ScalarAsync("SELECT to_regclass('mosovo.schema_migrations') IS NOT NULL")).ShouldBe(false);
    }
}
