using Mosovo.Api.Compliance;
using Mosovo.Api.Offenders;

namespace Mosovo.Tests.Compliance;

// Pure rules of the breach decision policy: no host, no database.

public sealed class when_a_breach_awaits_a_supervisors_decision
{
    private static readonly DateTimeOffset Recorded = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_breach_opens_a_decision_due_7_days_after_it_was_recorded_and_overdue_one_tick_after()
    {
        var stream = new SafeguardingStream();
        var breach = SafeguardingStream.Breach(BreachKind.RiskManagementPlan, Recorded, occurredOn: new DateOnly(2026, 5, 1));

        stream.Record(breach);

        var item = stream.Obligation($"breach-decision:{breach.BreachId}");
        item.Kind.ShouldBe(ObligationKind.BreachDecision);
        item.What.ShouldStartWith("Supervisor's decision on the breach of the risk management plan on 1 May 2026");
        item.Why.ShouldBe(breach.Summary);
        item.AnchorAt.ShouldBe(Recorded);
        item.DueAt.ShouldBe(Recorded.AddDays(7));
        item.IsOverdueAt(Recorded.AddDays(7)).ShouldBeFalse();
        item.IsOverdueAt(Recorded.AddDays(7).AddTicks(1)).ShouldBeTrue();
    }

    [Fact]
    public void the_due_time_follows_the_configured_duration()
    {
        var stream = new SafeguardingStream(new PolicyOptions { BreachDecision = TimeSpan.FromDays(2) });
        var breach = SafeguardingStream.Breach(BreachKind.NotificationRequirement, Recorded);

        stream.Record(breach);

        stream.Obligation($"breach-decision:{breach.BreachId}").DueAt.ShouldBe(Recorded.AddDays(2));
    }

    [Fact]
    public void only_the_decision_on_that_breach_closes_it()
    {
        var stream = new SafeguardingStream();
        var first = SafeguardingStream.Breach(BreachKind.NotificationRequirement, Recorded);
        var second = SafeguardingStream.Breach(BreachKind.RiskManagementPlan, Recorded.AddHours(1));
        stream.Record(first, second);

        var decidedAt = Recorded.AddDays(3);
        stream.Record(DecideOnBreach.Decide(stream.State, new DecideOnBreach.Command(second.BreachId, BreachOutcome.WarningLetter, null, decidedAt),
            SafeguardingStream.Supervisor, SafeguardingStream.At));

        stream.Obligation($"breach-decision:{first.BreachId}").IsOpen.ShouldBeTrue();
        var closure = stream.Obligation($"breach-decision:{second.BreachId}").Closure.ShouldNotBeNull();
        closure.ByType.ShouldBe(nameof(BreachDecided));
        closure.At.ShouldBe(decidedAt);
        closure.By.ShouldBe("DS Supervisor");
        closure.Waived.ShouldBeFalse();
    }
}
