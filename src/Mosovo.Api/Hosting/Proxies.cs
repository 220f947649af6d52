using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Mosovo.Api.Hosting;

/// <summary>
/// The reverse proxies or load balancers in front of the API (<c>ForwardedHeaders</c> in configuration). The access
/// log records each request's client address; behind a proxy the connection comes from the proxy, so the address is
/// taken from <c>X-Forwarded-For</c>, but only on a connection from a proxy named here: anyone else could write that
/// header. None are named by default, and then the header is ignored.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row the request passes (the entries of <c>X-Forwarded-For</c> read from the right). Default 1.</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Configured => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    public IEnumerable<string> Problems()
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
            yield return $"{Section}:KnownProxies: '{proxy}' is not an IP address.";
        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
            yield return $"{Section}:KnownNetworks: '{network}' is not a network in CIDR notation (e.g. 10.0.0.0/24).";
        if (ForwardLimit < 1)
            yield return $"{Section}:ForwardLimit must be at least 1 (it is {ForwardLimit}).";
    }

    /// <summary>ASP.NET Core's forwarded-headers options, trusting these proxies only (not its default, the loopback address).</summary>
    internal void ApplyTo(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = ForwardLimit;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in KnownNetworks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }
}

internal static class Proxies
{
    public static IServiceCollection AddProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProxyOptions>().Bind(configuration.GetSection(ProxyOptions.Section)).ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) => proxies.Value.ApplyTo(forwarded));
        return services;
    }

    /// <summary>First in the pipeline, so that everything after it (the access log above all) sees the client's address.</summary>
    public static WebApplication UseProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Configured)
            app.UseForwardedHeaders();
        return app;
    }
}
