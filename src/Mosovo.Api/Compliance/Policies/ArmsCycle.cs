using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>
/// The ARMS cycle (docs/policies.md): the periodic review falls due <see cref="PolicyOptions.ArmsCycleMonths"/> (12) months
/// after the latest assessment (the start of its UK day), and every assessment awaits the supervisor's endorsement
/// for <see cref="PolicyOptions.ArmsEndorsement"/> (14 days) from when it was recorded.
/// <para>
/// Periodic review (<c>arms-periodic-review:{assessmentId}</c>, keyed by the assessment it counts from, because a key
/// is never reused on a record): any assessment that becomes the latest (by assessment date, as
/// <see cref="RiskAssessments.Latest"/> says) closes the open periodic review and opens the next from its date. An
/// assessment dated before the latest changes nothing. Until the first assessment no periodic review is open:
/// the first ARMS is not a periodic review, and this policy opens nothing for it.
/// </para>
/// <para>
/// Endorsement (<c>arms-endorsement:{assessmentId}</c>): opened by each assessment, closed by the supervisor's
/// endorsement of that assessment or its return for revision (the revision is a new assessment, with its own item).
/// </para>
/// <para>
/// When the registration ends, the open periodic review closes with it and no further one opens: the duty to
/// manage the offender has ended. Endorsements stay open: the assessment was made and still needs its second pair
/// of eyes.
/// </para>
/// </summary>
public static class ArmsCycle
{
    public const string PeriodicReviewKeyPrefix = "arms-periodic-review:";

    public const string EndorsementKeyPrefix = "arms-endorsement:";

    public static ComplianceState Observe(ComplianceState state, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        switch (context.Event)
        {
            case ArmsAssessmentRecorded assessment:
                state = state.Opening(context.Open(EndorsementKey(assessment.AssessmentId), ObligationKind.ArmsEndorsement,
                    string.Create(CultureInfo.InvariantCulture,
                        $"Supervisor endorsement (or return for revision) of the ARMS assessment of {assessment.AssessedOn:d MMMM yyyy} by {assessment.Assessor.Name}"),
                    assessment.RecordedAt, assessment.RecordedAt + context.Options.ArmsEndorsement,
                    string.Create(CultureInfo.InvariantCulture, $"{context.Options.ArmsEndorsement.TotalDays:0.##} days after the assessment was recorded")));
                return PlanPeriodicReview(state, context);

            case ArmsAssessmentEndorsed endorsed:
                return state.Closing(o => o.Key == EndorsementKey(endorsed.AssessmentId), context);

            case ArmsAssessmentReturnedForRevision returned:
                return state.Closing(o => o.Key == EndorsementKey(returned.AssessmentId), context);

            case RegistrationEnded:
                return state.Closing(o => o.Kind == ObligationKind.ArmsPeriodicReview, context);

            default:
                return state;
        }
    }

    public static string EndorsementKey(Guid assessmentId) => string.Create(CultureInfo.InvariantCulture, $"{EndorsementKeyPrefix}{assessmentId}");

    public static string PeriodicReviewKey(Guid assessmentId) => string.Create(CultureInfo.InvariantCulture, $"{PeriodicReviewKeyPrefix}{assessmentId}");

    /// <summary>The periodic review after an assessment dated <paramref name="assessedOn"/>: the start of the UK day that many months later.</summary>
    public static DateTimeOffset PeriodicReviewDue(DateOnly assessedOn, PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Clock.StartOf(assessedOn.AddMonths(options.ArmsCycleMonths));
    }

    private static ComplianceState PlanPeriodicReview(ComplianceState state, PolicyContext context)
    {
        if (context.After.Registration.EndedOn is not null || context.After.Risk.Latest is not { } latest)
            return state;
        var key = PeriodicReviewKey(latest.AssessmentId);
        if (state.Has(key))
            return state;
        state = state.Closing(o => o.Kind == ObligationKind.ArmsPeriodicReview, context);
        return state.Opening(context.Open(key, ObligationKind.ArmsPeriodicReview,
            string.Create(CultureInfo.InvariantCulture, $"Periodic ARMS review: the last ARMS assessment was dated {latest.AssessedOn:d MMMM yyyy}"),
            Clock.StartOf(latest.AssessedOn), PeriodicReviewDue(latest.AssessedOn, context.Options),
            string.Create(CultureInfo.InvariantCulture, $"{context.Options.ArmsCycleMonths} months after the last ARMS assessment")));
    }
}
