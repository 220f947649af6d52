using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>Record that a drafted SHPO or SRO application was made to a court.</summary>
public static class ApplyForCivilOrder
{
    public sealed record Request(Guid? OrderId, string? Court, DateOnly? AppliedOn)
    {
        public static Request Example => new(Guid.Parse("0196b3a0-0000-7000-8000-000000000001"), "Demotown Magistrates' Court", new DateOnly(2026, 11, 20));
    }

    public sealed record Command(Guid OrderId, string Court, DateOnly AppliedOn);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("orders/applications", "ApplyForCivilOrder", "Record the application for a drafted SHPO or SRO", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var orderId = v.Required("orderId", request.OrderId);
        var court = v.Text("court", request.Court, 200);
        var appliedOn = v.PastDate("appliedOn", request.AppliedOn, now.Today);
        return v.IsValid ? (new Command(orderId, court, appliedOn), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var (order, refusal) = CivilOrderLookup.Find(offender, command.OrderId, CivilOrderStatus.Drafted, "only a drafted order can be applied for");
        if (refusal is not null)
            return refusal;
        return Decision.Record(new CivilOrderAppliedFor(command.OrderId, order!.Kind, command.Court, command.AppliedOn, actor, now.Moment), command.OrderId);
    }
}
