using System.Globalization;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Offenders;

// A MAPPA share: a supervisor lets a partner agency read the offender's partner summary, for a stated purpose,
// serving a MAPPA level or meeting, until a set moment. The share ends when it is revoked or when its time runs
// out; ShareExpiry records the expiry on the stream, but access ends at Until whether or not it has yet.

/// <summary>
/// The agencies a share can name. A <c>MappaPartner</c> token's <c>agency</c> claim must name one of these
/// (case ignored) for its holder to see anything.
/// </summary>
public enum PartnerAgency
{
    Probation,
    Prisons,
    ChildrensSocialCare,
    AdultSocialCare,
    Health,
    Housing,
    YouthJustice,
    Education,
}

public enum ShareEndKind
{
    Revoked,
    Expired,
}

/// <summary>How a share ended: revoked by a supervisor (with the reason), or expired at its until.</summary>
public sealed record ShareEnd(ShareEndKind Kind, string? Reason, Actor RecordedBy, DateTimeOffset At);

/// <summary>A share of the partner summary with one agency.</summary>
/// <param name="ServesLevel">The MAPPA level the share serves, when it serves a level.</param>
/// <param name="ServesMeetingId">The MAPPA meeting the share serves, when it serves a meeting.</param>
public sealed record PartnerShare(
    Guid ShareId,
    PartnerAgency Agency,
    string Purpose,
    int? ServesLevel,
    Guid? ServesMeetingId,
    DateTimeOffset Until,
    Actor GrantedBy,
    DateTimeOffset GrantedAt,
    ShareEnd? Ended)
{
    /// <summary>Active: not revoked, and its until is still ahead (a share that ends at T is not active at T).</summary>
    public bool IsActiveAt(DateTimeOffset moment) => Ended is not { Kind: ShareEndKind.Revoked } && moment < Until;
}

public sealed record PartnerShares(IReadOnlyList<PartnerShare> All)
{
    public static readonly PartnerShares None = new([]);

    public PartnerShare? Find(Guid shareId) => All.FirstOrDefault(s => s.ShareId == shareId);

    /// <summary>The agency's active share that lasts longest, if any.</summary>
    public PartnerShare? ActiveFor(PartnerAgency agency, DateTimeOffset moment) =>
        All.Where(s => s.Agency == agency && s.IsActiveAt(moment)).MaxBy(s => s.Until);

    internal PartnerShares Ending(Guid shareId, ShareEnd end) =>
        new(All.Select(s => s.ShareId == shareId && s.Ended is null ? s with { Ended = end } : s).ToList());
}

public sealed record MappaShareGranted(
    Guid ShareId,
    PartnerAgency Agency,
    string Purpose,
    int? ServesLevel,
    Guid? ServesMeetingId,
    DateTimeOffset Until,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => RecordedAt;

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"Partner summary shared with {SharingArea.Words(Agency)} until {Until:d MMMM yyyy HH:mm} UTC, serving {SharingArea.Serves(ServesLevel, ServesMeetingId)}: {Purpose}");

    public Offender Apply(Offender offender) => offender with
    {
        Shares = new PartnerShares([.. offender.Shares.All, new PartnerShare(ShareId, Agency, Purpose, ServesLevel, ServesMeetingId, Until, RecordedBy, RecordedAt, null)]),
    };
}

public sealed record MappaShareRevoked(Guid ShareId, PartnerAgency Agency, string Reason, Actor RecordedBy, DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => RecordedAt;

    public string Summary => $"Share with {SharingArea.Words(Agency)} revoked: {Reason}";

    public Offender Apply(Offender offender) => offender with
    {
        Shares = offender.Shares.Ending(ShareId, new ShareEnd(ShareEndKind.Revoked, Reason, RecordedBy, RecordedAt)),
    };
}

/// <summary>Recorded by the system (<see cref="ShareExpiry"/>) once a share's until has passed.</summary>
public sealed record MappaShareExpired(Guid ShareId, PartnerAgency Agency, DateTimeOffset Until, Actor RecordedBy, DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => Until;

    public string Summary => string.Create(CultureInfo.InvariantCulture, $"Share with {SharingArea.Words(Agency)} expired at {Until:d MMMM yyyy HH:mm} UTC");

    public Offender Apply(Offender offender) => offender with
    {
        Shares = offender.Shares.Ending(ShareId, new ShareEnd(ShareEndKind.Expired, null, RecordedBy, Until)),
    };
}

public static class SharingArea
{
    public const int MaxPurposeLength = 1000;

    public const int MaxReasonLength = 1000;

    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<MappaShareGranted>("mappa-share-granted")
        .Register<MappaShareRevoked>("mappa-share-revoked")
        .Register<MappaShareExpired>("mappa-share-expired");

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders)
    {
        GrantShare.Map(offenders);
        RevokeShare.Map(offenders);
        return offenders;
    }

    public static string Words(PartnerAgency agency) => agency switch
    {
        PartnerAgency.Probation => "the Probation Service",
        PartnerAgency.Prisons => "HM Prison Service",
        PartnerAgency.ChildrensSocialCare => "children's social care",
        PartnerAgency.AdultSocialCare => "adult social care",
        PartnerAgency.Health => "health",
        PartnerAgency.Housing => "housing",
        PartnerAgency.YouthJustice => "the youth justice service",
        PartnerAgency.Education => "education",
        _ => agency.ToString(),
    };

    public static string Serves(int? level, Guid? meetingId) => (level, meetingId) switch
    {
        ({ } l, { } m) => string.Create(CultureInfo.InvariantCulture, $"MAPPA level {l} and meeting {m}"),
        ({ } l, null) => string.Create(CultureInfo.InvariantCulture, $"MAPPA level {l}"),
        (null, { } m) => string.Create(CultureInfo.InvariantCulture, $"MAPPA meeting {m}"),
        _ => "no stated MAPPA level or meeting",
    };

    /// <summary>The agency a partner's token names, if it is one a share can name.</summary>
    public static PartnerAgency? AgencyOf(string? claim)
    {
        foreach (var agency in Enum.GetValues<PartnerAgency>())
        {
            if (string.Equals(agency.ToString(), claim, StringComparison.OrdinalIgnoreCase))
                return agency;
        }

        return null;
    }
}
