using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Record a risk disclosure made about the offender to a parent, carer, employer, partner or other person:
/// to whom, by whom, when, what was said, and, both required, the lawful basis and why disclosing was
/// necessary and proportionate (a disclosure interferes with the offender's private life, ECHR Art. 8, so
/// the record must show it was justified). It may answer information received (a disclosure id).
/// </summary>
public static class RecordRiskDisclosure
{
    public sealed record DisclosedToBody(
        string? Name,
        RiskDisclosureRecipientRole? Role,
        string? Relationship,
        [FreeText] string? Contact);

    public sealed record OfficerBody(string? Id, string? Name);

    public sealed record Request(
        DisclosedToBody? DisclosedTo,
        OfficerBody? DisclosedBy,
        DateTimeOffset? DisclosedAt,
        [FreeText] string? WhatWasSaid,
        [FreeText] string? LawfulBasis,
        [FreeText] string? WhyNecessaryAndProportionate,
        Guid? RespondsToDisclosureId)
    {
        public static Request Example => new(
            new DisclosedToBody("Sam Example", RiskDisclosureRecipientRole.Parent, "mother of the child", "2 Example Street, Demotown ZZ1 1AB"),
            new OfficerBody("DC1234", "DC Alex Example"),
            new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero),
            "Told Ms Example that the man collecting her daughter has a conviction for a sexual offence against a child and is managed by the police; advised that he should have no unsupervised contact.",
            "Common law power to disclose to prevent crime and protect children; Child Sex Offender Disclosure Scheme.",
            "Unsupervised contact with a child of the age of his victim; the mother could not protect her daughter without knowing. Only the conviction and the risk were disclosed.",
            null);
    }

    public sealed record Command(
        RiskDisclosureRecipient DisclosedTo,
        Officer DisclosedBy,
        DateTimeOffset DisclosedAt,
        string WhatWasSaid,
        string LawfulBasis,
        string WhyNecessaryAndProportionate,
        Guid? RespondsToDisclosureId);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("risk-disclosures", "RecordRiskDisclosure", "Record a risk disclosure made to a parent, carer, employer or partner", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var to = v.Required("disclosedTo", request.DisclosedTo);
        var name = v.Text("disclosedTo.name", to?.Name, 200);
        var role = v.Required("disclosedTo.role", to?.Role);
        var relationship = to?.Role == RiskDisclosureRecipientRole.Other
            ? v.Text("disclosedTo.relationship", to.Relationship, 200)
            : v.OptionalText("disclosedTo.relationship", to?.Relationship, 200);
        var contact = v.Text("disclosedTo.contact", to?.Contact, 500);

        var by = v.Required("disclosedBy", request.DisclosedBy);
        var officer = new Officer(v.Text("disclosedBy.id", by?.Id, 50), v.Text("disclosedBy.name", by?.Name, 100));

        var disclosedAt = v.PastMoment("disclosedAt", request.DisclosedAt, now.Moment);
        var said = v.Text("whatWasSaid", request.WhatWasSaid, 4000);
        var lawfulBasis = v.Text("lawfulBasis", request.LawfulBasis, 1000);
        var why = v.Text("whyNecessaryAndProportionate", request.WhyNecessaryAndProportionate, 4000);
        if (request.RespondsToDisclosureId == Guid.Empty)
            v.Add("respondsToDisclosureId", "must be the id of a disclosure received, or left out.");

        return v.IsValid
            ? (new Command(new RiskDisclosureRecipient(name, role, relationship, contact), officer, disclosedAt, said, lawfulBasis, why, request.RespondsToDisclosureId), v)
            : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        if (command.RespondsToDisclosureId is { } respondsTo)
        {
            var received = offender.Disclosures.FindReceived(respondsTo);
            if (received is null)
                return Decision.Refuse("respondsToDisclosureId", $"there is no disclosure {respondsTo} on this record.");
            if (command.DisclosedAt < received.ReceivedAt)
            {
                return Decision.Refuse("disclosedAt", string.Create(CultureInfo.InvariantCulture,
                    $"is before the information it responds to was received ({received.ReceivedAt:u})."));
            }
        }

        var riskDisclosureId = Guid.CreateVersion7();
        return Decision.Record(new RiskDisclosureMade(riskDisclosureId, command.DisclosedTo, command.DisclosedBy, command.DisclosedAt,
            command.WhatWasSaid, command.LawfulBasis, command.WhyNecessaryAndProportionate, command.RespondsToDisclosureId, actor, now.Moment), riskDisclosureId);
    }
}
