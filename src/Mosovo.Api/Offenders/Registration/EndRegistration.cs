using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// End the registration, with its reason. The record stays; no further notifications are recorded on it. An end
/// recorded in error is withdrawn with a correction, which opens the registration again.
/// </summary>
public static class EndRegistration
{
    /// <param name="EndedOn">The day the requirements ended: the day after the last day of a fixed period, the day of the review
    /// decision, of the appeal, or of death.</param>
    /// <param name="Details">Required when the reason is Other; otherwise optional (court, case reference, certificate).</param>
    public sealed record Request(DateOnly? EndedOn, RegistrationEndReason? Reason, [FreeText] string? Details)
    {
        public static Request Example => new(new DateOnly(2026, 11, 20), RegistrationEndReason.ConvictionQuashedOnAppeal,
            "Conviction quashed by the Court of Appeal on 20 November 2026.");
    }

    public sealed record Command(DateOnly EndedOn, RegistrationEndReason Reason, string? Details);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("registration/end", "EndRegistration",
            "End the registration, with its reason", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var v = new Validation();
        var endedOn = v.PastDate("endedOn", request.EndedOn, now.Today);
        var reason = v.Required("reason", request.Reason);
        var details = request.Reason == RegistrationEndReason.Other
            ? v.Text("details", request.Details, 2000)
            : v.OptionalText("details", request.Details, 2000);
        return v.IsValid ? (new Command(endedOn, reason, details), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        ArgumentNullException.ThrowIfNull(offender);
        ArgumentNullException.ThrowIfNull(command);
        var registration = offender.Registration;
        if (registration.EndedOn is { } ended)
            return Decision.Refuse("endedOn", $"the registration already ended on {NotificationDeadlines.Show(ended)} ({registration.EndReason}).");
        if (command.EndedOn < registration.RegisteredOn)
            return Decision.Refuse("endedOn", $"is before the registration on {NotificationDeadlines.Show(registration.RegisteredOn)}.");

        var period = registration.Period;
        switch (command.Reason)
        {
            case RegistrationEndReason.PeriodExpired when period is { Indefinite: true }:
                return Decision.Refuse("reason", "the notification period is indefinite: it does not expire, it ends only on a successful review (s.91A to s.91F).");
            case RegistrationEndReason.PeriodExpired when registration.NotificationEndsOn is { } lastDay && command.EndedOn <= lastDay:
                return Decision.Refuse("endedOn", $"the notification period runs to {NotificationDeadlines.Show(lastDay)} inclusive: it can end as expired from {NotificationDeadlines.Show(lastDay.AddDays(1))}.");
            case RegistrationEndReason.IndefiniteRequirementsEndedOnReview when period is not { Indefinite: true }:
                return Decision.Refuse("reason", $"applies only to indefinite requirements; this period is {period?.Description ?? "not known"}.");
            case RegistrationEndReason.IndefiniteRequirementsEndedOnReview when registration.ReviewEligibleOn is { } eligible && command.EndedOn < eligible:
                return Decision.Refuse("endedOn", $"a review cannot end the requirements before the qualifying date, {NotificationDeadlines.Show(eligible)} (s.91B).");
            default:
                return Decision.Record(new RegistrationEnded(command.EndedOn, command.Reason, command.Details, actor, now.Moment));
        }
    }
}

public sealed record RegistrationEnded(DateOnly EndedOn, RegistrationEndReason Reason, string? Details, Actor RecordedBy, DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(EndedOn);

    public string Summary => $"Registration ended on {NotificationDeadlines.Show(EndedOn)}: {Words}{(Details is null ? "" : " - " + Details)}";

    private string Words => Reason switch
    {
        RegistrationEndReason.PeriodExpired => "notification period expired",
        RegistrationEndReason.IndefiniteRequirementsEndedOnReview => "indefinite requirements ended on review",
        RegistrationEndReason.ConvictionQuashedOnAppeal => "conviction quashed on appeal",
        RegistrationEndReason.Death => "death",
        _ => "other reason",
    };

    public Offender Apply(Offender offender) => offender with
    {
        Registration = offender.Registration with { EndedOn = EndedOn, EndReason = Reason, EndDetails = Details },
    };
}
