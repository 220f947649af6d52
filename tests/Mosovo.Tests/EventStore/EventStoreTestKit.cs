using Mosovo.EventStore;
using Mosovo.Tests.Infrastructure;
using Npgsql;

namespace Mosovo.Tests.EventStore;

// Small events of the tests' own, registered by hand under stored names like the application's.
public sealed record ThingOpened(string Name, int Number);

public sealed record ThingNoted(string Note, int Writer = 0);

public sealed record ThingClosed(string Reason);

/// <summary>Never registered: appending or reading it must fail.</summary>
public sealed record ThingNobodyRegistered(string Value);

/// <summary>An outbox payload.</summary>
public sealed record ThingToSend(int Number);

public static class TestEvents
{
    public const string StreamType = "test-thing";
    public const string OpenedName = "test.thing-opened";
    public const string NotedName = "test.thing-noted";
    public const string ClosedName = "test.thing-closed";

    public static readonly DateTimeOffset At = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<ThingOpened>(OpenedName)
        .Register<ThingNoted>(NotedName)
        .Register<ThingClosed>(ClosedName);

    public static EventMetadata Metadata(DateTimeOffset? at = null, string userId = "user-1", Guid? correlationId = null, Guid? causationId = null) =>
        new(userId, "Test User " + userId, at ?? At, correlationId ?? Guid.NewGuid(), causationId);

    public static PostgresEventStore Store(MigratedDatabase database, params IInlineProjection[] projections) =>
        new(database.DataSource, Registry(), projections);

    public static object[] Notes(int count, int writer = 0, string prefix = "note") =>
        Enumerable.Range(1, count).Select(i => (object)new ThingNoted($"{prefix} {i}", writer)).ToArray();
}

/// <summary>Plain SQL against the test database, to check what was really written.</summary>
public static class Sql
{
    public static async Task<long> CountAsync(this NpgsqlDataSource dataSource, string sql, params object[] parameters) =>
        Convert.ToInt64(await dataSource.ScalarAsync(sql, parameters), System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<object?> ScalarAsync(this NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = Command(dataSource, sql, parameters);
        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }

    public static async Task<int> ExecuteAsync(this NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = Command(dataSource, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(this NpgsqlDataSource dataSource, string sql, Func<NpgsqlDataReader, T> map, params object[] parameters)
    {
        await using var command = Command(dataSource, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(map(reader));
        return rows;
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(this TransactionContext context, string sql, Func<NpgsqlDataReader, T> map, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, context.Connection, context.Transaction);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(map(reader));
        return rows;
    }

    public static async Task<int> ExecuteAsync(this TransactionContext context, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, context.Connection, context.Transaction);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Versions of a stream's events as stored, in order.</summary>
    public static Task<IReadOnlyList<long>> StoredVersionsAsync(this NpgsqlDataSource dataSource, Guid streamId) =>
        dataSource.QueryAsync("SELECT version FROM mosovo.events WHERE stream_id = $1 ORDER BY version", r => r.GetInt64(0), streamId);

    /// <summary>The stream row's version, or null when there is no row.</summary>
    public static async Task<long?> StoredStreamVersionAsync(this NpgsqlDataSource dataSource, Guid streamId) =>
        (long?)await dataSource.ScalarAsync("SELECT version FROM mosovo.streams WHERE id = $1", streamId);

    private static NpgsqlCommand Command(NpgsqlDataSource dataSource, string sql, object[] parameters)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return command;
    }
}

/// <summary>
/// A read model of the tests' own: one row per event in a table of its own, written on the append's
/// connection and transaction.
/// </summary>
public sealed class RecordingProjection(string table, string name = "recording") : IInlineProjection
{
    public string Name => name;

    public int ApplyCalls { get; private set; }

    public Task EnsureTableAsync(NpgsqlDataSource dataSource) => dataSource.ExecuteAsync(
        $"CREATE TABLE IF NOT EXISTS {table} (seq bigint PRIMARY KEY, stream_id uuid NOT NULL, version bigint NOT NULL, type text NOT NULL, label text NOT NULL)");

    public async Task ApplyAsync(TransactionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        ApplyCalls++;
        foreach (var e in events)
        {
            await context.ExecuteAsync(
                $"INSERT INTO {table} (seq, stream_id, version, type, label) VALUES ($1, $2, $3, $4, $5)",
                e.Sequence, e.StreamId, e.Version, e.TypeName, Label(e.Data));
        }
    }

    public Task ResetAsync(TransactionContext context, CancellationToken cancellationToken) =>
        context.ExecuteAsync($"DELETE FROM {table}");

    public Task<IReadOnlyList<Row>> RowsAsync(NpgsqlDataSource dataSource) => dataSource.QueryAsync(
        $"SELECT seq, stream_id, version, type, label FROM {table} ORDER BY seq",
        r => new Row(r.GetInt64(0), r.GetGuid(1), r.GetInt64(2), r.GetString(3), r.GetString(4)));

    private static string Label(object data) => data switch
    {
        ThingOpened o => $"opened {o.Name} {o.Number}",
        ThingNoted n => $"noted {n.Note}",
        ThingClosed c => $"closed {c.Reason}",
        _ => "other",
    };

    public sealed record Row(long Seq, Guid StreamId, long Version, string Type, string Label);
}

/// <summary>A projection whose work the test gives as a function.</summary>
public sealed class DelegateProjection(string name, Func<TransactionContext, IReadOnlyList<RecordedEvent>, Task> apply) : IInlineProjection
{
    public string Name => name;

    public Task ApplyAsync(TransactionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken) => apply(context, events);

    public Task ResetAsync(TransactionContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
