#!/usr/bin/env bash
# The report queries at 1,000,000 complaints over HTTP (bench/reports-queries.mjs, the timed part under
# the bench lock): on SQLite this build against a saved base build side by side; on PostgreSQL, when
# a database holding the imported history is given, this build alone.
#   bash bench/reports-1m-side-by-side.sh [RUNS=10]
#   PG_URL=postgres://…/ck_import PG_DATA=bench/.data/reports-1000000/pg bash bench/reports-1m-side-by-side.sh
# Run from the worktree that holds the data (bench/README.md, "At 1,000,000 complaints, after binary
# handling lists, deadline-keyed overdue and root sums"):
#   bench/.data/reports-1000000/sqlite       this build's SQLite database (`node bench/reports.mjs 1000000 --keep`)
#   bench/.data/reports-1000000/sqlite-base  the base's copy of the same database
#   $BASE_DIST (default packages/server/.data/base-17cc726)  the base build's packages/server/dist
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
base=${BASE_DIST:-packages/server/.data/base-17cc726}
data=bench/.data/reports-1000000
lock=${BENCH_LOCK:-/work/wt/bench.lock}
echo "== SQLite, this build vs $base ($(date -u +%FT%TZ))"
node bench/reports-queries.mjs "$data/sqlite" --runs "$runs" --base-dist "$base" --base-data "$data/sqlite-base" --lock "$lock"
if [ -n "${PG_URL:-}" ]; then
  echo "== PostgreSQL, this build ($(date -u +%FT%TZ))"
  node bench/reports-queries.mjs "${PG_DATA:-$data/pg}" --database-url "$PG_URL" --runs "$runs" --lock "$lock"
fi
