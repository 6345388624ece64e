#!/usr/bin/env bash
# Side-by-side load benchmark: real KES v0.24.0 and our server, same machine, same config
# (fs keystore, one AES256 key, Ed25519 client certificate of the admin, ECDSA... server cert),
# driven by vegeta (an established HTTP load tool, installed from the Go module proxy) from a
# separate process over keep-alive mTLS connections.
#
#   scripts/bench-load.sh                 # both servers, 10 s per cell, HTTP/2
#   SERVERS=real DURATION=5s WARMUP=5s scripts/bench-load.sh   # WARMUP per operation, default 15s
#   HTTP2=false OPS="generate decrypt" scripts/bench-load.sh  # HTTP/1.1
#
# HTTP/2 by default: vegeta's own default, and what every client of real KES speaks — the Go
# SDK (kms-go/kes, used by MinIO and by real KES's CLI) sets ForceAttemptHTTP2.
#
# "conns" is vegeta's -connections/-workers: over HTTP/1.1 that many TCP connections, over
# HTTP/2 that many requests in flight, which Go's client multiplexes over as few connections as
# the server's stream limit allows (one, here: both servers allow 250 streams); the "TCP"
# column counts the established connections in the middle of each cell. vegeta keeps no
# response bodies (-max-body=0): it only checks status codes, and copying 200-byte bodies into
# its results cost it ~4 µs of CPU per request, on the cores the servers share with it.
#
# Prints a markdown table: requests/s, p50 and p99 latency, success ratio, and the server's
# CPU seconds (in all, and per request) and peak RSS during each cell; then the our/real ratios,
# and real/ours for CPU per request (how much more work real KES does for one request: vegeta
# shares the cores, so requests per second also measure how much CPU the server leaves it).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
SERVERS=${SERVERS:-"real ours"}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-"1 8 64"}
OPS=${OPS:-"generate decrypt encrypt describe list handshake"}
HTTP2=${HTTP2:-true}    # false: HTTP/1.1, one request at a time per connection
CACHE=${OPENKES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openkes}
WORK=$(mktemp -d /tmp/kes-bench-load.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

VEGETA="$CACHE/bin/vegeta"
if [ ! -x "$VEGETA" ]; then
  echo "bench-load: installing vegeta into $CACHE/bin" >&2
  GOBIN="$CACHE/bin" go install github.com/tsenart/vegeta/v12@v12.12.0
fi
REAL_KES=$("$ROOT/scripts/install-kes.sh")
OUR_KES="$ROOT/kes"
"$OUR_KES" --version >/dev/null
"$OUR_KES" server --help >/dev/null 2>&1 || true # (exit 2: usage) records the server's class cache now, not at its first start

# Certificates: a server certificate for 127.0.0.1 and the admin's client certificate.
"$OUR_KES" identity new --key "$WORK/server.key" --cert "$WORK/server.crt" --ip 127.0.0.1 --dns localhost localhost >/dev/null
"$OUR_KES" identity new --key "$WORK/client.key" --cert "$WORK/client.crt" admin >/dev/null
ADMIN=$("$OUR_KES" identity of "$WORK/client.crt")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

curl_kes() { curl -sS -k --cert "$WORK/client.crt" --key "$WORK/client.key" "$@"; }

start_server() { # name binary -> sets PORT, PID
  local name=$1 bin=$2
  PORT=$(free_port)
  mkdir -p "$WORK/$name-keys"
  cat > "$WORK/$name.yml" <<YML
address: 127.0.0.1:$PORT
admin:
  identity: $ADMIN
tls:
  key: $WORK/server.key
  cert: $WORK/server.crt
cache:
  expiry:
    any: 5m
    unused: 30s
log:
  error: off
  audit: off
keystore:
  fs:
    path: $WORK/$name-keys
YML
  local t0; t0=$(date +%s%N)
  "$bin" server --config "$WORK/$name.yml" > "$WORK/$name.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  for _ in $(seq 1 600); do
    if curl_kes -o /dev/null -f "https://127.0.0.1:$PORT/v1/status" 2>/dev/null; then
      READY_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
      return 0
    fi
    sleep 0.05
  done
  echo "bench-load: $name did not become ready; its log:" >&2
  cat "$WORK/$name.log" >&2
  exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

run_cell() { # name op conns -> prints a table row
  local name=$1 op=$2 conns=$3 target="$WORK/targets-$op"
  local t0 t1 peak=0 rss report keepalive=true tcp=""
  # handshake: a new TLS connection (full handshake, client certificate verified) per request.
  [ "$op" = handshake ] && keepalive=false
  t0=$(cpu_ticks "$PID")
  "$VEGETA" attack -targets="$target" -rate=0 -max-workers="$conns" -workers="$conns" \
      -connections="$conns" -max-connections="$conns" -http2="$HTTP2" -insecure -keepalive="$keepalive" \
      -cert "$WORK/client.crt" -key "$WORK/client.key" -duration="$DURATION" -max-body=0 \
      > "$WORK/result.bin" &
  local vp=$! i=0
  while kill -0 "$vp" 2>/dev/null; do
    rss=$(rss_kib "$PID"); [ "$rss" -gt "$peak" ] && peak=$rss
    i=$((i + 1))
    if [ "$i" = 10 ]; then # two seconds in
      tcp=$(ss -Htn state established "( dport = :$PORT )" 2>/dev/null | wc -l || true)
    fi
    sleep 0.2
  done
  wait "$vp"
  t1=$(cpu_ticks "$PID")
  report=$("$VEGETA" report -type=json < "$WORK/result.bin")
  python3 - "$name" "$op" "$conns" "$(( t1 - t0 ))" "$peak" "$(getconf CLK_TCK)" "${tcp:-?}" <<PY "$report"
import json, sys
name, op, conns, ticks, peak, hz, tcp = sys.argv[1:8]
r = json.loads(sys.argv[8])
lat = r["latencies"]
cpu = int(ticks) / int(hz)
per = cpu * 1e6 / max(r["requests"], 1)  # server CPU µs per request
print(f"| {name} | {op} | {conns} | {tcp} | {r['throughput']:.0f} | {lat['50th']/1e6:.2f} | {lat['99th']/1e6:.2f} | {r['success']*100:.1f} % | {cpu:.1f} | {per:.0f} | {int(peak)//1024} |")
PY
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; duration per cell: $DURATION; HTTP/2: $HTTP2"
echo
echo "| server | op | conns | TCP | req/s | p50 ms | p99 ms | success | server CPU s | CPU µs/req | peak RSS MiB |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for name in $SERVERS; do
  case $name in
    real) start_server real "$REAL_KES" ;;
    ours) start_server ours "$OUR_KES" ;;
    *) echo "unknown server $name" >&2; exit 2 ;;
  esac
  echo "| $name | ready after start | | | | $READY_MS ms | | | | | |"
  base="https://127.0.0.1:$PORT"
  curl_kes -f -X POST "$base/v1/key/create/bench" >/dev/null
  ct=$(curl_kes -f -X POST "$base/v1/key/generate/bench" -d '{"context":"Ym9uam91cg=="}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["ciphertext"])')
  printf '{"context":"Ym9uam91cg=="}' > "$WORK/body-generate"
  printf '{"ciphertext":"%s","context":"Ym9uam91cg=="}' "$ct" > "$WORK/body-decrypt"
  printf '{"plaintext":"SGVsbG8gV29ybGQ=","context":"Ym9uam91cg=="}' > "$WORK/body-encrypt"
  printf 'POST %s/v1/key/generate/bench\n@%s\n' "$base" "$WORK/body-generate" > "$WORK/targets-generate"
  printf 'POST %s/v1/key/decrypt/bench\n@%s\n' "$base" "$WORK/body-decrypt" > "$WORK/targets-decrypt"
  printf 'POST %s/v1/key/encrypt/bench\n@%s\n' "$base" "$WORK/body-encrypt" > "$WORK/targets-encrypt"
  printf 'GET %s/v1/key/describe/bench\n' "$base" > "$WORK/targets-describe"
  printf 'GET %s/v1/key/list/*\n' "$base" > "$WORK/targets-list"
  printf 'GET %s/version\n' "$base" > "$WORK/targets-handshake"
  # Warm-up (not measured): both servers get the same untimed load first, so that the JVM's
  # JIT has compiled the hot paths, as it would have in production. 15 s per operation: after
  # 5 s our HTTP/2 path was still being compiled (104 against 61 µs of CPU per request).
  for op in $OPS; do
    ka=true; [ "$op" = handshake ] && ka=false
    "$VEGETA" attack -targets="$WORK/targets-$op" -rate=0 -max-workers=8 -workers=8 \
        -connections=8 -max-connections=8 -http2="$HTTP2" -insecure -keepalive="$ka" \
        -cert "$WORK/client.crt" -key "$WORK/client.key" -duration="${WARMUP:-15s}" -max-body=0 > /dev/null
  done
  for op in $OPS; do
    for c in $CONNS; do
      run_cell "$name" "$op" "$c" | tee -a "$WORK/rows"
    done
  done
  kill "$PID"; wait "$PID" 2>/dev/null || true
done

# Ratios ours/real per cell: requests/s (higher is better) and p99 (lower is better).
if [ -s "$WORK/rows" ] && grep -q '^| real ' "$WORK/rows" && grep -q '^| ours ' "$WORK/rows"; then
  echo
  echo "| op | conns | req/s ours/real | p99 ours/real | server CPU per request real/ours |"
  echo "|---|---:|---:|---:|---:|"
  python3 - "$WORK/rows" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    f = [c.strip() for c in line.strip().strip('|').split('|')]
    rows[(f[0], f[1], f[2])] = (float(f[4]), float(f[6]), float(f[9]))
for (name, op, conns), (rps, p99, per) in rows.items():
    if name == "ours" and ("real", op, conns) in rows:
        r_rps, r_p99, r_per = rows[("real", op, conns)]
        print(f"| {op} | {conns} | {rps / r_rps:.2f} | {p99 / r_p99:.2f} | {r_per / per:.2f} |")
PY
fi
