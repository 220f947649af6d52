using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>
/// The policies, run in this order over each event of an offender's stream: pure functions of the events
/// (and, through their due times, of the configured durations). The queue's "overdue" is the only thing
/// that depends on the clock, and it is worked out when the queue is read.
/// </summary>
public static class ComplianceRules
{
    public static ComplianceState Observe(ComplianceState state, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Waivers first, so that flags worked out by the policies see the waived item closed.
        state = Waivers.Observe(state, context);
        state = TwoOfficerVisits.Observe(state, context);
        state = ArmsReviewAfterSignificantEvent.Observe(state, context);
        state = ArmsCycle.Observe(state, context);
        state = VisitFrequency.Observe(state, context);
        // PPN, breaches, notifications, orders
        state = PpnRecords.Observe(state, context);
        state = AutomaticPpn.Observe(state, context);
        state = BreachDecisions.Observe(state, context);
        state = NotificationDeadlinesPolicy.Observe(state, context);
        state = CivilOrderReview.Observe(state, context);
        return state;
    }

    /// <summary>
    /// Records the system makes at once, in the same append, because of what was just recorded (the automatic
    /// PPN when new child contact is disclosed). Pure: the offender after the new events, and the new events.
    /// </summary>
    public static IReadOnlyList<object> FollowUps(Offender after, IReadOnlyList<object> recorded, Actor actor, Hosting.Now now)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return AutomaticPpn.FollowUps(after, recorded, actor, now);
    }
}
