#!/usr/bin/env bash
# shellcheck shell=bash
# A throw-away PostgreSQL 15 cluster for the tests: initdb in a folder of its
# own, run as an unprivileged user (the `postgres` account when run as root:
# PostgreSQL refuses root), on a free port with its own socket directory,
# with one database `quotewire`; stopped and removed at the end.
#
# As a library (source it):
#   quotewire_pg_start DIR [bench]
#                            # starts (or finds running) the cluster in DIR,
#                            # prints its URI and writes it to DIR/uri
#   quotewire_pg_stop DIR    # stops it and removes DIR
# As a command: scripts/lib/pg_cluster.sh start|stop DIR [bench] (start prints
# $QUOTEWIRE_TEST_PG_URI instead when it is set, and serialises concurrent
# starts with a lock file DIR.lock).
#
# QUOTEWIRE_PG_BIN names the server binaries (default
# /usr/lib/postgresql/15/bin). Durability is off (fsync=off): the data is
# thrown away.
#
# Memory: the test cluster keeps PostgreSQL's small defaults (128 MB of
# shared buffers; many test clusters may run at once). With `bench` it is
# sized like a deployment (quotewire_pg_memory_settings): a quarter of RAM
# for shared buffers, capped at 8 GB, so that the 1 M quote benchmark
# database (~1.9 GB) is read from PostgreSQL's cache, not through system
# calls into the OS cache.

QUOTEWIRE_PG_BIN="${QUOTEWIRE_PG_BIN:-/usr/lib/postgresql/15/bin}"

# Runs a command as the cluster's owner.
quotewire_pg_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A TCP port nobody listens on now.
quotewire_pg_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The server options of a cluster sized like a deployment on this machine:
# shared_buffers a quarter of RAM (at least 128 MB, at most 8 GB: beyond
# that PostgreSQL gains little over the OS cache and checkpoints grow),
# effective_cache_size three quarters of RAM (what the planner assumes
# cached, shared buffers and OS cache together).
quotewire_pg_memory_settings() {
  local ram_kb
  ram_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null)
  if [[ -z "$ram_kb" ]]; then
    return 0
  fi
  local shared_mb=$((ram_kb / 4 / 1024))
  if ((shared_mb < 128)); then shared_mb=128; fi
  if ((shared_mb > 8192)); then shared_mb=8192; fi
  echo "-c shared_buffers=${shared_mb}MB -c effective_cache_size=$((ram_kb * 3 / 4 / 1024))MB"
}

quotewire_pg_start() {
  local dir="$1"
  local profile="${2:-test}"
  local memory=""
  if [[ "$profile" == "bench" ]]; then
    memory="$(quotewire_pg_memory_settings)"
  fi
  if [[ -z "$dir" ]]; then
    echo "quotewire_pg_start: no directory" >&2
    return 2
  fi
  if [[ ! -x "$QUOTEWIRE_PG_BIN/initdb" ]]; then
    echo "quotewire: PostgreSQL 15 is not installed ($QUOTEWIRE_PG_BIN/initdb missing; apt-get install postgresql-15)" >&2
    return 1
  fi
  # A cluster already running there (another test run's) is reused.
  if [[ -f "$dir/uri" && -f "$dir/data/postmaster.pid" ]] &&
      quotewire_pg_as_owner "$QUOTEWIRE_PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    cat "$dir/uri"
    return 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir/socket"
  if [[ $(id -u) -eq 0 ]]; then
    chown -R postgres: "$dir"
  fi
  if ! quotewire_pg_as_owner "$QUOTEWIRE_PG_BIN/initdb" -D "$dir/data" -U postgres \
      --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    echo "quotewire: initdb failed (see $dir/initdb.log)" >&2
    return 1
  fi
  # The port is free when chosen, not reserved: another process (a test
  # server listening on port 0, another cluster) may bind it before the
  # server does. Then the start fails on it and another port is tried.
  local port attempt
  for attempt in 1 2 3 4 5; do
    port="$(quotewire_pg_free_port)" || return 1
    if quotewire_pg_as_owner "$QUOTEWIRE_PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 $memory" \
        start >/dev/null; then
      break
    fi
    if ((attempt == 5)) || ! grep -q "could not bind\|could not create .*socket\|Address already in use" "$dir/server.log"; then
      echo "quotewire: PostgreSQL did not start (see $dir/server.log)" >&2
      return 1
    fi
  done
  if ! quotewire_pg_as_owner psql -q -h "$dir/socket" -p "$port" -U postgres \
      -d postgres -c 'CREATE DATABASE quotewire' >/dev/null; then
    echo "quotewire: cannot create the test database" >&2
    return 1
  fi
  local uri="postgresql://postgres@/quotewire?host=$dir/socket&port=$port"
  echo "$uri" >"$dir/uri"
  echo "$uri"
}

quotewire_pg_stop() {
  local dir="$1"
  if [[ -z "$dir" || ! -d "$dir" ]]; then
    return 0
  fi
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    quotewire_pg_as_owner "$QUOTEWIRE_PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    start)
      # The test environment's cluster, when it has one.
      if [[ -n "${QUOTEWIRE_TEST_PG_URI:-}" ]]; then
        echo "$QUOTEWIRE_TEST_PG_URI"
        exit 0
      fi
      # One start at a time per directory (test processes race for it).
      exec 9>"${2:?directory}.lock"
      flock 9
      quotewire_pg_start "$2" "${3:-test}" 9>&-  # the server must not hold the lock
      ;;
    stop) quotewire_pg_stop "${2:?directory}" ;;
    *)
      echo "usage: $0 start|stop DIR" >&2
      exit 2
      ;;
  esac
fi
