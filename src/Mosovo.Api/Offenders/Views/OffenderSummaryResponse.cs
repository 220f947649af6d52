using Mosovo.Api.Compliance;

namespace Mosovo.Api.Offenders;

/// <summary>
/// <c>GET /offenders/{id}</c>: what officers read of an offender, mapped field by field from the folded state
/// (<see cref="Offender"/>) in <see cref="From"/>. It shows what the summary has always shown, in the same JSON,
/// but none of the state's own bookkeeping: not the stored type of every entry, not the keys of closed
/// obligations, not the policies' run of single-officer visits. Intelligence is listed without its text, as
/// the state holds it. The compliance part lists the open obligations; <c>GET /offenders/{id}/obligations</c>
/// has them all.
/// </summary>
/// <param name="Version">The record's version, as the ETag carries it.</param>
/// <param name="LastRelease">The latest release from custody recorded, if any.</param>
/// <param name="Flags">Things a supervisor or partner must see at once.</param>
public sealed record OffenderSummaryResponse(
    Guid Id,
    long Version,
    IdentityResponse Identity,
    RegistrationResponse Registration,
    AllocationResponse Allocation,
    MappaResponse Mappa,
    RiskResponse Risk,
    VisitsResponse Visits,
    DisclosuresResponse Disclosures,
    BreachesResponse Breaches,
    OrdersResponse Orders,
    IntelligenceResponse Intelligence,
    IReadOnlyList<CorrectionResponse> Corrections,
    ComplianceResponse Compliance,
    CustodyReleaseResponse? LastRelease,
    SharesResponse Shares,
    IReadOnlyList<string> Flags)
{
    /// <summary>The summary of <paramref name="o"/>: every field shown is named here.</summary>
    public static OffenderSummaryResponse From(Offender o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var allocation = o.Allocation;
        var visits = o.Visits;
        return new OffenderSummaryResponse(
            o.Id,
            o.Version,
            Map(o.Identity),
            Map(o.Registration),
            new AllocationResponse(
                OfficerResponse.From(allocation.Manager), allocation.Team, allocation.AllocatedOn, allocation.Reason),
            Map(o.Mappa),
            Map(o.Risk),
            new VisitsResponse(
                visits.Count, visits.LastVisitAt, visits.FailedEntriesSinceLastEntry, visits.EntryWarrantAvailable),
            Map(o.Disclosures),
            new BreachesResponse([.. o.Breaches.All.Select(Map)], [.. o.Breaches.Open.Select(Map)], o.Breaches.Flags),
            new OrdersResponse([.. o.Orders.All.Select(Map)], [.. o.Orders.Active.Select(Map)], o.Orders.Flags),
            Map(o.Intelligence),
            [.. o.Corrections.Select(Map)],
            Map(o.Compliance),
            o.LastRelease is { } r ? new CustodyReleaseResponse(r.ReleasedOn, r.Establishment, r.OnLicence) : null,
            new SharesResponse([.. o.Shares.All.Select(Map)]),
            o.Flags);
    }

    private static IdentityResponse Map(Identity i) => new(
        i.Reference, NameResponse.From(i.Name), i.Aliases, i.DateOfBirth, i.PncId, AddressResponse.From(i.Address));

    private static RegistrationResponse Map(RegistrationDetails r) => new(
        r.Offence,
        r.ConvictionDate,
        new SentenceResponse(
            r.Sentence.Kind, r.Sentence.CustodialMonths, r.Sentence.Description, r.Sentence.DischargeMonths),
        r.RegisteredOn,
        r.Period is { } p
            ? new NotificationPeriodResponse(p.Indefinite, p.Months, p.HalvedForUnder18, p.Basis, p.Description)
            : null,
        r.NotificationEndsOn,
        r.ReviewEligibleOn,
        r.LastNotifiedOn,
        r.LastAnnualNotification is { } a ? new PeriodicNotificationResponse(a.NotifiedOn, a.PoliceStation) : null,
        r.NoFixedAbode is { } n ? new NoFixedAbodeResponse(n.Place, n.Since, n.LastReportedOn) : null,
        [.. r.PreviousAddresses.Select(f => new FormerAddressResponse(AddressResponse.From(f.Address), f.Until))],
        [.. r.Stays.Select(s => new NotifiedStayResponse(AddressResponse.From(s.Address), s.From, s.To, s.NotifiedOn))],
        [.. r.HouseholdsWithChildren.Select(h =>
            new HouseholdStayResponse(AddressResponse.From(h.Address), h.From, h.ChildPresent, h.NotifiedOn))],
        [.. r.ForeignTravel.Select(t =>
            new ForeignTripResponse(
                t.DepartureOn, t.ReturnOn, t.DestinationCountry, t.NotifiedOn, t.ShortNoticeReason))],
        [.. r.AccountsAndDocuments.Select(d =>
            new AccountOrDocumentResponse(d.Kind, d.Issuer, d.MaskedNumber, d.DocumentType, d.Since))],
        [.. r.LateNotifications.Select(l =>
            new LateNotificationResponse(l.NotificationId, l.Kind, l.DueBy, l.NotifiedOn, l.DaysLate))],
        r.EndedOn,
        r.EndReason,
        r.EndDetails,
        r.NextNotificationDue);

    private static MappaResponse Map(MappaStatus m) => new(
        m.Category,
        m.Level,
        [.. m.History.Select(c =>
            new MappaChangeResponse(
                c.What, c.From, c.To, c.Reason, c.DecidedOn, ActorResponse.From(c.RecordedBy), c.RecordedAt))],
        [.. m.Meetings.Select(e =>
            new MappaMeetingEntryResponse(e.MeetingId, e.HeldOn, e.Level, e.Agencies, e.NextMeetingOn))],
        m.LatestMeeting is { } l
            ? new MappaMeetingResponse(
                l.MeetingId, l.HeldOn, l.Level, l.Agencies, l.OutcomeSummary, l.NextMeetingOn,
                [.. l.Actions.Select(Map)])
            : null,
        m.LevelDecidedOn,
        m.NextMeetingOn);

    private static ActionResponse Map(MappaMeetingAction a) => new(a.Action, a.Owner, a.DueOn);

    private static RiskResponse Map(RiskAssessments r) => new(
        [.. r.Assessments.Select(Map)],
        r.CurrentPlan is { } p
            ? new RiskManagementPlanResponse(
                p.FromAssessmentId, p.RiskFactors, p.ProtectiveFactors, [.. p.Actions.Select(Map)])
            : null,
        r.Latest is { } latest ? Map(latest) : null,
        r.RiskOfSeriousHarm,
        r.RiskOfReconviction,
        r.AwaitingEndorsement,
        r.AwaitingRevision);

    private static ActionResponse Map(RiskManagementAction a) => new(a.Action, a.Owner, a.DueOn);

    private static ArmsAssessmentResponse Map(ArmsAssessmentEntry a) => new(
        a.AssessmentId, a.AssessedOn, OfficerResponse.From(a.Assessor), a.RiskOfSeriousHarm, a.RiskOfReconviction,
        new ArmsPromptResponse(a.PromptedBy.Kind, a.PromptedBy.SignificantEvent, a.PromptedBy.EventVersion),
        ActorResponse.From(a.RecordedBy), a.RecordedAt, a.Endorsement,
        a.ReviewedBy is { } reviewer ? ActorResponse.From(reviewer) : null, a.ReviewedAt, a.ReviewComments);

    private static DisclosuresResponse Map(DisclosureHistory d) => new(
        [.. d.Received.Select(r => new DisclosureReceivedResponse(
            r.DisclosureId, r.Kind, r.Source, r.ReceivedAt, r.IsChildContact, r.GivesAccessToChildren, r.RespondedBy))],
        [.. d.RiskDisclosuresMade.Select(r => new RiskDisclosureResponse(
            r.RiskDisclosureId, r.DisclosedToRole, OfficerResponse.From(r.DisclosedBy), r.DisclosedAt,
            r.RespondsToDisclosureId))]);

    private static BreachResponse Map(BreachEntry b) => new(
        b.BreachId, b.Kind, b.OrderId, b.Prohibition, b.OccurredOn, b.ReportedBy, b.RecordedAt,
        b.Decision is { } d
            ? new BreachDecisionResponse(d.Outcome, d.Reason, ActorResponse.From(d.DecidedBy), d.DecidedAt)
            : null);

    private static CivilOrderResponse Map(CivilOrder o) => new(
        o.OrderId,
        o.Kind,
        o.Status,
        o.Grounds,
        o.ProposedProhibitions,
        o.DraftedAt,
        o.Application is { } a ? new CivilOrderApplicationResponse(a.Court, a.AppliedOn) : null,
        o.Grant is { } g ? new CivilOrderGrantResponse(g.Court, g.GrantedOn, g.StartsOn) : null,
        o.Terms is { } t ? Map(t) : null,
        [.. o.EarlierTerms.Select(Map)],
        [.. o.Variations.Select(v =>
            new CivilOrderVariationResponse(v.Court, v.VariedOn, v.ProhibitionsChanged, v.EndChanged, v.Reason))],
        o.Refusal is { } r ? new CivilOrderRefusalResponse(r.RefusedOn, r.Reason) : null,
        o.Discharge is { } d
            ? new CivilOrderDischargeResponse(d.Court, d.DischargedOn, d.Reason, d.ConsentGiven)
            : null,
        o.ReplacedBy is { } by ? new CivilOrderReplacementResponse(by.ByOrderId, by.On) : null,
        o.StoppedOn,
        o.Name);

    private static CivilOrderTermsResponse Map(CivilOrderTerms t) =>
        new(t.EffectiveFrom, t.SupersededOn, t.EndsOn, [.. t.Prohibitions.Select(Map)], t.UntilFurtherOrder);

    private static ProhibitionResponse Map(OrderProhibition p) => new(p.Text, p.EndsOn, p.IsForeignTravel);

    private static ActiveOrderResponse Map(ActiveOrder a) =>
        new(a.OrderId, a.Kind, a.StartsOn, a.EndsOn, [.. a.Prohibitions.Select(Map)]);

    /// <summary>The items as the state lists them: never their text, significance reason or conditions.</summary>
    private static IntelligenceResponse Map(IntelligenceLog log) => new(
        [.. log.Items.Select(i => new IntelligenceItemResponse(
            i.IntelligenceId,
            i.ReceivedOn,
            i.Source,
            new IntelligenceGradingResponse(
                i.Grading.SourceEvaluation, i.Grading.IntelligenceAssessment, i.Grading.HandlingCode, i.Grading.Code),
            i.Significant,
            i.RecordedAt))],
        log.Count,
        log.SignificantCount,
        log.LatestReceivedOn);

    private static CorrectionResponse Map(CorrectionNote c) =>
        new(c.CorrectsVersion, c.CorrectsType, c.Withdrawn, c.Reason, c.RecordedAt, c.RecordedBy);

    /// <summary>
    /// The open obligations in the order they were opened (then by key, as <c>GET /offenders/{id}/obligations</c> lists
    /// them), the flags, the PPNs and the significant events. Not the policies' bookkeeping: the keys of closed
    /// obligations, the run of single-officer visits and the reviews behind the grooming-risk flag.
    /// </summary>
    private static ComplianceResponse Map(ComplianceState c) => new(
        [.. c.Open.OrderBy(o => o.OpenedByVersion).ThenBy(o => o.Key, StringComparer.Ordinal)
            .Select(ObligationResponse.From)],
        c.Flags,
        [.. c.Ppns.Select(Map)],
        [.. c.SignificantEvents.Select(e => new SignificantEventResponse(e.Kind, e.At, e.Version))]);

    private static PpnResponse Map(Ppn p) => new(
        p.PpnId,
        p.DisclosureId,
        p.RaisedByVersion,
        p.Category,
        p.AddressedTo,
        p.DisclosureReceivedAt,
        p.RaisedAt,
        p.ChildrenAges,
        p.ParentOrCarerRelationship,
        p.Source,
        p.RiskOfSeriousHarm,
        p.MappaCategory,
        p.MappaLevel,
        p.Status,
        p.Submission is { } s
            ? new PpnSubmissionResponse(
                s.SubmittedAt, s.MashReference, OfficerResponse.From(s.SubmittedBy), ActorResponse.From(s.RecordedBy))
            : null,
        [.. p.ReviewChecks.Select(c =>
            new PpnReviewCheckResponse(c.Check, c.Finding, ActorResponse.From(c.CheckedBy), c.CheckedAt))],
        p.ReviewedAt,
        [.. p.Shares.Select(s =>
            new PpnShareResponse(s.Agencies, s.SharedAt, s.Purpose, ActorResponse.From(s.RecordedBy)))],
        p.OutstandingChecks);

    private static ShareResponse Map(PartnerShare s) => new(
        s.ShareId,
        s.Agency,
        s.Purpose,
        s.ServesLevel,
        s.ServesMeetingId,
        s.Until,
        ActorResponse.From(s.GrantedBy),
        s.GrantedAt,
        s.Ended is { } e ? new ShareEndResponse(e.Kind, e.Reason, ActorResponse.From(e.RecordedBy), e.At) : null);
}

