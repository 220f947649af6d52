using JasperFx;
using JasperFx.CodeGeneration;
using Npgsql;
using Weasel.Core;
using Weasel.Postgresql;
using Wolverine;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace Mosovo.Api.Hosting;

/// <summary>
/// Wolverine: the in-process message bus, with its durable inbox, outbox and scheduled messages stored by Marten
/// in the same database and transactions as the events. Handlers are listed here, by hand: none is found by
/// scanning, so a handler cannot go missing silently.
/// </summary>
public static class Messaging
{
    /// <summary>Every message handler in the API.</summary>
    public static readonly IReadOnlyList<Type> Handlers =
        [typeof(Compliance.PpnRaisedNoticeHandler), typeof(RunRecurringWorkHandler)];

    public static void Configure(WolverineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ServiceName = "mosovo";
        options.Discovery.DisableConventionalDiscovery();
        foreach (var handler in Handlers)
            options.Discovery.IncludeType(handler);
        // Local queues are durable: a message is stored with the transaction that published it, and is handled
        // after that commits, by this node or, if it dies first, another.
        options.Policies.UseDurableLocalQueues();
        // The API's role may not change the schema: the owner applies Wolverine's tables (ApplySchemaAsync).
        options.AutoBuildMessageStorageOnStartup = AutoCreate.None;
        // Handlers run the code generated ahead of time into Internal/Generated (build/codegen.sh), in every
        // environment: nothing is compiled at run time, and a handler whose generated code is missing or stale
        // stops the start instead of failing at its first message.
        options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
        options.Services.CritterStackDefaults(defaults =>
        {
            defaults.Development.GeneratedCodeMode = TypeLoadMode.Static;
            defaults.Production.GeneratedCodeMode = TypeLoadMode.Static;
            defaults.Development.AssertAllPreGeneratedTypesExist = true;
            defaults.Production.AssertAllPreGeneratedTypesExist = true;
        });
    }

    /// <summary>Applies Wolverine's message storage tables as the schema's owner.</summary>
    public static async Task ApplySchemaAsync(
        IServiceProvider services,
        string ownerConnectionString,
        CancellationToken cancellationToken)
    {
        var runtime = services.GetRequiredService<IWolverineRuntime>();
        if (runtime.Storage is not MessageDatabase<NpgsqlConnection> storage)
            throw new InvalidOperationException(
                $"Wolverine's message storage is {runtime.Storage.GetType().Name}, not PostgreSQL.");
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        var migration = await SchemaMigration.DetermineAsync(connection, cancellationToken, storage.Objects);
        if (migration.Difference != SchemaPatchDifference.None)
        {
            // Weasel prints each statement to the console unless given a logger: keep it to our log.
            var logger = services.GetRequiredService<ILogger<WolverineOptions>>();
            await new PostgresqlMigrator().ApplyAllAsync(
                connection, migration, AutoCreate.CreateOrUpdate, new SchemaLog(logger), cancellationToken);
        }
    }

    /// <summary>Weasel's record of the statements it runs, written to our log at debug level.</summary>
    private sealed class SchemaLog(ILogger logger) : Weasel.Core.Migrations.IMigrationLogger
    {
        public void SchemaChange(string sql) => logger.LogDebug("Wolverine schema change: {Sql}", sql);

        public void OnFailure(System.Data.Common.DbCommand command, Exception ex) =>
            logger.LogError(ex, "Wolverine schema change failed: {Sql}", command?.CommandText);
    }
}
