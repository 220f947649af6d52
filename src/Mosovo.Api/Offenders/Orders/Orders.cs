using System.Globalization;
using Mosovo.Api.Http;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Offenders;

// Civil orders under Part 2 of the Sexual Offences Act 2003: the sexual harm prevention order (SHPO,
// ss.103A-103K) and the sexual risk order (SRO, ss.122A-122K). One order id runs through its life:
// drafted, applied for, then granted or refused; a granted order may be varied and discharged, and a new
// order of the same kind replaces it. Dates are UK calendar days; EndsOn is the last day an order (or a
// prohibition) has effect. (An SHPO made on conviction is made under the Sentencing Act 2020, with the same
// duration and discharge rules; recording one without an application is not covered here yet.)

public enum CivilOrderKind
{
    /// <summary>Sexual harm prevention order.</summary>
    Shpo,

    /// <summary>Sexual risk order.</summary>
    Sro,
}

public enum CivilOrderStatus
{
    Drafted,
    AppliedFor,

    /// <summary>Granted by the court (and perhaps varied since); see <see cref="CivilOrder.InForceOn"/> for a given day.</summary>
    Granted,
    Refused,
    Discharged,

    /// <summary>Ceased to have effect because the court made a new order of the same kind.</summary>
    Replaced,
}

/// <summary>A prohibition as the court worded it.</summary>
/// <param name="EndsOn">Its own last day, when it ends before the order does; null: as long as the order.</param>
/// <param name="IsForeignTravel">A prohibition on foreign travel, which is for a fixed period of at most 5 years.</param>
public sealed record OrderProhibition(string Text, DateOnly? EndsOn, bool IsForeignTravel);

public sealed record CivilOrderApplication(string Court, DateOnly AppliedOn);

/// <param name="GrantedOn">The day the court made the order.</param>
/// <param name="StartsOn">The day it takes effect (the day it was made, or later, e.g. on release).</param>
public sealed record CivilOrderGrant(string Court, DateOnly GrantedOn, DateOnly StartsOn);

/// <summary>The order's end and prohibitions from a day on (the grant, or a variation), until superseded by a variation.</summary>
/// <param name="EndsOn">The order's last day; null while it has effect until further order.</param>
/// <param name="SupersededOn">The day a variation replaced these terms; null for the terms in effect now.</param>
public sealed record CivilOrderTerms(DateOnly EffectiveFrom, DateOnly? SupersededOn, DateOnly? EndsOn, IReadOnlyList<OrderProhibition> Prohibitions)
{
    public bool UntilFurtherOrder => EndsOn is null;
}

public sealed record CivilOrderVariation(string Court, DateOnly VariedOn, bool ProhibitionsChanged, bool EndChanged, string? Reason);

public sealed record CivilOrderRefusal(DateOnly RefusedOn, string Reason);

/// <param name="ConsentGiven">Whether the defendant and the chief officer consented, when the law asks for it (null when not stated).</param>
public sealed record CivilOrderDischarge(string Court, DateOnly DischargedOn, string Reason, bool? ConsentGiven);

public sealed record CivilOrderReplacement(Guid ByOrderId, DateOnly On);

/// <summary>One SHPO or SRO, from draft to its end.</summary>
/// <param name="Terms">The end date and prohibitions in effect now (after any variation); null until granted.</param>
/// <param name="EarlierTerms">Terms replaced by variations, oldest first, kept because a breach is judged by the terms of its day.</param>
public sealed record CivilOrder(
    Guid OrderId,
    CivilOrderKind Kind,
    CivilOrderStatus Status,
    string Grounds,
    IReadOnlyList<string> ProposedProhibitions,
    DateTimeOffset DraftedAt,
    CivilOrderApplication? Application,
    CivilOrderGrant? Grant,
    CivilOrderTerms? Terms,
    IReadOnlyList<CivilOrderTerms> EarlierTerms,
    IReadOnlyList<CivilOrderVariation> Variations,
    CivilOrderRefusal? Refusal,
    CivilOrderDischarge? Discharge,
    CivilOrderReplacement? ReplacedBy)
{
    /// <summary>The day the order stopped having effect early (discharged or replaced), if it did.</summary>
    public DateOnly? StoppedOn => Discharge?.DischargedOn ?? ReplacedBy?.On;

    /// <summary>The terms in effect on <paramref name="day"/>: the grant's, or a later variation's.</summary>
    public CivilOrderTerms? TermsOn(DateOnly day) =>
        new[] { Terms }.Concat(EarlierTerms).FirstOrDefault(t => t is not null && t.EffectiveFrom <= day && (t.SupersededOn is null || day < t.SupersededOn));

    /// <summary>
    /// Whether the order had effect on <paramref name="day"/>: granted, started, not past its end, and not yet
    /// discharged or replaced (a discharge or replacement takes effect on its day).
    /// </summary>
    public bool InForceOn(DateOnly day)
    {
        if (Grant is null || Status is not (CivilOrderStatus.Granted or CivilOrderStatus.Discharged or CivilOrderStatus.Replaced))
            return false;
        if (day < Grant.StartsOn || (StoppedOn is { } stopped && day >= stopped))
            return false;
        return TermsOn(day) is { } terms && (terms.EndsOn is null || day <= terms.EndsOn);
    }

    /// <summary>The prohibitions that had effect on <paramref name="day"/>.</summary>
    public IReadOnlyList<OrderProhibition> ProhibitionsOn(DateOnly day)
    {
        return InForceOn(day) && TermsOn(day) is { } terms
            ? terms.Prohibitions.Where(p => p.EndsOn is null || day <= p.EndsOn).ToList()
            : [];
    }

    public string Name => CivilOrderRules.Name(Kind);
}

