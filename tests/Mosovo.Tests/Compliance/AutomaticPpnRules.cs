using Mosovo.Api.Compliance;
using Mosovo.Api.Offenders;

namespace Mosovo.Tests.Compliance;

// Pure rules of the automatic PPN policy: no host, no database.

public sealed class when_new_child_contact_raises_a_ppn
{
    private static readonly DateTimeOffset Received = new(2026, 6, 15, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public void the_ppn_is_raised_in_the_same_append_prefilled_from_the_disclosure_and_the_offender()
    {
        var stream = new SafeguardingStream();

        var (disclosure, ppn) = stream.DiscloseChildContact(Received);

        stream.Version.ShouldBe(3); // registration, disclosure, PPN
        ppn.DisclosureId.ShouldBe(disclosure.DisclosureId);
        ppn.Category.ShouldBe(PpnCategory.ChildAtRisk);
        ppn.AddressedTo.ShouldBe("children's social care, through the MASH");
        ppn.Children.ShouldBe(SafeguardingStream.TwoChildren().Children);
        ppn.ParentOrCarer.ShouldBe(SafeguardingStream.TwoChildren().ParentOrCarer);
        ppn.HowContactArises.ShouldBe(SafeguardingStream.TwoChildren().HowContactArises);
        ppn.Source.ShouldBe(disclosure.Source);
        ppn.DisclosureReceivedAt.ShouldBe(Received);
        ppn.DisclosureDetails.ShouldBe(disclosure.Details);
        ppn.OffenderReference.ShouldBe("MOS-000042");
        ppn.OffenderName.ShouldBe(new PersonName("Test", "Fictional"));
        ppn.Offence.ShouldBe("Sexual assault of a child under 13");
        ppn.RiskOfSeriousHarm.ShouldBeNull();
        ppn.Summary.ShouldContain("risk of serious harm not yet assessed");
        ppn.MappaCategory.ShouldBe(2);
        ppn.MappaLevel.ShouldBeNull();
        ppn.RaisedAt.ShouldBe(disclosure.RecordedAt);
        ppn.RecordedBy.ShouldBe(SafeguardingStream.Manager);

        var state = stream.Compliance.Ppns.ShouldHaveSingleItem();
        state.PpnId.ShouldBe(ppn.PpnId);
        state.Status.ShouldBe(PpnStatus.Raised);
        state.RaisedByVersion.ShouldBe(3);
        state.ChildrenAges.ShouldBe([4, 7]);
        state.ParentOrCarerRelationship.ShouldBe("mother");
        state.RiskOfSeriousHarm.ShouldBe("not yet assessed");
        state.OutstandingChecks.Count.ShouldBe(5);
    }

    [Fact]
    public void the_current_arms_risk_of_serious_harm_and_mappa_level_are_filled_in()
    {
        var stream = new SafeguardingStream();
        stream.Record(
            new ArmsAssessmentRecorded(Guid.NewGuid(), new DateOnly(2026, 6, 5), SafeguardingStream.Officer, RiskLevel.High, RiskLevel.Medium, [], [], [],
                new ArmsPrompt(ArmsPromptKind.InitialAssessment, null, null), SafeguardingStream.Manager, SafeguardingStream.Moment),
            new MappaLevelChanged(null, 2, "Multi-agency plan needed.", new DateOnly(2026, 6, 6), SafeguardingStream.Manager, SafeguardingStream.Moment));

        var (_, ppn) = stream.DiscloseChildContact(Received);

        ppn.RiskOfSeriousHarm.ShouldBe(RiskLevel.High);
        ppn.ArmsAssessedOn.ShouldBe(new DateOnly(2026, 6, 5));
        ppn.MappaLevel.ShouldBe(2);
        stream.Compliance.Ppns[0].RiskOfSeriousHarm.ShouldBe("high");
    }

    [Fact]
    public void there_is_no_for_information_only_category()
    {
        Enum.GetNames<PpnCategory>().ShouldBe(["ChildAtRisk"]);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void a_new_partner_with_children_under_18_raises_a_ppn_and_one_without_does_not(bool partnerHasChildren, int ppns)
    {
        var stream = new SafeguardingStream();

        var events = stream.Record(RecordDisclosure.Decide(stream.State, SafeguardingStream.RelationshipDisclosure(Received, partnerHasChildren),
            SafeguardingStream.Manager, SafeguardingStream.At));

        events.OfType<PpnRaised>().Count().ShouldBe(ppns);
        stream.Compliance.Ppns.Count.ShouldBe(ppns);
        stream.OfKind(ObligationKind.PpnSubmission).Count.ShouldBe(ppns);
        stream.OfKind(ObligationKind.RiskDisclosureDecision).Count.ShouldBe(ppns);
    }

    [Fact]
    public void other_records_raise_nothing()
    {
        var stream = new SafeguardingStream();
        var work = new RecordDisclosure.Command(DisclosureKind.NewEmploymentOrVoluntaryWork, new DisclosureSource(DisclosureSourceKind.Offender, null, null, null),
            Received, "New job.", null, null, new NewEmployment("Shop", "Assistant", GivesAccessToChildren: false));

        stream.Record(RecordDisclosure.Decide(stream.State, work, SafeguardingStream.Manager, SafeguardingStream.At)).Count.ShouldBe(1);
        stream.Compliance.Ppns.ShouldBeEmpty();
    }

    [Fact]
    public void submission_is_due_24_hours_after_the_information_was_received_and_overdue_one_tick_after()
    {
        var stream = new SafeguardingStream();
        var (_, ppn) = stream.DiscloseChildContact(Received);

        var item = stream.Obligation($"ppn-submission:{ppn.PpnId}");

        item.Kind.ShouldBe(ObligationKind.PpnSubmission);
        item.AnchorAt.ShouldBe(Received);
        item.DueAt.ShouldBe(Received.AddHours(24));
        item.OpenedByVersion.ShouldBe(3);
        item.OpenedByType.ShouldBe(nameof(PpnRaised));
        item.IsOverdueAt(Received.AddHours(24)).ShouldBeFalse();
        item.IsOverdueAt(Received.AddHours(24).AddTicks(1)).ShouldBeTrue();
    }

    [Fact]
    public void only_the_ppns_submission_closes_its_item()
    {
        var stream = new SafeguardingStream();
        var (disclosure, ppn) = stream.DiscloseChildContact(Received);
        stream.Record(RecordRiskDisclosure.Decide(stream.State, SafeguardingStream.RiskDisclosure(Received.AddHours(2), disclosure.DisclosureId),
            SafeguardingStream.Manager, SafeguardingStream.At));
        stream.Obligation($"ppn-submission:{ppn.PpnId}").IsOpen.ShouldBeTrue();

        var submittedAt = Received.AddHours(30);
        stream.Record(SubmitPpn.Decide(stream.State, SafeguardingStream.Submission(ppn.PpnId, submittedAt), SafeguardingStream.Manager, SafeguardingStream.At));

        var closure = stream.Obligation($"ppn-submission:{ppn.PpnId}").Closure.ShouldNotBeNull();
        closure.ByType.ShouldBe(nameof(PpnSubmittedToMash));
        closure.At.ShouldBe(submittedAt);
        closure.Waived.ShouldBeFalse();
    }

    [Fact]
    public void a_risk_disclosure_decision_is_due_24_hours_after_the_information_was_received()
    {
        var stream = new SafeguardingStream();
        var (disclosure, _) = stream.DiscloseChildContact(Received);

        var item = stream.Obligation($"risk-disclosure-decision:{disclosure.DisclosureId}");

        item.Kind.ShouldBe(ObligationKind.RiskDisclosureDecision);
        item.What.ShouldContain("the children's mother");
        item.What.ShouldContain("waiver");
        item.Why.ShouldBe(disclosure.Summary);
        item.OpenedByVersion.ShouldBe(2);
        item.AnchorAt.ShouldBe(Received);
        item.DueAt.ShouldBe(Received.AddHours(24));
        item.IsOverdueAt(Received.AddHours(24)).ShouldBeFalse();
        item.IsOverdueAt(Received.AddHours(24).AddTicks(1)).ShouldBeTrue();
    }

    [Fact]
    public void only_a_risk_disclosure_made_in_response_to_that_information_closes_the_decision()
    {
        var stream = new SafeguardingStream();
        var (first, _) = stream.DiscloseChildContact(Received);
        var (second, _) = stream.DiscloseChildContact(Received.AddHours(1));

        stream.Record(RecordRiskDisclosure.Decide(stream.State, SafeguardingStream.RiskDisclosure(Received.AddHours(2), null), SafeguardingStream.Manager, SafeguardingStream.At));
        stream.Record(RecordRiskDisclosure.Decide(stream.State, SafeguardingStream.RiskDisclosure(Received.AddHours(3), second.DisclosureId), SafeguardingStream.Manager, SafeguardingStream.At));

        stream.Obligation($"risk-disclosure-decision:{first.DisclosureId}").IsOpen.ShouldBeTrue();
        var closure = stream.Obligation($"risk-disclosure-decision:{second.DisclosureId}").Closure.ShouldNotBeNull();
        closure.ByType.ShouldBe(nameof(RiskDisclosureMade));
        closure.At.ShouldBe(Received.AddHours(3));
    }

    [Fact]
    public void a_supervisors_decision_not_to_disclose_is_a_waiver_with_its_reason()
    {
        var stream = new SafeguardingStream();
        var (disclosure, _) = stream.DiscloseChildContact(Received);
        var key = $"risk-disclosure-decision:{disclosure.DisclosureId}";

        stream.Record(WaiveObligation.Decide(stream.State, new WaiveObligation.Command(key, "The mother already knows of the conviction: she reported it."),
            SafeguardingStream.Supervisor, SafeguardingStream.At));

        var closure = stream.Obligation(key).Closure.ShouldNotBeNull();
        closure.Waived.ShouldBeTrue();
        closure.Reason.ShouldBe("The mother already knows of the conviction: she reported it.");
        closure.By.ShouldBe("DS Supervisor");
    }

    [Fact]
    public void a_disclosure_withdrawn_as_recorded_in_error_takes_its_ppn_and_items_with_it()
    {
        var stream = new SafeguardingStream();
        var (disclosure, _) = stream.DiscloseChildContact(Received);

        stream.Record(new RecordCorrected(Guid.NewGuid(), 2, "disclosure-received", true, "Recorded on the wrong offender.", SafeguardingStream.Manager, SafeguardingStream.Moment));

        stream.Compliance.Ppns.ShouldBeEmpty();
        stream.OfKind(ObligationKind.PpnSubmission).ShouldBeEmpty();
        stream.OfKind(ObligationKind.RiskDisclosureDecision).ShouldBeEmpty();
        stream.State.Disclosures.FindReceived(disclosure.DisclosureId).ShouldBeNull();
    }
}
