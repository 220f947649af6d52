using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mosovo.EventStore.Outbox;
using Npgsql;

namespace Mosovo.EventStore;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The event store, its migrations (this assembly's and those of <paramref name="migrationAssemblies"/>),
    /// the projection rebuilder and the outbox dispatcher. Event types, projections and outbox handlers are
    /// registered by the caller, explicitly.
    /// </summary>
    public static IServiceCollection AddEventStore(
        this IServiceCollection services,
        string connectionString,
        IConfiguration configuration,
        EventTypeRegistry eventTypes,
        params Assembly[] migrationAssemblies)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(WithPreparedStatements(connectionString)));
        services.AddSingleton(eventTypes);
        services.AddSingleton<PostgresEventStore>();
        services.AddSingleton<ProjectionRebuilder>();
        services.AddSingleton<Migrator>();
        foreach (var migration in migrationAssemblies.Prepend(typeof(PostgresEventStore).Assembly).Distinct().SelectMany(Migration.FromAssembly))
            services.AddSingleton(migration);

        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>();
        services.AddSingleton<OutboxDispatcher>();
        return services;
    }

    /// <summary>
    /// Prepares statements a connection runs repeatedly, unless the connection string says otherwise: an
    /// append's SQL is then parsed and planned once per pooled connection, not on every append
    /// (build/bench.sh store measured the planning as the largest cost after the commit itself).
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    private sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
    {
        public ValidateOptionsResult Validate(string? name, OutboxOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
