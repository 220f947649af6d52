using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Orders;

namespace Mosovo.Tests.Breaches;

public sealed class when_a_supervisor_decides_on_a_breach(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly OffenderCalls _calls = new(api);

    private async Task<(Guid Id, string ETag, Guid BreachId)> WithBreachAsync()
    {
        var (id, etag) = await _calls.RegisterAsync();
        var (breachId, next) = await _calls.RecordAsync(id, etag, "breaches", BreachRequests.NotificationBreach(_calls.Today.AddDays(-2)));
        return (id, next, breachId);
    }

    [Fact]
    public async Task the_decision_is_recorded_with_the_supervisor_and_the_breach_is_no_longer_open()
    {
        var (id, etag, breachId) = await WithBreachAsync();

        var response = await _calls.PostAsync(id, etag, "breaches/decisions", BreachRequests.Decision(breachId, "WarningLetter", _calls.Now), _calls.Supervisor);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.ShouldBe("\"3\"");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>().ShouldBe(breachId);
        var entry = await _calls.NewestEntryAsync(id);
        entry["type"]!.GetValue<string>().ShouldBe("breach-decided");
        entry["summary"]!.GetValue<string>().ShouldBe("Breach of notification requirements decided by DS Test Supervisor: warning letter");

        var summary = await _calls.SummaryAsync(id);
        var decision = summary["breaches"]!["all"]![0]!["decision"]!;
        decision["outcome"]!.GetValue<string>().ShouldBe("WarningLetter");
        decision["decidedBy"]!["name"]!.GetValue<string>().ShouldBe("DS Test Supervisor");
        summary["breaches"]!["open"]!.AsArray().ShouldBeEmpty();
        OffenderCalls.Flags(summary).ShouldNotContain("UndecidedBreach");
    }

    [Fact]
    public async Task no_further_action_needs_a_reason()
    {
        var (id, etag, breachId) = await WithBreachAsync();

        var without = await _calls.PostAsync(id, etag, "breaches/decisions", BreachRequests.Decision(breachId, "NoFurtherAction", _calls.Now), _calls.Supervisor);
        (await OffenderCalls.ErrorFieldsAsync(without)).ShouldBe(["reason"]);
        (await _calls.EventCountAsync(id)).ShouldBe(2);

        var with = await _calls.PostAsync(id, etag, "breaches/decisions",
            BreachRequests.Decision(breachId, "NoFurtherAction", _calls.Now, "Notified the phone within the day; first lapse."), _calls.Supervisor);
        with.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _calls.SummaryAsync(id))["breaches"]!["all"]![0]!["decision"]!["reason"]!.GetValue<string>().ShouldStartWith("Notified the phone");
    }

    [Fact]
    public async Task a_breach_already_decided_or_not_on_the_record_is_refused_naming_it()
    {
        var (id, etag, breachId) = await WithBreachAsync();
        (_, etag) = await _calls.RecordAsync(id, etag, "breaches/decisions", BreachRequests.Decision(breachId, "Arrest", _calls.Now), _calls.Supervisor);

        var again = await _calls.PostAsync(id, etag, "breaches/decisions", BreachRequests.Decision(breachId, "WarningLetter", _calls.Now), _calls.Supervisor);
        var unknown = await _calls.PostAsync(id, etag, "breaches/decisions", BreachRequests.Decision(Guid.NewGuid(), "WarningLetter", _calls.Now), _calls.Supervisor);

        (await OffenderCalls.ErrorFieldsAsync(again)).ShouldBe(["breachId"]);
        (await OffenderCalls.ErrorFieldsAsync(unknown)).ShouldBe(["breachId"]);
        (await _calls.EventCountAsync(id)).ShouldBe(3);
    }

    public static TheoryData<string, Action<JsonObject>> BadFields => new()
    {
        { "breachId", b => b.Remove("breachId") },
        { "outcome", b => b["outcome"] = "Caution" },
        { "outcome", b => b.Remove("outcome") },
        { "decidedAt", b => b["decidedAt"] = "2026-07-15T10:00:00Z" }, // a month after the test clock's now
        { "decidedAt", b => b["decidedAt"] = "2026-06-01T10:00:00Z" }, // before the breach
        { "reason", b => b["reason"] = new string('x', 4001) },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_and_nothing_is_written(string field, Action<JsonObject> spoil)
    {
        var (id, etag, breachId) = await WithBreachAsync();
        var body = BreachRequests.Decision(breachId, "CriminalInvestigation", _calls.Now);
        spoil(body);

        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, etag, "breaches/decisions", body, _calls.Supervisor))).ShouldContain(field);
        (await _calls.EventCountAsync(id)).ShouldBe(2);
    }
}
