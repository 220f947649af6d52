using System.Data;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Mosovo.Api.Compliance;
using Npgsql;
using NpgsqlTypes;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Writes the read models of an offender's record: <c>mosovo.offender_summaries</c> (the folded state, and the
/// columns search and caseloads filter on), <c>mosovo.obligations</c> (whose triggers keep the queue's counters)
/// and <c>mosovo.partner_shares</c>. A write calls it with the state it decided on and the state after its
/// events, in the write's own transaction, so the read models never disagree with the stream and the state is
/// folded once per write. A rebuild folds every stream from Marten's events and writes them afresh.
/// </summary>
/// <remarks>
/// Obligations live in one place, <c>mosovo.obligations</c>: the stored state names the ones it holds
/// (<see cref="ComplianceState.Stored"/>: the open ones and the latest home-visit items) in the column
/// <c>held_obligations</c>, and <see cref="ReadAsync"/> puts those rows back into the state, so that a write
/// reads and writes only the obligations it changes (ADR 0007).
/// </remarks>
public sealed class OffenderSummaryProjection(EventTypeRegistry types, IOptions<PolicyOptions> policies)
{
    /// <summary>
    /// The shape of the stored state. Raise it whenever <see cref="Offender"/> or one of its parts changes
    /// shape: rows of an older shape are folded again from their streams (<see cref="RefreshOutdatedAsync"/>).
    /// </summary>
    public const int SchemaVersion = 7;

    private const string ReadEventsSql =
        """
        SELECT stream_id, version, type, data::text FROM mosovo.mt_events
         WHERE stream_id = ANY($1) ORDER BY stream_id, version
        """;

    /// <summary>
    /// Folds again, from their streams, the summaries stored in an older shape, a page at a time (each page
    /// one transaction, its rows locked). Returns how many were refreshed. Run at start-up before serving.
    /// </summary>
    public async Task<int> RefreshOutdatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var refreshed = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var ids = new List<Guid>();
            await using (var outdated = new NpgsqlCommand(
                """
                SELECT offender_id FROM mosovo.offender_summaries WHERE schema_version <> $1
                LIMIT 500 FOR UPDATE SKIP LOCKED
                """, connection, transaction))
            {
                outdated.Parameters.Add(new NpgsqlParameter<int> { TypedValue = SchemaVersion });
                await using var reader = await outdated.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    ids.Add(reader.GetGuid(0));
            }

            if (ids.Count == 0)
                return refreshed;

