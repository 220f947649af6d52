using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// A supervisor decides what follows a breach: a warning letter, a criminal investigation, arrest, an order
/// application, or no further action, which needs a reason. One decision per breach; the supervisor who decides
/// is the one recorded (so that decisions can be compared across supervisors).
/// </summary>
public static class DecideOnBreach
{
    public sealed record Request(
        Guid? BreachId,
        BreachOutcome? Outcome,
        [FreeText] string? Reason,
        DateTimeOffset? DecidedAt)
    {
        public static Request Example => new(Guid.Parse("0196b3a0-0000-7000-8000-000000000002"), BreachOutcome.WarningLetter,
            "First failure to notify a device; he notified it the same day when asked.", new DateTimeOffset(2026, 11, 20, 16, 0, 0, TimeSpan.Zero));
    }

    public sealed record Command(Guid BreachId, BreachOutcome Outcome, string? Reason, DateTimeOffset DecidedAt);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("breaches/decisions", "DecideOnBreach", "Decide on a breach (supervisors)", Validate, Decide, Policies.Supervise);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var breachId = v.Required("breachId", request.BreachId);
        var outcome = v.Required("outcome", request.Outcome);
        var reason = v.OptionalText("reason", request.Reason, 4000);
        if (request.Outcome == BreachOutcome.NoFurtherAction && reason is null)
            v.Add("reason", "is required for no further action: say why nothing more will be done.");
        var decidedAt = v.PastMoment("decidedAt", request.DecidedAt, now.Moment);
        return v.IsValid ? (new Command(breachId, outcome, reason, decidedAt), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        if (offender.Breaches.Find(command.BreachId) is not { } breach)
            return Decision.Refuse("breachId", $"there is no breach {command.BreachId} on this record.");
        if (breach.Decision is { } decided)
        {
            return Decision.Refuse("breachId", $"was already decided by {decided.DecidedBy.Name} on {decided.DecidedAt.ToString("d MMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)} (UTC): {BreachHistory.Describe(decided.Outcome)}. "
                + "Record a correction of that decision if it was wrong.");
        }

        if (command.DecidedAt < OffenderEvents.StartOf(breach.OccurredOn))
            return Decision.Refuse("decidedAt", "cannot be before the breach occurred.");

        return Decision.Record(new BreachDecided(breach.BreachId, breach.Kind, command.Outcome, command.Reason, command.DecidedAt, actor, now.Moment), breach.BreachId);
    }
}
