using System.Diagnostics;
using System.Globalization;
using JasperFx;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mosovo.Api.Compliance;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using Npgsql;
using NpgsqlTypes;

namespace Mosovo.Benchmarks;

/// <summary>One offender's history to load: the stream's id and its events in order (each an IOffenderEvent).</summary>
public sealed record LoadStream(Guid Id, IReadOnlyList<object> Events);

/// <summary>
/// Loads offenders' histories in bulk with COPY into Marten's tables, writing the rows Marten itself writes when
/// the API starts an offender's stream (Quick append): in <c>mt_streams</c> the id, Marten's alias for the
/// offender's stream type, the version and the default tenant (the timestamps are the columns' defaults); in
/// <c>mt_events</c> a <c>seq_id</c> drawn from Marten's sequence, a new event id, the stream id and version, the
/// JSON from Marten's own serializer, the stored type name and .NET type name from Marten's event mapping, the
/// time, the default tenant, and the correlation id and user name (both enabled in the API's configuration).
/// The time is when the event says it was recorded, as Marten would have stamped it had the API appended it
/// then; one correlation id per offender, as if their history had been written at once.
/// The read models are written by the API's own code: the events folded by <see cref="Offender.Fold"/>, as its
/// rebuild (<see cref="OffenderSummaryProjection.RebuildAsync"/>) folds a stream, and the state written by
/// <see cref="OffenderSummaryProjection.WriteAsync"/> as the write path writes a new offender's. The fold is given
/// the events the loader has just serialized rather than reading them back; <see cref="CheckReadModelsAsync"/>
/// shows, for a sample, that the rebuild's fold of the stored events writes the same rows.
/// </summary>
/// <remarks>
/// Several workers load a batch each at once, so that histories are made and serialized on one core while the
/// server copies and indexes on the other. A batch's rows are copied in one transaction; then each offender's
/// read models are written in a transaction of their own, as the API writes them: the obligations' counters are
/// then locked by one statement, in order, and only until its commit, so workers writing offenders of the same
/// teams at once neither deadlock nor queue behind a whole batch. The rows go in through Marten's indexes,
/// constraints and triggers as they are.
/// </remarks>
public sealed class EventLoader
{
    private const string EventColumns =
        "seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, user_name";

    /// <summary>How many offenders <see cref="LoadWithReadModelsAsync"/> checks against the API's rebuild.</summary>
    private const int CheckedSample = 200;

    private readonly ApiServices _api;
    private readonly int _workers;
    private readonly ISerializer _serializer;
    private readonly string _streamType;
    private readonly Dictionary<Type, (string Name, string DotNetName)> _mappings;
    private readonly Timings _timings = new();