// The parts of the summary, in the order the summary lists them. Names follow the state's, so the JSON is as before.

public sealed record IdentityResponse(
    string Reference,
    NameResponse Name,
    IReadOnlyList<string> Aliases,
    DateOnly DateOfBirth,
    string? PncId,
    AddressResponse Address);

/// <param name="NextNotificationDue">The next periodic notification due, when the registration is live.</param>
public sealed record RegistrationResponse(
    string Offence,
    DateOnly ConvictionDate,
    SentenceResponse Sentence,
    DateOnly RegisteredOn,
    NotificationPeriodResponse? Period,
    DateOnly? NotificationEndsOn,
    DateOnly? ReviewEligibleOn,
    DateOnly? LastNotifiedOn,
    PeriodicNotificationResponse? LastAnnualNotification,
    NoFixedAbodeResponse? NoFixedAbode,
    IReadOnlyList<FormerAddressResponse> PreviousAddresses,
    IReadOnlyList<NotifiedStayResponse> Stays,
    IReadOnlyList<HouseholdStayResponse> HouseholdsWithChildren,
    IReadOnlyList<ForeignTripResponse> ForeignTravel,
    IReadOnlyList<AccountOrDocumentResponse> AccountsAndDocuments,
    IReadOnlyList<LateNotificationResponse> LateNotifications,
    DateOnly? EndedOn,
    RegistrationEndReason? EndReason,
    string? EndDetails,
    DateOnly? NextNotificationDue);

