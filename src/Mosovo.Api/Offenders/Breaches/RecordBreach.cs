using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Record a breach of the notification requirements, of an SHPO or SRO prohibition, or of the risk management
/// plan: when, who reported it, how it came to light and the evidence. A breach of an order names the order and
/// the prohibition, which must have been in force on the day. A supervisor's decision then falls due.
/// </summary>
public static class RecordBreach
{
    public sealed record ReportedByBody(BreachReporterKind? Kind, string? Name, string? Agency);

    /// <param name="Prohibition">For a breach of an order: the prohibition breached, worded as in the order (case and spacing ignored).</param>
    public sealed record Request(
        BreachKind? Kind,
        Guid? OrderId,
        [FreeText] string? Prohibition,
        DateOnly? OccurredOn,
        ReportedByBody? ReportedBy,
        [FreeText] string? HowItCameToLight,
        [FreeText] string? Evidence)
    {
        public static Request Example => new(
            BreachKind.NotificationRequirement, null, null, new DateOnly(2026, 11, 18),
            new ReportedByBody(BreachReporterKind.Officer, "DC Alex Example", null),
            "Unannounced home visit: a second phone was found that had not been notified.",
            "Phone seized, exhibit AE/1; photographs of the device; the offender's account recorded in the officer's notebook.");
    }

    public sealed record Command(
        BreachKind Kind, Guid? OrderId, string? Prohibition, DateOnly OccurredOn, BreachReporter ReportedBy, string HowItCameToLight, string Evidence);

    public const string DecisionAdvice = "A supervisor's decision on this breach is now due.";

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("breaches", "RecordBreach", "Record a breach of notification requirements, an order or the risk management plan", Validate, Decide);

    public static bool IsOrderBreach(BreachKind? kind) => kind is BreachKind.ShpoProhibition or BreachKind.SroProhibition;

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var kind = v.Required("kind", request.Kind);
        Guid? orderId = null;
        string? prohibition = null;
        if (IsOrderBreach(request.Kind))
        {
            orderId = v.Required("orderId", request.OrderId);
            prohibition = v.Text("prohibition", request.Prohibition, 2000);
        }
        else if (request.Kind is not null)
        {
            if (request.OrderId is not null) v.Add("orderId", "applies only to a breach of an SHPO or SRO prohibition.");
            if (!string.IsNullOrWhiteSpace(request.Prohibition)) v.Add("prohibition", "applies only to a breach of an SHPO or SRO prohibition.");
        }

        var occurredOn = v.PastDate("occurredOn", request.OccurredOn, now.Today);
        var reporter = v.Required("reportedBy", request.ReportedBy);
        var reporterKind = v.Required("reportedBy.kind", reporter?.Kind);
        var name = v.Text("reportedBy.name", reporter?.Name, 200);
        var agency = reporter?.Kind == BreachReporterKind.PartnerAgency
            ? v.Text("reportedBy.agency", reporter.Agency, 200)
            : v.OptionalText("reportedBy.agency", reporter?.Agency, 200);
        var how = v.Text("howItCameToLight", request.HowItCameToLight, 4000);
        var evidence = v.Text("evidence", request.Evidence, 8000);

        return v.IsValid
            ? (new Command(kind, orderId, prohibition, occurredOn, new BreachReporter(reporterKind, name, agency), how, evidence), v)
            : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var prohibition = command.Prohibition;
        if (command.OrderId is { } orderId)
        {
            var expected = command.Kind == BreachKind.ShpoProhibition ? CivilOrderKind.Shpo : CivilOrderKind.Sro;
            if (offender.Orders.Find(orderId) is not { } order)
                return Decision.Refuse("orderId", $"there is no civil order {orderId} on this record.");
            if (order.Kind != expected)
                return Decision.Refuse("orderId", $"is an {order.Name}, not an {CivilOrderRules.Name(expected)}: check the order or the kind of breach.");
            if (!order.InForceOn(command.OccurredOn))
                return Decision.Refuse("orderId", $"was not in force on {CivilOrderRules.Day(command.OccurredOn)} (the {order.Name} {CivilOrderLookup.Describe(order)}).");

            var inForce = order.ProhibitionsOn(command.OccurredOn);
            var match = inForce.FirstOrDefault(p => RecordCivilOrderGrant.Normalise(p.Text) == RecordCivilOrderGrant.Normalise(command.Prohibition!));
            if (match is null)
            {
                return Decision.Refuse("prohibition", $"is not one of the {order.Name}'s prohibitions in force on {CivilOrderRules.Day(command.OccurredOn)}: "
                    + string.Join(" | ", inForce.Select(p => p.Text)));
            }

            prohibition = match.Text;
        }

        var breachId = Guid.CreateVersion7();
        return Decision.Record(new BreachRecorded(breachId, command.Kind, command.OrderId, prohibition, command.OccurredOn, command.ReportedBy,
            command.HowItCameToLight, command.Evidence, actor, now.Moment), breachId, DecisionAdvice);
    }
}
