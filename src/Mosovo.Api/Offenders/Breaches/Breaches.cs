using System.Globalization;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Offenders;

/// <summary>What was breached.</summary>
public enum BreachKind
{
    /// <summary>The notification requirements of Part 2 of the Sexual Offences Act 2003.</summary>
    NotificationRequirement,
    ShpoProhibition,
    SroProhibition,
    RiskManagementPlan,
}

public enum BreachReporterKind
{
    Officer,
    ThirdParty,
    PartnerAgency,
}

/// <summary>The supervisor's decision on a breach (docs/policies.md, "Breach decision").</summary>
public enum BreachOutcome
{
    WarningLetter,
    CriminalInvestigation,
    Arrest,
    OrderApplication,
    NoFurtherAction,
}

/// <summary>Who reported the breach. A third party's name is personal data: never shown to partners.</summary>
/// <param name="Agency">The partner agency, or an officer's force when not our own.</param>
public sealed record BreachReporter(BreachReporterKind Kind, string Name, string? Agency);

/// <param name="DecidedBy">The supervisor who decided (who recorded the decision).</param>
public sealed record BreachDecision(BreachOutcome Outcome, string? Reason, Actor DecidedBy, DateTimeOffset DecidedAt);

/// <summary>A breach as the summary shows it, with the decision once made.</summary>
/// <param name="Prohibition">The order's prohibition breached, as the court worded it.</param>
public sealed record BreachEntry(
    Guid BreachId,
    BreachKind Kind,
    Guid? OrderId,
    string? Prohibition,
    DateOnly OccurredOn,
    BreachReporterKind ReportedBy,
    DateTimeOffset RecordedAt,
    BreachDecision? Decision);

/// <summary>Breaches of notification duties, orders and the risk management plan, and the decisions on them.</summary>
/// <param name="All">Every breach on the record, in the order recorded.</param>
public sealed record BreachHistory(IReadOnlyList<BreachEntry> All)
{
    public static readonly BreachHistory None = new([]);

    /// <summary>Breaches awaiting a supervisor's decision.</summary>
    public IReadOnlyList<BreachEntry> Open => All.Where(b => b.Decision is null).ToList();

    public IReadOnlyList<string> Flags => All.Any(b => b.Decision is null) ? ["UndecidedBreach"] : [];

    public BreachEntry? Find(Guid breachId) => All.FirstOrDefault(b => b.BreachId == breachId);

    public static string Describe(BreachKind kind) => kind switch
    {
        BreachKind.NotificationRequirement => "notification requirements",
        BreachKind.ShpoProhibition => "an SHPO prohibition",
        BreachKind.SroProhibition => "an SRO prohibition",
        _ => "the risk management plan",
    };

    public static string Describe(BreachOutcome outcome) => outcome switch
    {
        BreachOutcome.WarningLetter => "warning letter",
        BreachOutcome.CriminalInvestigation => "criminal investigation",
        BreachOutcome.Arrest => "arrest",
        BreachOutcome.OrderApplication => "order application",
        _ => "no further action",
    };
}

/// <summary>A breach, as reported: what, when, who reported it, how it came to light, and the evidence.</summary>
/// <param name="OrderId">For a breach of an SHPO or SRO prohibition: the order.</param>
/// <param name="Prohibition">For a breach of an order: the prohibition, as the court worded it.</param>
public sealed record BreachRecorded(
    Guid BreachId,
    BreachKind Kind,
    Guid? OrderId,
    string? Prohibition,
    DateOnly OccurredOn,
    BreachReporter ReportedBy,
    string HowItCameToLight,
    string Evidence,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(OccurredOn);

    public string Summary => $"Breach of {BreachHistory.Describe(Kind)} on {OccurredOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}, reported by {Reporter}";

    private string Reporter => ReportedBy.Kind switch
    {
        BreachReporterKind.Officer => ReportedBy.Name,
        BreachReporterKind.PartnerAgency => $"{ReportedBy.Agency} (partner agency)",
        _ => "a third party",
    };

    public Offender Apply(Offender offender) => offender with
    {
        Breaches = new BreachHistory([.. offender.Breaches.All,
            new BreachEntry(BreachId, Kind, OrderId, Prohibition, OccurredOn, ReportedBy.Kind, RecordedAt, null)]),
    };
}

/// <summary>A supervisor's decision on a breach. "No further action" always carries a reason.</summary>
/// <param name="BreachKind">What the decided breach was of, for the timeline.</param>
public sealed record BreachDecided(
    Guid BreachId,
    BreachKind BreachKind,
    BreachOutcome Outcome,
    string? Reason,
    DateTimeOffset DecidedAt,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => DecidedAt;

    public string Summary => $"Breach of {BreachHistory.Describe(BreachKind)} decided by {RecordedBy.Name}: {BreachHistory.Describe(Outcome)}"
        + (Reason is null ? "" : $" ({Reason})");

    public Offender Apply(Offender offender) => offender with
    {
        Breaches = new BreachHistory(offender.Breaches.All
            .Select(b => b.BreachId == BreachId ? b with { Decision = new BreachDecision(Outcome, Reason, RecordedBy, DecidedAt) } : b).ToList()),
    };
}

public static class BreachesArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<BreachRecorded>("breach-recorded")
        .Register<BreachDecided>("breach-decided");

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders)
    {
        RecordBreach.Map(offenders);
        DecideOnBreach.Map(offenders);
        return offenders;
    }
}
