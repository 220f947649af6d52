using Mosovo.EventStore;

namespace Mosovo.Api.Offenders;

// Registration and notifications under the Sexual Offences Act 2003 Part 2: who the offender is, what
// they were convicted of, how long they must notify, and who manages them.

/// <summary>Who the offender is now: name, aliases, date of birth, references, home address.</summary>
public sealed record Identity(string Reference, PersonName Name, IReadOnlyList<string> Aliases, DateOnly DateOfBirth, string? PncId, Address Address)
{
    public static readonly Identity None = new("", new PersonName("", ""), [], default, null, new Address("", null, "", ""));
}

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

/// <summary>The registration: conviction, sentence, and the notification requirements that follow.</summary>
public sealed record RegistrationDetails(
    string Offence,
    DateOnly ConvictionDate,
    Sentence Sentence,
    DateOnly RegisteredOn,
    DateOnly? EndedOn,
    string? EndReason)
{
    public static readonly RegistrationDetails None = new("", default, new Sentence(SentenceKind.Fine, null, null), default, null, null);

    /// <summary>The next annual re-notification due, while the registration is live.</summary>
    public DateOnly? NextNotificationDue => EndedOn is null && RegisteredOn != default ? RegisteredOn.AddYears(1) : null;
}

/// <summary>The offender manager and team responsible for the offender.</summary>
public sealed record Allocation(Officer Manager, string Team)
{
    public static readonly Allocation None = new(new Officer("", ""), "");
}

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
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(RegisteredOn);

    public string Summary => $"Registered {Name} ({Reference}), managed by {Manager.Name}, {Team}";

    public Offender Apply(Offender offender) => offender with
    {
        Identity = new Identity(Reference, Name, Aliases, DateOfBirth, PncId, Address),
        Registration = new RegistrationDetails(Offence, ConvictionDate, Sentence, RegisteredOn, null, null),
        Allocation = new Allocation(Manager, Team),
        Mappa = offender.Mappa with { Category = MappaCategory },
    };
}

public static class RegistrationArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<OffenderRegistered>("offender-registered");

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders)
    {
        RegisterOffender.Map(offenders);
        return offenders;
    }
}
