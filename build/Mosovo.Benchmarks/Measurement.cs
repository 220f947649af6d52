using System.Diagnostics;

namespace Mosovo.Benchmarks;

/// <summary>One concurrent writer: each call writes one transaction and returns the number of events it wrote.</summary>
public interface IBenchWriter
{
    Task<int> WriteOnceAsync(CancellationToken cancellationToken);
}

/// <summary>
/// What one or more measured windows counted: events and transactions committed inside the windows, their total
/// length, each transaction's latency in milliseconds, and every event written including warm-ups.
/// </summary>
public sealed record WindowResult(long Events, long Transactions, TimeSpan Window, IReadOnlyList<double> Latencies, long EventsWrittenInAll)
{
    public static readonly WindowResult Empty = new(0, 0, TimeSpan.Zero, [], 0);

    public double EventsPerSecond => Events / Window.TotalSeconds;

    public double P50Milliseconds => Percentile(0.50);

    public double P99Milliseconds => Percentile(0.99);

    public WindowResult Add(WindowResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Events + other.Events, Transactions + other.Transactions, Window + other.Window,
            [.. Latencies, .. other.Latencies], EventsWrittenInAll + other.EventsWrittenInAll);
    }

    private double Percentile(double p)
    {
        if (Latencies.Count == 0) return double.NaN;
        var sorted = Latencies.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}

/// <summary>
/// Runs writers concurrently for a warm-up and then a measured window of fixed length, without stopping them in
/// between: only transactions that complete inside the window count. Every writer runs in its own loop, so the
/// concurrency is exactly the number of writers.
/// </summary>
public static class Measurement
{
    private const int WarmingUp = 0, Measuring = 1, Stopping = 2;

    public static async Task<WindowResult> RunAsync(
        IReadOnlyList<IBenchWriter> writers, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writers);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var phase = WarmingUp;
        var tallies = writers.Select(_ => new Tally()).ToArray();

        var loops = writers.Select((writer, index) => Task.Run(async () =>
        {
            var tally = tallies[index];
            try
            {
                while (Volatile.Read(ref phase) != Stopping)
                {
                    var started = Stopwatch.GetTimestamp();
                    var events = await writer.WriteOnceAsync(failed.Token);
                    var latency = Stopwatch.GetElapsedTime(started);
                    tally.EventsInAll += events;
                    if (Volatile.Read(ref phase) == Measuring)
                    {
                        tally.Events += events;
                        tally.Transactions++;
                        tally.Latencies.Add(latency.TotalMilliseconds);
                    }
                }
            }
            catch (Exception) when (!failed.IsCancellationRequested)
            {
                await failed.CancelAsync();
                throw;
            }
        }, CancellationToken.None)).ToArray();

        var all = Task.WhenAll(loops);
        var windowStart = 0L;
        var windowEnd = 0L;
        try
        {
            await Task.WhenAny(all, Task.Delay(warmup, failed.Token));
            if (!all.IsCompleted)
            {
                windowStart = Stopwatch.GetTimestamp();
                Volatile.Write(ref phase, Measuring);
                await Task.WhenAny(all, Task.Delay(window, failed.Token));
                Volatile.Write(ref phase, Stopping);
                windowEnd = Stopwatch.GetTimestamp();
            }
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested)
        {
            // A writer failed or the run was cancelled: the awaits below say which.
        }
        finally
        {
            Volatile.Write(ref phase, Stopping);
        }

        await all;
        cancellationToken.ThrowIfCancellationRequested();

        return new WindowResult(
            tallies.Sum(t => t.Events),
            tallies.Sum(t => t.Transactions),
            Stopwatch.GetElapsedTime(windowStart, windowEnd),
            tallies.SelectMany(t => t.Latencies).ToArray(),
            tallies.Sum(t => t.EventsInAll));
    }

    private sealed class Tally
    {
        public long Events { get; set; }
        public long Transactions { get; set; }
        public long EventsInAll { get; set; }
        public List<double> Latencies { get; } = new(capacity: 16_384);
    }
}
