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
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
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

    private sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
    {
        public ValidateOptionsResult Validate(string? name, OutboxOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
