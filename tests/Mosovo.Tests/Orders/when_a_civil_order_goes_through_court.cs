using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Tests.Infrastructure;
using static Mosovo.Tests.Orders.OrderRequests;

namespace Mosovo.Tests.Orders;

public sealed class when_a_civil_order_goes_through_court(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly OffenderCalls _calls = new(api);

    private DateOnly Today => _calls.Today;

    public static TheoryData<string, string> Commands => new()
    {
        { "draft", "civil-order-drafted" },
        { "application", "civil-order-applied-for" },
        { "grant", "civil-order-granted" },
        { "refusal", "civil-order-refused" },
        { "variation", "civil-order-varied" },
        { "discharge", "civil-order-discharged" },
    };

    /// <summary>An offender whose order is in the state the command needs, and a valid body for the command.</summary>
    private async Task<(Guid Id, string ETag, Guid? OrderId, string Path, JsonObject Body)> ReadyFor(string command)
    {
        if (command == "draft")
        {
            var (id, etag) = await _calls.RegisterAsync();
            return (id, etag, null, "orders", Draft());
        }

        var stage = command switch { "application" => Stage.Drafted, "grant" or "refusal" => Stage.AppliedFor, _ => Stage.Granted };
        var (offenderId, next, orderId) = await OrderAtAsync(_calls, stage);
        return command switch
        {
            "application" => (offenderId, next, orderId, "orders/applications", Application(orderId, Today.AddDays(-1))),
            "grant" => (offenderId, next, orderId, "orders/grants", Grant(orderId, Today.AddDays(-1), null)),
            "refusal" => (offenderId, next, orderId, "orders/refusals", Refusal(orderId, Today)),
            "variation" => (offenderId, next, orderId, "orders/variations", Variation(orderId, Today, "Not to enter any school or nursery.")),
            _ => (offenderId, next, orderId, "orders/discharges", Discharge(orderId, Today, consentGiven: true)),
        };
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task each_step_is_recorded_on_the_timeline_and_moves_the_version_on(string command, string eventType)
    {
        var (id, etag, orderId, path, body) = await ReadyFor(command);
        var before = await _calls.EventCountAsync(id);

        var response = await _calls.PostAsync(id, etag, path, body);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.ShouldBe($"\"{before + 1}\"");
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var recordedId = answer["id"]!.GetValue<Guid>();
        if (orderId is not null) recordedId.ShouldBe(orderId.Value);
        (await _calls.NewestEntryAsync(id))["type"]!.GetValue<string>().ShouldBe(eventType);
        var order = (await _calls.SummaryAsync(id))["orders"]!["all"]!.AsArray().Single(o => o!["orderId"]!.GetValue<Guid>() == recordedId)!;
        order["status"]!.GetValue<string>().ShouldBe(command switch
        {
            "draft" => "Drafted",
            "application" => "AppliedFor",
            "refusal" => "Refused",
            "discharge" => "Discharged",
            _ => "Granted",
        });
    }

    [Fact]
    public async Task an_shpo_granted_and_varied_shows_as_active_with_the_prohibitions_in_force()
    {
        var (id, etag, orderId) = await OrderAtAsync(_calls, Stage.AppliedFor);
        var ends = Today.AddDays(-1).AddYears(5).AddDays(-1);
        (_, etag) = await _calls.RecordAsync(id, etag, "orders/grants", Grant(orderId, Today.AddDays(-1), ends));

        var summary = await _calls.SummaryAsync(id);
        var active = summary["orders"]!["active"]!.AsArray().Single()!;
        active["kind"]!.GetValue<string>().ShouldBe("Shpo");
        active["endsOn"]!.GetValue<string>().ShouldBe(OffenderCalls.Day(ends));
        active["prohibitions"]!.AsArray().Select(p => p!["text"]!.GetValue<string>()).ShouldBe([NoUnsupervisedContact, NoInternetWithoutHistory]);
        (await _calls.NewestEntryAsync(id))["summary"]!.GetValue<string>().ShouldContain("SHPO granted at Demotown Magistrates' Court: 2 prohibitions");

        await _calls.RecordAsync(id, etag, "orders/variations", Variation(orderId, Today, "Not to enter any school or nursery."));

        var order = (await _calls.SummaryAsync(id))["orders"]!["all"]![0]!;
        order["terms"]!["prohibitions"]!.AsArray().Single()!["text"]!.GetValue<string>().ShouldBe("Not to enter any school or nursery.");
        order["terms"]!["endsOn"]!.GetValue<string>().ShouldBe(OffenderCalls.Day(ends));
        order["earlierTerms"]!.AsArray().Single()!["supersededOn"]!.GetValue<string>().ShouldBe(OffenderCalls.Day(Today));
        order["variations"]!.AsArray().Single()!["prohibitionsChanged"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task a_refused_application_is_not_active()
    {
        var (id, _, _) = await OrderAtAsync(_calls, Stage.Refused);

        var orders = (await _calls.SummaryAsync(id))["orders"]!;
        orders["active"]!.AsArray().ShouldBeEmpty();
        orders["all"]![0]!["refusal"]!["reason"]!.GetValue<string>().ShouldBe("Not satisfied the prohibitions were necessary.");
    }

    [Theory]
    [InlineData("Shpo", 5)]
    [InlineData("Sro", 2)]
    public async Task an_order_shorter_than_its_minimum_by_one_day_is_refused_and_the_minimum_is_granted(string kind, int years)
    {
        var (id, etag, orderId) = await OrderAtAsync(_calls, Stage.AppliedFor, kind);
        var startsOn = Today.AddDays(-1);
        var minimum = startsOn.AddYears(years).AddDays(-1);

        var short1 = await _calls.PostAsync(id, etag, "orders/grants", Grant(orderId, startsOn, minimum.AddDays(-1)));
        (await OffenderCalls.ErrorFieldsAsync(short1)).ShouldBe(["endsOn"]);
        var events = await _calls.EventCountAsync(id);

        (await _calls.PostAsync(id, etag, "orders/grants", Grant(orderId, startsOn, minimum))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _calls.EventCountAsync(id)).ShouldBe(events + 1);
    }

    [Fact]
    public async Task discharging_an_shpo_within_five_years_needs_the_consent_flag()
    {
        var (id, etag, orderId) = await OrderAtAsync(_calls, Stage.Granted);

        var without = await _calls.PostAsync(id, etag, "orders/discharges", Discharge(orderId, Today, consentGiven: null));
        (await OffenderCalls.ErrorFieldsAsync(without)).ShouldBe(["consentGiven"]);
        var refused = await _calls.PostAsync(id, etag, "orders/discharges", Discharge(orderId, Today, consentGiven: false));
        (await OffenderCalls.ErrorFieldsAsync(refused)).ShouldBe(["consentGiven"]);

        (await _calls.PostAsync(id, etag, "orders/discharges", Discharge(orderId, Today, consentGiven: true))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _calls.SummaryAsync(id))["orders"]!["all"]![0]!["discharge"]!["consentGiven"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task a_new_shpo_replaces_the_one_in_force_and_says_so()
    {
        var (id, etag, first) = await OrderAtAsync(_calls, Stage.Granted);
        (var second, etag) = await _calls.RecordAsync(id, etag, "orders", Draft());
        (_, etag) = await _calls.RecordAsync(id, etag, "orders/applications", Application(second, Today.AddDays(-1)));

        var response = await _calls.PostAsync(id, etag, "orders/grants", Grant(second, Today, null));

        (await response.Content.ReadFromJsonAsync<JsonObject>())!["advice"]!.AsArray().Single()!.GetValue<string>().ShouldContain("replaces the SHPO granted on");
        var orders = (await _calls.SummaryAsync(id))["orders"]!;
        orders["all"]![0]!["status"]!.GetValue<string>().ShouldBe("Replaced");
        orders["all"]![0]!["replacedBy"]!["byOrderId"]!.GetValue<Guid>().ShouldBe(second);
        orders["active"]!.AsArray().Single()!["orderId"]!.GetValue<Guid>().ShouldBe(second);
    }

    public static TheoryData<string, Stage> WrongStates => new()
    {
        { "application", Stage.AppliedFor },
        { "application", Stage.Granted },
        { "grant", Stage.Drafted },
        { "grant", Stage.Granted },
        { "grant", Stage.Refused },
        { "refusal", Stage.Drafted },
        { "refusal", Stage.Granted },
        { "variation", Stage.AppliedFor },
        { "variation", Stage.Refused },
        { "variation", Stage.Discharged },
        { "discharge", Stage.Drafted },
        { "discharge", Stage.Discharged },
    };

    [Theory]
    [MemberData(nameof(WrongStates))]
    public async Task a_step_the_order_is_not_ready_for_is_refused_naming_the_order_and_nothing_is_written(string command, Stage stage)
    {
        var (id, etag, orderId) = await OrderAtAsync(_calls, stage);
        var before = await _calls.EventCountAsync(id);
        var (path, body) = command switch
        {
            "application" => ("orders/applications", Application(orderId, Today)),
            "grant" => ("orders/grants", Grant(orderId, Today, null)),
            "refusal" => ("orders/refusals", Refusal(orderId, Today)),
            "variation" => ("orders/variations", Variation(orderId, Today, "Not to enter any school or nursery.")),
            _ => ("orders/discharges", Discharge(orderId, Today, true)),
        };

        var response = await _calls.PostAsync(id, etag, path, body);

        (await OffenderCalls.ErrorFieldsAsync(response)).ShouldBe(["orderId"]);
        (await _calls.EventCountAsync(id)).ShouldBe(before);
    }

    [Theory]
    [InlineData("orders/applications")]
    [InlineData("orders/grants")]
    [InlineData("orders/refusals")]
    [InlineData("orders/variations")]
    [InlineData("orders/discharges")]
    public async Task an_order_that_is_not_on_the_record_is_refused_naming_the_order(string path)
    {
        var (id, etag, _) = await OrderAtAsync(_calls, Stage.Granted);
        var body = path switch
        {
            "orders/applications" => Application(Guid.NewGuid(), Today),
            "orders/grants" => Grant(Guid.NewGuid(), Today, null),
            "orders/refusals" => Refusal(Guid.NewGuid(), Today),
            "orders/variations" => Variation(Guid.NewGuid(), Today, "Not to enter any school."),
            _ => Discharge(Guid.NewGuid(), Today, true),
        };

        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, etag, path, body))).ShouldBe(["orderId"]);
    }

    public static TheoryData<string, string, Action<JsonObject>> BadFields => new()
    {
        { "draft", "kind", b => b["kind"] = "Asbo" },
        { "draft", "kind", b => b.Remove("kind") },
        { "draft", "grounds", b => b["grounds"] = " " },
        { "draft", "proposedProhibitions", b => b["proposedProhibitions"] = new JsonArray() },
        { "draft", "proposedProhibitions[1]", b => b["proposedProhibitions"] = new JsonArray("Fine", "") },
        { "application", "court", b => b.Remove("court") },
        { "application", "appliedOn", b => b["appliedOn"] = "2099-01-01" },
        { "application", "orderId", b => b.Remove("orderId") },
        { "grant", "startsOn", b => b["startsOn"] = "2020-01-01" },
        { "grant", "endsOn", b => b.Remove("untilFurtherOrder") },
        { "grant", "untilFurtherOrder", b => b["endsOn"] = "2040-01-01" },
        { "grant", "prohibitions", b => b["prohibitions"] = new JsonArray() },
        { "grant", "prohibitions", b => b["prohibitions"] = new JsonArray(new JsonObject { ["text"] = "Same" }, new JsonObject { ["text"] = " same " }) },
        { "grant", "prohibitions[0].text", b => b["prohibitions"]![0]!["text"] = "" },
        { "grant", "prohibitions[0].endsOn", b => b["prohibitions"]![0]!["isForeignTravel"] = true },
        { "grant", "grantedOn", b => b["grantedOn"] = "2099-01-01" },
        { "refusal", "reason", b => b.Remove("reason") },
        { "refusal", "refusedOn", b => b["refusedOn"] = "2099-01-01" },
        { "variation", "prohibitions", b => b.Remove("prohibitions") },
        { "variation", "variedOn", b => b.Remove("variedOn") },
        { "variation", "court", b => b["court"] = new string('x', 201) },
        { "discharge", "reason", b => b["reason"] = "" },
        { "discharge", "dischargedOn", b => b["dischargedOn"] = "2099-01-01" },
        { "discharge", "court", b => b.Remove("court") },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_and_nothing_is_written(string command, string field, Action<JsonObject> spoil)
    {
        var (id, etag, _, path, body) = await ReadyFor(command);
        var before = await _calls.EventCountAsync(id);
        spoil(body);

        var response = await _calls.PostAsync(id, etag, path, body);

        (await OffenderCalls.ErrorFieldsAsync(response)).ShouldContain(field);
        (await _calls.EventCountAsync(id)).ShouldBe(before);
    }
}
