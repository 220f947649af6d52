using Mosovo.Api.Compliance;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Tests.Compliance;

/// <summary>
/// Events for the ARMS review, ARMS cycle and visit frequency policies, and a fold with the policies on: pure,
/// no host, no database. The offender is registered (version 1) on <see cref="RegisteredOn"/>; the events given
/// follow as versions 2, 3, ...
/// </summary>
internal static class ArmsVisitsPolicyFixtures
{
    public static readonly DateOnly RegisteredOn = new(2026, 1, 5);
    public static readonly DateTimeOffset RegisteredAt = Clock.StartOf(RegisteredOn);
    public static readonly Actor Manager = new("manager-id", "DC Manager");
    public static readonly Actor Supervisor = new("supervisor-id", "DS Supervisor");
    public static readonly Officer Dc = new("DC1", "DC One");
    public static readonly Address Home = new("1 Example Street", null, "Demotown", "ZZ1 1AA");
    private static readonly EventTypeRegistry Types = OffenderEvents.Register(new EventTypeRegistry());

    public static OffenderRegistered Registration() => new(Guid.NewGuid(), "MOS-000001", new PersonName("Test", "Fictional"), [],
        new DateOnly(1980, 1, 1), Home, "Offence", new DateOnly(2020, 1, 1), new Sentence(SentenceKind.LifeOrIndeterminate, null, null),
        null, 1, Dc, "North", RegisteredOn, Manager, RegisteredAt.AddHours(9));

    /// <summary>Registration then the events, folded as the stream would be, with the policies (default durations unless given).</summary>
    public static Offender Fold(params IOffenderEvent[] events) => FoldWith(new PolicyOptions(), events);

    public static Offender FoldWith(PolicyOptions options, params IOffenderEvent[] events)
    {
        var all = new List<IOffenderEvent> { Registration() };
        all.AddRange(events);
        return Offender.Fold(all.Select((e, i) => new RecordedEvent(i + 1, Guid.Empty, i + 1, Types.NameOf(e.GetType()), e,
            new EventMetadata(e.RecordedBy.UserId, e.RecordedBy.Name, e.RecordedAt, Guid.NewGuid()))).ToList(), options)!;
    }

    public static IReadOnlyList<Obligation> Of(this Offender offender, ObligationKind kind) =>
        offender.Compliance.Obligations.Where(o => o.Kind == kind).ToList();

    public static IReadOnlyList<Obligation> OpenOf(this Offender offender, ObligationKind kind) =>
        offender.Compliance.Open.Where(o => o.Kind == kind).ToList();

    public static Obligation Item(this Offender offender, string key) => offender.Compliance.Obligations.Single(o => o.Key == key);

    // Disclosures

    public static DisclosureReceived ChildContact(DateTimeOffset receivedAt) => new(Guid.NewGuid(), "MOS-000001", DisclosureKind.NewChildContact,
        new DisclosureSource(DisclosureSourceKind.ThirdParty, "Pat Neighbour", "neighbour", null), receivedAt, "Seen collecting a girl from school.",
        new ChildContact([new ChildIdentity("A.E.", 8)], new ParentOrCarerIdentity("Sam Carer", "mother", "2 Example Street"), "School run"),
        null, null, Manager, receivedAt.AddHours(1));

    public static DisclosureReceived Relationship(DateTimeOffset receivedAt, bool partnerHasChildren) => new(Guid.NewGuid(), "MOS-000001",
        DisclosureKind.NewRelationship, new DisclosureSource(DisclosureSourceKind.Offender, null, null, null), receivedAt, "New girlfriend.",
        partnerHasChildren
            ? new ChildContact([new ChildIdentity(null, 4), new ChildIdentity(null, 6)], new ParentOrCarerIdentity("Jo Partner", "mother", "07700 900001"), "Partner's children")
            : null,
        new NewRelationship("Jo Partner", null, partnerHasChildren), null, Manager, receivedAt.AddHours(1));

    public static DisclosureReceived Employment(DateTimeOffset receivedAt, bool accessToChildren) => new(Guid.NewGuid(), "MOS-000001",
        DisclosureKind.NewEmploymentOrVoluntaryWork, new DisclosureSource(DisclosureSourceKind.Offender, null, null, null), receivedAt, "Volunteer coach.",
        null, null, new NewEmployment("Sports Club", "Coach", accessToChildren), Manager, receivedAt.AddHours(1));

    // Notifications

