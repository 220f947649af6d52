using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mosovo.Tests.Offenders;

/// <summary>Valid request bodies that tests change one field at a time.</summary>
public static class OffenderRequests
{
    public static JsonObject Registration() => new()
    {
        ["name"] = new JsonObject { ["givenNames"] = "Test", ["familyName"] = "Fictional" },
        ["aliases"] = new JsonArray("T. Fictional"),
        ["dateOfBirth"] = "1980-04-01",
        ["address"] = new JsonObject { ["line1"] = "1 Example Street", ["town"] = "Demotown", ["postcode"] = "ZZ1 1AA" },
        ["offence"] = "Fictional offence for tests",
        ["convictionDate"] = "2020-05-01",
        ["sentence"] = new JsonObject { ["kind"] = "Custodial", ["custodialMonths"] = 36 },
        ["pncId"] = "2019/0123456A",
        ["mappaCategory"] = 1,
        ["manager"] = new JsonObject { ["id"] = "DC1234", ["name"] = "DC Test Manager" },
        ["team"] = "North MOSOVO",
    };

    public static JsonObject TwoOfficerVisit(DateTimeOffset at) => new()
    {
        ["visitedAt"] = at.ToString("O"),
        ["officers"] = new JsonArray(
            new JsonObject { ["id"] = "DC1234", ["name"] = "DC Test Manager" },
            new JsonObject { ["id"] = "PC5678", ["name"] = "PC Second Officer" }),
        ["kind"] = "Unannounced",
        ["entryGained"] = true,
        ["personsSeen"] = new JsonArray(new JsonObject { ["name"] = "Test Fictional", ["relationship"] = "offender", ["isChild"] = false }),
        ["observations"] = "Address as notified.",
    };

    public static JsonObject SingleOfficerVisit(DateTimeOffset at, bool entryGained = true)
    {
        var visit = TwoOfficerVisit(at);
        visit["officers"] = new JsonArray(new JsonObject { ["id"] = "DC1234", ["name"] = "DC Test Manager" });
        visit["singleOfficerReason"] = "Second officer called to an emergency.";
        visit["entryGained"] = entryGained;
        return visit;
    }

    public static async Task<(Guid Id, string ETag)> RegisterAsync(HttpClient client, JsonObject? body = null)
    {
        var response = await client.PostAsJsonAsync("/offenders", body ?? Registration());
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (Guid.Parse(created!["offenderId"]!.GetValue<string>()), response.Headers.ETag!.Tag);
    }
}
