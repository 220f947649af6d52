using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Disclosures;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;
using Mosovo.Tests.Sharing;

namespace Mosovo.Tests.Audit;

public sealed class when_an_auditor_reads_the_log(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    private HttpClient Auditor => api.ClientFor(Roles.Auditor, "IA Test Auditor", team: null, agency: "Police");

    /// <summary>An offender shared with children's social care and read by them twice, then by housing once.</summary>
    private async Task<Guid> SharedAndReadAsync()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        (_, etag) = await SharingRequests.GrantAsync(api, id, etag, api.Time.GetUtcNow().AddDays(30));
        await SharingRequests.GrantAsync(api, id, etag, api.Time.GetUtcNow().AddDays(30), agency: "Housing");
        (await SharingRequests.ReadAsync(SharingRequests.Partner(api), id)).EnsureSuccessStatusCode();
        api.Time.Advance(TimeSpan.FromMinutes(5));
        (await SharingRequests.ReadAsync(SharingRequests.Partner(api), id)).EnsureSuccessStatusCode();
        api.Time.Advance(TimeSpan.FromMinutes(5));
        (await SharingRequests.ReadAsync(SharingRequests.Partner(api, agency: "Housing", name: "HO Robin Housing"), id, "Tenancy risk panel")).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task the_log_is_queried_by_offender_newest_first_and_paged_without_gaps_or_overlap()
    {
        var id = await SharedAndReadAsync();

        var first = (await Auditor.GetFromJsonAsync<JsonObject>($"/audit/log?offenderId={id}&pageSize=2"))!;
        var second = (await Auditor.GetFromJsonAsync<JsonObject>($"/audit/log?offenderId={id}&pageSize=2&before={first["nextBefore"]}"))!;
        var all = (await Auditor.GetFromJsonAsync<JsonObject>($"/audit/log?offenderId={id}"))!;

        // Registration, two grants, three partner reads.
        all["count"]!.GetValue<int>().ShouldBe(6);
        var ids = all["entries"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()).ToList();
        ids.ShouldBe(ids.OrderDescending().ToList());
        first["entries"]!.AsArray().Concat(second["entries"]!.AsArray()).Select(e => e!["id"]!.GetValue<long>()).ShouldBe(ids.Take(4));
        all["entries"]![0]!["agency"]!.GetValue<string>().ShouldBe("Housing");
        all["entries"]![0]!["purpose"]!.GetValue<string>().ShouldBe("Tenancy risk panel");
        all["nextBefore"].ShouldBeNull();
    }

    [Fact]
    public async Task the_log_is_filtered_by_user_agency_kind_and_time()
    {
        var id = await SharedAndReadAsync();
        var readsFrom = api.Time.GetUtcNow().AddMinutes(-7);

        async Task<int> Count(string query) => (await Auditor.GetFromJsonAsync<JsonObject>($"/audit/log?offenderId={id}&{query}"))!["count"]!.GetValue<int>();

        (await Count("agency=ChildrensSocialCare")).ShouldBe(2);
        (await Count("kind=disclosure")).ShouldBe(3);
        (await Count("kind=collection")).ShouldBe(1);
        (await Count($"from={Uri.EscapeDataString(readsFrom.ToString("O"))}")).ShouldBe(2);
        (await Count($"to={Uri.EscapeDataString(readsFrom.ToString("O"))}")).ShouldBe(4);
        var housingUser = (await Auditor.GetFromJsonAsync<JsonObject>($"/audit/log?offenderId={id}&agency=Housing"))!["entries"]![0]!["userId"]!.GetValue<string>();
        (await Count($"userId={Uri.EscapeDataString(housingUser)}")).ShouldBe(1);
    }

    [Theory]
    [InlineData("kind=gossip", "kind")]
    [InlineData("from=2026-06-15T10:00:00Z&to=2026-06-15T09:00:00Z", "to")]
    [InlineData("pageSize=501", "pageSize")]
    public async Task a_bad_filter_is_a_problem_naming_it(string query, string field)
    {
        var response = await Auditor.GetAsync($"/audit/log?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey(field);
    }

    [Fact]
    public async Task the_log_exports_as_csv_with_formulas_defused_and_as_json()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        await SharingRequests.GrantAsync(api, id, etag, api.Time.GetUtcNow().AddDays(30));
        (await SharingRequests.ReadAsync(SharingRequests.Partner(api), id, "=HYPERLINK(\"http://x\"), \"quoted\"")).EnsureSuccessStatusCode();

        var csv = await Auditor.GetAsync($"/audit/log/export?offenderId={id}&format=csv");
        var json = await Auditor.GetAsync($"/audit/log/export?offenderId={id}&format=json");

        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("id,at,kind,what,offenderId,userId,userName,roles,agency,team,purpose,outcome");
        lines.Length.ShouldBe(4);
        lines[1].ShouldContain(",collection,offender-registered,");
        lines[3].ShouldContain(",\"'=HYPERLINK(\"\"http://x\"\"), \"\"quoted\"\"\",");
        json.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = (await json.Content.ReadFromJsonAsync<JsonArray>())!;
        rows.Select(r => r!["kind"]!.GetValue<string>()).ShouldBe(["collection", "alteration", "disclosure"]);
        (await Auditor.GetAsync($"/audit/log/export?offenderId={id}&format=xml")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task the_subject_access_report_lists_every_disclosure_in_date_order()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var disclosed = await SharingRequests.PostAsync(Manager, id, "disclosures", etag, DisclosureRequests.ChildContact(api.Time.GetUtcNow().AddHours(-3)));
        disclosed.StatusCode.ShouldBe(HttpStatusCode.Created);
        etag = disclosed.Headers.ETag!.Tag;
        api.Time.Advance(TimeSpan.FromMinutes(1));
        var risk = await SharingRequests.PostAsync(Manager, id, "risk-disclosures", etag, DisclosureRequests.RiskDisclosure(api.Time.GetUtcNow().AddMinutes(-30), null));
        risk.StatusCode.ShouldBe(HttpStatusCode.Created, await risk.Content.ReadAsStringAsync());
        api.Time.Advance(TimeSpan.FromMinutes(1));
        await SharingRequests.GrantAsync(api, id, risk.Headers.ETag!.Tag, api.Time.GetUtcNow().AddDays(30));
        api.Time.Advance(TimeSpan.FromMinutes(1));
        (await SharingRequests.ReadAsync(SharingRequests.Partner(api), id)).EnsureSuccessStatusCode();
        (await SharingRequests.ReadAsync(SharingRequests.Partner(api), id, purpose: null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var report = (await Auditor.GetFromJsonAsync<JsonObject>($"/audit/offenders/{id}/disclosures"))!;

        var kinds = report["disclosures"]!.AsArray().Select(d => d!["kind"]!.GetValue<string>()).ToList();
        kinds.ShouldBe(["risk-disclosure", "share-granted", "partner-read"]);
        var at = report["disclosures"]!.AsArray().Select(d => d!["at"]!.GetValue<DateTimeOffset>()).ToList();
        at.ShouldBe(at.Order().ToList());
        report["disclosures"]![2]!["to"]!.GetValue<string>().ShouldBe("ChildrensSocialCare");
        report["disclosures"]![2]!["purpose"]!.GetValue<string>().ShouldBe(SharingRequests.Purpose);
        report.ToJsonString().ShouldNotContain("Sam Carer");
    }

    [Fact]
    public async Task a_partners_list_of_shared_offenders_is_a_disclosure_of_each_one_listed()
    {
        var (first, etag1) = await OffenderRequests.RegisterAsync(Manager);
        var (second, etag2) = await OffenderRequests.RegisterAsync(Manager);
        await SharingRequests.GrantAsync(api, first, etag1, api.Time.GetUtcNow().AddDays(30), agency: "YouthJustice");
        await SharingRequests.GrantAsync(api, second, etag2, api.Time.GetUtcNow().AddDays(30), agency: "YouthJustice");
        var request = new HttpRequestMessage(HttpMethod.Get, "/partner/offenders");
        request.Headers.Add("Access-Purpose", "Youth offending panel");

        (await SharingRequests.Partner(api, agency: "YouthJustice").SendAsync(request)).EnsureSuccessStatusCode();

        foreach (var id in new[] { first, second })
        {
            var report = (await Auditor.GetFromJsonAsync<JsonObject>($"/audit/offenders/{id}/disclosures"))!;
            report["disclosures"]!.AsArray().Select(d => d!["kind"]!.GetValue<string>()).ShouldBe(["share-granted", "partner-list"]);
            var log = (await Auditor.GetFromJsonAsync<JsonObject>($"/audit/log?offenderId={id}&kind=disclosure"))!;
            log["entries"]![0]!["offenders"]!.AsArray().Select(o => o!.GetValue<Guid>()).ShouldBe([first, second], ignoreOrder: true);
        }
    }

    [Theory]
    [InlineData(Roles.OffenderManager)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.MappaPartner)]
    public async Task only_auditors_read_the_log(string role)
    {
        var response = await api.ClientFor(role, agency: "Probation").GetAsync("/audit/log");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