            await WriteAfreshAsync(connection, [.. ids], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            refreshed += ids.Count;
        }
    }

    /// <summary>
    /// Empties every read model of the record and writes it again from the events, in one transaction that
    /// holds appends back (Marten's events table locked in SHARE mode), so no event is missed or applied twice.
    /// Returns the number of events replayed.
    /// </summary>
    public async Task<long> RebuildAsync(NpgsqlDataSource ownerDataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownerDataSource);
        await using var connection = await ownerDataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var reset = new NpgsqlCommand(
            """
            LOCK TABLE mosovo.mt_events IN SHARE MODE;
            TRUNCATE mosovo.offender_summaries, mosovo.obligations, mosovo.obligation_counts, mosovo.partner_shares;
            """, connection, transaction))
        {
            await reset.ExecuteNonQueryAsync(cancellationToken);
        }

        var ids = new List<Guid>();
        const string StreamIds = "SELECT id FROM mosovo.mt_streams ORDER BY id";
        await using (var streams = new NpgsqlCommand(StreamIds, connection, transaction))
        await using (var reader = await streams.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                ids.Add(reader.GetGuid(0));
        }

        long replayed = 0;
        foreach (var page in ids.Chunk(500))
            replayed += await WriteAfreshAsync(connection, page, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return replayed;
    }

    /// <summary>Folds these streams from every event and replaces their read models; returns the events folded.</summary>
    private async Task<long> WriteAfreshAsync(
        NpgsqlConnection connection, Guid[] ids, CancellationToken cancellationToken)
    {
        var streams = await ReadEventsAsync(connection, ids, cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var events in streams.Values)
            AddWrites(batch, before: null, Offender.Fold(events, policies.Value)!, afresh: true);
        if (batch.BatchCommands.Count > 0)
            await batch.ExecuteNonQueryAsync(cancellationToken);
        return streams.Values.Sum(e => (long)e.Count);
    }

    /// <summary>Every event of these streams, in order, read on the caller's connection (and transaction).</summary>
    public async Task<IReadOnlyDictionary<Guid, List<RecordedEvent>>> ReadEventsAsync(
        NpgsqlConnection connection, Guid[] ids, CancellationToken cancellationToken)
    {
        var streams = new Dictionary<Guid, List<RecordedEvent>>();
        await using var command = new NpgsqlCommand(ReadEventsSql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            if (!streams.TryGetValue(id, out var events))
                streams[id] = events = [];
            var type = reader.GetString(2);
            var data = (IOffenderEvent)types.Deserialize(type, reader.GetString(3));
            events.Add(new RecordedEvent(0, id, reader.GetInt64(1), type, data,
                new EventMetadata(data.RecordedBy.UserId, data.RecordedBy.Name, data.RecordedAt, Guid.Empty)));
        }

        return streams;
    }

    /// <summary>
    /// The offender's state for a write, its summary row locked until the write's transaction ends (writers to one
    /// offender queue here); a summary of an older shape is folded afresh from the stream. Null when there is none.
    /// </summary>
    public async Task<Offender?> ReadForWriteAsync(
        NpgsqlConnection connection, Guid offenderId, CancellationToken cancellationToken)
    {
        var states = await ReadAsync(connection, null, [offenderId], types, forWrite: true, cancellationToken);
        if (states.TryGetValue(offenderId, out var state))
            return state;
        await using var outdated = new NpgsqlCommand(
            "SELECT 1 FROM mosovo.offender_summaries WHERE offender_id = $1 FOR UPDATE", connection);
        outdated.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = offenderId });
        if (await outdated.ExecuteScalarAsync(cancellationToken) is null)
            return null;
        var events = await ReadEventsAsync(connection, [offenderId], cancellationToken);
        return Offender.Fold(events[offenderId], policies.Value);
    }

    /// <summary>
    /// Writes what changed between <paramref name="before"/> (null for a new record) and <paramref name="after"/>
    /// on the caller's connection, in its transaction. <paramref name="afresh"/>: the state was folded from every
    /// event (after a withdrawal, or for an older shape), so it holds every obligation and replaces them all.
    /// </summary>
    public async Task WriteAsync(
        NpgsqlConnection connection, Offender? before, Offender after, bool afresh, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        AddWrites(batch, before, after, afresh);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private void AddWrites(NpgsqlBatch batch, Offender? before, Offender state, bool afresh)
    {
        batch.BatchCommands.Add(Upsert(state));
        var replaceAll = before is null || afresh;
        var sharesChanged = replaceAll
            ? before is not null || state.Shares.All.Count > 0
            : !before!.Shares.All.SequenceEqual(state.Shares.All);
        if (sharesChanged)
        {
            batch.BatchCommands.Add(DeleteShares(state.Id));
            batch.BatchCommands.Add(InsertShares(state));
        }

        if (replaceAll)
        {
            // New or folded afresh from every event: the fold holds every obligation, open and closed.
            if (before is not null || afresh)
                batch.BatchCommands.Add(DeleteObligations(state.Id));
            batch.BatchCommands.Add(WriteObligations(state, state.Compliance.Obligations));
            return;
        }

        // The state held its open obligations (ComplianceState.Stored): write those this write opened or
        // changed (closed, re-planned), in place; the closed ones the table already has stay as they are.
        if (before!.Allocation != state.Allocation)
            batch.BatchCommands.Add(Reallocate(state));
        var earlier = before.Compliance.Obligations.ToDictionary(o => o.Key, StringComparer.Ordinal);
        var changed = state.Compliance.Obligations.Where(o => !earlier.TryGetValue(o.Key, out var was) || was != o).ToList();
        if (changed.Count > 0)
            batch.BatchCommands.Add(WriteObligations(state, changed));
    }

    /// <summary>
    /// The stored states of these offenders, each with the obligations it holds read back from <c>mosovo.obligations</c>,
    /// rows locked for the caller's transaction. Summaries of an older shape are left out: the caller folds those afresh.
    /// </summary>
    public static Task<IReadOnlyDictionary<Guid, Offender>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid[] ids, EventTypeRegistry types, CancellationToken cancellationToken) =>
        ReadAsync(connection, transaction, ids, types, forWrite: true, cancellationToken);

    /// <summary>
    /// One offender's state for a read, null when there is no such offender: the stored state with the obligations it
    /// holds, read in one snapshot so that they agree with each other and with the version. A summary of an older shape
    /// (written by an older instance during a rolling deploy) is folded from its stream instead. Nothing is locked.
    /// </summary>
    public async Task<Offender?> ReadOneAsync(
        NpgsqlDataSource database, Guid offenderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction =
            await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var states = await ReadAsync(connection, transaction, [offenderId], types, forWrite: false, cancellationToken);
        if (states.TryGetValue(offenderId, out var state))
            return state;

        await using var outdated = new NpgsqlCommand(
            "SELECT 1 FROM mosovo.offender_summaries WHERE offender_id = $1", connection, transaction);
        outdated.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = offenderId });
        if (await outdated.ExecuteScalarAsync(cancellationToken) is null)
            return null;
        var events = await ReadEventsAsync(connection, [offenderId], cancellationToken);
        return events.TryGetValue(offenderId, out var stream) ? Offender.Fold(stream, policies.Value) : null;
    }

    private static async Task<IReadOnlyDictionary<Guid, Offender>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid[] ids, EventTypeRegistry types, bool forWrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(types);
        var states = new Dictionary<Guid, Offender>();
        await using var batch = new NpgsqlBatch(connection, transaction);
        // Only summaries of the current shape: a row of an older shape would not read as this state.
        var read = new NpgsqlBatchCommand(
            "SELECT offender_id, state FROM mosovo.offender_summaries"
            + " WHERE offender_id = ANY($1) AND schema_version = $2" + (forWrite ? " FOR UPDATE" : ""));
        read.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        read.Parameters.Add(new NpgsqlParameter<int> { TypedValue = SchemaVersion });
        batch.BatchCommands.Add(read);
        batch.BatchCommands.Add(HeldObligations(ids));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            states[reader.GetGuid(0)] = JsonSerializer.Deserialize<Offender>(reader.GetString(1), types.SerializerOptions)!;
        await reader.NextResultAsync(cancellationToken);
        foreach (var (id, held) in await ReadHeldAsync(reader, cancellationToken))
        {
            if (states.TryGetValue(id, out var state))
                states[id] = WithHeld(state, held);
        }

        return states;
    }

    /// <summary>The obligations the stored states of these offenders hold, in the order they hold them.</summary>
    private static NpgsqlBatchCommand HeldObligations(Guid[] ids)
    {
        var command = new NpgsqlBatchCommand(
            """
            SELECT o.offender_id, o.key, o.kind, o.what, o.why, o.opened_by_version, o.opened_by_type, o.anchor_at, o.basis, o.due_at,
                   o.closed_by_version, o.closed_by_type, o.closed_at, o.closed_by, o.waived, o.waiver_reason
            FROM mosovo.offender_summaries s
            JOIN mosovo.obligations o ON o.offender_id = s.offender_id AND o.key = ANY (s.held_obligations)
            WHERE s.offender_id = ANY($1)
            ORDER BY o.offender_id, array_position(s.held_obligations, o.key)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        return command;
    }

    /// <summary>Reads the result of <see cref="HeldObligations"/>: each offender's held obligations, in order.</summary>
    private static async Task<IReadOnlyDictionary<Guid, List<Obligation>>> ReadHeldAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var held = new Dictionary<Guid, List<Obligation>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            if (!held.TryGetValue(id, out var list))
                held[id] = list = [];
            list.Add(new Obligation(
                reader.GetString(1), Enum.Parse<ObligationKind>(reader.GetString(2)), reader.GetString(3), reader.GetString(4),
                reader.GetInt64(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9),
                reader.IsDBNull(12) ? null : new ObligationClosure(
                    reader.GetInt64(10), reader.GetString(11), reader.GetFieldValue<DateTimeOffset>(12), reader.GetString(13),
                    reader.GetBoolean(14), reader.IsDBNull(15) ? null : reader.GetString(15))));
        }

        return held;
    }

    /// <summary>
    /// The stored state with the obligations it holds put back. A state stored before obligations moved out of it
    /// (schema version 5) still carries its own, and has none held.
    /// </summary>
    private static Offender WithHeld(Offender state, IReadOnlyList<Obligation>? held)
    {
        ArgumentNullException.ThrowIfNull(state);
        return held is null or { Count: 0 }
            ? state
            : state with { Compliance = state.Compliance with { Obligations = [.. state.Compliance.Obligations, .. held] } };
    }

    private static NpgsqlBatchCommand DeleteObligations(Guid offenderId)
    {
        var command = new NpgsqlBatchCommand("DELETE FROM mosovo.obligations WHERE offender_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = offenderId });
        return command;
    }

    /// <summary>Every obligation of the offender, open and closed, moves with them to their new manager and team.</summary>
    private static NpgsqlBatchCommand Reallocate(Offender state)
    {
        var command = new NpgsqlBatchCommand("UPDATE mosovo.obligations SET team = $2, manager_id = $3, manager_name = $4 WHERE offender_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = state.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.Allocation.Team });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.Allocation.Manager.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.Allocation.Manager.Name });
        return command;
    }

    private static NpgsqlBatchCommand DeleteShares(Guid offenderId)
    {
        var command = new NpgsqlBatchCommand("DELETE FROM mosovo.partner_shares WHERE offender_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = offenderId });
        return command;
    }

    private NpgsqlBatchCommand InsertShares(Offender state)
    {
        var rows = state.Shares.All.Select(s => new ShareRow(
            s.ShareId, s.Agency.ToString(), s.Purpose, s.ServesLevel, s.ServesMeetingId, s.Until, s.GrantedAt,
            s.Ended is { Kind: ShareEndKind.Revoked } revoked ? revoked.At : null,
            s.Ended is { Kind: ShareEndKind.Expired } expired ? expired.At : null));
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO mosovo.partner_shares
                (offender_id, share_id, agency, purpose, serves_level, serves_meeting_id, until, granted_at, revoked_at, expired_at)
            SELECT $1, r."shareId", r.agency, r.purpose, r."servesLevel", r."servesMeetingId", r.until, r."grantedAt", r."revokedAt", r."expiredAt"
            FROM jsonb_to_recordset($2) AS r ("shareId" uuid, agency text, purpose text, "servesLevel" integer, "servesMeetingId" uuid,
                 until timestamptz, "grantedAt" timestamptz,
                 "revokedAt" timestamptz, "expiredAt" timestamptz)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = state.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(rows, types.SerializerOptions), NpgsqlDbType = NpgsqlDbType.Jsonb });
        return command;
    }

    private sealed record ShareRow(Guid ShareId, string Agency, string Purpose, int? ServesLevel, Guid? ServesMeetingId, DateTimeOffset Until, DateTimeOffset GrantedAt, DateTimeOffset? RevokedAt, DateTimeOffset? ExpiredAt);

    /// <summary>
    /// Inserts the obligations, or updates in place those the table has (closed, re-planned). An update forgets that
    /// the item was counted overdue: the counters take it off as it was, and the overdue sweep marks it again if it is.
    /// </summary>
    private NpgsqlBatchCommand WriteObligations(Offender state, IEnumerable<Obligation> obligations)
    {
        var rows = obligations.Select(o => new ObligationRow(
            o.Key, o.Kind.ToString(), o.What, o.Why, o.OpenedByVersion, o.OpenedByType, o.AnchorAt, o.DueAt,
            o.Closure?.At, o.Closure?.ByVersion, o.Closure?.By, o.Closure?.Waived ?? false, o.Closure?.Reason, o.Basis, o.Closure?.ByType));
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO mosovo.obligations
                (offender_id, key, kind, what, why, opened_by_version, opened_by_type, anchor_at, due_at,
                 closed_at, closed_by_version, closed_by, waived, waiver_reason, team, manager_id, manager_name, basis, closed_by_type)
            SELECT $1, r.key, r.kind, r.what, r.why, r."openedByVersion", r."openedByType", r."anchorAt", r."dueAt",
                   r."closedAt", r."closedByVersion", r."closedBy", r.waived, r."waiverReason", $3, $4, $5, r.basis, r."closedByType"
            FROM jsonb_to_recordset($2) AS r (key text, kind text, what text, why text, "openedByVersion" bigint, "openedByType" text,
                 "anchorAt" timestamptz, "dueAt" timestamptz, "closedAt" timestamptz, "closedByVersion" bigint, "closedBy" text,
                 waived boolean, "waiverReason" text, basis text, "closedByType" text)
            ON CONFLICT (offender_id, key) DO UPDATE SET
                kind = EXCLUDED.kind, what = EXCLUDED.what, why = EXCLUDED.why, opened_by_version = EXCLUDED.opened_by_version,
                opened_by_type = EXCLUDED.opened_by_type, anchor_at = EXCLUDED.anchor_at, due_at = EXCLUDED.due_at,
                closed_at = EXCLUDED.closed_at, closed_by_version = EXCLUDED.closed_by_version, closed_by = EXCLUDED.closed_by,
                waived = EXCLUDED.waived, waiver_reason = EXCLUDED.waiver_reason, team = EXCLUDED.team, manager_id = EXCLUDED.manager_id,
                manager_name = EXCLUDED.manager_name, basis = EXCLUDED.basis, closed_by_type = EXCLUDED.closed_by_type,
                counted_overdue = false
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = state.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(rows, types.SerializerOptions), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.Allocation.Team });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.Allocation.Manager.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.Allocation.Manager.Name });
        return command;
    }

    private sealed record ObligationRow(
        string Key, string Kind, string What, string Why, long OpenedByVersion, string OpenedByType, DateTimeOffset AnchorAt,
        DateTimeOffset DueAt, DateTimeOffset? ClosedAt, long? ClosedByVersion, string? ClosedBy, bool Waived, string? WaiverReason,
        string? Basis, string? ClosedByType);

    private NpgsqlBatchCommand Upsert(Offender state)
    {
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO mosovo.offender_summaries
                (offender_id, version, reference, given_names, family_name, search_text, date_of_birth,
                 manager_id, manager_name, team, registration_ended, state, schema_version, list_item, pnc_id, held_obligations)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
            ON CONFLICT (offender_id) DO UPDATE SET
                version = EXCLUDED.version, reference = EXCLUDED.reference, given_names = EXCLUDED.given_names,
                family_name = EXCLUDED.family_name, search_text = EXCLUDED.search_text, date_of_birth = EXCLUDED.date_of_birth,
                manager_id = EXCLUDED.manager_id, manager_name = EXCLUDED.manager_name, team = EXCLUDED.team,
                registration_ended = EXCLUDED.registration_ended, state = EXCLUDED.state, schema_version = EXCLUDED.schema_version,
                list_item = EXCLUDED.list_item, pnc_id = EXCLUDED.pnc_id, held_obligations = EXCLUDED.held_obligations
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = state.Id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = state.Version });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.Identity.Reference });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.Identity.Name.GivenNames });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.Identity.Name.FamilyName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SearchText.ForOffender(state.Identity) });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = state.Identity.DateOfBirth });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.Allocation.Manager.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.Allocation.Manager.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.Allocation.Team });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = state.Registration.EndedOn is not null });
        // The obligations the state holds stay in mosovo.obligations; the state names them (ReadAsync puts them back).
        var compliance = state.Compliance.Stored();
        var stored = state with { Compliance = compliance with { Obligations = [] } };
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(stored, types.SerializerOptions), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = SchemaVersion });
        var line = JsonSerializer.Serialize(OffenderViews.ListLine(state), types.SerializerOptions);
        command.Parameters.Add(new NpgsqlParameter { Value = line, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)state.Identity.PncId?.ToUpperInvariant() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = compliance.Obligations.Select(o => o.Key).ToArray() });
        return command;
    }
}