public sealed record SentenceResponse(
    SentenceKind Kind,
    int? CustodialMonths,
    string? Description,
    int? DischargeMonths);

/// <param name="Description">The period in words: "indefinite", "10 years", "3 years 6 months".</param>
public sealed record NotificationPeriodResponse(
    bool Indefinite,
    int? Months,
    bool HalvedForUnder18,
    string Basis,
    string Description);

public sealed record PeriodicNotificationResponse(DateOnly NotifiedOn, string PoliceStation);

public sealed record NoFixedAbodeResponse(string Place, DateOnly Since, DateOnly LastReportedOn);

public sealed record FormerAddressResponse(AddressResponse Address, DateOnly Until);

public sealed record NotifiedStayResponse(AddressResponse Address, DateOnly From, DateOnly? To, DateOnly NotifiedOn);

public sealed record HouseholdStayResponse(
    AddressResponse Address,
    DateOnly From,
    bool ChildPresent,
    DateOnly NotifiedOn);

public sealed record ForeignTripResponse(
    DateOnly DepartureOn,
    DateOnly ReturnOn,
    string DestinationCountry,
    DateOnly NotifiedOn,
    string? ShortNoticeReason);

public sealed record AccountOrDocumentResponse(
    NotificationKind Kind,
    string Issuer,
    string MaskedNumber,
    string? DocumentType,
    DateOnly Since);

