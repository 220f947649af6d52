using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>A supervisor's recorded decision that an obligation need not be met, and why.</summary>
public sealed record ObligationWaived(string Key, ObligationKind Kind, string Reason, Actor RecordedBy, DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => RecordedAt;

    public string Summary => $"{Kind} waived by {RecordedBy.Name}: {Reason}";

    public Offender Apply(Offender offender) => offender;
}

/// <summary>Closes the waived obligation.</summary>
public static class Waivers
{
    public static ComplianceState Observe(ComplianceState state, PolicyContext context) =>
        context.Event is ObligationWaived waived
            ? state.Closing(o => o.Key == waived.Key, context, waived: true, reason: waived.Reason)
            : state;
}

public static class WaiveObligation
{
    public sealed record Request(string? Key, [FreeText] string? Reason)
    {
        public static Request Example => new("home-visit", "Offender in hospital until further notice; visits resume on discharge.");
    }

    public sealed record Command(string Key, string Reason);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("obligations/waivers", "WaiveObligation",
            "Waive an open obligation, with the reason (supervisors)", Validate, Decide, Policies.Supervise);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var key = v.Text("key", request.Key, 200);
        var reason = v.Text("reason", request.Reason, 2000);
        return v.IsValid ? (new Command(key, reason), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var obligation = offender.Compliance.Open.FirstOrDefault(o => o.Key == command.Key);
        return obligation is null
            ? Decision.Refuse("key", $"there is no open obligation '{command.Key}' on this record.")
            : Decision.Record(new ObligationWaived(obligation.Key, obligation.Kind, command.Reason, actor, now.Moment));
    }
}

public static class ComplianceArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<SingleOfficerVisitReviewed>("single-officer-visit-reviewed")
        .Register<ObligationWaived>("obligation-waived")
        .Register<PpnRaised>("ppn-raised")
        .Register<PpnSubmittedToMash>("ppn-submitted-to-mash")
        .Register<PpnReviewChecksRecorded>("ppn-review-checks-recorded")
        .Register<PpnShared>("ppn-shared");

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders)
    {
        ReviewSingleOfficerVisit.Map(offenders);
        WaiveObligation.Map(offenders);
        SubmitPpn.Map(offenders);
        ReviewPpn.Map(offenders);
        SharePpn.Map(offenders);
        return offenders;
    }
}
