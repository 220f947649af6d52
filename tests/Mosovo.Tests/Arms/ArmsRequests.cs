using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mosovo.Tests.Arms;

/// <summary>Valid ARMS request bodies that tests change one field at a time, and a way to send them.</summary>
public static class ArmsRequests
{
    public static JsonObject Assessment(string assessedOn = "2026-06-10", string riskOfSeriousHarm = "High", string riskOfReconviction = "Medium") => new()
    {
        ["assessedOn"] = assessedOn,
        ["assessor"] = new JsonObject { ["id"] = "DC1234", ["name"] = "DC Test Manager" },
        ["riskOfSeriousHarm"] = riskOfSeriousHarm,
        ["riskOfReconviction"] = riskOfReconviction,
        ["riskFactors"] = new JsonArray("Minimises the index offence", "Socially isolated"),
        ["protectiveFactors"] = new JsonArray("Stable employment"),
        ["riskManagementPlan"] = new JsonArray(
            new JsonObject { ["action"] = "Unannounced home visit", ["owner"] = "DC Test Manager", ["dueOn"] = "2026-07-10" },
            new JsonObject { ["action"] = "Check internet-enabled devices", ["owner"] = "North MOSOVO" }),
        ["promptedBy"] = new JsonObject { ["kind"] = "PeriodicReview" },
    };

    public static JsonObject Endorsement(Guid assessmentId, string outcome = "Endorsed", string? comments = null)
    {
        var body = new JsonObject { ["assessmentId"] = assessmentId.ToString(), ["outcome"] = outcome };
        if (comments is not null) body["comments"] = comments;
        return body;
    }

    public static Task<HttpResponseMessage> RecordAsync(HttpClient client, Guid offenderId, string etag, JsonObject body, string? idempotencyKey = null) =>
        PostAsync(client, $"/offenders/{offenderId}/arms-assessments", etag, body, idempotencyKey);

    public static Task<HttpResponseMessage> EndorseAsync(HttpClient client, Guid offenderId, string etag, JsonObject body, string? idempotencyKey = null) =>
        PostAsync(client, $"/offenders/{offenderId}/arms-endorsements", etag, body, idempotencyKey);

    /// <summary>Records an assessment that must succeed; answers its id and the new ETag.</summary>
    public static async Task<(Guid AssessmentId, string ETag)> RecordedAsync(HttpClient client, Guid offenderId, string etag, JsonObject? body = null)
    {
        var response = await RecordAsync(client, offenderId, etag, body ?? Assessment());
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (created!["id"]!.GetValue<Guid>(), response.Headers.ETag!.Tag);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string etag, JsonObject body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }
}
