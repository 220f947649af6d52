using Mosovo.EventStore;
using Npgsql;

namespace Mosovo.Api.Offenders;

/// <summary>Keeps <c>mosovo.offender_index</c>: one row per offender, for lists, caseloads and search.</summary>
public sealed class OffenderIndexProjection : IInlineProjection
{
    public string Name => "offender-index";

    public async Task ApplyAsync(TransactionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(context.Connection, context.Transaction);
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case OffenderRegistered r:
                    batch.BatchCommands.Add(Command(
                        """
                        INSERT INTO mosovo.offender_index
                            (offender_id, reference, given_names, family_name, date_of_birth, manager_id, manager_name, team, registered_on, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        """,
                        r.OffenderId, r.Reference, r.Name.GivenNames, r.Name.FamilyName, r.DateOfBirth, r.Manager.Id, r.Manager.Name, r.Team, r.RegisteredOn, e.Version));
                    break;
                case HomeVisitRecorded v:
                    batch.BatchCommands.Add(Command(
                        "UPDATE mosovo.offender_index SET last_visit_at = GREATEST(last_visit_at, $2), version = $3 WHERE offender_id = $1",
                        e.StreamId, v.VisitedAt.ToUniversalTime(), e.Version));
                    break;
            }
        }

        if (batch.BatchCommands.Count > 0)
            await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ResetAsync(TransactionContext context, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("TRUNCATE mosovo.offender_index", context.Connection, context.Transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
