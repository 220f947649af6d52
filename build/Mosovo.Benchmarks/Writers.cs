using System.Globalization;
using System.Text;
using System.Text.Json;
using Mosovo.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Mosovo.Benchmarks;

/// <summary>
/// Appends through <see cref="PostgresEventStore.AppendAsync"/> to streams of its own: it creates a stream
/// (expected version 0: the INSERT path), keeps appending at the version it knows (the UPDATE path) and moves
/// to a new stream after <c>appendsPerStream</c> appends.
/// </summary>
public sealed class StoreWriter(PostgresEventStore store, int eventsPerTransaction, int appendsPerStream) : IBenchWriter
{
    private Guid _stream;
    private long _version;
    private int _appendsOnStream = int.MaxValue;

    public async Task<int> WriteOnceAsync(CancellationToken cancellationToken)
    {
        if (_appendsOnStream >= appendsPerStream)
        {
            _stream = Guid.CreateVersion7();
            _version = 0;
            _appendsOnStream = 0;
        }

        var now = TimeProvider.System.GetUtcNow();
        var events = new object[eventsPerTransaction];
        for (var i = 0; i < events.Length; i++)
            events[i] = SampleEvents.HomeVisit(now);

        var result = await store.AppendAsync(
            _stream, SampleEvents.StreamType, _version, events, SampleEvents.Metadata(now), cancellationToken: cancellationToken);
        _version = result.Version;
        _appendsOnStream++;
        return eventsPerTransaction;
    }
}

/// <summary>
/// The raw ceiling: the same event rows (same columns, same JSON, same stream ids and versions) inserted with
/// plain Npgsql into a bare table: one multi-row INSERT per transaction (BEGIN, INSERT, COMMIT) on a pooled
/// connection from the shared data source, as the store gets its connections. The JSON is serialized up front,
/// so this writer does the least client work an insert can.
/// </summary>
public sealed class RawWriter : IBenchWriter
{
    public const string CreateTableSql = """
        CREATE SCHEMA bench;
        CREATE TABLE bench.raw_events (
            seq          bigint      GENERATED ALWAYS AS IDENTITY,
            stream_id    uuid        NOT NULL,
            version      bigint      NOT NULL,
            type         text        NOT NULL,
            data         jsonb       NOT NULL,
            metadata     jsonb       NOT NULL,
            recorded_at  timestamptz NOT NULL
        );
        """;

    public const string CountSql = "SELECT count(*) FROM bench.raw_events";

    private const int PoolSize = 256;

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _eventsPerTransaction;
    private readonly int _appendsPerStream;
    private readonly string _sql;
    private readonly string[] _payloads;
    private readonly string[] _metadata;
    private Guid _stream;
    private long _version;
    private int _appendsOnStream = int.MaxValue;
    private int _next;

    public RawWriter(NpgsqlDataSource dataSource, EventTypeRegistry types, int eventsPerTransaction, int appendsPerStream)
    {
        ArgumentNullException.ThrowIfNull(types);
        _dataSource = dataSource;
        _eventsPerTransaction = eventsPerTransaction;
        _appendsPerStream = appendsPerStream;
        _sql = InsertSql(eventsPerTransaction);
        var now = TimeProvider.System.GetUtcNow();
        _payloads = Enumerable.Range(0, PoolSize).Select(_ => types.Serialize(SampleEvents.HomeVisit(now))).ToArray();
        _metadata = Enumerable.Range(0, PoolSize)
            .Select(_ => JsonSerializer.Serialize(SampleEvents.Metadata(now), types.SerializerOptions)).ToArray();
    }

    /// <summary>
    /// INSERT ... VALUES (...), (...): stream id, type, metadata and time are sent once per transaction ($1..$4)
    /// as the store sends them; each row adds its version and data.
    /// </summary>
    public static string InsertSql(int rows)
    {
        var sql = new StringBuilder("INSERT INTO bench.raw_events (stream_id, version, type, data, metadata, recorded_at) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            if (i > 0) sql.Append(", ");
            sql.Append(CultureInfo.InvariantCulture, $"($1, ${5 + (2 * i)}, $2, ${6 + (2 * i)}, $3, $4)");
        }

        return sql.ToString();
    }

    public async Task<int> WriteOnceAsync(CancellationToken cancellationToken)
    {
        if (_appendsOnStream >= _appendsPerStream)
        {
            _stream = Guid.CreateVersion7();
            _version = 0;
            _appendsOnStream = 0;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = _stream });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SampleEvents.HomeVisitTypeName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _metadata[_next++ % PoolSize], NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = TimeProvider.System.GetUtcNow() });
        for (var i = 0; i < _eventsPerTransaction; i++)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _version + i + 1 });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _payloads[(_next + i) % PoolSize], NpgsqlDbType = NpgsqlDbType.Jsonb });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _version += _eventsPerTransaction;
        _appendsOnStream++;
        return _eventsPerTransaction;
    }
}
