using Mosovo.Benchmarks;

// Benchmarks run by build/bench.sh:  Mosovo.Benchmarks NAME [options]
// Each benchmark parses its own options; add a new one as a case here and in build/bench.sh.
const string Usage = """
    usage: Mosovo.Benchmarks NAME [options]
      store   append throughput of the event store against plain Npgsql INSERTs (the raw ceiling)
              options: --connection CS (or MOSOVO_BENCH_POSTGRES), --warmup SECONDS (2), --seconds SECONDS (8),
                       --rounds N (3), --writers 1,4,16, --events 1,10, --appends-per-stream N (50),
                       --auto-prepare N (Npgsql Max Auto Prepare for raw and store alike; default: the connection string's)
      read    bulk-loads offenders (--offenders 100000 --events 50 --batch 500) and measures summary, timeline and
              name-search latency over HTTP against the real API (--api PATH/Mosovo.Api.dll, --requests 1000, --keep)
      compliance  bulk-loads offenders with obligations (--offenders 100000 --events 50 --batch 500, --all-reviews-open) and
              measures the compliance queue over HTTP (a team's first page, the force's counts; --requests 1000) and the cost
              of the policies on an append, policies on against off (--appends 2000, --warmup-appends 100; --api, --keep;
              --sql-after-load SQL to try e.g. an index before measuring)
      partner loads offenders each shared with the Probation Service (--offenders 10000 --events 50) and measures partner
              summary reads over HTTP by --readers 16 at once, with the access log and without (--seconds 15, --warmup 5,
              --rounds 3; --api, --keep, --database NAME); reports the mean latency ratio (goal <= 1.5) and p95
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
