using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Compliance;

/// <summary>
/// The calls the compliance queue, waiver, review and figures tests make: offenders on a caseload of the test's
/// own (a team and manager no other test uses, so tests sharing a database do not see each other's items),
/// single-officer visits that open review items, and reads of the queue.
/// </summary>
public sealed class ComplianceQueueCalls(ApiFactory api)
{
    public const string ReviewKind = "SingleOfficerVisitReview";

    public HttpClient Supervisor => api.ClientFor(Roles.Supervisor, "DS Test Supervisor");

    public HttpClient Recorder => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    public DateTimeOffset Now => api.Time.GetUtcNow();

    /// <summary>An offender manager whose token carries their warrant number, as offenders are allocated by it.</summary>
    public HttpClient ManagerWithOfficerId(string officerId) => api.ClientFor(Roles.OffenderManager, $"DC {officerId}", officerId: officerId);

    /// <summary>A team name no other test uses.</summary>
    public static string NewTeam() => "Team " + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A manager's warrant number no other test uses.</summary>
    public static string NewManagerId() => "DC" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);

    public async Task<(Guid Id, string ETag)> RegisterAsync(string managerId, string team, string familyName = "Fictional")
    {
        var body = OffenderRequests.Registration();
        body["manager"] = new JsonObject { ["id"] = managerId, ["name"] = $"DC Manager {managerId}" };
        body["team"] = team;
        body["name"] = new JsonObject { ["givenNames"] = "Test", ["familyName"] = familyName };
        return await OffenderRequests.RegisterAsync(Recorder, body);
    }

    public async Task<HttpResponseMessage> PostAsync(Guid offenderId, string etag, string path, JsonObject body, HttpClient? client = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{offenderId}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await (client ?? Recorder).SendAsync(request);
    }

    /// <summary>Posts a command that must succeed; answers the new ETag.</summary>
    public async Task<string> RecordAsync(Guid offenderId, string etag, string path, JsonObject body, HttpClient? client = null)
    {
        var response = await PostAsync(offenderId, etag, path, body, client);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.ETag!.Tag;
    }

    /// <summary>A visit by one officer, made an hour ago by default: answers the visit's version and the new ETag.</summary>
    public async Task<(long Version, string ETag)> SingleOfficerVisitAsync(Guid offenderId, string etag, DateTimeOffset? visitedAt = null, string officerId = "DC1234")
    {
        var body = OffenderRequests.SingleOfficerVisit(visitedAt ?? Now.AddHours(-1));
        body["officers"] = new JsonArray(new JsonObject { ["id"] = officerId, ["name"] = $"DC Visiting {officerId}" });
        var newETag = await RecordAsync(offenderId, etag, "visits", body);
        return (await VisitVersionAsync(offenderId), newETag);
    }

    public Task<string> TwoOfficerVisitAsync(Guid offenderId, string etag, DateTimeOffset? visitedAt = null) =>
        RecordAsync(offenderId, etag, "visits", OffenderRequests.TwoOfficerVisit(visitedAt ?? Now.AddHours(-1)));

    /// <summary>A supervisor's review of a single-officer visit.</summary>
    public static JsonObject Review(long visitVersion, string outcome = "AdviceGiven", string comments = "Reason accepted; a second officer must attend next time.") => new()
    {
        ["visitVersion"] = visitVersion,
        ["outcome"] = outcome,
        ["comments"] = comments,
    };

    public static JsonObject Waiver(string key, string? reason = "Offender in hospital; the visit will be reviewed with the next one.") => new()
    {
        ["key"] = key,
        ["reason"] = reason,
    };

    public static string ReviewKey(long visitVersion) => $"single-officer-visit-review:{visitVersion}";

    public async Task<JsonObject> QueueAsync(string query = "", HttpClient? client = null)
    {
        var response = await (client ?? Supervisor).GetAsync("/compliance/queue" + query);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET /compliance/queue{query} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static IReadOnlyList<JsonObject> Items(JsonObject queue) => queue["items"]!.AsArray().Select(i => i!.AsObject()).ToList();

    public static IReadOnlyList<string> Keys(JsonObject queue) => Items(queue).Select(i => $"{i["offenderId"]!.GetValue<string>()}/{i["key"]!.GetValue<string>()}").ToList();

    public async Task<JsonObject> SummaryAsync(Guid offenderId) => (await Supervisor.GetFromJsonAsync<JsonObject>($"/offenders/{offenderId}"))!;

    /// <summary>Every obligation on the record, open and closed, with the record's version.</summary>
    public async Task<JsonObject> ObligationsAsync(Guid offenderId) => (await Supervisor.GetFromJsonAsync<JsonObject>($"/offenders/{offenderId}/obligations"))!;

    public static IReadOnlyList<string> Flags(JsonObject summary) => summary["flags"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();

    public static IReadOnlyList<JsonObject> Obligations(JsonObject record, string kind) =>
        record["obligations"]!.AsArray().Select(o => o!.AsObject()).Where(o => o["kind"]!.GetValue<string>() == kind).ToList();

    public Task<long> EventCountAsync(Guid offenderId) =>
        api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{offenderId}'");

    private async Task<long> VisitVersionAsync(Guid offenderId) =>
        Obligations(await ObligationsAsync(offenderId), ReviewKind).Max(o => o["openedByVersion"]!.GetValue<long>());

    public static async Task<IReadOnlyCollection<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ToList();
    }
}
