using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Npgsql;

namespace Mosovo.Tests.Store;

/// <summary>
/// Holds the offender summaries locked against writes (as the schema's owner: LOCK TABLE ... IN SHARE MODE), so that
/// every write sent meanwhile gets inside the API and into its transaction, then waits there: the first at its
/// summary write, the rest behind the first's lock on the offender's row or on its Idempotency-Key. The test sees in
/// PostgreSQL's own view when they are all waiting and then lets them go together. That makes "at once" a fact, not a
/// hope: no write can finish before the last one has started, whatever the machine's speed.
/// </summary>
public sealed class HeldSummaries : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly NpgsqlDataSource _observer;

    private HeldSummaries(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlDataSource observer)
    {
        _connection = connection;
        _transaction = transaction;
        _observer = observer;
    }

    public static async Task<HeldSummaries> HoldAsync(MigratedDatabase db)
    {
        var connection = await db.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(
            "LOCK TABLE mosovo.offender_summaries IN SHARE MODE", connection, transaction))
            await command.ExecuteNonQueryAsync();
        return new HeldSummaries(connection, transaction, db.DataSource);
    }

    /// <summary>
    /// Returns once at least <paramref name="count"/> of the API's sessions on this database are waiting on a lock.
    /// It asks pg_stat_activity (from a connection outside the holder's transaction, which would keep one snapshot of
    /// it); the short pause between questions only paces them, the answer decides.
    /// </summary>
    public async Task WaitForWaitersAsync(int count)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            await using var command = _observer.CreateCommand(
                """
                SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND usename = $1 AND wait_event_type = 'Lock'
                """);
            command.Parameters.AddWithValue(Database.ApiRole);
            var waiting = (long)(await command.ExecuteScalarAsync())!;
            if (waiting >= count)
                return;
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"Only {waiting} of {count} writers were waiting after {Patience}.");
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    /// <summary>Lets every waiting writer go.</summary>
    public Task ReleaseAsync() => _transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
