using System.Text.Json.Nodes;

namespace Mosovo.Tests.Orders;

/// <summary>Valid civil order request bodies that tests change one field at a time.</summary>
public static class OrderRequests
{
    public const string NoUnsupervisedContact = "Not to have unsupervised contact with any child under 16.";
    public const string NoInternetWithoutHistory = "Not to use any device that can access the internet unless it keeps its history.";
    public const string NoForeignTravel = "Not to travel outside the United Kingdom.";

    public static JsonObject Draft(string kind = "Shpo") => new()
    {
        ["kind"] = kind,
        ["grounds"] = "Found twice with unsupervised access to children since conviction.",
        ["proposedProhibitions"] = new JsonArray(NoUnsupervisedContact, NoInternetWithoutHistory),
    };

    public static JsonObject Application(Guid orderId, DateOnly appliedOn) => new()
    {
        ["orderId"] = orderId,
        ["court"] = "Demotown Magistrates' Court",
        ["appliedOn"] = OffenderCalls.Day(appliedOn),
    };

    /// <summary>A grant starting on <paramref name="grantedOn"/>, for the minimum period of its kind unless <paramref name="endsOn"/> says otherwise.</summary>
    public static JsonObject Grant(Guid orderId, DateOnly grantedOn, DateOnly? endsOn, params string[] prohibitions) => new()
    {
        ["orderId"] = orderId,
        ["court"] = "Demotown Magistrates' Court",
        ["grantedOn"] = OffenderCalls.Day(grantedOn),
        ["startsOn"] = OffenderCalls.Day(grantedOn),
        ["endsOn"] = endsOn is { } ends ? OffenderCalls.Day(ends) : null,
        ["untilFurtherOrder"] = endsOn is null ? true : null,
        ["prohibitions"] = new JsonArray((prohibitions.Length == 0 ? [NoUnsupervisedContact, NoInternetWithoutHistory] : prohibitions)
            .Select(p => (JsonNode)new JsonObject { ["text"] = p }).ToArray()),
    };

    public static JsonObject Refusal(Guid orderId, DateOnly refusedOn) => new()
    {
        ["orderId"] = orderId,
        ["refusedOn"] = OffenderCalls.Day(refusedOn),
        ["reason"] = "Not satisfied the prohibitions were necessary.",
    };

    public static JsonObject Variation(Guid orderId, DateOnly variedOn, params string[] prohibitions) => new()
    {
        ["orderId"] = orderId,
        ["court"] = "Demotown Magistrates' Court",
        ["variedOn"] = OffenderCalls.Day(variedOn),
        ["prohibitions"] = new JsonArray(prohibitions.Select(p => (JsonNode)new JsonObject { ["text"] = p }).ToArray()),
        ["reason"] = "Chief officer's application after new child contact.",
    };

    public static JsonObject Discharge(Guid orderId, DateOnly dischargedOn, bool? consentGiven) => new()
    {
        ["orderId"] = orderId,
        ["court"] = "Demotown Magistrates' Court",
        ["dischargedOn"] = OffenderCalls.Day(dischargedOn),
        ["reason"] = "No longer necessary to protect the public.",
        ["consentGiven"] = consentGiven,
    };

    public enum Stage
    {
        Drafted,
        AppliedFor,
        Granted,
        Refused,
        Discharged,
    }

    /// <summary>A new offender with one order at <paramref name="stage"/>: applied for 10 days ago, granted 5 days ago until further order.</summary>
    public static async Task<(Guid OffenderId, string ETag, Guid OrderId)> OrderAtAsync(OffenderCalls calls, Stage stage, string kind = "Shpo")
    {
        var (offenderId, etag) = await calls.RegisterAsync();
        var (orderId, next) = await calls.RecordAsync(offenderId, etag, "orders", Draft(kind));
        if (stage == Stage.Drafted)
            return (offenderId, next, orderId);
        (_, next) = await calls.RecordAsync(offenderId, next, "orders/applications", Application(orderId, calls.Today.AddDays(-10)));
        if (stage == Stage.AppliedFor)
            return (offenderId, next, orderId);
        if (stage == Stage.Refused)
            return (offenderId, (await calls.RecordAsync(offenderId, next, "orders/refusals", Refusal(orderId, calls.Today.AddDays(-5)))).ETag, orderId);
        (_, next) = await calls.RecordAsync(offenderId, next, "orders/grants", Grant(orderId, calls.Today.AddDays(-5), null));
        if (stage == Stage.Granted)
            return (offenderId, next, orderId);
        (_, next) = await calls.RecordAsync(offenderId, next, "orders/discharges", Discharge(orderId, calls.Today, consentGiven: true));
        return (offenderId, next, orderId);
    }
}
