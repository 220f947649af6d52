using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;
using System.Security.Claims;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Mosovo.Api.Hosting;

namespace Mosovo.Tests.Infrastructure;

/// <summary>
/// The real API host (Program) as an Alba host, on a migrated database of the test class's own, with real JWT
/// validation: tests call it with tokens signed by the development key, exactly as a newcomer's curl would, either as
/// Alba scenarios (<see cref="Scenario"/>) or through an HttpClient of the host's test server
/// (<see cref="ClientFor"/>).
/// The host's clock is a <see cref="FakeTimeProvider"/> the tests move by hand.
/// </summary>
public sealed class ApiFactory : IAsyncLifetime
{
    /// <summary>Where the clock of every test class starts: 15 June 2026, 10:00 UTC.</summary>
    public static readonly DateTimeOffset ClockStart = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    private IAlbaHost? _host;

    /// <summary>
    /// The host's clock. <c>AdjustTime</c> sets it to any moment, earlier too, as a wall clock is set (tests sharing
    /// the class's host each start from their own moment); <c>Advance</c> and <c>SetUtcNow</c> move it forward only
    /// and also fire the timers that fall due on it.
    /// </summary>
    public FakeTimeProvider Time { get; } = new(ClockStart);

    public MigratedDatabase Database { get; } = new();

    /// <summary>The running host: its test server, its services, and Alba's scenarios.</summary>
    public IAlbaHost Host => _host ?? throw new InvalidOperationException("The API host starts in InitializeAsync.");

    public IServiceProvider Services => Host.Services;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _host = await AlbaHost.For<Program>(Configure);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_host is not null)
                await _host.DisposeAsync();
        }
        finally
        {
            await Database.DisposeAsync();
        }
    }

    /// <summary>Sends one request through the host's whole pipeline and checks what the scenario expects.</summary>
    public Task<IScenarioResult> Scenario(Action<Scenario> configure) => Host.Scenario(configure);

    /// <summary>A client with no token.</summary>
    public HttpClient CreateClient() => Host.Server.CreateClient();

    /// <summary>
    /// Another instance of the API on this class's database, configured as this one (the same clock too) and then by
    /// <paramref name="configure"/>. Like any WebApplicationFactory it starts when first used (its Services or a
    /// client), so a test can assert that a start fails.
    /// </summary>
    public WebApplicationFactory<Program> WithWebHostBuilder(Action<IWebHostBuilder> configure) =>
        new Instance(builder =>
        {
            Configure(builder);
            configure(builder);
        });

    /// <summary>A client carrying a token for one user with one role.</summary>
    /// <param name="officerId">
    /// The officer's warrant number (the <c>officer_id</c> claim), which offenders are allocated by.
    /// </param>
    public HttpClient ClientFor(
        string role, string name = "Test Officer", string? team = "North MOSOVO", string? agency = "Police",
        string? officerId = null)
    {
        var client = CreateClient();
        var token = Token(role, name, team, agency, officerId);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// A client whose token is signed with the development key, for the development issuer and audience, and carries
    /// exactly these claims: for tokens the minting tool never makes (no <c>oid</c>, a blank <c>agency</c>).
    /// </summary>
    public HttpClient ClientWithClaims(params (string Type, string Value)[] claims)
    {
        var options = TokenOptions();
        var now = DateTime.UtcNow;
        var token = new JwtSecurityToken(
            options.Issuer, options.Audience, claims.Select(c => new Claim(c.Type, c.Value)),
            now.AddMinutes(-1), now.AddHours(1), new SigningCredentials(options.Key(), SecurityAlgorithms.HmacSha256));
        var client = CreateClient();
        var signed = new JwtSecurityTokenHandler().WriteToken(token);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signed);
        return client;
    }

    /// <summary>A development token for one user with one role, as build/token.sh mints it.</summary>
    public string Token(
        string role, string name = "Test Officer", string? team = "North MOSOVO", string? agency = "Police",
        string? officerId = null)
    {
        // Token lifetimes are checked against the real clock by the JWT handler, so tokens are minted with it.
        var request = new TokenRequest(role, name, team, agency, OfficerId: officerId);
        return DevelopmentTokens.Mint(TokenOptions(), request, TimeProvider.System.GetUtcNow());
    }

    private DevelopmentTokenOptions TokenOptions() =>
        Services.GetRequiredService<IConfiguration>()
            .GetSection(DevelopmentTokenOptions.Section).Get<DevelopmentTokenOptions>()!;

    /// <summary>What every instance of the API of a class shares: the Alba host and the extra instances.</summary>
    private void Configure(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // As in production: the API logs in as its own role; migrations run as the schema's owner.
        builder.UseSetting(
            $"ConnectionStrings:{MosovoHost.ConnectionStringName}",
            Mosovo.Api.Hosting.Database.AsApiLogin(Database.ConnectionString));
        builder.UseSetting($"ConnectionStrings:{MosovoHost.OwnerConnectionStringName}", Database.ConnectionString);
        builder.UseSetting("Sharing:RecordExpiries", "false");
        builder.UseSetting("OverdueSweep:Enabled", "false");
        // Registered here rather than with Alba's TimeProviderOverride, so that the extra instances share the clock.
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
    }

    private sealed class Instance(Action<IWebHostBuilder> configure) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => configure(builder);
    }
}
