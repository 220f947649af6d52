using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Orders;

namespace Mosovo.Tests.Disclosures;

public sealed class when_a_disclosure_is_received(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly OffenderCalls _calls = new(api);

    private DateTimeOffset AnHourAgo => _calls.Now.AddHours(-1);

    /// <summary>The disclosure's entry: new child contact is followed on the timeline by the PPN raised with it.</summary>
    private async Task<JsonObject> DisclosureEntryAsync(Guid id) =>
        (await _calls.Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline"))!["entries"]!.AsArray()
            .Single(e => e!["type"]!.GetValue<string>() == "disclosure-received")!.AsObject();

    [Fact]
    public async Task new_child_contact_is_recorded_with_what_a_ppn_needs()
    {
        var (id, etag) = await _calls.RegisterAsync();

        var response = await _calls.PostAsync(id, etag, "disclosures", DisclosureRequests.ChildContact(AnHourAgo));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.ShouldBe("\"3\""); // with the PPN the system raises at once (Compliance/Policies/AutomaticPpn.cs)
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var disclosureId = answer["id"]!.GetValue<Guid>();
        answer["advice"]!.AsArray().Single()!.GetValue<string>().ShouldContain("PPN");

        var entry = await DisclosureEntryAsync(id);
        entry["type"]!.GetValue<string>().ShouldBe("disclosure-received");
        entry["summary"]!.GetValue<string>().ShouldBe("Disclosure received from a third party: new contact with a child");
        var data = entry["data"]!;
        data["offenderReference"]!.GetValue<string>().ShouldStartWith("MOS-");
        data["source"]!["name"]!.GetValue<string>().ShouldBe("Pat Neighbour");
        data["childContact"]!["children"]![0]!["initialsOrName"]!.GetValue<string>().ShouldBe("A.E.");
        data["childContact"]!["parentOrCarer"]!["name"]!.GetValue<string>().ShouldBe("Sam Carer");

        var received = (await _calls.SummaryAsync(id))["disclosures"]!["received"]!.AsArray().Single()!;
        received["disclosureId"]!.GetValue<Guid>().ShouldBe(disclosureId);
        received["kind"]!.GetValue<string>().ShouldBe("NewChildContact");
        received["isChildContact"]!.GetValue<bool>().ShouldBeTrue();
        received["respondedBy"]!.AsArray().ShouldBeEmpty();
        received.AsObject().ShouldNotContainKey("childContact");
    }

    [Fact]
    public async Task a_new_partner_with_children_under_18_is_child_contact_with_the_partner_as_carer()
    {
        var (id, etag) = await _calls.RegisterAsync();

        var response = await _calls.PostAsync(id, etag, "disclosures", DisclosureRequests.Relationship(AnHourAgo, partnerHasChildren: true));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["advice"]![0]!.GetValue<string>().ShouldContain("PPN");
        var data = (await DisclosureEntryAsync(id))["data"]!;
        data["childContact"]!["parentOrCarer"]!["name"]!.GetValue<string>().ShouldBe("Jo Partner");
        data["childContact"]!["parentOrCarer"]!["relationshipToChild"]!.GetValue<string>().ShouldBe("mother");
        data["childContact"]!["children"]!.AsArray().Select(c => c!["ageYears"]!.GetValue<int>()).ShouldBe([6, 12]);
        (await _calls.SummaryAsync(id))["disclosures"]!["received"]![0]!["isChildContact"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Theory]
    [InlineData(false, false, "Disclosure received from the offender: new relationship")]
    [InlineData(true, true, "Disclosure received from Probation Service (partner agency): new employment or voluntary work with access to children")]
    public async Task other_kinds_are_not_child_contact(bool employment, bool accessToChildren, string summary)
    {
        var (id, etag) = await _calls.RegisterAsync();
        var body = employment ? DisclosureRequests.Employment(AnHourAgo, accessToChildren) : DisclosureRequests.Relationship(AnHourAgo, partnerHasChildren: false);

        (await _calls.PostAsync(id, etag, "disclosures", body)).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await _calls.NewestEntryAsync(id))["summary"]!.GetValue<string>().ShouldBe(summary);
        var received = (await _calls.SummaryAsync(id))["disclosures"]!["received"]![0]!;
        received["isChildContact"]!.GetValue<bool>().ShouldBeFalse();
        received["givesAccessToChildren"]!.GetValue<bool>().ShouldBe(accessToChildren);
    }

    public static TheoryData<string, Action<JsonObject>> BadFields => new()
    {
        { "kind", b => b.Remove("kind") },
        { "kind", b => b["kind"] = "Gossip" },
        { "receivedAt", b => b["receivedAt"] = "2027-06-15T10:00:00Z" },
        { "details", b => b["details"] = "" },
        { "source", b => b.Remove("source") },
        { "source.name", b => b["source"]!.AsObject().Remove("name") },
        { "source.relationshipToOffender", b => b["source"]!.AsObject().Remove("relationshipToOffender") },
        { "source.agencyName", b => b["source"] = new JsonObject { ["kind"] = "PartnerAgency" } },
        { "source.name", b => b["source"] = new JsonObject { ["kind"] = "Offender", ["name"] = "Himself" } },
        { "childContact", b => b.Remove("childContact") },
        { "childContact.children", b => b["childContact"]!["children"] = new JsonArray() },
        { "childContact.children[0].ageYears", b => b["childContact"]!["children"]![0]!["ageYears"] = 18 },
        { "childContact.children[0].ageYears", b => b["childContact"]!["children"]![0]!["ageYears"] = -1 },
        { "childContact.children[0].ageYears", b => b["childContact"]!["children"]![0]!.AsObject().Remove("ageYears") },
        { "childContact.children[0].initialsOrName", b => b["childContact"]!["children"]![0]!["initialsOrName"] = " " },
        { "childContact.parentOrCarer", b => b["childContact"]!.AsObject().Remove("parentOrCarer") },
        { "childContact.parentOrCarer.relationshipToChild", b => b["childContact"]!["parentOrCarer"]!.AsObject().Remove("relationshipToChild") },
        { "childContact.parentOrCarer.addressOrContact", b => b["childContact"]!["parentOrCarer"]!["addressOrContact"] = "" },
        { "childContact.howContactArises", b => b["childContact"]!.AsObject().Remove("howContactArises") },
        { "relationship", b => b["relationship"] = new JsonObject { ["partnerName"] = "X", ["partnerHasChildrenUnder18"] = false } },
        { "employment", b => b["employment"] = new JsonObject { ["employer"] = "X", ["role"] = "Y", ["givesAccessToChildren"] = false } },
        { "childContact", b => { b["kind"] = "Other"; } },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_and_nothing_is_written(string field, Action<JsonObject> spoil)
    {
        var (id, etag) = await _calls.RegisterAsync();
        var body = DisclosureRequests.ChildContact(AnHourAgo);
        spoil(body);

        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, etag, "disclosures", body))).ShouldContain(field);
        (await _calls.EventCountAsync(id)).ShouldBe(1);
    }

    public static TheoryData<string, Action<JsonObject>> BadRelationshipFields => new()
    {
        { "relationship.partnerName", b => b["relationship"]!.AsObject().Remove("partnerName") },
        { "relationship.partnerHasChildrenUnder18", b => b["relationship"]!.AsObject().Remove("partnerHasChildrenUnder18") },
        { "relationship.children", b => b["relationship"]!.AsObject().Remove("children") },
        { "relationship.children[1].ageYears", b => b["relationship"]!["children"]![1]!["ageYears"] = 18 },
        { "relationship.partnerRelationshipToChildren", b => b["relationship"]!.AsObject().Remove("partnerRelationshipToChildren") },
        { "relationship.partnerAddressOrContact", b => b["relationship"]!.AsObject().Remove("partnerAddressOrContact") },
        { "relationship.children", b => b["relationship"]!["partnerHasChildrenUnder18"] = false },
        { "childContact", b => b["childContact"] = DisclosureRequests.ChildContact(DateTimeOffset.UtcNow)["childContact"]!.DeepClone() },
    };

    [Theory]
    [MemberData(nameof(BadRelationshipFields))]
    public async Task a_bad_relationship_field_is_named_and_nothing_is_written(string field, Action<JsonObject> spoil)
    {
        var (id, etag) = await _calls.RegisterAsync();
        var body = DisclosureRequests.Relationship(AnHourAgo, partnerHasChildren: true);
        spoil(body);

        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, etag, "disclosures", body))).ShouldContain(field);
        (await _calls.EventCountAsync(id)).ShouldBe(1);
    }
}
