using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Wolverine.Tracking;

namespace Mosovo.Tests.Hosting;

/// <summary>
/// The overdue sweep and the share expiry run as chains of durable Wolverine messages, one chain per kind of work
/// in the whole cluster: instances started together start each chain once, and a chain that stopped is started again
/// by one instance only.
/// </summary>
public sealed class when_recurring_work_runs_on_several_instances(ApiFactory api) : IClassFixture<ApiFactory>
{
    private WebApplicationFactory<Program> Instance() => api.WithWebHostBuilder(b =>
    {
        b.UseSetting("OverdueSweep:Enabled", "true");
        b.UseSetting("Sharing:RecordExpiries", "true");
        b.UseSetting("RecurringWork:WatchdogInterval", "00:10:00");
    });

    [Fact]
    public async Task three_instances_start_each_chain_once_and_it_runs()
    {
        await using var first = Instance();
        await using var second = Instance();
        await using var third = Instance();
        var hosts = new[] { first, second, third };

        var claims = await Task.WhenAll(hosts
            .Select(h => h.Services.GetRequiredService<RecurringWork>().ClaimStoppedAsync(CancellationToken.None)));

        // The watchdogs of the three hosts have looked too:
        // between them and these calls, each chain was claimed once.
        claims.SelectMany(c => c).ShouldBeEmpty("the instances' own watchdogs claimed both chains when they started");
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.recurring_work")).ShouldBe(2);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await api.Database.ScalarAsync(
            "SELECT count(*) FROM mosovo.recurring_work WHERE last_run IS NOT NULL") < 2)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "each chain's first run happens at once");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task a_run_schedules_the_next_one_interval_later()
    {
        var host = api.Services.GetRequiredService<IHost>();

        var tracked = await host.InvokeMessageAndWaitAsync(new RunRecurringWork("overdue-sweep"));

        var next = tracked.Scheduled.SingleEnvelope<RunRecurringWork>();
        next.Message.ShouldBe(new RunRecurringWork("overdue-sweep"));
        next.ScheduledTime!.Value.ShouldBeGreaterThan(
            DateTimeOffset.UtcNow.AddSeconds(30), "the default interval is a minute");
    }

    [Fact]
    public async Task a_chain_overdue_by_two_intervals_is_started_again_by_one_instance()
    {
        await using var first = Instance();
        await using var second = Instance();
        _ = first.Services;
        _ = second.Services;
        await using (var stall = api.Database.DataSource.CreateCommand(
            "UPDATE mosovo.recurring_work SET next_due = $1 WHERE name = 'share-expiry'"))
        {
            stall.Parameters.Add(
                new Npgsql.NpgsqlParameter<DateTimeOffset> { TypedValue = api.Time.GetUtcNow().AddHours(-1) });
            (await stall.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var claims = await Task.WhenAll(new[] { first, second }
            .Select(h => h.Services.GetRequiredService<RecurringWork>().ClaimStoppedAsync(CancellationToken.None)));

        claims.SelectMany(c => c).ShouldBe(["share-expiry"]);
    }
}
