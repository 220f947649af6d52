using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Arms;

public sealed class when_recording_an_arms_assessment(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    private Task<long> EventsOf(Guid id) => api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'");

    [Fact]
    public async Task it_is_recorded_awaiting_endorsement_and_sets_the_current_risk_levels()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var response = await ArmsRequests.RecordAsync(Manager, id, etag, ArmsRequests.Assessment());

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var assessmentId = body!["id"]!.GetValue<Guid>();
        body["advice"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldContain(RecordArmsAssessment.EndorsementAdvice);

        var timeline = await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline");
        var entry = timeline!["entries"]![0]!;
        entry["type"]!.GetValue<string>().ShouldBe("arms-assessment-recorded");
        entry["summary"]!.GetValue<string>().ShouldBe("ARMS assessment (periodic review) by DC Test Manager: risk of serious harm high, risk of reconviction medium");
        entry["data"]!["riskFactors"]!.AsArray().Count.ShouldBe(2);

        var risk = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!["risk"]!;
        risk["riskOfSeriousHarm"]!.GetValue<string>().ShouldBe("High");
        risk["riskOfReconviction"]!.GetValue<string>().ShouldBe("Medium");
        risk["latest"]!["assessmentId"]!.GetValue<Guid>().ShouldBe(assessmentId);
        risk["latest"]!["assessedOn"]!.GetValue<string>().ShouldBe("2026-06-10");
        risk["latest"]!["promptedBy"]!["kind"]!.GetValue<string>().ShouldBe("PeriodicReview");
        risk["latest"]!["endorsement"]!.GetValue<string>().ShouldBe("AwaitingEndorsement");
        risk["awaitingEndorsement"]!.AsArray().Select(a => a!.GetValue<Guid>()).ShouldBe([assessmentId]);
        risk["currentPlan"]!["fromAssessmentId"]!.GetValue<Guid>().ShouldBe(assessmentId);
        risk["currentPlan"]!["actions"]![1]!["owner"]!.GetValue<string>().ShouldBe("North MOSOVO");
    }

    [Fact]
    public async Task a_caseload_line_shows_the_risk_of_serious_harm()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        await ArmsRequests.RecordedAsync(Manager, id, etag, ArmsRequests.Assessment(riskOfSeriousHarm: "VeryHigh"));

        var found = await Manager.GetFromJsonAsync<JsonObject>("/offenders?reference=" + (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!["identity"]!["reference"]);

        found!["offenders"]![0]!["riskOfSeriousHarm"]!.GetValue<string>().ShouldBe("VeryHigh");
    }

    [Fact]
    public async Task an_assessment_dated_before_the_latest_is_kept_but_does_not_change_the_current_levels()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        (_, etag) = await ArmsRequests.RecordedAsync(Manager, id, etag, ArmsRequests.Assessment("2026-06-10", "High"));

        var older = await ArmsRequests.RecordAsync(Manager, id, etag, ArmsRequests.Assessment("2026-01-10", "Low"));

        older.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await older.Content.ReadFromJsonAsync<JsonObject>())!["advice"]!.AsArray().Select(a => a!.GetValue<string>())
            .ShouldContain(a => a.Contains("dated before the latest one (2026-06-10)"));
        var risk = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!["risk"]!;
        risk["riskOfSeriousHarm"]!.GetValue<string>().ShouldBe("High");
        risk["assessments"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_significant_event_may_name_the_entry_that_prompted_it()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var body = ArmsRequests.Assessment();
        body["promptedBy"] = new JsonObject { ["kind"] = "SignificantEvent", ["significantEvent"] = "ReleaseFromCustody", ["eventVersion"] = 1 };

        var response = await ArmsRequests.RecordAsync(Manager, id, etag, body);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var prompt = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!["risk"]!["latest"]!["promptedBy"]!;
        prompt["significantEvent"]!.GetValue<string>().ShouldBe("ReleaseFromCustody");
        prompt["eventVersion"]!.GetValue<long>().ShouldBe(1);
        var timeline = await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline");
        timeline!["entries"]![0]!["summary"]!.GetValue<string>().ShouldContain("after a significant event: release from custody, entry 1");
    }

    [Fact]
    public async Task the_openapi_document_shows_both_arms_endpoints_with_their_examples()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject();
        paths.ShouldContainKey("/offenders/{offenderId}/arms-assessments");
        paths.ShouldContainKey("/offenders/{offenderId}/arms-endorsements");
        var schemas = document["components"]!["schemas"]!;
        schemas["RecordArmsAssessmentRequest"]!["examples"]![0]!["riskOfSeriousHarm"]!.GetValue<string>().ShouldBe("High");
        schemas["EndorseArmsAssessmentRequest"]!["examples"]![0]!["outcome"]!.GetValue<string>().ShouldBe("ReturnedForRevision");
    }

    public static TheoryData<string, Action<JsonObject>> BadFields => new()
    {
        { "assessedOn", b => b.Remove("assessedOn") },
        { "assessedOn", b => b["assessedOn"] = "2026-06-16" },
        { "assessor", b => b.Remove("assessor") },
        { "assessor.id", b => b["assessor"]!["id"] = " " },
        { "assessor.name", b => b["assessor"]!["name"] = new string('x', 101) },
        { "riskOfSeriousHarm", b => b.Remove("riskOfSeriousHarm") },
        { "riskOfSeriousHarm", b => b["riskOfSeriousHarm"] = "Extreme" },
        { "riskOfReconviction", b => b.Remove("riskOfReconviction") },
        { "riskFactors", b => b["riskFactors"] = new JsonArray() },
        { "riskFactors", b => b["riskFactors"] = new JsonArray("Isolated", "isolated") },
        { "riskFactors[1]", b => b["riskFactors"]![1] = new string('x', 301) },
        { "protectiveFactors[0]", b => b["protectiveFactors"]![0] = "" },
        { "riskManagementPlan", b => b.Remove("riskManagementPlan") },
        { "riskManagementPlan[0].action", b => b["riskManagementPlan"]![0]!["action"] = "" },
        { "riskManagementPlan[1].owner", b => b["riskManagementPlan"]![1]!.AsObject().Remove("owner") },
        { "riskManagementPlan[0].dueOn", b => b["riskManagementPlan"]![0]!["dueOn"] = "2026-06-09" },
        { "promptedBy", b => b.Remove("promptedBy") },
        { "promptedBy.kind", b => b["promptedBy"]!["kind"] = "Hunch" },
        { "promptedBy.significantEvent", b => b["promptedBy"]!["kind"] = "SignificantEvent" },
        { "promptedBy.significantEvent", b => b["promptedBy"]!["significantEvent"] = "Breach" },
        { "promptedBy.eventVersion", b => b["promptedBy"]!["eventVersion"] = 1 },
        { "promptedBy.eventVersion", b => b["promptedBy"] = new JsonObject { ["kind"] = "SignificantEvent", ["significantEvent"] = "Breach", ["eventVersion"] = 0 } },
        { "unexpected", b => b["unexpected"] = true },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_and_nothing_is_written(string field, Action<JsonObject> spoil)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var body = ArmsRequests.Assessment();
        spoil(body);

        var response = await ArmsRequests.RecordAsync(Manager, id, etag, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey(field);
        (await EventsOf(id)).ShouldBe(1);
    }

    public static TheoryData<string, Action<JsonObject>> RefusedByTheRecord => new()
    {
        // Registered with a conviction on 2020-05-01.
        { "assessedOn", b => b["assessedOn"] = "2020-04-30" },
        { "promptedBy.eventVersion", b => b["promptedBy"] = new JsonObject { ["kind"] = "SignificantEvent", ["significantEvent"] = "Breach", ["eventVersion"] = 9 } },
        { "promptedBy.eventVersion", b => b["promptedBy"] = new JsonObject { ["kind"] = "SignificantEvent", ["significantEvent"] = "Breach", ["eventVersion"] = 2 } },
        { "promptedBy.kind", b => b["promptedBy"] = new JsonObject { ["kind"] = "InitialAssessment" } },
    };

    [Theory]
    [MemberData(nameof(RefusedByTheRecord))]
    public async Task what_the_record_forbids_is_refused_naming_the_field_and_nothing_is_written(string field, Action<JsonObject> spoil)
    {
        // The record holds an initial assessment at version 2.
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var initial = ArmsRequests.Assessment();
        initial["promptedBy"] = new JsonObject { ["kind"] = "InitialAssessment" };
        (_, etag) = await ArmsRequests.RecordedAsync(Manager, id, etag, initial);
        var body = ArmsRequests.Assessment();
        spoil(body);

        var response = await ArmsRequests.RecordAsync(Manager, id, etag, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey(field);
        (await EventsOf(id)).ShouldBe(2);
    }
}
