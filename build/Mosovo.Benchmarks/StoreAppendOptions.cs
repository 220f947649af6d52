using System.Globalization;

namespace Mosovo.Benchmarks;

/// <summary>A command line the benchmark cannot run with; the message says what is wrong.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The store benchmark's options (see Program's usage); the connection options apply to all sides.</summary>
public sealed record StoreAppendOptions(
    string Connection,
    TimeSpan Warmup,
    TimeSpan Duration,
    int Rounds,
    IReadOnlyList<int> Writers,
    IReadOnlyList<int> EventsPerTransaction,
    int AppendsPerStream,
    int? AutoPrepare,
    bool NoResetOnClose)
{
    public const string ConnectionVariable = "MOSOVO_BENCH_POSTGRES";

    public static StoreAppendOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var connection = Environment.GetEnvironmentVariable(ConnectionVariable);
        double warmup = 2, seconds = 8;
        IReadOnlyList<int> writers = [1, 4, 16];
        IReadOnlyList<int> events = [1, 10];
        var appendsPerStream = 50;
        var rounds = 3;
        int? autoPrepare = null;
        var noResetOnClose = false;

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--no-reset-on-close")
            {
                noResetOnClose = true;
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value.");
            switch (name)
            {
                case "--connection": connection = value; break;
                case "--warmup": warmup = Seconds(name, value); break;
                case "--seconds": seconds = Seconds(name, value); break;
                case "--writers": writers = Counts(name, value); break;
                case "--events": events = Counts(name, value); break;
                case "--auto-prepare": autoPrepare = ParseAutoPrepare(name, value); break;
                case "--rounds": rounds = Counts(name, value)[0]; break;
                case "--appends-per-stream": appendsPerStream = Counts(name, value)[0]; break;
                default: throw new UsageException($"Unknown option {name}.");
            }
        }

        if (string.IsNullOrWhiteSpace(connection))
            throw new UsageException($"Give the server with --connection or {ConnectionVariable} (a user allowed to CREATE DATABASE).");
        if (seconds <= 0)
            throw new UsageException("--seconds must be more than 0.");
        return new StoreAppendOptions(connection, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds), rounds,
            writers, events, appendsPerStream, autoPrepare, noResetOnClose);
    }

    /// <summary>
    /// Npgsql's Max Auto Prepare, 1 or more: the API always prepares (its connection string's 0 becomes 64), so
    /// 0 would measure raw unprepared against an API that is not.
    /// </summary>
    private static int ParseAutoPrepare(string name, string value) =>
        value == "0"
            ? throw new UsageException(
                $"{name} 0 is not possible: the API prepares statements whatever its connection string says.")
            : Counts(name, value)[0];

    private static double Seconds(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? seconds
            : throw new UsageException($"{name} takes a number of seconds, not '{value}'.");

    private static int[] Counts(string name, string value)
    {
        var counts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new UsageException($"{name} takes positive whole numbers separated by commas, not '{value}'."))
            .ToArray();
        return counts.Length > 0 ? counts : throw new UsageException($"{name} needs at least one number.");
    }
}
