using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Offenders;

public sealed class when_recording_a_home_visit(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    private DateTimeOffset AnHourAgo => api.Time.GetUtcNow().AddHours(-1);

    [Fact]
    public async Task a_visit_with_the_current_version_is_recorded_and_the_version_moves_on()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var response = await Visit(id, etag, OffenderRequests.TwoOfficerVisit(AnHourAgo));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        body!["version"]!.GetValue<long>().ShouldBe(2);
        body["id"]!.GetValue<Guid>().ShouldNotBe(Guid.Empty);
        body["advice"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task two_officers_racing_with_the_same_version_get_one_201_and_one_409()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Visit(id, etag, OffenderRequests.TwoOfficerVisit(AnHourAgo))));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(3);
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'")).ShouldBe(2);
    }

    [Fact]
    public async Task without_if_match_the_answer_is_428_naming_the_header()
    {
        var (id, _) = await OffenderRequests.RegisterAsync(Manager);

        var response = await Manager.PostAsJsonAsync($"/offenders/{id}/visits", OffenderRequests.TwoOfficerVisit(AnHourAgo));

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("If-Match");
    }

    [Fact]
    public async Task a_malformed_if_match_is_a_400_naming_the_header()
    {
        var (id, _) = await OffenderRequests.RegisterAsync(Manager);

        var response = await Visit(id, "W/\"1\"", OffenderRequests.TwoOfficerVisit(AnHourAgo));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("If-Match");
    }

    [Fact]
    public async Task an_unknown_offender_is_404()
    {
        var response = await Visit(Guid.NewGuid(), "\"1\"", OffenderRequests.TwoOfficerVisit(AnHourAgo));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task a_malformed_offender_id_is_a_400_naming_it()
    {
        var response = await Visit("not-a-uuid", "\"1\"", OffenderRequests.TwoOfficerVisit(AnHourAgo));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("offenderId");
    }

    public static TheoryData<string, Action<JsonObject>> BadFields => new()
    {
        { "visitedAt", b => b["visitedAt"] = DateTimeOffset.UtcNow.AddYears(5).ToString("O") },
        { "visitedAt", b => b.Remove("visitedAt") },
        { "officers", b => b["officers"] = new JsonArray() },
        { "officers", b => b["officers"] = new JsonArray(new JsonObject { ["id"] = "PC1", ["name"] = "A" }, new JsonObject { ["id"] = "pc1", ["name"] = "B" }) },
        { "officers[1].name", b => b["officers"]![1]!["name"] = "" },
        { "kind", b => b["kind"] = "Surprise" },
        { "entryGained", b => b.Remove("entryGained") },
        { "personsSeen[0].isChild", b => b["personsSeen"]![0]!.AsObject().Remove("isChild") },
        { "personsSeen[0].ageYears", b => { b["personsSeen"]![0]!["isChild"] = true; b["personsSeen"]![0]!["ageYears"] = 30; } },
        { "observations", b => b["observations"] = new string('x', 4001) },
        { "singleOfficerReason", b => b["singleOfficerReason"] = "Not needed with two officers." },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_and_nothing_is_written(string field, Action<JsonObject> spoil)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var body = OffenderRequests.TwoOfficerVisit(AnHourAgo);
        spoil(body);

        var response = await Visit(id, etag, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey(field);
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'")).ShouldBe(1);
    }

    [Fact]
    public async Task a_single_officer_visit_without_a_reason_is_refused()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var body = OffenderRequests.SingleOfficerVisit(AnHourAgo);
        body.Remove("singleOfficerReason");

        var response = await Visit(id, etag, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("singleOfficerReason");
    }

    [Fact]
    public async Task a_single_officer_visit_with_a_reason_is_kept_with_it()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var response = await Visit(id, etag, OffenderRequests.SingleOfficerVisit(AnHourAgo));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var timeline = await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline");
        timeline!["entries"]![0]!["data"]!["singleOfficerReason"]!.GetValue<string>().ShouldBe("Second officer called to an emergency.");
    }

    [Fact]
    public async Task the_second_failed_entry_says_the_s96B_warrant_is_available()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var first = await Visit(id, etag, OffenderRequests.SingleOfficerVisit(AnHourAgo.AddDays(-7), entryGained: false));
        (await first.Content.ReadFromJsonAsync<JsonObject>())!["advice"]!.AsArray().ShouldBeEmpty();
        var second = await Visit(id, first.Headers.ETag!.Tag, OffenderRequests.SingleOfficerVisit(AnHourAgo, entryGained: false));

        var body = await second.Content.ReadFromJsonAsync<JsonObject>();
        body!["advice"]!.AsArray().Single()!.GetValue<string>().ShouldContain("s.96B");
        var summary = await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}");
        summary!["flags"]!.AsArray().Select(f => f!.GetValue<string>()).ToList().ShouldContain("EntryWarrantAvailable");
    }

    [Fact]
    public async Task the_timeline_pages_newest_first()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        for (var i = 0; i < 4; i++)
        {
            var response = await Visit(id, etag, OffenderRequests.TwoOfficerVisit(AnHourAgo.AddDays(-i)));
            etag = response.Headers.ETag!.Tag;
        }

        var second = await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline?page=2&pageSize=2");

        second!["total"]!.GetValue<long>().ShouldBe(5);
        second["entries"]!.AsArray().Select(e => e!["version"]!.GetValue<long>()).ShouldBe([3L, 2L]);
        var bad = await Manager.GetAsync($"/offenders/{id}/timeline?pageSize=500");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("pageSize");
    }

    [Fact]
    public async Task the_timeline_of_an_unknown_offender_is_404()
    {
        (await Manager.GetAsync($"/offenders/{Guid.NewGuid()}/timeline")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private Task<HttpResponseMessage> Visit(Guid id, string etag, JsonObject body) => Visit(id.ToString(), etag, body);

    private async Task<HttpResponseMessage> Visit(string id, string etag, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{id}/visits") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await Manager.SendAsync(request);
    }
}
