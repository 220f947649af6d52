using Mosovo.Api.Offenders;
using Mosovo.Tests.Orders;

namespace Mosovo.Tests.Disclosures;

// Pure rules for disclosures: no host, no database.

public sealed class when_disclosure_values_are_checked
{
    private static RecordDisclosure.Request ChildContact(params int?[] ages) => new(
        DisclosureKind.NewChildContact, new RecordDisclosure.SourceBody(DisclosureSourceKind.Offender, null, null, null), Records.At.Moment.AddHours(-1), "Details",
        new RecordDisclosure.ChildContactBody(ages.Select(a => new RecordDisclosure.ChildBody("A.B.", a)).ToList(),
            new RecordDisclosure.ParentOrCarerBody("Carer", "father", "07700 900002"), "Babysitting"),
        null, null);

    [Fact]
    public void a_child_is_0_to_17()
    {
        RecordDisclosure.Validate(ChildContact(0, 17), Records.At).Validation.IsValid.ShouldBeTrue();
        RecordDisclosure.Validate(ChildContact(18), Records.At).Validation.Errors.Keys.ShouldBe(["childContact.children[0].ageYears"]);
        RecordDisclosure.Validate(ChildContact(-1), Records.At).Validation.Errors.Keys.ShouldBe(["childContact.children[0].ageYears"]);
        RecordDisclosure.Validate(ChildContact([null]), Records.At).Validation.Errors.Keys.ShouldBe(["childContact.children[0].ageYears"]);
    }

    [Fact]
    public void a_partner_with_children_becomes_child_contact_with_the_partner_as_their_carer()
    {
        var request = new RecordDisclosure.Request(DisclosureKind.NewRelationship,
            new RecordDisclosure.SourceBody(DisclosureSourceKind.ThirdParty, "Ex", "former partner", null), Records.At.Moment, "Details", null,
            new RecordDisclosure.RelationshipBody("Jo Partner", "07700 900001", true, "mother", [new RecordDisclosure.ChildBody(null, 4)]), null);

        var (command, validation) = RecordDisclosure.Validate(request, Records.At);

        validation.IsValid.ShouldBeTrue();
        command!.ChildContact!.ParentOrCarer.ShouldBe(new ParentOrCarerIdentity("Jo Partner", "mother", "07700 900001"));
        command.ChildContact.Children.ShouldBe([new ChildIdentity(null, 4)]);
        command.Relationship!.PartnerHasChildrenUnder18.ShouldBeTrue();
    }

    [Fact]
    public void a_partner_without_children_is_not_child_contact()
    {
        var request = new RecordDisclosure.Request(DisclosureKind.NewRelationship,
            new RecordDisclosure.SourceBody(DisclosureSourceKind.Offender, null, null, null), Records.At.Moment, "Details", null,
            new RecordDisclosure.RelationshipBody("Jo Partner", null, false, null, null), null);

        var (command, _) = RecordDisclosure.Validate(request, Records.At);

        command!.ChildContact.ShouldBeNull();
        RecordDisclosure.Advice(RecordDisclosure.Decide(Records.Registered(), command, Records.Officer, Records.At).Events.OfType<DisclosureReceived>().Single())
            .ShouldBe([RecordDisclosure.RelationshipAdvice]);
    }

    [Fact]
    public void the_event_carries_the_offenders_reference_for_the_ppn()
    {
        var offender = Records.Registered();
        var (command, _) = RecordDisclosure.Validate(ChildContact(8), Records.At);

        var decision = RecordDisclosure.Decide(offender, command!, Records.Officer, Records.At);

        var received = decision.Events.OfType<DisclosureReceived>().Single();
        received.OffenderReference.ShouldBe("MOS-000001");
        received.IsChildContact.ShouldBeTrue();
        decision.Id.ShouldBe(received.DisclosureId);
        decision.Advice.ShouldBe([RecordDisclosure.ChildContactAdvice]);
    }

    [Fact]
    public void employment_with_access_to_children_advises_considering_a_disclosure_to_the_employer()
    {
        var request = new RecordDisclosure.Request(DisclosureKind.NewEmploymentOrVoluntaryWork,
            new RecordDisclosure.SourceBody(DisclosureSourceKind.Offender, null, null, null), Records.At.Moment, "Details", null, null,
            new RecordDisclosure.EmploymentBody("Club", "Coach", true));

        var decision = RecordDisclosure.Decide(Records.Registered(), RecordDisclosure.Validate(request, Records.At).Command!, Records.Officer, Records.At);

        decision.Advice.ShouldBe([RecordDisclosure.EmploymentAdvice]);
        Records.Registered().Then(decision).Disclosures.Received.Single().GivesAccessToChildren.ShouldBeTrue();
    }
}

public sealed class when_risk_disclosures_are_folded
{
    private static RecordRiskDisclosure.Command Disclosure(Guid? respondsTo, DateTimeOffset at) => new(
        new RiskDisclosureRecipient("Carer", RiskDisclosureRecipientRole.Carer, null, "07700 900002"), new Officer("DC1", "DC One"), at,
        "Said", "Basis", "Why", respondsTo);

    [Fact]
    public void each_disclosure_made_in_response_is_listed_on_the_information_received()
    {
        var offender = Records.Registered();
        var (child, _) = RecordDisclosure.Validate(new RecordDisclosure.Request(DisclosureKind.NewChildContact,
            new RecordDisclosure.SourceBody(DisclosureSourceKind.Offender, null, null, null), Records.At.Moment.AddHours(-2), "Details",
            new RecordDisclosure.ChildContactBody([new RecordDisclosure.ChildBody("A", 5)], new RecordDisclosure.ParentOrCarerBody("C", "father", "x"), "How"),
            null, null), Records.At);
        offender = offender.Then(RecordDisclosure.Decide(offender, child!, Records.Officer, Records.At));
        var disclosureId = offender.Disclosures.Received.Single().DisclosureId;

        offender = offender.Then(RecordRiskDisclosure.Decide(offender, Disclosure(disclosureId, Records.At.Moment.AddHours(-1)), Records.Officer, Records.At));
        offender = offender.Then(RecordRiskDisclosure.Decide(offender, Disclosure(disclosureId, Records.At.Moment), Records.Officer, Records.At));

        offender.Disclosures.Received.Single().RespondedBy.ShouldBe(offender.Disclosures.RiskDisclosuresMade.Select(d => d.RiskDisclosureId));
        RecordRiskDisclosure.Decide(offender, Disclosure(disclosureId, Records.At.Moment.AddHours(-3)), Records.Officer, Records.At)
            .RefusedFields().ShouldBe(["disclosedAt"]);
        RecordRiskDisclosure.Decide(offender, Disclosure(Guid.NewGuid(), Records.At.Moment), Records.Officer, Records.At)
            .RefusedFields().ShouldBe(["respondsToDisclosureId"]);
    }
}
