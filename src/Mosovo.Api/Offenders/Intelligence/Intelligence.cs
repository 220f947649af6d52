using System.Globalization;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Offenders;

// Intelligence about the offender, kept on the record for good: the 2022 inspection found items lost after a
// few days. Nothing removes an item. The text of an item stays on the stream (and the timeline officers read);
// the summary lists only the item's date, source kind, grading and significance, because summaries are what
// partner agencies will later be shown and partners never see intelligence text.

public enum IntelligenceSourceKind
{
    Briefing,
    PartnerAgency,
    MemberOfPublic,
    Other,
}

/// <summary>Where an item came from: the kind of source, and the agency's name for a partner agency.</summary>
public sealed record IntelligenceSource(IntelligenceSourceKind Kind, string? AgencyName)
{
    public string Describe() => Kind switch
    {
        IntelligenceSourceKind.Briefing => "briefing",
        IntelligenceSourceKind.PartnerAgency => "partner agency",
        IntelligenceSourceKind.MemberOfPublic => "member of the public",
        _ => "other source",
    };
}

/// <summary>
/// The UK 3x5x2 grading (College of Policing APP, Intelligence management): source evaluation 1 reliable,
/// 2 untested, 3 not reliable; intelligence assessment A known directly to the source, B known indirectly
/// but corroborated, C known indirectly, D not known, E suspected to be false; handling code P lawful
/// sharing permitted, C lawful sharing permitted with conditions.
/// </summary>
public sealed record IntelligenceGrading(int SourceEvaluation, string IntelligenceAssessment, string HandlingCode)
{
    public const string IntelligenceAssessments = "ABCDE";
    public const string HandlingCodes = "PC";

    /// <summary>The grading as officers write it: <c>2/B/P</c>.</summary>
    public string Code => string.Create(CultureInfo.InvariantCulture, $"{SourceEvaluation}/{IntelligenceAssessment}/{HandlingCode}");
}

/// <summary>One item as the summary lists it: never its text, its significance reason or its handling conditions.</summary>
public sealed record IntelligenceEntry(
    Guid IntelligenceId,
    DateOnly ReceivedOn,
    IntelligenceSourceKind Source,
    IntelligenceGrading Grading,
    bool Significant,
    DateTimeOffset RecordedAt);

/// <summary>Intelligence items, kept on the record for good, listed without their text.</summary>
public sealed record IntelligenceLog(IReadOnlyList<IntelligenceEntry> Items)
{
    public static readonly IntelligenceLog None = new([]);

    public int Count => Items.Count;

    public int SignificantCount => Items.Count(i => i.Significant);

    /// <summary>The latest day an item was received on, if any.</summary>
    public DateOnly? LatestReceivedOn => Items.Count == 0 ? null : Items.Max(i => i.ReceivedOn);
}

/// <param name="HandlingConditions">The conditions of sharing, for handling code C.</param>
/// <param name="SignificanceReason">Why the item is significant, when it is.</param>
public sealed record IntelligenceReceived(
    Guid IntelligenceId,
    DateOnly ReceivedOn,
    IntelligenceSource Source,
    IntelligenceGrading Grading,
    string? HandlingConditions,
    string Text,
    bool Significant,
    string? SignificanceReason,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(ReceivedOn);

    /// <summary>Never the text: the line says only that an item came, how significant, from what kind of source, graded how.</summary>
    public string Summary => $"Intelligence received{(Significant ? " (significant)" : "")} from {Source.Describe()}, graded {Grading.Code}";

    public Offender Apply(Offender offender) => offender with
    {
        Intelligence = new IntelligenceLog(
            [.. offender.Intelligence.Items, new IntelligenceEntry(IntelligenceId, ReceivedOn, Source.Kind, Grading, Significant, RecordedAt)]),
    };
}

public static class IntelligenceArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<IntelligenceReceived>("intelligence-received");

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders)
    {
        RecordIntelligence.Map(offenders);
        return offenders;
    }
}
