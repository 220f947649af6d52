using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
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

        var replayed = await api.Services.GetRequiredService<OffenderSummaryProjection>()
            .RebuildAsync(api.Services.GetRequiredService<SchemaOwner>().DataSource, CancellationToken.None);

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

        // One is shared with the Probation Service, for a partner's token to see.
        var partner = api.ClientFor(Roles.MappaPartner, "PO Demo", team: null, agency: "Probation");
        partner.DefaultRequestHeaders.Add("Access-Purpose", "Trying the demo");
        var shared = await partner.GetFromJsonAsync<JsonObject>("/partner/offenders");
        shared!["offenders"]!.AsArray().Single()!["name"]!["familyName"]!.GetValue<string>().ShouldBe("Demoson");
    }
}

public sealed class when_obligations_are_projected(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task the_obligations_table_matches_the_summary_after_each_kind_of_write()
    {
        var manager = api.ClientFor(Roles.OffenderManager, "DC Test Manager");
        var supervisor = api.ClientFor(Roles.Supervisor, "DS Test Supervisor");
        var (id, etag) = await OffenderRequests.RegisterAsync(manager);
        for (var i = 0; i < 3; i++)
            etag = await PostAsync(manager, $"/offenders/{id}/visits", etag, OffenderRequests.SingleOfficerVisit(api.Time.GetUtcNow().AddDays(-i - 1)));
        await Same(id);

        etag = await PostAsync(supervisor, $"/offenders/{id}/visits/reviews", etag,
            new JsonObject { ["visitVersion"] = 2, ["outcome"] = "Acceptable", ["comments"] = "Reason sound." });
        await Same(id);

        etag = await PostAsync(supervisor, $"/offenders/{id}/allocation", etag,
            new JsonObject { ["manager"] = new JsonObject { ["id"] = "DC9999", ["name"] = "DC New Manager" }, ["team"] = "South MOSOVO", ["reason"] = "Workload." });
        await Same(id);
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.obligations WHERE offender_id = '{id}' AND manager_id = 'DC9999' AND team = 'South MOSOVO'"))
            .ShouldBe(await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.obligations WHERE offender_id = '{id}'"));
    }

    private async Task Same(Guid id)
    {
        var record = await api.ClientFor(Roles.Supervisor).GetFromJsonAsync<JsonObject>($"/offenders/{id}/obligations");
        var expected = record!["obligations"]!.AsArray()
            .Select(o => $"{o!["key"]!.GetValue<string>()}|{(o["closure"] is null ? "open" : "closed")}").Order(StringComparer.Ordinal).ToList();
        await using var command = api.Database.DataSource.CreateCommand(
            $"SELECT key || '|' || CASE WHEN closed_at IS NULL THEN 'open' ELSE 'closed' END FROM mosovo.obligations WHERE offender_id = '{id}' ");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        rows.Order(StringComparer.Ordinal).ShouldBe(expected);
        expected.ShouldNotBeEmpty();
    }

    private static async Task<string> PostAsync(HttpClient client, string path, string etag, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.Tag;
    }
}
