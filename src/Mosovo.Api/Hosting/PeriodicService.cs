namespace Mosovo.Api.Hosting;

/// <summary>
/// Background work that runs at once and then every <c>interval</c> on the app's clock. A failed run is logged and
/// the next one tries again: it never stops the host.
/// </summary>
public abstract class PeriodicService(TimeSpan interval, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>What one run does, in words for the log ("recording share expiries").</summary>
    protected abstract string Work { get; }

    /// <summary>One run; returns how many things it did.</summary>
    protected abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                var done = await RunOnceAsync(stoppingToken);
                if (done > 0)
                    logger.LogInformation("{Work}: {Count} done", Work, done);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "{Work} failed; trying again at the next run", Work);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
