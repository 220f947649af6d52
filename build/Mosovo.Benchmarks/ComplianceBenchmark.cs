using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mosovo.Api.Compliance;
using Mosovo.Api.Offenders;
using Npgsql;

namespace Mosovo.Benchmarks;

/// <summary>
/// Issue 4's benchmark. Loads offenders with the read benchmark's histories (<see cref="SampleHistory"/>) in bulk
/// (<see cref="EventLoader"/>: Marten's rows copied in, then the read models, obligations included, rebuilt by the
/// API's own rebuild with the compliance policies the API runs with), then measures over HTTP against the real API:
/// the compliance queue's first page for a team (overdue first) and the counts per kind for the whole force (the
/// queue with pageSize=1 as a supervisor). Last it measures what the policies cost a write: sequential home visits
/// through the API's own write path (<see cref="OffenderStreams"/>) with the policies, against the same write path
/// with compliance off, on offenders with the same histories, alternating one with the other.
/// </summary>
/// <remarks>
/// The histories: a force reviews its single-officer visits, so every single-officer visit but each offender's
/// latest has its supervisor's review appended (<c>--all-reviews-open</c> leaves them all open, the worst case).
/// Offenders are loaded as if recorded up to two weeks ago (the n-th offender n mod 14 days and some seconds ago),
/// so the open reviews (due 7 days after recording) are about half overdue. <c>--sql-after-load SQL</c> runs SQL
/// (e.g. a candidate index) after the load and before the measurements, to compare schemas. "Compliance off" is the
/// production write path and projection given no policy options (Offender.Step without policies): the state holds
/// no obligations, so the write path writes none, though it still reads the (no) obligations the state holds.
/// Both sides are the API's services as the API registers them (its data source settings, its access log), and
/// both go to offenders loaded the same way (with <c>--database</c>, fresh copies, since earlier runs appended
/// visits to the first offenders).
/// </remarks>
public static class ComplianceBenchmark
{
    public const double TeamPageGoalMs = 50, ForceCountsGoalMs = 100, WriteCostGoalRatio = 1.3;

    /// <summary>Offenders' histories are recorded up to this many days back from now, in a cycle.</summary>
    private const int RecordedOverDays = 14;

    public sealed record Options(
        string Connection, int Offenders, int EventsPerOffender, int BatchSize, int LoadWorkers, int Requests,
        int Appends, int WarmupAppends, bool AllReviewsOpen, string? SqlAfterLoad, string ApiDll, bool KeepDatabase,
        string? Database, bool WritesOnly, int WriteRounds)
    {
        public static Options Parse(string[] args)
        {
            var a = new Arguments(args);
            return new Options(a.Connection, a.Number("offenders", 100_000), a.Number("events", 50),
                a.Number("batch", 500), a.Number("load-workers", 2), a.Number("requests", 1000),
                a.Number("appends", 2000), a.Number("warmup-appends", 100), a.Flag("all-reviews-open"), a.Value("sql-after-load"), a.ApiDll,
                a.Flag("keep"), a.Value("database"), a.Flag("writes-only"), a.Number("write-rounds", 3));
        }
    }

    private static readonly Actor Supervisor = new("bench-supervisor", "Benchmark supervisor");
    private static readonly Officer Lone = new("DC0001", "DC Benchmark Visitor");
    private static readonly Officer Second = new("PC0002", "PC Benchmark Partner");

