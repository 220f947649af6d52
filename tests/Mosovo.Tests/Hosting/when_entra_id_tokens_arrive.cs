using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Hosting;

/// <summary>
/// The API as it runs outside Development: Microsoft.Identity.Web validates Entra ID tokens. The tenant's
/// metadata (issuer and signing key) is given to the handler instead of fetched, as this machine has no
/// network; everything else is Identity.Web's own: its audience rule, its refusal of a token with neither
/// roles nor scopes, and our claim names and user check on the options it builds.
/// </summary>
public sealed class when_entra_id_tokens_arrive(when_entra_id_tokens_arrive.EntraApi api)
    : IClassFixture<when_entra_id_tokens_arrive.EntraApi>
{
    public const string TenantId = "0f2d6a4e-5b1c-4c8e-9a3d-7e6f5a4b3c2d";
    public const string ClientId = "4b8c2e1f-9d7a-4f3e-8c6b-1a2d3e4f5a6b";

    [Fact]
    public async Task a_token_from_the_tenant_is_served_and_its_claims_keep_their_names()
    {
        var oid = Guid.NewGuid().ToString();
        var client = api.ClientWith(Claims(oid, "DC Entra", Roles.OffenderManager));

        var (id, _) = await OffenderRequests.RegisterAsync(client);
        var timeline = await client.GetAsync($"/offenders/{id}/timeline");

        timeline.StatusCode.ShouldBe(HttpStatusCode.OK);
        // oid, name and roles read as they arrived: the registration is logged under them.
        var logged = await api.Database.ScalarTextAsync($"""
            SELECT concat_ws('|', user_id, user_name, roles) FROM mosovo.access_log
            WHERE offender_id = '{id}' AND kind = 'collection'
            """);
        logged.ShouldBe($"{oid}|DC Entra|{Roles.OffenderManager}");
    }

    [Fact]
    public async Task a_token_without_an_oid_is_401()
    {
        var claims = Claims(Guid.NewGuid().ToString(), "DC Nameless", Roles.OffenderManager)
            .Where(c => c.Type != "oid");

        (await api.ClientWith(claims).GetAsync("/caseload")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_token_with_neither_roles_nor_scopes_is_401()
    {
        var claims = Claims(Guid.NewGuid().ToString(), "DC Roleless", Roles.OffenderManager)
            .Where(c => c.Type != "roles");

        (await api.ClientWith(claims).GetAsync("/caseload")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_token_for_another_audience_is_401()
    {
        var claims = Claims(Guid.NewGuid().ToString(), "DC Elsewhere", Roles.OffenderManager);

        (await api.ClientWith(claims, audience: "api://another-api").GetAsync("/caseload")).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_token_from_another_tenant_is_401()
    {
        var other = Guid.NewGuid().ToString();
        var claims = Claims(Guid.NewGuid().ToString(), "DC Other Tenant", Roles.OffenderManager)
            .Select(c => c.Type == "tid" ? new Claim("tid", other) : c);

        (await api.ClientWith(claims, issuer: $"https://login.microsoftonline.com/{other}/v2.0").GetAsync("/caseload"))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_caseload_read_with_the_tenants_token_is_served()
    {
        var client = api.ClientWith(Claims(Guid.NewGuid().ToString(), "DC Caseload", Roles.Supervisor));

        (await client.GetAsync("/caseload")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The claims of an Entra ID v2.0 access token for this API.</summary>
    private static IEnumerable<Claim> Claims(string oid, string name, string role) =>
    [
        new("oid", oid), new("name", name), new("roles", role), new("tid", TenantId), new("ver", "2.0"),
        new("team", "North MOSOVO"),
    ];

    /// <summary>The real host in Production with Entra ID settings, on a migrated database of its own.</summary>
    public sealed class EntraApi : WebApplicationFactory<Program>, IAsyncLifetime
    {
        private readonly MigratedDatabase _database = new();
        private readonly RSA _rsa = RSA.Create(2048);

        public MigratedDatabase Database => _database;

        private static string TenantIssuer => $"https://login.microsoftonline.com/{TenantId}/v2.0";

        private SecurityKey Key => new RsaSecurityKey(_rsa) { KeyId = "tenant-key" };

        public async Task InitializeAsync() => await _database.InitializeAsync();

        async Task IAsyncLifetime.DisposeAsync()
        {
            await DisposeAsync();
            await _database.DisposeAsync();
            _rsa.Dispose();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting($"ConnectionStrings:{MosovoHost.ConnectionStringName}",
                Mosovo.Api.Hosting.Database.AsApiLogin(_database.ConnectionString));
            builder.UseSetting($"ConnectionStrings:{MosovoHost.OwnerConnectionStringName}", _database.ConnectionString);
            builder.UseSetting("AzureAd:TenantId", TenantId);
            builder.UseSetting("AzureAd:ClientId", ClientId);
            builder.UseSetting("Outbox:Enabled", "false");
            builder.UseSetting("Sharing:RecordExpiries", "false");
            builder.UseSetting("OverdueSweep:Enabled", "false");
            builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(
                JwtBearerDefaults.AuthenticationScheme, options =>
                {
                    // What the tenant's metadata document says: its issuer and its signing key.
                    var metadata = new OpenIdConnectConfiguration { Issuer = TenantIssuer };
                    metadata.SigningKeys.Add(Key);
                    options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata);
                    // Identity.Web's issuer validator reads the same metadata itself unless the issuer is named.
                    options.TokenValidationParameters.ValidIssuer = TenantIssuer;
                }));
        }

        public HttpClient ClientWith(IEnumerable<Claim> claims, string audience = ClientId, string? issuer = null)
        {
            var now = DateTime.UtcNow;
            var token = new JwtSecurityToken(issuer ?? TenantIssuer, audience, claims, now.AddMinutes(-1),
                now.AddHours(1), new SigningCredentials(Key, SecurityAlgorithms.RsaSha256));
            var client = CreateClient();
            client.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Bearer", new JwtSecurityTokenHandler().WriteToken(token));
            return client;
        }
    }
}
