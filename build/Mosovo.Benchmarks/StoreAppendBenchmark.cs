using System.Diagnostics;
using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using Npgsql;

namespace Mosovo.Benchmarks;

/// <summary>
/// Append throughput against the raw ceiling, in one run on one server, three sides:
/// (raw) plain Npgsql multi-row INSERTs of the same event rows into a bare table (no index, constraint or trigger),
/// (marten) Marten's append, configured by the API's own services (Quick append), with the expected version, and
/// (api) the API's own write path, <see cref="OffenderStreams"/>: the stored state read under lock, the decision,
/// the append and the read models, in one transaction,
/// each with 1 and 10 events per transaction at 1, 4 and 16 concurrent writers.
/// Each cell (writers x events per transaction) gets fresh databases (raw: empty; marten and api: copies of one
/// migrated database with Marten's schema) and a CHECKPOINT; then the sides take turns in rounds of equal length,
/// the order rotating each round, so that the drift of this machine's disk flush latency falls on all alike. The
/// first turn of each starts with a warm-up; only transactions completing inside the measured windows count.
/// Goals at <see cref="GoalWriters"/> writers: marten reaches <see cref="MartenGoalRatio"/> of raw and the API's
/// write path <see cref="ApiGoalRatio"/> of raw.
/// </summary>
public static class StoreAppendBenchmark
{
    public const double MartenGoalRatio = 0.7;
    public const double ApiGoalRatio = 0.5;
    public const int GoalWriters = 16;

    /// <summary>The goals hold for both of these batch sizes.</summary>
    private static readonly int[] GoalEventsPerTransaction = [1, 10];

    /// <summary>Warm-up before every turn after the first: the pools and writers' streams are warm by then.</summary>
    private static readonly TimeSpan RewarmUp = TimeSpan.FromSeconds(0.5);

    private const string Raw = "raw", Marten = "marten", Api = "api";

