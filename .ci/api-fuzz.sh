#!/usr/bin/env bash
# The API against its document: validates Sources/Web/Resources/openapi.json against the OpenAPI 3.1
# schema (PyPI: openapi-spec-validator), then runs schemathesis (PyPI) against `sightline serve --demo`
# on a free loopback port, with a fresh SQLite database in a temporary folder and an API token for
# each of the six roles. Fails on any server error, status the document does not list, response that
# does not fit its schema, or request the document allows that the server turns away (400 or 422).
#
# Needs a built `sightline` (.build/debug/sightline, or SIGHTLINE_BINARY). Bounded: each role gets
# SIGHTLINE_FUZZ_SECONDS (default 75) and at most SIGHTLINE_FUZZ_EXAMPLES cases per operation
# (default 12), with SIGHTLINE_FUZZ_WORKERS concurrent clients (default 1: schemathesis's threads
# race in CPython 3.11's ast module, and the demo's SQLite then answers some writes 503 busy, which
# is reported on its own); the whole step stays under ten minutes on two cores. SIGHTLINE_FUZZ_ROLES picks roles, SIGHTLINE_FUZZ_LOG_LEVEL the
# server's log level (its log is kept with the reports). Reports go to
# $SIGHTLINE_FUZZ_REPORTS (default api-fuzz-reports/).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
document="$repo/Sources/Web/Resources/openapi.json"
seconds="${SIGHTLINE_FUZZ_SECONDS:-75}"
examples="${SIGHTLINE_FUZZ_EXAMPLES:-12}"
reports="${SIGHTLINE_FUZZ_REPORTS:-$repo/api-fuzz-reports}"

venv="${SIGHTLINE_FUZZ_VENV:-$repo/.build/api-fuzz-venv}"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==4.32.5" "openapi-spec-validator==0.9.0"

echo "validating $document against the OpenAPI 3.1 schema"
"$venv/bin/openapi-spec-validator" "$document"

if [ -z "${SIGHTLINE_BINARY:-}" ]; then
  swift build --product sightline >/dev/null
  SIGHTLINE_BINARY="$repo/.build/debug/sightline"
fi
binary="$(cd "$(dirname "$SIGHTLINE_BINARY")" && pwd)/$(basename "$SIGHTLINE_BINARY")"

folder="$(mktemp -d -t sightline-fuzz.XXXXXX)"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$folder"
}
trap stop_server EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
# The demo's own SQLite file and key in the temporary folder: nothing of the environment's database.
(cd "$folder" && exec env -u DATABASE_URL -u SIGHTLINE_DATA_KEY -u SIGHTLINE_DATA_KEY_FILE -u SIGHTLINE_DATABASE_PATH \
  SIGHTLINE_LOG_LEVEL="${SIGHTLINE_FUZZ_LOG_LEVEL:-warning}" "$binary" serve --demo --hostname 127.0.0.1 --port "$port" >"$folder/serve.log" 2>&1) &
server_pid=$!
for _ in $(seq 1 600); do
  grep -q "Create an API token" "$folder/serve.log" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$folder/serve.log"; echo "the demo server stopped"; exit 1; }
  sleep 1
done
grep -q "Create an API token" "$folder/serve.log" || { tail -n 40 "$folder/serve.log"; echo "the demo server did not start"; exit 1; }
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

# One token per role, every scope, made with the CLI on the demo's database.
declare -A tokens
while read -r email role _; do
  tokens[$role]="$(cd "$folder" && env -u DATABASE_URL -u SIGHTLINE_DATA_KEY -u SIGHTLINE_DATA_KEY_FILE -u SIGHTLINE_DATABASE_PATH \
    "$binary" token create --email "$email" --scopes read,write,import,admin --label api-fuzz 2>/dev/null)"
  echo "$role ${tokens[$role]}" >>"$folder/tokens"
done < <(grep -E '^\s+\S+@\S+\s+(practice_admin|practice_manager|practice_staff|vendor_lead|vendor_agent|compliance_auditor)\s+\S+\s*$' "$folder/serve.log")
if [ "${#tokens[@]}" -ne 6 ]; then cat "$folder/serve.log"; echo "expected six demo accounts, found ${#tokens[@]}"; exit 1; fi

mkdir -p "$reports"
failed=0
for role in ${SIGHTLINE_FUZZ_ROLES:-practice_admin practice_manager practice_staff vendor_lead vendor_agent compliance_auditor}; do
  echo "== schemathesis as $role (${seconds}s, at most $examples cases per operation)"
  # The demo's ids (and the people bodies must name) as this role's run sees them, read afresh:
  # earlier runs have changed the demo.
  base="http://127.0.0.1:$port" "$venv/bin/python" "$repo/.ci/api_fuzz_config.py" "$folder/serve.log" "$role" "$folder/tokens" \
    >"$folder/schemathesis-$role.toml"
  status=0
  "$venv/bin/st" --config-file "$folder/schemathesis-$role.toml" run "$document" \
    --url "http://127.0.0.1:$port" \
    --header "Authorization: Bearer ${tokens[$role]}" \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance,positive_data_acceptance \
    --phases examples,coverage,fuzzing \
    --max-examples "$examples" --max-time "$seconds" --workers "${SIGHTLINE_FUZZ_WORKERS:-1}" --request-timeout 30 \
    --generation-database none --seed 19 --no-color \
    --report junit --report-junit-path "$reports/$role.xml" || status=$?
  if [ "$status" -ne 0 ]; then failed=1; fi
done
cp "$folder/serve.log" "$reports/serve.log"
if ! kill -0 "$server_pid" 2>/dev/null; then tail -n 40 "$folder/serve.log"; echo "the demo server died under the fuzzer"; exit 1; fi
if grep -q "unhandled" "$folder/serve.log"; then grep "unhandled" "$folder/serve.log" | sort | uniq -c; echo "the server logged unhandled errors"; failed=1; fi
if [ "$failed" -ne 0 ]; then echo "schemathesis found problems (above; JUnit reports in $reports)"; exit 1; fi
echo "schemathesis: no findings for any role"