public sealed record LateNotificationResponse(
    Guid NotificationId,
    NotificationKind Kind,
    DateOnly DueBy,
    DateOnly NotifiedOn,
    int DaysLate);

public sealed record AllocationResponse(OfficerResponse Manager, string Team, DateOnly? AllocatedOn, string? Reason);

public sealed record MappaResponse(
    int Category,
    int? Level,
    IReadOnlyList<MappaChangeResponse> History,
    IReadOnlyList<MappaMeetingEntryResponse> Meetings,
    MappaMeetingResponse? LatestMeeting,
    DateOnly? LevelDecidedOn,
    DateOnly? NextMeetingOn);

public sealed record MappaChangeResponse(
    MappaChangeKind What,
    int? From,
    int To,
    string Reason,
    DateOnly? DecidedOn,
    ActorResponse RecordedBy,
    DateTimeOffset RecordedAt);

public sealed record MappaMeetingEntryResponse(
    Guid MeetingId,
    DateOnly HeldOn,
    int Level,
    IReadOnlyList<string> Agencies,
    DateOnly? NextMeetingOn);

public sealed record MappaMeetingResponse(
    Guid MeetingId,
    DateOnly HeldOn,
    int Level,
    IReadOnlyList<string> Agencies,
    string OutcomeSummary,
    DateOnly? NextMeetingOn,
    IReadOnlyList<ActionResponse> Actions);

