using Mosovo.Api.Audit;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Mosovo.Api.Offenders;
using Npgsql;

namespace Mosovo.Api.Compliance;

/// <summary>
/// Practice figures for leaders over a range of UK calendar days (docs/policies.md "Views"): how long PPNs, risk
/// disclosure decisions, ARMS reviews and every other obligation took, the share of home visits made by two
/// officers and unannounced, and breach decisions by supervisor with their outcomes. The inspection faulted
/// the force for having only counts, so every time is a distribution (median, 90th percentile, worst) and
/// what is still open, and how long it has waited, is shown beside what was done.
/// </summary>
/// <remarks>
/// Percentiles are nearest-rank (PostgreSQL <c>percentile_disc</c>): each is a delay that really happened,
/// and at least that share of the items took no longer. Entries withdrawn by a correction do not count.
/// </remarks>
public static class PracticeFigures
{
    /// <summary>The longest range asked for at once. Leaders compare years; more would read too much of the record in one request.</summary>
    public const int MaxRangeYears = 2;

    /// <summary>Dates outside these years are typing mistakes, not ranges of the record.</summary>
    public const int EarliestYear = 1900, LatestYear = 2999;

    /// <summary>How long something took, in hours. Nearest-rank percentiles.</summary>
    /// <param name="Count">How many the distribution is of.</param>
    public sealed record Delays(int Count, double MedianHours, double P90Hours, double WorstHours);

    /// <summary>
    /// Obligations of one kind that opened in the range (their anchor, the moment their due time counts
    /// from, falls in it), and what became of them by now.
    /// </summary>
    /// <param name="Done">Closed by the event that satisfies them (not waived).</param>
    /// <param name="DoneInTime">Done at or before their due time.</param>
    /// <param name="Waived">Closed by a supervisor's waiver with a reason: not counted as done.</param>
    /// <param name="StillOpenOverdue">Still open and past their due time now.</param>
    /// <param name="ShareDoneInTime">Done in time, of those done or overdue (open items not yet due may still be done in time): 0 to 1.</param>
    /// <param name="TimeToDone">From the anchor to the closing event, for those done.</param>
    /// <param name="OldestOpenHours">How long the longest-waiting open item has waited since its anchor.</param>
    public sealed record Timeliness(
        ObligationKind Kind,
        int Opened,
        int Done,
        int DoneInTime,
        int DoneLate,
        int Waived,
        int StillOpen,
        int StillOpenOverdue,
        double? ShareDoneInTime,
        Delays? TimeToDone,
        double? OldestOpenHours);

    /// <summary>Home visits made in the range (by the time of the visit).</summary>
    /// <param name="TwoOrMoreOfficers">Visits by at least <see cref="RecordHomeVisit.MinimumOfficers"/> officers.</param>
    /// <param name="ShareTwoOrMoreOfficers">0 to 1; none when there were no visits.</param>
    public sealed record HomeVisits(int Total, int TwoOrMoreOfficers, int SingleOfficer, int Unannounced, double? ShareTwoOrMoreOfficers, double? ShareUnannounced);

    /// <summary>One supervisor's breach decisions in the range.</summary>
    /// <param name="UserId">The supervisor's user id (decisions are grouped by it; the name is as last recorded).</param>
    /// <param name="Outcomes">Decisions by outcome, every outcome listed.</param>
    /// <param name="TimeToDecide">From the breach being recorded to the decision.</param>
    public sealed record SupervisorDecisions(
        string UserId, string Name, int Decisions, int WarningLetters, int NoFurtherAction, IReadOnlyDictionary<string, int> Outcomes, Delays TimeToDecide);

    /// <summary>Breach decisions made in the range (by the time of the decision).</summary>
    public sealed record BreachDecisions(int Total, IReadOnlyDictionary<string, int> Outcomes, Delays? TimeToDecide, IReadOnlyList<SupervisorDecisions> BySupervisor);

