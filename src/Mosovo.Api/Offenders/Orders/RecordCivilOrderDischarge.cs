using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Record that the court discharged a granted SHPO or SRO. Before the end of 5 years (SHPO) or 2 years (SRO)
/// beginning with the day the order was made, the court may discharge it only with the consent of the defendant
/// and the chief officer of police (Sexual Offences Act 2003 s.103E(7) and (8), s.122D): then consentGiven is required.
/// </summary>
public static class RecordCivilOrderDischarge
{
    public sealed record Request(
        Guid? OrderId,
        string? Court,
        DateOnly? DischargedOn,
        [FreeText] string? Reason,
        bool? ConsentGiven)
    {
        public static Request Example => new(Guid.Parse("0196b3a0-0000-7000-8000-000000000001"), "Demotown Magistrates' Court", new DateOnly(2032, 1, 10),
            "The court was satisfied the order is no longer necessary to protect the public from sexual harm.", null);
    }

    public sealed record Command(Guid OrderId, string Court, DateOnly DischargedOn, string Reason, bool? ConsentGiven);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("orders/discharges", "RecordCivilOrderDischarge", "Record that the court discharged an SHPO or SRO", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var orderId = v.Required("orderId", request.OrderId);
        var court = v.Text("court", request.Court, 200);
        var dischargedOn = v.PastDate("dischargedOn", request.DischargedOn, now.Today);
        var reason = v.Text("reason", request.Reason, 4000);
        return v.IsValid ? (new Command(orderId, court, dischargedOn, reason, request.ConsentGiven), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var (order, refusal) = CivilOrderLookup.Find(offender, command.OrderId, CivilOrderStatus.Granted, "only a granted order still in force can be discharged");
        if (refusal is not null)
            return refusal;
        var grant = order!.Grant!;
        var lastChange = order.Variations.Count > 0 ? order.Variations[^1].VariedOn : grant.GrantedOn;
        if (command.DischargedOn < lastChange)
            return Decision.Refuse("dischargedOn", $"cannot be before {CivilOrderRules.Day(lastChange)}, when the order was last granted or varied.");
        if (order.Terms!.EndsOn is { } ended && command.DischargedOn > ended)
            return Decision.Refuse("dischargedOn", $"is after the order ended ({CivilOrderRules.Day(ended)}): an order that has ended needs no discharge.");

        var onlyForeignTravel = order.Terms.Prohibitions.All(p => p.IsForeignTravel);
        if (CivilOrderRules.DischargeNeedsConsent(order.Kind, grant.GrantedOn, command.DischargedOn, onlyForeignTravel) && command.ConsentGiven != true)
        {
            var years = order.Kind == CivilOrderKind.Shpo ? CivilOrderRules.ShpoDischargeWithoutConsentYears : CivilOrderRules.SroDischargeWithoutConsentYears;
            return Decision.Refuse("consentGiven", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"must be true: before {CivilOrderRules.Day(CivilOrderRules.Anniversary(grant.GrantedOn, years))} ({years} years beginning with the day the {order.Name} was made) the court may discharge it only with the consent of the defendant and the chief officer of police."));
        }

        return Decision.Record(new CivilOrderDischarged(command.OrderId, order.Kind, command.Court, command.DischargedOn, command.Reason,
            command.ConsentGiven, actor, now.Moment), command.OrderId);
    }
}
