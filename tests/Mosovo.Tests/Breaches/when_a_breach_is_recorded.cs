using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Orders;

namespace Mosovo.Tests.Breaches;

public sealed class when_a_breach_is_recorded(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly OffenderCalls _calls = new(api);

    private DateOnly Yesterday => _calls.Today.AddDays(-1);

    [Fact]
    public async Task a_notification_breach_is_recorded_and_awaits_a_supervisors_decision()
    {
        var (id, etag) = await _calls.RegisterAsync();

        var response = await _calls.PostAsync(id, etag, "breaches", BreachRequests.NotificationBreach(Yesterday));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var breachId = answer["id"]!.GetValue<Guid>();
        answer["advice"]!.AsArray().Single()!.GetValue<string>().ShouldContain("supervisor's decision");
        var entry = await _calls.NewestEntryAsync(id);
        entry["type"]!.GetValue<string>().ShouldBe("breach-recorded");
        entry["summary"]!.GetValue<string>().ShouldBe($"Breach of notification requirements on {Yesterday.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}, reported by DC Test Manager");
        entry["data"]!["evidence"]!.GetValue<string>().ShouldBe("Phone seized, exhibit TM/1.");

        var summary = await _calls.SummaryAsync(id);
        summary["breaches"]!["open"]!.AsArray().Single()!["breachId"]!.GetValue<Guid>().ShouldBe(breachId);
        summary["breaches"]!["all"]![0]!["decision"].ShouldBeNull();
        OffenderCalls.Flags(summary).ShouldContain("UndecidedBreach");
    }

    [Fact]
    public async Task an_shpo_breach_names_the_prohibition_as_the_order_words_it()
    {
        var (id, etag, orderId) = await OrderRequests.OrderAtAsync(_calls, OrderRequests.Stage.Granted);

        var response = await _calls.PostAsync(id, etag, "breaches",
            BreachRequests.OrderBreach(orderId, "  not to have UNSUPERVISED contact with any child under 16.", Yesterday));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var breach = (await _calls.SummaryAsync(id))["breaches"]!["all"]![0]!;
        breach["orderId"]!.GetValue<Guid>().ShouldBe(orderId);
        breach["prohibition"]!.GetValue<string>().ShouldBe(OrderRequests.NoUnsupervisedContact);
        breach["reportedBy"]!.GetValue<string>().ShouldBe("PartnerAgency");
        (await _calls.NewestEntryAsync(id))["summary"]!.GetValue<string>().ShouldEndWith("reported by Demotown Primary School (partner agency)");
    }

    public static TheoryData<string, string, int> OrderRefusals => new()
    {
        // what is wrong, the field named, the breach's day relative to today
        { "no such order", "orderId", -1 },
        { "an SRO breach of an SHPO", "orderId", -1 },
        { "before the order started", "orderId", -6 },
        { "a prohibition the order does not have", "prohibition", -1 },
    };

    [Theory]
    [MemberData(nameof(OrderRefusals))]
    public async Task an_order_breach_the_record_does_not_support_is_refused_naming_the_field(string wrong, string field, int days)
    {
        var (id, etag, orderId) = await OrderRequests.OrderAtAsync(_calls, OrderRequests.Stage.Granted);
        var body = wrong switch
        {
            "no such order" => BreachRequests.OrderBreach(Guid.NewGuid(), OrderRequests.NoUnsupervisedContact, _calls.Today.AddDays(days)),
            "an SRO breach of an SHPO" => BreachRequests.OrderBreach(orderId, OrderRequests.NoUnsupervisedContact, _calls.Today.AddDays(days), "SroProhibition"),
            "a prohibition the order does not have" => BreachRequests.OrderBreach(orderId, "Not to own a drone.", _calls.Today.AddDays(days)),
            _ => BreachRequests.OrderBreach(orderId, OrderRequests.NoUnsupervisedContact, _calls.Today.AddDays(days)),
        };
        var before = await _calls.EventCountAsync(id);

        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, etag, "breaches", body))).ShouldBe([field]);
        (await _calls.EventCountAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task a_breach_of_a_discharged_order_after_its_discharge_is_refused_and_before_it_accepted()
    {
        var (id, etag, orderId) = await OrderRequests.OrderAtAsync(_calls, OrderRequests.Stage.Discharged);

        var after = await _calls.PostAsync(id, etag, "breaches", BreachRequests.OrderBreach(orderId, OrderRequests.NoUnsupervisedContact, _calls.Today));
        (await OffenderCalls.ErrorFieldsAsync(after)).ShouldBe(["orderId"]);

        (await _calls.PostAsync(id, etag, "breaches", BreachRequests.OrderBreach(orderId, OrderRequests.NoUnsupervisedContact, Yesterday)))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    public static TheoryData<string, Action<JsonObject>> BadFields => new()
    {
        { "kind", b => b.Remove("kind") },
        { "kind", b => b["kind"] = "Parking" },
        { "orderId", b => b["orderId"] = Guid.NewGuid() },
        { "prohibition", b => b["prohibition"] = "Not to own a drone." },
        { "orderId", b => { b["kind"] = "ShpoProhibition"; b["prohibition"] = "Not to own a drone."; } },
        { "prohibition", b => { b["kind"] = "SroProhibition"; b["orderId"] = Guid.NewGuid(); } },
        { "occurredOn", b => b["occurredOn"] = "2099-01-01" },
        { "occurredOn", b => b.Remove("occurredOn") },
        { "reportedBy", b => b.Remove("reportedBy") },
        { "reportedBy.kind", b => b["reportedBy"]!["kind"] = "Psychic" },
        { "reportedBy.name", b => b["reportedBy"]!["name"] = "" },
        { "reportedBy.agency", b => b["reportedBy"]!["kind"] = "PartnerAgency" },
        { "howItCameToLight", b => b.Remove("howItCameToLight") },
        { "evidence", b => b["evidence"] = " " },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_and_nothing_is_written(string field, Action<JsonObject> spoil)
    {
        var (id, etag) = await _calls.RegisterAsync();
        var body = BreachRequests.NotificationBreach(Yesterday);
        spoil(body);

        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, etag, "breaches", body))).ShouldContain(field);
        (await _calls.EventCountAsync(id)).ShouldBe(1);
    }
}
