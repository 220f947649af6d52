using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Mosovo.Benchmarks;

/// <summary>
/// Issue 3's read benchmark: loads offenders with their histories in bulk (<see cref="EventLoader"/>: Marten's rows
/// copied in, the read models rebuilt from them by the API's own rebuild), starts the real API as its own process
/// on loopback, and measures summary, timeline-page and name-search latency over HTTP, one request at a time; then
/// checks that a loaded offender can be written through the API.
/// </summary>
public static class ReadBenchmark
{
    public sealed record Options(
        string Connection, int Offenders, int EventsPerOffender, int Requests, int BatchSize, int LoadWorkers,
        string ApiDll, bool KeepDatabase, string? Database)
    {
        public static Options Parse(string[] args)
        {
            var a = new Arguments(args);
            return new Options(a.Connection, a.Number("offenders", 100_000), a.Number("events", 50), a.Number("requests", 1000),
                a.Number("batch", 500), a.Number("load-workers", 2), a.ApiDll, a.Flag("keep"), a.Value("database"));
        }
    }

    public static async Task<int> RunAsync(Options options)
    {
        await using var database = await BenchDatabase.OpenAsync(options.Connection, options.Database, options.KeepDatabase);
        var connection = database.ConnectionString;
        var ids = database.Reused ? (await BenchServer.StreamsAsync(connection)).Select(s => s.Id).ToList() : await LoadAsync(connection, options);
        if (database.Reused)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Measuring the loaded database {database.Name} ({ids.Count:N0} offenders); nothing loaded."));
        await using (var api = await ApiProcess.StartAsync(options.ApiDll, connection))
        {
            await MeasureAsync(api, ids, options);
            await api.CheckLoadedOffenderAsync(ids[^1]);
        }

        return 0;
    }

    private static async Task<IReadOnlyList<Guid>> LoadAsync(string connection, Options options)
    {
        await using var api = ApiServices.Create(connection);
        await api.PrepareDatabaseAsync();
        var loader = new EventLoader(api, options.LoadWorkers);
        var history = new SampleHistory(seed: 20261121, DateTimeOffset.UtcNow);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loading {options.Offenders:N0} offenders x {options.EventsPerOffender} events = "
            + $"{(long)options.Offenders * options.EventsPerOffender:N0} events, "
            + $"{options.BatchSize} offenders per transaction..."));
        var loaded = await loader.LoadWithReadModelsAsync(
            options.Offenders, i => history.Offender(i, options.EventsPerOffender), options.BatchSize,
            CancellationToken.None);
        var vacuum = await loader.VacuumAsync(CancellationToken.None);
        var size = await loader.SizeAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Vacuum+analyze {vacuum.TotalSeconds:F1} s; database {size}."));
        return loaded.Select(s => s.Id).ToList();
    }

    private static async Task MeasureAsync(ApiProcess api, IReadOnlyList<Guid> ids, Options options)
    {
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Token);
        var random = new Random(7);
        var names = SampleHistory.SearchTerms;

        var kinds = new (string Name, Func<string> Path, double GoalP95)[]
        {
            ("summary", () => $"/offenders/{ids[random.Next(ids.Count)]}", 10),
            ("timeline page", () => $"/offenders/{ids[random.Next(ids.Count)]}/timeline?page={random.Next(1, 4)}&pageSize=20", 10),
            ("name search", () => $"/offenders?name={Uri.EscapeDataString(names[random.Next(names.Count)])}", 50),
        };

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{options.Requests} requests each, one at a time, over HTTP to {api.BaseAddress} (after 200 warm-up requests each):"));
        Console.WriteLine($"{"read",-14} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"goal p95",9} {"met",4}");
        var allMet = true;
        foreach (var (name, path, goal) in kinds)
        {
            for (var i = 0; i < 200; i++)
                await GetAsync(http, path());

            var latencies = new double[options.Requests];
            for (var i = 0; i < options.Requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await GetAsync(http, path());
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Array.Sort(latencies);
            double P(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
            var met = P(0.95) < goal;
            allMet &= met;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-14} {P(0.50),8:F2} {P(0.95),8:F2} {P(0.99),8:F2} {latencies[^1],8:F2} {"< " + goal.ToString(CultureInfo.InvariantCulture),9} {(met ? "yes" : "NO"),4}"));
        }

        Console.WriteLine(allMet ? "Goals met: summary and timeline p95 < 10 ms, search p95 < 50 ms." : "Goals NOT all met (see above).");
    }

    private static async Task GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await response.Content.CopyToAsync(Stream.Null);
    }
}
