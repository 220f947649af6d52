using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Mosovo.EventStore;

/// <summary>
/// Streams of events in PostgreSQL. An append checks the stream's version, writes the events, runs the
/// inline projections, writes the outbox and any extra work, all in one transaction: either everything is
/// written or nothing is.
/// </summary>
public sealed class PostgresEventStore(
    NpgsqlDataSource dataSource,
    EventTypeRegistry types,
    IEnumerable<IInlineProjection> projections)
{
    private readonly IInlineProjection[] _projections = projections.ToArray();

    public EventTypeRegistry Types => types;

    /// <summary>
    /// Appends events to a stream. <paramref name="expectedVersion"/> is the version the writer last read:
    /// 0 for a new stream. A stale version raises <see cref="ConcurrencyException"/> and writes nothing.
    /// </summary>
    public async Task<AppendResult> AppendAsync(
        Guid streamId,
        string streamType,
        long expectedVersion,
        IReadOnlyList<object> events,
        EventMetadata metadata,
        AppendOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (events.Count == 0)
            throw new ArgumentException("An append needs at least one event.", nameof(events));

        var typeNames = new string[events.Count];
        var payloads = new string[events.Count];
        var versions = new long[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            typeNames[i] = types.NameOf(events[i].GetType());
            payloads[i] = types.Serialize(events[i]);
            versions[i] = expectedVersion + i + 1;
        }

        var newVersion = expectedVersion + events.Count;
        metadata = metadata with { RecordedAt = metadata.RecordedAt.ToUniversalTime() };
        var metadataJson = JsonSerializer.Serialize(metadata, types.SerializerOptions);

        // One statement moves the stream to its new version and inserts the events only if the stream was at
        // the expected version (a new stream: only if it did not exist). No row back means someone else wrote
        // first, and nothing was written. A race waits on the stream row's lock and then finds the version moved.
        var appendSql = expectedVersion == 0
            ? """
              WITH s AS (
                  INSERT INTO mosovo.streams (id, type, version, created_at, updated_at) VALUES ($1, $7, $8, $6, $6)
                  ON CONFLICT (id) DO NOTHING RETURNING id)
              INSERT INTO mosovo.events (stream_id, version, type, data, metadata, recorded_at)
              SELECT s.id, e.version, e.type, e.data, $5, $6
              FROM s, unnest($2::bigint[], $3::text[], $4::jsonb[]) AS e (version, type, data)
              RETURNING seq, version
              """
            : """
              WITH s AS (
                  UPDATE mosovo.streams SET version = $8, updated_at = $6 WHERE id = $1 AND version = $7 RETURNING id)
              INSERT INTO mosovo.events (stream_id, version, type, data, metadata, recorded_at)
              SELECT s.id, e.version, e.type, e.data, $5, $6
              FROM s, unnest($2::bigint[], $3::text[], $4::jsonb[]) AS e (version, type, data)
              RETURNING seq, version
              """;
        var append = Command(appendSql,
            P(streamId), P(versions), P(typeNames), Jsonb(payloads), Jsonb(metadataJson), P(metadata.RecordedAt),
            expectedVersion == 0 ? P(streamType) : (NpgsqlParameter)P(expectedVersion), P(newVersion));

        // Without projections, outbox or extra work the append is that one statement: one round trip, no transaction.
        var alone = _projections.Length == 0 && (options is null || (options.Outbox.Count == 0 && options.BeforeCommit is null));

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = alone ? null : await connection.BeginTransactionAsync(cancellationToken);

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(append);
        foreach (var message in options?.Outbox ?? [])
        {
            batch.BatchCommands.Add(Command(
                "INSERT INTO mosovo.outbox (type, payload, stream_id, correlation_id, created_at, available_at) VALUES ($1, $2, $3, $4, $5, $5)",
                P(message.Type), Jsonb(types.Serialize(message.Payload)), P(streamId), P(metadata.CorrelationId), P(metadata.RecordedAt)));
        }

        var sequences = new long[events.Count];
        var written = 0;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sequences[reader.GetInt64(1) - expectedVersion - 1] = reader.GetInt64(0);
                written++;
            }
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation)
        {
            if (transaction is not null) await transaction.RollbackAsync(cancellationToken);
            throw await ConflictAsync(streamId, expectedVersion, cancellationToken);
        }

        if (written != events.Count)
        {
            if (transaction is not null) await transaction.RollbackAsync(cancellationToken);
            throw await ConflictAsync(streamId, expectedVersion, cancellationToken);
        }

        var recorded = new RecordedEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
            recorded[i] = new RecordedEvent(sequences[i], streamId, versions[i], typeNames[i], events[i], metadata);

        var result = new AppendResult(streamId, newVersion, recorded);
        if (transaction is null)
            return result;

        var context = new TransactionContext(connection, transaction);
        await ApplyProjectionsAsync(context, recorded, cancellationToken);
        if (options?.BeforeCommit is { } beforeCommit)
            await beforeCommit(context, result, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// The bulk path, for loading history from another system or a data set: starts many new streams in one
    /// transaction with binary COPY, then runs the inline projections over all their events, as an append
    /// would. Every stream must be new (a stream that exists fails the whole load: nothing is written).
    /// Events get their global sequence numbers in the order given.
    /// </summary>
    public async Task BulkStartStreamsAsync(IReadOnlyList<StreamStart> streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var recorded = new List<RecordedEvent>(streams.Sum(s => s.Events.Count));

        await using (var copyStreams = await connection.BeginBinaryImportAsync(
            "COPY mosovo.streams (id, type, version, created_at, updated_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var stream in streams)
            {
                if (stream.Events.Count == 0)
                    throw new ArgumentException($"Stream {stream.Id} has no events.", nameof(streams));
                var at = stream.Metadata.RecordedAt.ToUniversalTime();
                await copyStreams.StartRowAsync(cancellationToken);
                await copyStreams.WriteAsync(stream.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copyStreams.WriteAsync(stream.Type, NpgsqlDbType.Text, cancellationToken);
                await copyStreams.WriteAsync((long)stream.Events.Count, NpgsqlDbType.Bigint, cancellationToken);
                await copyStreams.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
                await copyStreams.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await copyStreams.CompleteAsync(cancellationToken);
        }

        await using (var copyEvents = await connection.BeginBinaryImportAsync(
            "COPY mosovo.events (stream_id, version, type, data, metadata, recorded_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var stream in streams)
            {
                var metadata = stream.Metadata with { RecordedAt = stream.Metadata.RecordedAt.ToUniversalTime() };
                var metadataJson = JsonSerializer.Serialize(metadata, types.SerializerOptions);
                for (var i = 0; i < stream.Events.Count; i++)
                {
                    var data = stream.Events[i];
                    var typeName = types.NameOf(data.GetType());
                    await copyEvents.StartRowAsync(cancellationToken);
                    await copyEvents.WriteAsync(stream.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await copyEvents.WriteAsync((long)(i + 1), NpgsqlDbType.Bigint, cancellationToken);
                    await copyEvents.WriteAsync(typeName, NpgsqlDbType.Text, cancellationToken);
                    await copyEvents.WriteAsync(types.Serialize(data), NpgsqlDbType.Jsonb, cancellationToken);
                    await copyEvents.WriteAsync(metadataJson, NpgsqlDbType.Jsonb, cancellationToken);
                    await copyEvents.WriteAsync(metadata.RecordedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                    // The sequence is assigned by the database; projections key on stream and version.
                    recorded.Add(new RecordedEvent(0, stream.Id, i + 1, typeName, data, metadata));
                }
            }

            await copyEvents.CompleteAsync(cancellationToken);
        }

        await ApplyProjectionsAsync(new TransactionContext(connection, transaction), recorded, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The stream's current version, or null when it does not exist.</summary>
    public async Task<long?> GetStreamVersionAsync(Guid streamId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM mosovo.streams WHERE id = $1");
        command.Parameters.Add(P(streamId));
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is long version ? version : null;
    }

    /// <summary>Events of one stream in order, from <paramref name="fromVersion"/> on.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(
        Guid streamId, long fromVersion = 1, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT seq, stream_id, version, type, data, metadata FROM mosovo.events WHERE stream_id = $1 AND version >= $2 ORDER BY version");
        command.Parameters.Add(P(streamId));
        command.Parameters.Add(P(fromVersion));
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>Events of one stream with one stored type name, in order.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamOfTypeAsync(Guid streamId, string typeName, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT seq, stream_id, version, type, data, metadata FROM mosovo.events WHERE stream_id = $1 AND type = $2 ORDER BY version");
        command.Parameters.Add(P(streamId));
        command.Parameters.Add(P(typeName));
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>
    /// One stream's events read inside a write's transaction (for projections that must fold the whole
    /// stream again, e.g. after a correction), including the events the write has just appended.
    /// </summary>
    public static async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(
        TransactionContext context, EventTypeRegistry types, Guid streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var command = new NpgsqlCommand(
            "SELECT seq, stream_id, version, type, data, metadata FROM mosovo.events WHERE stream_id = $1 ORDER BY version",
            context.Connection, context.Transaction);
        command.Parameters.Add(P(streamId));
        var result = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            result.Add(ReadEvent(reader, types));
        return result;
    }

    /// <summary>Events of one stream newest first: <paramref name="skip"/> events from the newest, then up to <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamBackwardAsync(
        Guid streamId, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        await using var command = dataSource.CreateCommand(
            "SELECT seq, stream_id, version, type, data, metadata FROM mosovo.events WHERE stream_id = $1 ORDER BY version DESC OFFSET $2 LIMIT $3");
        command.Parameters.Add(P(streamId));
        command.Parameters.Add(P((long)skip));
        command.Parameters.Add(P((long)take));
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>
    /// Every event after <paramref name="afterSequence"/> in global order, read in pages of
    /// <paramref name="pageSize"/>. Positions of transactions still in flight may appear later with lower
    /// numbers: read-all is for rebuilds and exports, not for live subscriptions (the outbox is).
    /// </summary>
    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(
        long afterSequence = 0, int pageSize = 1000, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var position = afterSequence;
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                "SELECT seq, stream_id, version, type, data, metadata FROM mosovo.events WHERE seq > $1 ORDER BY seq LIMIT $2");
            command.Parameters.Add(P(position));
            command.Parameters.Add(P(pageSize));
            var page = await ReadEventsAsync(command, cancellationToken);
            foreach (var e in page)
                yield return e;
            if (page.Count < pageSize)
                yield break;
            position = page[^1].Sequence;
        }
    }

    internal async Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var result = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            result.Add(ReadEvent(reader));
        return result;
    }

    internal RecordedEvent ReadEvent(NpgsqlDataReader reader) => ReadEvent(reader, types);

    private static RecordedEvent ReadEvent(NpgsqlDataReader reader, EventTypeRegistry types)
    {
        var sequence = reader.GetInt64(0);
        var typeName = reader.GetString(3);
        object data;
        try
        {
            data = types.Deserialize(typeName, reader.GetString(4));
        }
        catch (UnknownEventTypeException e)
        {
            throw new UnknownEventTypeException($"Event {sequence}: {e.Message}", e);
        }

        var metadata = JsonSerializer.Deserialize<EventMetadata>(reader.GetString(5), types.SerializerOptions)
            ?? throw new InvalidOperationException($"Event {sequence} has no metadata.");
        return new RecordedEvent(sequence, reader.GetGuid(1), reader.GetInt64(2), typeName, data, metadata);
    }

    internal Task ApplyProjectionsAsync(TransactionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken) =>
        ApplyProjectionsAsync(_projections, context, events, cancellationToken);

    internal static async Task ApplyProjectionsAsync(
        IEnumerable<IInlineProjection> projections, TransactionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var projection in projections)
        {
            try
            {
                await projection.ApplyAsync(context, events, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ProjectionException(projection.Name, e);
            }
        }
    }

    private async Task<ConcurrencyException> ConflictAsync(Guid streamId, long expectedVersion, CancellationToken cancellationToken) =>
        new(streamId, expectedVersion, await GetStreamVersionAsync(streamId, cancellationToken));

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<T> P<T>(T value) => new() { TypedValue = value };

    private static NpgsqlParameter Jsonb(object value) => new() { Value = value, NpgsqlDbType = value is string[] ? NpgsqlDbType.Array | NpgsqlDbType.Jsonb : NpgsqlDbType.Jsonb };
}
