using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Record information received about the offender: a new relationship, new contact with a child, new
/// employment or voluntary work, or anything else. New contact with a child (or a new partner with children
/// under 18) is recorded with the children, their parent or carer and how the contact arises, because a PPN
/// to children's social care and a decision on a risk disclosure follow from it.
/// </summary>
public static class RecordDisclosure
{
    public sealed record SourceBody(DisclosureSourceKind? Kind, string? Name, string? RelationshipToOffender, string? AgencyName);

    public sealed record ChildBody(string? InitialsOrName, int? AgeYears);

    public sealed record ParentOrCarerBody(
        string? Name,
        string? RelationshipToChild,
        [FreeText] string? AddressOrContact);

    /// <summary>For new contact with a child.</summary>
    public sealed record ChildContactBody(
        IReadOnlyList<ChildBody>? Children,
        ParentOrCarerBody? ParentOrCarer,
        [FreeText] string? HowContactArises);

    /// <summary>For a new relationship. When the partner has children under 18, list them with their ages.</summary>
    public sealed record RelationshipBody(
        string? PartnerName,
        [FreeText] string? PartnerAddressOrContact,
        bool? PartnerHasChildrenUnder18,
        string? PartnerRelationshipToChildren,
        IReadOnlyList<ChildBody>? Children);

    /// <summary>For new employment or voluntary work.</summary>
    public sealed record EmploymentBody(string? Employer, string? Role, bool? GivesAccessToChildren);

