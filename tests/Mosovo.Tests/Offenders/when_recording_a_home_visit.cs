using System.Net;
using System.Text.Json.Nodes;
using Alba;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Offenders;

public sealed class when_recording_a_home_visit(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    private string ManagerToken => api.Token(Roles.OffenderManager, "DC Test Manager");

    private DateTimeOffset AnHourAgo => api.Time.GetUtcNow().AddHours(-1);

    [Fact]
    public async Task a_visit_with_the_current_version_is_recorded_and_the_version_moves_on()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var response = await Visit(id, etag, OffenderRequests.TwoOfficerVisit(AnHourAgo), HttpStatusCode.Created);

        response.ETag().Tag.ShouldBe("\"2\"");
        var body = await response.ReadAsJsonAsync<JsonObject>();
        body["version"]!.GetValue<long>().ShouldBe(2);
        body["id"]!.GetValue<Guid>().ShouldNotBe(Guid.Empty);
        body["advice"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task two_officers_racing_with_the_same_version_get_one_201_and_one_409()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Visit(id, etag, OffenderRequests.TwoOfficerVisit(AnHourAgo))));

        answers.Count(a => a.StatusCode() == HttpStatusCode.Created).ShouldBe(1);
        answers.Count(a => a.StatusCode() == HttpStatusCode.Conflict).ShouldBe(3);
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'")).ShouldBe(2);
    }

    [Fact]
    public async Task without_if_match_the_answer_is_428_naming_the_header()
    {
        var (id, _) = await OffenderRequests.RegisterAsync(Manager);

        var response = await api.Scenario(s =>
        {
            s.WithBearerToken(ManagerToken);
            s.Post.Json(OffenderRequests.TwoOfficerVisit(AnHourAgo)).ToUrl($"/offenders/{id}/visits");
            s.StatusCodeShouldBe(HttpStatusCode.PreconditionRequired);
        });

        (await response.ReadAsJsonAsync<JsonObject>())["errors"]!.AsObject().ShouldContainKey("If-Match");
    }

    [Fact]
    public async Task a_malformed_if_match_is_a_400_naming_the_header()
    {
        var (id, _) = await OffenderRequests.RegisterAsync(Manager);

        var visit = OffenderRequests.TwoOfficerVisit(AnHourAgo);
        var response = await Visit(id, "W/\"1\"", visit, HttpStatusCode.BadRequest);

        (await response.ReadAsJsonAsync<JsonObject>())["errors"]!.AsObject().ShouldContainKey("If-Match");
    }

    [Fact]
    public async Task an_unknown_offender_is_404()
    {
        var visit = OffenderRequests.TwoOfficerVisit(AnHourAgo);
        var response = await Visit(Guid.NewGuid(), "\"1\"", visit, HttpStatusCode.NotFound);

        response.MediaType().ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task a_malformed_offender_id_is_a_400_naming_it()
    {
        var visit = OffenderRequests.TwoOfficerVisit(AnHourAgo);
        var response = await Visit("not-a-uuid", "\"1\"", visit, HttpStatusCode.BadRequest);

        (await response.ReadAsJsonAsync<JsonObject>())["errors"]!.AsObject().ShouldContainKey("offenderId");
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

        var response = await Visit(id, etag, body, HttpStatusCode.BadRequest);

        (await response.ReadAsJsonAsync<JsonObject>())["errors"]!.AsObject().ShouldContainKey(field);
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'")).ShouldBe(1);
    }

    [Fact]
    public async Task a_single_officer_visit_without_a_reason_is_refused()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var body = OffenderRequests.SingleOfficerVisit(AnHourAgo);
        body.Remove("singleOfficerReason");

        var response = await Visit(id, etag, body, HttpStatusCode.BadRequest);

        (await response.ReadAsJsonAsync<JsonObject>())["errors"]!.AsObject().ShouldContainKey("singleOfficerReason");
    }

    [Fact]
    public async Task a_single_officer_visit_with_a_reason_is_kept_with_it()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        await Visit(id, etag, OffenderRequests.SingleOfficerVisit(AnHourAgo), HttpStatusCode.Created);

        var timeline = await ReadAsync($"/offenders/{id}/timeline");
        timeline["entries"]![0]!["data"]!["singleOfficerReason"]!.GetValue<string>()
            .ShouldBe("Second officer called to an emergency.");
    }

    [Fact]
    public async Task the_second_failed_entry_says_the_s96B_warrant_is_available()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var first = await Visit(id, etag, OffenderRequests.SingleOfficerVisit(AnHourAgo.AddDays(-7), entryGained: false));
        (await first.ReadAsJsonAsync<JsonObject>())["advice"]!.AsArray().ShouldBeEmpty();
        var again = OffenderRequests.SingleOfficerVisit(AnHourAgo, entryGained: false);
        var second = await Visit(id, first.ETag().Tag, again);

        var body = await second.ReadAsJsonAsync<JsonObject>();
        body["advice"]!.AsArray().Single()!.GetValue<string>().ShouldContain("s.96B");
        var summary = await ReadAsync($"/offenders/{id}");
        summary["flags"]!.AsArray().Select(f => f!.GetValue<string>()).ToList().ShouldContain("EntryWarrantAvailable");
    }

    [Fact]
    public async Task the_timeline_pages_newest_first()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        for (var i = 0; i < 4; i++)
        {
            var response = await Visit(id, etag, OffenderRequests.TwoOfficerVisit(AnHourAgo.AddDays(-i)));
            etag = response.ETag().Tag;
        }

        var second = await ReadAsync($"/offenders/{id}/timeline?page=2&pageSize=2");

        second["total"]!.GetValue<long>().ShouldBe(5);
        second["entries"]!.AsArray().Select(e => e!["version"]!.GetValue<long>()).ShouldBe([3L, 2L]);
        var bad = await api.Scenario(s =>
        {
            s.WithBearerToken(ManagerToken);
            s.Get.Url($"/offenders/{id}/timeline?pageSize=500");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        (await bad.ReadAsJsonAsync<JsonObject>())["errors"]!.AsObject().ShouldContainKey("pageSize");
    }

    [Fact]
    public async Task the_timeline_of_an_unknown_offender_is_404()
    {
        await api.Scenario(s =>
        {
            s.WithBearerToken(ManagerToken);
            s.Get.Url($"/offenders/{Guid.NewGuid()}/timeline");
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }

    private Task<IScenarioResult> Visit(Guid id, string etag, JsonObject body, HttpStatusCode? answer = null) =>
        Visit(id.ToString(), etag, body, answer);

    /// <summary>The manager records a visit; the answer's status is checked only when one is expected.</summary>
    private Task<IScenarioResult> Visit(string id, string etag, JsonObject body, HttpStatusCode? answer = null) =>
        api.Scenario(s =>
        {
            s.WithBearerToken(ManagerToken);
            s.Post.Json(body).ToUrl($"/offenders/{id}/visits");
            s.WithRequestHeader("If-Match", etag);
            if (answer is { } status)
                s.StatusCodeShouldBe(status);
            else
                s.IgnoreStatusCode();
        });

    /// <summary>A read by the manager that must succeed.</summary>
    private async Task<JsonObject> ReadAsync(string url)
    {
        var read = await api.Scenario(s =>
        {
            s.WithBearerToken(ManagerToken);
            s.Get.Url(url);
        });
        return await read.ReadAsJsonAsync<JsonObject>();
    }
}