    public static async Task<int> RunAsync(StoreAppendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var cancellationToken = cancel.Token;
        var total = Stopwatch.StartNew();

        // Every side's connections have the API's settings (EventStore.WithPreparedStatements), with the options given.
        var connection = new NpgsqlConnectionStringBuilder(options.Connection);
        if (options.AutoPrepare is { } autoPrepare)
            connection.MaxAutoPrepare = autoPrepare;
        if (options.NoResetOnClose)
            connection.NoResetOnClose = true;
        var server = new BenchServer(connection.ConnectionString);
        var settings = new NpgsqlConnectionStringBuilder(
            EventStore.WithPreparedStatements(connection.ConnectionString));
        var (version, serverSettings) = await server.DescribeAsync(cancellationToken);

        var template = await server.CreateDatabaseAsync(cancellationToken);
        try
        {
            int eventBytes;
            await using (var api = ApiServices.Create(server.ConnectionStringFor(template)))
            {
                await api.PrepareDatabaseAsync();
                eventBytes = api.Serializer.ToJson(SampleEvents.HomeVisit(DateTimeOffset.UtcNow)).Length;
            }

            NpgsqlConnection.ClearAllPools();
            var turn = options.Duration / options.Rounds;
            var marten = typeof(Marten.DocumentStore).Assembly.GetName().Version?.ToString(3);
            var npgsql = typeof(NpgsqlConnection).Assembly.GetName().Version?.ToString(3);
            Line($"Append throughput: Marten as the API configures it, and the API's own write path, ",
                $"against plain Npgsql INSERTs (the raw ceiling)");
            Line($"PostgreSQL {version} at {server.Endpoint}: ",
                $"{string.Join(", ", serverSettings.Select(s => $"{s.Name}={s.Value}"))}");
            Line($"Machine: {Environment.ProcessorCount} cores ({Environment.OSVersion}), client and server on it; ",
                $".NET {Environment.Version}, Npgsql {npgsql}, Marten {marten}");
            Line($"Connections, every side alike: Max Auto Prepare={settings.MaxAutoPrepare}, ",
                $"Auto Prepare Min Usages={settings.AutoPrepareMinUsages}, ",
                $"No Reset On Close={settings.NoResetOnClose} ",
                $"(--auto-prepare N and --no-reset-on-close change them; the API always prepares).");
            Line($"Each cell: fresh databases, CHECKPOINT, then the sides take turns (order rotating) in ",
                $"{options.Rounds} rounds of {turn.TotalSeconds:0.##} s measured each ",
                $"({options.Duration.TotalSeconds:0.#} s each in all; ",
                $"{options.Warmup.TotalSeconds:0.#} s warm-up first, ",
                $"{RewarmUp.TotalSeconds:0.#} s before later turns).");
            Line($"Rows: a home visit, event JSON {eventBytes} bytes as Marten serializes it; each writer has its own ",
                $"streams, a new one every {options.AppendsPerStream} transactions.");
            Line($"raw: one multi-row INSERT per transaction (BEGIN, INSERT, COMMIT) into a table with the columns of ",
                $"mosovo.mt_events and no index, constraint or trigger.");
            Line($"marten: the API's Marten (Quick append), a lightweight session per transaction: StartStream ",
                $"for a new stream, then Append(id, expected version, events); no read models.");
            Line($"api: OffenderStreams.WriteAsSystemAsync from the API's services: state read under lock, decision, ",
                $"fold with the policies, append, read models and access log in one transaction; a new offender ",
                $"starts with its registration.");
            Line($"Latencies are per transaction; 'per round' gives each round's ratio to raw, to show the noise.");
            Line($"");
            Line($"{"writers",7} {"ev/tx",5} {"raw ev/s",9} {"marten ev/s",11} {"marten/raw",10} {"api ev/s",9} ",
                $"{"api/raw",7}  {"marten/raw per round",-20} {"api/raw per round",-18} {"p50/p99 ms: raw",16} ",
                $"{"marten",11} {"api",11}");

            var ratios = new Dictionary<(int Writers, int Events), (double Marten, double Api)>();
            var checkpointRefused = false;
            foreach (var writers in options.Writers)
            {
                foreach (var events in options.EventsPerTransaction)
                {
                    var cell = await RunCellAsync(server, template, writers, events, options, cancellationToken);
                    checkpointRefused |= !cell.Checkpointed;
                    var raw = cell.Results[Raw].EventsPerSecond;
                    var martenRatio = cell.Results[Marten].EventsPerSecond / raw;
                    var apiRatio = cell.Results[Api].EventsPerSecond / raw;
                    ratios[(writers, events)] = (martenRatio, apiRatio);
                    var martenRate = cell.Results[Marten].EventsPerSecond;
                    var apiRate = cell.Results[Api].EventsPerSecond;
                    Line($"{writers,7} {events,5} {raw,9:N0} {martenRate,11:N0} {martenRatio,10:0.00} {apiRate,9:N0} ",
                        $"{apiRatio,7:0.00}  {PerRound(cell, Marten),-20} {PerRound(cell, Api),-18} ",
                        $"{Latency(cell.Results[Raw]),16} {Latency(cell.Results[Marten]),11} ",
                        $"{Latency(cell.Results[Api]),11}");
                }
            }

            Line($"");
            if (checkpointRefused)
                Line($"Note: the server refused CHECKPOINT (needs superuser or pg_checkpoint): a checkpoint may ",
                    $"have fallen inside a measured window.");
            Line($"Measured in {total.Elapsed.TotalSeconds:0} s.");
            Goal("marten/raw", MartenGoalRatio, ratios, r => r.Marten);
            Goal("api/raw", ApiGoalRatio, ratios, r => r.Api);
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await server.DropDatabaseAsync(template);
        }
    }

