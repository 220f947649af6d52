using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Offenders;

/// <summary>Three offenders registered once for the whole class.</summary>
public sealed class LookupOffenders : IAsyncLifetime
{
    public ApiFactory Api { get; } = new();

    public Guid Zoe { get; private set; }

    public Guid Lukasz { get; private set; }

    public Guid Other { get; private set; }

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Api).InitializeAsync();
        var manager = Api.ClientFor(Roles.OffenderManager, "DC Test Manager");
        Zoe = (await OffenderRequests.RegisterAsync(manager, Person("Zoë Anne", "Ó Brien-Smyth", ["Zoe Smith"], "1975-02-03", "DC0001", "South MOSOVO"))).Id;
        Lukasz = (await OffenderRequests.RegisterAsync(manager, Person("Łukasz", "Nowak", [], "1990-12-24", "DC0002", "North MOSOVO"))).Id;
        Other = (await OffenderRequests.RegisterAsync(manager, Person("Peter", "Jones", ["Pete Smithson"], "1975-02-03", "DC0001", "North MOSOVO"))).Id;
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)Api).DisposeAsync();

    private static JsonObject Person(string given, string family, string[] aliases, string dob, string managerId, string team)
    {
        var body = OffenderRequests.Registration();
        body["name"] = new JsonObject { ["givenNames"] = given, ["familyName"] = family };
        body["aliases"] = new JsonArray(aliases.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray());
        body["dateOfBirth"] = dob;
        body["manager"] = new JsonObject { ["id"] = managerId, ["name"] = "DC " + managerId };
        body["team"] = team;
        return body;
    }
}

public sealed class when_officers_look_offenders_up(LookupOffenders seeded) : IClassFixture<LookupOffenders>
{
    private readonly ApiFactory api = seeded.Api;
    private readonly Guid _zoe = seeded.Zoe, _lukasz = seeded.Lukasz, _other = seeded.Other;

    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    [Theory]
    [InlineData("zoe")]
    [InlineData("ZOË")]
    [InlineData("o brien")]
    [InlineData("obrien smyth")]
    [InlineData("brien zoe")]
    public async Task a_name_finds_the_offender_whatever_the_case_and_accents(string name)
    {
        var ids = await Find($"name={Uri.EscapeDataString(name)}");
        if (name == "obrien smyth")
        {
            ids.ShouldBeEmpty(); // "obrien" is not a part of "o brien": words are matched as parts of words
            return;
        }

        ids.ShouldBe([_zoe]);
    }

    [Fact]
    public async Task an_alias_finds_the_offender()
    {
        (await Find("name=smith")).ShouldBe([_zoe, _other], ignoreOrder: true);
        (await Find("name=smithson")).ShouldBe([_other]);
    }

    [Fact]
    public async Task a_letter_without_a_decomposition_is_folded_too()
    {
        (await Find("name=lukasz")).ShouldBe([_lukasz]);
        (await Find("name=%C5%81UKASZ")).ShouldBe([_lukasz]);
    }

    [Fact]
    public async Task date_of_birth_and_name_narrow_each_other()
    {
        (await Find("dateOfBirth=1975-02-03")).ShouldBe([_zoe, _other], ignoreOrder: true);
        (await Find("dateOfBirth=1975-02-03&name=jones")).ShouldBe([_other]);
    }

    [Fact]
    public async Task the_reference_and_the_pnc_id_find_the_offender()
    {
        var summary = await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{_lukasz}");
        var reference = summary!["identity"]!["reference"]!.GetValue<string>();

        (await Find($"reference={reference.ToLowerInvariant()}")).ShouldBe([_lukasz]);
        (await Find("reference=2019/0123456A")).Count.ShouldBe(3);
    }

    [Fact]
    public async Task a_search_with_nothing_to_search_by_is_a_400()
    {
        var response = await Manager.GetAsync("/offenders");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("name");
        (await Manager.GetAsync("/offenders?name=%20-%20")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Manager.GetAsync("/offenders?dateOfBirth=yesterday")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_caseload_lists_a_managers_live_offenders_with_their_due_dates()
    {
        var caseload = await Manager.GetFromJsonAsync<JsonObject>("/caseload?managerId=DC0001");

        caseload!["count"]!.GetValue<int>().ShouldBe(2);
        caseload["total"]!.GetValue<long>().ShouldBe(2);
        var offenders = caseload["offenders"]!.AsArray();
        offenders.Select(o => o!["offenderId"]!.GetValue<Guid>()).ShouldBe([_other, _zoe]);
        DateOnly.Parse(offenders[0]!["nextNotificationDue"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(new DateOnly(2020, 1, 1));
        var team = await Manager.GetFromJsonAsync<JsonObject>("/caseload?team=North%20MOSOVO");
        team!["offenders"]!.AsArray().Select(o => o!["offenderId"]!.GetValue<Guid>()).ShouldBe([_other, _lukasz], ignoreOrder: true);
    }

    [Fact]
    public async Task without_a_manager_or_team_the_caseload_is_the_callers_own()
    {
        var me = api.ClientFor(Roles.OffenderManager, "DC Nobody's Manager");
        var caseload = await me.GetFromJsonAsync<JsonObject>("/caseload");
        caseload!["count"]!.GetValue<int>().ShouldBe(0);
        caseload["managerId"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task the_summary_shows_the_current_record_with_its_version_as_etag()
    {
        var response = await Manager.GetAsync($"/offenders/{_zoe}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var summary = await response.Content.ReadFromJsonAsync<JsonObject>();
        summary!["identity"]!["name"]!["familyName"]!.GetValue<string>().ShouldBe("Ó Brien-Smyth");
        summary["allocation"]!["team"]!.GetValue<string>().ShouldBe("South MOSOVO");
        summary["mappa"]!["category"]!.GetValue<int>().ShouldBe(1);
        (await Manager.GetAsync($"/offenders/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.MappaPartner)]
    [InlineData(Roles.Auditor)]
    public async Task partners_and_auditors_cannot_search_or_read_caseloads(string role)
    {
        var client = api.ClientFor(role, agency: "Probation");
        (await client.GetAsync("/offenders?name=zoe")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/caseload")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/offenders/{_zoe}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<List<Guid>> Find(string query)
    {
        var response = await Manager.GetAsync($"/offenders?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var results = await response.Content.ReadFromJsonAsync<JsonObject>();
        return results!["offenders"]!.AsArray().Select(o => o!["offenderId"]!.GetValue<Guid>()).ToList();
    }
}

public sealed class when_names_are_made_searchable
{
    [Theory]
    [InlineData("Zoë", "zoe")]
    [InlineData("  O'Brien-Smyth ", "o brien smyth")]
    [InlineData("ŁUKASZ Øster", "lukasz oster")]
    [InlineData("Straße", "strasse")]
    [InlineData("Jean-Luc  Picard", "jean luc picard")]
    public void accents_case_and_punctuation_are_folded(string name, string expected) =>
        SearchText.Normalize(name).ShouldBe(expected);
}
