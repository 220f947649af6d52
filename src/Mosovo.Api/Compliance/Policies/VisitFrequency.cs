using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>
/// Visit frequency (docs/policies.md): the next home visit is due <see cref="PolicyOptions.VisitMonths"/> months after the
/// last visit (very high 1, high 3, medium 6, low 12), by the current ARMS risk of serious harm. One item is open at
/// a time, keyed <c>home-visit:{n}</c> with n counting up on the record.
/// <list type="bullet">
/// <item>Registration opens the first, counted from the registration day (a new registration is visited as any other).</item>
/// <item>Until the first ARMS assessment the offender is treated as high risk of serious harm, and the item says so
/// ("no ARMS yet: treated as high"): an offender nobody has yet assessed is not treated as low.</item>
/// <item>A visit where entry was gained closes the open item and opens the next from its time. A visit where entry
/// was not gained does <b>not</b> meet the requirement: nobody saw the home or assessed the risk in it (that is why
/// two failed entries make the s.96B warrant available), so the item stays open and its due time stands.</item>
/// <item>A visit dated before the one the open item counts from (recorded late) changes nothing.</item>
/// <item>A new ARMS assessment that changes the level the item is planned on closes the open item (by the assessment)
/// and opens the next, counted from the same last visit at the new level. The history keeps both: what was due,
/// and why it changed.</item>
/// <item>A waived item stays waived: nothing opens again until the next visit where entry is gained.</item>
/// <item>When the registration ends the open item closes with it and no further one opens.</item>
/// </list>
/// Reactive management (docs/policies.md: low for 3+ years may move to reactive management): when the latest run of
/// consecutive low risk of serious harm assessments spans <see cref="PolicyOptions.ReactiveManagementAfterLowYears"/>
/// years or more by their assessment dates, the <see cref="ReactiveManagementFlag"/> is raised. Visits stay due:
/// moving the offender to reactive management is a supervisor's decision the system does not record yet.
/// </summary>
public static class VisitFrequency
{
    public const string KeyPrefix = "home-visit:";

    public const string ReactiveManagementFlag = "ReactiveManagementEligible";

    /// <summary>The level an offender without an ARMS assessment is visited at.</summary>
    public const RiskLevel LevelWithoutArms = RiskLevel.High;

    public static ComplianceState Observe(ComplianceState state, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        switch (context.Event)
        {
            case OffenderRegistered registered:
                return OpenNext(state, context, registered.OccurredAt, visited: false);

            case HomeVisitRecorded { EntryGained: true } visit when context.After.Registration.EndedOn is null:
                if (visit.VisitedAt < (OpenItem(state)?.AnchorAt ?? LastCountedFrom(state)))
                    return state;
                state = state.Closing(o => o.Kind == ObligationKind.HomeVisit, context);
                return OpenNext(state, context, visit.VisitedAt, visited: true);

            case ArmsAssessmentRecorded or ArmsAssessmentEndorsed or ArmsAssessmentReturnedForRevision:
                if (OpenItem(state) is { } open && open.Basis != Basis(context.After.Risk.RiskOfSeriousHarm, context.Options))
                {
                    var visited = CountsFromAVisit(state, open);
                    state = state.Closing(o => o.Kind == ObligationKind.HomeVisit, context);
                    state = OpenNext(state, context, open.AnchorAt, visited);
                }

                return state.WithFlag(ReactiveManagementFlag, ReactiveManagementEligible(context.After.Risk, context.Options));

            case RegistrationEnded:
                return state.Closing(o => o.Kind == ObligationKind.HomeVisit, context);

            default:
                return state;
        }
    }

    /// <summary>The visit level: the latest ARMS risk of serious harm, or high when there is no ARMS yet.</summary>
    public static RiskLevel Level(RiskLevel? riskOfSeriousHarm) => riskOfSeriousHarm ?? LevelWithoutArms;

    /// <summary>When the next visit is due: the level's months after the last visit, at the same UK time of day.</summary>
    public static DateTimeOffset NextVisitDue(DateTimeOffset countedFrom, RiskLevel? riskOfSeriousHarm, PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return MonthsAfter(countedFrom, options.VisitMonths(Level(riskOfSeriousHarm)));
    }