/// <summary>An action agreed at a MAPPA meeting or in a risk plan: what, who owns it, and by when (if set).</summary>
public sealed record ActionResponse(string Action, string Owner, DateOnly? DueOn);

public sealed record RiskResponse(
    IReadOnlyList<ArmsAssessmentResponse> Assessments,
    RiskManagementPlanResponse? CurrentPlan,
    ArmsAssessmentResponse? Latest,
    RiskLevel? RiskOfSeriousHarm,
    RiskLevel? RiskOfReconviction,
    IReadOnlyList<Guid> AwaitingEndorsement,
    IReadOnlyList<Guid> AwaitingRevision);

public sealed record ArmsAssessmentResponse(
    Guid AssessmentId,
    DateOnly AssessedOn,
    OfficerResponse Assessor,
    RiskLevel RiskOfSeriousHarm,
    RiskLevel RiskOfReconviction,
    ArmsPromptResponse PromptedBy,
    ActorResponse RecordedBy,
    DateTimeOffset RecordedAt,
    ArmsEndorsementStatus Endorsement,
    ActorResponse? ReviewedBy,
    DateTimeOffset? ReviewedAt,
    string? ReviewComments);

public sealed record ArmsPromptResponse(
    ArmsPromptKind Kind,
    SignificantEventKind? SignificantEvent,
    long? EventVersion);

public sealed record RiskManagementPlanResponse(
    Guid FromAssessmentId,
    IReadOnlyList<string> RiskFactors,
    IReadOnlyList<string> ProtectiveFactors,
    IReadOnlyList<ActionResponse> Actions);

public sealed record VisitsResponse(
    int Count,
    DateTimeOffset? LastVisitAt,
    int FailedEntriesSinceLastEntry,
    bool EntryWarrantAvailable);

public sealed record DisclosuresResponse(
    IReadOnlyList<DisclosureReceivedResponse> Received,
    IReadOnlyList<RiskDisclosureResponse> RiskDisclosuresMade);

/// <summary>Information received, without the identities it names.</summary>
public sealed record DisclosureReceivedResponse(
    Guid DisclosureId,
    DisclosureKind Kind,
    DisclosureSourceKind Source,
    DateTimeOffset ReceivedAt,
    bool IsChildContact,
    bool GivesAccessToChildren,
    IReadOnlyList<Guid> RespondedBy);

/// <summary>A risk disclosure made: the recipient's role, not their identity.</summary>
public sealed record RiskDisclosureResponse(
    Guid RiskDisclosureId,
    RiskDisclosureRecipientRole DisclosedToRole,
    OfficerResponse DisclosedBy,
    DateTimeOffset DisclosedAt,
    Guid? RespondsToDisclosureId);

public sealed record BreachesResponse(
    IReadOnlyList<BreachResponse> All,
    IReadOnlyList<BreachResponse> Open,
    IReadOnlyList<string> Flags);

public sealed record BreachResponse(
    Guid BreachId,
    BreachKind Kind,
    Guid? OrderId,
    string? Prohibition,
    DateOnly OccurredOn,
    BreachReporterKind ReportedBy,
    DateTimeOffset RecordedAt,
    BreachDecisionResponse? Decision);

public sealed record BreachDecisionResponse(
    BreachOutcome Outcome,
    string? Reason,
    ActorResponse DecidedBy,
    DateTimeOffset DecidedAt);

public sealed record OrdersResponse(
    IReadOnlyList<CivilOrderResponse> All,
    IReadOnlyList<ActiveOrderResponse> Active,
    IReadOnlyList<string> Flags);

public sealed record CivilOrderResponse(
    Guid OrderId,
    CivilOrderKind Kind,
    CivilOrderStatus Status,
    string Grounds,
    IReadOnlyList<string> ProposedProhibitions,
    DateTimeOffset DraftedAt,
    CivilOrderApplicationResponse? Application,
    CivilOrderGrantResponse? Grant,
    CivilOrderTermsResponse? Terms,
    IReadOnlyList<CivilOrderTermsResponse> EarlierTerms,
    IReadOnlyList<CivilOrderVariationResponse> Variations,
    CivilOrderRefusalResponse? Refusal,
    CivilOrderDischargeResponse? Discharge,
    CivilOrderReplacementResponse? ReplacedBy,
    DateOnly? StoppedOn,
    string Name);

public sealed record CivilOrderApplicationResponse(string Court, DateOnly AppliedOn);

public sealed record CivilOrderGrantResponse(string Court, DateOnly GrantedOn, DateOnly StartsOn);