    /// <param name="From">The first UK calendar day of the range.</param>
    /// <param name="To">The last UK calendar day of the range (included).</param>
    /// <param name="Now">What "still open" and "overdue" are worked out against.</param>
    /// <param name="PpnSubmission">From the disclosure of new child contact to the PPN's submission to the MASH.</param>
    /// <param name="RiskDisclosureDecision">From the disclosure of new child contact to the decision on a risk disclosure to the carer.</param>
    /// <param name="ArmsReviewAfterSignificantEvent">ARMS reviews after a significant event: done within their due time, late, or open and overdue.</param>
    /// <param name="ByKind">Every kind of obligation, in the same terms.</param>
    public sealed record Figures(
        DateOnly From,
        DateOnly To,
        DateTimeOffset Now,
        Timeliness PpnSubmission,
        Timeliness RiskDisclosureDecision,
        Timeliness ArmsReviewAfterSignificantEvent,
        HomeVisits Visits,
        BreachDecisions BreachDecisions,
        IReadOnlyList<Timeliness> ByKind);

    /// <summary>The range as moments: from the start of <paramref name="From"/> to the start of the day after <paramref name="To"/>, UK time.</summary>
    public sealed record Range(DateOnly From, DateOnly To)
    {
        public DateTimeOffset Start => Clock.StartOf(From);

