using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>
/// Automatic PPN on new child contact (docs/policies.md). The inspection's case: an officer took three days to warn a
/// mother, raised no PPN for children's social care, then one "for information only" two months later. So:
/// <list type="bullet">
/// <item>When a disclosure of new contact with a child is recorded (new child contact, or a new partner with
/// children under 18), the system raises a PPN in the same append (<see cref="FollowUps"/>): pre-filled from the
/// disclosure and the offender, addressed to children's social care through the MASH, as a child at risk (never
/// "for information only"), raised at the moment the disclosure was recorded.</item>
/// <item>Its submission to the MASH falls due <see cref="PolicyOptions.PpnSubmission"/> after the information was
/// received (key <c>ppn-submission:{ppnId}</c>); only the PPN's recorded submission closes it.</item>
/// <item>A decision on a risk disclosure to the children's parent or carer falls due
/// <see cref="PolicyOptions.RiskDisclosureDecision"/> after the information was received (key
/// <c>risk-disclosure-decision:{disclosureId}</c>). A risk disclosure made in response to that information closes
/// it; a supervisor's decision not to disclose is recorded as a waiver of the item, with its reason.</item>
/// </list>
/// Both due times count from when the police received the information, not from when it was recorded: a delay in
/// recording is part of the delay the inspection found.
/// </summary>
public static class AutomaticPpn
{
    public const string AddressedTo = "children's social care, through the MASH";

    public static string SubmissionKey(Guid ppnId) => $"ppn-submission:{ppnId}";

    public static string DisclosureDecisionKey(Guid disclosureId) => $"risk-disclosure-decision:{disclosureId}";

    /// <summary>A PPN for each disclosure of new child contact among <paramref name="recorded"/>, pre-filled from <paramref name="offender"/> (the record after them).</summary>
    public static IReadOnlyList<object> FollowUps(Offender offender, IReadOnlyList<object> recorded, Actor actor, Hosting.Now now)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return recorded.OfType<DisclosureReceived>()
            .Where(d => d.ChildContact is not null)
            .Select(d => (object)Raise(offender, d, actor, now.Moment))
            .ToList();
    }

    public static PpnRaised Raise(Offender offender, DisclosureReceived disclosure, Actor actor, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(offender);
        ArgumentNullException.ThrowIfNull(disclosure);
        var contact = disclosure.ChildContact ?? throw new ArgumentException("Only a disclosure of new child contact raises a PPN.", nameof(disclosure));
        return new PpnRaised(
            Guid.CreateVersion7(), disclosure.DisclosureId, PpnCategory.ChildAtRisk, AddressedTo,
            offender.Identity.Reference, offender.Identity.Name, offender.Identity.DateOfBirth, offender.Identity.Address, offender.Registration.Offence,
            offender.Risk.RiskOfSeriousHarm, offender.Risk.Latest?.AssessedOn, offender.Mappa.Category, offender.Mappa.Level,
            disclosure.Kind, disclosure.Source, disclosure.ReceivedAt, disclosure.Details,
            contact.Children, contact.ParentOrCarer, contact.HowContactArises,
            disclosure.RecordedAt, actor, recordedAt);
    }

    public static ComplianceState Observe(ComplianceState state, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        switch (context.Event)
        {
            // Only a PPN the PPN fold kept (its disclosure still on the record) is due for submission.
            case PpnRaised raised when PpnRecords.Find(state, raised.PpnId) is not null:
                state = state.Opening(context.Open(SubmissionKey(raised.PpnId), ObligationKind.PpnSubmission,
                    $"Submit the PPN (child at risk) to {AddressedTo}",
                    raised.DisclosureReceivedAt, raised.DisclosureReceivedAt + context.Options.PpnSubmission));
                break;

            case PpnSubmittedToMash submitted:
                state = state.Closing(o => o.Key == SubmissionKey(submitted.PpnId), context);
                break;

            case DisclosureReceived { ChildContact: { } contact } disclosure:
            {
                var whose = contact.Children.Count == 1 ? "the child's" : "the children's";
                state = state.Opening(context.Open(DisclosureDecisionKey(disclosure.DisclosureId), ObligationKind.RiskDisclosureDecision,
                    $"Decide on a risk disclosure to {whose} {contact.ParentOrCarer.RelationshipToChild}: record the disclosure made in response to this information, "
                    + "or a supervisor's decision not to disclose, recorded as a waiver of this item with the reason",
                    disclosure.ReceivedAt, disclosure.ReceivedAt + context.Options.RiskDisclosureDecision));
                break;
            }

            case RiskDisclosureMade { RespondsToDisclosureId: { } respondsTo }:
                state = state.Closing(o => o.Key == DisclosureDecisionKey(respondsTo), context);
                break;
        }

        return state;
    }
}
