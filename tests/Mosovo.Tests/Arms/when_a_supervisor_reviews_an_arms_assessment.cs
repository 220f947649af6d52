using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Arms;

public sealed class when_a_supervisor_reviews_an_arms_assessment(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    private HttpClient Supervisor => api.ClientFor(Roles.Supervisor, "DS Test Supervisor");

    private Task<long> EventsOf(Guid id) => api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'");

    /// <summary>An offender with one assessment recorded by the offender manager: version 2.</summary>
    private async Task<(Guid Id, Guid AssessmentId, string ETag)> AssessedAsync()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var (assessmentId, assessed) = await ArmsRequests.RecordedAsync(Manager, id, etag);
        return (id, assessmentId, assessed);
    }

    [Fact]
    public async Task an_endorsement_is_recorded_with_who_and_when_and_nothing_then_awaits_endorsement()
    {
        var (id, assessmentId, etag) = await AssessedAsync();

        var response = await ArmsRequests.EndorseAsync(Supervisor, id, etag, ArmsRequests.Endorsement(assessmentId));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.Tag.ShouldBe("\"3\"");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>().ShouldBe(assessmentId);
        var entry = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline"))!["entries"]![0]!;
        entry["type"]!.GetValue<string>().ShouldBe("arms-assessment-endorsed");
        entry["summary"]!.GetValue<string>().ShouldBe("ARMS assessment of 10 June 2026 endorsed by DS Test Supervisor");
        var risk = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!["risk"]!;
        var assessment = risk["assessments"]![0]!;
        assessment["endorsement"]!.GetValue<string>().ShouldBe("Endorsed");
        assessment["reviewedBy"]!["name"]!.GetValue<string>().ShouldBe("DS Test Supervisor");
        assessment["reviewedAt"]!.GetValue<DateTimeOffset>().ShouldBe(api.Time.GetUtcNow());
        risk["awaitingEndorsement"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task a_return_for_revision_keeps_the_comments_and_awaits_a_revised_assessment()
    {
        var (id, assessmentId, etag) = await AssessedAsync();

        var response = await ArmsRequests.EndorseAsync(Supervisor, id, etag,
            ArmsRequests.Endorsement(assessmentId, "ReturnedForRevision", "No action on the partner's children."));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var entry = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline"))!["entries"]![0]!;
        entry["type"]!.GetValue<string>().ShouldBe("arms-assessment-returned-for-revision");
        entry["summary"]!.GetValue<string>().ShouldBe("ARMS assessment of 10 June 2026 returned for revision by DS Test Supervisor");
        var risk = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!["risk"]!;
        risk["assessments"]![0]!["endorsement"]!.GetValue<string>().ShouldBe("ReturnedForRevision");
        risk["assessments"]![0]!["reviewComments"]!.GetValue<string>().ShouldBe("No action on the partner's children.");
        risk["awaitingRevision"]!.AsArray().Select(a => a!.GetValue<Guid>()).ShouldBe([assessmentId]);

        (var revisedId, _) = await ArmsRequests.RecordedAsync(Manager, id, response.Headers.ETag!.Tag);

        risk = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!["risk"]!;
        risk["awaitingRevision"]!.AsArray().ShouldBeEmpty();
        risk["awaitingEndorsement"]!.AsArray().Select(a => a!.GetValue<Guid>()).ShouldBe([revisedId]);
        risk["latest"]!["assessmentId"]!.GetValue<Guid>().ShouldBe(revisedId);
    }

    public static TheoryData<string, Action<JsonObject>> BadFields => new()
    {
        { "assessmentId", b => b.Remove("assessmentId") },
        { "assessmentId", b => b["assessmentId"] = "not-a-uuid" },
        { "assessmentId", b => b["assessmentId"] = Guid.Empty.ToString() },
        { "outcome", b => b.Remove("outcome") },
        { "outcome", b => b["outcome"] = "Maybe" },
        { "comments", b => b["outcome"] = "ReturnedForRevision" },
        { "comments", b => { b["outcome"] = "ReturnedForRevision"; b["comments"] = "  "; } },
        { "comments", b => b["comments"] = new string('x', 2001) },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_and_nothing_is_written(string field, Action<JsonObject> spoil)
    {
        var (id, assessmentId, etag) = await AssessedAsync();
        var body = ArmsRequests.Endorsement(assessmentId);
        spoil(body);

        var response = await ArmsRequests.EndorseAsync(Supervisor, id, etag, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey(field);
        (await EventsOf(id)).ShouldBe(2);
    }

    [Fact]
    public async Task an_assessment_that_is_not_on_the_record_is_refused_naming_assessmentId()
    {
        var (id, _, etag) = await AssessedAsync();

        var response = await ArmsRequests.EndorseAsync(Supervisor, id, etag, ArmsRequests.Endorsement(Guid.NewGuid()));

        await ShouldBeRefused(response, "there is no ARMS assessment");
        (await EventsOf(id)).ShouldBe(2);
    }

    [Fact]
    public async Task an_assessment_already_endorsed_is_refused_naming_assessmentId()
    {
        var (id, assessmentId, etag) = await AssessedAsync();
        var first = await ArmsRequests.EndorseAsync(Supervisor, id, etag, ArmsRequests.Endorsement(assessmentId));
        first.StatusCode.ShouldBe(HttpStatusCode.Created);

        var again = await ArmsRequests.EndorseAsync(api.ClientFor(Roles.Supervisor, "DI Other Supervisor"), id, first.Headers.ETag!.Tag,
            ArmsRequests.Endorsement(assessmentId, "ReturnedForRevision", "Second thoughts."));

        await ShouldBeRefused(again, "already endorsed by DS Test Supervisor");
        (await EventsOf(id)).ShouldBe(3);
    }

    [Fact]
    public async Task a_supervisor_may_not_endorse_an_assessment_they_recorded()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var (assessmentId, assessed) = await ArmsRequests.RecordedAsync(Supervisor, id, etag);

        var response = await ArmsRequests.EndorseAsync(Supervisor, id, assessed, ArmsRequests.Endorsement(assessmentId));

        await ShouldBeRefused(response, "another supervisor must endorse it");
        (await EventsOf(id)).ShouldBe(2);
        (await ArmsRequests.EndorseAsync(api.ClientFor(Roles.Supervisor, "DI Other Supervisor"), id, assessed, ArmsRequests.Endorsement(assessmentId)))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private static async Task ShouldBeRefused(HttpResponseMessage response, string because)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.ShouldContainKey("assessmentId");
        errors["assessmentId"]![0]!.GetValue<string>().ShouldContain(because);
    }
}
