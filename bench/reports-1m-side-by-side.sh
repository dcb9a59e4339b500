#!/usr/bin/env bash
# The report queries at 1,000,000 complaints over HTTP (bench/reports-queries.mjs, the timed part under
# the bench lock): on SQLite this build against a saved base build side by side; then, when the kept
# PostgreSQL cluster is there (bench/reports-pg-cluster.sh), this build on PostgreSQL side by side with
# this build on SQLite (the cluster started durable for the run and stopped after it).
#   bash bench/reports-1m-side-by-side.sh [RUNS=10]
#   PG=0 bash bench/reports-1m-side-by-side.sh          SQLite only
#   PG=only bash bench/reports-1m-side-by-side.sh       PostgreSQL against SQLite only
#   PG_URL=postgres://…/ck_1m PG_DATA=… bash bench/reports-1m-side-by-side.sh   a PostgreSQL already running
# Run from the worktree that holds the data (bench/results/reports-and-import.md, "At 1,000,000 complaints, after binary
# handling lists, deadline-keyed overdue and root sums" and "PostgreSQL at 1,000,000"):
#   bench/.data/reports-1000000/sqlite       this build's SQLite database (`node bench/reports.mjs 1000000 --keep`)
#   bench/.data/reports-1000000/sqlite-base  the base's copy of the same database
#   bench/.data/reports-1000000/pg-cluster   the PostgreSQL 15 cluster holding the same history imported (database ck_1m)
#   bench/.data/reports-1000000/pg           the PostgreSQL service's data folder (its identity secret)
#   $BASE_DIST (default packages/server/.data/base-17cc726)  the base build's packages/server/dist
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
base=${BASE_DIST:-packages/server/.data/base-17cc726}
data=bench/.data/reports-1000000
lock=${BENCH_LOCK:-/work/wt/bench.lock}
pg=${PG:-1}
if [ "$pg" != only ]; then
  echo "== SQLite, this build vs $base ($(date -u +%FT%TZ))"
  node bench/reports-queries.mjs "$data/sqlite" --runs "$runs" --base-dist "$base" --base-data "$data/sqlite-base" --lock "$lock"
fi
[ "$pg" = 0 ] && exit 0
url=${PG_URL:-}
if [ -z "$url" ] && [ -d "$data/pg-cluster/data" ]; then
  bash bench/reports-pg-cluster.sh start
  trap 'bash bench/reports-pg-cluster.sh stop' EXIT
  url=$(bash bench/reports-pg-cluster.sh url)
fi
if [ -n "$url" ]; then
  echo "== PostgreSQL vs SQLite, this build ($(date -u +%FT%TZ))"
  node bench/reports-queries.mjs "${PG_DATA:-$data/pg}" --database-url "$url" --name PostgreSQL \
    --base-dist packages/server/dist --base-data "$data/sqlite" --base-name SQLite --runs "$runs" --lock "$lock"
fi
