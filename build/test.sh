#!/usr/bin/env bash
# Runs every test, against a throwaway PostgreSQL cluster it starts and removes (or the server named by
# MOSOVO_TEST_POSTGRES), and ends by printing one line: "N passed, N failed, N skipped".
# MOSOVO_TEST_POSTGRES=container starts no cluster: the tests start PostgreSQL 15 in a container themselves
# (Testcontainers; needs a Docker engine that can pull postgres:15). See docs/adr/0009.
# Extra arguments go to `dotnet test`, e.g. build/test.sh --filter "FullyQualifiedName~Outbox".
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  if [ -n "${started_cluster:-}" ]; then infra/postgres/cluster.sh stop "$work/pg" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "${MOSOVO_TEST_POSTGRES:-}" = "container" ]; then
  echo "test.sh: MOSOVO_TEST_POSTGRES=container: no local cluster; the tests start PostgreSQL in a container" >&2
elif [ -z "${MOSOVO_TEST_POSTGRES:-}" ]; then
  port=""
  for candidate in $(seq 55500 55999); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
  [ -n "$port" ] || { echo "test.sh: no free port between 55500 and 55999" >&2; exit 1; }
  infra/postgres/cluster.sh start "$work/pg" "$port" --throwaway
  started_cluster=1
  export MOSOVO_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=mosovo;Database=postgres"
fi

set +e
dotnet test Mosovo.sln -c Release --logger "trx;LogFilePrefix=results" --results-directory "$work/results" "$@"
status=$?
set -e

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$work"/results/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: dotnet test exited with $status (the build or the test host failed); counting that as a failure." >&2
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
