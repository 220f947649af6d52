using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Compliance;

/// <summary>Reads of the compliance queue and of an offender's obligations, for the ARMS and visit policy tests.</summary>
internal sealed class ArmsVisitsQueueCalls(ApiFactory api)
{
    public HttpClient Supervisor => api.ClientFor(Roles.Supervisor, "DS Queue Supervisor");

    /// <summary>The queue's items for one offender and kind, as a supervisor sees them (optionally overdue or not).</summary>
    public async Task<IReadOnlyList<JsonObject>> ItemsAsync(Guid offenderId, string kind, bool? overdue = null)
    {
        var query = $"/compliance/queue?offenderId={offenderId}&kind={kind}" + (overdue is { } o ? $"&overdue={(o ? "true" : "false")}" : "");
        var queue = await Supervisor.GetFromJsonAsync<JsonObject>(query);
        return queue!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    /// <summary>An obligation (open or closed) on the offender's record, by key.</summary>
    public async Task<JsonObject> ObligationAsync(Guid offenderId, string key)
    {
        var record = await Supervisor.GetFromJsonAsync<JsonObject>($"/offenders/{offenderId}/obligations");
        return record!["obligations"]!.AsArray().Select(o => o!.AsObject()).Single(o => o["key"]!.GetValue<string>() == key);
    }

    public static string Day(DateTimeOffset moment) => Clock.DayOf(moment).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
