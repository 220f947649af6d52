using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>
/// Notification deadlines (docs/policies.md; Sexual Offences Act 2003 ss.84, 85, 91).
/// <list type="bullet">
/// <item><b>Annual notification</b> (key <c>annual-notification:{version}</c>, the entry that set the due day): open
/// while the registration has a next periodic notification due (<see cref="RegistrationDetails.NextNotificationDue"/>:
/// one year after the last notification, weekly while of no fixed abode). The notification is due ON that day, so the
/// item is due at the start of the next UK day (<see cref="DueAt"/>) and overdue from one tick after: a notification
/// made on the due day is on time. Whenever the due day changes, the item closes by the entry that moved it (a
/// notification restarting the clock) and a new one opens for the new day; when the registration ends, or the next
/// notification would fall after the notification period, it closes (not waived) and none opens.</item>
/// <item><b>Suspected notification breach</b> (key <c>suspected-notification-breach:{version}</c>): any notification
/// given late (its <see cref="INotificationEvent.DaysLate"/> above 0). DaysLate already counts from the end of the
/// statutory period (3 days beginning with the change for a change, s.84(1); one year for the annual notification;
/// 7 days' notice for foreign travel), so a change notified "more than 3 days" after it happened is exactly a change
/// with DaysLate above 0. Due <see cref="PolicyOptions.BreachDecision"/> after it was recorded: consider recording a
/// breach of the notification requirements. Closed by a breach of notification requirements recorded after it (one
/// such breach closes every suspected breach open then), or by a supervisor's waiver giving the reason, e.g. days in
/// custody, hospital or abroad that do not count, or a reasonable excuse.</item>
/// </list>
/// </summary>
public static class NotificationDeadlinesPolicy
{
    public static string AnnualKey(long version) => string.Create(CultureInfo.InvariantCulture, $"annual-notification:{version}");

    public static string SuspectedBreachKey(long version) => string.Create(CultureInfo.InvariantCulture, $"suspected-notification-breach:{version}");

    /// <summary>A notification due on <paramref name="dueOn"/> may be made all that day: due at the start of the next UK day.</summary>
    public static DateTimeOffset DueAt(DateOnly dueOn) => Clock.StartOf(dueOn.AddDays(1));

    public static ComplianceState Observe(ComplianceState state, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        return SuspectedBreaches(AnnualNotification(state, context), context);
    }

    private static ComplianceState AnnualNotification(ComplianceState state, PolicyContext context)
    {
        var before = context.Before.Registration.NextNotificationDue;
        var registration = context.After.Registration;
        if (registration.NextNotificationDue == before)
            return state;

        state = state.Closing(o => o.Kind == ObligationKind.AnnualNotification, context);
        if (registration.NextNotificationDue is not { } dueOn || registration.LastNotifiedOn is not { } last)
            return state;

        var weekly = registration.NoFixedAbode is not null;
        var what = weekly
            ? $"Weekly notification (no fixed abode, s.85) due by {NotificationDeadlines.Show(dueOn)}"
            : $"Annual notification (s.85) due by {NotificationDeadlines.Show(dueOn)}";
        var basis = $"Last notification on {NotificationDeadlines.Show(last)}; " + (weekly
            ? string.Create(CultureInfo.InvariantCulture, $"no fixed abode: every {NotificationDeadlines.NoFixedAbodeNotificationDays} days")
            : "within one year after it");
        return state.Opening(context.Open(AnnualKey(context.Version), ObligationKind.AnnualNotification, what,
            Clock.StartOf(last), DueAt(dueOn), basis));
    }

    private static ComplianceState SuspectedBreaches(ComplianceState state, PolicyContext context) => context.Event switch
    {
        INotificationEvent { DaysLate: > 0 } late => state.Opening(context.Open(SuspectedBreachKey(context.Version), ObligationKind.SuspectedNotificationBreach,
            string.Create(CultureInfo.InvariantCulture,
                $"Consider recording a breach of notification requirements: {Describe(late.Kind)} notified {late.DaysLate} day{(late.DaysLate == 1 ? "" : "s")} late (due by {NotificationDeadlines.Show(late.DueBy)}, notified {NotificationDeadlines.Show(late.NotifiedOn)}). ")
                + "Discount days in custody, in hospital or abroad; if it was not a breach, a supervisor waives this item with the reason",
            late.RecordedAt, late.RecordedAt + context.Options.BreachDecision)),
        BreachRecorded { Kind: BreachKind.NotificationRequirement } => state.Closing(o => o.Kind == ObligationKind.SuspectedNotificationBreach, context),
        _ => state,
    };

    public static string Describe(NotificationKind kind) => kind switch
    {
        NotificationKind.NameChange => "a change of name",
        NotificationKind.HomeAddressChange => "a change of home address",
        NotificationKind.StayAtUnnotifiedAddress => "a stay at an address not notified before",
        NotificationKind.HouseholdWithChild => "living or staying in a household with a child",
        NotificationKind.ForeignTravel => "foreign travel",
        NotificationKind.NoFixedAbodeWeeklyReport => "a weekly report (no fixed abode)",
        NotificationKind.BankAccount => "a bank account",
        NotificationKind.PaymentCard => "a payment card",
        NotificationKind.IdentityDocument => "an identity document",
        _ => "the annual notification",
    };
}
