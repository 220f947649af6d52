using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mosovo.Api.Hosting;
using Mosovo.EventStore;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Offenders;

public sealed class when_an_offender_is_registered_and_visited(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task the_timeline_shows_both_newest_first_with_who_and_when()
    {
        var client = api.ClientFor(Roles.OffenderManager, "DC Test Manager");
        var (id, etag) = await OffenderRequests.RegisterAsync(client);
        etag.ShouldBe("\"1\"");

        var visit = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{id}/visits")
        {
            Content = JsonContent.Create(OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddHours(-2))),
        };
        visit.Headers.IfMatch.ParseAdd(etag);
        var visited = await client.SendAsync(visit);
        visited.StatusCode.ShouldBe(HttpStatusCode.Created, await visited.Content.ReadAsStringAsync());
        visited.Headers.ETag!.Tag.ShouldBe("\"2\"");

        var timeline = await client.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline");
        var entries = timeline!["entries"]!.AsArray();
        entries.Count.ShouldBe(2);
        entries[0]!["type"]!.GetValue<string>().ShouldBe("home-visit-recorded");
        entries[1]!["type"]!.GetValue<string>().ShouldBe("offender-registered");
        entries[0]!["recordedBy"]!["name"]!.GetValue<string>().ShouldBe("DC Test Manager");
        entries[0]!["recordedAt"]!.GetValue<DateTimeOffset>().ShouldBe(api.Time.GetUtcNow());
    }
}

public sealed class when_projections_are_rebuilt(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task the_offender_summaries_come_back_the_same_from_the_events()
    {
        var client = api.ClientFor(Roles.OffenderManager);
        for (var i = 0; i < 3; i++)
        {
            var (id, etag) = await OffenderRequests.RegisterAsync(client);
            var visit = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{id}/visits")
            {
                Content = JsonContent.Create(OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddDays(-i))),
            };
            visit.Headers.IfMatch.ParseAdd(etag);
            (await client.SendAsync(visit)).EnsureSuccessStatusCode();
        }

        const string snapshot = "SELECT string_agg(offender_id::text || reference || search_text || version || state::text, ',' ORDER BY offender_id) FROM mosovo.offender_summaries";
        var before = await Text(snapshot);
        await using (var wipe = api.Database.DataSource.CreateCommand("TRUNCATE mosovo.offender_summaries"))
            await wipe.ExecuteNonQueryAsync();
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.offender_summaries")).ShouldBe(0);

        var replayed = await api.Services.GetRequiredService<ProjectionRebuilder>().RebuildAsync();

        replayed.ShouldBe(6);
        (await Text(snapshot)).ShouldBe(before);
    }

    private async Task<string> Text(string sql)
    {
        await using var command = api.Database.DataSource.CreateCommand(sql);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
