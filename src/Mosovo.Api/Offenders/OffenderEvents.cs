using Mosovo.Api.Offenders;

namespace Mosovo.Api.Offenders;

// What every event on an offender's stream shares, and the value types several areas use.
// Each area (Registration/, Visits/, Arms/, ...) keeps its own events, state and commands in its folder.

/// <summary>The user who recorded something: their directory id and their name at the time.</summary>
public sealed record Actor(string UserId, string Name);

/// <summary>A police officer, identified by warrant or collar number.</summary>
public sealed record Officer(string Id, string Name);

public sealed record PersonName(string GivenNames, string FamilyName)
{
    public override string ToString() => $"{GivenNames} {FamilyName}";
}

public sealed record Address(string Line1, string? Line2, string Town, string Postcode);

/// <summary>
/// A fact on an offender's stream: past tense, carrying who recorded it and when, and how it changes what
/// we know about the offender. <see cref="Apply"/> is pure.
/// </summary>
public interface IOffenderEvent
{
    Actor RecordedBy { get; }

    DateTimeOffset RecordedAt { get; }

    /// <summary>When it happened, as the officer recorded it.</summary>
    DateTimeOffset OccurredAt { get; }

    /// <summary>One line an officer can read at a glance on the timeline.</summary>
    string Summary { get; }

    Offender Apply(Offender offender);
}

public static class OffenderEvents
{
    public const string StreamType = "offender";

    /// <summary>Every event type on an offender's stream, area by area, with its stored name.</summary>
    public static EventTypeRegistry Register(EventTypeRegistry registry)
    {
        RegistrationArea.Register(registry);
        VisitsArea.Register(registry);
        ArmsArea.Register(registry);
        MappaArea.Register(registry);
        IntelligenceArea.Register(registry);
        DisclosuresArea.Register(registry);
        BreachesArea.Register(registry);
        OrdersArea.Register(registry);
        CorrectionsArea.Register(registry);
        SharingArea.Register(registry);
        Compliance.ComplianceArea.Register(registry);
        return registry;
    }

    /// <summary>The start of a UK calendar day as a moment, for events dated by day.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => Hosting.Clock.StartOf(day);
}
