using Npgsql;

namespace Mosovo.Benchmarks;

/// <summary>
/// The PostgreSQL server the benchmark runs on. Every measurement gets a database of its own, created here and
/// dropped afterwards, so that no measurement writes into data it did not create and cells do not grow each
/// other's tables.
/// </summary>
public sealed class BenchServer(string connectionString)
{
    public const string DatabasePrefix = "mosovo_bench_";

    private readonly NpgsqlConnectionStringBuilder _server = new(connectionString);

    public string Endpoint => $"{_server.Host}:{_server.Port}";

    /// <summary>The connection string for one of the benchmark's databases, with the server's other settings.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database }.ConnectionString;

    public Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        CreateDatabaseAsync(null, cancellationToken);

    /// <param name="template">A database of the benchmark's to copy (no one may be connected to it), or null.</param>
    public async Task<string> CreateDatabaseAsync(string? template, CancellationToken cancellationToken)
    {
        var name = DatabasePrefix + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await ExecuteAsync(
                template is null
                    ? $"CREATE DATABASE \"{name}\""
                    : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"",
                cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                $"User '{_server.Username}' may not create databases. The benchmark writes only into databases it creates " +
                $"({DatabasePrefix}*) and drops afterwards: give it a user with CREATEDB.", e);
        }

        return name;
    }

    /// <summary>
    /// The streams of a database loaded earlier (kept with --keep) with their versions, in the order they were
    /// loaded (their ids are version 7 GUIDs, made as they were loaded).
    /// </summary>
    public static async Task<IReadOnlyList<(Guid Id, long Version)>> StreamsAsync(string connection)
    {
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using var command = dataSource.CreateCommand("SELECT id, version FROM mosovo.mt_streams ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var streams = new List<(Guid, long)>();
        while (await reader.ReadAsync())
            streams.Add((reader.GetGuid(0), reader.GetInt64(1)));
        return streams;
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
    }

    /// <summary>
    /// Writes dirty pages out now, so that a checkpoint caused by the previous measurement's writes does not land
    /// in the next one. Needs superuser or pg_checkpoint; without it the benchmark goes on and says so.
    /// </summary>
    public async Task<bool> TryCheckpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync("CHECKPOINT", cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return false;
        }
    }

    /// <summary>The server version and the settings that decide commit throughput, in a fixed order.</summary>
    public async Task<(string Version, IReadOnlyList<(string Name, string Value)> Settings)> DescribeAsync(CancellationToken cancellationToken)
    {
        string[] names =
        [
            "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "commit_delay", "commit_siblings",
            "wal_buffers", "shared_buffers", "max_wal_size", "checkpoint_timeout", "max_connections",
        ];
        await using var connection = await OpenAsync(cancellationToken);
        string version;
        await using (var command = new NpgsqlCommand("SHOW server_version", connection))
            version = (string)(await command.ExecuteScalarAsync(cancellationToken))!;

        var settings = new List<(string, string)>();
        foreach (var name in names)
        {
            // SHOW gives the value with its unit, as postgresql.conf would write it (512MB, 5min).
            await using var command = new NpgsqlCommand($"SHOW {name}", connection);
            settings.Add((name, (string)(await command.ExecuteScalarAsync(cancellationToken))!));
        }

        return (version, settings);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