        public DateTimeOffset End => Clock.StartOf(To.AddDays(1));
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/compliance/figures", Handle)
            .ChecksText()
            .WithTags("Compliance")
            .RequireAuthorization(Policies.Supervise)
            .WithName("GetPracticeFigures")
            .LogsReads(AccessKind.Consultation, "practice-figures")
            .WithSummary("Practice figures over a range of days: delays of PPNs, risk disclosures and ARMS reviews, two-officer and unannounced visits, breach decisions by supervisor")
            .WithDescription("from and to are UK calendar days (to included), at most two years apart. Times are distributions (median, 90th percentile, worst) in hours; "
                + "what is still open is shown beside what was done.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>Both days required, <c>to</c> not before <c>from</c>, at most <see cref="MaxRangeYears"/> years of days.</summary>
    public static Range? Validate(DateOnly? from, DateOnly? to, Validation v)
    {
        ArgumentNullException.ThrowIfNull(v);
        foreach (var (field, day) in new[] { ("from", from), ("to", to) })
        {
            if (day is null) v.Add(field, "is required (a date, yyyy-mm-dd).");
            else if (day.Value.Year is < EarliestYear or > LatestYear)
                v.Add(field, string.Create(CultureInfo.InvariantCulture, $"must be a date between {EarliestYear} and {LatestYear}."));
        }

        if (!v.IsValid)
            return null;

        if (to!.Value < from!.Value)
            v.Add("to", "must be on or after from.");
        else if (to.Value >= from.Value.AddYears(MaxRangeYears))
            v.Add("to", $"must be within two years of from: on or before {from.Value.AddYears(MaxRangeYears).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.");
        return v.IsValid ? new Range(from.Value, to.Value) : null;
    }

    /// <summary>A share from 0 to 1, or none of nothing.</summary>
    public static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;

    internal static async Task<Results<Ok<Figures>, ValidationProblem>> Handle(
        DateOnly? from, DateOnly? to, NpgsqlDataSource database, EventTypeRegistry types, TimeProvider time, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (Validate(from, to, v) is not { } range)
            return Problems.Validation(v);

        var now = time.GetUtcNow();
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command(ObligationsSql, range, P(ComplianceQueue.CeilingToMicrosecond(now))));
        batch.BatchCommands.Add(Command(VisitsSql, range,
            P(types.NameOf(typeof(HomeVisitRecorded))), P(types.NameOf(typeof(RecordCorrected))),
            P(RecordHomeVisit.MinimumOfficers), P(nameof(VisitKind.Unannounced))));
        batch.BatchCommands.Add(Command(BreachDecisionsSql, range,
            P(types.NameOf(typeof(BreachDecided))), P(types.NameOf(typeof(BreachRecorded))), P(types.NameOf(typeof(RecordCorrected)))));

        var byKind = Enum.GetValues<ObligationKind>().ToDictionary(k => k, k => new Timeliness(k, 0, 0, 0, 0, 0, 0, 0, null, null, null));
        HomeVisits visits;
        var decisions = new List<DecisionRow>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                // An obligation kind this build does not know (stored by a newer one) is left out rather than failing the figures.
                if (!Enum.TryParse<ObligationKind>(reader.GetString(0), out var kind))
                    continue;
                int Count(int i) => (int)reader.GetInt64(i);
                var (done, doneInTime, openOverdue) = (Count(2), Count(3), Count(6));
                byKind[kind] = new Timeliness(kind, Count(1), done, doneInTime, done - doneInTime, Count(4), Count(5), openOverdue,
                    Share(doneInTime, done + openOverdue),
                    done == 0 ? null : new Delays(done, Hours(reader, 7)!.Value, Hours(reader, 8)!.Value, Hours(reader, 9)!.Value),
                    Hours(reader, 10));
            }

            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var (total, twoOrMore, unannounced) = ((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2));
            visits = new HomeVisits(total, twoOrMore, total - twoOrMore, unannounced, Share(twoOrMore, total), Share(unannounced, total));

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // The overall row is there even when no decision was made: then it counts none and has no times.
                var count = (int)reader.GetInt64(5);
                decisions.Add(new DecisionRow(reader.GetInt32(0) == 0, reader.GetInt32(1) == 0,
                    reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), count,
                    count == 0 ? null : new Delays(count, Hours(reader, 6)!.Value, Hours(reader, 7)!.Value, Hours(reader, 8)!.Value)));
            }
        }

        return TypedResults.Ok(new Figures(range.From, range.To, now,
            byKind[ObligationKind.PpnSubmission], byKind[ObligationKind.RiskDisclosureDecision], byKind[ObligationKind.ArmsReviewAfterSignificantEvent],
            visits, Decisions(decisions), [.. byKind.Values]));
    }

    /// <summary>A row of the breach decisions query: one of the grouping sets (supervisor and outcome, supervisor, outcome, all).</summary>
    private sealed record DecisionRow(bool BySupervisor, bool ByOutcome, string? UserId, string? Name, string? Outcome, int Count, Delays? Delays);

    private static BreachDecisions Decisions(IReadOnlyList<DecisionRow> rows)
    {
        static Dictionary<string, int> Outcomes(IEnumerable<DecisionRow> counts)
        {
            var outcomes = Enum.GetNames<BreachOutcome>().ToDictionary(o => o, _ => 0, StringComparer.Ordinal);
            foreach (var row in counts)
                outcomes[row.Outcome!] = row.Count;
            return outcomes;
        }

        var bySupervisor = rows.Where(r => r.BySupervisor && !r.ByOutcome)
            .Select(s =>
            {
                var outcomes = Outcomes(rows.Where(r => r.BySupervisor && r.ByOutcome && r.UserId == s.UserId));
                return new SupervisorDecisions(s.UserId!, s.Name!, s.Count, outcomes[nameof(BreachOutcome.WarningLetter)],
                    outcomes[nameof(BreachOutcome.NoFurtherAction)], outcomes, s.Delays!);
            })
            .ToList();
        var all = rows.SingleOrDefault(r => !r.BySupervisor && !r.ByOutcome);
        return new BreachDecisions(all?.Count ?? 0, Outcomes(rows.Where(r => !r.BySupervisor && r.ByOutcome)), all?.Delays, bySupervisor);
    }

    // $1, $2: the range's start (included) and end (excluded). $3: now, to the microsecond above.
    private const string ObligationsSql = """
        SELECT kind,
               count(*),
               count(*) FILTER (WHERE closed_at IS NOT NULL AND NOT waived),
               count(*) FILTER (WHERE closed_at IS NOT NULL AND NOT waived AND closed_at <= due_at),
               count(*) FILTER (WHERE waived),
               count(*) FILTER (WHERE closed_at IS NULL),
               count(*) FILTER (WHERE closed_at IS NULL AND due_at < $3),
               percentile_disc(0.5) WITHIN GROUP (ORDER BY closed_at - anchor_at) FILTER (WHERE closed_at IS NOT NULL AND NOT waived),
               percentile_disc(0.9) WITHIN GROUP (ORDER BY closed_at - anchor_at) FILTER (WHERE closed_at IS NOT NULL AND NOT waived),
               max(closed_at - anchor_at) FILTER (WHERE closed_at IS NOT NULL AND NOT waived),
               max($3 - anchor_at) FILTER (WHERE closed_at IS NULL)
          FROM mosovo.obligations
         WHERE anchor_at >= $1 AND anchor_at < $2
         GROUP BY kind
        """;

    // $3: the home visit's stored type, $4: the correction's, $5: the fewest officers for a two-officer visit, $6: unannounced.
    // The JSON names are those the visit is stored with (HomeVisitRecorded: visitedAt, officers, kind).
    private const string VisitsSql = """
        SELECT count(*),
               count(*) FILTER (WHERE jsonb_array_length(e.data->'officers') >= $5),
               count(*) FILTER (WHERE e.data->>'kind' = $6)
          FROM mosovo.mt_events e
         WHERE e.type = $3
           AND (e.data->>'visitedAt')::timestamptz >= $1 AND (e.data->>'visitedAt')::timestamptz < $2
           AND NOT EXISTS (SELECT 1 FROM mosovo.mt_events c
                            WHERE c.stream_id = e.stream_id AND c.type = $4
                              AND (c.data->>'withdraws')::boolean AND (c.data->>'correctsVersion')::bigint = e.version)
        """;

    // $3: the decision's stored type, $4: the breach's, $5: the correction's. Grouped by the supervisor who recorded
    // the decision (BreachDecided.recordedBy), by outcome, both, and overall. A decision on a withdrawn breach does not count.
    private const string BreachDecisionsSql = """
        WITH decisions AS (
            SELECT d.data->'recordedBy'->>'userId' AS user_id, d.data->'recordedBy'->>'name' AS name, d.data->>'outcome' AS outcome,
                   (d.data->>'decidedAt')::timestamptz - (b.data->>'recordedAt')::timestamptz AS took
              FROM mosovo.mt_events d
              JOIN mosovo.mt_events b ON b.stream_id = d.stream_id AND b.type = $4 AND b.data->>'breachId' = d.data->>'breachId'
             WHERE d.type = $3
               AND (d.data->>'decidedAt')::timestamptz >= $1 AND (d.data->>'decidedAt')::timestamptz < $2
               AND NOT EXISTS (SELECT 1 FROM mosovo.mt_events c
                                WHERE c.stream_id = d.stream_id AND c.type = $5 AND (c.data->>'withdraws')::boolean
                                  AND (c.data->>'correctsVersion')::bigint IN (d.version, b.version)))
        SELECT GROUPING(user_id), GROUPING(outcome), user_id, max(name), outcome, count(*),
               percentile_disc(0.5) WITHIN GROUP (ORDER BY took), percentile_disc(0.9) WITHIN GROUP (ORDER BY took), max(took)
          FROM decisions
         GROUP BY GROUPING SETS ((user_id, outcome), (user_id), (outcome), ())
         ORDER BY 1, 2, 3, 5
        """;

    private static NpgsqlBatchCommand Command(string sql, Range range, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(P(range.Start));
        command.Parameters.Add(P(range.End));
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<T> P<T>(T value) => new() { TypedValue = value };

    private static double? Hours(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<TimeSpan>(ordinal).TotalHours;
}
