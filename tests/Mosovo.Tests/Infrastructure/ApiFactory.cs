using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;
using Mosovo.Api.Hosting;

namespace Mosovo.Tests.Infrastructure;

/// <summary>
/// The real API host (Program) on a migrated database of the test class's own, with real JWT validation:
/// tests call it with tokens signed by the development key, exactly as a newcomer's curl would.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly MigratedDatabase _database = new();

    public FakeTime Time { get; } = new();

    public MigratedDatabase Database => _database;

    public async Task InitializeAsync() => await _database.InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // As in production: the API logs in as its own role; migrations run as the schema's owner.
        builder.UseSetting($"ConnectionStrings:{MosovoHost.ConnectionStringName}", Mosovo.Api.Hosting.Database.AsApiLogin(_database.ConnectionString));
        builder.UseSetting($"ConnectionStrings:{MosovoHost.OwnerConnectionStringName}", _database.ConnectionString);
        builder.UseSetting("Sharing:RecordExpiries", "false");
        builder.UseSetting("OverdueSweep:Enabled", "false");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
    }

    /// <summary>A client carrying a token for one user with one role.</summary>
    /// <param name="officerId">The officer's warrant number (the <c>officer_id</c> claim), which offenders are allocated by.</param>
    public HttpClient ClientFor(string role, string name = "Test Officer", string? team = "North MOSOVO", string? agency = "Police", string? officerId = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, name, team, agency, officerId));
        return client;
    }

    /// <summary>
    /// A client whose token is signed with the development key, for the development issuer and audience, and carries
    /// exactly these claims: for tokens the minting tool never makes (no <c>oid</c>, a blank <c>agency</c>).
    /// </summary>
    public HttpClient ClientWithClaims(params (string Type, string Value)[] claims)
    {
        var options = Services.GetRequiredService<IConfiguration>()
            .GetSection(DevelopmentTokenOptions.Section).Get<DevelopmentTokenOptions>()!;
        var now = DateTime.UtcNow;
        var token = new JwtSecurityToken(
            options.Issuer, options.Audience, claims.Select(c => new Claim(c.Type, c.Value)),
            now.AddMinutes(-1), now.AddHours(1), new SigningCredentials(options.Key(), SecurityAlgorithms.HmacSha256));
        var client = CreateClient();
        var signed = new JwtSecurityTokenHandler().WriteToken(token);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signed);
        return client;
    }

    public string Token(string role, string name = "Test Officer", string? team = "North MOSOVO", string? agency = "Police", string? officerId = null)
    {
        var options = Services.GetRequiredService<IConfiguration>().GetSection(DevelopmentTokenOptions.Section).Get<DevelopmentTokenOptions>()!;
        // Token lifetimes are checked against the real clock by the JWT handler, so tokens are minted with it.
        return DevelopmentTokens.Mint(options, new TokenRequest(role, name, team, agency, OfficerId: officerId), TimeProvider.System.GetUtcNow());
    }
}