public sealed record CivilOrderTermsResponse(
    DateOnly EffectiveFrom,
    DateOnly? SupersededOn,
    DateOnly? EndsOn,
    IReadOnlyList<ProhibitionResponse> Prohibitions,
    bool UntilFurtherOrder);

public sealed record ProhibitionResponse(string Text, DateOnly? EndsOn, bool IsForeignTravel);

public sealed record CivilOrderVariationResponse(
    string Court,
    DateOnly VariedOn,
    bool ProhibitionsChanged,
    bool EndChanged,
    string? Reason);

public sealed record CivilOrderRefusalResponse(DateOnly RefusedOn, string Reason);

public sealed record CivilOrderDischargeResponse(
    string Court,
    DateOnly DischargedOn,
    string Reason,
    bool? ConsentGiven);

public sealed record CivilOrderReplacementResponse(Guid ByOrderId, DateOnly On);

public sealed record ActiveOrderResponse(
    Guid OrderId,
    CivilOrderKind Kind,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    IReadOnlyList<ProhibitionResponse> Prohibitions);

/// <summary>Intelligence items, listed without their text, significance reason or handling conditions.</summary>
public sealed record IntelligenceResponse(
    IReadOnlyList<IntelligenceItemResponse> Items,
    int Count,
    int SignificantCount,
    DateOnly? LatestReceivedOn);

public sealed record IntelligenceItemResponse(
    Guid IntelligenceId,
    DateOnly ReceivedOn,
    IntelligenceSourceKind Source,
    IntelligenceGradingResponse Grading,
    bool Significant,
    DateTimeOffset RecordedAt);

/// <param name="Code">The grading as officers write it: <c>2/B/P</c>.</param>
public sealed record IntelligenceGradingResponse(
    int SourceEvaluation,
    string IntelligenceAssessment,
    string HandlingCode,
    string Code);

public sealed record CorrectionResponse(
    long CorrectsVersion,
    string CorrectsType,
    bool Withdrawn,
    string Reason,
    DateTimeOffset RecordedAt,
    string RecordedBy);

/// <param name="Open">The open obligations, in the order they were opened.</param>
/// <param name="Flags">The flags the policies raise (e.g. GroomingRisk).</param>
/// <param name="SignificantEvents">The significant events on the record, with the entry that recorded each.</param>
public sealed record ComplianceResponse(
    IReadOnlyList<ObligationResponse> Open,
    IReadOnlyList<string> Flags,
    IReadOnlyList<PpnResponse> Ppns,
    IReadOnlyList<SignificantEventResponse> SignificantEvents);

public sealed record SignificantEventResponse(SignificantEventKind Kind, DateTimeOffset At, long Version);

/// <summary>A PPN and where it stands; the children's and carer's identities are not in it.</summary>
public sealed record PpnResponse(
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
    PpnSubmissionResponse? Submission,
    IReadOnlyList<PpnReviewCheckResponse> ReviewChecks,
    DateTimeOffset? ReviewedAt,
    IReadOnlyList<PpnShareResponse> Shares,
    IReadOnlyList<PpnReviewCheck> OutstandingChecks);

public sealed record PpnSubmissionResponse(
    DateTimeOffset SubmittedAt,
    string MashReference,
    OfficerResponse SubmittedBy,
    ActorResponse RecordedBy);

public sealed record PpnReviewCheckResponse(
    PpnReviewCheck Check,
    string Finding,
    ActorResponse CheckedBy,
    DateTimeOffset CheckedAt);

public sealed record PpnShareResponse(
    IReadOnlyList<string> Agencies,
    DateTimeOffset SharedAt,
    string Purpose,
    ActorResponse RecordedBy);

public sealed record CustodyReleaseResponse(DateOnly ReleasedOn, string Establishment, bool OnLicence);

/// <param name="All">Shares of the partner summary with partner agencies, active and ended.</param>
public sealed record SharesResponse(IReadOnlyList<ShareResponse> All);

public sealed record ShareResponse(
    Guid ShareId,
    PartnerAgency Agency,
    string Purpose,
    int? ServesLevel,
    Guid? ServesMeetingId,
    DateTimeOffset Until,
    ActorResponse GrantedBy,
    DateTimeOffset GrantedAt,
    ShareEndResponse? Ended);

public sealed record ShareEndResponse(ShareEndKind Kind, string? Reason, ActorResponse RecordedBy, DateTimeOffset At);
