using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Mosovo.Api.Audit;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Mosovo.Api.Offenders;
using Npgsql;

namespace Mosovo.Api.Compliance;

/// <summary>
/// The message the system sends when it raises a PPN on new child contact: published through Wolverine's durable
/// outbox in the disclosure's own transaction (never if that transaction rolls back), delivered at least once after
/// it commits. It names no child, carer or intelligence: only what a supervisor needs to act.
/// </summary>
/// <param name="SubmissionDueAt">When the PPN must be submitted to the MASH.</param>
public sealed record PpnRaisedNotice(
    Guid PpnId, Guid OffenderId, string OffenderReference, string Team, int Children, DateTimeOffset RaisedAt,
    DateTimeOffset SubmissionDueAt)
{
    public static PpnRaisedNotice For(Offender offender, PpnRaised raised, PolicyOptions policies)
    {
        ArgumentNullException.ThrowIfNull(offender);
        ArgumentNullException.ThrowIfNull(raised);
        ArgumentNullException.ThrowIfNull(policies);
        return new PpnRaisedNotice(raised.PpnId, offender.Id, raised.OffenderReference, offender.Allocation.Team,
            raised.Children.Count, raised.RaisedAt, raised.RaisedAt + policies.PpnSubmission);
    }
}

/// <summary>
/// Puts a raised PPN on the supervisors' notification list of the offender's team. Idempotent: the notice's row
/// is keyed by the PPN, so a second delivery of the same message changes nothing.
/// </summary>
public static class PpnRaisedNoticeHandler
{
    public static async Task Handle(
        PpnRaisedNotice notice, NpgsqlDataSource database, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        await using var command = database.CreateCommand(
            """
            INSERT INTO mosovo.supervisor_notices (id, kind, offender_id, team, what, due_at, raised_at, delivered_at)
            VALUES ($1, 'PpnRaised', $2, $3, $4, $5, $6, $7)
            ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = notice.PpnId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = notice.OffenderId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = notice.Team });
        command.Parameters.Add(new NpgsqlParameter<string>
        {
            TypedValue = $"PPN raised for {notice.OffenderReference}: new contact with {notice.Children} "
                + (notice.Children == 1 ? "child" : "children") + "; submit it to the MASH.",
        });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = notice.SubmissionDueAt });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = notice.RaisedAt });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary><c>GET /compliance/notices?team=</c>: the supervisors' notification list, newest first.</summary>
public static class SupervisorNotices
{
    public const int Limit = 200;

    public sealed record Notice(Guid Id, string Kind, Guid OffenderId, string Team, string What, DateTimeOffset? DueAt,
        DateTimeOffset RaisedAt);

    public sealed record Page(string? Team, IReadOnlyList<Notice> Notices);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/compliance/notices", Handle)
            .ChecksText()
            .WithTags("Compliance")
            .RequireAuthorization(Policies.Supervise)
            .WithName("GetSupervisorNotices")
            .LogsReads(AccessKind.Consultation, "supervisor-notices")
            .WithSummary("What the system has told supervisors at once (a PPN raised), newest first; filter by team")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    internal static async Task<Ok<Page>> Handle(
        string? team,
        NpgsqlDataSource database,
        CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            SELECT id, kind, offender_id, team, what, due_at, raised_at FROM mosovo.supervisor_notices
             WHERE $1::text IS NULL OR team = $1 ORDER BY raised_at DESC, id LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = (object?)team ?? DBNull.Value,
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text,
        });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Limit });
        var notices = new List<Notice>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            notices.Add(new Notice(
                reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return TypedResults.Ok(new Page(team, notices));
    }
}
