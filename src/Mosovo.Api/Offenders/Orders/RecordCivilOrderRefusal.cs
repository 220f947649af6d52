using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>Record that the court refused an SHPO or SRO application, and why.</summary>
public static class RecordCivilOrderRefusal
{
    public sealed record Request(Guid? OrderId, DateOnly? RefusedOn, [FreeText] string? Reason)
    {
        public static Request Example => new(Guid.Parse("0196b3a0-0000-7000-8000-000000000001"), new DateOnly(2026, 12, 4),
            "The court was not satisfied that the prohibitions sought were necessary; the risk management plan is being complied with.");
    }

    public sealed record Command(Guid OrderId, DateOnly RefusedOn, string Reason);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("orders/refusals", "RecordCivilOrderRefusal", "Record that the court refused an SHPO or SRO", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var orderId = v.Required("orderId", request.OrderId);
        var refusedOn = v.PastDate("refusedOn", request.RefusedOn, now.Today);
        var reason = v.Text("reason", request.Reason, 4000);
        return v.IsValid ? (new Command(orderId, refusedOn, reason), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var (order, refusal) = CivilOrderLookup.Find(offender, command.OrderId, CivilOrderStatus.AppliedFor, "only an order applied for and not yet decided can be refused");
        if (refusal is not null)
            return refusal;
        if (command.RefusedOn < order!.Application!.AppliedOn)
            return Decision.Refuse("refusedOn", $"cannot be before the application was made ({CivilOrderRules.Day(order.Application.AppliedOn)}).");
        return Decision.Record(new CivilOrderRefused(command.OrderId, order.Kind, command.RefusedOn, command.Reason, actor, now.Moment), command.OrderId);
    }
}
