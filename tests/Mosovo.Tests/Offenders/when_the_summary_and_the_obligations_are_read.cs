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
}
