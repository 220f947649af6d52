using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Hosting;

public sealed class when_the_caller_is_not_allowed(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "/offenders" },
        { "POST", "/offenders/{id}/visits" },
        { "GET", "/offenders/{id}/timeline" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task without_a_token_the_answer_is_401(string method, string path)
    {
        var response = await Send(api.CreateClient(), method, path);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task a_token_signed_with_another_key_is_401(string method, string path)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgedToken(Roles.Supervisor));

        (await Send(client, method, path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task an_expired_token_is_401()
    {
        var options = new DevelopmentTokenOptions { SigningKey = DevelopmentKey(), Lifetime = TimeSpan.FromMinutes(1) };
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            DevelopmentTokens.Mint(options, new TokenRequest(Roles.Supervisor, "Old", "North MOSOVO", "Police"), DateTimeOffset.UtcNow.AddHours(-2)));

        (await Send(client, "GET", "/offenders/{id}/timeline")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(Roles.MappaPartner, "POST", "/offenders")]
    [InlineData(Roles.MappaPartner, "GET", "/offenders/{id}/timeline")]
    [InlineData(Roles.Auditor, "POST", "/offenders")]
    [InlineData(Roles.Auditor, "GET", "/offenders/{id}/timeline")]
    public async Task a_role_that_may_not_gets_403_and_nothing_is_written(string role, string method, string path)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(api.ClientFor(Roles.OffenderManager));
        var before = await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_events");

        var response = await Send(api.ClientFor(role, agency: "Probation"), method, path, id, etag);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_events")).ShouldBe(before);
    }

    [Theory]
    [InlineData(Roles.OffenderManager)]
    [InlineData(Roles.Supervisor)]
    public async Task offender_managers_and_supervisors_may_register_visit_and_read(string role)
    {
        var client = api.ClientFor(role);

        (await Send(client, "POST", "/offenders/{id}/visits")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Send(client, "GET", "/offenders/{id}/timeline")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> Send(HttpClient client, string method, string path)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(api.ClientFor(Roles.OffenderManager));
        return await Send(client, method, path, id, etag);
    }

    private async Task<HttpResponseMessage> Send(HttpClient client, string method, string path, Guid id, string etag)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id.ToString(), StringComparison.Ordinal));
        if (method == "POST")
        {
            request.Content = JsonContent.Create(path.EndsWith("visits", StringComparison.Ordinal)
                ? OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddHours(-1))
                : OffenderRequests.Registration());
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await client.SendAsync(request);
    }

    private string DevelopmentKey() =>
        api.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()[$"{DevelopmentTokenOptions.Section}:SigningKey"]!;

    private static string ForgedToken(string role)
    {
        var key = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var token = new JwtSecurityToken("https://mosovo.invalid/development", "api://mosovo-development",
            [new Claim("oid", "forger"), new Claim("name", "Forger"), new Claim("roles", role)],
            DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddHours(1), new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
