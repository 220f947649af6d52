using Mosovo.EventStore;

namespace Mosovo.Api.Offenders;

// The facts on an offender's stream. Past tense, carrying who recorded them and when. Their stored names
// (in Register below) are part of the data: never change one; add a new event type instead.

/// <summary>The user who recorded something: their directory id and their name at the time.</summary>
public sealed record Actor(string UserId, string Name);

/// <summary>A police officer, identified by warrant or collar number.</summary>
public sealed record Officer(string Id, string Name);

public sealed record PersonName(string GivenNames, string FamilyName)
{
    public override string ToString() => $"{GivenNames} {FamilyName}";
}

public sealed record Address(string Line1, string? Line2, string Town, string Postcode);

public enum SentenceKind
{
    Custodial,
    SuspendedCustodial,
    HospitalOrder,
    CommunityOrder,
    Caution,
    ConditionalDischarge,
    Fine,
}

/// <param name="CustodialMonths">The custodial term in months, for custodial and suspended sentences.</param>
public sealed record Sentence(SentenceKind Kind, int? CustodialMonths, string? Description);

public enum VisitKind
{
    Announced,
    Unannounced,
}

/// <summary>Someone seen at a visit. Children's identities are never shown to partners.</summary>
public sealed record PersonSeen(string Name, string Relationship, bool IsChild, int? AgeYears);

public sealed record OffenderRegistered(
    Guid OffenderId,
    string Reference,
    PersonName Name,
    IReadOnlyList<string> Aliases,
    DateOnly DateOfBirth,
    Address Address,
    string Offence,
    DateOnly ConvictionDate,
    Sentence Sentence,
    string? PncId,
    int MappaCategory,
    Officer Manager,
    string Team,
    DateOnly RegisteredOn,
    Actor RecordedBy,
    DateTimeOffset RecordedAt);

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
    DateTimeOffset RecordedAt);

public static class OffenderEvents
{
    public const string StreamType = "offender";

    /// <summary>Every event type on an offender's stream, with its stored name.</summary>
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<OffenderRegistered>("offender-registered")
        .Register<HomeVisitRecorded>("home-visit-recorded");
}
