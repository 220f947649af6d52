using Microsoft.Extensions.Options;
using Npgsql;

namespace Mosovo.Api.Compliance;

/// <summary>The <c>OverdueSweep</c> section.</summary>
public sealed class OverdueSweepOptions
{
    public const string Section = "OverdueSweep";

    /// <summary>This instance starts the sweep (it runs on one node at a time). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often open items whose due time has passed are marked overdue in the counters. Default 1 minute.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<string> Problems()
    {
        if (Interval <= TimeSpan.Zero)
            yield return $"{Section}:{nameof(Interval)} must be a positive duration (it is {Interval}).";
    }
}

/// <summary>
/// Marks open obligations whose due time has passed as counted overdue (migration 0015), so that the queue's counts
/// read counters and only the items fallen due since the last sweep. The counts are exact whether or not the sweep
/// has run; it only keeps the part counted on each read short. Safe with many instances: rows another is marking
/// are skipped, and a row is marked once.
/// </summary>
public sealed class OverdueSweep(NpgsqlDataSource database, TimeProvider time)
{
    public const int Batch = 5000;

    /// <summary>Marks every open item overdue now, a batch per transaction; returns how many it marked.</summary>
    public async Task<int> MarkAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var marked = 0;
        while (true)
        {
            await using var command = database.CreateCommand(
                """
                UPDATE mosovo.obligations o SET counted_overdue = true
                  FROM (SELECT offender_id, key FROM mosovo.obligations
                         WHERE closed_at IS NULL AND NOT counted_overdue AND due_at < $1
                         LIMIT $2 FOR UPDATE SKIP LOCKED) due
                 WHERE o.offender_id = due.offender_id AND o.key = due.key
                """);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Batch });
            var rows = await command.ExecuteNonQueryAsync(cancellationToken);
            marked += rows;
            if (rows < Batch)
                return marked;
        }
    }
}

/// <summary>Marks overdue items every <see cref="OverdueSweepOptions.Interval"/>, on one node at a time.</summary>
public sealed class OverdueSweepWork(OverdueSweep sweep, IOptions<OverdueSweepOptions> options) : Hosting.IRecurringWork
{
    public string Name => "overdue-sweep";

    public TimeSpan Interval => options.Value.Interval;

    public bool StartedHere => options.Value.Enabled;

    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => sweep.MarkAsync(cancellationToken);
}
