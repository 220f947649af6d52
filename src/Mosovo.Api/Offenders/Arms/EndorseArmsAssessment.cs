using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>A supervisor's decision on an ARMS assessment.</summary>
public enum ArmsReviewOutcome
{
    Endorsed,
    ReturnedForRevision,
}

/// <summary>
/// A supervisor endorses an ARMS assessment, or returns it for revision saying why. Endorsement is the
/// second pair of eyes: nobody endorses an assessment they recorded themselves.
/// </summary>
public static class EndorseArmsAssessment
{
    /// <param name="Comments">Required when the assessment is returned for revision: what must change.</param>
    public sealed record Request(Guid? AssessmentId, ArmsReviewOutcome? Outcome, [FreeText] string? Comments)
    {
        public static Request Example => new(
            Guid.Parse("0193a5b2-7c1e-7d3f-9a4b-2c6d8e0f1a2b"), ArmsReviewOutcome.ReturnedForRevision,
            "The plan has no action on the new partner's children: add the risk disclosure decision and its owner.");
    }

    public sealed record Command(Guid AssessmentId, ArmsReviewOutcome Outcome, string? Comments);

    public const int MaxCommentsLength = 2000;

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("arms-endorsements", "EndorseArmsAssessment",
            "Endorse an ARMS assessment or return it for revision (supervisors)", Validate, Decide, Policies.Supervise);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var assessmentId = v.Required("assessmentId", request.AssessmentId);
        if (request.AssessmentId == Guid.Empty) v.Add("assessmentId", "must be the id of an ARMS assessment on this record.");
        var outcome = v.Required("outcome", request.Outcome);
        var comments = v.OptionalText("comments", request.Comments, MaxCommentsLength);
        if (request.Outcome == ArmsReviewOutcome.ReturnedForRevision && comments is null)
            v.Add("comments", "are required when returning an assessment for revision: say what must change.");
        return v.IsValid ? (new Command(assessmentId, outcome, comments), v) : (null, v);
    }

    /// <summary>The UK calendar day of the supervisor's review.</summary>
    private static DateOnly? ReviewedOn(ArmsAssessmentEntry assessment) => assessment.ReviewedAt is { } at ? Clock.DayOf(at) : null;

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var assessment = offender.Risk.Find(command.AssessmentId);
        if (assessment is null)
            return Decision.Refuse("assessmentId", $"there is no ARMS assessment {command.AssessmentId} on this record.");
        if (assessment.Endorsement == ArmsEndorsementStatus.Endorsed)
        {
            return Decision.Refuse("assessmentId", string.Create(CultureInfo.InvariantCulture,
                $"this assessment was already endorsed by {assessment.ReviewedBy?.Name} on {ReviewedOn(assessment):yyyy-MM-dd}."));
        }

        if (command.Outcome == ArmsReviewOutcome.ReturnedForRevision && assessment.Endorsement == ArmsEndorsementStatus.ReturnedForRevision)
        {
            return Decision.Refuse("assessmentId", string.Create(CultureInfo.InvariantCulture,
                $"this assessment was already returned for revision by {assessment.ReviewedBy?.Name} on {ReviewedOn(assessment):yyyy-MM-dd}; the revision is a new assessment."));
        }

        if (string.Equals(assessment.RecordedBy.UserId, actor.UserId, StringComparison.Ordinal))
            return Decision.Refuse("assessmentId", "you recorded this assessment: another supervisor must endorse it.");

        return command.Outcome == ArmsReviewOutcome.Endorsed
            ? Decision.Record(new ArmsAssessmentEndorsed(assessment.AssessmentId, assessment.AssessedOn, command.Comments, actor, now.Moment), assessment.AssessmentId)
            : Decision.Record(new ArmsAssessmentReturnedForRevision(assessment.AssessmentId, assessment.AssessedOn, command.Comments!, actor, now.Moment),
                assessment.AssessmentId, $"Returned to {assessment.RecordedBy.Name}: the revised assessment is recorded as a new ARMS assessment.");
    }
}
