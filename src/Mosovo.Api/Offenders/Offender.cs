using Mosovo.EventStore;

namespace Mosovo.Api.Offenders;

/// <summary>
/// What the handlers need to know about an offender to decide: folded from the stream's events, in order.
/// Pure: no database, no clock.
/// </summary>
public sealed record Offender(
    Guid Id,
    long Version,
    string Reference,
    PersonName Name,
    DateOnly DateOfBirth,
    Address Address,
    Officer Manager,
    string Team,
    int MappaCategory,
    int VisitCount,
    DateTimeOffset? LastVisitAt,
    int FailedEntriesSinceLastEntry)
{
    /// <summary>
    /// Sexual Offences Act 2003 s.96B: when officers have more than once been unable to gain entry to assess
    /// risk, a magistrate may issue a warrant to enter and search. We count failed attempts since entry was
    /// last gained, because a successful visit meets the need the warrant serves.
    /// </summary>
    public bool EntryWarrantAvailable => FailedEntriesSinceLastEntry >= 2;

    public static Offender? Fold(IEnumerable<RecordedEvent> events)
    {
        Offender? state = null;
        foreach (var e in events)
            state = Evolve(state, e.Data) with { Version = e.Version };
        return state;
    }

    public static Offender Evolve(Offender? state, object @event) => (state, @event) switch
    {
        (null, OffenderRegistered r) => new Offender(
            r.OffenderId, 1, r.Reference, r.Name, r.DateOfBirth, r.Address, r.Manager, r.Team, r.MappaCategory,
            VisitCount: 0, LastVisitAt: null, FailedEntriesSinceLastEntry: 0),
        (not null, HomeVisitRecorded v) => state with
        {
            VisitCount = state.VisitCount + 1,
            LastVisitAt = state.LastVisitAt is { } last && last > v.VisitedAt ? last : v.VisitedAt,
            FailedEntriesSinceLastEntry = v.EntryGained ? 0 : state.FailedEntriesSinceLastEntry + 1,
        },
        (null, _) => throw new InvalidOperationException($"An offender's stream must start with {nameof(OffenderRegistered)}, not {@event.GetType().Name}."),
        _ => throw new InvalidOperationException($"Offender cannot apply {@event.GetType().Name}: no rule for it."),
    };
}
