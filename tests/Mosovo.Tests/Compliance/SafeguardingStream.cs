using Mosovo.Api.Compliance;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Tests.Compliance;

/// <summary>
/// An offender's stream in memory, folded with the policies exactly as the summary projection folds it (withdrawals
/// included): for pure tests of the PPN, breach, notification and civil order policies. No host, no database.
/// </summary>
internal sealed class SafeguardingStream
{
    public static readonly DateTimeOffset Moment = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    public static readonly Now At = new(Moment, new DateOnly(2026, 6, 15));
    public static readonly DateOnly RegisteredOn = new(2026, 6, 1);
    public static readonly Actor Manager = new("manager-id", "DC Manager");
    public static readonly Actor Supervisor = new("supervisor-id", "DS Supervisor");
    public static readonly Officer Officer = new("DC1234", "DC Manager");

    private static readonly EventTypeRegistry Types = OffenderEvents.Register(new EventTypeRegistry());
    private readonly List<IOffenderEvent> _events = [];

    /// <summary>Registered on <see cref="RegisteredOn"/> after a 36-month custodial sentence: indefinite notification requirements.</summary>
    public SafeguardingStream(PolicyOptions? options = null)
    {
        Options = options ?? new PolicyOptions();
        Record(new OffenderRegistered(Guid.NewGuid(), "MOS-000042", new PersonName("Test", "Fictional"), [], new DateOnly(1980, 1, 1),
            new Address("1 Example Street", null, "Demotown", "ZZ1 1AA"), "Sexual assault of a child under 13", new DateOnly(2026, 5, 1),
            new Sentence(SentenceKind.Custodial, 36, null), null, 2, Officer, "North MOSOVO", RegisteredOn, Manager, Moment));
    }

    public PolicyOptions Options { get; }

    public Offender State { get; private set; } = null!;

    public long Version => _events.Count;

    public ComplianceState Compliance => State.Compliance;

    public SafeguardingStream Record(params IOffenderEvent[] events)
    {
        _events.AddRange(events);
        State = Offender.Fold(_events.Select((e, i) => new RecordedEvent(i + 1, Guid.Empty, i + 1, Types.NameOf(e.GetType()), e,
            new EventMetadata(e.RecordedBy.UserId, e.RecordedBy.Name, e.RecordedAt, Guid.NewGuid()))).ToList(), Options)!;
        return this;
    }