/// <summary>A granted order that has not been discharged or replaced, with the prohibitions of its current terms.</summary>
public sealed record ActiveOrder(Guid OrderId, CivilOrderKind Kind, DateOnly StartsOn, DateOnly? EndsOn, IReadOnlyList<OrderProhibition> Prohibitions);

/// <summary>SHPO and SRO applications and orders.</summary>
/// <param name="All">Every order on the record, in the order drafted.</param>
public sealed record CivilOrders(IReadOnlyList<CivilOrder> All)
{
    public static readonly CivilOrders None = new([]);

    /// <summary>
    /// Orders granted and not discharged or replaced. The summary has no clock: an order whose EndsOn has passed
    /// is listed until then; <see cref="ActiveOn"/> answers for a given day.
    /// </summary>
    public IReadOnlyList<ActiveOrder> Active => All.Where(o => o.Status == CivilOrderStatus.Granted)
        .Select(o => new ActiveOrder(o.OrderId, o.Kind, o.Grant!.StartsOn, o.Terms!.EndsOn, o.Terms.Prohibitions)).ToList();

    /// <summary>
    /// Flags that need no clock. "OrderEndingSoon" depends on the day, so it comes from <see cref="FlagsOn"/>:
    /// the summary projection has no clock and would go stale (the compliance issue's order-end review uses it).
    /// </summary>
    public IReadOnlyList<string> Flags => [];

    public CivilOrder? Find(Guid orderId) => All.FirstOrDefault(o => o.OrderId == orderId);

    public IReadOnlyList<CivilOrder> ActiveOn(DateOnly day) => All.Where(o => o.InForceOn(day)).ToList();

    /// <summary>Orders in force on <paramref name="today"/> that end within <see cref="CivilOrderRules.EndingSoonDays"/> days of it.</summary>
    public IReadOnlyList<CivilOrder> EndingSoon(DateOnly today) =>
        ActiveOn(today).Where(o => o.TermsOn(today)?.EndsOn is { } ends && CivilOrderRules.EndsSoon(ends, today)).ToList();

    public IReadOnlyList<string> FlagsOn(DateOnly today) =>
        EndingSoon(today).Count > 0 ? [.. Flags, "OrderEndingSoon"] : Flags;

    internal CivilOrders With(CivilOrder order) =>
        new(All.Any(o => o.OrderId == order.OrderId) ? All.Select(o => o.OrderId == order.OrderId ? order : o).ToList() : [.. All, order]);
}

/// <summary>
/// The duration and discharge rules for SHPOs and SROs (Sexual Offences Act 2003). Pure: dates in, answers out.
/// A period of N years "beginning with" a day ends the day before its Nth anniversary; EndsOn is inclusive.
/// </summary>
public static class CivilOrderRules
{
    /// <summary>An SHPO, and each prohibition in it, has effect for a fixed period of at least 5 years, or until further order (s.103C(2)).</summary>
    public const int ShpoMinimumYears = 5;

    /// <summary>An SRO, and each prohibition in it, has effect for a fixed period of at least 2 years, or until further order (ss.122A-122C).</summary>
    public const int SroMinimumYears = 2;

    /// <summary>A prohibition on foreign travel is for a fixed period of at most 5 years, which may be extended for up to 5 years at a time (s.103D(1) and (3); the same for SROs).</summary>
    public const int ForeignTravelMaximumYears = 5;

