using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Orders;

namespace Mosovo.Tests.Disclosures;

public sealed class when_a_risk_disclosure_is_made(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly OffenderCalls _calls = new(api);

    private DateTimeOffset Received => _calls.Now.AddHours(-3);

    // New child contact is recorded with the PPN the system raises at once (Compliance/Policies/AutomaticPpn.cs): the
    // registration, the disclosure and the PPN make 3 events.
    private async Task<(Guid Id, string ETag, Guid DisclosureId)> WithChildContactAsync()
    {
        var (id, etag) = await _calls.RegisterAsync();
        var (disclosureId, next) = await _calls.RecordAsync(id, etag, "disclosures", DisclosureRequests.ChildContact(Received));
        return (id, next, disclosureId);
    }

    [Fact]
    public async Task a_disclosure_to_the_carer_answers_the_child_contact_received()
    {
        var (id, etag, disclosureId) = await WithChildContactAsync();

        var response = await _calls.PostAsync(id, etag, "risk-disclosures", DisclosureRequests.RiskDisclosure(_calls.Now.AddHours(-1), disclosureId));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.ShouldBe("\"4\"");
        var riskDisclosureId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var entry = await _calls.NewestEntryAsync(id);
        entry["type"]!.GetValue<string>().ShouldBe("risk-disclosure-made");
        entry["summary"]!.GetValue<string>().ShouldBe("Risk disclosure made to a parent by DC Test Manager, in response to information received");
        entry["data"]!["lawfulBasis"]!.GetValue<string>().ShouldStartWith("Common law");

        var disclosures = (await _calls.SummaryAsync(id))["disclosures"]!;
        disclosures["received"]![0]!["respondedBy"]!.AsArray().Single()!.GetValue<Guid>().ShouldBe(riskDisclosureId);
        var made = disclosures["riskDisclosuresMade"]!.AsArray().Single()!;
        made["riskDisclosureId"]!.GetValue<Guid>().ShouldBe(riskDisclosureId);
        made["disclosedToRole"]!.GetValue<string>().ShouldBe("Parent");
        made["respondsToDisclosureId"]!.GetValue<Guid>().ShouldBe(disclosureId);
        made.AsObject().ShouldNotContainKey("disclosedTo");
    }

    [Fact]
    public async Task a_disclosure_without_information_received_is_recorded_on_its_own()
    {
        var (id, etag) = await _calls.RegisterAsync();

        (await _calls.PostAsync(id, etag, "risk-disclosures", DisclosureRequests.RiskDisclosure(_calls.Now.AddHours(-1), null))).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await _calls.SummaryAsync(id))["disclosures"]!["riskDisclosuresMade"]![0]!["respondsToDisclosureId"].ShouldBeNull();
    }

    [Fact]
    public async Task a_disclosure_that_is_not_on_the_record_is_refused_naming_the_field()
    {
        var (id, etag, _) = await WithChildContactAsync();

        var response = await _calls.PostAsync(id, etag, "risk-disclosures", DisclosureRequests.RiskDisclosure(_calls.Now, Guid.NewGuid()));

        (await OffenderCalls.ErrorFieldsAsync(response)).ShouldBe(["respondsToDisclosureId"]);
        (await _calls.EventCountAsync(id)).ShouldBe(3);
    }

    [Fact]
    public async Task a_disclosure_before_the_information_arrived_is_refused_naming_the_time()
    {
        var (id, etag, disclosureId) = await WithChildContactAsync();

        var response = await _calls.PostAsync(id, etag, "risk-disclosures", DisclosureRequests.RiskDisclosure(Received.AddMinutes(-1), disclosureId));

        (await OffenderCalls.ErrorFieldsAsync(response)).ShouldBe(["disclosedAt"]);
        (await _calls.EventCountAsync(id)).ShouldBe(3);
    }

    public static TheoryData<string, Action<JsonObject>> BadFields => new()
    {
        { "disclosedTo", b => b.Remove("disclosedTo") },
        { "disclosedTo.name", b => b["disclosedTo"]!["name"] = "" },
        { "disclosedTo.role", b => b["disclosedTo"]!["role"] = "Neighbour" },
        { "disclosedTo.relationship", b => { b["disclosedTo"]!["role"] = "Other"; b["disclosedTo"]!.AsObject().Remove("relationship"); } },
        { "disclosedTo.contact", b => b["disclosedTo"]!.AsObject().Remove("contact") },
        { "disclosedBy.id", b => b["disclosedBy"]!.AsObject().Remove("id") },
        { "disclosedAt", b => b["disclosedAt"] = "2027-06-15T10:00:00Z" },
        { "whatWasSaid", b => b["whatWasSaid"] = " " },
        { "lawfulBasis", b => b.Remove("lawfulBasis") },
        { "whyNecessaryAndProportionate", b => b.Remove("whyNecessaryAndProportionate") },
        { "respondsToDisclosureId", b => b["respondsToDisclosureId"] = Guid.Empty },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_and_nothing_is_written(string field, Action<JsonObject> spoil)
    {
        var (id, etag, disclosureId) = await WithChildContactAsync();
        var body = DisclosureRequests.RiskDisclosure(_calls.Now.AddHours(-1), disclosureId);
        spoil(body);

        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, etag, "risk-disclosures", body))).ShouldContain(field);
        (await _calls.EventCountAsync(id)).ShouldBe(3);
    }
}
