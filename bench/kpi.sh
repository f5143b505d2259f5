#!/usr/bin/env bash
# The KPI benchmark of docs/benchmarks.md: a practice of about 1.5 million claims and 5 million
# service lines (a year of `sightline synth` at 5,600 claims a business day, 1.5 extra lines a claim) imported into SQLite, then the full figure set
# for the 12 months, by payer, timed warm: in the running server (GET /api/v1/kpis, what a page
# or a script waits for) and as a whole `sightline kpi` process. With DATABASE_URL set to a
# PostgreSQL database, the same runs there.
# Usage: bench/kpi.sh [workdir]     (CLAIMS_PER_DAY=5600 MONTHS=12 EXTRA_LINES=1.5 RUNS=7; BIN=path skips the release build)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d -t sightline-kpi.XXXXXX)}"
per_day="${CLAIMS_PER_DAY:-5600}"; months="${MONTHS:-12}"; extra="${EXTRA_LINES:-1.5}"; runs="${RUNS:-7}"
start="2025-01-01"; from="2025-01-01"; to="2025-12-31"; as_of="2025-09-30"
mkdir -p "$work"
cd "$repo"
if [ -z "${BIN:-}" ]; then
  echo "== release build"
  swift build -c release --product sightline 2>&1 | grep -E "error|Build complete" || true
fi
bin="${BIN:-$repo/.build/release/sightline}"
export SIGHTLINE_DATABASE_PATH="${SIGHTLINE_DATABASE_PATH:-$work/kpi.sqlite}"

if [ ! -f "$work/imported" ]; then
  echo "== generating $months months at $per_day claims a business day, $extra extra lines a claim"
  rm -rf "$work/files"
  "$bin" synth --out "$work/files" --claims-per-day "$per_day" --months "$months" --extra-lines "$extra" --seed 1 --start "$start"
  echo "== importing (in the order a practice receives them: by day, claims before their answers)"
  rm -f "$SIGHTLINE_DATABASE_PATH"*
  "$bin" migrate >/dev/null
  # Files are named KIND-DATE.x12; sort by date, 837P before 277CA before 835 on the same day.
  files=$(cd "$work/files" && ls *.x12 | awk -F'[-.]' '{k=($1=="837P")?1:($1=="277CA")?2:3; print $2$3$4, k, $0}' | sort | awk '{print $3}')
  started=$(date +%s)
  (cd "$work/files" && "$bin" import $files patient-payments.csv) > "$work/import.txt"
  echo "imported in $(( $(date +%s) - started )) s"
  touch "$work/imported"
fi
if [ -z "${DATABASE_URL:-}" ]; then
  sqlite3_count() { python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(*[c.execute(q).fetchone()[0] for q in sys.argv[2:]])" "$SIGHTLINE_DATABASE_PATH" "$@"; }
  read -r claims lines adjudications <<<"$(sqlite3_count "SELECT COUNT(DISTINCT patient_control_number) FROM claim_submissions" \
    "SELECT SUM(LENGTH(lines) - LENGTH(REPLACE(lines, ';', '')) + 1) FROM claim_submissions" "SELECT COUNT(*) FROM adjudications")"
  echo "database: $claims claims, $lines submitted service lines, $adjudications adjudications, $(du -h "$SIGHTLINE_DATABASE_PATH" | cut -f1)"
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "== sightline kpi, whole process (start, open, query, print), $runs runs each"
for args in "--by payer" "--by payer --as-of $as_of" "--by month"; do
  "$bin" kpi --from $from --to $to $args --json > /dev/null   # warm the page cache
  for _ in $(seq "$runs"); do
    s=$(date +%s%N); "$bin" kpi --from $from --to $to $args --json > /dev/null; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
  done | median | xargs -I{} echo "kpi $args: median {} ms"
done
echo "== a process that does nothing but open the database (the floor of the above)"
for _ in $(seq "$runs"); do
  s=$(date +%s%N); "$bin" org list > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
done | median | xargs -I{} echo "org list: median {} ms"

echo "== GET /api/v1/kpis on a running server, warm, $runs runs each"
# shellcheck source=bench/serve-with-token.sh
source "$(dirname "${BASH_SOURCE[0]}")/serve-with-token.sh"
start_server_with_token
for query in "by=payer" "by=payer&asOf=$as_of" "by=month" ""; do
  url="http://127.0.0.1:$port/api/v1/kpis?from=$from&to=$to&$query"
  curl -fsS -H "Authorization: Bearer $token" "$url" > /dev/null
  for _ in $(seq "$runs"); do
    curl -fsS -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url"
  done | awk '{print $1 * 1000}' | median | xargs -I{} echo "GET kpis ${query:-(totals only)}: median {} ms"
done
echo "== results kept in $work"
