#!/usr/bin/env bash
# A private PostgreSQL cluster from the machine's own PostgreSQL binaries (Debian package `postgresql`).
#
#   infra/postgres/cluster.sh start DATA_DIR PORT [--throwaway]   initialise if new, start, create database "mosovo"
#   infra/postgres/cluster.sh stop DATA_DIR
#   infra/postgres/cluster.sh binaries                             print the bin folder, installing the package if missing
#
# The cluster listens on 127.0.0.1 only and trusts local connections: it is for one developer's machine or a
# CI run, never for real data. --throwaway turns durability off (fsync) for test speed.
# PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
set -euo pipefail

die() { echo "cluster.sh: $*" >&2; exit 1; }

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
      echo "cluster.sh: installing the Debian package postgresql (needed once)..." >&2
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    fi
    [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "PostgreSQL server binaries not found. Install them with: sudo apt-get install postgresql"
  fi
  echo "$dir"
}

# Run a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local data=$1 port=$2 throwaway=${3:-}
  local bin; bin=$(bin_dir)
  mkdir -p "$data"
  data=$(cd "$data" && pwd)
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres "$data"
    # The postgres user must be able to reach the data folder through its parent.
    runuser -u postgres -- test -x "$(dirname "$data")" || chmod o+x "$(dirname "$data")"
    runuser -u postgres -- test -x "$data" || die "the postgres user cannot reach $data: make its parent folders searchable (chmod o+x)"
    chmod 700 "$data"
  fi

  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$data" -U mosovo --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$data.initdb.log" 2>&1 \
      || { cat "$data.initdb.log" >&2; die "initdb failed"; }
    rm -f "$data.initdb.log"
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "unix_socket_directories = ''"
      echo "max_connections = 200"
      echo "shared_buffers = 512MB"
      if [ "$throwaway" = "--throwaway" ]; then
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
      fi
    } | as_owner tee -a "$data/postgresql.conf" >/dev/null
  fi

  if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "cluster.sh: already running in $data" >&2
  else
    as_owner "$bin/pg_ctl" -D "$data" -o "-p $port" -l "$data/server.log" -w -t 60 start >/dev/null \
      || { tail -n 30 "$data/server.log" >&2 || true; die "the server did not start (port $port in use?)"; }
  fi

  local psql="$bin/psql"
  [ -x "$psql" ] || psql=psql
  if ! "$psql" -h 127.0.0.1 -p "$port" -U mosovo -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'mosovo'" | grep -q 1; then
    "$psql" -h 127.0.0.1 -p "$port" -U mosovo -d postgres -qc "CREATE DATABASE mosovo" >/dev/null
  fi
}

stop() {
  local data=$1
  local bin; bin=$(bin_dir)
  [ -f "$data/PG_VERSION" ] || return 0
  as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) [ $# -ge 3 ] || die "usage: cluster.sh start DATA_DIR PORT [--throwaway]"; start "$2" "$3" "${4:-}" ;;
  stop) [ $# -ge 2 ] || die "usage: cluster.sh stop DATA_DIR"; stop "$2" ;;
  binaries) bin_dir ;;
  *) die "usage: cluster.sh start DATA_DIR PORT [--throwaway] | stop DATA_DIR | binaries" ;;
esac
