#!/usr/bin/env bash
# A PostgreSQL 15 cluster kept beside the 1M report data (bench/.data/reports-1000000/pg-cluster), so
# the history is imported into it once and the report queries are timed over it in later sessions.
#   bash bench/reports-pg-cluster.sh init            creates the cluster (initdb, C.UTF-8) and the database ck_1m
#   bash bench/reports-pg-cluster.sh start-setup     starts it for loading data: fsync, synchronous_commit
#                                                    and full_page_writes off (a crash may corrupt it: re-import),
#                                                    max_wal_size 8 GB, checkpoint_timeout 30 min
#   bash bench/reports-pg-cluster.sh start           starts it as the timed queries run it: durable (fsync,
#                                                    synchronous_commit, full_page_writes on, the defaults)
#   bash bench/reports-pg-cluster.sh stop            stops it (fast shutdown; the data directory stays)
#   bash bench/reports-pg-cluster.sh url             prints the DATABASE_URL of ck_1m (after a start)
# Both starts: shared_buffers 1 GB, maintenance_work_mem 512 MB, everything else PostgreSQL 15's
# defaults (work_mem 4 MB, max_wal_size 1 GB: a start after a set-up recycles its WAL); a free port on 127.0.0.1 (written to pg-cluster/port),
# the socket in the cluster's folder. PG_CLUSTER overrides the folder. As root the cluster runs as the
# postgres user. Loading 1M complaints through the import (bench/results/reports-and-import.md, "PostgreSQL at 1,000,000"):
#   bash bench/reports-pg-cluster.sh init && bash bench/reports-pg-cluster.sh start-setup
#   export DATABASE_URL=$(bash bench/reports-pg-cluster.sh url)
#   node packages/server/dist/cli.js seed --data bench/.data/reports-1000000/pg --months 1
#   nice node packages/server/dist/cli.js import bench/.data/reports-1000000.ndjson --data bench/.data/reports-1000000/pg --batch 10000
#   bash bench/reports-pg-cluster.sh stop
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(realpath -m "${PG_CLUSTER:-bench/.data/reports-1000000/pg-cluster}")
bin=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi; }
common="-c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c maintenance_work_mem=512MB"
start() {
  local port
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  echo "$port" >"$dir/port"
  as_pg "$bin/pg_ctl -D '$dir/data' -l '$dir/log' -w start -o \"-p $port -k '$dir' $common $1\"" >/dev/null
  echo "PostgreSQL at port $port ($([ -n "$1" ] && echo "set-up settings: $1" || echo durable))" >&2
}
case "${1:-}" in
  init)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_pg "$bin/initdb -D '$dir/data' -A trust -U postgres --locale C.UTF-8 --no-sync >/dev/null"
    start "-c fsync=off"
    psql "postgres://postgres@127.0.0.1:$(cat "$dir/port")/postgres" -qc 'create database ck_1m'
    as_pg "$bin/pg_ctl -D '$dir/data' -m fast -w stop" >/dev/null
    ;;
  start-setup) start "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_wal_size=8GB -c checkpoint_timeout=30min" ;;
  start) start "" ;;
  stop) as_pg "$bin/pg_ctl -D '$dir/data' -m fast -w stop" >/dev/null ;;
  url) echo "postgres://postgres@127.0.0.1:$(cat "$dir/port")/ck_1m" ;;
  *) sed -n '2,20p' "$0" >&2; exit 2 ;;
esac
