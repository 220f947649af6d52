using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Offenders;

public sealed class when_the_summary_and_the_obligations_are_read(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task the_summary_lists_only_open_obligations_and_the_obligations_view_has_the_closed_ones_too()
    {
        var manager = api.ClientFor(Roles.OffenderManager, "DC Test Manager");
        var (id, etag) = await OffenderRequests.RegisterAsync(manager);
        // The registration opened a home visit item; this visit closes it and opens the next one.
        var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{id}/visits") { Content = JsonContent.Create(OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddHours(-1))) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        (await manager.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var summary = (await manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!;
        var record = (await manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/obligations"))!;

        summary["compliance"]!.AsObject().ShouldNotContainKey("obligations");
        var open = summary["compliance"]!["open"]!.AsArray().Select(o => o!["key"]!.GetValue<string>()).ToList();
        var all = record["obligations"]!.AsArray();
        record["version"]!.GetValue<long>().ShouldBe(2);
        all.Where(o => o!["closure"] is null).Select(o => o!["key"]!.GetValue<string>()).ShouldBe(open, ignoreOrder: true);
        all.ShouldContain(o => o!["closure"] != null && o["closure"]!["byType"]!.GetValue<string>() == "HomeVisitRecorded");
    }

    [Fact]
    public async Task the_summary_shows_none_of_the_states_own_bookkeeping()
    {
        var manager = api.ClientFor(Roles.OffenderManager, "DC Test Manager");
        var (id, etag) = await OffenderRequests.RegisterAsync(manager);
        // Two single-officer visits by one officer: a run of two (the grooming-risk flag), and closed home-visit items.
        foreach (var hoursAgo in new[] { 3, 2 })
        {
            var visit = OffenderRequests.SingleOfficerVisit(api.Time.GetUtcNow().AddHours(-hoursAgo));
            var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{id}/visits")
            {
                Content = JsonContent.Create(visit),
            };
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            var visited = await manager.SendAsync(request);
            visited.StatusCode.ShouldBe(HttpStatusCode.Created);
            etag = visited.Headers.ETag!.Tag;
        }

        // The stored state keeps its bookkeeping (the writes decide on it)...
        var stored = JsonNode.Parse(await api.Database.ScalarTextAsync(
            $"SELECT state::text FROM mosovo.offender_summaries WHERE offender_id = '{id}'"))!;
        stored["entryTypes"]!.AsObject().Count.ShouldBe(3);
        stored["compliance"]!["closedKeys"]!.AsArray().ShouldNotBeEmpty();
        stored["compliance"]!["singleOfficerRun"]!["visits"]!.GetValue<int>().ShouldBe(2);
        stored["compliance"]!["groomingRiskReviews"]!.AsArray().ShouldNotBeEmpty();

        // ...and the summary shows what officers read, none of it.
        var summary = (await manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!;
        summary.Select(p => p.Key).ShouldBe(
            ["id", "version", "identity", "registration", "allocation", "mappa", "risk", "visits", "disclosures",
             "breaches", "orders", "intelligence", "corrections", "compliance", "lastRelease", "shares", "flags"],
            ignoreOrder: true);
        summary["compliance"]!.AsObject().Select(p => p.Key)
            .ShouldBe(["open", "flags", "ppns", "significantEvents"], ignoreOrder: true);
        summary["compliance"]!["flags"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldContain("GroomingRisk");
    }
}
