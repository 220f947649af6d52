using System.Text.Json.Nodes;
using Mosovo.Tests.Infrastructure;
using static Mosovo.Tests.Compliance.ComplianceQueueCalls;

namespace Mosovo.Tests.Compliance;

/// <summary>
/// Issue 4, acceptance test 4: "Every boundary: an item due at T is not overdue at T and is overdue one tick
/// after", through the queue's overdue flag, its overdue filter and its counts, with the clock moved by hand.
/// </summary>
public sealed class when_an_item_reaches_its_due_time(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeOffset Recorded = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    private readonly ComplianceQueueCalls calls = new(api);

    [Fact]
    public async Task it_is_not_overdue_at_its_due_time_and_is_overdue_one_tick_after()
    {
        api.Time.AdjustTime(Recorded);
        var team = NewTeam();
        var (id, etag) = await calls.RegisterAsync(NewManagerId(), team);
        await calls.SingleOfficerVisitAsync(id, etag);
        var due = Items(await QueueAsync(team, ""))[0]["dueAt"]!.GetValue<DateTimeOffset>();
        due.ShouldBe(Recorded.AddDays(7));

        api.Time.AdjustTime(due.AddTicks(-1));
        await ShouldBeOverdueAsync(team, false);

        api.Time.AdjustTime(due);
        await ShouldBeOverdueAsync(team, false);

        api.Time.AdjustTime(due.AddTicks(1));
        await ShouldBeOverdueAsync(team, true);

        api.Time.AdjustTime(due.AddMicroseconds(1));
        await ShouldBeOverdueAsync(team, true);
    }

    private async Task ShouldBeOverdueAsync(string team, bool overdue)
    {
        var queue = await QueueAsync(team, "");
        Items(queue).Single()["overdue"]!.GetValue<bool>().ShouldBe(overdue, $"at {api.Time.GetUtcNow():O}");
        queue["overdue"]!.GetValue<int>().ShouldBe(overdue ? 1 : 0);
        queue["byKind"]!.AsArray().Single()!["overdue"]!.GetValue<int>().ShouldBe(overdue ? 1 : 0);
        Items(await QueueAsync(team, "&overdue=true")).Count.ShouldBe(overdue ? 1 : 0);
        Items(await QueueAsync(team, "&overdue=false")).Count.ShouldBe(overdue ? 0 : 1);
    }

    private Task<JsonObject> QueueAsync(string team, string more) => calls.QueueAsync($"?team={Uri.EscapeDataString(team)}&kind={ReviewKind}{more}");
}
