using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Tests.Disclosures;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Orders;

namespace Mosovo.Tests.Compliance;

/// <summary>The automatic PPN and its commands through the API: submitted to the MASH, reviewed by a supervisor, shared.</summary>
public sealed class when_a_ppn_goes_to_the_mash_is_reviewed_and_shared(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly OffenderCalls _calls = new(api);

    private DateTimeOffset Received => _calls.Now.AddHours(-5);

    private async Task<(Guid Id, string ETag, Guid PpnId)> RaisedAsync()
    {
        var (id, etag) = await _calls.RegisterAsync();
        var (_, next) = await _calls.RecordAsync(id, etag, "disclosures", DisclosureRequests.ChildContact(Received));
        var ppnId = (await SafeguardingRequests.PpnsAsync(_calls, id)).Single()!["ppnId"]!.GetValue<Guid>();
        return (id, next, ppnId);
    }

    private async Task<(Guid Id, string ETag, Guid PpnId)> SubmittedAsync()
    {
        var (id, etag, ppnId) = await RaisedAsync();
        var (_, next) = await _calls.RecordAsync(id, etag, "ppns/submissions", SafeguardingRequests.Submission(ppnId, Received.AddHours(1)));
        return (id, next, ppnId);
    }

    [Fact]
    public async Task the_ppn_is_raised_in_the_disclosures_append_and_the_summary_keeps_identities_out()
    {
        var (id, etag) = await _calls.RegisterAsync();

        var response = await _calls.PostAsync(id, etag, "disclosures", DisclosureRequests.ChildContact(Received));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.ShouldBe("\"3\"");
        (await _calls.EventCountAsync(id)).ShouldBe(3);
        var disclosureId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var entry = await _calls.NewestEntryAsync(id);
        entry["type"]!.GetValue<string>().ShouldBe("ppn-raised");
        entry["summary"]!.GetValue<string>().ShouldBe(
            "PPN raised for children's social care, through the MASH: child at risk; 1 child aged 8; risk of serious harm not yet assessed");
        var data = entry["data"]!;
        data["disclosureId"]!.GetValue<Guid>().ShouldBe(disclosureId);
        data["category"]!.GetValue<string>().ShouldBe("ChildAtRisk");
        data["children"]![0]!["initialsOrName"]!.GetValue<string>().ShouldBe("A.E.");
        data["parentOrCarer"]!["name"]!.GetValue<string>().ShouldBe("Sam Carer");
        data["source"]!["name"]!.GetValue<string>().ShouldBe("Pat Neighbour");
        data["offenderReference"]!.GetValue<string>().ShouldStartWith("MOS-");
        data["offenderName"]!["familyName"]!.GetValue<string>().ShouldBe("Fictional");
        data["mappaCategory"]!.GetValue<int>().ShouldBe(1);
        data["raisedAt"]!.GetValue<DateTimeOffset>().ShouldBe(_calls.Now);
        data["disclosureReceivedAt"]!.GetValue<DateTimeOffset>().ShouldBe(Received);

        var ppn = (await SafeguardingRequests.PpnsAsync(_calls, id)).Single()!;
        ppn["status"]!.GetValue<string>().ShouldBe("Raised");
        ppn["category"]!.GetValue<string>().ShouldBe("ChildAtRisk");
        ppn["addressedTo"]!.GetValue<string>().ShouldBe("children's social care, through the MASH");
        ppn["riskOfSeriousHarm"]!.GetValue<string>().ShouldBe("not yet assessed");
        ppn["childrenAges"]!.AsArray().Select(a => a!.GetValue<int>()).ShouldBe([8]);
        ppn["outstandingChecks"]!.AsArray().Count.ShouldBe(5);
        var summary = (await _calls.SummaryAsync(id)).ToJsonString();
        summary.ShouldNotContain("Sam Carer");
        summary.ShouldNotContain("A.E.");
        summary.ShouldNotContain("Pat Neighbour");
    }

    [Fact]
    public async Task each_step_is_recorded_moves_the_etag_and_shows_on_the_timeline_and_the_summary()
    {
        var (id, etag, ppnId) = await RaisedAsync();
        var queue = await SafeguardingRequests.QueueAsync(_calls, id, "PpnSubmission");
        SafeguardingRequests.Item(queue, $"ppn-submission:{ppnId}");

        var submitted = await _calls.PostAsync(id, etag, "ppns/submissions", SafeguardingRequests.Submission(ppnId, Received.AddHours(1)));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Created);
        submitted.Headers.ETag!.Tag.ShouldBe("\"4\"");
        (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>().ShouldBe(ppnId);
        var entry = await _calls.NewestEntryAsync(id);
        entry["type"]!.GetValue<string>().ShouldBe("ppn-submitted-to-mash");
        entry["summary"]!.GetValue<string>().ShouldBe("PPN submitted to the MASH by DC Test Manager, reference MASH/2026/0042");
        var ppn = (await SafeguardingRequests.PpnsAsync(_calls, id)).Single()!;
        ppn["status"]!.GetValue<string>().ShouldBe("SubmittedToMash");
        ppn["submission"]!["mashReference"]!.GetValue<string>().ShouldBe("MASH/2026/0042");
        ppn["submission"]!["submittedAt"]!.GetValue<DateTimeOffset>().ShouldBe(Received.AddHours(1));
        (await SafeguardingRequests.QueueAsync(_calls, id, "PpnSubmission")).ShouldBeEmpty();

        var part = await _calls.PostAsync(id, submitted.Headers.ETag.Tag, "ppns/reviews",
            SafeguardingRequests.Review(ppnId, Received.AddHours(2), "InformationComplete", "ImmediateSafeguardingInPlace"), _calls.Supervisor);
        part.StatusCode.ShouldBe(HttpStatusCode.Created);
        part.Headers.ETag!.Tag.ShouldBe("\"5\"");
        (await part.Content.ReadFromJsonAsync<JsonObject>())!["advice"]![0]!.GetValue<string>()
            .ShouldBe("Still to check: context from police records added, crimes recorded, sharing necessary and proportionate.");
        (await _calls.NewestEntryAsync(id))["type"]!.GetValue<string>().ShouldBe("ppn-review-checks-recorded");
        ppn = (await SafeguardingRequests.PpnsAsync(_calls, id)).Single()!;
        ppn["status"]!.GetValue<string>().ShouldBe("SubmittedToMash");
        ppn["reviewChecks"]![0]!["checkedBy"]!["name"]!.GetValue<string>().ShouldBe("DS Test Supervisor");
        ppn["reviewChecks"]![0]!["checkedAt"]!.GetValue<DateTimeOffset>().ShouldBe(Received.AddHours(2));

        var rest = await _calls.PostAsync(id, part.Headers.ETag.Tag, "ppns/reviews",
            SafeguardingRequests.Review(ppnId, Received.AddHours(3), "PoliceRecordsContextAdded", "CrimesRecorded", "SharingNecessaryAndProportionate"), _calls.Supervisor);
        rest.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _calls.NewestEntryAsync(id))["summary"]!.GetValue<string>().ShouldEndWith("; review complete");
        ppn = (await SafeguardingRequests.PpnsAsync(_calls, id)).Single()!;
        ppn["status"]!.GetValue<string>().ShouldBe("Reviewed");
        ppn["reviewedAt"]!.GetValue<DateTimeOffset>().ShouldBe(Received.AddHours(3));
        ppn["outstandingChecks"]!.AsArray().ShouldBeEmpty();

        var shared = await _calls.PostAsync(id, rest.Headers.ETag!.Tag, "ppns/shares", SafeguardingRequests.Share(ppnId, Received.AddHours(4)));
        shared.StatusCode.ShouldBe(HttpStatusCode.Created);
        shared.Headers.ETag!.Tag.ShouldBe("\"7\"");
        entry = await _calls.NewestEntryAsync(id);
        entry["type"]!.GetValue<string>().ShouldBe("ppn-shared");
        entry["summary"]!.GetValue<string>().ShouldStartWith("PPN shared with Demotown Primary School, Health Visiting Service: Strategy discussion");
        ppn = (await SafeguardingRequests.PpnsAsync(_calls, id)).Single()!;
        ppn["status"]!.GetValue<string>().ShouldBe("Shared");
        ppn["shares"]![0]!["agencies"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["Demotown Primary School", "Health Visiting Service"]);
    }

    [Fact]
    public async Task steps_out_of_order_or_on_a_ppn_not_on_the_record_are_refused_naming_the_field_and_write_nothing()
    {
        var (id, etag, ppnId) = await RaisedAsync();

        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, etag, "ppns/reviews", SafeguardingRequests.Review(ppnId, _calls.Now), _calls.Supervisor)))
            .ShouldBe(["ppnId"]);
        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, etag, "ppns/shares", SafeguardingRequests.Share(ppnId, _calls.Now)))).ShouldBe(["ppnId"]);
        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, etag, "ppns/submissions", SafeguardingRequests.Submission(Guid.NewGuid(), _calls.Now))))
            .ShouldBe(["ppnId"]);
        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, etag, "ppns/submissions", SafeguardingRequests.Submission(ppnId, Received.AddMinutes(-1)))))
            .ShouldBe(["submittedAt"]);
        (await _calls.EventCountAsync(id)).ShouldBe(3);

        var (_, next) = await _calls.RecordAsync(id, etag, "ppns/submissions", SafeguardingRequests.Submission(ppnId, Received.AddHours(1)));
        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, next, "ppns/submissions", SafeguardingRequests.Submission(ppnId, _calls.Now)))).ShouldBe(["ppnId"]);
        (_, next) = await _calls.RecordAsync(id, next, "ppns/reviews", SafeguardingRequests.Review(ppnId, Received.AddHours(2), "CrimesRecorded"), _calls.Supervisor);
        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, next, "ppns/reviews", SafeguardingRequests.Review(ppnId, _calls.Now, "CrimesRecorded"), _calls.Supervisor)))
            .ShouldBe(["checks[0].check"]);
        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, next, "ppns/shares", SafeguardingRequests.Share(ppnId, _calls.Now)))).ShouldBe(["ppnId"]);
        (await _calls.EventCountAsync(id)).ShouldBe(5);
    }

    public static TheoryData<string, string, Action<JsonObject>> BadFields => new()
    {
        { "ppns/submissions", "ppnId", b => b.Remove("ppnId") },
        { "ppns/submissions", "ppnId", b => b["ppnId"] = Guid.Empty },
        { "ppns/submissions", "submittedAt", b => b.Remove("submittedAt") },
        { "ppns/submissions", "submittedAt", b => b["submittedAt"] = "2026-07-15T10:00:00Z" }, // a month after the test clock's now
        { "ppns/submissions", "mashReference", b => b["mashReference"] = " " },
        { "ppns/submissions", "mashReference", b => b["mashReference"] = new string('x', 101) },
        { "ppns/submissions", "submittedBy", b => b.Remove("submittedBy") },
        { "ppns/submissions", "submittedBy.name", b => b["submittedBy"]!.AsObject().Remove("name") },
        { "ppns/reviews", "ppnId", b => b.Remove("ppnId") },
        { "ppns/reviews", "checks", b => b.Remove("checks") },
        { "ppns/reviews", "checks", b => b["checks"] = new JsonArray() },
        { "ppns/reviews", "checks[0].check", b => b["checks"]![0]!["check"] = "LooksFine" },
        { "ppns/reviews", "checks[0].check", b => b["checks"]![0]!.AsObject().Remove("check") },
        { "ppns/reviews", "checks[1].check", b => b["checks"]![1]!["check"] = SafeguardingRequests.AllChecks[0] },
        { "ppns/reviews", "checks[2].finding", b => b["checks"]![2]!["finding"] = "" },
        { "ppns/reviews", "checks[3].finding", b => b["checks"]![3]!["finding"] = new string('x', 2001) },
        { "ppns/reviews", "checkedAt", b => b.Remove("checkedAt") },
        { "ppns/shares", "agencies", b => b.Remove("agencies") },
        { "ppns/shares", "agencies[1]", b => b["agencies"]![1] = "demotown primary school" },
        { "ppns/shares", "agencies[0]", b => b["agencies"]![0] = " " },
        { "ppns/shares", "sharedAt", b => b["sharedAt"] = "2026-07-15T10:00:00Z" },
        { "ppns/shares", "purpose", b => b.Remove("purpose") },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_and_nothing_is_written(string path, string field, Action<JsonObject> spoil)
    {
        var (id, etag, ppnId) = await RaisedAsync();
        var body = path switch
        {
            "ppns/submissions" => SafeguardingRequests.Submission(ppnId, Received.AddHours(1)),
            "ppns/reviews" => SafeguardingRequests.Review(ppnId, Received.AddHours(2)),
            _ => SafeguardingRequests.Share(ppnId, Received.AddHours(3)),
        };
        spoil(body);

        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, etag, path, body, _calls.Supervisor))).ShouldContain(field);
        (await _calls.EventCountAsync(id)).ShouldBe(3);
    }
}
