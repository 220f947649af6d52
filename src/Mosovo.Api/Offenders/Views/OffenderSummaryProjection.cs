using System.Text.Json;
using Microsoft.Extensions.Options;
using Mosovo.Api.Compliance;
using Mosovo.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Keeps <c>mosovo.offender_summaries</c>: each offender's folded state, and the columns search and
/// caseloads filter on. It reads the stored state, applies the new events, and writes it back, in the
/// append's transaction. A withdrawal changes the past, so then it folds the whole stream again.
/// </summary>
public sealed class OffenderSummaryProjection(EventTypeRegistry types, IOptions<PolicyOptions> policies) : IInlineProjection
{
    /// <summary>
    /// The shape of the stored state. Raise it whenever <see cref="Offender"/> or one of its parts changes
    /// shape: rows of an older shape are folded again from their streams (<see cref="RefreshOutdatedAsync"/>).
    /// </summary>
    public const int SchemaVersion = 5;

    public string Name => "offender-summaries";

    /// <summary>
    /// Folds again, from their streams, the summaries stored in an older shape, a page at a time (each page
    /// one transaction, its rows locked). Returns how many were refreshed. Run at start-up before serving.
    /// </summary>
    public async Task<int> RefreshOutdatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var refreshed = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var context = new TransactionContext(connection, transaction);
            var ids = new List<Guid>();
            await using (var outdated = new NpgsqlCommand(
                "SELECT offender_id FROM mosovo.offender_summaries WHERE schema_version <> $1 LIMIT 500 FOR UPDATE SKIP LOCKED", connection, transaction))
            {
                outdated.Parameters.Add(new NpgsqlParameter<int> { TypedValue = SchemaVersion });
                await using var reader = await outdated.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    ids.Add(reader.GetGuid(0));
            }

            if (ids.Count == 0)
                return refreshed;

            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var id in ids)
            {
                var state = Offender.Fold(await PostgresEventStore.ReadStreamAsync(context, types, id, cancellationToken), policies.Value)!;
                batch.BatchCommands.Add(Upsert(state));
                batch.BatchCommands.Add(DeleteObligations(id));
                batch.BatchCommands.Add(InsertObligations(state, state.Compliance.Obligations));
                batch.BatchCommands.Add(DeleteShares(id));
                batch.BatchCommands.Add(InsertShares(state));
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            refreshed += ids.Count;
        }
    }

    public async Task ApplyAsync(TransactionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var byStream = events.GroupBy(e => e.StreamId).ToList();
        var states = await LoadAsync(context, byStream.Select(g => g.Key).ToArray(), cancellationToken);

        await using var batch = new NpgsqlBatch(context.Connection, context.Transaction);
        foreach (var stream in byStream)
        {
            Offender? state;
            var before = states.GetValueOrDefault(stream.Key);
            var startsStream = stream.First().Version == 1;
            var foldAfresh = stream.Any(e => e.Data is RecordCorrected { Withdraws: true }) || (!startsStream && before is null);
            if (foldAfresh)
            {
                // A withdrawal changes the past; a summary missing or of an older shape is folded afresh.
                // Up to the newest event of this batch only: a rebuild reads later events in later pages.
                var upTo = stream.Max(e => e.Version);
                var all = await PostgresEventStore.ReadStreamAsync(context, types, stream.Key, cancellationToken);
                state = Offender.Fold(all.Where(e => e.Version <= upTo).ToList(), policies.Value)!;
            }
            else
            {
                state = before;
                foreach (var e in stream)
                    state = Offender.Step(state, e.Data, e.Version, policies.Value);
            }

            batch.BatchCommands.Add(Upsert(state!));
            var sharesChanged = before is null || foldAfresh
                ? !startsStream || state!.Shares.All.Count > 0
                : !before.Shares.All.SequenceEqual(state!.Shares.All);
            if (sharesChanged)
            {
                batch.BatchCommands.Add(DeleteShares(state!.Id));
                batch.BatchCommands.Add(InsertShares(state));
            }

            if (before is null || foldAfresh)
            {
                // New or folded afresh from every event: the fold holds every obligation, open and closed.
                batch.BatchCommands.Add(DeleteObligations(state!.Id));
                batch.BatchCommands.Add(InsertObligations(state, state.Compliance.Obligations));
            }
            else
            {
                // The stored state holds the open obligations (ComplianceState.Stored): write those this write opened
                // or changed (closed, re-planned); the closed ones the table already has stay as they are.
                if (before.Allocation != state!.Allocation)
                    batch.BatchCommands.Add(Reallocate(state));
                var earlier = before.Compliance.Obligations.ToDictionary(o => o.Key, StringComparer.Ordinal);
                var changed = state.Compliance.Obligations.Where(o => !earlier.TryGetValue(o.Key, out var was) || was != o).ToList();
                if (changed.Count > 0)
                {
                    batch.BatchCommands.Add(DeleteObligations(state.Id, changed.Select(o => o.Key).ToArray()));
                    batch.BatchCommands.Add(InsertObligations(state, changed));
                }
            }
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ResetAsync(TransactionContext context, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("TRUNCATE mosovo.offender_summaries, mosovo.obligations, mosovo.obligation_counts, mosovo.partner_shares", context.Connection, context.Transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<Dictionary<Guid, Offender>> LoadAsync(TransactionContext context, Guid[] ids, CancellationToken cancellationToken)
    {
        var states = new Dictionary<Guid, Offender>();
        await using var command = new NpgsqlCommand(
            "SELECT offender_id, state FROM mosovo.offender_summaries WHERE offender_id = ANY($1) AND schema_version = $2 FOR UPDATE", context.Connection, context.Transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = SchemaVersion });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            states[reader.GetGuid(0)] = JsonSerializer.Deserialize<Offender>(reader.GetString(1), types.SerializerOptions)!;
        return states;
    }

    private static NpgsqlBatchCommand DeleteObligations(Guid offenderId, string[]? keys = null)
    {
        var command = new NpgsqlBatchCommand(keys is null
            ? "DELETE FROM mosovo.obligations WHERE offender_id = $1"
            : "DELETE FROM mosovo.obligations WHERE offender_id = $1 AND key = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = offenderId });
        if (keys is not null)
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys });
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

    private NpgsqlBatchCommand InsertObligations(Offender state, IEnumerable<Obligation> obligations)
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
                 manager_id, manager_name, team, registration_ended, state, schema_version, list_item, pnc_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            ON CONFLICT (offender_id) DO UPDATE SET
                version = EXCLUDED.version, reference = EXCLUDED.reference, given_names = EXCLUDED.given_names,
                family_name = EXCLUDED.family_name, search_text = EXCLUDED.search_text, date_of_birth = EXCLUDED.date_of_birth,
                manager_id = EXCLUDED.manager_id, manager_name = EXCLUDED.manager_name, team = EXCLUDED.team,
                registration_ended = EXCLUDED.registration_ended, state = EXCLUDED.state, schema_version = EXCLUDED.schema_version,
                list_item = EXCLUDED.list_item, pnc_id = EXCLUDED.pnc_id
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
        var stored = state with { Compliance = state.Compliance.Stored() };
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(stored, types.SerializerOptions), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = SchemaVersion });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(OffenderViews.ListItem(state), types.SerializerOptions), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)state.Identity.PncId?.ToUpperInvariant() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return command;
    }
}
