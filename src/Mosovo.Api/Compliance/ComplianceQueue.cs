using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Npgsql;

namespace Mosovo.Api.Compliance;

/// <summary>
/// The supervisors' compliance queue: open obligations, overdue first, then soonest due; filtered by team,
/// manager, kind, offender and overdue; with counts per kind and per manager. Supervisors see the force;
/// offender managers see their own caseload's items only.
/// </summary>
public static class ComplianceQueue
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public sealed record Item(
        Guid OffenderId,
        string Reference,
        string OffenderName,
        string Key,
        ObligationKind Kind,
        string What,
        string Why,
        long OpenedByVersion,
        string OpenedByType,
        DateTimeOffset OpenedAt,
        DateTimeOffset DueAt,
        bool Overdue,
        string Team,
        string ManagerId,
        string ManagerName);

    public sealed record KindCount(ObligationKind Kind, int Open, int Overdue);

    public sealed record ManagerCount(string ManagerId, string ManagerName, int Open, int Overdue);

    public sealed record Queue(DateTimeOffset Now, int Total, int PageNumber, int PageSize, IReadOnlyList<KindCount> ByKind, IReadOnlyList<ManagerCount> ByManager, IReadOnlyList<Item> Items);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/compliance/queue", Handle)
            .WithTags("Compliance")
            .RequireAuthorization(Policies.ReadRecords)
            .WithName("GetComplianceQueue")
            .WithSummary("Open obligations, overdue first, then soonest due; counts per kind and manager")
            .WithDescription("Supervisors see the force; offender managers see their own caseload's items.");

    internal static async Task<Results<Ok<Queue>, ValidationProblem>> Handle(
        string? team, string? managerId, string? kind, Guid? offenderId, bool? overdue, int? page, int? pageSize,
        HttpContext http, NpgsqlDataSource database, TimeProvider time, CancellationToken cancellationToken)
    {
        var v = new Validation();
        ObligationKind? kindFilter = null;
        if (kind is not null)
        {
            if (Enum.TryParse<ObligationKind>(kind, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)) kindFilter = parsed;
            else v.Add("kind", $"must be one of: {string.Join(", ", Enum.GetNames<ObligationKind>())}.");
        }

        if (page is < 1) v.Add("page", "must be 1 or more.");
        if (pageSize is < 1 or > MaxPageSize) v.Add("pageSize", string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {MaxPageSize}."));
        if (!v.IsValid)
            return Problems.Validation(v);

        var user = CurrentUser.From(http.User);
        if (!user.Roles.Contains(Roles.Supervisor, StringComparer.Ordinal))
            managerId = user.OfficerId;

        // PostgreSQL keeps microseconds: "now", rounded up to the next microsecond, makes the SQL filter agree with
        // each item's own overdue flag one tick after its due time (due at T: not overdue at T, overdue after).
        var now = time.GetUtcNow();
        var sqlNow = new DateTimeOffset((now.UtcTicks + 9) / 10 * 10, TimeSpan.Zero);
        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        const string filter = """
            o.closed_at IS NULL
            AND ($1::text IS NULL OR o.team = $1)
            AND ($2::text IS NULL OR o.manager_id = $2)
            AND ($3::text IS NULL OR o.kind = $3)
            AND ($4::uuid IS NULL OR o.offender_id = $4)
            AND ($5::boolean IS NULL OR (o.due_at < $6) = $5)
            """;

        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command($"""
            SELECT o.offender_id, s.reference, s.given_names || ' ' || s.family_name, o.key, o.kind, o.what, o.why,
                   o.opened_by_version, o.opened_by_type, o.anchor_at, o.due_at, o.team, o.manager_id, o.manager_name
            FROM mosovo.obligations o JOIN mosovo.offender_summaries s ON s.offender_id = o.offender_id
            WHERE {filter}
            ORDER BY (o.due_at < $6) DESC, o.due_at, o.offender_id, o.key
            OFFSET $7 LIMIT $8
            """));
        batch.BatchCommands.Add(Command($"SELECT o.kind, count(*), count(*) FILTER (WHERE o.due_at < $6) FROM mosovo.obligations o WHERE {filter} GROUP BY o.kind ORDER BY o.kind"));
        batch.BatchCommands.Add(Command($"SELECT o.manager_id, min(o.manager_name), count(*), count(*) FILTER (WHERE o.due_at < $6) FROM mosovo.obligations o WHERE {filter} GROUP BY o.manager_id ORDER BY o.manager_id"));
        foreach (var command in batch.BatchCommands)
        {
            command.Parameters.Add(Text(team));
            command.Parameters.Add(Text(managerId));
            command.Parameters.Add(Text(kindFilter?.ToString()));
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)offenderId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)overdue ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Boolean });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = sqlNow });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(number - 1) * size });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = size });
        }

        var items = new List<Item>();
        var byKind = new List<KindCount>();
        var byManager = new List<ManagerCount>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var due = reader.GetFieldValue<DateTimeOffset>(10);
                items.Add(new Item(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    Enum.Parse<ObligationKind>(reader.GetString(4)), reader.GetString(5), reader.GetString(6), reader.GetInt64(7),
                    reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9), due, now > due, reader.GetString(11),
                    reader.GetString(12), reader.GetString(13)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                byKind.Add(new KindCount(Enum.Parse<ObligationKind>(reader.GetString(0)), (int)reader.GetInt64(1), (int)reader.GetInt64(2)));

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                byManager.Add(new ManagerCount(reader.GetString(0), reader.GetString(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3)));
        }

        return TypedResults.Ok(new Queue(now, byKind.Sum(k => k.Open), number, size, byKind, byManager, items));
    }

    private static NpgsqlBatchCommand Command(string sql) => new(sql);

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };
}