    /// <summary>The court must not discharge an SHPO before the end of 5 years beginning with the day it was made without the defendant's and the chief officer's consent (s.103E(7)).</summary>
    public const int ShpoDischargeWithoutConsentYears = 5;

    /// <summary>The same for an SRO, after 2 years (s.122D).</summary>
    public const int SroDischargeWithoutConsentYears = 2;

    /// <summary>An order-end review falls due this many days before an order ends (docs/policies.md, "Civil order review"). Becomes configuration later.</summary>
    public const int EndingSoonDays = 90;

    public static string Name(CivilOrderKind kind) => kind == CivilOrderKind.Shpo ? "SHPO" : "SRO";

    public static int MinimumYears(CivilOrderKind kind) => kind == CivilOrderKind.Shpo ? ShpoMinimumYears : SroMinimumYears;

    /// <summary>
    /// The <paramref name="years"/>th anniversary of <paramref name="day"/>. An anniversary of 29 February in a
    /// common year falls on 1 March, so a period that begins on 29 February is never a day short.
    /// </summary>
    public static DateOnly Anniversary(DateOnly day, int years)
    {
        var year = day.Year + years;
        return day is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year) ? new DateOnly(year, 3, 1) : new DateOnly(year, day.Month, day.Day);
    }

    /// <summary>The last day of a period of <paramref name="years"/> years beginning with <paramref name="start"/>.</summary>
    public static DateOnly LastDayOfYears(DateOnly start, int years) => Anniversary(start, years).AddDays(-1);

    /// <summary>The earliest last day for an order (or a prohibition in it) of this kind that starts on <paramref name="startsOn"/>.</summary>
    public static DateOnly EarliestEnd(CivilOrderKind kind, DateOnly startsOn) => LastDayOfYears(startsOn, MinimumYears(kind));

    /// <summary>The latest last day for a foreign travel prohibition whose period begins on <paramref name="from"/>.</summary>
    public static DateOnly LatestForeignTravelEnd(DateOnly from) => LastDayOfYears(from, ForeignTravelMaximumYears);

    /// <summary>
    /// Whether discharging on <paramref name="dischargedOn"/> needs the defendant's and the chief officer's consent:
    /// before the end of 5 (SHPO) or 2 (SRO) years beginning with the day the order was made. An SHPO whose only
    /// prohibitions are all on foreign travel is exempt (s.103E(8)).
    /// </summary>
    public static bool DischargeNeedsConsent(CivilOrderKind kind, DateOnly madeOn, DateOnly dischargedOn, bool onlyForeignTravel)
    {
        if (kind == CivilOrderKind.Shpo && onlyForeignTravel)
            return false;
        var years = kind == CivilOrderKind.Shpo ? ShpoDischargeWithoutConsentYears : SroDischargeWithoutConsentYears;
        return dischargedOn <= LastDayOfYears(madeOn, years);
    }

    /// <summary>Whether an order ending on <paramref name="endsOn"/> ends within <see cref="EndingSoonDays"/> days of <paramref name="today"/>.</summary>
    public static bool EndsSoon(DateOnly endsOn, DateOnly today) => endsOn.DayNumber - today.DayNumber <= EndingSoonDays;

    /// <summary>
    /// Checks new terms (a grant's, or a variation's) against the minimum and foreign travel rules, naming the
    /// fields of the request. <paramref name="from"/> is the day the terms take effect (the start, or the
    /// variation's day); minimums count from the order's start, <paramref name="startsOn"/>.
    /// </summary>
    /// <param name="prohibitions">The new prohibitions, or null when they are not changing (a variation of the end only).</param>
    public static Validation CheckTerms(
        CivilOrderKind kind, DateOnly startsOn, DateOnly from, DateOnly? endsOn, IReadOnlyList<OrderProhibition>? prohibitions)
    {
        var v = new Validation();
        var earliest = EarliestEnd(kind, startsOn);
        var minimum = $"an {Name(kind)} has effect for at least {MinimumYears(kind)} years from its start ({Day(startsOn)}), or until further order";
        if (endsOn < earliest)
            v.Add("endsOn", $"must be on or after {Day(earliest)}: {minimum}.");
        else if (endsOn < from)
            v.Add("endsOn", $"cannot be before {Day(from)}, the day these terms take effect.");

        var latestForeignTravel = LatestForeignTravelEnd(from > startsOn ? from : startsOn);
        for (var i = 0; i < (prohibitions?.Count ?? 0); i++)
        {
            var prohibition = prohibitions![i];
            if (prohibition.EndsOn is not { } ends)
                continue;
            var field = string.Create(CultureInfo.InvariantCulture, $"prohibitions[{i}].endsOn");
            if (ends > endsOn)
                v.Add(field, $"cannot be after the order ends ({Day(endsOn.Value)}).");
            else if (ends < from)
                v.Add(field, $"cannot be before {Day(from)}, the day these terms take effect.");
            else if (prohibition.IsForeignTravel && ends > latestForeignTravel)
                v.Add(field, $"must be on or before {Day(latestForeignTravel)}: a prohibition on foreign travel is for at most {ForeignTravelMaximumYears} years at a time.");
            else if (!prohibition.IsForeignTravel && ends < earliest)
                v.Add(field, $"must be on or after {Day(earliest)}: each prohibition in {minimum} (a foreign travel prohibition excepted).");
        }

        return v;
    }

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>Finding the order a command names, and refusing (400 naming orderId) when it is missing or in the wrong state.</summary>
public static class CivilOrderLookup
{
    /// <param name="rule">What the command needs, in words, e.g. "only an order applied for and not yet decided can be granted".</param>
    public static (CivilOrder? Order, Decision? Refusal) Find(Offender offender, Guid orderId, CivilOrderStatus expected, string rule)
    {
        if (offender.Orders.Find(orderId) is not { } order)
            return (null, Decision.Refuse("orderId", $"there is no civil order {orderId} on this record."));
        return order.Status == expected
            ? (order, null)
            : (null, Decision.Refuse("orderId", $"is an {order.Name} that {Describe(order)}: {rule}."));
    }

