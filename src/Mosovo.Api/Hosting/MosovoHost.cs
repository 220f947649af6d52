using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Mosovo.Api.Http;
using Mosovo.Api.Offenders;
using Npgsql;
using Wolverine;

namespace Mosovo.Api.Hosting;

/// <summary>Everything the host needs, registered explicitly in one place: no assembly scanning.</summary>
public static class MosovoHost
{
    public const string ConnectionStringName = "Mosovo";

    /// <summary>
    /// The schema owner's connection, for migrations and rebuilds; when not set, <see cref="ConnectionStringName"/>'s
    /// login owns the schema.
    /// </summary>
    public const string OwnerConnectionStringName = "MosovoOwner";

    public static WebApplicationBuilder AddMosovo(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not configured. "
                + "build/run.sh sets it to a local PostgreSQL when you have none.");
        }

        services.AddSingleton(TimeProvider.System);

        var eventTypes = OffenderEvents.Register(new EventTypeRegistry());
        var apiConnectionString = EventStore.WithPreparedStatements(Database.AsApiRole(connectionString));
        services.AddEventStore(apiConnectionString, eventTypes);
        services.AddSingleton(_ => NpgsqlDataSource.Create(apiConnectionString));
        // Migrations and rebuilds change the schema or empty tables: they run as the schema's owner, not as the
        // API's role.
        var ownerConnectionString =
            configuration.GetConnectionString(OwnerConnectionStringName) is { Length: > 0 } owner
                ? owner
                : connectionString;
        services.AddSingleton(_ => new SchemaOwner(EventStore.WithPreparedStatements(ownerConnectionString)));
        services.AddSingleton(sp => new Migrator(
            sp.GetRequiredService<SchemaOwner>().DataSource,
            Migration.FromAssembly(typeof(MosovoHost).Assembly),
            sp.GetRequiredService<ILogger<Migrator>>()));
        services.AddSingleton<OffenderSummaryProjection>();
        services.AddSingleton<OffenderStreams>();
        builder.Host.UseWolverine(Messaging.Configure);
        services.AddOptions<Compliance.PolicyOptions>()
            .Bind(configuration.GetSection(Compliance.PolicyOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Compliance.PolicyOptions>>(
            new ProblemsValidator<Compliance.PolicyOptions>(o => o.Problems()));
        services.AddOptions<Audit.AccessLogOptions>().Bind(configuration.GetSection(Audit.AccessLogOptions.Section));
        if (!configuration.GetValue($"{Audit.AccessLogOptions.Section}:Enabled", true)
            && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{Audit.AccessLogOptions.Section}:Enabled is false in the "
                + $"'{builder.Environment.EnvironmentName}' environment. "
                + "The access log may be switched off only in Development (to measure its cost).");
        }

        services.AddSingleton<Audit.AccessLog>();
        services.AddSingleton<
            Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler,
            Audit.RefusalLogging>();

        services.AddOptions<Compliance.OverdueSweepOptions>()
            .Bind(configuration.GetSection(Compliance.OverdueSweepOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Compliance.OverdueSweepOptions>>(
            new ProblemsValidator<Compliance.OverdueSweepOptions>(o => o.Problems()));
        services.AddSingleton<Compliance.OverdueSweep>();
        services.AddSingleton<IRecurringWork, Compliance.OverdueSweepWork>();

        services.AddOptions<SharingOptions>().Bind(configuration.GetSection(SharingOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SharingOptions>>(
            new ProblemsValidator<SharingOptions>(o => o.Problems()));
        services.AddSingleton<ShareExpiry>();
        services.AddSingleton<IRecurringWork, ShareExpiryWork>();
        services.AddSingleton<RecurringWork>();
        services.AddOptions<RecurringWorkOptions>()
            .Bind(configuration.GetSection(RecurringWorkOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<RecurringWorkOptions>>(
            new ProblemsValidator<RecurringWorkOptions>(o => o.Problems()));
        services.AddHostedService<RecurringWorkWatchdog>();

        services.AddProxies(configuration);
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ProxyOptions>>(
            new ProblemsValidator<ProxyOptions>(o => o.Problems()));

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["correlationId"] = OffenderStreams.CorrelationId(c.HttpContext));
        services.AddExceptionHandler<ExceptionHandling>();

        services.AddMosovoAuthentication(configuration, builder.Environment);
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecurityTransformer>();
            o.AddSchemaTransformer<ExampleSchemaTransformer>();
            // Bodies are nested types named for their feature (RecordHomeVisit.Request): keep the feature in the
            // schema name.
            o.CreateSchemaReferenceId = type => type.Type.DeclaringType is { } feature
                ? feature.Name + type.Type.Name
                : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        });
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<MessagingHealthCheck>("messaging", tags: ["ready"]);
        return builder;
    }

    public static WebApplication UseMosovo(this WebApplication app)
    {
        app.UseProxies();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.Environment.IsDevelopment())
        {
            // Static pages only; every call they make carries the token the person pastes in.
            app.UseSwaggerUI(o =>
            {
                o.SwaggerEndpoint("/openapi/v1.json", "Mosovo API v1");
                o.RoutePrefix = "docs";
            });
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseIdempotencyKeys();

        app.MapOpenApi().AllowAnonymous();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") })
            .AllowAnonymous();

        app.MapOffenders();
        PartnerEndpoints.Map(app);
        Audit.AuditEndpoints.Map(app);
        Compliance.ComplianceQueue.Map(app);
        Compliance.PracticeFigures.Map(app);
        Compliance.SupervisorNotices.Map(app);
        return app;
    }

    /// <summary>Refuses to start on options whose <c>Problems()</c> names any, with those messages.</summary>
    private sealed class ProblemsValidator<T>(Func<T, IEnumerable<string>> problems)
        : Microsoft.Extensions.Options.IValidateOptions<T>
        where T : class
    {
        public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, T options)
        {
            var found = problems(options).ToList();
            return found.Count == 0
                ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
                : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(found);
        }
    }

    /// <summary>
    /// Applies pending migrations before the host serves anything (safe with many instances starting at once).
    /// </summary>
    public static async Task MigrateAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
            await app.Services.PrepareDatabaseAsync();
    }

    /// <summary>
    /// Pending migrations, Marten's schema (as the owner), then summaries stored in an older shape folded again
    /// from their streams.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services)
    {
        await services.GetRequiredService<Migrator>().MigrateAsync();
        var owner = services.GetRequiredService<SchemaOwner>();
        // Marten and Wolverine create their tables and functions without waiting for another process doing the same
        // (PostgreSQL then refuses the second CREATE FUNCTION): instances starting together take turns.
        await owner.WhileHoldingSchemaLockAsync(async () =>
        {
            await EventStore.ApplySchemaAsync(owner.ConnectionString, services.GetRequiredService<EventTypeRegistry>(),
                CancellationToken.None);
            await Messaging.ApplySchemaAsync(services, owner.ConnectionString, CancellationToken.None);
        }, CancellationToken.None);
        var refreshed = await services.GetRequiredService<OffenderSummaryProjection>()
            .RefreshOutdatedAsync(services.GetRequiredService<SchemaOwner>().DataSource, CancellationToken.None);
        if (refreshed > 0)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(MosovoHost))
                .LogInformation("Refreshed {Count} offender summaries of an older shape", refreshed);
        }
    }
}
