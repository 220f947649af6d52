using System.Globalization;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

// Police protection notices (PPNs). When new contact with a child is disclosed, the system raises a PPN at once,
// in the same append as the disclosure (AutomaticPpn.FollowUps), pre-filled from the disclosure and the offender,
// addressed to children's social care through the MASH. Its life: raised, submitted to the MASH, reviewed (five
// checks, each with who and when, possibly in parts), shared with named agencies. The steps are strictly in that
// order: the review is of the PPN the MASH holds, and sharing follows the check that it is necessary and
// proportionate. The PPN's full content (children, carer, source) stays in the PpnRaised event, which officers read
// on the timeline; the state (ComplianceState.Ppns) holds where each PPN stands without identities (ADR 0007).

/// <summary>
/// What the PPN is raised as. There is deliberately no "for information only": the inspection found a PPN about a
/// child in contact with a registered sex offender sent two months late "for information only", so children's
/// social care did nothing with it. A disclosure of new child contact always raises a PPN as a child at risk.
/// </summary>
public enum PpnCategory
{
    /// <summary>A child at risk of harm from the offender: children's social care must consider it.</summary>
    ChildAtRisk,
}

/// <summary>Where a PPN stands. Each step needs the one before it.</summary>
public enum PpnStatus
{
    /// <summary>Raised automatically on the disclosure; submission to the MASH is due.</summary>
    Raised,

    SubmittedToMash,

    /// <summary>All five review checks are recorded.</summary>
    Reviewed,

    /// <summary>Shared with at least one named agency (it may be shared again).</summary>
    Shared,
}

/// <summary>The checks of the PPN review the inspection asked for. The PPN is reviewed when all five are recorded.</summary>
public enum PpnReviewCheck
{
    /// <summary>The information in the PPN is complete.</summary>
    InformationComplete,

    /// <summary>Immediate safeguarding of the child is in place.</summary>
    ImmediateSafeguardingInPlace,

    /// <summary>Context from police records has been added.</summary>
    PoliceRecordsContextAdded,

    /// <summary>Any crimes disclosed have been recorded.</summary>
    CrimesRecorded,

    /// <summary>Sharing the PPN with partner agencies is necessary and proportionate.</summary>
    SharingNecessaryAndProportionate,
}

/// <summary>The submission to the MASH: when, its reference, and the officer who submitted it.</summary>
public sealed record PpnSubmission(DateTimeOffset SubmittedAt, string MashReference, Officer SubmittedBy, Actor RecordedBy);

/// <summary>One review check: what the reviewer found, who recorded it and when it was done.</summary>
public sealed record PpnReviewCheckDone(PpnReviewCheck Check, string Finding, Actor CheckedBy, DateTimeOffset CheckedAt);

/// <summary>A sharing of the PPN with named agencies, when and why.</summary>
public sealed record PpnShare(IReadOnlyList<string> Agencies, DateTimeOffset SharedAt, string Purpose, Actor RecordedBy);

/// <summary>
/// A PPN as the summary shows it: where it stands, with the facts a supervisor needs. The children's and carer's
/// identities and the source's name are in the <see cref="PpnRaised"/> event only.
/// </summary>
/// <param name="RaisedByVersion">The entry on the record that raised it (its full content is there).</param>
/// <param name="ChildrenAges">The ages of the children, as recorded.</param>
/// <param name="ParentOrCarerRelationship">Who the parent or carer is to the children ("mother").</param>
/// <param name="RiskOfSeriousHarm">The offender's ARMS risk of serious harm when it was raised, in words, or "not yet assessed".</param>
/// <param name="ReviewedAt">When the last of the five review checks was done; null until all five are recorded.</param>
public sealed record Ppn(
    Guid PpnId,
    Guid DisclosureId,
    long RaisedByVersion,
    PpnCategory Category,
    string AddressedTo,
    DateTimeOffset DisclosureReceivedAt,
    DateTimeOffset RaisedAt,
    IReadOnlyList<int> ChildrenAges,
    string ParentOrCarerRelationship,
    DisclosureSourceKind Source,
    string RiskOfSeriousHarm,
    int MappaCategory,
    int? MappaLevel,
    PpnStatus Status,
    PpnSubmission? Submission,
    IReadOnlyList<PpnReviewCheckDone> ReviewChecks,
    DateTimeOffset? ReviewedAt,
    IReadOnlyList<PpnShare> Shares)
{
    /// <summary>The review checks not yet recorded.</summary>
    public IReadOnlyList<PpnReviewCheck> OutstandingChecks =>
        Enum.GetValues<PpnReviewCheck>().Where(c => ReviewChecks.All(done => done.Check != c)).ToList();

    public PpnReviewCheckDone? Done(PpnReviewCheck check) => ReviewChecks.FirstOrDefault(c => c.Check == check);
}

