using System.Net;
using System.Net.Http.Json;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Hosting;

/// <summary>
/// A token signed with the right key, for the right audience and with a role, but without the user id the API
/// records every read and write under: refused by authentication itself, before any endpoint runs.
/// </summary>
public sealed class when_a_valid_token_does_not_name_its_user(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "/offenders/{id}/visits" },
        { "GET", "/offenders/{id}/timeline" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task without_oid_or_sub_the_answer_is_401_as_a_problem_and_nothing_is_written_or_logged(
        string method, string path)
    {
        var nameless = api.ClientWithClaims(
            ("name", "DC Nameless"), ("roles", Roles.OffenderManager), ("team", "North MOSOVO"));

        await RefusedAsUnauthenticated(nameless, method, path);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task a_blank_oid_is_no_oid(string method, string path)
    {
        var blank = api.ClientWithClaims(("oid", " "), ("name", "DC Blank"), ("roles", Roles.OffenderManager));

        await RefusedAsUnauthenticated(blank, method, path);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task a_sub_without_an_oid_names_the_user(string method, string path)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(api.ClientFor(Roles.OffenderManager));
        var client = api.ClientWithClaims(
            ("sub", "subject-7"), ("name", "DC Subject"), ("roles", Roles.OffenderManager));

        var response = await SendAsync(client, method, path, id, etag);

        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        var logged = $"SELECT count(*) FROM mosovo.access_log WHERE offender_id = '{id}' AND user_id = 'subject-7'";
        (await api.Database.ScalarAsync(logged)).ShouldBe(1);
    }

    private async Task RefusedAsUnauthenticated(HttpClient client, string method, string path)
    {
        var manager = api.ClientFor(Roles.OffenderManager);
        var (id, etag) = await OffenderRequests.RegisterAsync(manager);
        var entries = await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.access_log");

        var response = await SendAsync(client, method, path, id, etag);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        // A 401 names nobody, so, like one without a token, it is not logged.
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.access_log")).ShouldBe(entries);
        // Nothing was written: the record is still at the version its registration gave it.
        (await manager.GetAsync($"/offenders/{id}")).Headers.ETag!.Tag.ShouldBe(etag);
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpClient client, string method, string path, Guid id, string etag)
    {
        var uri = path.Replace("{id}", id.ToString(), StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddHours(-1)));
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await client.SendAsync(request);
    }
}