    public static string Describe(CivilOrder order) => order.Status switch
    {
        CivilOrderStatus.Drafted => "is drafted and not yet applied for",
        CivilOrderStatus.AppliedFor => $"was applied for on {CivilOrderRules.Day(order.Application!.AppliedOn)} and is awaiting the court's decision",
        CivilOrderStatus.Granted => $"was granted on {CivilOrderRules.Day(order.Grant!.GrantedOn)}",
        CivilOrderStatus.Refused => $"was refused on {CivilOrderRules.Day(order.Refusal!.RefusedOn)}",
        CivilOrderStatus.Discharged => $"was discharged on {CivilOrderRules.Day(order.Discharge!.DischargedOn)}",
        _ => $"was replaced by a later order on {CivilOrderRules.Day(order.ReplacedBy!.On)}",
    };
}

public sealed record CivilOrderDrafted(
    Guid OrderId,
    CivilOrderKind Kind,
    string Grounds,
    IReadOnlyList<string> ProposedProhibitions,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => RecordedAt;

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"Drafted an {CivilOrderRules.Name(Kind)} application with {ProposedProhibitions.Count} proposed prohibition{(ProposedProhibitions.Count == 1 ? "" : "s")}");

    public Offender Apply(Offender offender) => offender with
    {
        Orders = offender.Orders.With(new CivilOrder(OrderId, Kind, CivilOrderStatus.Drafted, Grounds, ProposedProhibitions, RecordedAt,
            null, null, null, [], [], null, null, null)),
    };
}

public sealed record CivilOrderAppliedFor(
    Guid OrderId,
    CivilOrderKind Kind,
    string Court,
    DateOnly AppliedOn,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(AppliedOn);

    public string Summary => $"Applied for an {CivilOrderRules.Name(Kind)} at {Court}";

    public Offender Apply(Offender offender) => offender.Orders.Find(OrderId) is { } order
        ? offender with { Orders = offender.Orders.With(order with { Status = CivilOrderStatus.AppliedFor, Application = new CivilOrderApplication(Court, AppliedOn) }) }
        : offender;
}

/// <param name="EndsOn">The order's last day; null: until further order.</param>
/// <param name="Replaces">Earlier orders of the same kind that cease to have effect because this one was made.</param>
public sealed record CivilOrderGranted(
    Guid OrderId,
    CivilOrderKind Kind,
    string Court,
    DateOnly GrantedOn,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    IReadOnlyList<OrderProhibition> Prohibitions,
    IReadOnlyList<Guid> Replaces,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(GrantedOn);

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{CivilOrderRules.Name(Kind)} granted at {Court}: {Prohibitions.Count} prohibition{(Prohibitions.Count == 1 ? "" : "s")}, from {CivilOrderRules.Day(StartsOn)} {(EndsOn is { } ends ? "to " + CivilOrderRules.Day(ends) : "until further order")}");

    public Offender Apply(Offender offender)
    {
        if (offender.Orders.Find(OrderId) is not { } order)
            return offender;
        var orders = offender.Orders.With(order with
        {
            Status = CivilOrderStatus.Granted,
            Grant = new CivilOrderGrant(Court, GrantedOn, StartsOn),
            Terms = new CivilOrderTerms(StartsOn, null, EndsOn, Prohibitions),
        });
        foreach (var replaced in Replaces)
        {
            if (orders.Find(replaced) is { Status: CivilOrderStatus.Granted } earlier)
                orders = orders.With(earlier with { Status = CivilOrderStatus.Replaced, ReplacedBy = new CivilOrderReplacement(OrderId, GrantedOn) });
        }

        return offender with { Orders = orders };
    }
}