    public static async Task<int> RunAsync(Options options)
    {
        await using var database = await BenchDatabase.OpenAsync(options.Connection, options.Database, options.KeepDatabase);
        var connection = database.ConnectionString;
        // The API's own services: its write path and projection, with the policies it runs with.
        await using var api = ApiServices.Create(connection);
        await api.PrepareDatabaseAsync();
        var loader = new EventLoader(api, options.LoadWorkers);
        var types = api.Services.GetRequiredService<EventTypeRegistry>();
        var off = new ComplianceOff();
        var withoutProjection = new OffenderSummaryProjection(types, off);
        var withPolicies = new Side("policies on", api.Streams, api.Summaries,
            api.Services.GetRequiredService<IOptions<PolicyOptions>>().Value);
        var withoutPolicies = new Side("policies off",
            ActivatorUtilities.CreateInstance<OffenderStreams>(api.Services, withoutProjection, off), withoutProjection,
            null);

        var now = DateTimeOffset.UtcNow;
        IReadOnlyList<(Guid Id, long Version)> loaded;
        if (database.Reused)
        {
            loaded = [.. await BenchServer.StreamsAsync(connection)];
            Console.WriteLine(
                $"Measuring the loaded database {database.Name}; nothing loaded but the offenders the appends go to.");
            if (options.SqlAfterLoad is { } sql)
                await RunSqlAsync(api.Owner, sql);
        }
        else
        {
            loaded = await LoadAsync(loader, options, now);
        }

        await SweepAsync(api);
        await DescribeAsync(api.Owner);

        var queueMet = true;
        if (!options.WritesOnly)
        {
            await using var process = await ApiProcess.StartAsync(options.ApiDll, connection);
            queueMet = await MeasureQueueAsync(process, options);
            await process.CheckLoadedOffenderAsync(loaded[^1].Id);
        }

        // The offenders the appends go to: with policies, the first of those loaded; without, the same histories
        // loaded again, their read models folded without policies. A database measured again has had earlier runs'
        // visits appended to its first offenders, so then both sides get fresh copies of the same histories.
        var writeCount = Math.Min(options.Appends, options.Offenders);
        withoutPolicies.Offenders.AddRange(
            await LoadSameHistoriesAsync(loader, withoutPolicies, options, now, writeCount));
        withPolicies.Offenders.AddRange(database.Reused
            ? await LoadSameHistoriesAsync(loader, withPolicies, options, now, writeCount)
            : loaded.Take(writeCount).Select(s => s.Id));
        var writeMet = await MeasureWritesAsync(withPolicies, withoutPolicies, options);

        Console.WriteLine();
        Console.WriteLine(queueMet && writeMet ? "All goals met." : "Goals NOT all met (see above).");
        return 0;
    }

    /// <summary>The offender's history as the read benchmark makes it, with their single-officer visits reviewed but the latest.</summary>
    private static LoadStream History(int index, Options options, DateTimeOffset now)
    {
        var recordedAt = now.AddDays(-(index % RecordedOverDays)).AddSeconds(-(index * 37 % 86_400));
        var stream = new SampleHistory(seed: 20261121, recordedAt).Offender(index, options.EventsPerOffender);
        if (options.AllReviewsOpen)
            return stream;

        var events = stream.Events.ToList();
        var lone = events.Select((e, i) => (Event: e, Version: i + 1L))
            .Where(x => x.Event is HomeVisitRecorded { Officers.Count: < RecordHomeVisit.MinimumOfficers })
            .Select(x => x.Version)
            .ToList();
        foreach (var version in lone.SkipLast(1))
            events.Add(new SingleOfficerVisitReviewed(version, SingleOfficerVisitReviewOutcome.Acceptable, "Reason accepted.", Supervisor, recordedAt));
        return stream with { Events = events };
    }

