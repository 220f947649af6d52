using System.Text.Json.Nodes;
using Mosovo.Tests.Arms;
using Mosovo.Tests.Infrastructure;
using static Mosovo.Tests.Compliance.ComplianceQueueCalls;

namespace Mosovo.Tests.Compliance;

/// <summary>
/// Issue 4, acceptance test 3 (from the inspection's case studies): "A high-risk offender is visited by one
/// officer twice in a row: a review item opens for each visit and the grooming-risk flag appears. A later
/// two-officer visit ends the run (the next single-officer visit counts from one again) but closes no review
/// item: only the supervisor's review does." The flag clears only when the reviews of the run are done.
/// The run itself is the policy's bookkeeping, not shown in the summary: these tests see it through the flag.
/// </summary>
public sealed class when_a_high_risk_offender_is_visited_by_one_officer_twice_in_a_row(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string GroomingRisk = "GroomingRisk";
    private static readonly DateTimeOffset Start = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    private readonly ComplianceQueueCalls calls = new(api);

    [Fact]
    public async Task each_visit_opens_a_review_the_flag_appears_and_only_the_supervisors_reviews_of_the_run_clear_it()
    {
        api.Time.AdjustTime(Start);
        var team = NewTeam();
        var (id, etag) = await calls.RegisterAsync(NewManagerId(), team);
        etag = await calls.RecordAsync(id, etag, "arms-assessments", ArmsRequests.Assessment(riskOfSeriousHarm: "High"));
        (await calls.SummaryAsync(id))["risk"]!["riskOfSeriousHarm"]!.GetValue<string>().ShouldBe("High");

        // The first single-officer visit: a review item, no flag yet.
        api.Time.AdjustTime(Start.AddDays(1));
        var (first, etag1) = await calls.SingleOfficerVisitAsync(id, etag, officerId: "DC1234");
        Flags(await calls.SummaryAsync(id)).ShouldNotContain(GroomingRisk);
        Reviews(await QueueAsync(team)).ShouldBe([first]);

        // The second in a row by the same officer: a second review item, and the flag.
        api.Time.AdjustTime(Start.AddDays(2));
        var (second, etag2) = await calls.SingleOfficerVisitAsync(id, etag1, officerId: "DC1234");
        var summary = await calls.SummaryAsync(id);
        Flags(summary).ShouldContain(GroomingRisk);
        var queue = await QueueAsync(team);
        Reviews(queue).ShouldBe([first, second]);
        Items(queue).Select(i => i["dueAt"]!.GetValue<DateTimeOffset>()).ShouldBe([Start.AddDays(8), Start.AddDays(9)]);

        // A two-officer visit ends the run but closes neither review: the flag stays while they are open.
        api.Time.AdjustTime(Start.AddDays(3));
        etag = await calls.TwoOfficerVisitAsync(id, etag2);
        Flags(await calls.SummaryAsync(id)).ShouldContain(GroomingRisk);
        Reviews(await QueueAsync(team)).ShouldBe([first, second]);

        // The next single-officer visit counts from one again: its review opens, but it is not part of the flagged run.
        api.Time.AdjustTime(Start.AddDays(4));
        var (third, etag3) = await calls.SingleOfficerVisitAsync(id, etag, officerId: "DC1234");
        Reviews(await QueueAsync(team)).ShouldBe([first, second, third]);

        // Reviewing one visit of the run is not enough; reviewing both clears the flag, though the third is still open
        // (had the third joined the run, its open review would keep the flag: so the run counted from one again).
        etag = await calls.RecordAsync(id, etag3, "visits/reviews", Review(first), calls.Supervisor);
        Flags(await calls.SummaryAsync(id)).ShouldContain(GroomingRisk);
        etag = await calls.RecordAsync(id, etag, "visits/reviews", Review(second), calls.Supervisor);
        Flags(await calls.SummaryAsync(id)).ShouldNotContain(GroomingRisk);
        Reviews(await QueueAsync(team)).ShouldBe([third]);

        // A fourth single-officer visit makes a run of two again (third and fourth): the flag is back.
        api.Time.AdjustTime(Start.AddDays(5));
        var (fourth, _) = await calls.SingleOfficerVisitAsync(id, etag, officerId: "DC1234");
        Flags(await calls.SummaryAsync(id)).ShouldContain(GroomingRisk);
        Reviews(await QueueAsync(team)).ShouldBe([third, fourth]);
    }

    [Fact]
    public async Task two_single_officer_visits_by_different_officers_are_not_a_run()
    {
        api.Time.AdjustTime(Start);
        var team = NewTeam();
        var (id, etag) = await calls.RegisterAsync(NewManagerId(), team);
        (_, etag) = await calls.SingleOfficerVisitAsync(id, etag, officerId: "DC1234");
        (_, etag) = await calls.SingleOfficerVisitAsync(id, etag, officerId: "PC5678");

        Flags(await calls.SummaryAsync(id)).ShouldNotContain(GroomingRisk);
        Reviews(await QueueAsync(team)).Count.ShouldBe(2);

        // The second officer's visit started a run of their own: their next single-officer visit makes it two.
        await calls.SingleOfficerVisitAsync(id, etag, officerId: "PC5678");
        Flags(await calls.SummaryAsync(id)).ShouldContain(GroomingRisk);
    }

    private Task<JsonObject> QueueAsync(string team) => calls.QueueAsync($"?team={Uri.EscapeDataString(team)}&kind={ReviewKind}");

    private static List<long> Reviews(JsonObject queue) => Items(queue).Select(i => i["openedByVersion"]!.GetValue<long>()).ToList();
}
