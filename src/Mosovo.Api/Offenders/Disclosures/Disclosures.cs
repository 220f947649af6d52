using System.Globalization;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Offenders;

// Disclosures, both ways: information the police receive about the offender (a new relationship, new
// contact with a child, a new job), and risk disclosures the police make about the offender to a parent,
// carer, employer or partner. Children's and carers' identities sit in their own clearly named types
// (ChildIdentity, ParentOrCarerIdentity, RiskDisclosureRecipient) so that partner views can leave them out.

/// <summary>What the information received is about.</summary>
public enum DisclosureKind
{
    NewRelationship,
    NewChildContact,
    NewEmploymentOrVoluntaryWork,
    Other,
}

/// <summary>Who gave the police the information.</summary>
public enum DisclosureSourceKind
{
    /// <summary>The offender told us (as the notification requirements or the risk management plan require).</summary>
    Offender,
    ThirdParty,
    PartnerAgency,
}

/// <summary>Who gave the information. A third party's name is personal data: never shown to partners.</summary>
/// <param name="Name">The third party's name, or the person at the partner agency (optional there).</param>
/// <param name="RelationshipToOffender">For a third party: who they are to the offender (neighbour, ex-partner).</param>
/// <param name="AgencyName">For a partner agency: which one (children's social care, probation, a school).</param>
public sealed record DisclosureSource(DisclosureSourceKind Kind, string? Name, string? RelationshipToOffender, string? AgencyName)
{
    public string Describe() => Kind switch
    {
        DisclosureSourceKind.Offender => "the offender",
        DisclosureSourceKind.ThirdParty => "a third party",
        _ => $"{AgencyName} (partner agency)",
    };
}

/// <summary>A child (under 18) the offender has or will have contact with. Never shown to partners.</summary>
/// <param name="InitialsOrName">As known; may be unknown when a new partner's children are disclosed.</param>
public sealed record ChildIdentity(string? InitialsOrName, int AgeYears);

/// <summary>The parent or carer of a child the offender has contact with. Never shown to partners.</summary>
public sealed record ParentOrCarerIdentity(string Name, string RelationshipToChild, string AddressOrContact);

/// <summary>
/// New contact with children: who they are, who looks after them and how the contact arises. Everything the
/// PPN to children's social care needs besides the offender and the source.
/// </summary>
public sealed record ChildContact(IReadOnlyList<ChildIdentity> Children, ParentOrCarerIdentity ParentOrCarer, string HowContactArises);

/// <summary>A new relationship. A partner with children under 18 makes it child contact too (see <see cref="DisclosureReceived.ChildContact"/>).</summary>
public sealed record NewRelationship(string PartnerName, string? PartnerAddressOrContact, bool PartnerHasChildrenUnder18);

/// <summary>New employment or voluntary work.</summary>
public sealed record NewEmployment(string Employer, string Role, bool GivesAccessToChildren);

/// <summary>Information received about the offender, as the summary shows it (no identities).</summary>
/// <param name="IsChildContact">New contact with a child, or a new partner with children under 18.</param>
/// <param name="GivesAccessToChildren">New employment or voluntary work that gives access to children.</param>
/// <param name="RespondedBy">The risk disclosures made in response, by id.</param>
public sealed record DisclosureReceivedEntry(
    Guid DisclosureId,
    DisclosureKind Kind,
    DisclosureSourceKind Source,
    DateTimeOffset ReceivedAt,
    bool IsChildContact,
    bool GivesAccessToChildren,
    IReadOnlyList<Guid> RespondedBy);

/// <summary>A risk disclosure made, as the summary shows it (the recipient's role, not their identity).</summary>
public sealed record RiskDisclosureEntry(
    Guid RiskDisclosureId,
    RiskDisclosureRecipientRole DisclosedToRole,
    Officer DisclosedBy,
    DateTimeOffset DisclosedAt,
    Guid? RespondsToDisclosureId);

/// <summary>Information received about the offender, and risk disclosures made to others.</summary>
public sealed record DisclosureHistory(IReadOnlyList<DisclosureReceivedEntry> Received, IReadOnlyList<RiskDisclosureEntry> RiskDisclosuresMade)
{
    public static readonly DisclosureHistory None = new([], []);

    public DisclosureReceivedEntry? FindReceived(Guid disclosureId) => Received.FirstOrDefault(d => d.DisclosureId == disclosureId);
}

