#!/usr/bin/env bash
# The issue-log benchmark of docs/benchmarks.md: an engagement with 100,000 open tickets
# (bench/make_tickets.py) imported into SQLite; then, timed in a release build,
#  - `sightline sla sweep` as whole processes: the first (which schedules nothing new — the import
#    scheduled every ticket — and catches up every level the 1 % of breached tickets owe, as after
#    downtime), then steady-state sweeps a minute apart, and a process that only opens the
#    database, as the floor;
#  - GET /api/v1/engagements/{id}/tickets with the queue's filters on a running server, warm:
#    the median and 95th percentile of RUNS requests each, against GET /healthz as the floor.
# Usage: bench/tickets.sh [workdir]     (TICKETS=100000 RUNS=40; BIN=path skips the release build)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d -t sightline-tickets.XXXXXX)}"
tickets="${TICKETS:-100000}"; runs="${RUNS:-40}"
# The queue is seen as it is now, so the server's clock (which the list reads) and the sweeps agree.
now="${NOW:-$(date -u +%Y-%m-%dT%H:%M:%S+00:00)}"
mkdir -p "$work"
cd "$repo"
if [ -z "${BIN:-}" ]; then
  echo "== release build"
  swift build -c release --product sightline 2>&1 | grep -E "error|Compiling|Build complete" | tail -1 || true
fi
bin="${BIN:-$repo/.build/release/sightline}"
export SIGHTLINE_DATABASE_PATH="$work/tickets.sqlite"
ms() { echo $(( ($2 - $1) / 1000000 )); }
percentile() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int(NR*p+0.999); if (i<1) i=1; print a[i]}'; }

if [ ! -f "$work/imported" ]; then
  rm -f "$SIGHTLINE_DATABASE_PATH"*
  "$bin" migrate >/dev/null
  practice=$("$bin" org create --name "Bench Practice" --kind practice --time-zone America/New_York | grep -oE '[0-9A-Fa-f-]{36}' | head -1)
  vendor=$("$bin" org create --name "Bench Billing" --kind vendor --time-zone America/New_York | grep -oE '[0-9A-Fa-f-]{36}' | head -1)
  engagement=$("$bin" engagement create --practice "$practice" --vendor "$vendor" --signed-on 2026-01-01 | grep -oE '[0-9A-Fa-f-]{36}' | head -1)
  echo "$engagement" > "$work/engagement"
  python3 bench/make_tickets.py --tickets "$tickets" --now "$now" > "$work/tickets.csv"
  s=$(date +%s%N); "$bin" tickets import "$work/tickets.csv" --engagement "$engagement"; e=$(date +%s%N)
  echo "imported $tickets tickets in $(ms $s $e) ms"
  touch "$work/imported"
fi
engagement=$(cat "$work/engagement")

echo "== sla sweep, whole process"
s=$(date +%s%N); fired=$("$bin" sla sweep --at "$now" --json | wc -l); e=$(date +%s%N)
echo "first sweep at $now: $(ms $s $e) ms, $fired levels fired"
for minute in 1 2 3 4 5 6 7; do
  at=$(python3 -c "import datetime as d,sys; print((d.datetime.fromisoformat(sys.argv[1]) + d.timedelta(minutes=int(sys.argv[2]))).isoformat())" "$now" "$minute")
  s=$(date +%s%N); fired=$("$bin" sla sweep --at "$at" --json | wc -l); e=$(date +%s%N)
  echo "$(ms $s $e) $fired"
done > "$work/sweeps.txt"
echo "steady sweeps a minute apart: median $(cut -d' ' -f1 "$work/sweeps.txt" | percentile 0.5) ms, slowest $(cut -d' ' -f1 "$work/sweeps.txt" | percentile 1) ms; levels fired: $(cut -d' ' -f2 "$work/sweeps.txt" | paste -sd+ | bc)"
for _ in $(seq 7); do s=$(date +%s%N); "$bin" org list >/dev/null; e=$(date +%s%N); ms $s $e; done | percentile 0.5 | xargs -I{} echo "floor, a process that opens the database: median {} ms"

echo "== GET the queue on a running server, warm, $runs requests each"
# shellcheck source=bench/serve-with-token.sh
source "$(dirname "${BASH_SOURCE[0]}")/serve-with-token.sh"
start_server_with_token
base="http://127.0.0.1:$port/api/v1/engagements/$engagement/tickets"
for query in "" "status=open&status=in_progress" "breached=true" "breached=false&priority=urgent" "text=appeal" "category=claim_error&party=vendor&page=40" "/healthz"; do
  url="$base?$query"; [ "$query" = "/healthz" ] && url="http://127.0.0.1:$port/healthz"
  curl -fsS -H "Authorization: Bearer $token" "$url" > "$work/last.json"
  for _ in $(seq "$runs"); do curl -fsS -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url"; done \
    | awk '{print $1 * 1000}' > "$work/times.txt"
  total=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get('total', '-'))" "$work/last.json" 2>/dev/null || echo -)
  echo "GET ${query:-(first page)}: median $(percentile 0.5 < "$work/times.txt") ms, p95 $(percentile 0.95 < "$work/times.txt") ms, total $total"
done
echo "== results kept in $work"
