# Sourced by the benchmarks: starts `$bin serve` on a free-ish port over the database the
# environment names, waits until it answers, and makes a practice administrator with an API
# token. Sets `port`, `server` (its pid, killed on exit) and `token`. Needs `bin` and `work`.
start_server_with_token() {
  port=$((20000 + RANDOM % 20000))
  "$bin" serve --port "$port" > "$work/serve.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  local practice email
  practice=$("$bin" org list | awk '$2=="practice" {print $1; exit}')
  email="bench-$RANDOM@example.com"
  echo "a long enough password" | "$bin" user create --org "$practice" --email "$email" --role practice_admin >/dev/null
  token=$("$bin" token create --email "$email" | grep -o 'sl_[A-Za-z0-9_-]*' | head -1)
}