/// <summary>
/// A PPN raised by the system when new contact with a child was disclosed, in the same append as the disclosure:
/// the notice as it goes to children's social care, pre-filled from the disclosure and the offender's record.
/// </summary>
/// <param name="RiskOfSeriousHarm">The latest ARMS risk of serious harm; null when the offender has no ARMS assessment yet.</param>
/// <param name="ArmsAssessedOn">The date of that ARMS assessment.</param>
/// <param name="RaisedAt">When the disclosure was recorded: the PPN exists from that moment.</param>
public sealed record PpnRaised(
    Guid PpnId,
    Guid DisclosureId,
    PpnCategory Category,
    string AddressedTo,
    string OffenderReference,
    PersonName OffenderName,
    DateOnly OffenderDateOfBirth,
    Address OffenderAddress,
    string Offence,
    RiskLevel? RiskOfSeriousHarm,
    DateOnly? ArmsAssessedOn,
    int MappaCategory,
    int? MappaLevel,
    DisclosureKind DisclosureKind,
    DisclosureSource Source,
    DateTimeOffset DisclosureReceivedAt,
    string DisclosureDetails,
    IReadOnlyList<ChildIdentity> Children,
    ParentOrCarerIdentity ParentOrCarer,
    string HowContactArises,
    DateTimeOffset RaisedAt,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public const string NotYetAssessed = "not yet assessed";

    public DateTimeOffset OccurredAt => RaisedAt;

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"PPN raised for {AddressedTo}: child at risk; {Children.Count} {(Children.Count == 1 ? "child" : "children")} aged {string.Join(", ", Children.Select(c => c.AgeYears))}; risk of serious harm {DescribeRisk(RiskOfSeriousHarm)}");

    /// <summary>The PPN is kept in the compliance part of the state (<see cref="PpnRecords"/>).</summary>
    public Offender Apply(Offender offender) => offender;

    public static string DescribeRisk(RiskLevel? level) => level is { } known ? ArmsAssessmentRecorded.Words(known) : NotYetAssessed;
}

/// <summary>The PPN was submitted to the MASH.</summary>
/// <param name="SubmittedBy">The officer who submitted it.</param>
public sealed record PpnSubmittedToMash(
    Guid PpnId,
    DateTimeOffset SubmittedAt,
    string MashReference,
    Officer SubmittedBy,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => SubmittedAt;

    public string Summary => $"PPN submitted to the MASH by {SubmittedBy.Name}, reference {MashReference}";

    public Offender Apply(Offender offender) => offender;
}

/// <summary>A check of the PPN review and what the reviewer found.</summary>
public sealed record PpnReviewFinding(PpnReviewCheck Check, string Finding);

/// <summary>A supervisor recorded some (or all) of the PPN review's checks, done at <paramref name="CheckedAt"/>.</summary>
/// <param name="CompletesReview">True when these checks complete the five: the PPN is then reviewed.</param>
public sealed record PpnReviewChecksRecorded(
    Guid PpnId,
    IReadOnlyList<PpnReviewFinding> Checks,
    DateTimeOffset CheckedAt,
    bool CompletesReview,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => CheckedAt;

    public string Summary => $"PPN review by {RecordedBy.Name}: {string.Join(", ", Checks.Select(c => PpnRecords.Describe(c.Check)))}"
        + (CompletesReview ? "; review complete" : "");

    public Offender Apply(Offender offender) => offender;
}

/// <summary>The PPN was shared with named agencies, for a stated purpose.</summary>
public sealed record PpnShared(
    Guid PpnId,
    IReadOnlyList<string> Agencies,
    DateTimeOffset SharedAt,
    string Purpose,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => SharedAt;

    public string Summary => $"PPN shared with {string.Join(", ", Agencies)}: {Purpose}";

    public Offender Apply(Offender offender) => offender;
}