    /// <summary>What a command decided and what the system records at once with it, appended as the API appends them.</summary>
    public IReadOnlyList<object> Record(Decision decision, Actor? actor = null, Now? now = null)
    {
        decision.Refusal.ShouldBeNull(decision.Refusal is null ? null : string.Join("; ", decision.Refusal.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        var after = decision.Events.Aggregate(State, (state, e) => Offender.Evolve(state, e));
        IReadOnlyList<object> events = [.. decision.Events, .. ComplianceRules.FollowUps(after, decision.Events, actor ?? Manager, now ?? At)];
        Record([.. events.Cast<IOffenderEvent>()]);
        return events;
    }

    public Obligation Obligation(string key) => Compliance.Obligations.Single(o => o.Key == key);

    public IReadOnlyList<Obligation> OfKind(ObligationKind kind) => Compliance.Obligations.Where(o => o.Kind == kind).ToList();

    public IReadOnlyList<Obligation> OpenOfKind(ObligationKind kind) => Compliance.Open.Where(o => o.Kind == kind).ToList();

    public static IReadOnlyCollection<string> RefusedFields(Decision decision)
    {
        decision.Refusal.ShouldNotBeNull("the decision should have refused");
        return decision.Refusal.Errors.Keys.ToList();
    }

    // Commands as an officer would send them, already validated.

    public static ChildContact TwoChildren() => new(
        [new ChildIdentity("A.E.", 4), new ChildIdentity("B.E.", 7)],
        new ParentOrCarerIdentity("Sam Carer", "mother", "2 Example Street, Demotown ZZ1 1AB"),
        "Through the offender's new relationship with the children's mother.");

    public static RecordDisclosure.Command ChildContactDisclosure(DateTimeOffset receivedAt, ChildContact? contact = null) => new(
        DisclosureKind.NewChildContact, new DisclosureSource(DisclosureSourceKind.ThirdParty, "Pat Neighbour", "neighbour", null), receivedAt,
        "Seen collecting two children from school.", contact ?? TwoChildren(), null, null);

    public static RecordDisclosure.Command RelationshipDisclosure(DateTimeOffset receivedAt, bool partnerHasChildren) => new(
        DisclosureKind.NewRelationship, new DisclosureSource(DisclosureSourceKind.Offender, null, null, null), receivedAt,
        "Told his manager of a new girlfriend.", partnerHasChildren ? TwoChildren() : null,
        new NewRelationship("Sam Carer", "07700 900001", partnerHasChildren), null);

    public static RecordRiskDisclosure.Command RiskDisclosure(DateTimeOffset disclosedAt, Guid? respondsTo) => new(
        new RiskDisclosureRecipient("Sam Carer", RiskDisclosureRecipientRole.Parent, "mother", "2 Example Street"), Officer, disclosedAt,
        "Told her of his conviction.", "Common law power to disclose to protect children.", "Unsupervised contact with young children.", respondsTo);

    /// <summary>A disclosure of new contact with two children received at <paramref name="receivedAt"/>, recorded at <see cref="At"/>.</summary>
    public (DisclosureReceived Disclosure, PpnRaised Ppn) DiscloseChildContact(DateTimeOffset receivedAt)
    {
        var events = Record(RecordDisclosure.Decide(State, ChildContactDisclosure(receivedAt), Manager, At));
        return (events.OfType<DisclosureReceived>().Single(), events.OfType<PpnRaised>().Single());
    }

    public static SubmitPpn.Command Submission(Guid ppnId, DateTimeOffset at) => new(ppnId, at, "MASH/2026/0042", Officer);

    public static ReviewPpn.Command Review(Guid ppnId, DateTimeOffset at, params PpnReviewCheck[] checks) =>
        new(ppnId, (checks.Length == 0 ? Enum.GetValues<PpnReviewCheck>() : checks).Select(c => new PpnReviewFinding(c, $"Checked: {c}")).ToList(), at);

    public static SharePpn.Command Share(Guid ppnId, DateTimeOffset at) => new(ppnId, ["Demotown Primary School", "Health Visiting"], at, "Strategy discussion.");

    public static CivilOrderDrafted Drafted(Guid orderId, CivilOrderKind kind = CivilOrderKind.Shpo) =>
        new(orderId, kind, "Grounds", ["No unsupervised contact with children under 16"], Manager, Moment);

    public static CivilOrderGranted Granted(Guid orderId, DateOnly grantedOn, DateOnly? endsOn, CivilOrderKind kind = CivilOrderKind.Shpo, params Guid[] replaces) =>
        new(orderId, kind, "Demotown Magistrates' Court", grantedOn, grantedOn, endsOn,
            [new OrderProhibition("No unsupervised contact with children under 16", null, false)], replaces, Manager, Moment);

    /// <summary>An order drafted, applied for and granted.</summary>
    public SafeguardingStream WithOrder(Guid orderId, DateOnly grantedOn, DateOnly? endsOn, CivilOrderKind kind = CivilOrderKind.Shpo, params Guid[] replaces) =>
        Record(Drafted(orderId, kind), new CivilOrderAppliedFor(orderId, kind, "Demotown Magistrates' Court", grantedOn.AddDays(-14), Manager, Moment),
            Granted(orderId, grantedOn, endsOn, kind, replaces));

    public static BreachRecorded Breach(BreachKind kind, DateTimeOffset recordedAt, DateOnly? occurredOn = null) =>
        new(Guid.NewGuid(), kind, null, null, occurredOn ?? new DateOnly(2026, 6, 10), new BreachReporter(BreachReporterKind.Officer, "DC Manager", null),
            "Found at a home visit.", "Officer's notebook.", Manager, recordedAt);
}
