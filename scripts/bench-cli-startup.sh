#!/usr/bin/env bash
# CLI start-up: wall-clock time (median, quartiles, mean) and mean CPU time of `kes identity of
# <api-key>` and of `kes key ls` against a running `./kes server --dev`, for ./kes and (if
# installed) real KES v0.24.0.
#   scripts/bench-cli-startup.sh [RUNS]        (default 20; hyperfine is not needed)
# Every command runs once untimed first (so ./kes has built itself and its class-data archive).
# The server first serves WARMUP (default 300) TLS handshakes (real KES's `kes status`, else
# curl): a long-running server has compiled its handshake code, a fresh one answers its first
# handshakes 20-50 ms later. Then it idles SETTLE seconds (default 10): its compiler threads
# would otherwise share the 2 cores with the measured commands.
# Wall times on a shared 2-core machine spread widely: compare medians.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-20}
WARMUP=${WARMUP:-300}
REAL_KES=${REAL_KES:-$HOME/.cache/openkes/kes-v0.24.0/kes}
PORT=${PORT:-17399}
API_KEY=kes:v1:ACQpoGqx3rHHjT938Hfu5hVVQJHZWSqVI2Xp1KlYxFVw

# stats RUNS CMD...: prints "<median> <p25> <p75> <mean> <mean cpu>" in ms over RUNS runs.
stats() {
  local n=$1 start end times walls cpu=0
  shift
  "$@" >/dev/null 2>&1 || true
  times=$(mktemp)
  walls=$(mktemp)
  for _ in $(seq "$n"); do
    start=$(date +%s%N)
    /usr/bin/time -o "$times" -f "%U %S" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    echo $(((end - start) / 1000000)) >>"$walls"
    cpu=$(awk -v c="$cpu" '$1 ~ /^[0-9.]+$/ { printf "%d", c + ($1 + $2) * 1000 }' "$times")
  done
  sort -n "$walls" | awk -v cpu="$cpu" -v n="$n" '{ a[NR] = $1; s += $1 }
    END { printf "%d %d %d %d %d\n", a[int(NR/2)+1], a[int(NR/4)+1], a[int(3*NR/4)+1], s/NR, cpu/n }'
  rm -f "$times" "$walls"
}

report() { # LABEL CMD...
  local label=$1 r
  shift
  read -r med p25 p75 mean cpu < <(stats "$RUNS" "$@")
  printf '%-36s median %4s ms (p25 %4s, p75 %4s)  mean %4s ms  cpu %4s ms\n' \
    "$label" "$med" "$p25" "$p75" "$mean" "$cpu"
}

"$ROOT/kes" --version >/dev/null
"$ROOT/kes" server --help >/dev/null 2>&1 || true # (exit 2: usage) records the server's class cache now, not at its first start
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
warm() { # one authenticated call: real KES's CLI is fast and presents the same client certificate
  if [ -x "$REAL_KES" ]; then "$REAL_KES" status -k >/dev/null 2>&1; else
    curl -sk -o /dev/null "$KES_SERVER/version"; fi || true
}
for _ in $(seq "$WARMUP"); do warm; done
sleep "${SETTLE:-10}" # the server's JIT compiles what the warm-up ran; let it finish off the clock

echo "$RUNS runs each, server warmed by $WARMUP handshakes, load average $(cut -d' ' -f1-3 /proc/loadavg)"
report "./kes identity of <api-key>" "$ROOT/kes" identity of "$API_KEY"
report "./kes key ls -k" "$ROOT/kes" key ls -k
if [ -x "$REAL_KES" ]; then
  report "real KES identity of <api-key>" "$REAL_KES" identity of "$API_KEY"
  report "real KES key ls -k (same server)" "$REAL_KES" key ls -k
fi