/// <summary>
/// Folds the PPN events into <see cref="ComplianceState.Ppns"/>. A PPN whose disclosure is no longer on the record
/// (withdrawn by a correction as recorded in error) is passed over, with its steps: both stay on the timeline.
/// </summary>
public static class PpnRecords
{
    public static ComplianceState Observe(ComplianceState state, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Event switch
        {
            PpnRaised raised when context.Before.Disclosures.FindReceived(raised.DisclosureId) is not null && Find(state, raised.PpnId) is null =>
                state with { Ppns = [.. state.Ppns, From(raised, context.Version)] },
            PpnSubmittedToMash submitted => Update(state, submitted.PpnId, ppn => ppn with
            {
                Status = PpnStatus.SubmittedToMash,
                Submission = new PpnSubmission(submitted.SubmittedAt, submitted.MashReference, submitted.SubmittedBy, submitted.RecordedBy),
            }),
            PpnReviewChecksRecorded review => Update(state, review.PpnId, ppn => Reviewed(ppn, review)),
            PpnShared shared => Update(state, shared.PpnId, ppn => ppn with
            {
                Status = PpnStatus.Shared,
                Shares = [.. ppn.Shares, new PpnShare(shared.Agencies, shared.SharedAt, shared.Purpose, shared.RecordedBy)],
            }),
            _ => state,
        };
    }

    public static Ppn? Find(ComplianceState state, Guid ppnId) => state.Ppns.FirstOrDefault(p => p.PpnId == ppnId);

    /// <summary>The PPN a command names, or a refusal naming <c>ppnId</c>.</summary>
    public static (Ppn? Ppn, Decision? Refusal) Find(Offender offender, Guid ppnId)
    {
        ArgumentNullException.ThrowIfNull(offender);
        return Find(offender.Compliance, ppnId) is { } ppn
            ? (ppn, null)
            : (null, Decision.Refuse("ppnId", $"there is no PPN {ppnId} on this record."));
    }

    public static string Describe(PpnReviewCheck check) => check switch
    {
        PpnReviewCheck.InformationComplete => "information complete",
        PpnReviewCheck.ImmediateSafeguardingInPlace => "immediate safeguarding in place",
        PpnReviewCheck.PoliceRecordsContextAdded => "context from police records added",
        PpnReviewCheck.CrimesRecorded => "crimes recorded",
        _ => "sharing necessary and proportionate",
    };

    public static string Describe(PpnStatus status) => status switch
    {
        PpnStatus.Raised => "raised and not yet submitted to the MASH",
        PpnStatus.SubmittedToMash => "submitted to the MASH and not yet fully reviewed",
        PpnStatus.Reviewed => "reviewed",
        _ => "reviewed and shared",
    };

    /// <summary>A moment as officers read it in a refusal: 20 Nov 2026 09:15 (UTC).</summary>
    public static string Show(DateTimeOffset moment) =>
        moment.ToUniversalTime().ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " (UTC)";

    private static Ppn From(PpnRaised raised, long version) => new(
        raised.PpnId, raised.DisclosureId, version, raised.Category, raised.AddressedTo, raised.DisclosureReceivedAt, raised.RaisedAt,
        raised.Children.Select(c => c.AgeYears).ToList(), raised.ParentOrCarer.RelationshipToChild, raised.Source.Kind,
        PpnRaised.DescribeRisk(raised.RiskOfSeriousHarm), raised.MappaCategory, raised.MappaLevel,
        PpnStatus.Raised, null, [], null, []);

    private static Ppn Reviewed(Ppn ppn, PpnReviewChecksRecorded review)
    {
        var checks = ppn.ReviewChecks.Concat(review.Checks
            .Where(c => ppn.Done(c.Check) is null)
            .Select(c => new PpnReviewCheckDone(c.Check, c.Finding, review.RecordedBy, review.CheckedAt))).ToList();
        var complete = checks.Count == Enum.GetValues<PpnReviewCheck>().Length;
        return ppn with
        {
            ReviewChecks = checks,
            ReviewedAt = complete ? checks.Max(c => c.CheckedAt) : null,
            Status = complete && ppn.Status == PpnStatus.SubmittedToMash ? PpnStatus.Reviewed : ppn.Status,
        };
    }

    private static ComplianceState Update(ComplianceState state, Guid ppnId, Func<Ppn, Ppn> change) =>
        Find(state, ppnId) is null
            ? state
            : state with { Ppns = state.Ppns.Select(p => p.PpnId == ppnId ? change(p) : p).ToList() };
}
