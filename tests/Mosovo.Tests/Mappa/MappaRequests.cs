using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mosovo.Tests.Mappa;

/// <summary>Valid MAPPA request bodies that tests change one field at a time, and a way to send them.</summary>
public static class MappaRequests
{
    public const string CategoryPath = "mappa/category";
    public const string LevelPath = "mappa/level";
    public const string MeetingsPath = "mappa/meetings";

    public static JsonObject Category(int category = 2) => new() { ["category"] = category, ["reason"] = "Convicted of a violent offence while registered." };

    public static JsonObject Level(int level = 2, string decidedOn = "2026-06-12") => new()
    {
        ["level"] = level,
        ["reason"] = "Needs children's social care and probation at the table.",
        ["decidedOn"] = decidedOn,
    };

    public static JsonObject Meeting(string heldOn = "2026-06-12", int level = 2, string? nextMeetingOn = "2026-09-04") => new()
    {
        ["heldOn"] = heldOn,
        ["level"] = level,
        ["agencies"] = new JsonArray("Police", "Probation Service", "Children's Social Care"),
        ["outcomeSummary"] = "Risk to the partner's children agreed as high; disclosure to the partner agreed.",
        ["nextMeetingOn"] = nextMeetingOn,
        ["actions"] = new JsonArray(
            new JsonObject { ["action"] = "Make the risk disclosure to the partner", ["owner"] = "Police", ["dueOn"] = "2026-06-14" },
            new JsonObject { ["action"] = "Review the licence conditions", ["owner"] = "Probation Service" }),
    };

    /// <summary>A valid body for each MAPPA endpoint, for tests that run across all of them.</summary>
    public static JsonObject For(string path) => path switch
    {
        CategoryPath => Category(),
        LevelPath => Level(),
        _ => Meeting(),
    };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid offenderId, string path, string etag, JsonObject body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{offenderId}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }
}
