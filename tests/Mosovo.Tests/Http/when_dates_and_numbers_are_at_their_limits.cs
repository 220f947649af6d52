using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Arms;
using Mosovo.Tests.Breaches;
using Mosovo.Tests.Disclosures;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Intelligence;
using Mosovo.Tests.Mappa;
using Mosovo.Tests.Offenders;
using Mosovo.Tests.Orders;
using Mosovo.Tests.Registration;
using Mosovo.Tests.Sharing;
using static Mosovo.Tests.Orders.OrderRequests;

namespace Mosovo.Tests.Http;

/// <summary>
/// Every date, moment and number of a wide set of commands at the ends of its type's range (0001-01-01, 9999-12-31,
/// int.MaxValue, ...): each answer is a 201 or a 4xx, never a 500 (a deadline counted from 9999-12-31 overflowed), and
/// whatever was recorded can still be read back in the summary, the timeline, the obligations and the queue.
/// </summary>
public sealed class when_dates_and_numbers_are_at_their_limits(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly OffenderCalls _calls = new(api);

    private static readonly string[] Days = ["\"0001-01-01\"", "\"1900-01-01\"", "\"2999-12-31\"", "\"9999-12-31\""];

    private static readonly string[] Moments =
    [
        "\"0001-01-01T00:00:00+00:00\"", "\"0001-01-01T00:00:00+14:00\"",
        "\"2999-12-31T23:59:59Z\"", "\"9999-12-31T23:59:59+00:00\"", "\"9999-12-31T23:59:59-14:00\"",
    ];

    private static readonly string[] Numbers = ["-2147483648", "-1", "0", "2147483647", "9223372036854775807", "1e400"];

    [Fact]
    public async Task a_registration_is_never_a_server_error()
    {
        var wrong = new List<string>();
        var body = RegistrationRequests.Registration();
        foreach (var (field, json) in Edges(body))
        {
            var response = await _calls.Manager.PostAsync("/offenders", Json(HostileText.WithJson(body, field, json)));
            if ((int)response.StatusCode >= 500)
                wrong.Add($"{field} = {json}: {(int)response.StatusCode}");
            else if (response.StatusCode == HttpStatusCode.Created)
                await ReadBackAsync(Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]), field, wrong);
        }

        wrong.ShouldBeEmpty();
    }

    public static TheoryData<string> Commands() => new(Bodies.Keys);

    /// <summary>Commands on an offender registered a year ago, by route, with a valid body.</summary>
    private static readonly Dictionary<string, Func<OffenderCalls, JsonObject>> Bodies = new(StringComparer.Ordinal)
    {
        ["visits"] = c => OffenderRequests.SingleOfficerVisit(c.Now.AddHours(-1)),
        ["disclosures"] = c => DisclosureRequests.ChildContact(c.Now.AddHours(-1)),
        ["disclosures (relationship)"] = c => DisclosureRequests.Relationship(c.Now.AddHours(-1), true),
        ["risk-disclosures"] = c => DisclosureRequests.RiskDisclosure(c.Now.AddHours(-1), null),
        ["intelligence"] = _ => IntelligenceRequests.Item(),
        ["breaches"] = c => BreachRequests.NotificationBreach(c.Today.AddDays(-1)),
        ["arms-assessments"] = _ => ArmsRequests.Assessment(),
        [MappaRequests.LevelPath] = _ => MappaRequests.Level(),
        [MappaRequests.MeetingsPath] = _ => MappaRequests.Meeting(),
        [MappaRequests.CategoryPath] = _ => MappaRequests.Category(),
        ["notifications (home address)"] = _ => RegistrationRequests.HomeAddressChange(),
        ["notifications (stay)"] = _ => RegistrationRequests.Stay(),
        ["notifications (household)"] = _ => RegistrationRequests.Household(),
        ["notifications (foreign travel)"] = _ => RegistrationRequests.ForeignTravel(),
        ["notifications (passport)"] = _ => RegistrationRequests.Passport(),
        ["annual-notifications"] = _ => RegistrationRequests.AnnualNotification(),
        ["registration/end"] = _ => RegistrationRequests.End(),
        ["custody/releases"] = c => new JsonObject
        {
            ["releasedOn"] = OffenderCalls.Day(c.Today.AddDays(-1)),
            ["establishment"] = "HMP Exampleton",
            ["onLicence"] = true,
        },
        ["orders"] = _ => Draft(),
        [SharingRequests.SharesPath] = c => SharingRequests.Grant(c.Now.AddDays(30)),
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task a_command_is_never_a_server_error(string command)
    {
        var path = command.Split(' ')[0];
        var body = Bodies[command](_calls);
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);
        var wrong = new List<string>();

        foreach (var (field, json) in Edges(body))
        {
            var response = await PostAsync(id, etag, path, HostileText.WithJson(body, field, json));
            if ((int)response.StatusCode >= 500)
                wrong.Add($"{field} = {json}: {(int)response.StatusCode}");
            else if (response.StatusCode == HttpStatusCode.Created)
                etag = await ReadBackAsync(id, $"{field} = {json}", wrong);
        }

        wrong.ShouldBeEmpty();
    }

    public static TheoryData<Stage, string> OrderCommands() => new()
    {
        { Stage.Drafted, "orders/applications" },
        { Stage.AppliedFor, "orders/grants" },
        { Stage.AppliedFor, "orders/refusals" },
        { Stage.Granted, "orders/variations" },
        { Stage.Granted, "orders/discharges" },
    };

    [Theory]
    [MemberData(nameof(OrderCommands))]
    public async Task an_order_command_is_never_a_server_error(Stage stage, string path)
    {
        var wrong = new List<string>();
        var (id, etag, orderId) = await OrderAtAsync(_calls, stage);
        var today = _calls.Today;
        JsonObject Body(Guid order) => path switch
        {
            "orders/applications" => Application(order, today.AddDays(-1)),
            "orders/grants" => Grant(order, today.AddDays(-1), today.AddYears(6)),
            "orders/refusals" => Refusal(order, today),
            "orders/variations" => Variation(order, today, NoForeignTravel),
            _ => Discharge(order, today, consentGiven: true),
        };

        foreach (var (field, json) in Edges(Body(orderId)))
        {
            var response = await PostAsync(id, etag, path, HostileText.WithJson(Body(orderId), field, json));
            if ((int)response.StatusCode >= 500)
                wrong.Add($"{field} = {json}: {(int)response.StatusCode}");
            else if (response.StatusCode == HttpStatusCode.Created)
            {
                await ReadBackAsync(id, $"{field} = {json}", wrong);
                (id, etag, orderId) = await OrderAtAsync(_calls, stage);
            }
        }

        wrong.ShouldBeEmpty();
    }

    /// <summary>Each date, moment and number of the body, with each edge value of its kind as raw JSON.</summary>
    private static IEnumerable<(string Field, string Json)> Edges(JsonObject body) =>
        HostileText.Values(body).SelectMany(v => EdgesOf(v.Value).Select(json => (v.Path, json)));

    private static string[] EdgesOf(JsonValue value)
    {
        if (value.GetValueKind() == JsonValueKind.Number)
            return Numbers;
        if (value.GetValueKind() != JsonValueKind.String)
            return [];
        var text = value.ToJsonString().Trim('"');
        var date = text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", out _);
        return !date ? [] : text.Length == 10 ? Days : Moments;
    }

    /// <summary>Reads the record back every way a user can; adds any server error. Answers the record's ETag.</summary>
    private async Task<string> ReadBackAsync(Guid id, string after, List<string> wrong)
    {
        string[] reads =
        [
            $"/offenders/{id}", $"/offenders/{id}/timeline", $"/offenders/{id}/obligations",
            $"/compliance/queue?offenderId={id}", "/compliance/queue", "/caseload?team=North%20MOSOVO",
        ];
        foreach (var read in reads)
        {
            var response = await _calls.Supervisor.GetAsync(read);
            if ((int)response.StatusCode >= 500)
                wrong.Add($"GET {read} after {after}: {(int)response.StatusCode}");
        }

        var report = await api.ClientFor(Roles.Auditor).GetAsync($"/audit/offenders/{id}/disclosures");
        if ((int)report.StatusCode >= 500)
            wrong.Add($"GET the subject access report after {after}: {(int)report.StatusCode}");
        return (await _calls.Manager.GetAsync($"/offenders/{id}")).Headers.ETag!.Tag;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Sends the JSON as it is (no client library writes <c>1e400</c>), as a supervisor.</summary>
    private async Task<HttpResponseMessage> PostAsync(Guid id, string etag, string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{id}/{path}") { Content = Json(json) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await _calls.Supervisor.SendAsync(request);
    }
}