    private static void Goal(
        string what, double goal, Dictionary<(int Writers, int Events), (double Marten, double Api)> ratios,
        Func<(double Marten, double Api), double> ratio)
    {
        var cells = GoalEventsPerTransaction
            .Select(events => (
                Events: events, Ratio: ratios.TryGetValue((GoalWriters, events), out var r) ? ratio(r) : (double?)null))
            .ToArray();
        var text = string.Join(", ", cells.Select(c => c.Ratio is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"{c.Events} ev/tx {r:0.00}")
            : string.Create(CultureInfo.InvariantCulture, $"{c.Events} ev/tx not measured")));
        var met = cells.All(c => c.Ratio >= goal);
        Line($"Goal ({what} >= {goal:0.0} at {GoalWriters} writers, 1 and 10 events per transaction): ",
            $"{(met ? "MET" : "NOT MET")} ({text}).");
    }

    private sealed record Cell(
        IReadOnlyDictionary<string, WindowResult> Results,
        IReadOnlyList<IReadOnlyDictionary<string, double>> RoundRates,
        bool Checkpointed);

    private static async Task<Cell> RunCellAsync(
        BenchServer server, string template, int writerCount, int eventsPerTransaction, StoreAppendOptions options,
        CancellationToken cancellationToken)
    {
        var databases = new List<string>();
        try
        {
            var rawDatabase = await server.CreateDatabaseAsync(cancellationToken);
            databases.Add(rawDatabase);
            var martenDatabase = await server.CreateDatabaseAsync(template, cancellationToken);
            databases.Add(martenDatabase);
            var apiDatabase = await server.CreateDatabaseAsync(template, cancellationToken);
            databases.Add(apiDatabase);

            await using var rawSource = NpgsqlDataSource.Create(
                EventStore.WithPreparedStatements(server.ConnectionStringFor(rawDatabase)));
            await using (var create = rawSource.CreateCommand(RawWriter.CreateTableSql))
                await create.ExecuteNonQueryAsync(cancellationToken);
            await using var marten = ApiServices.Create(server.ConnectionStringFor(martenDatabase));
            await using var api = ApiServices.Create(server.ConnectionStringFor(apiDatabase));

            var mapping = marten.Events.EventMappingFor(typeof(HomeVisitRecorded));
            var history = new SampleHistory(seed: 20261121, DateTimeOffset.UtcNow);
            var offenders = new int[1];
            var sides = new Dictionary<string, IBenchWriter[]>(StringComparer.Ordinal)
            {
                [Raw] = Writers(writerCount, () => new RawWriter(rawSource, marten.Serializer.ToJson,
                    mapping.EventTypeName, mapping.DotNetTypeName, eventsPerTransaction, options.AppendsPerStream)),
                [Marten] = Writers(writerCount,
                    () => new MartenWriter(marten.Store, eventsPerTransaction, options.AppendsPerStream)),
                [Api] = Writers(writerCount, () => new ApiWriter(api.Streams,
                    () => history.Offender(Interlocked.Increment(ref offenders[0]), 1), eventsPerTransaction,
                    options.AppendsPerStream)),
            };

            var checkpointed = await server.TryCheckpointAsync(cancellationToken);
            var turn = options.Duration / options.Rounds;
            var names = sides.Keys.ToArray();
            var results = names.ToDictionary(n => n, _ => WindowResult.Empty, StringComparer.Ordinal);
            var roundRates = new List<IReadOnlyDictionary<string, double>>();
            for (var round = 0; round < options.Rounds; round++)
            {
                var rates = new Dictionary<string, double>(StringComparer.Ordinal);
                for (var i = 0; i < names.Length; i++)
                {
                    var name = names[(round + i) % names.Length];
                    var result = await Measurement.RunAsync(
                        sides[name], round == 0 ? options.Warmup : RewarmUp, turn, cancellationToken);
                    rates[name] = result.EventsPerSecond;
                    results[name] = results[name].Add(result);
                }

                roundRates.Add(rates);
            }

            // Every transaction a writer saw commit is in its tables, and nothing else is.
            await VerifyCountAsync(
                rawSource, RawWriter.CountSql, results[Raw].EventsWrittenInAll, Raw, cancellationToken);
            const string StreamsSql = "SELECT coalesce(sum(version), 0)::bigint FROM mosovo.mt_streams";
            await VerifyCountAsync(
                marten.Owner, StreamsSql, results[Marten].EventsWrittenInAll, Marten, cancellationToken);
            await VerifyCountAsync(api.Owner, StreamsSql, results[Api].EventsWrittenInAll, Api, cancellationToken);
            return new Cell(results, roundRates, checkpointed);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            foreach (var database in databases)
                await server.DropDatabaseAsync(database);
        }
    }

    private static IBenchWriter[] Writers(int count, Func<IBenchWriter> create) =>
        Enumerable.Range(0, count).Select(_ => create()).ToArray();

    private static async Task VerifyCountAsync(
        NpgsqlDataSource dataSource, string sql, long expected, string what, CancellationToken cancellationToken)
    {
        await using var count = dataSource.CreateCommand(sql);
        var rows = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        if (rows != expected)
        {
            throw new InvalidOperationException(
                $"{what}: the writers saw {expected} events commit but the tables hold {rows}.");
        }
    }

    private static string PerRound(Cell cell, string side) =>
        string.Join(" ", cell.RoundRates.Select(
            r => (r[side] / r[Raw]).ToString("0.00", CultureInfo.InvariantCulture)));

    private static string Latency(WindowResult result) =>
        string.Create(CultureInfo.InvariantCulture, $"{result.P50Milliseconds:0.0}/{result.P99Milliseconds:0.0}");

    /// <summary>
    /// Writes a line made of <paramref name="parts"/> with every number in it formatted the invariant way (1,234.5),
    /// whatever the machine's culture.
    /// </summary>
    private static void Line(params FormattableString[] parts) =>
        Console.WriteLine(string.Concat(parts.Select(part => part.ToString(CultureInfo.InvariantCulture))));
}
