using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Mosovo.Api.Audit;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Mosovo.Api.Offenders;
using Npgsql;
using NpgsqlTypes;

namespace Mosovo.Api.Compliance;

/// <summary>
/// The supervisors' compliance queue: open obligations, overdue first, then soonest due; filtered by team,
/// manager, kind, offender and overdue; with counts per kind and per manager. Supervisors see the force;
/// offender managers see their own caseload's items only (the offenders allocated to the officer id in
/// their token), whatever manager they ask for.
/// </summary>
public static class ComplianceQueue
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxFilterLength = 100;

    /// <summary>One open obligation: what is due, why, by when, and for whom.</summary>
    /// <param name="OffenderName">For whom: the offender (drill down with <c>GET /offenders/{offenderId}</c>).</param>
    /// <param name="What">What is due, in words.</param>
    /// <param name="Why">Why: the entry on the record that opened it, as the timeline words it.</param>
    /// <param name="OpenedByVersion">That entry's version on the offender's record.</param>
    /// <param name="OpenedByOccurredAt">When that entry happened (a visit's time, a disclosure's receipt).</param>
    /// <param name="OpenedByRecordedAt">When that entry was recorded, which is when this item opened.</param>
    /// <param name="OpenedAt">The moment the due time counts from.</param>
    /// <param name="DueAt">By when. Overdue strictly after this moment.</param>
    /// <param name="ManagerId">The offender manager the offender is allocated to now.</param>
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
        DateTimeOffset OpenedByOccurredAt,
        DateTimeOffset OpenedByRecordedAt,
        DateTimeOffset OpenedAt,
        DateTimeOffset DueAt,
        bool Overdue,
        string Team,
        string ManagerId,
        string ManagerName);

    public sealed record KindCount(ObligationKind Kind, int Open, int Overdue);

    public sealed record ManagerCount(string ManagerId, string ManagerName, int Open, int Overdue);

    /// <summary>The filters the queue was read with; for an offender manager, <c>managerId</c> is always their own.</summary>
    public sealed record Filters(string? Team, string? ManagerId, ObligationKind? Kind, Guid? OffenderId, bool? Overdue);

    /// <param name="Total">Open items matching the filters (all pages).</param>
    /// <param name="Overdue">Of those, how many are overdue now.</param>
    public sealed record Queue(
        DateTimeOffset Now,
        int Total,
        int Overdue,
        int PageNumber,
        int PageSize,
        Filters Filters,
        IReadOnlyList<KindCount> ByKind,
        IReadOnlyList<ManagerCount> ByManager,
        IReadOnlyList<Item> Items);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/compliance/queue", Handle)
            .ChecksText()
            .WithTags("Compliance")
            .RequireAuthorization(Policies.ReadRecords)
            .WithName("GetComplianceQueue")
            .LogsReads(AccessKind.Consultation, "compliance-queue")
            .WithSummary("Open obligations, overdue first, then soonest due; counts per kind and manager")
            .WithDescription("Supervisors see the force; offender managers see their own caseload's items (the managerId filter is always theirs). "
                + "Filters: team, managerId, kind, offenderId, overdue (true or false). Paged with page and pageSize (at most 200).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>A kind by its exact name (no numbers, no other casing): the queue names the kinds it knows when refusing one.</summary>
    public static ObligationKind? ParseKind(string kind) =>
        Enum.GetNames<ObligationKind>().Contains(kind, StringComparer.Ordinal) ? Enum.Parse<ObligationKind>(kind) : null;

    /// <summary>
    /// PostgreSQL keeps microseconds, .NET keeps ticks of 100 ns. Overdue means <c>now &gt; due</c>; with a due
    /// time in whole microseconds (as stored) that is the same as <c>due &lt; now rounded up to the microsecond</c>,
    /// so an item due at T is not overdue at T and is overdue one tick after, in the filter as in the flag.
    /// </summary>
    public static DateTimeOffset CeilingToMicrosecond(DateTimeOffset moment)
    {
        var remainder = moment.UtcTicks % TimeSpan.TicksPerMicrosecond;
        return remainder == 0 ? moment : moment.AddTicks(TimeSpan.TicksPerMicrosecond - remainder);
    }

    internal static async Task<Results<Ok<Queue>, ValidationProblem>> Handle(
        string? team, string? managerId, string? kind, Guid? offenderId, bool? overdue, int? page, int? pageSize,
        HttpContext http, NpgsqlDataSource database, EventTypeRegistry types, TimeProvider time, CancellationToken cancellationToken)
    {
        var v = new Validation();
        ObligationKind? kindFilter = null;
        if (kind is not null)
        {
            kindFilter = ParseKind(kind);
            if (kindFilter is null) v.Add("kind", $"must be one of: {string.Join(", ", Enum.GetNames<ObligationKind>())}.");
        }

        if (team is { Length: 0 or > MaxFilterLength }) v.Add("team", $"must be 1 to {MaxFilterLength} characters.");
        if (managerId is { Length: 0 or > MaxFilterLength }) v.Add("managerId", $"must be 1 to {MaxFilterLength} characters.");
        if (page is < 1) v.Add("page", "must be 1 or more.");
        if (pageSize is < 1 or > MaxPageSize) v.Add("pageSize", string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {MaxPageSize}."));
        if (!v.IsValid)
            return Problems.Validation(v);

        var user = CurrentUser.From(http.User);
        if (!user.Roles.Contains(Roles.Supervisor, StringComparer.Ordinal))
            managerId = user.OfficerId;

        var now = time.GetUtcNow();
        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        var filters = new Filters(team, managerId, kindFilter, offenderId, overdue);

        // Only the filters given are in the SQL, so that each query gets the plan for what it asks (the open
        // items of a team or a manager by due time come straight from their partial indexes).
        var scope = new StringBuilder();
        var parameters = new List<NpgsqlParameter> { new NpgsqlParameter<DateTimeOffset> { TypedValue = CeilingToMicrosecond(now) } };
        void Filter(string condition, NpgsqlParameter parameter)
        {
            parameters.Add(parameter);
            scope.Append(" AND ").Append(condition.Replace("@", "$" + parameters.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        if (team is not null) Filter("o.team = @", new NpgsqlParameter<string> { TypedValue = team });
        if (managerId is not null) Filter("o.manager_id = @", new NpgsqlParameter<string> { TypedValue = managerId });
        if (kindFilter is { } k) Filter("o.kind = @", new NpgsqlParameter<string> { TypedValue = k.ToString() });
        if (offenderId is { } id) Filter("o.offender_id = @", new NpgsqlParameter<Guid> { TypedValue = id });
        var where = new StringBuilder("o.closed_at IS NULL").Append(scope);
        if (overdue is true) where.Append(" AND o.due_at < $1");
        if (overdue is false) where.Append(" AND o.due_at >= $1");
        var offset = parameters.Count + 1;

        await using var batch = database.CreateBatch();
        // Overdue first, then by due time, is due-time order: every overdue item is due before now and every other
        // item at or after it. The page's candidates are read in due-time order straight from the open items'
        // indexes (by team, manager, or all) with every item due at the same moment as the last one (many fall due
        // at the start of a day), then put in full order, ties broken by offender and key so pages never overlap.
        batch.BatchCommands.Add(new NpgsqlBatchCommand(string.Create(CultureInfo.InvariantCulture, $"""
            WITH candidates AS (
                SELECT o.offender_id, o.key, o.kind, o.what, o.why, o.opened_by_version, o.opened_by_type, o.anchor_at, o.due_at,
                       o.team, o.manager_id, o.manager_name
                  FROM mosovo.obligations o
                 WHERE {where}
                 ORDER BY o.due_at
                 FETCH FIRST (${offset + 2}) ROWS WITH TIES)
            SELECT o.offender_id, s.reference, s.given_names || ' ' || s.family_name, o.key, o.kind, o.what, o.why,
                   o.opened_by_version, o.opened_by_type, o.anchor_at, o.due_at, o.team, o.manager_id, o.manager_name,
                   e.type, e.data::text, (e.data->>'recordedAt')::timestamptz
              FROM candidates o
              JOIN mosovo.offender_summaries s ON s.offender_id = o.offender_id
              LEFT JOIN mosovo.mt_events e ON e.stream_id = o.offender_id AND e.version = o.opened_by_version
             ORDER BY o.due_at, o.offender_id, o.key
            OFFSET ${offset} LIMIT ${offset + 1}
            """)));
        // Counts per kind and per manager. Without an offender or overdue filter, from the counters. Otherwise, for a
        // team or an offender, one pass over their items' rows; for the rest, a pass per grouping, each of which a
        // partial index of open items can answer, with the manager's name read from one of their items.
        if (offenderId is null && overdue is null)
        {
            // Counts for the force, a team, a manager or a kind come from the counters (migration 0015): the open items,
            // and those marked overdue by the last sweep, plus the open items fallen due since (a short index range).
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                SELECT GROUPING(o.kind), o.kind, o.manager_id, max(o.manager_name), sum(o.open)::bigint, sum(o.overdue)::bigint
                  FROM (SELECT o.kind, o.manager_id, o.manager_name, o.open, o.overdue
                          FROM mosovo.obligation_counts o
                         WHERE true{scope}
                        UNION ALL
                        SELECT o.kind, o.manager_id, o.manager_name, 0, count(*)
                          FROM mosovo.obligations o
                         WHERE o.closed_at IS NULL AND NOT o.counted_overdue AND o.due_at < $1{scope}
                         GROUP BY o.kind, o.manager_id, o.manager_name) o
                 GROUP BY GROUPING SETS ((o.kind), (o.manager_id))
                HAVING sum(o.open) > 0
                 ORDER BY 1, 2, 3
                """));
        }
        else if (team is not null || offenderId is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                SELECT GROUPING(o.kind), o.kind, o.manager_id, min(o.manager_name), count(*), count(*) FILTER (WHERE o.due_at < $1)
                  FROM mosovo.obligations o
                 WHERE {where}
                 GROUP BY GROUPING SETS ((o.kind), (o.manager_id))
                 ORDER BY 1, 2, 3
                """));
        }
        else
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                SELECT 0, o.kind, NULL, NULL, count(*), count(*) FILTER (WHERE o.due_at < $1)
                  FROM mosovo.obligations o
                 WHERE {where}
                 GROUP BY o.kind
                 ORDER BY o.kind
                """));
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                SELECT 1, NULL, m.manager_id, coalesce(n.manager_name, ''), m.open, m.overdue
                  FROM (SELECT o.manager_id, count(*) AS open, count(*) FILTER (WHERE o.due_at < $1) AS overdue
                          FROM mosovo.obligations o
                         WHERE {where}
                         GROUP BY o.manager_id) m
                  LEFT JOIN LATERAL (SELECT x.manager_name FROM mosovo.obligations x
                                      WHERE x.closed_at IS NULL AND x.manager_id = m.manager_id LIMIT 1) n ON true
                 ORDER BY m.manager_id
                """));
        }

        foreach (var command in batch.BatchCommands)
        {
            foreach (var parameter in parameters)
                command.Parameters.Add(parameter.Clone());
        }

        var skip = (long)(number - 1) * size;
        batch.BatchCommands[0].Parameters.Add(new NpgsqlParameter<long> { TypedValue = skip });
        batch.BatchCommands[0].Parameters.Add(new NpgsqlParameter<long> { TypedValue = size });
        batch.BatchCommands[0].Parameters.Add(new NpgsqlParameter<long> { TypedValue = skip + size });

        var items = new List<Item>();
        var byKind = new List<KindCount>();
        var byManager = new List<ManagerCount>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var anchor = reader.GetFieldValue<DateTimeOffset>(9);
                var due = reader.GetFieldValue<DateTimeOffset>(10);
                var (occurredAt, recordedAt) = reader.IsDBNull(14)
                    ? (anchor, anchor)
                    : (((IOffenderEvent)types.Deserialize(reader.GetString(14), reader.GetString(15))).OccurredAt, reader.GetFieldValue<DateTimeOffset>(16));
                items.Add(new Item(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    Enum.Parse<ObligationKind>(reader.GetString(4)), reader.GetString(5), reader.GetString(6), reader.GetInt64(7),
                    reader.GetString(8), occurredAt, recordedAt, anchor, due, now > due, reader.GetString(11),
                    reader.GetString(12), reader.GetString(13)));
            }

            // Rows of counts: (0, kind, -, -, open, overdue) or (1, -, manager id, manager name, open, overdue).
            while (await reader.NextResultAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var (open, late) = ((int)reader.GetInt64(4), (int)reader.GetInt64(5));
                    if (reader.GetInt32(0) == 0)
                        byKind.Add(new KindCount(Enum.Parse<ObligationKind>(reader.GetString(1)), open, late));
                    else
                        byManager.Add(new ManagerCount(reader.GetString(2), reader.GetString(3), open, late));
                }
            }
        }

        return TypedResults.Ok(new Queue(now, byKind.Sum(k => k.Open), byKind.Sum(k => k.Overdue), number, size, filters, byKind, byManager, items));
    }
}
