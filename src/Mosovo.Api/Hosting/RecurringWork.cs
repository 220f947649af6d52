using Microsoft.Extensions.Options;
using Npgsql;
using Wolverine;
using Wolverine.Runtime;

namespace Mosovo.Api.Hosting;

/// <summary>Work the system does again and again, on one node of the cluster at a time.</summary>
public interface IRecurringWork
{
    /// <summary>A stable name: the message that runs it and its row in <c>mosovo.recurring_work</c> carry it.</summary>
    string Name { get; }

    /// <summary>How long after one run the next is due.</summary>
    TimeSpan Interval { get; }

    /// <summary>Whether this instance starts the work (and starts it again if its chain stopped).</summary>
    bool StartedHere { get; }

    /// <summary>One run; returns how many things it did.</summary>
    Task<int> RunOnceAsync(CancellationToken cancellationToken);
}

/// <summary>Runs one kind of recurring work once; its handler schedules the next run.</summary>
public sealed record RunRecurringWork(string Name);

/// <summary>The <c>RecurringWork</c> section.</summary>
public sealed class RecurringWorkOptions
{
    public const string Section = "RecurringWork";

    /// <summary>
    /// How often each instance looks for a chain of work that stopped (its node died). Default 1 minute.
    /// </summary>
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<string> Problems()
    {
        if (WatchdogInterval <= TimeSpan.Zero)
            yield return
                $"{Section}:{nameof(WatchdogInterval)} must be a positive duration (it is {WatchdogInterval}).";
    }
}

/// <summary>
/// Each kind of recurring work is one chain of durable Wolverine messages in the whole cluster: a run ends by
/// scheduling the next (stored in the database with Wolverine's scheduled messages), so however many instances
/// run, one of them does each run, and if that node dies its scheduled message is recovered by another.
/// <c>mosovo.recurring_work</c> keeps when each chain's next run is due; <see cref="RecurringWorkWatchdog"/> starts
/// a chain that does not exist yet or is overdue by more than two intervals, claiming it with one conditional
/// statement so that only one node starts it.
/// </summary>
public sealed class RecurringWork(IEnumerable<IRecurringWork> work, NpgsqlDataSource database, TimeProvider time)
{
    public IReadOnlyList<IRecurringWork> All { get; } = [.. work];

    public IRecurringWork? Find(string name) => All.FirstOrDefault(w => w.Name == name);

    /// <summary>Claims the chains this instance starts that do not run; returns the names claimed.</summary>
    public async Task<IReadOnlyList<string>> ClaimStoppedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = new List<string>();
        foreach (var started in All.Where(w => w.StartedHere))
        {
            await using var command = database.CreateCommand(
                """
                INSERT INTO mosovo.recurring_work (name, next_due) VALUES ($1, $2)
                ON CONFLICT (name) DO UPDATE SET next_due = EXCLUDED.next_due WHERE recurring_work.next_due < $3
                RETURNING name
                """);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = started.Name });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>
            {
                TypedValue = now - (2 * started.Interval) - TimeSpan.FromMinutes(1),
            });
            if (await command.ExecuteScalarAsync(cancellationToken) is string name)
                claimed.Add(name);
        }

        return claimed;
    }

    /// <summary>Records a run and when the next is due.</summary>
    public async Task RecordRunAsync(IRecurringWork work, int done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var now = time.GetUtcNow();
        await using var command = database.CreateCommand(
            "UPDATE mosovo.recurring_work SET next_due = $2, last_run = $3, last_done = $4 WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = work.Name });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + work.Interval });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = done });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Runs one kind of work, then schedules its next run: the chain never stops on an error.</summary>
public static class RunRecurringWorkHandler
{
    public static async Task<object?> Handle(
        RunRecurringWork message,
        RecurringWork recurring,
        ILogger<RecurringWork> logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(recurring);
        var work = recurring.Find(message.Name);
        if (work is null)
        {
            logger.LogWarning("No recurring work is named {Name}; its chain ends here", message.Name);
            return null;
        }

        var done = 0;
        try
        {
            done = await work.RunOnceAsync(cancellationToken);
            if (done > 0)
                logger.LogInformation("{Work}: {Count} done", work.Name, done);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "{Work} failed; trying again at the next run", work.Name);
        }

        await recurring.RecordRunAsync(work, done, cancellationToken);
        return message.DelayedFor(work.Interval);
    }
}

/// <summary>
/// Starts, on this instance, the chains of work it is configured to start, if none runs in the cluster.
/// </summary>
public sealed class RecurringWorkWatchdog(
    RecurringWork recurring, IWolverineRuntime messaging, IOptions<RecurringWorkOptions> options, TimeProvider time,
    ILogger<RecurringWorkWatchdog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WatchdogInterval, time);
        do
        {
            try
            {
                foreach (var name in await recurring.ClaimStoppedAsync(stoppingToken))
                {
                    logger.LogInformation("Starting the recurring work {Name} from this instance", name);
                    await new MessageBus(messaging).PublishAsync(new RunRecurringWork(name));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Looking for recurring work to start failed; looking again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
