using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Mosovo.EventStore;
using Npgsql;

namespace Mosovo.Benchmarks;

/// <summary>
/// Append throughput of the event store against the raw ceiling, in one run on one server:
/// (a) plain Npgsql INSERTs of the same event rows into a bare table (no index, constraint or trigger), and
/// (b) <see cref="PostgresEventStore.AppendAsync"/> with no projections and no outbox,
/// each with 1 and 10 events per transaction at 1, 4 and 16 concurrent writers.
/// Each cell (writers × events per transaction) gets two fresh databases, one for raw and one for the store, and a
/// CHECKPOINT; then raw and store take turns (raw-store, store-raw, raw-store...) in rounds of equal length, so
/// that the drift of this machine's disk flush latency falls on both alike. The first turn of each starts with a
/// warm-up; only transactions completing inside the measured windows count.
/// Goal: the store reaches at least <see cref="GoalRatio"/> of the raw ceiling at <see cref="GoalWriters"/> writers.
/// </summary>
public static class StoreAppendBenchmark
{
    public const double GoalRatio = 0.7;
    public const int GoalWriters = 16;

    /// <summary>The goal holds for both of these batch sizes.</summary>
    private static readonly int[] GoalEventsPerTransaction = [1, 10];

    /// <summary>Warm-up before every turn after the first: the pool and the writers' streams are warm by then.</summary>
    private static readonly TimeSpan RewarmUp = TimeSpan.FromSeconds(0.5);

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

        // Raw and store share the connection settings; --auto-prepare sets Npgsql's Max Auto Prepare for both.
        var connection = new NpgsqlConnectionStringBuilder(options.Connection);
        if (options.AutoPrepare is { } autoPrepare)
            connection.MaxAutoPrepare = autoPrepare;
        var server = new BenchServer(connection.ConnectionString);
        var (version, settings) = await server.DescribeAsync(cancellationToken);
        var types = SampleEvents.CreateRegistry();
        var now = TimeProvider.System.GetUtcNow();
        var eventBytes = types.Serialize(SampleEvents.HomeVisit(now)).Length;
        var metadataBytes = JsonSerializer.Serialize(SampleEvents.Metadata(now), types.SerializerOptions).Length;
        var turn = options.Duration / options.Rounds;

        Line($"Event store append throughput: PostgresEventStore.AppendAsync against plain Npgsql INSERTs (the raw ceiling)");
        Line($"PostgreSQL {version} at {server.Endpoint}: {string.Join(", ", settings.Select(s => $"{s.Name}={s.Value}"))}");
        Line($"Machine: {Environment.ProcessorCount} cores ({Environment.OSVersion}), client and server on it; .NET {Environment.Version}, Npgsql {typeof(NpgsqlConnection).Assembly.GetName().Version?.ToString(3)}");
        Line($"Each cell: fresh databases, CHECKPOINT, then raw and store alternate in {options.Rounds} rounds of {turn.TotalSeconds:0.##} s measured each ({options.Duration.TotalSeconds:0.#} s each in all; {options.Warmup.TotalSeconds:0.#} s warm-up first, {RewarmUp.TotalSeconds:0.#} s before later turns).");
        Line($"Npgsql Max Auto Prepare={connection.MaxAutoPrepare} for raw and store alike{(connection.MaxAutoPrepare == 0 ? " (every statement is parsed and planned on every execution; --auto-prepare N changes it)" : "")}.");
        Line($"Rows: event JSON {eventBytes} bytes, metadata JSON {metadataBytes} bytes; each writer has its own streams, a new one every {options.AppendsPerStream} transactions.");
        Line($"raw: one multi-row INSERT per transaction (BEGIN, INSERT, COMMIT) into a table with the columns of mosovo.events and no index, constraint or trigger.");
        Line($"store: AppendAsync, no projections, no outbox; expected version 0 to create each stream, then the version the writer knows.");
        Line($"Latencies are per transaction; 'ratio per round' is store/raw in each round, to show the noise.");
        Line($"");
        Line($"{"writers",7} {"ev/tx",5} {"raw ev/s",10} {"store ev/s",10} {"store/raw",9}  {"ratio per round",-20} {"raw p50/p99 ms",15} {"store p50/p99 ms",16}");

