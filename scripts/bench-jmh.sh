#!/usr/bin/env bash
# Runs the JMH micro-benchmarks (bench/) and prints the results; pass JMH options through,
# e.g. scripts/bench-jmh.sh -f 1 -wi 2 -i 3 CryptoBenchmark
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=jdk.sh
. "$ROOT/scripts/jdk.sh"
kes_find_jdk || exit 1
kes_maven_opts
(cd "$ROOT" && mvn -B -q -DskipTests package -pl bench -am)
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); cores: $(nproc)"
exec "$JAVA_HOME/bin/java" -jar "$ROOT/bench/target/benchmarks.jar" "$@"
