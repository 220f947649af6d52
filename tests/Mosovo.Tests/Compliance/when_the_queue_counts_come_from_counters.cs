using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mosovo.Api.Compliance;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Compliance;

public sealed class when_the_queue_counts_come_from_counters(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>The counts the queue answers, as "kind:open/overdue" and "manager:open/overdue" lines.</summary>
    private async Task<List<string>> QueueCountsAsync(string query)
    {
        var queue = (await api.ClientFor(Roles.Supervisor).GetFromJsonAsync<JsonObject>($"/compliance/queue?pageSize=1{query}"))!;
        return queue["byKind"]!.AsArray().Select(k => $"{k!["kind"]}:{k["open"]}/{k["overdue"]}")
            .Concat(queue["byManager"]!.AsArray().Select(m => $"{m!["managerId"]}:{m["open"]}/{m["overdue"]}"))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The same counts, counted from the open items' rows.</summary>
    private async Task<List<string>> CountedAsync(string where)
    {
        var now = api.Time.GetUtcNow();
        await using var command = api.Database.DataSource.CreateCommand(
            $"""
            SELECT k || ':' || count(*) || '/' || count(*) FILTER (WHERE due_at < '{now:O}')
              FROM (SELECT kind AS k, due_at FROM mosovo.obligations WHERE closed_at IS NULL{where}
                    UNION ALL SELECT manager_id, due_at FROM mosovo.obligations WHERE closed_at IS NULL{where}) x
             GROUP BY k
            """);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(0));
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task the_counts_match_the_items_before_and_after_the_sweep_through_visits_reallocation_and_time()
    {
        var manager = api.ClientFor(Roles.OffenderManager, "DC Test Manager");
        var ids = new List<(Guid Id, string ETag)>();
        for (var i = 0; i < 3; i++)
            ids.Add(await OffenderRequests.RegisterAsync(manager));

        async Task<string> Post(HttpClient client, Guid id, string etag, string path, JsonObject body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{id}/{path}") { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return response.Headers.ETag!.Tag;
        }

        var first = await Post(manager, ids[0].Id, ids[0].ETag, "visits", OffenderRequests.SingleOfficerVisit(api.Time.GetUtcNow().AddHours(-1)));
        await Post(api.ClientFor(Roles.Supervisor), ids[1].Id, ids[1].ETag, "allocation",
            new JsonObject { ["manager"] = new JsonObject { ["id"] = "DC7777", ["name"] = "DC Other" }, ["team"] = "South MOSOVO", ["reason"] = "Workload." });
        var sweep = api.Services.GetRequiredService<OverdueSweep>();

        foreach (var (advance, sweepFirst) in new[] { (TimeSpan.Zero, false), (TimeSpan.FromDays(8), false), (TimeSpan.Zero, true), (TimeSpan.FromDays(100), false), (TimeSpan.FromDays(1), true) })
        {
            api.Time.Advance(advance);
            if (sweepFirst)
                (await sweep.MarkAsync(CancellationToken.None)).ShouldBeGreaterThan(0);

            (await QueueCountsAsync("")).ShouldBe(await CountedAsync(""), $"force, after {advance}, swept {sweepFirst}");
            (await QueueCountsAsync("&team=North%20MOSOVO")).ShouldBe(await CountedAsync(" AND team = 'North MOSOVO'"));
            (await QueueCountsAsync("&managerId=DC7777")).ShouldBe(await CountedAsync(" AND manager_id = 'DC7777'"));
            (await QueueCountsAsync("&kind=HomeVisit")).ShouldBe(await CountedAsync(" AND kind = 'HomeVisit'"));
        }

        // A visit after the sweep closes an item already counted overdue: both counters come down.
        var visited = await Post(manager, ids[0].Id, first, "visits", OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddHours(-1)));
        (await QueueCountsAsync("")).ShouldBe(await CountedAsync(""));

        // Reallocating an offender whose items are marked overdue moves them, marks and all, to the new manager.
        await Post(api.ClientFor(Roles.Supervisor), ids[2].Id, ids[2].ETag, "allocation",
            new JsonObject { ["manager"] = new JsonObject { ["id"] = "DC8888", ["name"] = "DC Third" }, ["team"] = "South MOSOVO", ["reason"] = "Workload." });
        (await QueueCountsAsync("")).ShouldBe(await CountedAsync(""), "after a reallocation of marked items");
        (await QueueCountsAsync("&managerId=DC8888")).ShouldBe(await CountedAsync(" AND manager_id = 'DC8888'"));
        (await QueueCountsAsync("&team=South%20MOSOVO")).ShouldBe(await CountedAsync(" AND team = 'South MOSOVO'"));

        // Withdrawing the last visit folds the stream afresh: its rows are deleted and written again, the item reopens.
        (await sweep.MarkAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(0);
        await Post(manager, ids[0].Id, visited, "corrections", new JsonObject { ["correctsVersion"] = 3, ["withdraw"] = true, ["reason"] = "Recorded on the wrong record." });
        (await QueueCountsAsync("")).ShouldBe(await CountedAsync(""), "after a withdrawal");
        (await sweep.MarkAsync(CancellationToken.None)).ShouldBeGreaterThan(0, "the reopened item is overdue again");
        (await QueueCountsAsync("")).ShouldBe(await CountedAsync(""), "after the next sweep");
        api.Time.AdjustTime(ApiFactory.ClockStart);
    }
}
