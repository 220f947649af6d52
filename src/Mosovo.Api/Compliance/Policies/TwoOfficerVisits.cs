using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>
/// Two-officer visits (docs/policies.md): a home visit with fewer than two officers is kept with its reason and
/// opens a supervisor review; two single-officer visits in a row by the same officer to the same offender
/// raise the grooming-risk flag. A two-officer visit (or one by another officer) ends the run, so the next
/// single-officer visit counts from one again, but it closes no review: only the supervisor's review does.
/// The flag stays while any review of a run that reached two is still open.
/// </summary>
public static class TwoOfficerVisits
{
    public const string GroomingRiskFlag = "GroomingRisk";

    public const int RunThatRaisesTheFlag = 2;

    public static ComplianceState Observe(ComplianceState state, PolicyContext context)
    {
        switch (context.Event)
        {
            case HomeVisitRecorded visit when visit.Officers.Count < RecordHomeVisit.MinimumOfficers:
            {
                var key = $"single-officer-visit-review:{context.Version}";
                state = state.Opening(context.Open(key, ObligationKind.SingleOfficerVisitReview,
                    $"Supervisor review of a single-officer visit by {visit.Officers[0].Name}: {visit.SingleOfficerReason}",
                    visit.RecordedAt, visit.RecordedAt + context.Options.SingleOfficerVisitReview));
                var officer = visit.Officers[0];
                var run = state.SingleOfficerRun is { } current && current.OfficerId == officer.Id
                    ? current with { Visits = current.Visits + 1, ReviewKeys = [.. current.ReviewKeys, key] }
                    : new SingleOfficerRun(officer.Id, officer.Name, 1, [key]);
                state = state with { SingleOfficerRun = run };
                if (run.Visits >= RunThatRaisesTheFlag)
                    state = state with { GroomingRiskReviews = [.. state.GroomingRiskReviews.Union(run.ReviewKeys, StringComparer.Ordinal)] };
                break;
            }

            case HomeVisitRecorded:
                state = state with { SingleOfficerRun = null };
                break;

            case SingleOfficerVisitReviewed review:
                state = state.Closing(o => o.Kind == ObligationKind.SingleOfficerVisitReview && o.OpenedByVersion == review.VisitVersion, context);
                break;
        }

        var open = state.Open.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        return state.WithFlag(GroomingRiskFlag, state.GroomingRiskReviews.Any(open.Contains));
    }
}
