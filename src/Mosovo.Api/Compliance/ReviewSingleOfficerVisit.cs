using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

public enum SingleOfficerVisitReviewOutcome
{
    /// <summary>The reason was sound; nothing more to do.</summary>
    Acceptable,

    /// <summary>Advice given to the officer.</summary>
    AdviceGiven,

    /// <summary>Action taken or required (e.g. a second officer to attend the next visits).</summary>
    ActionRequired,
}

/// <summary>A supervisor's review of a visit made by fewer than two officers: the only thing that closes its review item.</summary>
public sealed record SingleOfficerVisitReviewed(
    long VisitVersion,
    SingleOfficerVisitReviewOutcome Outcome,
    string Comments,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => RecordedAt;

    public string Summary => $"Single-officer visit (entry {VisitVersion}) reviewed by {RecordedBy.Name}: {Outcome}";

    public Offender Apply(Offender offender) => offender;
}

public static class ReviewSingleOfficerVisit
{
    public sealed record Request(
        long? VisitVersion,
        SingleOfficerVisitReviewOutcome? Outcome,
        [FreeText] string? Comments)
    {
        public static Request Example => new(5, SingleOfficerVisitReviewOutcome.ActionRequired,
            "Reason accepted this once; the next two visits must be made by two officers.");
    }

    public sealed record Command(long VisitVersion, SingleOfficerVisitReviewOutcome Outcome, string Comments);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("visits/reviews", "ReviewSingleOfficerVisit",
            "Review a visit made by fewer than two officers (supervisors)", Validate, Decide, Policies.Supervise);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var version = v.Required("visitVersion", request.VisitVersion);
        var outcome = v.Required("outcome", request.Outcome);
        var comments = v.Text("comments", request.Comments, 2000);
        return v.IsValid ? (new Command(version, outcome, comments), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var open = offender.Compliance.Open.Any(o => o.Kind == ObligationKind.SingleOfficerVisitReview && o.OpenedByVersion == command.VisitVersion);
        return open
            ? Decision.Record(new SingleOfficerVisitReviewed(command.VisitVersion, command.Outcome, command.Comments, actor, now.Moment))
            : Decision.Refuse("visitVersion", $"entry {command.VisitVersion} is not a single-officer visit awaiting review.");
    }
}
