using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Sharing;

/// <summary>
/// A MAPPA partner's token that names no agency, a blank one, or one a share cannot name: the list of shared
/// offenders is refused and the attempt logged, rather than answered with an empty list that would read as
/// "nothing is shared with you".
/// </summary>
public sealed class when_a_partner_token_names_no_known_agency(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("PO No Agency", null)]
    [InlineData("PO Blank Agency", " ")]
    [InlineData("PO Unknown Agency", "Police")]
    public async Task the_list_is_403_as_a_problem_and_logged_as_a_refused_attempt(string name, string? agency)
    {
        // Something is shared, with a real agency: only the token is at fault.
        var (id, etag) = await OffenderRequests.RegisterAsync(api.ClientFor(Roles.OffenderManager));
        await SharingRequests.GrantAsync(api, id, etag, api.Time.GetUtcNow().AddDays(30), agency: "Probation");
        (string, string)[] claims =
            [("oid", Guid.CreateVersion7().ToString()), ("name", name), ("roles", Roles.MappaPartner)];
        var partner = api.ClientWithClaims(agency is null ? claims : [.. claims, ("agency", agency)]);

        var request = new HttpRequestMessage(HttpMethod.Get, "/partner/offenders");
        request.Headers.Add("Access-Purpose", SharingRequests.Purpose);
        var response = await partner.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<int>().ShouldBe(403);
        var loggedAgency = string.IsNullOrWhiteSpace(agency) ? "agency IS NULL" : $"agency = '{agency}'";
        (await LogCount($"""
            kind = 'refusal' AND outcome = 403 AND what = 'shared-offenders' AND user_name = '{name}'
            AND roles = 'MappaPartner' AND {loggedAgency} AND purpose = '{SharingRequests.Purpose}'
            AND method = 'GET' AND path = '/partner/offenders'
            """)).ShouldBe(1);
        (await LogCount($"user_name = '{name}'")).ShouldBe(1);
    }

    private Task<long> LogCount(string where) =>
        api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.access_log WHERE {where}");
}
