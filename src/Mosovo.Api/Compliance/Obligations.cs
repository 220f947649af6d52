using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>What kind of thing is due. Each policy opens its own kinds.</summary>
public enum ObligationKind
{
    SingleOfficerVisitReview,
    ArmsReviewAfterSignificantEvent,
    PpnSubmission,
    RiskDisclosureDecision,
    HomeVisit,
    ArmsPeriodicReview,
    ArmsEndorsement,
    BreachDecision,
    AnnualNotification,
    SuspectedNotificationBreach,
    ConsiderCivilOrder,
    CivilOrderEndReview,
}

/// <summary>How an obligation closed: the event that satisfied it, or a supervisor's waiver with its reason.</summary>
public sealed record ObligationClosure(long ByVersion, string ByType, DateTimeOffset At, string By, bool Waived, string? Reason)
{
    private readonly DateTimeOffset at = Clock.ToMicroseconds(At);

    /// <summary>When it closed, to the microsecond (<see cref="Clock.ToMicroseconds"/>).</summary>
    public DateTimeOffset At { get => at; init => at = Clock.ToMicroseconds(value); }
}

/// <summary>
/// Something that must be done about an offender: opened by an event, due at a time worked out from its
/// anchor (<see cref="PolicyOptions"/>), closed only by the event that satisfies it or a waiver.
/// </summary>
/// <param name="Key">Unique on the offender's record, e.g. <c>single-officer-visit-review:5</c>.</param>
/// <param name="What">What is due, in words.</param>
/// <param name="Why">Why: the event that opened it.</param>
/// <param name="AnchorAt">The moment the due time counts from (a disclosure received, a visit made).</param>
/// <param name="Basis">What else the due time depends on, e.g. the risk level for the next visit.</param>
/// <param name="DueAt">When it is due. Overdue strictly after this moment.</param>
public sealed record Obligation(
    string Key,
    ObligationKind Kind,
    string What,
    string Why,
    long OpenedByVersion,
    string OpenedByType,
    DateTimeOffset AnchorAt,
    string? Basis,
    DateTimeOffset DueAt,
    ObligationClosure? Closure)
{
    private readonly DateTimeOffset anchorAt = Clock.ToMicroseconds(AnchorAt);
    private readonly DateTimeOffset dueAt = Clock.ToMicroseconds(DueAt);

    /// <summary>The moment the due time counts from, to the microsecond, as <c>mosovo.obligations</c> keeps it.</summary>
    public DateTimeOffset AnchorAt { get => anchorAt; init => anchorAt = Clock.ToMicroseconds(value); }

    /// <summary>When it is due, to the microsecond, as <c>mosovo.obligations</c> keeps it.</summary>
    public DateTimeOffset DueAt { get => dueAt; init => dueAt = Clock.ToMicroseconds(value); }

    public bool IsOpen => Closure is null;

    /// <summary>An item due at T is not overdue at T and is overdue one tick after.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => IsOpen && now > DueAt;
}

/// <summary>A run of single-officer visits to this offender by the same officer.</summary>
public sealed record SingleOfficerRun(string OfficerId, string OfficerName, int Visits, IReadOnlyList<string> ReviewKeys);

/// <summary>The compliance part of the offender's state: every obligation ever opened, and the flags policies raise.</summary>
/// <param name="GroomingRiskReviews">Review keys of single-officer runs that reached two visits: the flag stays while one is open.</param>
public sealed record ComplianceState(
    IReadOnlyList<Obligation> Obligations,
    SingleOfficerRun? SingleOfficerRun,
    IReadOnlyList<string> GroomingRiskReviews,
    IReadOnlyList<string> Flags)
{
    public static readonly ComplianceState None = new([], null, [], []);

    /// <summary>Police protection notices raised on this record, with where each stands (see <see cref="PpnRecords"/>).</summary>
    public IReadOnlyList<Ppn> Ppns { get; init; } = [];

    /// <summary>The significant events on the record, as <see cref="ArmsReviewAfterSignificantEvent"/> recognises them, in order.</summary>
    public IReadOnlyList<SignificantEventEntry> SignificantEvents { get; init; } = [];

    /// <summary>The open obligations. Not stored (the summary's read lists them from <see cref="Obligations"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<Obligation> Open => Obligations.Where(o => o.IsOpen);

    /// <summary>
    /// The keys of closed obligations the stored state no longer holds (<see cref="Stored"/>): enough for the policies,
    /// which never open a key twice. The obligations themselves stay in <c>mosovo.obligations</c>.
    /// </summary>
    public IReadOnlyList<string> ClosedKeys { get; init; } = [];

    /// <summary>Whether an obligation with this key was ever opened (it may be closed and no longer held).</summary>
    public bool Has(string key) => Obligations.Any(o => o.Key == key) || ClosedKeys.Contains(key, StringComparer.Ordinal);

    public ComplianceState Opening(Obligation obligation) =>
        Has(obligation.Key) ? this : this with { Obligations = [.. Obligations, obligation] };

    /// <summary>
    /// The state as the summary stores it: the open obligations, and of the closed ones only the home-visit items
    /// counted from the latest moment (the visit policy reads them); the others are kept by key alone. Every policy
    /// decides the same on this as on the whole fold; without it each append would read and write every obligation
    /// ever closed (the state doubled in size, build/bench.sh compliance).
    /// </summary>
    public ComplianceState Stored()
    {
        var latestVisitAnchor = Obligations.Where(o => o.Kind == ObligationKind.HomeVisit).Select(o => o.AnchorAt).DefaultIfEmpty().Max();
        bool Kept(Obligation o) => o.IsOpen || (o.Kind == ObligationKind.HomeVisit && o.AnchorAt == latestVisitAnchor);
        var dropped = Obligations.Where(o => !Kept(o)).Select(o => o.Key).ToList();
        return dropped.Count == 0 ? this : this with { Obligations = Obligations.Where(Kept).ToList(), ClosedKeys = [.. ClosedKeys, .. dropped] };
    }

    /// <summary>Closes the open obligations that match, by the event at <paramref name="version"/>.</summary>
    public ComplianceState Closing(Func<Obligation, bool> which, PolicyContext context, bool waived = false, string? reason = null) =>
        this with
        {
            Obligations = Obligations.Select(o => o.IsOpen && which(o)
                ? o with { Closure = new ObligationClosure(context.Version, context.TypeName, context.Event.OccurredAt, context.Event.RecordedBy.Name, waived, reason) }
                : o).ToList(),
        };

    public ComplianceState WithFlag(string flag, bool raised) =>
        raised == Flags.Contains(flag, StringComparer.Ordinal)
            ? this
            : this with { Flags = raised ? [.. Flags, flag] : Flags.Where(f => f != flag).ToList() };
}

/// <summary>A significant event: which kind, the moment it counts from, and the entry that recorded it.</summary>
public sealed record SignificantEventEntry(SignificantEventKind Kind, DateTimeOffset At, long Version);

/// <summary>What a policy sees of one event: the offender before and after it, the event, and its place on the stream.</summary>
public sealed record PolicyContext(Offender Before, Offender After, IOffenderEvent Event, long Version, PolicyOptions Options)
{
    /// <summary>The event's kind in words for the queue ("HomeVisitRecorded").</summary>
    public string TypeName => Event.GetType().Name;

    /// <summary>An obligation opened by this event.</summary>
    public Obligation Open(string key, ObligationKind kind, string what, DateTimeOffset anchorAt, DateTimeOffset dueAt, string? basis = null) =>
        new(key, kind, what, Event.Summary, Version, TypeName, anchorAt, basis, dueAt, null);
}
