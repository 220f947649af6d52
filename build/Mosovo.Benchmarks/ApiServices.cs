using System.Security.Cryptography;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using Npgsql;

namespace Mosovo.Benchmarks;

/// <summary>
/// The API's own services for one benchmark database, registered by <see cref="MosovoHost.AddMosovo"/> exactly as
/// the API registers them (Marten configured by <see cref="EventStore"/>, the summary projection with the policies
/// the configuration gives, the one write path <see cref="OffenderStreams"/>), without serving HTTP or running the
/// periodic sweeps. The API logs in as its own role and the schema's owner applies the schema, as in production.
/// </summary>
public sealed class ApiServices : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiServices(WebApplication app)
    {
        _app = app;
    }

    public IServiceProvider Services => _app.Services;

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    /// <summary>Marten's serializer as the API configures it: the JSON it writes in <c>mt_events.data</c>.</summary>
    public ISerializer Serializer => ((DocumentStore)Store).Options.Serializer();

    /// <summary>Marten's event configuration: the stored and .NET type names, the stream type's alias.</summary>
    public EventGraph Events => (EventGraph)((DocumentStore)Store).Options.Events;

    public OffenderStreams Streams => Services.GetRequiredService<OffenderStreams>();

    public OffenderSummaryProjection Summaries => Services.GetRequiredService<OffenderSummaryProjection>();

    /// <summary>The schema owner's data source (the benchmark's server login): for loading and rebuilding.</summary>
    public NpgsqlDataSource Owner => Services.GetRequiredService<SchemaOwner>().DataSource;

    /// <summary>The API's own data source (its role, its prepared-statement settings).</summary>
    public NpgsqlDataSource Api => Services.GetRequiredService<NpgsqlDataSource>();

    /// <param name="connectionString">The database, logged in as its owner (the benchmark server's user).</param>
    public static ApiServices Create(string connectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"ConnectionStrings:{MosovoHost.ConnectionStringName}"] = Database.AsApiLogin(connectionString),
            [$"ConnectionStrings:{MosovoHost.OwnerConnectionStringName}"] = connectionString,
            ["OverdueSweep:Enabled"] = "false",
            ["Sharing:RecordExpiries"] = "false",
            // Authentication is registered but never used here: any Development signing key will do.
            [$"{DevelopmentTokenOptions.Section}:SigningKey"] =
                Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddMosovo();
        return new ApiServices(builder.Build());
    }

    /// <summary>Migrations, then Marten's schema applied by the owner, as the API does before it serves.</summary>
    public Task PrepareDatabaseAsync() => Services.PrepareDatabaseAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