    /// <summary>
    /// Whether the latest run of consecutive assessments at low risk of serious harm spans the configured years, by
    /// assessment date (an assessment returned for revision does not count: its revision does).
    /// </summary>
    public static bool ReactiveManagementEligible(RiskAssessments risk, PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentNullException.ThrowIfNull(options);
        var assessments = risk.Assessments
            .Where(a => a.Endorsement != ArmsEndorsementStatus.ReturnedForRevision)
            .OrderBy(a => a.AssessedOn) // stable: of two on one day, the one recorded later stays later, as RiskAssessments.Latest reads them
            .ToList();
        if (assessments.Count == 0 || assessments[^1].RiskOfSeriousHarm != RiskLevel.Low)
            return false;
        var firstLow = assessments[^1].AssessedOn;
        for (var i = assessments.Count - 1; i >= 0 && assessments[i].RiskOfSeriousHarm == RiskLevel.Low; i--)
            firstLow = assessments[i].AssessedOn;
        return firstLow.AddYears(options.ReactiveManagementAfterLowYears) <= assessments[^1].AssessedOn;
    }

    private static ComplianceState OpenNext(ComplianceState state, PolicyContext context, DateTimeOffset countedFrom, bool visited)
    {
        var risk = context.After.Risk.RiskOfSeriousHarm;
        var months = context.Options.VisitMonths(Level(risk));
        var number = state.Obligations.Count(o => o.Kind == ObligationKind.HomeVisit)
            + state.ClosedKeys.Count(k => k.StartsWith(KeyPrefix, StringComparison.Ordinal)) + 1;
        var since = visited
            ? string.Create(CultureInfo.InvariantCulture, $"the last visit on {Clock.DayOf(countedFrom):d MMMM yyyy}")
            : string.Create(CultureInfo.InvariantCulture, $"registration on {Clock.DayOf(countedFrom):d MMMM yyyy} (not visited yet)");
        var what = string.Create(CultureInfo.InvariantCulture,
            $"Home visit (entry gained) due {months} month{(months == 1 ? "" : "s")} after {since}; {Basis(risk, context.Options)}");
        return state.Opening(context.Open(string.Create(CultureInfo.InvariantCulture, $"{KeyPrefix}{number}"), ObligationKind.HomeVisit, what,
            countedFrom, NextVisitDue(countedFrom, risk, context.Options), Basis(risk, context.Options)));
    }

    /// <summary>What the due time rests on, in words; a change of it re-plans the open item.</summary>
    private static string Basis(RiskLevel? risk, PolicyOptions options) => risk is { } level
        ? string.Create(CultureInfo.InvariantCulture, $"ARMS risk of serious harm {ArmsAssessmentRecorded.Words(level)}: every {options.VisitMonths(level)} months")
        : string.Create(CultureInfo.InvariantCulture, $"no ARMS yet: treated as {ArmsAssessmentRecorded.Words(LevelWithoutArms)}: every {options.VisitMonths(LevelWithoutArms)} months");

    private static Obligation? OpenItem(ComplianceState state) => state.Open.FirstOrDefault(o => o.Kind == ObligationKind.HomeVisit);

    /// <summary>Whether the item counts from a visit (not the registration): as the item that first counted from its moment says.</summary>
    private static bool CountsFromAVisit(ComplianceState state, Obligation item) =>
        state.Obligations.LastOrDefault(o => o.Kind == ObligationKind.HomeVisit && o.AnchorAt == item.AnchorAt
            && o.OpenedByType is nameof(HomeVisitRecorded) or nameof(OffenderRegistered))?.OpenedByType == nameof(HomeVisitRecorded);

    /// <summary>The moment the latest home-visit item counted from, when none is open (after a waiver).</summary>
    private static DateTimeOffset LastCountedFrom(ComplianceState state) =>
        state.Obligations.Where(o => o.Kind == ObligationKind.HomeVisit).Select(o => o.AnchorAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max();

    /// <summary>Months later on the UK calendar, at the same UK time of day (a day at the end of a shorter month moves to its last day).</summary>
    private static DateTimeOffset MonthsAfter(DateTimeOffset moment, int months)
    {
        var day = Clock.DayOf(moment);
        return moment + (Clock.StartOf(day.AddMonths(months)) - Clock.StartOf(day));
    }
}
