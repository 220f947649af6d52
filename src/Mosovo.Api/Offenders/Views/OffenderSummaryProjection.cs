using System.Text.Json;
using Mosovo.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Keeps <c>mosovo.offender_summaries</c>: each offender's folded state, and the columns search and
/// caseloads filter on. It reads the stored state, applies the new events, and writes it back, in the
/// append's transaction. A withdrawal changes the past, so then it folds the whole stream again.
/// </summary>
public sealed class OffenderSummaryProjection(EventTypeRegistry types) : IInlineProjection
{
    public string Name => "offender-summaries";

    public async Task ApplyAsync(TransactionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var byStream = events.GroupBy(e => e.StreamId).ToList();
        var states = await LoadAsync(context, byStream.Select(g => g.Key).ToArray(), cancellationToken);

        await using var batch = new NpgsqlBatch(context.Connection, context.Transaction);
        foreach (var stream in byStream)
        {
            Offender? state;
            if (stream.Any(e => e.Data is RecordCorrected { Withdraws: true }))
            {
                // Up to the newest event of this batch only: a rebuild reads later events in later pages.
                var upTo = stream.Max(e => e.Version);
                var all = await PostgresEventStore.ReadStreamAsync(context, types, stream.Key, cancellationToken);
                state = Offender.Fold(all.Where(e => e.Version <= upTo).ToList());
            }
            else
            {
                state = states.GetValueOrDefault(stream.Key);
                foreach (var e in stream)
                    state = Offender.Evolve(state, e.Data) with { Version = e.Version };
            }

            batch.BatchCommands.Add(Upsert(state!));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ResetAsync(TransactionContext context, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("TRUNCATE mosovo.offender_summaries", context.Connection, context.Transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<Dictionary<Guid, Offender>> LoadAsync(TransactionContext context, Guid[] ids, CancellationToken cancellationToken)
    {
        var states = new Dictionary<Guid, Offender>();
        await using var command = new NpgsqlCommand(
            "SELECT offender_id, state FROM mosovo.offender_summaries WHERE offender_id = ANY($1) FOR UPDATE", context.Connection, context.Transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            states[reader.GetGuid(0)] = JsonSerializer.Deserialize<Offender>(reader.GetString(1), types.SerializerOptions)!;
        return states;
    }

    private NpgsqlBatchCommand Upsert(Offender state)
    {
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO mosovo.offender_summaries
                (offender_id, version, reference, given_names, family_name, search_text, date_of_birth,
                 manager_id, manager_name, team, registration_ended, state)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (offender_id) DO UPDATE SET
                version = EXCLUDED.version, reference = EXCLUDED.reference, given_names = EXCLUDED.given_names,
                family_name = EXCLUDED.family_name, search_text = EXCLUDED.search_text, date_of_birth = EXCLUDED.date_of_birth,
                manager_id = EXCLUDED.manager_id, manager_name = EXCLUDED.manager_name, team = EXCLUDED.team,
                registration_ended = EXCLUDED.registration_ended, state = EXCLUDED.state
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
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(state, types.SerializerOptions), NpgsqlDbType = NpgsqlDbType.Jsonb });
        return command;
    }
}
