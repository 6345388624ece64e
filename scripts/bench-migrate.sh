#!/usr/bin/env bash
# Measures `kes migrate` throughput: ours (engine, fs->fs and against a 2 ms-per-call store,
# sequential vs parallel) and real KES v0.24.0's `kes migrate` fs->fs on the same keys.
# Usage: scripts/bench-migrate.sh [KEYS]   (default 10000)
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=jdk.sh
. "$ROOT/scripts/jdk.sh"
kes_find_jdk || exit 1
kes_maven_opts
KEYS=${1:-10000}
WORK=$(mktemp -d /tmp/kes-bench-migrate.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
(cd "$ROOT" && mvn -B -q -DskipTests package -pl bench -am)
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
CP="$ROOT/bench/target/benchmarks.jar"
J="$JAVA_HOME/bin/java"
"$J" -cp "$CP" org.openkes.bench.MigrationBench fs "$WORK/ours" "$KEYS" 1 8 32
"$J" -cp "$CP" org.openkes.bench.MigrationBench latency 2 1000 1 8 32 64

# Real KES on the same source keys (it needs full server configs; the TLS files are not read).
if KES=$("$ROOT/scripts/install-kes.sh" 2>/dev/null); then
  for side in src dst; do
    cat > "$WORK/$side.yml" <<YML
admin:
  identity: disabled
tls:
  key: ./unused.key
  cert: ./unused.crt
keystore:
  fs:
    path: $WORK/real-$side
YML
  done
  mkdir -p "$WORK/real-src"
  cp "$WORK/ours/src/"* "$WORK/real-src/"
  start=$(date +%s.%N)
  "$KES" migrate --from "$WORK/src.yml" --to "$WORK/dst.yml" >/dev/null
  end=$(date +%s.%N)
  n=$(ls "$WORK/real-dst" | wc -l)
  awk -v s="$start" -v e="$end" -v n="$n" -v k="$KEYS" 'BEGIN { printf "real-kes\tfs\t%d keys\tmigrated %d\t%.2f s\t%.0f keys/s\n", k, n, e - s, n / (e - s) }'
else
  echo "real KES not installed (scripts/install-kes.sh); skipped its run"
fi
