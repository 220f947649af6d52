using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Registration;

/// <summary>Valid request bodies for the registration area, and the calls its API tests make.</summary>
public static class RegistrationRequests
{
    /// <summary>Registered a year before the test clock's today (15 June 2026), so notifications can be dated in between.</summary>
    public const string RegisteredOn = "2025-06-01";

    public static JsonObject Registration()
    {
        var body = OffenderRequests.Registration();
        body["registeredOn"] = RegisteredOn;
        return body;
    }

    public static JsonObject Address(string line1 = "2 Sample Road", string postcode = "ZZ2 2BB") =>
        new() { ["line1"] = line1, ["town"] = "Demotown", ["postcode"] = postcode };

    public static JsonObject HomeAddressChange(string changedOn = "2026-06-10", string notifiedOn = "2026-06-11") => new()
    {
        ["kind"] = "HomeAddressChange",
        ["notifiedOn"] = notifiedOn,
        ["homeAddressChange"] = new JsonObject { ["address"] = Address(), ["changedOn"] = changedOn },
    };

    public static JsonObject NameChange(string changedOn = "2026-06-10", string notifiedOn = "2026-06-11") => new()
    {
        ["kind"] = "NameChange",
        ["notifiedOn"] = notifiedOn,
        ["nameChange"] = new JsonObject { ["givenNames"] = "Tess", ["familyName"] = "Renamed", ["changedOn"] = changedOn },
    };

    public static JsonObject Stay() => new()
    {
        ["kind"] = "StayAtUnnotifiedAddress",
        ["notifiedOn"] = "2026-06-07",
        ["stay"] = new JsonObject { ["address"] = Address("Flat 3, Holiday House", "ZZ3 3CC"), ["from"] = "2026-06-01", ["to"] = "2026-06-14" },
    };

    public static JsonObject Household(bool childPresent = true) => new()
    {
        ["kind"] = "HouseholdWithChild",
        ["notifiedOn"] = "2026-06-12",
        ["household"] = new JsonObject { ["address"] = Address("4 Family Close", "ZZ4 4DD"), ["from"] = "2026-06-12", ["childPresent"] = childPresent },
    };

    public static JsonObject ForeignTravel(string notifiedOn = "2026-06-15", string departureOn = "2026-07-01", string? shortNoticeReason = null)
    {
        var travel = new JsonObject { ["departureOn"] = departureOn, ["returnOn"] = "2026-07-14", ["destinationCountry"] = "France" };
        if (shortNoticeReason is not null) travel["shortNoticeReason"] = shortNoticeReason;
        return new JsonObject { ["kind"] = "ForeignTravel", ["notifiedOn"] = notifiedOn, ["foreignTravel"] = travel };
    }

    public static JsonObject WeeklyReport(string notifiedOn, string? noFixedAbodeSince = null)
    {
        var report = new JsonObject { ["place"] = "Doorway of the library, Demotown" };
        if (noFixedAbodeSince is not null) report["noFixedAbodeSince"] = noFixedAbodeSince;
        return new JsonObject { ["kind"] = "NoFixedAbodeWeeklyReport", ["notifiedOn"] = notifiedOn, ["weeklyReport"] = report };
    }

    public static JsonObject PaymentCard(string lastFourDigits = "4242") => new()
    {
        ["kind"] = "PaymentCard",
        ["notifiedOn"] = "2026-06-15",
        ["accountOrDocument"] = new JsonObject { ["change"] = "Added", ["issuer"] = "Demo Card Co", ["lastFourDigits"] = lastFourDigits, ["changedOn"] = "2026-06-14" },
    };

    public static JsonObject Passport(string number = "987654321") => new()
    {
        ["kind"] = "IdentityDocument",
        ["notifiedOn"] = "2026-06-15",
        ["accountOrDocument"] = new JsonObject
        {
            ["change"] = "Added", ["issuer"] = "United Kingdom", ["documentType"] = "Passport", ["documentNumber"] = number, ["changedOn"] = "2026-06-14",
        },
    };

    public static JsonObject AnnualNotification(string notifiedOn = "2026-06-01") => new()
    {
        ["notifiedOn"] = notifiedOn,
        ["policeStation"] = "Demotown Police Station",
    };

    public static JsonObject End(string reason = "Death", string endedOn = "2026-06-14", string? details = null)
    {
        var body = new JsonObject { ["endedOn"] = endedOn, ["reason"] = reason };
        if (details is not null) body["details"] = details;
        return body;
    }

    public static JsonObject Allocation(string managerId = "DC5678", string team = "South MOSOVO") => new()
    {
        ["manager"] = new JsonObject { ["id"] = managerId, ["name"] = "DC Sam Example" },
        ["team"] = team,
        ["reason"] = "Offender moved to the south of the force area.",
    };

    public static Task<(Guid Id, string ETag)> RegisterAsync(ApiFactory api) =>
        OffenderRequests.RegisterAsync(api.ClientFor(Mosovo.Api.Hosting.Roles.OffenderManager, "DC Test Manager"), Registration());

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid id, string etag, string path, JsonObject body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{id}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> SummaryAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!;

    public static async Task<JsonArray> TimelineAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline"))!["entries"]!.AsArray();

    public static Task<long> EventCountAsync(ApiFactory api, Guid id) =>
        api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'");

    public static async Task<JsonObject> ErrorsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
}
