#!/usr/bin/env bash
# CLI start-up: mean wall-clock and CPU time of `kes identity of <api-key>` and of `kes key ls`
# against a running `./kes server --dev`, for ./kes and (if installed) real KES v0.24.0.
#   scripts/bench-cli-startup.sh [RUNS]        (default 10; hyperfine is not needed)
# Every command runs once untimed first (so ./kes has built itself and its class-data archive).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-10}
REAL_KES=${REAL_KES:-$HOME/.cache/openkes/kes-v0.24.0/kes}
PORT=${PORT:-17399}
API_KEY=kes:v1:ACQpoGqx3rHHjT938Hfu5hVVQJHZWSqVI2Xp1KlYxFVw

# mean_ms RUNS CMD...: prints "<wall ms> <cpu ms>" averaged over RUNS runs.
mean_ms() {
  local n=$1 wall=0 cpu=0 start end times
  shift
  "$@" >/dev/null 2>&1 || true
  times=$(mktemp)
  for _ in $(seq "$n"); do
    start=$(date +%s%N)
    /usr/bin/time -o "$times" -f "%U %S" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    wall=$((wall + (end - start) / 1000000))
    cpu=$(awk -v c="$cpu" '{ printf "%d", c + ($1 + $2) * 1000 }' "$times")
  done
  rm -f "$times"
  echo "$((wall / n)) $((cpu / n))"
}

report() { # LABEL CMD...
  local label=$1 r
  shift
  r=$(mean_ms "$RUNS" "$@")
  printf '%-40s %6s ms wall %6s ms cpu\n' "$label" "${r% *}" "${r#* }"
}

"$ROOT/kes" --version >/dev/null
log=$(mktemp)
"$ROOT/kes" server --dev --addr "127.0.0.1:$PORT" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do
  grep -q 'API Key' "$log" && break
  sleep 0.2
done
export KES_SERVER="https://127.0.0.1:$PORT"
KES_API_KEY=$(sed -n 's/^API Key *//p' "$log")
export KES_API_KEY
"$ROOT/kes" key create -k bench-key >/dev/null 2>&1 || true

echo "mean of $RUNS runs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
report "./kes identity of <api-key>" "$ROOT/kes" identity of "$API_KEY"
report "./kes key ls -k" "$ROOT/kes" key ls -k
if [ -x "$REAL_KES" ]; then
  report "real KES identity of <api-key>" "$REAL_KES" identity of "$API_KEY"
  report "real KES key ls -k (same server)" "$REAL_KES" key ls -k
fi
