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

public sealed class when_summaries_of_an_older_shape_are_found(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task they_are_folded_again_from_the_stream_and_a_write_does_not_build_on_them()
    {
        var client = api.ClientFor(Roles.OffenderManager);
        var (stale, _) = await OffenderRequests.RegisterAsync(client);
        var (written, etag) = await OffenderRequests.RegisterAsync(client);
        await using (var spoil = api.Database.DataSource.CreateCommand(
            $"UPDATE mosovo.offender_summaries SET schema_version = 0, state = '{{}}' WHERE offender_id IN ('{stale}', '{written}')"))
            (await spoil.ExecuteNonQueryAsync()).ShouldBe(2);

        // A write to an outdated summary folds the whole stream instead of applying to the old state.
        var visit = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{written}/visits")
        {
            Content = JsonContent.Create(OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddHours(-1))),
        };
        visit.Headers.IfMatch.ParseAdd(etag);
        (await client.SendAsync(visit)).EnsureSuccessStatusCode();
        var summary = await client.GetFromJsonAsync<JsonObject>($"/offenders/{written}");
        summary!["identity"]!["name"]!["familyName"]!.GetValue<string>().ShouldBe("Fictional");
        summary["visits"]!["count"]!.GetValue<int>().ShouldBe(1);

        var refreshed = await api.Services.GetRequiredService<Mosovo.Api.Offenders.OffenderSummaryProjection>()
            .RefreshOutdatedAsync(api.Database.DataSource, CancellationToken.None);

        refreshed.ShouldBe(1);
        var again = await client.GetFromJsonAsync<JsonObject>($"/offenders/{stale}");
        again!["identity"]!["name"]!["familyName"]!.GetValue<string>().ShouldBe("Fictional");
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.offender_summaries WHERE schema_version = 0")).ShouldBe(0);
    }
}

public sealed class when_demo_data_is_loaded(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task four_fictional_offenders_appear_once_with_live_registrations()
    {
        (await Mosovo.Api.Offenders.DemoData.SeedAsync(api.Services, CancellationToken.None)).ShouldBe(4);
        (await Mosovo.Api.Offenders.DemoData.SeedAsync(api.Services, CancellationToken.None)).ShouldBe(0);

        var found = await api.ClientFor(Roles.Supervisor).GetFromJsonAsync<JsonObject>("/offenders?name=demo");
        found!["count"]!.GetValue<int>().ShouldBe(4);
        foreach (var offender in found["offenders"]!.AsArray())
        {
            offender!["registrationEnded"]!.GetValue<bool>().ShouldBeFalse();
            offender["postcode"].ShouldBeNull();
            offender["nextNotificationDue"].ShouldNotBeNull();
        }
    }
}
