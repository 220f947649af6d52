using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>
/// Every duration a policy uses, from the <c>Policies</c> configuration section. The defaults are those of
/// docs/policies.md ("Policies: what the system enforces"); a force changes them in configuration. The service
/// refuses to start on a zero or negative value. Due times are worked out when a write is projected: after
/// changing one, run <c>rebuild-projections</c> so that open items take the new value.
/// </summary>
public sealed class PolicyOptions
{
    public const string Section = "Policies";

    /// <summary>Supervisor review of a visit made by fewer than two officers. Default 7 days.</summary>
    public TimeSpan SingleOfficerVisitReview { get; set; } = TimeSpan.FromDays(7);

    /// <summary>ARMS review after a significant event. Default 28 days.</summary>
    public TimeSpan ArmsReviewAfterSignificantEvent { get; set; } = TimeSpan.FromDays(28);

    /// <summary>ARMS review after new contact with a child. Default 3 days.</summary>
    public TimeSpan ArmsReviewAfterChildContact { get; set; } = TimeSpan.FromDays(3);

    /// <summary>PPN submitted to the MASH after new child contact is disclosed. Default 24 hours.</summary>
    public TimeSpan PpnSubmission { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Decision on a risk disclosure to the carer after new child contact. Default 24 hours.</summary>
    public TimeSpan RiskDisclosureDecision { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Months between home visits by ARMS risk of serious harm. Defaults: very high 1, high 3, medium 6, low 12.</summary>
    public int VisitMonthsVeryHigh { get; set; } = 1;

    public int VisitMonthsHigh { get; set; } = 3;

    public int VisitMonthsMedium { get; set; } = 6;

    public int VisitMonthsLow { get; set; } = 12;

    /// <summary>Years at low risk after which reactive management may be considered. Default 3.</summary>
    public int ReactiveManagementAfterLowYears { get; set; } = 3;

    /// <summary>Periodic ARMS review after the last assessment. Default 12 months.</summary>
    public int ArmsCycleMonths { get; set; } = 12;

    /// <summary>Supervisor endorsement of an ARMS assessment. Default 14 days.</summary>
    public TimeSpan ArmsEndorsement { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Supervisor decision on a recorded breach. Default 7 days.</summary>
    public TimeSpan BreachDecision { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Consider an SHPO/SRO application after concerns on an offender without one. Default 28 days.</summary>
    public TimeSpan ConsiderCivilOrder { get; set; } = TimeSpan.FromDays(28);

    /// <summary>Review an order this long before it ends. Default 90 days.</summary>
    public TimeSpan CivilOrderEndReview { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The problems with these settings, each naming its setting, or none.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new (string, TimeSpan)[]
        {
            (nameof(SingleOfficerVisitReview), SingleOfficerVisitReview),
            (nameof(ArmsReviewAfterSignificantEvent), ArmsReviewAfterSignificantEvent),
            (nameof(ArmsReviewAfterChildContact), ArmsReviewAfterChildContact),
            (nameof(PpnSubmission), PpnSubmission),
            (nameof(RiskDisclosureDecision), RiskDisclosureDecision),
            (nameof(ArmsEndorsement), ArmsEndorsement),
            (nameof(BreachDecision), BreachDecision),
            (nameof(ConsiderCivilOrder), ConsiderCivilOrder),
            (nameof(CivilOrderEndReview), CivilOrderEndReview),
        })
        {
            if (value <= TimeSpan.Zero)
                yield return $"{Section}:{name} must be a positive duration (it is {value}).";
        }

        foreach (var (name, value) in new (string, int)[]
        {
            (nameof(VisitMonthsVeryHigh), VisitMonthsVeryHigh),
            (nameof(VisitMonthsHigh), VisitMonthsHigh),
            (nameof(VisitMonthsMedium), VisitMonthsMedium),
            (nameof(VisitMonthsLow), VisitMonthsLow),
            (nameof(ReactiveManagementAfterLowYears), ReactiveManagementAfterLowYears),
            (nameof(ArmsCycleMonths), ArmsCycleMonths),
        })
        {
            if (value <= 0)
                yield return $"{Section}:{name} must be a positive number (it is {value}).";
        }
    }

    public int VisitMonths(RiskLevel level) => level switch
    {
        RiskLevel.VeryHigh => VisitMonthsVeryHigh,
        RiskLevel.High => VisitMonthsHigh,
        RiskLevel.Medium => VisitMonthsMedium,
        _ => VisitMonthsLow,
    };
}
