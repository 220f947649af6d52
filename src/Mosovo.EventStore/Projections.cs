using Npgsql;

namespace Mosovo.EventStore;

/// <summary>
/// A read model kept up to date in the same transaction as the append that feeds it. If it throws, the
/// append is rolled back and the error reaches the caller: a projection never fails silently.
/// </summary>
public interface IInlineProjection
{
    /// <summary>A stable name, used in errors and by the rebuild.</summary>
    string Name { get; }

    /// <summary>
    /// Applies events to the read model. During an append the events are one stream's; during a rebuild they
    /// come in global order from many streams. Projections ignore event types they do not use.
    /// </summary>
    Task ApplyAsync(TransactionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken);

    /// <summary>Empties the read model before a rebuild.</summary>
    Task ResetAsync(TransactionContext context, CancellationToken cancellationToken);
}

/// <summary>Rebuilds every inline projection from the events, in one transaction.</summary>
public sealed class ProjectionRebuilder(NpgsqlDataSource dataSource, PostgresEventStore store, IEnumerable<IInlineProjection> projections)
{
    // The projections this rebuilder empties are the ones it replays: never the store's others, which
    // were not emptied and would see every event a second time.
    private readonly IInlineProjection[] _projections = projections.ToArray();

    /// <summary>
    /// Empties every projection and replays all events in global order. Appends wait for the rebuild
    /// (the events table is locked in SHARE mode), so no event is missed or applied twice.
    /// Returns the number of events replayed.
    /// </summary>
    public async Task<long> RebuildAsync(int pageSize = 5000, CancellationToken cancellationToken = default)
    {
        // A page size of 0 would read no page: every projection emptied and nothing replayed, then committed.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var context = new TransactionContext(connection, transaction);

        await using (var lockEvents = new NpgsqlCommand("LOCK TABLE mosovo.events IN SHARE MODE", connection, transaction))
            await lockEvents.ExecuteNonQueryAsync(cancellationToken);

        foreach (var projection in _projections)
            await projection.ResetAsync(context, cancellationToken);

        long position = 0, replayed = 0;
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT seq, stream_id, version, type, data, metadata FROM mosovo.events WHERE seq > $1 ORDER BY seq LIMIT $2",
                connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize });
            var page = await store.ReadEventsAsync(command, cancellationToken);
            if (page.Count == 0)
                break;
            await PostgresEventStore.ApplyProjectionsAsync(_projections, context, page, cancellationToken);
            replayed += page.Count;
            position = page[^1].Sequence;
        }

        await transaction.CommitAsync(cancellationToken);
        return replayed;
    }
}
