using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Orders;

/// <summary>
/// Calls to the commands on an existing offender, as a client makes them (If-Match, Idempotency-Key), and the
/// reads tests check them with. Shared by the disclosure, breach and order tests.
/// </summary>
public sealed class OffenderCalls(ApiFactory api)
{
    public HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    public HttpClient Supervisor => api.ClientFor(Roles.Supervisor, "DS Test Supervisor");

    public DateTimeOffset Now => api.Time.GetUtcNow();

    public DateOnly Today => Clock.Today(api.Time);

    public Task<(Guid Id, string ETag)> RegisterAsync() => OffenderRequests.RegisterAsync(Manager);

    public async Task<HttpResponseMessage> PostAsync(Guid offenderId, string etag, string path, JsonObject body, HttpClient? client = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{offenderId}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await (client ?? Manager).SendAsync(request);
    }

    /// <summary>Posts a command that must succeed; answers the id it recorded and the new ETag.</summary>
    public async Task<(Guid Id, string ETag)> RecordAsync(Guid offenderId, string etag, string path, JsonObject body, HttpClient? client = null)
    {
        var response = await PostAsync(offenderId, etag, path, body, client);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (answer!["id"]!.GetValue<Guid>(), response.Headers.ETag!.Tag);
    }

    public Task<long> EventCountAsync(Guid offenderId) =>
        api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{offenderId}'");

    public async Task<JsonObject> SummaryAsync(Guid offenderId) => (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{offenderId}"))!;

    /// <summary>Every obligation on the record, open and closed, with the record's version.</summary>
    public async Task<JsonObject> ObligationsAsync(Guid offenderId) => (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{offenderId}/obligations"))!;

    public async Task<JsonObject> NewestEntryAsync(Guid offenderId) =>
        (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{offenderId}/timeline"))!["entries"]![0]!.AsObject();

    public static async Task<IReadOnlyCollection<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ToList();
    }

    public static IReadOnlyList<string> Flags(JsonObject summary) => summary["flags"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
