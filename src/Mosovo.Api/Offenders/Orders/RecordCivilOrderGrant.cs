using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Record that the court granted an SHPO or SRO applied for: the prohibitions (each may end earlier than the
/// order), the start, and the end or "until further order". The minimum periods are checked (an SHPO at least
/// 5 years, an SRO at least 2, for the order and each prohibition; a foreign travel prohibition at most 5 years).
/// A new order replaces an earlier order of the same kind that has not ended (s.103C(6) for SHPOs; the same for SROs).
/// </summary>
public static class RecordCivilOrderGrant
{
    public sealed record ProhibitionBody([FreeText] string? Text, DateOnly? EndsOn, bool? IsForeignTravel);

    public sealed record Request(
        Guid? OrderId,
        string? Court,
        DateOnly? GrantedOn,
        DateOnly? StartsOn,
        DateOnly? EndsOn,
        bool? UntilFurtherOrder,
        IReadOnlyList<ProhibitionBody>? Prohibitions)
    {
        public static Request Example => new(
            Guid.Parse("0196b3a0-0000-7000-8000-000000000001"), "Demotown Magistrates' Court", new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 4),
            new DateOnly(2031, 12, 3), null,
            [new ProhibitionBody("Not to have unsupervised contact with any child under 16 without the prior written consent of the child's parent or guardian who knows of his convictions.", null, null),
             new ProhibitionBody("Not to travel outside the United Kingdom.", new DateOnly(2028, 12, 3), true)]);
    }

    public sealed record Command(Guid OrderId, string Court, DateOnly GrantedOn, DateOnly StartsOn, DateOnly? EndsOn, IReadOnlyList<OrderProhibition> Prohibitions);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("orders/grants", "RecordCivilOrderGrant", "Record that the court granted an SHPO or SRO", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var orderId = v.Required("orderId", request.OrderId);
        var court = v.Text("court", request.Court, 200);
        var grantedOn = v.PastDate("grantedOn", request.GrantedOn, now.Today);
        var startsOn = v.Required("startsOn", request.StartsOn);
        if (request.StartsOn < request.GrantedOn)
            v.Add("startsOn", "cannot be before the order was granted.");
        // An order may start on release; no release is further off than the longest custodial term the register takes
        // (and the minimum length counted from a start near 9999 would not be a date at all).
        if (request.StartsOn > now.Today.AddMonths(RegisterOffender.MaxCustodialMonths))
            v.Add("startsOn", "cannot be more than 100 years ahead.");
        var endsOn = ValidateEnd(v, request.EndsOn, request.UntilFurtherOrder);
        var prohibitions = ValidateProhibitions(v, request.Prohibitions, required: true);
        return v.IsValid ? (new Command(orderId, court, grantedOn, startsOn, endsOn, prohibitions!), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var (order, refusal) = CivilOrderLookup.Find(offender, command.OrderId, CivilOrderStatus.AppliedFor, "only an order applied for and not yet decided can be granted");
        if (refusal is not null)
            return refusal;
        if (command.GrantedOn < order!.Application!.AppliedOn)
            return Decision.Refuse("grantedOn", $"cannot be before the application was made ({CivilOrderRules.Day(order.Application.AppliedOn)}).");
        var terms = CivilOrderRules.CheckTerms(order.Kind, command.StartsOn, command.StartsOn, command.EndsOn, command.Prohibitions);
        if (!terms.IsValid)
            return new Decision([], null, [], terms);

        var replaced = offender.Orders.All
            .Where(o => o.Kind == order.Kind && o.Status == CivilOrderStatus.Granted && o.OrderId != order.OrderId
                && o.Grant!.GrantedOn <= command.GrantedOn && (o.Terms!.EndsOn is null || o.Terms.EndsOn >= command.GrantedOn))
            .ToList();
        var granted = new CivilOrderGranted(command.OrderId, order.Kind, command.Court, command.GrantedOn, command.StartsOn, command.EndsOn,
            command.Prohibitions, replaced.Select(o => o.OrderId).ToList(), actor, now.Moment);
        var advice = replaced.Select(o =>
            $"This {order.Name} replaces the {o.Name} granted on {CivilOrderRules.Day(o.Grant!.GrantedOn)}, which ceased to have effect when this one was made.").ToArray();
        return Decision.Record(granted, command.OrderId, advice);
    }

    /// <summary>Either a last day or "until further order", not both.</summary>
    internal static DateOnly? ValidateEnd(Validation v, DateOnly? endsOn, bool? untilFurtherOrder, bool required = true)
    {
        if (endsOn is not null && untilFurtherOrder == true)
            v.Add("untilFurtherOrder", "cannot be set with endsOn: give one or the other.");
        else if (required && endsOn is null && untilFurtherOrder != true)
            v.Add("endsOn", "is required, or set untilFurtherOrder for an order that has effect until further order.");
        return endsOn;
    }

    internal static List<OrderProhibition>? ValidateProhibitions(Validation v, IReadOnlyList<ProhibitionBody>? bodies, bool required)
    {
        if (bodies is null && !required)
            return null;
        var list = v.List("prohibitions", bodies, DraftCivilOrder.MaxProhibitions, required: true);
        var prohibitions = new List<OrderProhibition>();
        for (var i = 0; i < list.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"prohibitions[{i}]");
            var body = v.Required(field, list[i]);
            var text = v.Text(field + ".text", body?.Text, 2000);
            var foreignTravel = body?.IsForeignTravel ?? false;
            if (foreignTravel && body?.EndsOn is null)
                v.Add(field + ".endsOn", string.Create(CultureInfo.InvariantCulture,
                    $"is required for a prohibition on foreign travel: it is for a fixed period of at most {CivilOrderRules.ForeignTravelMaximumYears} years."));
            prohibitions.Add(new OrderProhibition(text, body?.EndsOn, foreignTravel));
        }

        if (prohibitions.Select(p => p.Text).Where(t => t.Length > 0).GroupBy(Normalise, StringComparer.Ordinal).Any(g => g.Count() > 1))
            v.Add("prohibitions", "lists the same prohibition twice.");
        return prohibitions;
    }

    /// <summary>Prohibitions compared as officers would: case and spacing ignored.</summary>
    public static string Normalise(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
