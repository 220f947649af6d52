using Mosovo.Api.Compliance;
using Mosovo.Api.Hosting;

namespace Mosovo.Api.Offenders;

/// <summary>
/// What a MAPPA partner agency reads of an offender: chosen field by field here, never by hiding fields of the
/// officers' summary. In: the identity needed to recognise the person, risk levels, MAPPA category and level,
/// active orders and their prohibitions, the offender manager's contact, the kinds and dates of recent
/// significant events, and open safeguarding actions (in fixed words, with their due times). Never: the
/// address, intelligence, visit observations or concerns, the identity of children, carers, partners or
/// informants, disclosures' contents, or any officer's free text other than order prohibitions.
/// </summary>
public sealed record PartnerSummary(
    Guid OffenderId,
    string Reference,
    NameResponse Name,
    IReadOnlyList<string> Aliases,
    DateOnly DateOfBirth,
    string? PncId,
    bool RegistrationEnded,
    PartnerSummary.RiskLevels Risk,
    PartnerSummary.Mappa MappaStatus,
    IReadOnlyList<PartnerSummary.Order> ActiveOrders,
    PartnerSummary.Manager OffenderManager,
    IReadOnlyList<PartnerSummary.SignificantEvent> RecentSignificantEvents,
    IReadOnlyList<PartnerSummary.SafeguardingAction> OpenSafeguardingActions,
    PartnerSummary.Share SharedWith)
{
    /// <summary>The latest ARMS assessment's levels, and its day.</summary>
    public sealed record RiskLevels(RiskLevel? RiskOfSeriousHarm, RiskLevel? RiskOfReconviction, DateOnly? AssessedOn);

    public sealed record Mappa(int Category, int? Level, DateOnly? NextMeetingOn);

    public sealed record Order(CivilOrderKind Kind, string Name, DateOnly StartsOn, DateOnly? EndsOn, IReadOnlyList<string> Prohibitions);

    /// <summary>Who manages the offender: the officer's name and number, and their team.</summary>
    public sealed record Manager(string Name, string OfficerId, string Team);

    public sealed record SignificantEvent(SignificantEventKind Kind, DateOnly On);

    /// <param name="Action">What is due, in fixed words that name no one.</param>
    public sealed record SafeguardingAction(ObligationKind Kind, string Action, DateTimeOffset DueAt, bool Overdue);

    /// <summary>The share this read is made under.</summary>
    public sealed record Share(Guid ShareId, PartnerAgency Agency, string Purpose, int? ServesLevel, Guid? ServesMeetingId, DateTimeOffset Until);

    /// <summary>The obligations a partner is told of, with the words they are told them in.</summary>
    public static readonly IReadOnlyDictionary<ObligationKind, string> SafeguardingActions = new Dictionary<ObligationKind, string>
    {
        [ObligationKind.PpnSubmission] = "Police protection notice to children's social care",
        [ObligationKind.RiskDisclosureDecision] = "Decision on a risk disclosure to a parent or carer",
        [ObligationKind.ArmsReviewAfterSignificantEvent] = "ARMS risk assessment review after a significant event",
        [ObligationKind.ConsiderCivilOrder] = "Consideration of an SHPO or SRO application",
        [ObligationKind.BreachDecision] = "Supervisor's decision on a breach",
    };

    /// <summary>The partner summary of <paramref name="offender"/> as read at <paramref name="now"/> under <paramref name="share"/>.</summary>
    public static PartnerSummary From(Offender offender, PartnerShare share, DateTimeOffset now, TimeSpan recentEvents)
    {
        ArgumentNullException.ThrowIfNull(offender);
        ArgumentNullException.ThrowIfNull(share);
        var today = Clock.DayOf(now);
        var latest = offender.Risk.Latest;
        return new PartnerSummary(
            offender.Id,
            offender.Identity.Reference,
            NameResponse.From(offender.Identity.Name),
            offender.Identity.Aliases,
            offender.Identity.DateOfBirth,
            offender.Identity.PncId,
            offender.Registration.EndedOn is not null,
            new RiskLevels(latest?.RiskOfSeriousHarm, latest?.RiskOfReconviction, latest?.AssessedOn),
            new Mappa(offender.Mappa.Category, offender.Mappa.Level, offender.Mappa.NextMeetingOn),
            offender.Orders.ActiveOn(today)
                .Select(o => new Order(o.Kind, o.Name, o.Grant!.StartsOn, o.TermsOn(today)?.EndsOn, o.ProhibitionsOn(today).Select(p => p.Text).ToList()))
                .ToList(),
            new Manager(offender.Allocation.Manager.Name, offender.Allocation.Manager.Id, offender.Allocation.Team),
            offender.Compliance.SignificantEvents
                .Where(e => e.At >= now - recentEvents && e.At <= now)
                .OrderByDescending(e => e.At)
                .Select(e => new SignificantEvent(e.Kind, Clock.DayOf(e.At)))
                .ToList(),
            offender.Compliance.Open
                .Where(o => SafeguardingActions.ContainsKey(o.Kind))
                .OrderBy(o => o.DueAt)
                .Select(o => new SafeguardingAction(o.Kind, SafeguardingActions[o.Kind], o.DueAt, o.IsOverdueAt(now)))
                .ToList(),
            new Share(share.ShareId, share.Agency, share.Purpose, share.ServesLevel, share.ServesMeetingId, share.Until));
    }
}
