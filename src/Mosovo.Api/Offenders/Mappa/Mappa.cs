using System.Globalization;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Offenders;

// MAPPA (Multi-Agency Public Protection Arrangements, Criminal Justice Act 2003 ss.325-327): the category
// says why the offender is managed under MAPPA (1: registered sexual offender, 2: violent offender,
// 3: other dangerous offender); the level says how intensively (1: ordinary agency management, 2 and 3:
// multi-agency meetings).

public enum MappaChangeKind
{
    Category,
    Level,
}

/// <summary>A change of category or level, as the history shows it.</summary>
/// <param name="From">The value before; null when a level is set for the first time.</param>
/// <param name="DecidedOn">The day a level was decided; a category change takes effect when recorded.</param>
public sealed record MappaChange(MappaChangeKind What, int? From, int To, string Reason, DateOnly? DecidedOn, Actor RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An action agreed at a MAPPA meeting: what, which agency or person owns it, and by when (if set).</summary>
public sealed record MappaMeetingAction(string Action, string Owner, DateOnly? DueOn);

/// <summary>A MAPPA meeting as the summary lists it.</summary>
public sealed record MappaMeetingEntry(Guid MeetingId, DateOnly HeldOn, int Level, IReadOnlyList<string> Agencies, DateOnly? NextMeetingOn);

/// <summary>The latest MAPPA meeting in full: what it concluded and the actions it agreed.</summary>
public sealed record MappaMeeting(
    Guid MeetingId,
    DateOnly HeldOn,
    int Level,
    IReadOnlyList<string> Agencies,
    string OutcomeSummary,
    DateOnly? NextMeetingOn,
    IReadOnlyList<MappaMeetingAction> Actions);

/// <summary>
/// MAPPA category (why the offender is managed) and level (how intensively), their history, and meetings.
/// The category is set by the registration; the level is null until a level is first set.
/// </summary>
/// <param name="History">Every change of category or level, in the order recorded.</param>
/// <param name="Meetings">Every meeting, in the order recorded.</param>
/// <param name="LatestMeeting">The meeting held most recently (of two on one day, the one recorded later).</param>
public sealed record MappaStatus(
    int Category,
    int? Level,
    IReadOnlyList<MappaChange> History,
    IReadOnlyList<MappaMeetingEntry> Meetings,
    MappaMeeting? LatestMeeting)
{
    public static readonly MappaStatus None = new(0, null, [], [], null);

    /// <summary>The day the current level was decided, if a level is set.</summary>
    public DateOnly? LevelDecidedOn => History.LastOrDefault(c => c.What == MappaChangeKind.Level)?.DecidedOn;

    /// <summary>The next meeting, as the latest meeting set it.</summary>
    public DateOnly? NextMeetingOn => LatestMeeting?.NextMeetingOn;

    public static string Describe(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "none";
}

public sealed record MappaCategoryChanged(int From, int To, string Reason, Actor RecordedBy, DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => RecordedAt;

    public string Summary => string.Create(CultureInfo.InvariantCulture, $"MAPPA category changed from {From} to {To}");

    public Offender Apply(Offender offender) => offender with
    {
        Mappa = offender.Mappa with
        {
            Category = To,
            History = [.. offender.Mappa.History, new MappaChange(MappaChangeKind.Category, From, To, Reason, null, RecordedBy, RecordedAt)],
        },
    };
}

public sealed record MappaLevelChanged(int? From, int To, string Reason, DateOnly DecidedOn, Actor RecordedBy, DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(DecidedOn);

    public string Summary => From is null
        ? string.Create(CultureInfo.InvariantCulture, $"MAPPA level set to {To} (decided {DecidedOn:d MMMM yyyy})")
        : string.Create(CultureInfo.InvariantCulture, $"MAPPA level changed from {From} to {To} (decided {DecidedOn:d MMMM yyyy})");

    public Offender Apply(Offender offender) => offender with
    {
        Mappa = offender.Mappa with
        {
            Level = To,
            History = [.. offender.Mappa.History, new MappaChange(MappaChangeKind.Level, From, To, Reason, DecidedOn, RecordedBy, RecordedAt)],
        },
    };
}

public sealed record MappaMeetingRecorded(
    Guid MeetingId,
    DateOnly HeldOn,
    int Level,
    IReadOnlyList<string> Agencies,
    string OutcomeSummary,
    DateOnly? NextMeetingOn,
    IReadOnlyList<MappaMeetingAction> Actions,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(HeldOn);

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"MAPPA level {Level} meeting with {string.Join(", ", Agencies)}; {Actions.Count} action{(Actions.Count == 1 ? "" : "s")}; ") +
        (NextMeetingOn is { } next ? string.Create(CultureInfo.InvariantCulture, $"next meeting {next:d MMMM yyyy}") : "no further meeting set");

    public Offender Apply(Offender offender)
    {
        var mappa = offender.Mappa;
        var isLatest = mappa.LatestMeeting is null || HeldOn >= mappa.LatestMeeting.HeldOn;
        return offender with
        {
            Mappa = mappa with
            {
                Meetings = [.. mappa.Meetings, new MappaMeetingEntry(MeetingId, HeldOn, Level, Agencies, NextMeetingOn)],
                LatestMeeting = isLatest ? new MappaMeeting(MeetingId, HeldOn, Level, Agencies, OutcomeSummary, NextMeetingOn, Actions) : mappa.LatestMeeting,
            },
        };
    }
}

public static class MappaArea
{
    /// <summary>The MAPPA categories and levels: 1, 2 and 3.</summary>
    public const int Lowest = 1;

    public const int Highest = 3;

    public const int MaxReasonLength = 1000;

    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<MappaCategoryChanged>("mappa-category-changed")
        .Register<MappaLevelChanged>("mappa-level-changed")
        .Register<MappaMeetingRecorded>("mappa-meeting-recorded");

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders)
    {
        ChangeMappaCategory.Map(offenders);
        ChangeMappaLevel.Map(offenders);
        RecordMappaMeeting.Map(offenders);
        return offenders;
    }

    /// <summary>A category or level: required, 1, 2 or 3.</summary>
    public static int OneToThree(Http.Validation v, string field, int? value)
    {
        var checkedValue = v.Required(field, value);
        if (value is < Lowest or > Highest) v.Add(field, "must be 1, 2 or 3.");
        return checkedValue;
    }
}