/// <summary>
/// Information received about the offender. For new child contact (or a new partner with children under 18)
/// it carries what a PPN needs: the children, their parent or carer, the source and the offender's reference.
/// </summary>
/// <param name="OffenderReference">The offender's reference when the information was received.</param>
/// <param name="ChildContact">Present when the information means new contact with children.</param>
public sealed record DisclosureReceived(
    Guid DisclosureId,
    string OffenderReference,
    DisclosureKind Kind,
    DisclosureSource Source,
    DateTimeOffset ReceivedAt,
    string Details,
    ChildContact? ChildContact,
    NewRelationship? Relationship,
    NewEmployment? Employment,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => ReceivedAt;

    public bool IsChildContact => ChildContact is not null;

    public string Summary
    {
        get
        {
            var what = Kind switch
            {
                DisclosureKind.NewRelationship => Relationship is { PartnerHasChildrenUnder18: true }
                    ? "new relationship with a partner who has children under 18 (child contact)"
                    : "new relationship",
                DisclosureKind.NewChildContact => ChildContact?.Children.Count is > 1
                    ? string.Create(CultureInfo.InvariantCulture, $"new contact with {ChildContact.Children.Count} children")
                    : "new contact with a child",
                DisclosureKind.NewEmploymentOrVoluntaryWork => Employment is { GivesAccessToChildren: true }
                    ? "new employment or voluntary work with access to children"
                    : "new employment or voluntary work",
                _ => "other information",
            };
            return $"Disclosure received from {Source.Describe()}: {what}";
        }
    }

    public Offender Apply(Offender offender)
    {
        var entry = new DisclosureReceivedEntry(DisclosureId, Kind, Source.Kind, ReceivedAt, IsChildContact,
            Employment is { GivesAccessToChildren: true }, []);
        return offender with { Disclosures = offender.Disclosures with { Received = [.. offender.Disclosures.Received, entry] } };
    }
}

/// <summary>To whom a risk disclosure was made.</summary>
public enum RiskDisclosureRecipientRole
{
    Parent,
    Carer,
    Employer,
    Partner,
    Other,
}

/// <summary>The person a risk disclosure was made to. Never shown to partners.</summary>
/// <param name="Relationship">Who they are (to the child, or to the offender), in words.</param>
/// <param name="Contact">Address, telephone or email, as used.</param>
public sealed record RiskDisclosureRecipient(string Name, RiskDisclosureRecipientRole Role, string? Relationship, string Contact);

/// <summary>
/// A risk disclosure about the offender made to someone who needs it to protect a child or others: who was
/// told, by whom, when, what was said, the lawful basis and why it was necessary and proportionate.
/// </summary>
public sealed record RiskDisclosureMade(
    Guid RiskDisclosureId,
    RiskDisclosureRecipient DisclosedTo,
    Officer DisclosedBy,
    DateTimeOffset DisclosedAt,
    string WhatWasSaid,
    string LawfulBasis,
    string WhyNecessaryAndProportionate,
    Guid? RespondsToDisclosureId,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => DisclosedAt;

    public string Summary => $"Risk disclosure made to {Article(DisclosedTo.Role)} by {DisclosedBy.Name}"
        + (RespondsToDisclosureId is null ? "" : ", in response to information received");

    public Offender Apply(Offender offender)
    {
        var disclosures = offender.Disclosures;
        var entry = new RiskDisclosureEntry(RiskDisclosureId, DisclosedTo.Role, DisclosedBy, DisclosedAt, RespondsToDisclosureId);
        var received = RespondsToDisclosureId is { } respondsTo
            ? disclosures.Received.Select(d => d.DisclosureId == respondsTo ? d with { RespondedBy = [.. d.RespondedBy, RiskDisclosureId] } : d).ToList()
            : disclosures.Received;
        return offender with { Disclosures = new DisclosureHistory(received, [.. disclosures.RiskDisclosuresMade, entry]) };
    }

    private static string Article(RiskDisclosureRecipientRole role) => role switch
    {
        RiskDisclosureRecipientRole.Parent => "a parent",
        RiskDisclosureRecipientRole.Carer => "a carer",
        RiskDisclosureRecipientRole.Employer => "an employer",
        RiskDisclosureRecipientRole.Partner => "a partner",
        _ => "another person",
    };
}

public static class DisclosuresArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<DisclosureReceived>("disclosure-received")
        .Register<RiskDisclosureMade>("risk-disclosure-made");

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders)
    {
        RecordDisclosure.Map(offenders);
        RecordRiskDisclosure.Map(offenders);
        return offenders;
    }
}
