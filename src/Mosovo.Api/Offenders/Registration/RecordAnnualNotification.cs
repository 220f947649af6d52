using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Record the periodic ("annual") re-notification (Sexual Offences Act 2003 s.85): the offender attends a police
/// station and notifies their details again, within one year after their last notification.
/// </summary>
public static class RecordAnnualNotification
{
    /// <param name="NotifiedOn">The day the offender made the notification.</param>
    /// <param name="PoliceStation">Where it was made (s.87: a police station prescribed for the offender's area).</param>
    public sealed record Request(DateOnly? NotifiedOn, string? PoliceStation)
    {
        public static Request Example => new(new DateOnly(2026, 11, 20), "Demotown Police Station");
    }

    public sealed record Command(DateOnly NotifiedOn, string PoliceStation);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("annual-notifications", "RecordAnnualNotification",
            "Record the annual re-notification (s.85)", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var v = new Validation();
        var notifiedOn = v.PastDate("notifiedOn", request.NotifiedOn, now.Today);
        var station = v.Text("policeStation", request.PoliceStation, 200);
        return v.IsValid ? (new Command(notifiedOn, station), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        ArgumentNullException.ThrowIfNull(offender);
        ArgumentNullException.ThrowIfNull(command);
        var registration = offender.Registration;
        if (registration.EndedOn is { } ended)
            return Decision.Refuse("notifiedOn", $"the registration ended on {NotificationDeadlines.Show(ended)}: no further notifications are recorded.");
        var last = registration.LastNotifiedOn ?? registration.RegisteredOn;
        if (command.NotifiedOn < last)
            return Decision.Refuse("notifiedOn", $"is before the last notification on {NotificationDeadlines.Show(last)}: the annual notification follows it.");

        var id = Guid.CreateVersion7();
        var dueBy = NotificationDeadlines.PeriodicDueBy(last, registration.NoFixedAbode is not null);
        var made = new AnnualNotificationMade(id, command.NotifiedOn, command.PoliceStation, dueBy,
            NotificationDeadlines.DaysLate(dueBy, command.NotifiedOn), actor, now.Moment);
        return made.DaysLate > 0
            ? Decision.Record(made, id, $"Made {made.DaysLate} day{(made.DaysLate == 1 ? "" : "s")} late: it was due by {NotificationDeadlines.Show(dueBy)}. It is kept as a late notification for a supervisor to consider as a suspected breach (s.91).")
            : Decision.Record(made, id);
    }
}

/// <param name="DueBy">One year after the last notification (7 days while of no fixed abode).</param>
public sealed record AnnualNotificationMade(
    Guid NotificationId, DateOnly NotifiedOn, string PoliceStation, DateOnly DueBy, int DaysLate,
    Actor RecordedBy, DateTimeOffset RecordedAt) : INotificationEvent
{
    public NotificationKind Kind => NotificationKind.AnnualNotification;

    public DateOnly ChangedOn => NotifiedOn;

    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(NotifiedOn);

    public string Summary => $"Annual notification made at {PoliceStation}, {NotificationText.Notified(NotifiedOn, DueBy, DaysLate)}";

    public Offender Apply(Offender offender) => offender with
    {
        Registration = offender.Registration.Notified(NotificationId, Kind, DueBy, NotifiedOn, DaysLate, restartsPeriodicClock: true)
            with { LastAnnualNotification = new PeriodicNotification(NotifiedOn, PoliceStation) },
    };
}