public sealed record CivilOrderRefused(
    Guid OrderId,
    CivilOrderKind Kind,
    DateOnly RefusedOn,
    string Reason,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(RefusedOn);

    public string Summary => $"{CivilOrderRules.Name(Kind)} application refused: {Reason}";

    public Offender Apply(Offender offender) => offender.Orders.Find(OrderId) is { } order
        ? offender with { Orders = offender.Orders.With(order with { Status = CivilOrderStatus.Refused, Refusal = new CivilOrderRefusal(RefusedOn, Reason) }) }
        : offender;
}

/// <summary>A variation (or renewal) by the court. Unchanged parts are left out.</summary>
/// <param name="Prohibitions">The prohibitions as varied, in full; null when the court did not change them.</param>
/// <param name="EndsOn">A new last day, when the court set one.</param>
/// <param name="UntilFurtherOrder">True when the court made the order last until further order.</param>
public sealed record CivilOrderVaried(
    Guid OrderId,
    CivilOrderKind Kind,
    string Court,
    DateOnly VariedOn,
    IReadOnlyList<OrderProhibition>? Prohibitions,
    DateOnly? EndsOn,
    bool UntilFurtherOrder,
    string? Reason,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(VariedOn);

    public string Summary => $"{CivilOrderRules.Name(Kind)} varied at {Court}: " + string.Join(", ", new[]
    {
        Prohibitions is null ? null : string.Create(CultureInfo.InvariantCulture, $"{Prohibitions.Count} prohibition{(Prohibitions.Count == 1 ? "" : "s")} now"),
        EndsOn is { } ends ? "now ends " + CivilOrderRules.Day(ends) : null,
        UntilFurtherOrder ? "now until further order" : null,
    }.Where(part => part is not null));

    public bool EndChanged => EndsOn is not null || UntilFurtherOrder;

    public Offender Apply(Offender offender)
    {
        if (offender.Orders.Find(OrderId) is not { Terms: { } current } order)
            return offender;
        var terms = new CivilOrderTerms(VariedOn, null, EndChanged ? EndsOn : current.EndsOn, Prohibitions ?? current.Prohibitions);
        return offender with
        {
            Orders = offender.Orders.With(order with
            {
                Terms = terms,
                EarlierTerms = [.. order.EarlierTerms, current with { SupersededOn = VariedOn }],
                Variations = [.. order.Variations, new CivilOrderVariation(Court, VariedOn, Prohibitions is not null, EndChanged, Reason)],
            }),
        };
    }
}

public sealed record CivilOrderDischarged(
    Guid OrderId,
    CivilOrderKind Kind,
    string Court,
    DateOnly DischargedOn,
    string Reason,
    bool? ConsentGiven,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(DischargedOn);

    public string Summary => $"{CivilOrderRules.Name(Kind)} discharged at {Court}: {Reason}";

    public Offender Apply(Offender offender) => offender.Orders.Find(OrderId) is { } order
        ? offender with { Orders = offender.Orders.With(order with { Status = CivilOrderStatus.Discharged, Discharge = new CivilOrderDischarge(Court, DischargedOn, Reason, ConsentGiven) }) }
        : offender;
}

public static class OrdersArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<CivilOrderDrafted>("civil-order-drafted")
        .Register<CivilOrderAppliedFor>("civil-order-applied-for")
        .Register<CivilOrderGranted>("civil-order-granted")
        .Register<CivilOrderRefused>("civil-order-refused")
        .Register<CivilOrderVaried>("civil-order-varied")
        .Register<CivilOrderDischarged>("civil-order-discharged");

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders)
    {
        DraftCivilOrder.Map(offenders);
        ApplyForCivilOrder.Map(offenders);
        RecordCivilOrderGrant.Map(offenders);
        RecordCivilOrderRefusal.Map(offenders);
        RecordCivilOrderVariation.Map(offenders);
        RecordCivilOrderDischarge.Map(offenders);
        return offenders;
    }
}
