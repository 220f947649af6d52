using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Audit;

/// <summary>
/// The access log records who asked from where. Behind a proxy the connection comes from the proxy: the client's
/// address is the one in X-Forwarded-For, believed only on a connection from a proxy named in configuration.
/// </summary>
public sealed class when_the_api_is_behind_a_proxy(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Proxy = "10.20.0.5";
    private const string Client = "203.0.113.7";

    [Fact]
    public async Task a_read_through_a_named_proxy_is_logged_with_the_clients_address()
    {
        using var behindProxy = Behind(("ForwardedHeaders:KnownProxies:0", Proxy));
        var (id, _) = await OffenderRequests.RegisterAsync(api.ClientFor(Roles.OffenderManager));

        (await ReadAsync(behindProxy, id, from: Proxy, forwardedFor: Client)).ShouldBe(HttpStatusCode.OK);

        (await LoggedAddressAsync(id)).ShouldBe(Client);
    }

    [Fact]
    public async Task a_proxy_in_a_named_network_is_believed_too()
    {
        using var behindProxy = Behind(("ForwardedHeaders:KnownNetworks:0", "10.20.0.0/16"));
        var (id, _) = await OffenderRequests.RegisterAsync(api.ClientFor(Roles.OffenderManager));

        (await ReadAsync(behindProxy, id, from: "10.20.3.4", forwardedFor: Client)).ShouldBe(HttpStatusCode.OK);

        (await LoggedAddressAsync(id)).ShouldBe(Client);
    }

    [Fact]
    public async Task a_forwarded_address_from_anyone_else_is_ignored()
    {
        using var behindProxy = Behind(("ForwardedHeaders:KnownProxies:0", Proxy));
        var (id, _) = await OffenderRequests.RegisterAsync(api.ClientFor(Roles.OffenderManager));

        (await ReadAsync(behindProxy, id, from: "198.51.100.9", forwardedFor: Client)).ShouldBe(HttpStatusCode.OK);

        (await LoggedAddressAsync(id)).ShouldBe("198.51.100.9");
    }

    [Fact]
    public async Task with_no_proxy_named_the_header_is_ignored()
    {
        using var direct = Behind();
        var (id, _) = await OffenderRequests.RegisterAsync(api.ClientFor(Roles.OffenderManager));

        (await ReadAsync(direct, id, from: Proxy, forwardedFor: Client)).ShouldBe(HttpStatusCode.OK);

        (await LoggedAddressAsync(id)).ShouldBe(Proxy);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "not-an-address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99")]
    [InlineData("ForwardedHeaders:ForwardLimit", "0")]
    public void a_nonsensical_proxy_setting_stops_the_start_naming_it(string setting, string value)
    {
        using var factory = Behind((setting, value));

        var named = setting.EndsWith(":0", StringComparison.Ordinal) ? setting[..^2] : setting;
        Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => factory.CreateClient()).Message.ShouldContain(named);
    }

    /// <summary>
    /// The API with these settings, where a request's connection comes from the address in its X-Test-Peer header
    /// (the test server has no network connections to come from).
    /// </summary>
    private WebApplicationFactory<Program> Behind(params (string Key, string Value)[] settings) =>
        api.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
                b.UseSetting(key, value);
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerFromHeader>());
        });

    private async Task<HttpStatusCode> ReadAsync(WebApplicationFactory<Program> factory, Guid id, string from, string forwardedFor)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Token(Roles.OffenderManager));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/offenders/{id}");
        request.Headers.Add("X-Test-Peer", from);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private Task<string> LoggedAddressAsync(Guid id) =>
        api.Database.ScalarTextAsync($"SELECT client_address FROM mosovo.access_log WHERE offender_id = '{id}' AND kind = 'consultation' ORDER BY id DESC LIMIT 1");

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate following) =>
            {
                if (context.Request.Headers["X-Test-Peer"] is [{ } peer])
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                return following(context);
            });
            next(app);
        };
    }
}
