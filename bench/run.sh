#!/usr/bin/env bash
# Reproduces the figures of docs/benchmarks.md in one run on one machine:
#   1. release build of sightline;
#   2. a deterministic 835 of $CLAIMS claims (bench/make_835.py; about 83 MB for 250,000);
#   3. sightline inspect vs the Python readers from PyPI on that same file (bench/python_baseline.py);
#   4. sightline import of that file into a fresh SQLite database: claims per second.
# Usage: bench/run.sh [workdir]     (CLAIMS=250000; LIBS=… picks readers: by default the fastest
# claim readers, since timing all of them takes 35-40 minutes and some peak at 6-11 GB)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d -t sightline-bench.XXXXXX)}"
claims="${CLAIMS:-250000}"
mkdir -p "$work"
cd "$repo"

command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

echo "== release build"
swift build -c release --product sightline 2>&1 | grep -E "error|Compiling sightline|Build complete" || true
bin="$repo/.build/release/sightline"

echo "== Python readers (virtualenv in $work/venv)"
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q -r bench/requirements.txt
fi

echo "== generating an 835 of $claims claims"
[ -f "$work/bench.835" ] || python3 bench/make_835.py --claims "$claims" --out "$work/bench.835"
ls -l "$work/bench.835"

echo "== inspect: wall time and peak memory"
for run in 1 2 3; do
  /usr/bin/time -f "inspect run $run: %e s wall, %M KB peak RSS" "$bin" inspect --json "$work/bench.835" > "$work/inspect.json"
done
head -c 400 "$work/inspect.json"; echo

echo "== the Python readers and sightline inspect, same file, same run"
"$work/venv/bin/python" bench/python_baseline.py "$work/bench.835" --libs "${LIBS:-oxedi.parse,oxedi.stream,openx12,edi-835-parser}" \
  --cmd "sightline-inspect=$bin inspect --json $work/bench.835" --json "$work/baseline.json"

echo "== import into a fresh SQLite database"
for run in 1 2; do
  rm -f "$work/bench.sqlite"*
  SIGHTLINE_DATABASE_PATH="$work/bench.sqlite" "$bin" migrate >/dev/null
  start=$(date +%s.%N)
  SIGHTLINE_DATABASE_PATH="$work/bench.sqlite" /usr/bin/time -f "import run $run: %e s wall, %M KB peak RSS" "$bin" import "$work/bench.835" >/dev/null
  end=$(date +%s.%N)
  python3 -c "print(f'import run $run: {$claims / ($end - $start):,.0f} claims/s')"
done
echo "== results kept in $work"
