using Mosovo.Api.Compliance;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Offenders;

/// <summary>
/// What we know about an offender now, folded from their stream's events in order: the state handlers
/// decide on and the summary officers read. Each area owns its part. Pure: no database, no clock.
/// </summary>
public sealed record Offender(
    Guid Id,
    long Version,
    Identity Identity,
    RegistrationDetails Registration,
    Allocation Allocation,
    MappaStatus Mappa,
    RiskAssessments Risk,
    VisitHistory Visits,
    DisclosureHistory Disclosures,
    BreachHistory Breaches,
    CivilOrders Orders,
    IntelligenceLog Intelligence,
    IReadOnlyList<CorrectionNote> Corrections,
    ComplianceState Compliance)
{
    /// <summary>An offender before their registration is applied.</summary>
    public static Offender New(Guid id) => new(
        id, 0, Identity.None, RegistrationDetails.None, Allocation.None, MappaStatus.None, RiskAssessments.None,
        VisitHistory.None, DisclosureHistory.None, BreachHistory.None, CivilOrders.None, IntelligenceLog.None, [],
        ComplianceState.None);

    /// <summary>
    /// Folds a stream. Events withdrawn by a later correction are passed over (but stay on the record).
    /// With <paramref name="policies"/>, the compliance part is folded too (obligations and their due times);
    /// without, it stays empty (for rules that do not need it).
    /// </summary>
    public static Offender? Fold(IReadOnlyList<RecordedEvent> events, PolicyOptions? policies = null)
    {
        var withdrawn = events.Select(e => e.Data).OfType<RecordCorrected>()
            .Where(c => c.Withdraws).Select(c => c.CorrectsVersion).ToHashSet();
        Offender? state = null;
        var types = new Dictionary<long, string>();
        foreach (var e in events)
        {
            state = withdrawn.Contains(e.Version)
                ? state! with { Version = e.Version }
                : Step(state, e.Data, e.Version, policies);
            types[e.Version] = e.TypeName;
        }

        return state is null ? null : state with { EntryTypes = types };
    }

    /// <summary>The latest release from custody recorded, if any.</summary>
    public CustodyRelease? LastRelease { get; init; }

    /// <summary>Shares of the partner summary with partner agencies, active and ended.</summary>
    public PartnerShares Shares { get; init; } = PartnerShares.None;

    /// <summary>
    /// The stored type of each entry by version (corrections and ARMS prompts name an entry by its version):
    /// kept in the stored state, so that a write decides on the state alone without reading the stream.
    /// </summary>
    public IReadOnlyDictionary<long, string> EntryTypes { get; init; } = new Dictionary<long, string>();

    /// <summary>The state with the stored type names of entries just appended.</summary>
    public Offender WithEntryTypes(IEnumerable<(long Version, string Type)> appended)
    {
        var types = new Dictionary<long, string>(EntryTypes);
        foreach (var (version, type) in appended)
            types[version] = type;
        return this with { EntryTypes = types };
    }

    /// <summary>One event: the area's fold, then (with policies) the compliance fold over before and after.</summary>
    public static Offender Step(Offender? state, object @event, long version, PolicyOptions? policies)
    {
        var after = Evolve(state, @event) with { Version = version };
        if (policies is null)
            return after;
        var before = state ?? New(after.Id);
        var context = new PolicyContext(before, after, (IOffenderEvent)@event, version, policies);
        return after with { Compliance = ComplianceRules.Observe(before.Compliance, context) };
    }

    public static Offender Evolve(Offender? state, object @event) => (state, @event) switch
    {
        (null, OffenderRegistered r) => r.Apply(New(r.OffenderId)),
        (null, _) => throw new InvalidOperationException(
            $"An offender's stream must start with {nameof(OffenderRegistered)}, not {@event.GetType().Name}."),
        (not null, IOffenderEvent e) => e.Apply(state),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} is not an offender event."),
    };

    /// <summary>Things a supervisor or partner must see at once.</summary>
    public IReadOnlyList<string> Flags
    {
        get
        {
            var flags = new List<string>();
            if (Registration.EndedOn is not null) flags.Add("RegistrationEnded");
            if (Visits.EntryWarrantAvailable) flags.Add("EntryWarrantAvailable");
            flags.AddRange(Breaches.Flags);
            flags.AddRange(Orders.Flags);
            flags.AddRange(Compliance.Flags);
            return flags;
        }
    }
}
