#!/usr/bin/env bash
# Benchmarks. The first argument names one; further arguments go to it.
#   build/bench.sh store [options]   append throughput against plain Npgsql INSERTs (the raw ceiling), three sides in
#                                    one run: raw, Marten as the API configures it (Quick append, Append with the
#                                    expected version) and the API's own write path (OffenderStreams: state read
#                                    under lock, decision, append, read models); 1 and 10 events per transaction at
#                                    1, 4 and 16 writers; prints ev/s, marten/raw (goal >= 0.7 at 16 writers) and
#                                    api/raw (goal >= 0.5).
#                                    options: --warmup SECONDS (2), --seconds SECONDS (8, measured per side and cell),
#                                    --rounds N (3), --writers 1,4,16, --events 1,10, --appends-per-stream N (50),
#                                    --auto-prepare N (Npgsql Max Auto Prepare for every side; default the API's 64),
#                                    --no-reset-on-close (Npgsql No Reset On Close for every side)
#   build/bench.sh read [options]    loads --offenders 100000 x --events 50 in bulk (COPY into Marten's tables, read
#                                    models written by the API's projection, --load-workers 2 at once), starts the API
#                                    on loopback, and measures p50/p95/p99 of --requests 1000 summary, timeline-page and
#                                    name-search reads over HTTP, one at a time; then writes a loaded offender through
#                                    the API (If-Match) as a check
#   build/bench.sh compliance [opts] loads --offenders 100000 x --events 50 in bulk with the policies on (obligations
#                                    written by the API's projection), measures p50/p95/p99 over HTTP of the compliance
#                                    queue's first page for a team and the whole force's counts per kind (--requests
#                                    1000; goals p95 < 50 ms and < 100 ms), then the cost of the policies on an append:
#                                    --write-rounds 3 of --appends 2000 home visits each through the API's write path
#                                    with policies on and off, sequential; each round's median and p95, goal: the median
#                                    of the rounds' median on/off ratios <= 1.3 (--writes-only measures only this);
#                                    --sql-after-load SQL tries an index
#   build/bench.sh partner [options]  loads --offenders 10000 x --events 50, each shared with the Probation Service, and
#                                    has --readers 16 partners read partner summaries over HTTP at once, with the access
#                                    log and without (AccessLog:Enabled=false, Development only), --rounds 3 of
#                                    --seconds 15 each; prints reads/s, p50/p95/p99 and the mean latency ratio
#                                    with/without (goal <= 1.5)
# read, compliance and partner also take --keep (keep the loaded database; its name is printed) and --database NAME (measure
# a database kept earlier, loading nothing): with MOSOVO_BENCH_POSTGRES naming a server that outlives the run, one
# load can be measured again after a change.
# Unless MOSOVO_BENCH_POSTGRES names a server (a connection string; the user must be allowed to CREATE DATABASE),
# a private PostgreSQL cluster with the default durability (fsync and synchronous_commit on) is started in a
# temporary folder and removed afterwards. The benchmark writes only into databases it creates and drops.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: build/bench.sh NAME [options]" >&2
  echo "  store   append throughput of Marten and the API's write path against plain Npgsql INSERTs (raw ceiling)" >&2
  echo "  read    100,000 offenders x 50 events loaded in bulk; summary, timeline and search latency over HTTP" >&2
  echo "  compliance  100,000 offenders with obligations; queue latency over HTTP and the policies' cost on an append" >&2
  echo "  partner partner summary reads by 16 partners at once, with the access log and without: the cost of logging" >&2
  exit 2
}

work=""
cleanup() {
  if [ -n "${started_cluster:-}" ]; then infra/postgres/cluster.sh stop "$work/pg" || true; fi
  if [ -n "$work" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

# A server to measure on: MOSOVO_BENCH_POSTGRES, or a private durable cluster (no --throwaway) on a free port.
postgres() {
  if [ -n "${MOSOVO_BENCH_POSTGRES:-}" ]; then
    connection=$MOSOVO_BENCH_POSTGRES
    return
  fi
  work=$(mktemp -d)
  chmod 755 "$work"
  local port="" candidate
  for candidate in $(seq 56000 56499); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
  [ -n "$port" ] || { echo "bench.sh: no free port between 56000 and 56499" >&2; exit 1; }
  started_cluster=1
  infra/postgres/cluster.sh start "$work/pg" "$port"
  connection="Host=127.0.0.1;Port=$port;Username=mosovo;Database=postgres"
}

[ $# -ge 1 ] || usage
name=$1
shift
case "$name" in
  store)
    postgres
    dotnet run -c Release --project build/Mosovo.Benchmarks -- store --connection "$connection" "$@"
    echo "bench.sh: store finished in ${SECONDS} s (build and server start included)."
    ;;
  read|compliance|partner)
    # These measure the real API, started by the benchmark from its Release build.
    postgres
    dotnet build src/Mosovo.Api -c Release -v quiet -nologo
    dotnet run -c Release --project build/Mosovo.Benchmarks -- "$name" --connection "$connection" \
      --api src/Mosovo.Api/bin/Release/net10.0/Mosovo.Api.dll "$@"
    echo "bench.sh: $name finished in ${SECONDS} s (build and server start included)."
    ;;
  *) usage ;;
esac
