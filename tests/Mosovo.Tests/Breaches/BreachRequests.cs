using System.Text.Json.Nodes;
using Mosovo.Tests.Orders;

namespace Mosovo.Tests.Breaches;

/// <summary>Valid breach request bodies that tests change one field at a time.</summary>
public static class BreachRequests
{
    public static JsonObject NotificationBreach(DateOnly occurredOn) => new()
    {
        ["kind"] = "NotificationRequirement",
        ["occurredOn"] = OffenderCalls.Day(occurredOn),
        ["reportedBy"] = new JsonObject { ["kind"] = "Officer", ["name"] = "DC Test Manager" },
        ["howItCameToLight"] = "Unannounced visit: a second phone that had not been notified.",
        ["evidence"] = "Phone seized, exhibit TM/1.",
    };

    public static JsonObject OrderBreach(Guid orderId, string prohibition, DateOnly occurredOn, string kind = "ShpoProhibition") => new()
    {
        ["kind"] = kind,
        ["orderId"] = orderId,
        ["prohibition"] = prohibition,
        ["occurredOn"] = OffenderCalls.Day(occurredOn),
        ["reportedBy"] = new JsonObject { ["kind"] = "PartnerAgency", ["name"] = "Sam Teacher", ["agency"] = "Demotown Primary School" },
        ["howItCameToLight"] = "Seen talking to pupils at the school gate.",
        ["evidence"] = "Statement from the head teacher; CCTV requested.",
    };

    public static JsonObject Decision(Guid breachId, string outcome, DateTimeOffset decidedAt, string? reason = null) => new()
    {
        ["breachId"] = breachId,
        ["outcome"] = outcome,
        ["reason"] = reason,
        ["decidedAt"] = decidedAt.ToString("O"),
    };
}
