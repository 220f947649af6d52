using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Mosovo.Api.Offenders;
using Npgsql;

namespace Mosovo.Benchmarks;

/// <summary>
/// Issue 5's benchmark: what the access log costs a partner's read. Loads offenders with the read benchmark's
/// histories, each shared with the Probation Service, then runs the real API twice per round, once with the
/// access log (as in production) and once without (AccessLog:Enabled=false, accepted only in Development), and
/// has --readers partners read random offenders' partner summaries over HTTP at once for --seconds each. Reports
/// reads per second and p50/p95/p99 per side, and the ratio of mean latency with logging to without (goal at most
/// 1.5). Checks too that every read made with logging on left exactly one log entry.
/// </summary>
public static class PartnerBenchmark
{
    public const double GoalRatio = 1.5;

    public sealed record Options(
        string Connection, int Offenders, int EventsPerOffender, int BatchSize, int LoadWorkers, int Readers,
        int Seconds, int WarmupSeconds, int Rounds, string ApiDll, bool KeepDatabase, string? Database)
    {
        public static Options Parse(string[] args)
        {
            var a = new Arguments(args);
            return new Options(a.Connection, a.Number("offenders", 10_000), a.Number("events", 50),
                a.Number("batch", 500), a.Number("load-workers", 2), a.Number("readers", 16),
                a.Number("seconds", 15), a.Number("warmup", 5), a.Number("rounds", 3), a.ApiDll, a.Flag("keep"), a.Value("database"));
        }
    }

    private sealed class Side(string name, IReadOnlyDictionary<string, string> settings)
    {
        public string Name { get; } = name;

        public IReadOnlyDictionary<string, string> Settings { get; } = settings;

        public List<double> Latencies { get; } = [];

        public double Seconds { get; set; }
    }

    public static async Task<int> RunAsync(Options options)
    {
        await using var database = await BenchDatabase.OpenAsync(options.Connection, options.Database, options.KeepDatabase);
        var connection = database.ConnectionString;
        var ids = database.Reused ? (await BenchServer.StreamsAsync(connection)).Select(s => s.Id).ToList() : await LoadAsync(connection, options);
        var on = new Side("logging on", new Dictionary<string, string>(StringComparer.Ordinal));
        var off = new Side("logging off", new Dictionary<string, string>(StringComparer.Ordinal) { ["AccessLog__Enabled"] = "false" });

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Readers} partners reading partner summaries of random offenders at once, over HTTP, {options.Seconds} s measured after {options.WarmupSeconds} s warm-up, "
            + $"{options.Rounds} rounds, the two sides alternating (the API restarted for each):"));
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var side in round % 2 == 0 ? new[] { on, off } : [off, on])
            {
                var logged = await LogCountAsync(connection);
                var (requests, seconds, latencies) = await MeasureAsync(connection, ids, side, options);
                var added = await LogCountAsync(connection) - logged;
                var expected = side == on ? requests : 0;
                if (added != expected)
                    throw new InvalidOperationException($"{side.Name}: {requests:N0} reads left {added:N0} log entries, not {expected:N0}.");
                side.Latencies.AddRange(latencies);
                side.Seconds += seconds;
                latencies.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round + 1} {side.Name,-12} {latencies.Count / seconds,8:N0} reads/s  p95 {P(latencies, 0.95),6:F2} ms  ({requests:N0} reads, {added:N0} log entries)"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{"side",-14} {"reads/s",9} {"mean ms",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
        foreach (var side in new[] { off, on })
        {
            side.Latencies.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{side.Name,-14} {side.Latencies.Count / side.Seconds,9:N0} {side.Latencies.Average(),8:F2} {P(side.Latencies, 0.50),8:F2} {P(side.Latencies, 0.95),8:F2} {P(side.Latencies, 0.99),8:F2}"));
        }

        var ratio = on.Latencies.Average() / off.Latencies.Average();
        var throughput = off.Latencies.Count / off.Seconds / (on.Latencies.Count / on.Seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"with/without logging: mean latency {ratio:F2}, throughput {throughput:F2}, p95 {P(on.Latencies, 0.95) / P(off.Latencies, 0.95):F2}; goal: mean latency ratio <= {GoalRatio}: {(ratio <= GoalRatio ? "yes" : "NO")}"));
        await using (var api = await ApiProcess.StartAsync(options.ApiDll, connection))
            await api.CheckLoadedOffenderAsync(ids[^1]);
        return 0;
    }

    private static async Task<List<Guid>> LoadAsync(string connection, Options options)
    {
        await using var api = ApiServices.Create(connection);
        await api.PrepareDatabaseAsync();
        var loader = new EventLoader(api, options.LoadWorkers);
        var now = DateTimeOffset.UtcNow;
        var history = new SampleHistory(seed: 20261121, now);
        var supervisor = new Actor("bench-supervisor", "Benchmark supervisor");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loading {options.Offenders:N0} offenders x {options.EventsPerOffender} events, each shared with the Probation Service..."));
        var loaded = await loader.LoadWithReadModelsAsync(options.Offenders, i =>
        {
            var stream = history.Offender(i, options.EventsPerOffender);
            return stream with
            {
                Events =
                [
                    .. stream.Events,
                    new MappaShareGranted(Guid.CreateVersion7(), PartnerAgency.Probation,
                        "MAPPA level 2 risk management plan", 2, null, now.AddDays(300), supervisor, now),
                ],
            };
        }, options.BatchSize, CancellationToken.None);
        var vacuum = await loader.VacuumAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Vacuum+analyze {vacuum.TotalSeconds:F1} s."));
        return loaded.Select(s => s.Id).ToList();
    }

    private static async Task<(int Requests, double Seconds, List<double> Latencies)> MeasureAsync(string connection, List<Guid> ids, Side side, Options options)
    {
        await using var api = await ApiProcess.StartAsync(options.ApiDll, connection, side.Settings);
        var token = await api.TokenForAsync("--role", "MappaPartner", "--name", "Benchmark Partner", "--agency", "Probation");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Readers, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = api.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.Add("Access-Purpose", "Benchmark: MAPPA level 2 risk management plan");

        var warmupEnds = Stopwatch.GetTimestamp() + (long)(options.WarmupSeconds * (double)Stopwatch.Frequency);
        var ends = warmupEnds + (long)(options.Seconds * (double)Stopwatch.Frequency);
        var requests = 0;
        var readers = Enumerable.Range(0, options.Readers).Select(async reader =>
        {
            var random = new Random(reader);
            var mine = new List<double>();
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= ends)
                    return mine;
                using var response = await http.GetAsync($"/partner/offenders/{ids[random.Next(ids.Count)]}");
                await response.Content.CopyToAsync(Stream.Null);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"A partner read answered {(int)response.StatusCode}.");
                Interlocked.Increment(ref requests);
                if (started >= warmupEnds && Stopwatch.GetTimestamp() <= ends)
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }).ToList();
        var latencies = (await Task.WhenAll(readers)).SelectMany(l => l).ToList();
        return (requests, options.Seconds, latencies);
    }

    private static async Task<long> LogCountAsync(string connection)
    {
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM mosovo.access_log WHERE what = 'partner-summary'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Nearest rank, on sorted values.</summary>
    private static double P(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