    public sealed record Request(
        DisclosureKind? Kind,
        SourceBody? Source,
        DateTimeOffset? ReceivedAt,
        [FreeText] string? Details,
        ChildContactBody? ChildContact,
        RelationshipBody? Relationship,
        EmploymentBody? Employment)
    {
        public static Request Example => new(
            DisclosureKind.NewChildContact,
            new SourceBody(DisclosureSourceKind.ThirdParty, "Pat Example", "neighbour", null),
            new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.Zero),
            "Neighbour saw the offender collecting a girl of about 8 from school twice this week.",
            new ChildContactBody(
                [new ChildBody("A.E.", 8)],
                new ParentOrCarerBody("Sam Example", "mother", "2 Example Street, Demotown ZZ1 1AB; 07700 900000"),
                "The offender collects the child from school for her mother."),
            null, null);
    }

    public sealed record Command(
        DisclosureKind Kind,
        DisclosureSource Source,
        DateTimeOffset ReceivedAt,
        string Details,
        ChildContact? ChildContact,
        NewRelationship? Relationship,
        NewEmployment? Employment);

    /// <summary>A child is anyone under 18 (Children Act 1989 s.105).</summary>
    public const int AdultAge = 18;

    public const int MaxChildren = 15;

    public const string ChildContactAdvice =
        "New contact with a child: a PPN to children's social care (through the MASH) and a decision on a risk disclosure to the parent or carer are now due, and an ARMS review (significant event).";

    public const string RelationshipAdvice =
        "New relationship: an ARMS review is due (significant event); consider a risk disclosure to the partner.";

    public const string EmploymentAdvice =
        "The work gives access to children: consider a risk disclosure to the employer.";

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("disclosures", "RecordDisclosure", "Record information received about the offender", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var kind = v.Required("kind", request.Kind);
        var source = ValidateSource(v, request.Source);
        var receivedAt = v.PastMoment("receivedAt", request.ReceivedAt, now.Moment);
        var details = v.Text("details", request.Details, 4000);

        ChildContact? childContact = null;
        NewRelationship? relationship = null;
        NewEmployment? employment = null;

        if (request.Kind == DisclosureKind.NewChildContact)
            childContact = ValidateChildContact(v, v.Required("childContact", request.ChildContact));
        else if (request.ChildContact is not null)
            v.Add("childContact", request.Kind == DisclosureKind.NewRelationship
                ? "applies only to new contact with a child: list a new partner's children in relationship.children."
                : "applies only to new contact with a child.");

        if (request.Kind == DisclosureKind.NewRelationship)
            (relationship, childContact) = ValidateRelationship(v, v.Required("relationship", request.Relationship));
        else if (request.Relationship is not null)
            v.Add("relationship", "applies only to a new relationship.");

        if (request.Kind == DisclosureKind.NewEmploymentOrVoluntaryWork)
            employment = ValidateEmployment(v, v.Required("employment", request.Employment));
        else if (request.Employment is not null)
            v.Add("employment", "applies only to new employment or voluntary work.");

        return v.IsValid
            ? (new Command(kind, source, receivedAt, details, childContact, relationship, employment), v)
            : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var disclosureId = Guid.CreateVersion7();
        var received = new DisclosureReceived(disclosureId, offender.Identity.Reference, command.Kind, command.Source, command.ReceivedAt,
            command.Details, command.ChildContact, command.Relationship, command.Employment, actor, now.Moment);
        return Decision.Record(received, disclosureId, Advice(received));
    }

    /// <summary>What the officer should do next, in words. The obligations themselves are the compliance policies' work.</summary>
    public static string[] Advice(DisclosureReceived received) => received switch
    {
        { IsChildContact: true } => [ChildContactAdvice],
        { Kind: DisclosureKind.NewRelationship } => [RelationshipAdvice],
        { Employment.GivesAccessToChildren: true } => [EmploymentAdvice],
        _ => [],
    };

    private static DisclosureSource ValidateSource(Validation v, SourceBody? body)
    {
        v.Required("source", body);
        var kind = v.Required("source.kind", body?.Kind);
        string? name = null, relationship = null, agency = null;
        switch (body?.Kind)
        {
            case DisclosureSourceKind.ThirdParty:
                name = v.Text("source.name", body.Name, 200);
                relationship = v.Text("source.relationshipToOffender", body.RelationshipToOffender, 200);
                NotFor(v, "source.agencyName", body.AgencyName, "a third party: choose PartnerAgency for an agency");
                break;
            case DisclosureSourceKind.PartnerAgency:
                agency = v.Text("source.agencyName", body.AgencyName, 200);
                name = v.OptionalText("source.name", body.Name, 200);
                NotFor(v, "source.relationshipToOffender", body.RelationshipToOffender, "a partner agency");
                break;
            case DisclosureSourceKind.Offender:
                NotFor(v, "source.name", body.Name, "the offender");
                NotFor(v, "source.relationshipToOffender", body.RelationshipToOffender, "the offender");
                NotFor(v, "source.agencyName", body.AgencyName, "the offender");
                break;
        }

        return new DisclosureSource(kind, name, relationship, agency);
    }

    private static ChildContact? ValidateChildContact(Validation v, ChildContactBody? body)
    {
        if (body is null) return null;
        var children = ValidateChildren(v, "childContact.children", body.Children, nameRequired: true);
        var carer = v.Required("childContact.parentOrCarer", body.ParentOrCarer);
        var parentOrCarer = new ParentOrCarerIdentity(
            v.Text("childContact.parentOrCarer.name", carer?.Name, 200),
            v.Text("childContact.parentOrCarer.relationshipToChild", carer?.RelationshipToChild, 100),
            v.Text("childContact.parentOrCarer.addressOrContact", carer?.AddressOrContact, 500));
        var how = v.Text("childContact.howContactArises", body.HowContactArises, 2000);
        return new ChildContact(children, parentOrCarer, how);
    }

    /// <summary>A new partner with children under 18 means new contact with those children: the partner is their parent or carer.</summary>
    private static (NewRelationship?, ChildContact?) ValidateRelationship(Validation v, RelationshipBody? body)
    {
        if (body is null) return (null, null);
        var partner = v.Text("relationship.partnerName", body.PartnerName, 200);
        var hasChildren = v.Required("relationship.partnerHasChildrenUnder18", body.PartnerHasChildrenUnder18);
        if (body.PartnerHasChildrenUnder18 != true)
        {
            var contact = v.OptionalText("relationship.partnerAddressOrContact", body.PartnerAddressOrContact, 500);
            if (body.PartnerHasChildrenUnder18 == false)
            {
                NotFor(v, "relationship.children", body.Children, "a partner without children under 18");
                NotFor(v, "relationship.partnerRelationshipToChildren", body.PartnerRelationshipToChildren, "a partner without children under 18");
            }

            return (new NewRelationship(partner, contact, hasChildren), null);
        }

        var addressOrContact = v.Text("relationship.partnerAddressOrContact", body.PartnerAddressOrContact, 500);
        var relationshipToChildren = v.Text("relationship.partnerRelationshipToChildren", body.PartnerRelationshipToChildren, 100);
        var children = ValidateChildren(v, "relationship.children", body.Children, nameRequired: false);
        var childContact = new ChildContact(children, new ParentOrCarerIdentity(partner, relationshipToChildren, addressOrContact),
            $"Through the offender's new relationship with the children's {relationshipToChildren}.");
        return (new NewRelationship(partner, addressOrContact, hasChildren), childContact);
    }

    private static List<ChildIdentity> ValidateChildren(Validation v, string field, IReadOnlyList<ChildBody>? bodies, bool nameRequired)
    {
        var children = new List<ChildIdentity>();
        var list = v.List(field, bodies, MaxChildren, required: true);
        for (var i = 0; i < list.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]");
            var child = v.Required(at, list[i]);
            var name = nameRequired
                ? v.Text(at + ".initialsOrName", child?.InitialsOrName, 100)
                : v.OptionalText(at + ".initialsOrName", child?.InitialsOrName, 100);
            var age = v.Required(at + ".ageYears", child?.AgeYears);
            if (child?.AgeYears is < 0 or >= AdultAge)
                v.Add(at + ".ageYears", string.Create(CultureInfo.InvariantCulture, $"must be between 0 and {AdultAge - 1}: a child is under {AdultAge}."));
            children.Add(new ChildIdentity(name, age));
        }

        return children;
    }

    private static NewEmployment? ValidateEmployment(Validation v, EmploymentBody? body)
    {
        if (body is null) return null;
        return new NewEmployment(
            v.Text("employment.employer", body.Employer, 200),
            v.Text("employment.role", body.Role, 200),
            v.Required("employment.givesAccessToChildren", body.GivesAccessToChildren));
    }

    private static void NotFor(Validation v, string field, object? value, string what)
    {
        if (value is not null && (value is not string text || !string.IsNullOrWhiteSpace(text)))
            v.Add(field, $"does not apply to {what}.");
    }
}
