using Mosovo.Benchmarks;

// Benchmarks run by build/bench.sh:  Mosovo.Benchmarks NAME [options]
// Each benchmark parses its own options; add a new one as a case here and in build/bench.sh.
const string Usage = """
    usage: Mosovo.Benchmarks NAME [options]
      store   append throughput against plain Npgsql INSERTs (the raw ceiling): Marten as the API configures it, and
              the API's own write path (OffenderStreams), in one run
              options: --connection CS (or MOSOVO_BENCH_POSTGRES), --warmup SECONDS (2), --seconds SECONDS (8),
                       --rounds N (3), --writers 1,4,16, --events 1,10, --appends-per-stream N (50),
                       --auto-prepare N (Npgsql Max Auto Prepare for every side, 1 or more; default: the API's 64),
                       --no-reset-on-close (Npgsql No Reset On Close for every side)
      read    loads offenders in bulk (--offenders 100000 --events 50 --batch 500 --load-workers 2) and measures
              summary, timeline and name-search latency over HTTP against the real API (--api PATH/Mosovo.Api.dll,
              --requests 1000, --keep, --database NAME)
      compliance  loads offenders with obligations in bulk (--offenders 100000 --events 50 --batch 500
              --load-workers 2, --all-reviews-open) and measures the compliance queue over HTTP (a team's first page,
              the force's counts; --requests 1000) and the cost of the policies on an append through the API's write
              path, policies on against off (--appends 2000, --warmup-appends 100, --write-rounds 3, --writes-only;
              --api, --keep, --database NAME; --sql-after-load SQL to try e.g. an index before measuring)
      partner loads offenders each shared with the Probation Service (--offenders 10000 --events 50
              --load-workers 2) and measures partner summary reads over HTTP by --readers 16 at once, with the access
              log and without (--seconds 15, --warmup 5, --rounds 3; --api, --keep, --database NAME); reports the
              mean latency ratio (goal <= 1.5) and p95
    """;

try
{
    return args.FirstOrDefault() switch
    {
        "store" => await StoreAppendBenchmark.RunAsync(StoreAppendOptions.Parse(args.AsSpan(1).ToArray())),
        "read" => await ReadBenchmark.RunAsync(ReadBenchmark.Options.Parse(args.AsSpan(1).ToArray())),
        "compliance" => await ComplianceBenchmark.RunAsync(ComplianceBenchmark.Options.Parse(args.AsSpan(1).ToArray())),
        "partner" => await PartnerBenchmark.RunAsync(PartnerBenchmark.Options.Parse(args.AsSpan(1).ToArray())),
        _ => UsageError(),
    };
}
catch (UsageException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return UsageError();
}

static int UsageError()
{
    Console.Error.WriteLine(Usage);
    return 2;
}
