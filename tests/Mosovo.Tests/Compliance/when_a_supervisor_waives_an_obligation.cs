using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Tests.Infrastructure;
using static Mosovo.Tests.Compliance.ComplianceQueueCalls;

namespace Mosovo.Tests.Compliance;

/// <summary>POST /offenders/{id}/obligations/waivers: a supervisor closes an open item with a reason, itself an event.</summary>
public sealed class when_a_supervisor_waives_an_obligation(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly ComplianceQueueCalls calls = new(api);

    private async Task<(Guid Id, string ETag, string Key, string Team)> OffenderWithAReviewDueAsync()
    {
        var team = NewTeam();
        var (id, etag) = await calls.RegisterAsync(NewManagerId(), team);
        var (visit, newETag) = await calls.SingleOfficerVisitAsync(id, etag);
        return (id, newETag, ReviewKey(visit), team);
    }

    [Fact]
    public async Task the_item_closes_as_waived_with_the_reason_and_leaves_the_queue()
    {
        var (id, etag, key, team) = await OffenderWithAReviewDueAsync();

        var response = await calls.PostAsync(id, etag, "obligations/waivers", Waiver(key, "Offender in hospital until further notice."), calls.Supervisor);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.ShouldBe("\"3\"");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<long>().ShouldBe(3);
        var entry = (await calls.Supervisor.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline"))!["entries"]![0]!;
        entry["type"]!.GetValue<string>().ShouldBe("obligation-waived");
        entry["summary"]!.GetValue<string>().ShouldBe("SingleOfficerVisitReview waived by DS Test Supervisor: Offender in hospital until further notice.");
        var obligation = Obligations(await calls.ObligationsAsync(id), ReviewKind).Single(o => o["key"]!.GetValue<string>() == key);
        obligation["closure"]!["waived"]!.GetValue<bool>().ShouldBeTrue();
        obligation["closure"]!["reason"]!.GetValue<string>().ShouldBe("Offender in hospital until further notice.");
        obligation["closure"]!["by"]!.GetValue<string>().ShouldBe("DS Test Supervisor");
        obligation["closure"]!["byType"]!.GetValue<string>().ShouldBe("ObligationWaived");
        Items(await calls.QueueAsync($"?team={Uri.EscapeDataString(team)}&kind={ReviewKind}")).ShouldBeEmpty();
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.obligations WHERE offender_id = '{id}' AND key = '{key}' AND waived AND waiver_reason IS NOT NULL"))
            .ShouldBe(1);
    }

    public static TheoryData<string, Func<string, JsonObject>> BadWaivers => new()
    {
        { "key", key => Waiver("", "A reason.") },
        { "key", key => new JsonObject { ["reason"] = "A reason." } },
        { "key", key => Waiver("single-officer-visit-review:99", "A reason.") },
        { "key", key => Waiver(key.ToUpperInvariant(), "A reason.") },
        { "key", key => Waiver(new string('k', 201), "A reason.") },
        { "reason", key => Waiver(key, null) },
        { "reason", key => Waiver(key, "   ") },
        { "reason", key => Waiver(key, new string('r', 2001)) },
    };

    [Theory]
    [MemberData(nameof(BadWaivers))]
    public async Task a_waiver_without_an_open_item_or_without_a_reason_is_refused_naming_the_field_and_nothing_is_written(string field, Func<string, JsonObject> body)
    {
        var (id, etag, key, _) = await OffenderWithAReviewDueAsync();

        var response = await calls.PostAsync(id, etag, "obligations/waivers", body(key), calls.Supervisor);

        (await ErrorFieldsAsync(response)).ShouldContain(field);
        (await calls.EventCountAsync(id)).ShouldBe(2);
    }

    [Fact]
    public async Task an_item_already_closed_cannot_be_waived()
    {
        var (id, etag, key, _) = await OffenderWithAReviewDueAsync();
        etag = await calls.RecordAsync(id, etag, "obligations/waivers", Waiver(key), calls.Supervisor);

        var again = await calls.PostAsync(id, etag, "obligations/waivers", Waiver(key), calls.Supervisor);

        (await ErrorFieldsAsync(again)).ShouldContain("key");
        (await calls.EventCountAsync(id)).ShouldBe(3);
    }
}
