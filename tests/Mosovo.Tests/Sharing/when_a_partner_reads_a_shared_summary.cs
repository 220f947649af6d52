using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Arms;
using Mosovo.Tests.Disclosures;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Intelligence;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Sharing;

public sealed class when_a_partner_reads_a_shared_summary(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string VisitSecret = "A child's drawing pinned up in the Kestrelmoor bedroom";

    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    /// <summary>An offender with intelligence, a visit's observations, a disclosure naming a child, a carer and an informant, an ARMS assessment and a PPN.</summary>
    private async Task<(Guid Id, string ETag)> FullRecordAsync()
    {
        var now = api.Time.GetUtcNow();
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var visit = OffenderRequests.TwoOfficerVisit(now.AddDays(-1));
        visit["observations"] = VisitSecret;
        etag = await Posted(SharingRequests.PostAsync(Manager, id, "visits", etag, visit));
        etag = await Posted(IntelligenceRequests.PostAsync(Manager, id, etag, IntelligenceRequests.Item()));
        etag = await Posted(SharingRequests.PostAsync(Manager, id, "arms-assessments", etag, ArmsRequests.Assessment()));
        etag = await Posted(SharingRequests.PostAsync(Manager, id, "disclosures", etag, DisclosureRequests.ChildContact(now.AddHours(-2))));
        return (id, etag);
    }

    private static async Task<string> Posted(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.Tag;
    }

    private Task<long> LogCount(string where) => api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.access_log WHERE {where}");

    [Fact]
    public async Task the_summary_has_the_chosen_fields_and_nothing_the_partner_may_not_see()
    {
        var (id, etag) = await FullRecordAsync();
        await SharingRequests.GrantAsync(api, id, etag, api.Time.GetUtcNow().AddDays(30));

        var response = await SharingRequests.ReadAsync(SharingRequests.Partner(api), id);

        var json = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, json);
        var summary = JsonNode.Parse(json)!.AsObject();
        summary.Select(p => p.Key).Order(StringComparer.Ordinal).ShouldBe(
        [
            "activeOrders", "aliases", "dateOfBirth", "mappaStatus", "name", "offenderId", "offenderManager", "openSafeguardingActions",
            "pncId", "recentSignificantEvents", "reference", "registrationEnded", "risk", "sharedWith",
        ]);
        summary["name"]!["familyName"]!.GetValue<string>().ShouldBe("Fictional");
        summary["risk"]!["riskOfSeriousHarm"]!.GetValue<string>().ShouldBe("High");
        summary["mappaStatus"]!["category"]!.GetValue<int>().ShouldBe(1);
        summary["offenderManager"]!["name"]!.GetValue<string>().ShouldBe("DC Test Manager");
        summary["recentSignificantEvents"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ShouldContain("NewChildContact");
        var actions = summary["openSafeguardingActions"]!.AsArray().Select(a => a!["kind"]!.GetValue<string>()).ToList();
        actions.ShouldContain("PpnSubmission");
        actions.ShouldContain("RiskDisclosureDecision");
        summary["sharedWith"]!["agency"]!.GetValue<string>().ShouldBe("ChildrensSocialCare");

        // Asserted on the JSON as sent, not on the C# type: no intelligence, no visit notes, no child, carer,
        // informant or address, and none of the disclosure's own words.
        foreach (var forbidden in new[]
        {
            IntelligenceRequests.SecretText, IntelligenceRequests.SecretReason, VisitSecret, "Kestrelmoor", "Sam Carer", "A.E.", "Pat Neighbour",
            "Example Street", "ZZ1 1A", "Seen collecting a girl", "Collects the child",
        })
        {
            json.ShouldNotContain(forbidden, Case.Insensitive);
        }

        Keys(summary).Intersect(["intelligence", "visits", "observations", "concerns", "disclosures", "children", "parentOrCarer", "source",
            "address", "ppns", "obligations", "what", "why"]).ShouldBeEmpty();
    }

    private static IEnumerable<string> Keys(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Keys(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Keys),
        _ => [],
    };

    [Fact]
    public async Task an_offender_not_shared_with_the_partners_agency_is_404_exactly_as_one_that_does_not_exist()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        await SharingRequests.GrantAsync(api, id, etag, api.Time.GetUtcNow().AddDays(30), agency: "Housing");

        var notShared = await SharingRequests.ReadAsync(SharingRequests.Partner(api, agency: "Probation"), id);
        var missingId = Guid.CreateVersion7();
        var missing = await SharingRequests.ReadAsync(SharingRequests.Partner(api, agency: "Probation"), missingId);

        notShared.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var a = (await notShared.Content.ReadFromJsonAsync<JsonObject>())!;
        var b = (await missing.Content.ReadFromJsonAsync<JsonObject>())!;
        a["title"]!.GetValue<string>().ShouldBe(b["title"]!.GetValue<string>());
        a["detail"]!.GetValue<string>().ShouldBe(b["detail"]!.GetValue<string>().Replace(missingId.ToString(), id.ToString(), StringComparison.Ordinal));
        (await SharingRequests.ReadAsync(SharingRequests.Partner(api, agency: "Housing"), id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SharingRequests.ReadAsync(SharingRequests.Partner(api, agency: "Not an agency"), id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_share_that_expired_a_second_ago_is_404_and_one_a_second_from_its_end_is_served()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var until = api.Time.GetUtcNow().AddHours(2);
        await SharingRequests.GrantAsync(api, id, etag, until);
        var partner = SharingRequests.Partner(api);

        api.Time.AdjustTime(until.AddSeconds(-1));
        (await SharingRequests.ReadAsync(partner, id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        api.Time.AdjustTime(until.AddSeconds(1));
        (await SharingRequests.ReadAsync(partner, id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        api.Time.AdjustTime(ApiFactory.ClockStart);
    }

    [Fact]
    public async Task a_revoked_share_is_404_at_once()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var (shareId, granted) = await SharingRequests.GrantAsync(api, id, etag, api.Time.GetUtcNow().AddDays(30));
        var partner = SharingRequests.Partner(api);
        (await SharingRequests.ReadAsync(partner, id)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var revoked = await SharingRequests.PostAsync(SharingRequests.Supervisor(api), id, SharingRequests.RevocationsPath, granted, SharingRequests.Revocation(shareId));

        revoked.StatusCode.ShouldBe(HttpStatusCode.Created, await revoked.Content.ReadAsStringAsync());
        (await SharingRequests.ReadAsync(partner, id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await ListAsync(partner);
        list["offenders"]!.AsArray().Select(o => o!["offenderId"]!.GetValue<Guid>()).ShouldNotContain(id);
    }

    [Fact]
    public async Task a_read_without_a_purpose_is_refused_naming_the_header_and_logged_as_a_refusal()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        await SharingRequests.GrantAsync(api, id, etag, api.Time.GetUtcNow().AddDays(30));

        var response = await SharingRequests.ReadAsync(SharingRequests.Partner(api), id, purpose: null);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("Access-Purpose");
        (await LogCount($"offender_id = '{id}' AND kind = 'refusal' AND outcome = 400 AND what = 'partner-summary'")).ShouldBe(1);
        (await LogCount($"offender_id = '{id}' AND kind = 'disclosure'")).ShouldBe(0);
    }

    [Fact]
    public async Task each_read_appends_exactly_one_entry_saying_who_what_when_why_from_where()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        await SharingRequests.GrantAsync(api, id, etag, api.Time.GetUtcNow().AddDays(30));
        var before = await LogCount("true");
        var correlation = Guid.CreateVersion7();

        var response = await SharingRequests.ReadAsync(SharingRequests.Partner(api), id, correlationId: correlation.ToString());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await LogCount("true")).ShouldBe(before + 1);
        var entry = await api.Database.ScalarTextAsync(
            $"""
            SELECT concat_ws('|', kind, what, outcome, user_name, roles, agency, purpose, at = '{api.Time.GetUtcNow():O}', correlation_id, method, path)
            FROM mosovo.access_log WHERE offender_id = '{id}' AND kind = 'disclosure'
            """);
        entry.ShouldBe(string.Join('|',
            "disclosure", "partner-summary", "200", "SW Alex Social", "MappaPartner", "ChildrensSocialCare", SharingRequests.Purpose, "t",
            correlation.ToString(), "GET", $"/partner/offenders/{id}"));
    }

    [Theory]
    [InlineData(Roles.OffenderManager, "/partner/offenders/{id}")]
    [InlineData(Roles.Auditor, "/partner/offenders/{id}")]
    [InlineData(Roles.MappaPartner, "/offenders/{id}")]
    [InlineData(Roles.MappaPartner, "/offenders/{id}/timeline")]
    public async Task a_failed_authorisation_is_403_and_logged_as_an_attempt(string role, string path)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        await SharingRequests.GrantAsync(api, id, etag, api.Time.GetUtcNow().AddDays(30));
        var client = api.ClientFor(role, "Someone Curious", team: null, agency: "ChildrensSocialCare");

        var request = new HttpRequestMessage(HttpMethod.Get, path.Replace("{id}", id.ToString(), StringComparison.Ordinal));
        request.Headers.Add("Access-Purpose", "Curiosity");
        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await LogCount($"offender_id = '{id}' AND kind = 'refusal' AND outcome = 403 AND user_name = 'Someone Curious' AND roles = '{role}' AND purpose = 'Curiosity'"))
            .ShouldBe(1);
    }

    [Fact]
    public async Task the_partner_lists_only_the_offenders_shared_with_their_agency_now()
    {
        var (shared, etag1) = await OffenderRequests.RegisterAsync(Manager);
        var (other, etag2) = await OffenderRequests.RegisterAsync(Manager);
        await SharingRequests.GrantAsync(api, shared, etag1, api.Time.GetUtcNow().AddDays(30), agency: "Education");
        await SharingRequests.GrantAsync(api, other, etag2, api.Time.GetUtcNow().AddDays(30), agency: "Health");

        var list = await ListAsync(SharingRequests.Partner(api, agency: "Education"));

        list["agency"]!.GetValue<string>().ShouldBe("Education");
        var ids = list["offenders"]!.AsArray().Select(o => o!["offenderId"]!.GetValue<Guid>()).ToList();
        ids.ShouldContain(shared);
        ids.ShouldNotContain(other);
        list["offenders"]!.AsArray().First(o => o!["offenderId"]!.GetValue<Guid>() == shared)!["sharedWith"]!["servesLevel"]!.GetValue<int>().ShouldBe(2);
    }

    private static async Task<JsonObject> ListAsync(HttpClient partner)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/partner/offenders");
        request.Headers.Add("Access-Purpose", SharingRequests.Purpose);
        var response = await partner.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