    private static async Task<IReadOnlyList<(Guid Id, long Version)>> LoadAsync(
        EventLoader loader, Options options, DateTimeOffset now)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loading {options.Offenders:N0} offenders x {options.EventsPerOffender} events"
            + $"{(options.AllReviewsOpen ? "" : " (+ reviews of every single-officer visit but the latest)")}"
            + $", {options.BatchSize} offenders per transaction; read models and obligations written with the "
            + $"policies on..."));
        var loaded = await loader.LoadWithReadModelsAsync(
            options.Offenders, i => History(i, options, now), options.BatchSize, CancellationToken.None);
        if (options.SqlAfterLoad is { } sql)
            await RunSqlAsync(loader.Owner, sql);

        var vacuum = await loader.VacuumAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Vacuum+analyze {vacuum.TotalSeconds:F1} s."));
        return loaded;
    }

    /// <summary>
    /// Marks the items already overdue, as the API's sweep does every minute in production, so that the measurement
    /// sees the steady state rather than the API's first sweep after the load; then vacuums what it changed.
    /// </summary>
    private static async Task SweepAsync(ApiServices api)
    {
        var clock = Stopwatch.StartNew();
        var marked = await api.Services.GetRequiredService<OverdueSweep>().MarkAsync(CancellationToken.None);
        await using (var vacuum = api.Owner.CreateCommand(
            "VACUUM ANALYZE mosovo.obligations, mosovo.obligation_counts"))
        {
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Overdue sweep: {marked:N0} items marked overdue in {clock.Elapsed.TotalSeconds:F1} s "
            + $"(vacuum included)."));
    }

    private static async Task RunSqlAsync(NpgsqlDataSource dataSource, string sql)
    {
        Console.WriteLine($"Running after the load: {sql}");
        await using var extra = dataSource.CreateCommand(sql);
        extra.CommandTimeout = 0;
        await extra.ExecuteNonQueryAsync();
        await using var analyze = dataSource.CreateCommand("ANALYZE");
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>The first <paramref name="count"/> histories loaded again, read models written by the side.</summary>
    private static async Task<IEnumerable<Guid>> LoadSameHistoriesAsync(
        EventLoader loader, Side side, Options options, DateTimeOffset now, int count)
    {
        var loaded = await loader.LoadAsync(count, i => History(i, options, now), options.BatchSize,
            new EventLoader.ReadModels(side.Projection, side.Policies), null, CancellationToken.None);
        return loaded.Select(s => s.Id);
    }

    private static async Task DescribeAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT (SELECT pg_size_pretty(pg_database_size(current_database()))),
                   (SELECT count(*) FROM mosovo.offender_summaries),
                   (SELECT coalesce(sum(version), 0)::bigint FROM mosovo.mt_streams),
                   count(*), count(*) FILTER (WHERE closed_at IS NULL), count(*) FILTER (WHERE closed_at IS NULL AND due_at < now()),
                   count(DISTINCT team) FILTER (WHERE closed_at IS NULL), count(DISTINCT kind)
              FROM mosovo.obligations
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Database {reader.GetString(0)}: {reader.GetInt64(1):N0} offenders, {reader.GetInt64(2):N0} events; obligations {reader.GetInt64(3):N0} "
            + $"({reader.GetInt64(4):N0} open, {reader.GetInt64(5):N0} of them overdue, in {reader.GetInt64(6)} teams; {reader.GetInt64(7)} kinds)."));
    }

    private static async Task<bool> MeasureQueueAsync(ApiProcess api, Options options)
    {
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Token);
        var random = new Random(7);
        var teams = Enumerable.Range(1, 24).Select(t => string.Create(CultureInfo.InvariantCulture, $"Team {t:D2}")).ToArray();

        var reads = new (string Name, Func<string> Path, double GoalP95)[]
        {
            ("team first page", () => $"/compliance/queue?team={Uri.EscapeDataString(teams[random.Next(teams.Length)])}", TeamPageGoalMs),
            ("force counts", () => "/compliance/queue?pageSize=1", ForceCountsGoalMs),
        };

        var sample = await http.GetStringAsync("/compliance/queue?pageSize=1");
        Console.WriteLine();
        Console.WriteLine($"The whole force's queue (pageSize=1), as a supervisor: {sample[..Math.Min(sample.Length, 400)]}...");
        var warmup = Math.Min(200, options.Requests);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Requests} requests each, one at a time, over HTTP to {api.BaseAddress} (after {warmup} warm-up requests each):"));
        Console.WriteLine($"{"queue read",-16} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"goal p95",9} {"met",4}");
        var allMet = true;
        foreach (var (name, path, goal) in reads)
        {
            for (var i = 0; i < warmup; i++)
                await GetAsync(http, path());

            var latencies = new double[options.Requests];
            for (var i = 0; i < options.Requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await GetAsync(http, path());
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Array.Sort(latencies);
            var met = P(latencies, 0.95) < goal;
            allMet &= met;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-16} {P(latencies, 0.50),8:F2} {P(latencies, 0.95),8:F2} {P(latencies, 0.99),8:F2} {latencies[^1],8:F2} {"< " + goal.ToString(CultureInfo.InvariantCulture),9} {(met ? "yes" : "NO"),4}"));
        }

        return allMet;
    }

    /// <summary>
    /// Rounds of appends, each alternating the sides append by append; each round's median ratio, and their median as
    /// the verdict (one round can land on a busier moment of the machine than the next).
    /// </summary>
    private static async Task<bool> MeasureWritesAsync(Side withPolicies, Side withoutPolicies, Options options)
    {
        var sides = new[] { withPolicies, withoutPolicies };
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Appends of one home visit (one in five by a single officer) to existing offenders through the API's "
            + $"write path (OffenderStreams.WriteAsSystemAsync), sequential, alternating policies on and off: "
            + $"{options.WriteRounds} rounds "
            + $"of {options.Appends:N0} measured each after {options.WarmupAppends} warm-up each, over "
            + $"{withPolicies.Offenders.Count:N0} offenders per side."));
        Console.WriteLine($"{"append",-16} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        var writer = new Actor("bench-writer", "Benchmark writer");
        var ratios = new List<double>();
        for (var round = 1; round <= options.WriteRounds; round++)
        {
            foreach (var side in sides)
                side.Latencies.Clear();
            for (var i = 0; i < options.WarmupAppends + options.Appends; i++)
            {
                // Alternate which side goes first, so that neither always follows the other's commit.
                foreach (var side in i % 2 == 0 ? sides : [sides[1], sides[0]])
                {
                    var id = side.Offenders[i % side.Offenders.Count];
                    var at = DateTimeOffset.UtcNow;
                    var lone = i % 5 == 4;
                    var visit = new HomeVisitRecorded(Guid.CreateVersion7(), at.AddHours(-2),
                        lone ? [Lone] : [Lone, Second], VisitKind.Unannounced, true,
                        [new PersonSeen("Benchmark Offender", "offender", false, null)],
                        "Address as notified; nothing of note.", null, lone ? "Second officer called away." : null,
                        writer, at);
                    var started = Stopwatch.GetTimestamp();
                    var written = await side.Streams.WriteAsSystemAsync(
                        id, _ => [visit], "Benchmark: the policies' cost.", CancellationToken.None);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (written == 0)
                        throw new InvalidOperationException($"{side.Name}: offender {id} was not found.");
                    if (i >= options.WarmupAppends)
                        side.Latencies.Add(elapsed);
                }
            }

            foreach (var side in sides)
            {
                side.Latencies.Sort();
                var l = side.Latencies;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{side.Name + $" ({round})",-16} {P(l, 0.50),8:F2} {P(l, 0.95),8:F2} {P(l, 0.99),8:F2} {l[^1],8:F2}"));
            }

            var ratio = P(sides[0].Latencies, 0.50) / P(sides[1].Latencies, 0.50);
            ratios.Add(ratio);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{$"on/off ({round})",-16} {ratio,8:F2} {P(sides[0].Latencies, 0.95) / P(sides[1].Latencies, 0.95),8:F2}"));
        }

        ratios.Sort();
        var median = ratios[ratios.Count / 2];
        var met = median <= WriteCostGoalRatio;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"on/off ratio",-16} {median,8:F2}   median of the rounds' median ratios; goal <= {WriteCostGoalRatio}: {(met ? "yes" : "NO")}"));
        return met;
    }

    /// <summary>One side of the write measurement: its write path, projection, policies and offenders.</summary>
    private sealed record Side(
        string Name, OffenderStreams Streams, OffenderSummaryProjection Projection, PolicyOptions? Policies)
    {
        public List<Guid> Offenders { get; } = [];

        public List<double> Latencies { get; } = [];
    }

    /// <summary>No policy options: the projection folds offenders without the compliance policies (production code, nothing changed).</summary>
    private sealed class ComplianceOff : IOptions<PolicyOptions>
    {
        public PolicyOptions Value => null!;
    }

    /// <summary>Nearest rank, on sorted values.</summary>
    private static double P(IReadOnlyList<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await response.Content.CopyToAsync(Stream.Null);
    }
}
