using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Intelligence;

public sealed class when_intelligence_is_received(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    private Task<long> EventsOf(Guid id) => api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'");

    [Fact]
    public async Task the_item_is_kept_on_the_record_and_counted_in_the_summary_and_an_arms_review_is_advised()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var response = await IntelligenceRequests.PostAsync(Manager, id, etag, IntelligenceRequests.Item());

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var itemId = body!["id"]!.GetValue<Guid>();
        body["advice"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe([RecordIntelligence.ArmsReviewAdvice]);

        var entry = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline"))!["entries"]![0]!;
        entry["type"]!.GetValue<string>().ShouldBe("intelligence-received");
        entry["summary"]!.GetValue<string>().ShouldBe("Intelligence received (significant) from partner agency, graded 2/B/P");
        entry["data"]!["text"]!.GetValue<string>().ShouldBe(IntelligenceRequests.SecretText);

        var intelligence = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!["intelligence"]!;
        intelligence["count"]!.GetValue<int>().ShouldBe(1);
        intelligence["significantCount"]!.GetValue<int>().ShouldBe(1);
        intelligence["latestReceivedOn"]!.GetValue<string>().ShouldBe("2026-06-14");
        var item = intelligence["items"]!.AsArray().Single()!;
        item["intelligenceId"]!.GetValue<Guid>().ShouldBe(itemId);
        item["receivedOn"]!.GetValue<string>().ShouldBe("2026-06-14");
        item["source"]!.GetValue<string>().ShouldBe("PartnerAgency");
        item["grading"]!["code"]!.GetValue<string>().ShouldBe("2/B/P");
        item["significant"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task the_text_the_reason_and_the_handling_conditions_stay_out_of_the_summary_and_the_timeline_lines()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var body = IntelligenceRequests.Item();
        body["grading"]!["handlingCode"] = "C";
        body["grading"]!["handlingConditions"] = IntelligenceRequests.SecretConditions;
        (await IntelligenceRequests.PostAsync(Manager, id, etag, body)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var summary = await Manager.GetStringAsync($"/offenders/{id}");
        var stored = await api.Database.ScalarAsync(
            $"SELECT count(*) FROM mosovo.offender_summaries WHERE offender_id = '{id}' AND (state::text LIKE '%Quillfeather%' OR state::text LIKE '%Zebedee%' OR state::text LIKE '%Ravensworth%')");
        var timeline = await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline");

        summary.ShouldNotContain("Quillfeather");
        summary.ShouldNotContain("Zebedee");
        summary.ShouldNotContain("Ravensworth");
        stored.ShouldBe(0);
        timeline!["entries"]![0]!["summary"]!.GetValue<string>().ShouldBe("Intelligence received (significant) from partner agency, graded 2/B/C");
        timeline["entries"]![0]!["data"]!["grading"]!["handlingCode"]!.GetValue<string>().ShouldBe("C");
        timeline["entries"]![0]!["data"]!["handlingConditions"]!.GetValue<string>().ShouldBe(IntelligenceRequests.SecretConditions);
    }

    [Fact]
    public async Task an_item_that_is_not_significant_gives_no_advice()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var response = await IntelligenceRequests.PostAsync(Manager, id, etag, IntelligenceRequests.Item(significant: false));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["advice"]!.AsArray().ShouldBeEmpty();
        var intelligence = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!["intelligence"]!;
        intelligence["count"]!.GetValue<int>().ShouldBe(1);
        intelligence["significantCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task the_openapi_document_shows_the_endpoint_with_its_example()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        document!["paths"]!.AsObject().ShouldContainKey("/offenders/{offenderId}/intelligence");
        document["components"]!["schemas"]!["RecordIntelligenceRequest"]!["examples"]![0]!["grading"]!["intelligenceAssessment"]!.GetValue<string>().ShouldBe("B");
    }

    public static TheoryData<string, Action<JsonObject>> BadFields => new()
    {
        { "receivedOn", b => b.Remove("receivedOn") },
        { "receivedOn", b => b["receivedOn"] = "2026-06-16" },
        { "source", b => b.Remove("source") },
        { "source.kind", b => b["source"]!["kind"] = "Rumour" },
        { "source.agencyName", b => b["source"]!.AsObject().Remove("agencyName") },
        { "source.agencyName", b => b["source"]!["kind"] = "MemberOfPublic" },
        { "grading", b => b.Remove("grading") },
        { "grading.sourceEvaluation", b => b["grading"]!["sourceEvaluation"] = 4 },
        { "grading.sourceEvaluation", b => b["grading"]!["sourceEvaluation"] = 0 },
        { "grading.sourceEvaluation", b => b["grading"]!.AsObject().Remove("sourceEvaluation") },
        { "grading.intelligenceAssessment", b => b["grading"]!["intelligenceAssessment"] = "F" },
        { "grading.intelligenceAssessment", b => b["grading"]!["intelligenceAssessment"] = "AB" },
        { "grading.intelligenceAssessment", b => b["grading"]!.AsObject().Remove("intelligenceAssessment") },
        { "grading.handlingCode", b => b["grading"]!["handlingCode"] = "X" },
        { "grading.handlingCode", b => b["grading"]!["handlingCode"] = "" },
        { "grading.handlingConditions", b => b["grading"]!["handlingCode"] = "C" },
        { "grading.handlingConditions", b => b["grading"]!["handlingConditions"] = "Only police." },
        { "text", b => b.Remove("text") },
        { "text", b => b["text"] = "   " },
        { "text", b => b["text"] = new string('x', 4001) },
        { "significant", b => b.Remove("significant") },
        { "significanceReason", b => b.Remove("significanceReason") },
        { "significanceReason", b => { b["significant"] = false; b["significanceReason"] = "Because."; } },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_and_nothing_is_written(string field, Action<JsonObject> spoil)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var body = IntelligenceRequests.Item();
        spoil(body);

        var response = await IntelligenceRequests.PostAsync(Manager, id, etag, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey(field);
        (await EventsOf(id)).ShouldBe(1);
    }
}
