using JasperFx;
using JasperFx.Events;
using Marten;
using Mosovo.Api.Offenders;
using Npgsql;
using Weasel.Core;
using Wolverine.Marten;

namespace Mosovo.Api.Hosting;

/// <summary>
/// Marten, configured once for the API (its role may not change the schema) and for the schema's owner (who
/// applies it): one stream per offender keyed by Guid, every event type under the stored name its area gives
/// it, events written as the rest of the API writes JSON.
/// </summary>
public static class EventStore
{
    public const string Schema = "mosovo";

    /// <summary>The stream type Marten records in <c>mt_streams.type</c> for an offender's stream.</summary>
    public const string OffenderStreamType = "offender";

    /// <summary>Marten's store for the API's own role: automatic schema changes off.</summary>
    public static IServiceCollection AddEventStore(
        this IServiceCollection services,
        string connectionString,
        EventTypeRegistry types)
    {
        services.AddSingleton(types);
        services.AddMarten(_ => Options(WithPreparedStatements(connectionString), types, AutoCreate.None))
            .UseLightweightSessions()
            // Wolverine's inbox, outbox and scheduled messages live beside the events, in the same transactions.
            .IntegrateWithWolverine(wolverine => wolverine.MessageStorageSchemaName = Schema);
        return services;
    }

    /// <summary>
    /// Applies Marten's tables and functions as the schema's owner, then keeps the API's role to adding events:
    /// it may insert into <c>mt_events</c> but never update, delete or truncate it (the triggers refuse even the
    /// owner).
    /// </summary>
    public static async Task ApplySchemaAsync(
        string ownerConnectionString,
        EventTypeRegistry types,
        CancellationToken cancellationToken)
    {
        using (var owner = new DocumentStore(Options(ownerConnectionString, types, AutoCreate.CreateOrUpdate)))
            await owner.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        await using var dataSource = NpgsqlDataSource.Create(ownerConnectionString);
        await using var command = dataSource.CreateCommand(
            """
            REVOKE UPDATE, DELETE, TRUNCATE ON mosovo.mt_events FROM mosovo_api;
            REVOKE DELETE, TRUNCATE ON mosovo.mt_streams FROM mosovo_api;
            CREATE OR REPLACE TRIGGER mt_events_append_only
                BEFORE UPDATE OR DELETE ON mosovo.mt_events
                FOR EACH ROW EXECUTE FUNCTION mosovo.refuse_change();
            CREATE OR REPLACE TRIGGER mt_events_no_truncate
                BEFORE TRUNCATE ON mosovo.mt_events
                FOR EACH STATEMENT EXECUTE FUNCTION mosovo.refuse_change();
            CREATE OR REPLACE TRIGGER mt_streams_no_delete
                BEFORE DELETE ON mosovo.mt_streams
                FOR EACH ROW EXECUTE FUNCTION mosovo.refuse_change();
            CREATE OR REPLACE TRIGGER mt_streams_no_truncate
                BEFORE TRUNCATE ON mosovo.mt_streams
                FOR EACH STATEMENT EXECUTE FUNCTION mosovo.refuse_change();
            CREATE INDEX IF NOT EXISTS mt_events_corrections ON mosovo.mt_events (stream_id)
                WHERE type = 'record-corrected';
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static StoreOptions Options(string connectionString, EventTypeRegistry types, AutoCreate autoCreate)
    {
        var options = new StoreOptions();
        options.Connection(connectionString);
        options.DatabaseSchemaName = Schema;
        options.Events.DatabaseSchemaName = Schema;
        options.AutoCreateSchemaObjects = autoCreate;
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        // Quick append: the stream's version is checked and moved by one database function, with no read first.
        options.Events.AppendMode = EventAppendMode.Quick;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.UseSystemTextJsonForSerialization(types.SerializerOptions, EnumStorage.AsString, Casing.CamelCase);
        foreach (var (type, name) in types.Types)
            options.Events.MapEventType(type, name);
        return options;
    }

    /// <summary>
    /// Prepares statements a connection runs repeatedly, unless the connection string says otherwise: an
    /// append's SQL is then parsed and planned once per pooled connection, not on every append.
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
}
