using System.Globalization;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>
/// Breach decision (docs/policies.md): a breach recorded opens a supervisor's decision, due
/// <see cref="PolicyOptions.BreachDecision"/> after the breach was recorded (key <c>breach-decision:{breachId}</c>),
/// closed only by the decision on that breach (or a waiver). It counts from the recording, when the police know of
/// the breach, not from the day the breach happened, which may be long before. "No further action" without a reason
/// is refused by the decision itself (<see cref="DecideOnBreach"/>).
/// </summary>
public static class BreachDecisions
{
    public static string Key(Guid breachId) => $"breach-decision:{breachId}";

    public static ComplianceState Observe(ComplianceState state, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        return context.Event switch
        {
            BreachRecorded breach => state.Opening(context.Open(Key(breach.BreachId), ObligationKind.BreachDecision,
                $"Supervisor's decision on the breach of {BreachHistory.Describe(breach.Kind)} on {breach.OccurredOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}: "
                + "warning letter, criminal investigation, arrest, order application, or no further action with the reason",
                breach.RecordedAt, breach.RecordedAt + context.Options.BreachDecision)),
            BreachDecided decided => state.Closing(o => o.Key == Key(decided.BreachId), context),
            _ => state,
        };
    }
}