    public static HomeAddressChangeNotified AddressChange(DateOnly notifiedOn) => new(Guid.NewGuid(), new Address("9 New Road", null, "Demotown", "ZZ1 9ZZ"),
        Home, notifiedOn, notifiedOn, notifiedOn.AddDays(3), 0, Manager, Clock.StartOf(notifiedOn).AddHours(12));

    public static NoFixedAbodeWeeklyReportMade NoFixedAbodeReport(DateOnly notifiedOn, DateOnly? since) =>
        new(Guid.NewGuid(), "Night shelter, Demotown", since, notifiedOn, notifiedOn.AddDays(3), 0, Manager, Clock.StartOf(notifiedOn).AddHours(12));

    public static HouseholdWithChildNotified Household(DateOnly notifiedOn, bool childPresent) => new(Guid.NewGuid(), new Address("3 Other Road", null, "Demotown", "ZZ1 3AA"),
        notifiedOn, childPresent, notifiedOn, notifiedOn.AddDays(3), 0, Manager, Clock.StartOf(notifiedOn).AddHours(12));

    public static StayAtUnnotifiedAddressNotified Stay(DateOnly notifiedOn) => new(Guid.NewGuid(), new Address("4 Other Road", null, "Demotown", "ZZ1 4AA"),
        notifiedOn.AddDays(-7), null, notifiedOn, notifiedOn, notifiedOn.AddDays(3), 0, Manager, Clock.StartOf(notifiedOn).AddHours(12));

    public static RegistrationEnded Ended(DateOnly on) => new(on, RegistrationEndReason.Death, null, Manager, Clock.StartOf(on).AddHours(12));

    // Breaches, MAPPA, intelligence

    public static BreachRecorded Breach(DateOnly occurredOn, DateTimeOffset recordedAt) => new(Guid.NewGuid(), BreachKind.RiskManagementPlan, null, null,
        occurredOn, new BreachReporter(BreachReporterKind.Officer, "DC One", null), "Seen at a park", "Officer's statement", Manager, recordedAt);

    public static BreachDecided BreachDecision(BreachOutcome outcome, DateTimeOffset decidedAt) => new(Guid.NewGuid(), BreachKind.RiskManagementPlan, outcome,
        outcome == BreachOutcome.NoFurtherAction ? "Explained" : null, decidedAt, Supervisor, decidedAt.AddHours(1));

    public static MappaLevelChanged MappaLevel(int? from, int to, DateOnly decidedOn) =>
        new(from, to, "Panel decision", decidedOn, Manager, Clock.StartOf(decidedOn).AddHours(15));

    public static MappaCategoryChanged MappaCategory(DateTimeOffset at) => new(1, 3, "Other dangerous offender", Manager, at);

    public static IntelligenceReceived IntelligenceItem(DateOnly receivedOn, bool significant) => new(Guid.NewGuid(), receivedOn,
        new IntelligenceSource(IntelligenceSourceKind.Briefing, null), new IntelligenceGrading(2, "B", "P"), null, "Seen near a school.",
        significant, significant ? "Near a school at closing time" : null, Manager, Clock.StartOf(receivedOn).AddHours(11));

    // ARMS

    public static ArmsAssessmentRecorded Assessment(DateOnly on, RiskLevel harm, DateTimeOffset? recordedAt = null) =>
        new(Guid.NewGuid(), on, Dc, harm, RiskLevel.Medium, ["Isolated"], [], [new RiskManagementAction("Visit", "DC One", null)],
            new ArmsPrompt(ArmsPromptKind.PeriodicReview, null, null), Manager, recordedAt ?? Clock.StartOf(on).AddHours(14));

    public static ArmsAssessmentEndorsed Endorsed(ArmsAssessmentRecorded assessment, DateTimeOffset at) =>
        new(assessment.AssessmentId, assessment.AssessedOn, null, Supervisor, at);

    public static ArmsAssessmentReturnedForRevision Returned(ArmsAssessmentRecorded assessment, DateTimeOffset at) =>
        new(assessment.AssessmentId, assessment.AssessedOn, "Add the children to the plan.", Supervisor, at);

    // Visits and waivers

    public static HomeVisitRecorded Visit(DateTimeOffset visitedAt, bool entryGained = true) => new(Guid.NewGuid(), visitedAt,
        [Dc, new Officer("PC2", "PC Two")], VisitKind.Unannounced, entryGained, [], null, null, null, Manager, visitedAt.AddHours(2));

    public static ObligationWaived Waived(string key, ObligationKind kind, DateTimeOffset at) => new(key, kind, "Offender in hospital.", Supervisor, at);
}
