using System.Text.Json.Nodes;
using Mosovo.Tests.Arms;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;
using Mosovo.Tests.Orders;

namespace Mosovo.Tests.Compliance;

public sealed class when_home_visits_fall_due_by_risk_level(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Kind = "HomeVisit";
    private static readonly DateTimeOffset Morning = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private readonly OffenderCalls _calls = new(api);
    private readonly ArmsVisitsQueueCalls _queue = new(api);

    private async Task<JsonObject> OpenVisitAsync(Guid id) => (await _queue.ItemsAsync(id, Kind)).ShouldHaveSingleItem();

    [Fact]
    public async Task the_first_visit_is_due_after_registration_a_failed_entry_leaves_it_open_and_a_visit_with_entry_or_a_new_level_moves_it()
    {
        api.Time.AdjustTime(Morning);
        var (id, etag) = await _calls.RegisterAsync();

        var first = await OpenVisitAsync(id);
        first["key"]!.GetValue<string>().ShouldBe("home-visit:1");
        first["dueAt"]!.GetValue<DateTimeOffset>().ShouldBe(new DateTimeOffset(2026, 9, 14, 23, 0, 0, TimeSpan.Zero)); // midnight BST, 15 September
        first["what"]!.GetValue<string>().ShouldContain("no ARMS yet: treated as high");

        (_, etag) = await _calls.RecordAsync(id, etag, "visits", OffenderRequests.SingleOfficerVisit(Morning.AddHours(-2), entryGained: false));
        (await OpenVisitAsync(id))["key"]!.GetValue<string>().ShouldBe("home-visit:1");

        var visitedAt = Morning.AddHours(-1);
        (_, etag) = await _calls.RecordAsync(id, etag, "visits", OffenderRequests.TwoOfficerVisit(visitedAt));
        var second = await OpenVisitAsync(id);
        second["key"]!.GetValue<string>().ShouldBe("home-visit:2");
        second["dueAt"]!.GetValue<DateTimeOffset>().ShouldBe(visitedAt.AddMonths(3));
        (await _queue.ObligationAsync(id, "home-visit:1"))["closure"]!["byType"]!.GetValue<string>().ShouldBe("HomeVisitRecorded");

        await ArmsRequests.RecordedAsync(_calls.Manager, id, etag, ArmsRequests.Assessment("2026-06-15", riskOfSeriousHarm: "VeryHigh"));

        var replanned = await OpenVisitAsync(id);
        replanned["key"]!.GetValue<string>().ShouldBe("home-visit:3");
        replanned["dueAt"]!.GetValue<DateTimeOffset>().ShouldBe(visitedAt.AddMonths(1));
        replanned["what"]!.GetValue<string>().ShouldContain("ARMS risk of serious harm very high: every 1 months");
        (await _queue.ObligationAsync(id, "home-visit:2"))["closure"]!["byType"]!.GetValue<string>().ShouldBe("ArmsAssessmentRecorded");
    }

    [Fact]
    public async Task three_years_at_low_risk_raise_the_reactive_management_flag_and_visits_stay_due()
    {
        api.Time.AdjustTime(Morning);
        var registration = OffenderRequests.Registration();
        registration["registeredOn"] = "2023-01-10";
        var (id, etag) = await OffenderRequests.RegisterAsync(_calls.Manager, registration);

        foreach (var year in new[] { 2023, 2024, 2025 })
            (_, etag) = await ArmsRequests.RecordedAsync(_calls.Manager, id, etag, ArmsRequests.Assessment($"{year}-06-01", riskOfSeriousHarm: "Low"));
        OffenderCalls.Flags(await _calls.SummaryAsync(id)).ShouldNotContain("ReactiveManagementEligible");

        await ArmsRequests.RecordedAsync(_calls.Manager, id, etag, ArmsRequests.Assessment("2026-06-01", riskOfSeriousHarm: "Low"));

        OffenderCalls.Flags(await _calls.SummaryAsync(id)).ShouldContain("ReactiveManagementEligible");
        (await OpenVisitAsync(id))["what"]!.GetValue<string>().ShouldContain("ARMS risk of serious harm low: every 12 months");
    }
}
