using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Record that the court varied (or renewed) a granted SHPO or SRO: new prohibitions (the full list as varied)
/// and/or a new end (a last day, or until further order). The minimum periods still count from the order's
/// original start; the terms before the variation are kept, because a breach is judged by the terms of its day.
/// </summary>
public static class RecordCivilOrderVariation
{
    public sealed record Request(
        Guid? OrderId,
        string? Court,
        DateOnly? VariedOn,
        IReadOnlyList<RecordCivilOrderGrant.ProhibitionBody>? Prohibitions,
        DateOnly? EndsOn,
        bool? UntilFurtherOrder,
        [FreeText] string? Reason)
    {
        public static Request Example => new(
            Guid.Parse("0196b3a0-0000-7000-8000-000000000001"), "Demotown Magistrates' Court", new DateOnly(2027, 6, 1),
            [new RecordCivilOrderGrant.ProhibitionBody("Not to have any contact with any child under 16 unless supervised by an adult approved by the police.", null, null)],
            null, null, "Application by the chief officer after contact with a child was disclosed.");
    }

    /// <param name="Prohibitions">The full list as varied, or null when unchanged.</param>
    public sealed record Command(
        Guid OrderId, string Court, DateOnly VariedOn, IReadOnlyList<OrderProhibition>? Prohibitions, DateOnly? EndsOn, bool UntilFurtherOrder, string? Reason);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("orders/variations", "RecordCivilOrderVariation", "Record that the court varied or renewed an SHPO or SRO", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var orderId = v.Required("orderId", request.OrderId);
        var court = v.Text("court", request.Court, 200);
        var variedOn = v.PastDate("variedOn", request.VariedOn, now.Today);
        var endsOn = RecordCivilOrderGrant.ValidateEnd(v, request.EndsOn, request.UntilFurtherOrder, required: false);
        var prohibitions = RecordCivilOrderGrant.ValidateProhibitions(v, request.Prohibitions, required: false);
        if (request.Prohibitions is null && request.EndsOn is null && request.UntilFurtherOrder != true)
            v.Add("prohibitions", "say what the court changed: the prohibitions as varied, a new endsOn, or untilFurtherOrder.");
        var reason = v.OptionalText("reason", request.Reason, 4000);
        return v.IsValid
            ? (new Command(orderId, court, variedOn, prohibitions, endsOn, request.UntilFurtherOrder == true, reason), v)
            : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var (order, refusal) = CivilOrderLookup.Find(offender, command.OrderId, CivilOrderStatus.Granted, "only a granted order still in force can be varied");
        if (refusal is not null)
            return refusal;
        var grant = order!.Grant!;
        var current = order.Terms!;
        var lastChange = order.Variations.Count > 0 ? order.Variations[^1].VariedOn : grant.GrantedOn;
        if (command.VariedOn < lastChange)
            return Decision.Refuse("variedOn", $"cannot be before {CivilOrderRules.Day(lastChange)}, when the order was last granted or varied.");
        if (current.EndsOn is { } ended && command.VariedOn > ended)
            return Decision.Refuse("orderId", $"ended on {CivilOrderRules.Day(ended)}: an order that has ended cannot be varied or renewed; apply for a new one.");

        var endsOn = command.UntilFurtherOrder ? null : command.EndsOn ?? current.EndsOn;
        var terms = CivilOrderRules.CheckTerms(order.Kind, grant.StartsOn, command.VariedOn, endsOn, command.Prohibitions);
        if (command.Prohibitions is null && endsOn is { } newEnd)
        {
            // The prohibitions are kept as they are: the new end must not cut any of them short.
            var cut = current.Prohibitions.FirstOrDefault(p => p.EndsOn > newEnd);
            if (cut is not null)
                terms.Add("endsOn", $"is before a prohibition ends ({CivilOrderRules.Day(cut.EndsOn!.Value)}): send the prohibitions as varied too.");
        }

        if (!terms.IsValid)
            return new Decision([], null, [], terms);

        return Decision.Record(new CivilOrderVaried(command.OrderId, order.Kind, command.Court, command.VariedOn, command.Prohibitions,
            command.UntilFurtherOrder ? null : command.EndsOn, command.UntilFurtherOrder, command.Reason, actor, now.Moment), command.OrderId);
    }
}
