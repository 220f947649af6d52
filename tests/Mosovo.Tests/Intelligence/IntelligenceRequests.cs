using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mosovo.Tests.Intelligence;

/// <summary>A valid intelligence item that tests change one field at a time, and a way to send it.</summary>
public static class IntelligenceRequests
{
    /// <summary>Words that appear only in the item's text, so a test can look for the text anywhere.</summary>
    public const string SecretText = "Seen with two children at Quillfeather Park on Tuesday";

    public const string SecretReason = "Possible unnotified contact with children near Zebedee Lane";

    public const string SecretConditions = "Not to be shared beyond the Ravensworth MOSOVO unit";

    public static JsonObject Item(bool significant = true) => new()
    {
        ["receivedOn"] = "2026-06-14",
        ["source"] = new JsonObject { ["kind"] = "PartnerAgency", ["agencyName"] = "Probation Service" },
        ["grading"] = new JsonObject { ["sourceEvaluation"] = 2, ["intelligenceAssessment"] = "B", ["handlingCode"] = "P" },
        ["text"] = SecretText,
        ["significant"] = significant,
        ["significanceReason"] = significant ? SecretReason : null,
    };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid offenderId, string etag, JsonObject body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{offenderId}/intelligence") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }
}
