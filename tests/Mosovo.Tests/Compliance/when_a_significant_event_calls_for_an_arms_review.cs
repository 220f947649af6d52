using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Tests.Arms;
using Mosovo.Tests.Disclosures;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Intelligence;
using Mosovo.Tests.Orders;

namespace Mosovo.Tests.Compliance;

/// <summary>Issue 4, acceptance test 1 (the ARMS review), and the queue's boundary, through the real host and a controlled clock.</summary>
public sealed class when_a_significant_event_calls_for_an_arms_review(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Kind = "ArmsReviewAfterSignificantEvent";
    private static readonly DateTimeOffset Morning = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private readonly OffenderCalls _calls = new(api);
    private readonly ArmsVisitsQueueCalls _queue = new(api);

    private static JsonObject AssessmentAfterTheDisclosure(DateTimeOffset assessedOn)
    {
        var body = ArmsRequests.Assessment(ArmsVisitsQueueCalls.Day(assessedOn));
        body["promptedBy"] = new JsonObject { ["kind"] = "SignificantEvent", ["significantEvent"] = "NewChildContact", ["eventVersion"] = 2 };
        return body;
    }

    [Fact]
    public async Task a_new_partner_with_two_young_children_makes_the_review_due_in_3_days_until_an_assessment_dated_on_or_after_the_disclosure()
    {
        api.Time.AdjustTime(Morning);
        var (id, etag) = await _calls.RegisterAsync();
        var receivedAt = Morning.AddHours(-1);
        (_, etag) = await _calls.RecordAsync(id, etag, "disclosures", DisclosureRequests.Relationship(receivedAt, partnerHasChildren: true));

        var item = (await _queue.ItemsAsync(id, Kind)).ShouldHaveSingleItem();
        item["key"]!.GetValue<string>().ShouldBe("arms-review:2");
        item["dueAt"]!.GetValue<DateTimeOffset>().ShouldBe(receivedAt.AddDays(3));
        item["overdue"]!.GetValue<bool>().ShouldBeFalse();
        item["openedByType"]!.GetValue<string>().ShouldBe("DisclosureReceived");
        item["why"]!.GetValue<string>().ShouldContain("new relationship with a partner who has children under 18");
        item["what"]!.GetValue<string>().ShouldContain("dated on or after 15 June 2026");

        api.Time.Advance(TimeSpan.FromDays(1));
        (_, etag) = await ArmsRequests.RecordedAsync(_calls.Manager, id, etag, AssessmentAfterTheDisclosure(receivedAt.AddDays(-1)));
        (await _queue.ItemsAsync(id, Kind)).ShouldHaveSingleItem()["key"]!.GetValue<string>().ShouldBe("arms-review:2");

        (_, _) = await ArmsRequests.RecordedAsync(_calls.Manager, id, etag, AssessmentAfterTheDisclosure(receivedAt));

        (await _queue.ItemsAsync(id, Kind)).ShouldBeEmpty();
        var closed = await _queue.ObligationAsync(id, "arms-review:2");
        closed["closure"]!["byVersion"]!.GetValue<long>().ShouldBe(5); // 2 disclosure, 3 its automatic PPN, 4 the earlier assessment
        closed["closure"]!["byType"]!.GetValue<string>().ShouldBe("ArmsAssessmentRecorded");
        (await api.Database.ScalarAsync($"SELECT closed_by_version FROM mosovo.obligations WHERE offender_id = '{id}' AND key = 'arms-review:2'")).ShouldBe(5);
    }

    [Fact]
    public async Task at_its_due_time_the_review_is_not_overdue_and_one_tick_later_it_is()
    {
        api.Time.AdjustTime(Morning);
        var (id, etag) = await _calls.RegisterAsync();
        await _calls.RecordAsync(id, etag, "disclosures", DisclosureRequests.ChildContact(Morning));
        var due = Morning.AddDays(3);

        api.Time.AdjustTime(due);
        (await _queue.ItemsAsync(id, Kind, overdue: false)).ShouldHaveSingleItem()["overdue"]!.GetValue<bool>().ShouldBeFalse();
        (await _queue.ItemsAsync(id, Kind, overdue: true)).ShouldBeEmpty();

        api.Time.AdjustTime(due.AddTicks(1));
        (await _queue.ItemsAsync(id, Kind)).ShouldHaveSingleItem()["overdue"]!.GetValue<bool>().ShouldBeTrue();

        // The overdue filter is worked out in PostgreSQL, whose timestamps hold microseconds: the queue's clock is
        // sent to it without the extra tick, so the filter moves over one microsecond after the due time (reported).
        api.Time.AdjustTime(due.AddMicroseconds(1));
        (await _queue.ItemsAsync(id, Kind, overdue: true)).ShouldHaveSingleItem()["overdue"]!.GetValue<bool>().ShouldBeTrue();
        (await _queue.ItemsAsync(id, Kind, overdue: false)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_mappa_level_change_and_significant_intelligence_each_open_a_review_and_one_later_assessment_closes_both()
    {
        api.Time.AdjustTime(Morning);
        var (id, etag) = await _calls.RegisterAsync();
        var level = await _calls.PostAsync(id, etag, "mappa/level", new JsonObject { ["level"] = 2, ["reason"] = "Needs multi-agency management.", ["decidedOn"] = "2026-06-12" });
        level.EnsureSuccessStatusCode();
        etag = level.Headers.ETag!.Tag;
        (_, etag) = await _calls.RecordAsync(id, etag, "intelligence", IntelligenceRequests.Item(significant: true));

        var items = await _queue.ItemsAsync(id, Kind);
        items.Select(i => i["key"]!.GetValue<string>()).ShouldBe(["arms-review:2", "arms-review:3"]);
        items[0]["dueAt"]!.GetValue<DateTimeOffset>().ShouldBe(new DateTimeOffset(2026, 7, 9, 23, 0, 0, TimeSpan.Zero)); // 12 June (BST) + 28 days

        await ArmsRequests.RecordedAsync(_calls.Manager, id, etag, ArmsRequests.Assessment("2026-06-15"));

        (await _queue.ItemsAsync(id, Kind)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_release_from_custody_is_recorded_with_advice_and_opens_a_review()
    {
        api.Time.AdjustTime(Morning);
        var (id, etag) = await _calls.RegisterAsync();

        var released = await _calls.PostAsync(id, etag, "custody/releases",
            new JsonObject { ["releasedOn"] = "2026-06-12", ["establishment"] = "HMP Exampleton", ["onLicence"] = true });

        released.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await released.Content.ReadAsStringAsync());
        (await released.Content.ReadFromJsonAsync<JsonObject>())!["advice"]![0]!.GetValue<string>().ShouldContain("ARMS review");
        var review = (await _queue.ItemsAsync(id, Kind)).ShouldHaveSingleItem();
        review["what"]!.GetValue<string>().ShouldContain("(release from custody)");
        var again = await _calls.PostAsync(id, released.Headers.ETag!.Tag, "custody/releases",
            new JsonObject { ["releasedOn"] = "2026-06-12", ["establishment"] = "HMP Exampleton", ["onLicence"] = true });
        again.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        var future = await _calls.PostAsync(id, released.Headers.ETag!.Tag, "custody/releases",
            new JsonObject { ["releasedOn"] = "2026-07-01", ["establishment"] = "HMP Exampleton", ["onLicence"] = true });
        (await future.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("releasedOn");
    }
}
