using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Sharing;

/// <summary>Share bodies, partner clients and partner reads.</summary>
public static class SharingRequests
{
    public const string SharesPath = "mappa/shares";
    public const string RevocationsPath = "mappa/shares/revocations";
    public const string Purpose = "MAPPA level 2 meeting 19 June: risk management plan review";

    public static JsonObject Grant(DateTimeOffset until, string agency = "ChildrensSocialCare", int? servesLevel = 2) => new()
    {
        ["agency"] = agency,
        ["purpose"] = "Safeguarding the partner's children under the MAPPA level 2 plan.",
        ["servesLevel"] = servesLevel,
        ["until"] = until.ToString("O"),
    };

    public static JsonObject Revocation(Guid shareId) => new() { ["shareId"] = shareId, ["reason"] = "The relationship has ended." };

    public static HttpClient Supervisor(ApiFactory api) => api.ClientFor(Roles.Supervisor, "DS Test Supervisor");

    public static HttpClient Partner(ApiFactory api, string agency = "ChildrensSocialCare", string name = "SW Alex Social") =>
        api.ClientFor(Roles.MappaPartner, name, team: null, agency: agency);

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid offenderId, string path, string etag, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{offenderId}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    /// <summary>Grants a share and answers its id and the record's new ETag.</summary>
    public static async Task<(Guid ShareId, string ETag)> GrantAsync(ApiFactory api, Guid offenderId, string etag, DateTimeOffset until, string agency = "ChildrensSocialCare")
    {
        var response = await PostAsync(Supervisor(api), offenderId, SharesPath, etag, Grant(until, agency));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (body!["id"]!.GetValue<Guid>(), response.Headers.ETag!.Tag);
    }

    public static async Task<HttpResponseMessage> ReadAsync(HttpClient partner, Guid offenderId, string? purpose = Purpose, string? correlationId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/partner/offenders/{offenderId}");
        if (purpose is not null) request.Headers.Add("Access-Purpose", purpose);
        if (correlationId is not null) request.Headers.Add("X-Correlation-Id", correlationId);
        return await partner.SendAsync(request);
    }
}
