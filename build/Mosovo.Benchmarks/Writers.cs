using System.Globalization;
using System.Text;
using JasperFx;
using Marten;
using Mosovo.Api.Offenders;
using Npgsql;
using NpgsqlTypes;

namespace Mosovo.Benchmarks;

/// <summary>
/// A writer's own streams: a new one every <c>appendsPerStream</c> transactions, and the version each has reached.
/// </summary>
public sealed class OwnStreams(int appendsPerStream, Func<Guid> newStream)
{
    private int _appendsOnStream = int.MaxValue;

    public Guid Stream { get; private set; }

    public long Version { get; private set; }

    /// <summary>The stream to write to next (a new one when the current has had its appends).</summary>
    public Guid Next()
    {
        if (_appendsOnStream >= appendsPerStream)
        {
            Stream = newStream();
            Version = 0;
            _appendsOnStream = 0;
        }

        return Stream;
    }

    public void Appended(int events)
    {
        Version += events;
        _appendsOnStream++;
    }
}

/// <summary>
/// Appends with Marten, configured as the API configures it (Quick append), as the API's write path appends:
/// <c>StartStream</c> for a new stream, then <c>Append(id, expectedVersion, events)</c> with the version the stream
/// will have after the append, the session's correlation id and user name set. No read models, no other SQL.
/// </summary>
public sealed class MartenWriter(IDocumentStore store, int eventsPerTransaction, int appendsPerStream) : IBenchWriter
{
    private readonly OwnStreams _streams = new(appendsPerStream, Guid.CreateVersion7);

    public async Task<int> WriteOnceAsync(CancellationToken cancellationToken)
    {
        var stream = _streams.Next();
        var events = SampleEvents.HomeVisits(eventsPerTransaction, TimeProvider.System.GetUtcNow());
        await using var session = store.LightweightSession();
        session.CorrelationId = Guid.CreateVersion7().ToString();
        session.LastModifiedBy = SampleEvents.Writer.Name;
        if (_streams.Version == 0)
            session.Events.StartStream(typeof(Offender), stream, events);
        else
            session.Events.Append(stream, _streams.Version + events.Length, events);
        await session.SaveChangesAsync(cancellationToken);
        _streams.Appended(events.Length);
        return events.Length;
    }
}

/// <summary>
/// The API's own write path, <c>OffenderStreams.WriteAsSystemAsync</c> (the overload that may start a record):
/// in one transaction it reads the offender's stored state under lock, decides, folds the events with the
/// compliance policies, appends them with Marten and writes the read models and the access log entry. A new
/// offender starts with a registration (and home visits to make up the events per transaction); later writes
/// record home visits. Counts the events the write path appended (its automatic follow-ups included).
/// </summary>
public sealed class ApiWriter(
    OffenderStreams streams, Func<LoadStream> newOffender, int eventsPerTransaction, int appendsPerStream)
    : IBenchWriter
{
    private const string Why = "Benchmark: the API's write path.";

    private LoadStream _offender = null!;
    private readonly OwnStreams _streams = new(appendsPerStream, () => Guid.Empty);

    public async Task<int> WriteOnceAsync(CancellationToken cancellationToken)
    {
        _streams.Next();
        if (_streams.Version == 0)
            _offender = newOffender();

        var now = TimeProvider.System.GetUtcNow();
        var written = await streams.WriteAsSystemAsync(_offender.Id, current => current is null
                ? [_offender.Events[0], .. SampleEvents.HomeVisits(eventsPerTransaction - 1, now)]
                : SampleEvents.HomeVisits(eventsPerTransaction, now),
            SampleEvents.Writer, Why, cancellationToken);
        if (written < eventsPerTransaction)
        {
            throw new InvalidOperationException(
                $"The write path appended {written} events, not {eventsPerTransaction}.");
        }

        _streams.Appended(written);
        return written;
    }
}

/// <summary>
/// The raw ceiling: the same event rows (the columns of <c>mosovo.mt_events</c>, the same JSON as Marten writes)
/// inserted with plain Npgsql into a bare table: one multi-row INSERT per transaction (BEGIN, INSERT, COMMIT) on a
/// pooled connection with the API's connection settings. The JSON is serialized up front, so this writer does the
/// least client work an insert can.
/// </summary>
public sealed class RawWriter : IBenchWriter
{
    public const string CreateTableSql = """
        CREATE SCHEMA bench;
        CREATE TABLE bench.raw_events (
            seq_id          bigint       GENERATED ALWAYS AS IDENTITY,
            id              uuid         NOT NULL,
            stream_id       uuid         NOT NULL,
            version         bigint       NOT NULL,
            data            jsonb        NOT NULL,
            type            varchar(500) NOT NULL,
            timestamp       timestamptz  NOT NULL,
            tenant_id       varchar      NOT NULL,
            mt_dotnet_type  varchar      NOT NULL,
            correlation_id  varchar      NOT NULL,
            user_name       varchar      NOT NULL
        );
        """;

    public const string CountSql = "SELECT count(*) FROM bench.raw_events";

    private const int PoolSize = 256;

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _eventsPerTransaction;
    private readonly string _sql;
    private readonly string _typeName;
    private readonly string _dotNetTypeName;
    private readonly string[] _payloads;
    private readonly OwnStreams _streams;
    private int _next;

    /// <param name="serialize">Marten's serializer, so that the rows carry the JSON Marten writes.</param>
    public RawWriter(
        NpgsqlDataSource dataSource, Func<object, string> serialize, string typeName, string dotNetTypeName,
        int eventsPerTransaction, int appendsPerStream)
    {
        ArgumentNullException.ThrowIfNull(serialize);
        _dataSource = dataSource;
        _eventsPerTransaction = eventsPerTransaction;
        _typeName = typeName;
        _dotNetTypeName = dotNetTypeName;
        _streams = new OwnStreams(appendsPerStream, Guid.CreateVersion7);
        _sql = InsertSql(eventsPerTransaction);
        var now = TimeProvider.System.GetUtcNow();
        _payloads = Enumerable.Range(0, PoolSize).Select(_ => serialize(SampleEvents.HomeVisit(now))).ToArray();
    }

    /// <summary>
    /// INSERT ... VALUES (...), (...): what every row of a transaction shares is sent once ($1..$7: stream id, type,
    /// time, tenant, .NET type, correlation id, user name); each row adds its event id, version and data.
    /// </summary>
    public static string InsertSql(int rows)
    {
        var sql = new StringBuilder(
            "INSERT INTO bench.raw_events (stream_id, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, " +
            "user_name, id, version, data) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            if (i > 0) sql.Append(", ");
            sql.Append(CultureInfo.InvariantCulture,
                $"($1, $2, $3, $4, $5, $6, $7, ${8 + (3 * i)}, ${9 + (3 * i)}, ${10 + (3 * i)})");
        }

        return sql.ToString();
    }

    public async Task<int> WriteOnceAsync(CancellationToken cancellationToken)
    {
        var stream = _streams.Next();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stream });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _typeName });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = TimeProvider.System.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StorageConstants.DefaultTenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _dotNetTypeName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Guid.CreateVersion7().ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SampleEvents.Writer.Name });
        for (var i = 0; i < _eventsPerTransaction; i++)
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _streams.Version + i + 1 });
            command.Parameters.Add(new NpgsqlParameter<string>
            {
                TypedValue = _payloads[(_next + i) % PoolSize], NpgsqlDbType = NpgsqlDbType.Jsonb,
            });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _next += _eventsPerTransaction;
        _streams.Appended(_eventsPerTransaction);
        return _eventsPerTransaction;
    }
}
