using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Offenders;

public sealed class when_an_entry_is_corrected(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    [Fact]
    public async Task a_withdrawn_visit_leaves_the_summary_but_stays_on_the_timeline_marked()
    {
        var (id, etag) = await RegisteredAndVisitedAsync();

        var response = await Correct(id, etag, new JsonObject { ["correctsVersion"] = 2, ["withdraw"] = true, ["reason"] = "Recorded on the wrong offender." });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.ShouldBe("\"3\"");
        var summary = await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}");
        summary!["visits"]!["count"]!.GetValue<int>().ShouldBe(0);
        summary["corrections"]![0]!["withdrawn"]!.GetValue<bool>().ShouldBeTrue();
        var timeline = await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline");
        var entries = timeline!["entries"]!.AsArray();
        entries.Count.ShouldBe(3);
        entries[0]!["summary"]!.GetValue<string>().ShouldContain("Withdrew entry 2");
        entries[1]!["summary"]!.GetValue<string>().ShouldStartWith("[Withdrawn]");
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'")).ShouldBe(3);
    }

    [Fact]
    public async Task a_correction_that_does_not_withdraw_is_a_note_and_the_entry_still_counts()
    {
        var (id, etag) = await RegisteredAndVisitedAsync();

        (await Correct(id, etag, new JsonObject { ["correctsVersion"] = 2, ["reason"] = "The second officer was PC 5679, not 5678." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var summary = await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}");
        summary!["visits"]!["count"]!.GetValue<int>().ShouldBe(1);
        summary["corrections"]![0]!["reason"]!.GetValue<string>().ShouldContain("PC 5679");
    }

    public static TheoryData<string, JsonObject> Refusals => new()
    {
        { "correctsVersion", new JsonObject { ["correctsVersion"] = 9, ["reason"] = "x" } },
        { "correctsVersion", new JsonObject { ["correctsVersion"] = 0, ["reason"] = "x" } },
        { "correctsVersion", new JsonObject { ["reason"] = "x" } },
        { "reason", new JsonObject { ["correctsVersion"] = 2 } },
        { "withdraw", new JsonObject { ["correctsVersion"] = 1, ["withdraw"] = true, ["reason"] = "x" } },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task a_correction_that_cannot_be_made_is_a_400_naming_the_field_and_nothing_is_written(string field, JsonObject body)
    {
        var (id, etag) = await RegisteredAndVisitedAsync();

        var response = await Correct(id, etag, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey(field);
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'")).ShouldBe(2);
    }

    [Fact]
    public async Task a_correction_of_a_correction_and_a_second_withdrawal_are_refused()
    {
        var (id, etag) = await RegisteredAndVisitedAsync();
        var first = await Correct(id, etag, new JsonObject { ["correctsVersion"] = 2, ["withdraw"] = true, ["reason"] = "Wrong offender." });
        etag = first.Headers.ETag!.Tag;

        (await Correct(id, etag, new JsonObject { ["correctsVersion"] = 3, ["reason"] = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Correct(id, etag, new JsonObject { ["correctsVersion"] = 2, ["withdraw"] = true, ["reason"] = "again" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<(Guid Id, string ETag)> RegisteredAndVisitedAsync()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var visit = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{id}/visits")
        {
            Content = JsonContent.Create(OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddHours(-1))),
        };
        visit.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await Manager.SendAsync(visit);
        response.EnsureSuccessStatusCode();
        return (id, response.Headers.ETag!.Tag);
    }

    private async Task<HttpResponseMessage> Correct(Guid id, string etag, JsonObject body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{id}/corrections") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await Manager.SendAsync(request);
    }
}
