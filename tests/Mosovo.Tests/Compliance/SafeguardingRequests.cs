using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Tests.Orders;

namespace Mosovo.Tests.Compliance;

/// <summary>Valid PPN request bodies that tests change one field at a time, and the reads the PPN, breach, notification and order policy tests check.</summary>
public static class SafeguardingRequests
{
    public static readonly string[] AllChecks =
        ["InformationComplete", "ImmediateSafeguardingInPlace", "PoliceRecordsContextAdded", "CrimesRecorded", "SharingNecessaryAndProportionate"];

    public static JsonObject Submission(Guid ppnId, DateTimeOffset submittedAt) => new()
    {
        ["ppnId"] = ppnId,
        ["submittedAt"] = submittedAt.ToString("O"),
        ["mashReference"] = "MASH/2026/0042",
        ["submittedBy"] = new JsonObject { ["id"] = "DC1234", ["name"] = "DC Test Manager" },
    };

    public static JsonObject Review(Guid ppnId, DateTimeOffset checkedAt, params string[] checks) => new()
    {
        ["ppnId"] = ppnId,
        ["checks"] = new JsonArray((checks.Length == 0 ? AllChecks : checks)
            .Select(c => (JsonNode)new JsonObject { ["check"] = c, ["finding"] = $"Done: {c}." }).ToArray()),
        ["checkedAt"] = checkedAt.ToString("O"),
    };

    public static JsonObject Share(Guid ppnId, DateTimeOffset sharedAt) => new()
    {
        ["ppnId"] = ppnId,
        ["agencies"] = new JsonArray("Demotown Primary School", "Health Visiting Service"),
        ["sharedAt"] = sharedAt.ToString("O"),
        ["purpose"] = "Strategy discussion: both children are seen at school and by the health visitor.",
    };

    /// <summary>The PPNs on the offender's summary.</summary>
    public static async Task<JsonArray> PpnsAsync(OffenderCalls calls, Guid offenderId) =>
        (await calls.SummaryAsync(offenderId))["compliance"]!["ppns"]!.AsArray();

    /// <summary>The compliance queue's items for one offender, as a supervisor sees them.</summary>
    public static async Task<IReadOnlyList<JsonObject>> QueueAsync(OffenderCalls calls, Guid offenderId, string? kind = null)
    {
        var query = $"/compliance/queue?offenderId={offenderId}&pageSize=200" + (kind is null ? "" : $"&kind={kind}");
        var queue = (await calls.Supervisor.GetFromJsonAsync<JsonObject>(query))!;
        return queue["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    public static JsonObject Item(IReadOnlyList<JsonObject> items, string key) => items.Single(i => i["key"]!.GetValue<string>() == key);

    public static DateTimeOffset Due(JsonObject item) => item["dueAt"]!.GetValue<DateTimeOffset>();

    public static bool Overdue(JsonObject item) => item["overdue"]!.GetValue<bool>();
}
