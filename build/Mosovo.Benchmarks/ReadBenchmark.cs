using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Mosovo.Api.Offenders;
using Mosovo.EventStore;
using Npgsql;

namespace Mosovo.Benchmarks;

/// <summary>
/// Issue 3's read benchmark: loads offenders with their histories through the store's bulk path (with the
/// summary projection running inline, as in production), starts the real API as its own process on
/// loopback, and measures summary, timeline-page and name-search latency over HTTP, one request at a time.
/// </summary>
public static class ReadBenchmark
{
    public sealed record Options(string Connection, int Offenders, int EventsPerOffender, int Requests, int BatchSize, string ApiDll, bool KeepDatabase, string? Database)
    {
        public static Options Parse(string[] args)
        {
            var a = new Arguments(args);
            return new Options(a.Connection, a.Number("offenders", 100_000), a.Number("events", 50), a.Number("requests", 1000),
                a.Number("batch", 500), a.ApiDll, a.Flag("keep"), a.Value("database"));
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
        }

        return 0;
    }

    private static async Task<IReadOnlyList<Guid>> LoadAsync(string connection, Options options)
    {
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await Arguments.MigrateAsync(dataSource);

        var types = OffenderEvents.Register(new EventTypeRegistry());
        var store = new PostgresEventStore(dataSource, types, [new OffenderSummaryProjection(types, Microsoft.Extensions.Options.Options.Create(new Mosovo.Api.Compliance.PolicyOptions()))]);
        var history = new SampleHistory(seed: 20261121, DateTimeOffset.UtcNow);
        var ids = new List<Guid>(options.Offenders);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loading {options.Offenders:N0} offenders x {options.EventsPerOffender} events = {(long)options.Offenders * options.EventsPerOffender:N0} events, {options.BatchSize} offenders per transaction..."));
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < options.Offenders; start += options.BatchSize)
        {
            var batch = new List<StreamStart>();
            for (var i = start; i < Math.Min(start + options.BatchSize, options.Offenders); i++)
            {
                var stream = history.Offender(i, options.EventsPerOffender);
                batch.Add(stream);
                ids.Add(stream.Id);
            }

            await store.BulkStartStreamsAsync(batch);
            if ((start / options.BatchSize) % 20 == 19)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {ids.Count:N0} offenders in {clock.Elapsed.TotalSeconds:F0} s ({ids.Count * (double)options.EventsPerOffender / clock.Elapsed.TotalSeconds:N0} events/s)"));
            }
        }

        var load = clock.Elapsed;
        await using (var analyze = dataSource.CreateCommand("VACUUM ANALYZE"))
            await analyze.ExecuteNonQueryAsync();
        await using var size = dataSource.CreateCommand("SELECT pg_size_pretty(pg_database_size(current_database()))");
        var databaseSize = await size.ExecuteScalarAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loaded in {load.TotalSeconds:F1} s ({(double)options.Offenders * options.EventsPerOffender / load.TotalSeconds:N0} events/s, summaries projected inline); database {databaseSize}; vacuum+analyze {(clock.Elapsed - load).TotalSeconds:F1} s."));
        return ids;
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