    /// <param name="workers">How many batches are loaded at once, each on a connection of its own.</param>
    public EventLoader(ApiServices api, int workers)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
        _workers = workers;
        _serializer = api.Serializer;
        var events = api.Events;
        _streamType = events.AggregateAliasFor(typeof(Offender));
        _mappings = api.Services.GetRequiredService<EventTypeRegistry>().Types.Keys.ToDictionary(
            type => type,
            type => (events.EventMappingFor(type).EventTypeName, events.EventMappingFor(type).DotNetTypeName));
    }

    /// <summary>The schema owner's data source the loader writes with.</summary>
    public NpgsqlDataSource Owner => _api.Owner;

    /// <summary>The read models a load writes: by this projection, each state folded with these policies.</summary>
    public sealed record ReadModels(OffenderSummaryProjection Projection, PolicyOptions? Policies);

    /// <summary>The read models as the API writes them: its projection, its policies.</summary>
    public ReadModels ApiReadModels =>
        new(_api.Summaries, _api.Services.GetRequiredService<IOptions<PolicyOptions>>().Value);

    /// <summary>
    /// Makes <paramref name="count"/> histories with <paramref name="make"/> (given 0 to count - 1, from several
    /// threads at once) and loads them in batches of <paramref name="batchSize"/> offenders: the batch's rows
    /// copied in, then each offender folded and its read models written by <paramref name="readModels"/>. Returns
    /// each stream's id and version, in order.
    /// <paramref name="progress"/> is told the offenders and events loaded so far after each batch.
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, long Version)>> LoadAsync(
        int count, Func<int, LoadStream> make, int batchSize, ReadModels readModels, Action<int, long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(make);
        var loaded = new (Guid, long)[count];
        var offenders = 0;
        var events = 0L;
        var batches = Enumerable.Range(0, (count + batchSize - 1) / batchSize);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _workers, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(batches, parallel, async (batch, token) =>
        {
            var started = Stopwatch.GetTimestamp();
            var first = batch * batchSize;
            var streams = Enumerable.Range(first, Math.Min(batchSize, count - first))
                .Select(i => make(i)).Select(stream => (Stream: stream, Rows: Rows(stream))).ToArray();
            _timings.Add(Timings.Making, started);
            await CopyAsync(streams, readModels, token);
            for (var i = 0; i < streams.Length; i++)
                loaded[first + i] = (streams[i].Stream.Id, streams[i].Rows.Length);
            lock (_timings)
            {
                offenders += streams.Length;
                events += streams.Sum(s => s.Rows.Length);
                progress?.Invoke(offenders, events);
            }
        });
        return loaded;
    }

    /// <summary>
    /// Loads the histories with the API's read models (as <see cref="LoadAsync"/>), saying how long it took and where
    /// the workers spent their time.
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, long Version)>> LoadWithReadModelsAsync(
        int count, Func<int, LoadStream> make, int batchSize, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        _timings.Reset();
        var readModels = ApiReadModels;
        var loaded = await LoadAsync(count, make, batchSize, readModels, Progress(clock, 10_000), cancellationToken);
        var events = loaded.Sum(s => s.Version);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loaded {events:N0} events of {loaded.Count:N0} offenders with their read models in "
            + $"{clock.Elapsed.TotalSeconds:F1} s ({events / clock.Elapsed.TotalSeconds:N0} events/s; "
            + $"{_workers} workers, "
            + $"their time summed: making and serializing histories {_timings.Seconds(Timings.Making):F0} s, "
            + $"COPY {_timings.Seconds(Timings.Copying):F0} s, "
            + $"read models {_timings.Seconds(Timings.Folding):F0} s)."));
        // A sample spread over the whole load.
        var step = Math.Max(1, loaded.Count / CheckedSample);
        var sample = loaded.Where((_, i) => i % step == 0).Select(s => s.Id).ToList();
        await CheckReadModelsAsync(readModels, sample, cancellationToken);
        return loaded;
    }

    /// <summary>VACUUM ANALYZE after a load, as an operator would; returns how long it took.</summary>
    public async Task<TimeSpan> VacuumAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var vacuum = _api.Owner.CreateCommand("VACUUM ANALYZE");
        vacuum.CommandTimeout = 0;
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
        return clock.Elapsed;
    }

    /// <summary>The database's size, for the record.</summary>
    public async Task<string> SizeAsync(CancellationToken cancellationToken)
    {
        await using var size = _api.Owner.CreateCommand("SELECT pg_size_pretty(pg_database_size(current_database()))");
        return (string)(await size.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>One mt_events row as the loader copies it (seq_id is drawn when the batch is copied).</summary>
    private sealed record Row(
        Guid StreamId, long Version, string Data, string Type, string DotNetType, DateTimeOffset Timestamp,
        string CorrelationId, string UserName);

    private Row[] Rows(LoadStream stream)
    {
        var correlationId = Guid.CreateVersion7().ToString();
        var rows = new Row[stream.Events.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var e = (IOffenderEvent)stream.Events[i];
            var (name, dotNetName) = _mappings[e.GetType()];
            rows[i] = new Row(stream.Id, i + 1, _serializer.ToJson(e), name, dotNetName, e.RecordedAt, correlationId,
                e.RecordedBy.Name);
        }

        return rows;
    }

    private async Task CopyAsync(
        (LoadStream Stream, Row[] Rows)[] streams, ReadModels readModels, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var total = streams.Sum(s => s.Rows.Length);
        await using var connection = await _api.Owner.OpenConnectionAsync(cancellationToken);
        // The loader's many commits need not wait for the disk one by one: a crash would lose the load, which is
        // started again anyway. What is written is the same; the measurements run with the server's durability.
        await using (var asynchronous = new NpgsqlCommand("SET synchronous_commit = off", connection))
            await asynchronous.ExecuteNonQueryAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var sequence = await DrawSequenceAsync(connection, total, cancellationToken);
            await CopyStreamsAsync(connection, streams, cancellationToken);
            await CopyEventsAsync(connection, streams.SelectMany(s => s.Rows), sequence, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        started = _timings.Add(Timings.Copying, started);
        foreach (var (stream, rows) in streams)
        {
            var recorded = stream.Events.Select((e, i) => Recorded(stream.Id, rows[i], (IOffenderEvent)e)).ToList();
            var state = Offender.Fold(recorded, readModels.Policies)!;
            await using var write = await connection.BeginTransactionAsync(cancellationToken);
            await readModels.Projection.WriteAsync(connection, before: null, state, afresh: false, cancellationToken);
            await write.CommitAsync(cancellationToken);
        }

        _timings.Add(Timings.Folding, started);
    }

    /// <summary>An event as <see cref="OffenderSummaryProjection.ReadEventsAsync"/> gives it to the fold.</summary>
    private static RecordedEvent Recorded(Guid streamId, Row row, IOffenderEvent data) =>
        new(0, streamId, row.Version, row.Type, data,
            new EventMetadata(data.RecordedBy.UserId, data.RecordedBy.Name, data.RecordedAt, Guid.Empty));

    private static async Task<long[]> DrawSequenceAsync(
        NpgsqlConnection connection, int count, CancellationToken cancellationToken)
    {
        var sequence = new long[count];
        await using var draw = new NpgsqlCommand(
            $"SELECT nextval('{EventStore.Schema}.mt_events_sequence') FROM generate_series(1, $1)", connection);
        draw.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        await using var reader = await draw.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
            sequence[i] = reader.GetInt64(0);
        return sequence;
    }

    private async Task CopyStreamsAsync(
        NpgsqlConnection connection, (LoadStream Stream, Row[] Rows)[] streams, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {EventStore.Schema}.mt_streams (id, type, version, tenant_id) FROM STDIN BINARY", cancellationToken);
        foreach (var (stream, rows) in streams)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(stream.Id, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(_streamType, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync((long)rows.Length, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(StorageConstants.DefaultTenantId, NpgsqlDbType.Varchar, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task CopyEventsAsync(
        NpgsqlConnection connection, IEnumerable<Row> rows, long[] sequence, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {EventStore.Schema}.mt_events ({EventColumns}) FROM STDIN BINARY", cancellationToken);
        var next = 0;
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(sequence[next++], NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(row.StreamId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(row.Version, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(row.Data, NpgsqlDbType.Jsonb, cancellationToken);
            await copy.WriteAsync(row.Type, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(row.Timestamp, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(StorageConstants.DefaultTenantId, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(row.DotNetType, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(row.CorrelationId, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(row.UserName, NpgsqlDbType.Varchar, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Checks the read models a load wrote for <paramref name="sample"/> against the API's rebuild: in a transaction
    /// rolled back afterwards, each offender is folded afresh from its stored events and written as the rebuild
    /// writes it, and its rows in offender_summaries, obligations and partner_shares must be the same before and
    /// after. Throws at the first difference.
    /// </summary>
    public async Task CheckReadModelsAsync(
        ReadModels readModels, IReadOnlyList<Guid> sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readModels);
        ArgumentNullException.ThrowIfNull(sample);
        var ids = sample.ToArray();
        await using var connection = await _api.Owner.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var loaded = await ReadModelRowsAsync(connection, ids, cancellationToken);
        var stored = await readModels.Projection.ReadEventsAsync(connection, ids, cancellationToken);
        foreach (var events in stored.Values)
        {
            var state = Offender.Fold(events, readModels.Policies)!;
            await readModels.Projection.WriteAsync(connection, before: null, state, afresh: true, cancellationToken);
        }

        var rebuilt = await ReadModelRowsAsync(connection, ids, cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
        foreach (var id in ids)
        {
            if (loaded.GetValueOrDefault(id) is not { } rows || rows != rebuilt.GetValueOrDefault(id))
            {
                throw new InvalidOperationException(
                    $"Offender {id}: the loaded read models differ from those the rebuild writes.\n"
                    + $"loaded:  {loaded.GetValueOrDefault(id)}\nrebuilt: {rebuilt.GetValueOrDefault(id)}");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Check: the read models of {ids.Length} loaded offenders are the rows the API's rebuild writes "
            + $"from their stored events."));
    }

    /// <summary>Each offender's rows in the read models, as one text to compare.</summary>
    private static async Task<Dictionary<Guid, string>> ReadModelRowsAsync(
        NpgsqlConnection connection, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT s.offender_id,
                   jsonb_build_array(to_jsonb(s),
                       (SELECT jsonb_agg(to_jsonb(o) ORDER BY o.key)
                          FROM mosovo.obligations o WHERE o.offender_id = s.offender_id),
                       (SELECT jsonb_agg(to_jsonb(p) ORDER BY p.share_id)
                          FROM mosovo.partner_shares p WHERE p.offender_id = s.offender_id)
                   )::text
              FROM mosovo.offender_summaries s
             WHERE s.offender_id = ANY($1)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        var rows = new Dictionary<Guid, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows[reader.GetGuid(0)] = reader.GetString(1);
        return rows;
    }

    /// <summary>Prints a load's progress every <paramref name="every"/> offenders.</summary>
    public static Action<int, long> Progress(Stopwatch clock, int every)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var next = every;
        return (offenders, events) =>
        {
            if (offenders < next)
                return;
            next += every;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {offenders:N0} offenders in {clock.Elapsed.TotalSeconds:F0} s "
                + $"({events / clock.Elapsed.TotalSeconds:N0} events/s)"));
        };
    }

    /// <summary>Where the workers spent their time, summed over them (in stopwatch ticks).</summary>
    private sealed class Timings
    {
        public const int Making = 0, Copying = 1, Folding = 2;

        private readonly long[] _ticks = new long[3];

        /// <summary>Adds the time since <paramref name="started"/> to a part; returns now (the next's start).</summary>
        public long Add(int part, long started)
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.Add(ref _ticks[part], now - started);
            return now;
        }

        public double Seconds(int part) => (double)Interlocked.Read(ref _ticks[part]) / Stopwatch.Frequency;

        public void Reset() => Array.Clear(_ticks);
    }
}
