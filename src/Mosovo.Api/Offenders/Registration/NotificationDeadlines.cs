using System.Globalization;

namespace Mosovo.Api.Offenders;

/// <summary>
/// When each notification is due, and how late one was. Pure. The numbers come from the Sexual Offences Act
/// 2003 and its regulations; a force cannot change them, so they are constants rather than configuration.
/// </summary>
/// <remarks>
/// The statute counts "within the period of N days beginning with" a day: "beginning with" includes that day, so
/// a change on Monday must be notified by Wednesday (3 days: Monday, Tuesday, Wednesday), and a notification on
/// Thursday is one day late. We follow the statute rather than the looser "more than 3 days after the change".
/// Time the offender spent in custody, in hospital or abroad does not count towards the 3 days (s.83(6), s.84(5));
/// the record does not hold those periods, so an officer must discount them before a late notification is
/// treated as a breach.
/// </remarks>
public static class NotificationDeadlines
{
    /// <summary>s.84(1): a change (name, home address, a qualifying stay, a prescribed change under s.84(1)(ca))
    /// must be notified within the period of 3 days beginning with the change.</summary>
    public const int ChangeNotificationDays = 3;

    /// <summary>s.84(6): a stay at one address for a qualifying period of 7 days (or 7 days in total in 12 months) must be notified.</summary>
    public const int QualifyingStayDays = 7;

    /// <summary>Sexual Offences Act 2003 (Travel Notification Requirements) Regulations 2004 reg.6, as amended in
    /// 2012: travel outside the UK must be notified not less than 7 days before departure.</summary>
    public const int ForeignTravelNoticeDays = 7;

    /// <summary>s.85(5)(b): a periodic ("annual") notification is due within one year after the last notification
    /// under s.83(1), s.84(1) or s.85(1).</summary>
    public const int PeriodicNotificationYears = 1;

    /// <summary>s.85(5)(a) and (6), with the Sexual Offences Act 2003 (Notification Requirements) (England and
    /// Wales) Regulations 2012: an offender with no sole or main residence must notify once every 7 days.</summary>
    public const int NoFixedAbodeNotificationDays = 7;

    /// <summary>The last day a change may be notified on time: the third day of the period beginning with the change.</summary>
    public static DateOnly ChangeDueBy(DateOnly changedOn) => changedOn.AddDays(ChangeNotificationDays - 1);

    /// <summary>
    /// The day a stay becomes notifiable: when it reaches the qualifying period (a stay from 1 June reaches 7 days
    /// on 7 June). A shorter stay that completes 7 days in 12 months with earlier stays becomes notifiable at the
    /// latest on its last day, so that day is used.
    /// </summary>
    public static DateOnly StayQualifiesOn(DateOnly from, DateOnly? to)
    {
        var seventhDay = from.AddDays(QualifyingStayDays - 1);
        return to is { } last && last < seventhDay ? last : seventhDay;
    }

    /// <summary>
    /// The last day foreign travel may be notified on time: 7 days before departure; or, when the offender gave a
    /// reasonable excuse for short notice, the day before departure. (The regulations then require notice at least
    /// 12 hours before departure; with dates alone we cannot see hours, so notice on the day of departure itself is
    /// marked late for an officer to check.)
    /// </summary>
    public static DateOnly ForeignTravelDueBy(DateOnly departureOn, bool shortNoticeReasonGiven) =>
        departureOn.AddDays(shortNoticeReasonGiven ? -1 : -ForeignTravelNoticeDays);

    /// <summary>The last day of the periodic notification: one year after the last notification, or 7 days when of no fixed abode.</summary>
    public static DateOnly PeriodicDueBy(DateOnly lastNotifiedOn, bool noFixedAbode) =>
        noFixedAbode ? lastNotifiedOn.AddDays(NoFixedAbodeNotificationDays) : lastNotifiedOn.AddYears(PeriodicNotificationYears);

    /// <summary>Whole days after the due day; 0 when on time (including early and advance notifications).</summary>
    public static int DaysLate(DateOnly dueBy, DateOnly notifiedOn) => Math.Max(0, notifiedOn.DayNumber - dueBy.DayNumber);

    /// <summary>A day as officers write it: 1 May 2030.</summary>
    public static string Show(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
