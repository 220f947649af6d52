using Mosovo.Api.Offenders;

namespace Mosovo.Api.Offenders;

public enum VisitKind
{
    Announced,
    Unannounced,
}

/// <summary>Someone seen at a visit. Children's identities are never shown to partners.</summary>
public sealed record PersonSeen(string Name, string Relationship, bool IsChild, int? AgeYears);

/// <summary>What the visits so far add up to.</summary>
public sealed record VisitHistory(int Count, DateTimeOffset? LastVisitAt, int FailedEntriesSinceLastEntry)
{
    public static readonly VisitHistory None = new(0, null, 0);

    /// <summary>
    /// Sexual Offences Act 2003 s.96B: when officers have more than once been unable to gain entry to assess
    /// risk, a magistrate may issue a warrant to enter and search. We count failed attempts since entry was
    /// last gained, because a successful visit meets the need the warrant serves.
    /// </summary>
    public bool EntryWarrantAvailable => FailedEntriesSinceLastEntry >= 2;
}

public sealed record HomeVisitRecorded(
    Guid VisitId,
    DateTimeOffset VisitedAt,
    IReadOnlyList<Officer> Officers,
    VisitKind Kind,
    bool EntryGained,
    IReadOnlyList<PersonSeen> PersonsSeen,
    string? Observations,
    string? Concerns,
    string? SingleOfficerReason,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => VisitedAt;

    public string Summary => string.Join(", ", new[]
    {
        $"{(Kind == VisitKind.Unannounced ? "Unannounced" : "Announced")} home visit by {Officers.Count} officer{(Officers.Count == 1 ? "" : "s")}",
        EntryGained ? "entry gained" : "no entry",
        Concerns is null ? null : "concerns recorded",
    }.Where(part => part is not null));

    public Offender Apply(Offender offender)
    {
        var visits = offender.Visits;
        return offender with
        {
            Visits = new VisitHistory(
                visits.Count + 1,
                visits.LastVisitAt is { } last && last > VisitedAt ? last : VisitedAt,
                EntryGained ? 0 : visits.FailedEntriesSinceLastEntry + 1),
        };
    }
}

public static class VisitsArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<HomeVisitRecorded>("home-visit-recorded");

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders)
    {
        RecordHomeVisit.Map(offenders);
        return offenders;
    }
}