        var ratios = new Dictionary<(int Writers, int Events), double>();
        var checkpointRefused = false;
        foreach (var writers in options.Writers)
        {
            foreach (var events in options.EventsPerTransaction)
            {
                var cell = await RunCellAsync(server, writers, events, options, types, cancellationToken);
                checkpointRefused |= !cell.Checkpointed;
                var ratio = cell.Store.EventsPerSecond / cell.Raw.EventsPerSecond;
                ratios[(writers, events)] = ratio;
                var perRound = string.Join(" ", cell.RoundRatios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)));
                Line($"{writers,7} {events,5} {cell.Raw.EventsPerSecond,10:N0} {cell.Store.EventsPerSecond,10:N0} {ratio,9:0.00}  {perRound,-20} {Latency(cell.Raw),15} {Latency(cell.Store),16}");
            }
        }

        Line($"");
        if (checkpointRefused)
            Line($"Note: the server refused CHECKPOINT (needs superuser or pg_checkpoint): a checkpoint may have fallen inside a measured window.");

        var goalCells = GoalEventsPerTransaction
            .Select(events => (Events: events, Ratio: ratios.TryGetValue((GoalWriters, events), out var r) ? r : (double?)null))
            .ToArray();
        var goalText = string.Join(", ", goalCells.Select(c => c.Ratio is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"{c.Events} ev/tx {r:0.00}")
            : string.Create(CultureInfo.InvariantCulture, $"{c.Events} ev/tx not measured")));
        var met = goalCells.All(c => c.Ratio >= GoalRatio);
        Line($"Measured in {total.Elapsed.TotalSeconds:0} s.");
        Line($"Goal (store/raw >= {GoalRatio:0.0} at {GoalWriters} writers, 1 and 10 events per transaction): {(met ? "MET" : "NOT MET")} ({goalText}).");
        return 0;
    }

    private sealed record Cell(WindowResult Raw, WindowResult Store, IReadOnlyList<double> RoundRatios, bool Checkpointed);

    private static async Task<Cell> RunCellAsync(
        BenchServer server, int writerCount, int eventsPerTransaction, StoreAppendOptions options,
        EventTypeRegistry types, CancellationToken cancellationToken)
    {
        var rawDatabase = await server.CreateDatabaseAsync(cancellationToken);
        var storeDatabase = "";
        try
        {
            storeDatabase = await server.CreateDatabaseAsync(cancellationToken);
            await using var rawSource = NpgsqlDataSource.Create(server.ConnectionStringFor(rawDatabase));
            await using var storeSource = NpgsqlDataSource.Create(server.ConnectionStringFor(storeDatabase));

            await using (var create = rawSource.CreateCommand(RawWriter.CreateTableSql))
                await create.ExecuteNonQueryAsync(cancellationToken);
            var rawWriters = Enumerable.Range(0, writerCount)
                .Select(_ => (IBenchWriter)new RawWriter(rawSource, types, eventsPerTransaction, options.AppendsPerStream)).ToArray();

            await new Migrator(storeSource, Migration.FromAssembly(typeof(PostgresEventStore).Assembly), NullLogger<Migrator>.Instance)
                .MigrateAsync(cancellationToken);
            var store = new PostgresEventStore(storeSource, types, []);
            var storeWriters = Enumerable.Range(0, writerCount)
                .Select(_ => (IBenchWriter)new StoreWriter(store, eventsPerTransaction, options.AppendsPerStream)).ToArray();

            var checkpointed = await server.TryCheckpointAsync(cancellationToken);
            var turn = options.Duration / options.Rounds;
            var raw = WindowResult.Empty;
            var stored = WindowResult.Empty;
            var roundRatios = new List<double>();
            for (var round = 0; round < options.Rounds; round++)
            {
                var rawWarmup = round == 0 ? options.Warmup : RewarmUp;
                var storeWarmup = round == 0 ? options.Warmup : RewarmUp;
                WindowResult rawRound, storeRound;
                if (round % 2 == 0)
                {
                    rawRound = await Measurement.RunAsync(rawWriters, rawWarmup, turn, cancellationToken);
                    storeRound = await Measurement.RunAsync(storeWriters, storeWarmup, turn, cancellationToken);
                }
                else
                {
                    storeRound = await Measurement.RunAsync(storeWriters, storeWarmup, turn, cancellationToken);
                    rawRound = await Measurement.RunAsync(rawWriters, rawWarmup, turn, cancellationToken);
                }

                roundRatios.Add(storeRound.EventsPerSecond / rawRound.EventsPerSecond);
                raw = raw.Add(rawRound);
                stored = stored.Add(storeRound);
            }

            // Every transaction a writer saw commit is in its table, and nothing else is.
            await VerifyCountAsync(rawSource, RawWriter.CountSql, raw.EventsWrittenInAll, "raw", cancellationToken);
            await VerifyCountAsync(storeSource, "SELECT count(*) FROM mosovo.events", stored.EventsWrittenInAll, "store", cancellationToken);
            return new Cell(raw, stored, roundRatios, checkpointed);
        }
        finally
        {
            await server.DropDatabaseAsync(rawDatabase);
            if (storeDatabase.Length > 0)
                await server.DropDatabaseAsync(storeDatabase);
        }
    }

    private static async Task VerifyCountAsync(NpgsqlDataSource dataSource, string sql, long expected, string what, CancellationToken cancellationToken)
    {
        await using var count = dataSource.CreateCommand(sql);
        var rows = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        if (rows != expected)
            throw new InvalidOperationException($"{what}: the writers saw {expected} events commit but the table holds {rows}.");
    }

    private static string Latency(WindowResult result) =>
        string.Create(CultureInfo.InvariantCulture, $"{result.P50Milliseconds:0.00}/{result.P99Milliseconds:0.00}");

    /// <summary>Writes a line with every number in it formatted the invariant way (1,234.5), whatever the machine's culture.</summary>
    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
