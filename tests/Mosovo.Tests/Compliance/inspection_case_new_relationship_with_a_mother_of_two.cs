using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Tests.Disclosures;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Orders;

namespace Mosovo.Tests.Compliance;

/// <summary>
/// Issue 4, acceptance test 1 (the PPN and risk disclosure part; the ARMS review is the ARMS policy's test): "An offender
/// tells his manager of a new relationship with a mother of two young children. The PPN exists at once; if no risk
/// disclosure to the mother is recorded within 24 hours, the queue shows it overdue."
/// </summary>
public sealed class when_an_offender_tells_his_manager_of_a_relationship_with_a_mother_of_two(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeOffset Start = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Told = Start.AddMinutes(-30);
    private readonly OffenderCalls _calls = new(api);

    private static JsonObject NewRelationshipWithAMotherOfTwo()
    {
        var body = DisclosureRequests.Relationship(Told, partnerHasChildren: true);
        body["details"] = "At his home visit he told his manager he has been seeing Jo, a mother of two young children, for three weeks.";
        body["relationship"]!["children"] = new JsonArray(
            new JsonObject { ["initialsOrName"] = "C.P.", ["ageYears"] = 3 },
            new JsonObject { ["initialsOrName"] = "D.P.", ["ageYears"] = 5 });
        return body;
    }

    private async Task<(Guid Id, string ETag, Guid DisclosureId)> ToldAsync()
    {
        api.Time.AdjustTime(Start);
        var (id, etag) = await _calls.RegisterAsync();
        var response = await _calls.PostAsync(id, etag, "disclosures", NewRelationshipWithAMotherOfTwo());
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var disclosureId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        return (id, response.Headers.ETag!.Tag, disclosureId);
    }

    [Fact]
    public async Task the_ppn_exists_at_once_and_without_a_risk_disclosure_the_queue_shows_it_overdue_after_24_hours()
    {
        var (id, etag, disclosureId) = await ToldAsync();

        // The PPN exists at once: in the same append as the disclosure, on the record and on the summary.
        etag.ShouldBe("\"3\"");
        (await _calls.NewestEntryAsync(id))["type"]!.GetValue<string>().ShouldBe("ppn-raised");
        var ppn = (await SafeguardingRequests.PpnsAsync(_calls, id)).Single()!;
        ppn["disclosureId"]!.GetValue<Guid>().ShouldBe(disclosureId);
        ppn["status"]!.GetValue<string>().ShouldBe("Raised");
        ppn["category"]!.GetValue<string>().ShouldBe("ChildAtRisk");
        ppn["childrenAges"]!.AsArray().Select(a => a!.GetValue<int>()).ShouldBe([3, 5]);
        ppn["parentOrCarerRelationship"]!.GetValue<string>().ShouldBe("mother");
        ppn["raisedAt"]!.GetValue<DateTimeOffset>().ShouldBe(Start);

        var queue = await SafeguardingRequests.QueueAsync(_calls, id);
        var decision = SafeguardingRequests.Item(queue, $"risk-disclosure-decision:{disclosureId}");
        decision["kind"]!.GetValue<string>().ShouldBe("RiskDisclosureDecision");
        decision["what"]!.GetValue<string>().ShouldStartWith("Decide on a risk disclosure to the children's mother");
        decision["why"]!.GetValue<string>().ShouldBe("Disclosure received from the offender: new relationship with a partner who has children under 18 (child contact)");
        decision["openedAt"]!.GetValue<DateTimeOffset>().ShouldBe(Told);
        decision["managerName"]!.GetValue<string>().ShouldBe("DC Test Manager");
        SafeguardingRequests.Due(decision).ShouldBe(Told.AddHours(24));
        SafeguardingRequests.Overdue(decision).ShouldBeFalse();
        var submission = SafeguardingRequests.Item(queue, $"ppn-submission:{ppn["ppnId"]!.GetValue<Guid>()}");
        SafeguardingRequests.Due(submission).ShouldBe(Told.AddHours(24));

        // Due at T is not overdue at T; overdue one tick after.
        api.Time.AdjustTime(Told.AddHours(24));
        SafeguardingRequests.Overdue(SafeguardingRequests.Item(await SafeguardingRequests.QueueAsync(_calls, id), $"risk-disclosure-decision:{disclosureId}")).ShouldBeFalse();
        api.Time.AdjustTime(Told.AddHours(24).AddTicks(1));
        queue = await SafeguardingRequests.QueueAsync(_calls, id);
        SafeguardingRequests.Overdue(SafeguardingRequests.Item(queue, $"risk-disclosure-decision:{disclosureId}")).ShouldBeTrue();
        SafeguardingRequests.Overdue(SafeguardingRequests.Item(queue, submission["key"]!.GetValue<string>())).ShouldBeTrue();

        // A minute later, both are among the overdue items, first in the queue, and counted as overdue.
        api.Time.AdjustTime(Told.AddHours(24).AddMinutes(1));
        var overdue = (await _calls.Supervisor.GetFromJsonAsync<JsonObject>($"/compliance/queue?offenderId={id}&overdue=true"))!;
        var overdueKeys = overdue["items"]!.AsArray().Select(i => i!["key"]!.GetValue<string>()).ToList();
        overdueKeys.ShouldContain($"ppn-submission:{ppn["ppnId"]!.GetValue<Guid>()}");
        overdueKeys.ShouldContain($"risk-disclosure-decision:{disclosureId}");
        overdue["byKind"]!.AsArray().Single(k => k!["kind"]!.GetValue<string>() == "RiskDisclosureDecision")!["overdue"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task a_risk_disclosure_to_the_mother_within_24_hours_closes_the_decision_and_leaves_the_ppn_submission_due()
    {
        var (id, etag, disclosureId) = await ToldAsync();
        api.Time.AdjustTime(Told.AddHours(23));

        var disclosure = DisclosureRequests.RiskDisclosure(Told.AddHours(22), disclosureId);
        disclosure["disclosedTo"]!["name"] = "Jo Partner";
        disclosure["disclosedTo"]!["relationship"] = "mother of the two children";
        await _calls.RecordAsync(id, etag, "risk-disclosures", disclosure);

        api.Time.AdjustTime(Told.AddHours(25));
        var queue = await SafeguardingRequests.QueueAsync(_calls, id);
        queue.ShouldNotContain(i => i["key"]!.GetValue<string>() == $"risk-disclosure-decision:{disclosureId}");
        var submission = queue.Single(i => i["kind"]!.GetValue<string>() == "PpnSubmission");
        SafeguardingRequests.Overdue(submission).ShouldBeTrue();

        var closed = (await _calls.ObligationsAsync(id))["obligations"]!.AsArray()
            .Single(o => o!["key"]!.GetValue<string>() == $"risk-disclosure-decision:{disclosureId}")!;
        closed["closure"]!["byType"]!.GetValue<string>().ShouldBe("RiskDisclosureMade");
        closed["closure"]!["at"]!.GetValue<DateTimeOffset>().ShouldBe(Told.AddHours(22));
    }
}
