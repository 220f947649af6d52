using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>
/// Civil order review (docs/policies.md).
/// <list type="bullet">
/// <item><b>Consider an SHPO/SRO application</b> (key <c>consider-civil-order:{version}</c>): a concern recorded (new
/// contact with a child disclosed, or a breach recorded) on an offender with no SHPO or SRO opens it, due
/// <see cref="PolicyOptions.ConsiderCivilOrder"/> after the concern (the information received, or the breach recorded).
/// "No SHPO or SRO" means none granted and not past its end, and none drafted or applied for: an application under
/// way already answers the question. Closed by an order being drafted (which closes every such item open then) or a
/// supervisor's waiver giving the reason an order is not sought.</item>
/// <item><b>Order-end review</b>: a granted order with an end date opens a review (key <c>order-end-review:{orderId}</c>),
/// due <see cref="PolicyOptions.CivilOrderEndReview"/> before the start of the order's last day (whole days counted as
/// UK calendar days, <see cref="ReviewDueAt"/>). A variation that changes the end closes it (the court has reviewed
/// the end) and, when the new terms have an end, opens a review of the new end under the key
/// <c>order-end-review:{orderId}:{version}</c> (keys are unique on a record and closed items are kept). A discharge,
/// or a new order that replaces it, closes it; so does a waiver (e.g. the order is to be left to end).</item>
/// </list>
/// </summary>
public static class CivilOrderReview
{
    public static string ConsiderKey(long version) => string.Create(CultureInfo.InvariantCulture, $"consider-civil-order:{version}");

    public static string EndReviewKey(Guid orderId) => $"order-end-review:{orderId}";

    public static string EndReviewKey(Guid orderId, long version) => string.Create(CultureInfo.InvariantCulture, $"order-end-review:{orderId}:{version}");

    /// <summary>
    /// The review of an order ending on <paramref name="endsOn"/> is due <paramref name="before"/> the start of that day:
    /// a whole number of days is counted in UK calendar days (so the item is due at midnight, whatever the clocks did),
    /// anything else as elapsed time.
    /// </summary>
    public static DateTimeOffset ReviewDueAt(DateOnly endsOn, TimeSpan before) =>
        before.Ticks % TimeSpan.TicksPerDay == 0
            ? Clock.StartOf(endsOn.AddDays(-(int)before.TotalDays))
            : Clock.StartOf(endsOn) - before;

    public static ComplianceState Observe(ComplianceState state, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        switch (context.Event)
        {
            case DisclosureReceived { IsChildContact: true } disclosure when !HasOrder(context.After, disclosure.ReceivedAt):
                state = Consider(state, context, "new contact with a child disclosed", disclosure.ReceivedAt);
                break;

            case BreachRecorded breach when !HasOrder(context.After, breach.RecordedAt):
                state = Consider(state, context, $"a breach of {BreachHistory.Describe(breach.Kind)} recorded", breach.RecordedAt);
                break;

            case CivilOrderDrafted:
                state = state.Closing(o => o.Kind == ObligationKind.ConsiderCivilOrder, context);
                break;

            case CivilOrderGranted granted:
                state = state.Closing(o => granted.Replaces.Any(replaced => IsEndReviewOf(o, replaced)), context);
                if (granted.EndsOn is { } ends)
                    state = EndReview(state, context, EndReviewKey(granted.OrderId), granted.Kind, ends);
                break;

            case CivilOrderVaried { EndChanged: true } varied:
                state = state.Closing(o => IsEndReviewOf(o, varied.OrderId), context);
                if (context.After.Orders.Find(varied.OrderId)?.Terms?.EndsOn is { } newEnd)
                    state = EndReview(state, context, EndReviewKey(varied.OrderId, context.Version), varied.Kind, newEnd);
                break;

            case CivilOrderDischarged discharged:
                state = state.Closing(o => IsEndReviewOf(o, discharged.OrderId), context);
                break;
        }

        return state;
    }

    /// <summary>An SHPO or SRO granted and not past its end on the day of <paramref name="at"/>, or one drafted or applied for.</summary>
    public static bool HasOrder(Offender offender, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(offender);
        var day = Clock.DayOf(at);
        return offender.Orders.All.Any(o => o.Status is CivilOrderStatus.Drafted or CivilOrderStatus.AppliedFor
            || (o.Status == CivilOrderStatus.Granted && (o.Terms?.EndsOn is not { } ends || ends >= day)));
    }

    private static bool IsEndReviewOf(Obligation obligation, Guid orderId) =>
        obligation.Kind == ObligationKind.CivilOrderEndReview
        && (obligation.Key == EndReviewKey(orderId) || obligation.Key.StartsWith(EndReviewKey(orderId) + ":", StringComparison.Ordinal));

    private static ComplianceState Consider(ComplianceState state, PolicyContext context, string concern, DateTimeOffset anchor) =>
        state.Opening(context.Open(ConsiderKey(context.Version), ObligationKind.ConsiderCivilOrder,
            $"Consider an SHPO or SRO application: {concern} and no order in force or applied for. "
            + "Record the draft application, or a supervisor's waiver with the reason an order is not sought",
            anchor, anchor + context.Options.ConsiderCivilOrder));

    private static ComplianceState EndReview(ComplianceState state, PolicyContext context, string key, CivilOrderKind kind, DateOnly endsOn) =>
        state.Opening(context.Open(key, ObligationKind.CivilOrderEndReview,
            $"Review the {CivilOrderRules.Name(kind)} before it ends on {CivilOrderRules.Day(endsOn)}: apply to vary or renew it, or record a supervisor's waiver with the reason to let it end",
            Clock.StartOf(endsOn), ReviewDueAt(endsOn, context.Options.CivilOrderEndReview), $"Ends on {CivilOrderRules.Day(endsOn)}"));
}
