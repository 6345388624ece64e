#!/usr/bin/env bash
# End-to-end test of the ./kes launcher as the README uses it: JDK detection, the build on first
# use, the class cache it records once (an AOT cache on JDK 25+, else a CDS archive), and
# `./kes server --dev` serving `./kes key` commands. Run by ./test after the Maven tests.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d)
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
fail() { echo "test-launcher: FAIL: $*" >&2; exit 1; }
pass() { echo "test-launcher: ok: $*" >&2; }

# 1. No fitting JDK: one clear error listing what was looked at, exit 1.
if out=$(bash -c '. scripts/jdk.sh; KES_MIN_JAVA=99; kes_find_jdk' 2>&1); then
  fail "kes_find_jdk accepted a JDK for version 99"
fi
grep -q "Error: no JDK of version 99 or newer found" <<<"$out" || fail "no error line: $out"
grep -q "Looked at" <<<"$out" || fail "the error does not say where it looked: $out"
pass "no JDK 99: $(head -n 1 <<<"$out")"

# 2. First run: builds if needed, records the class cache, prints the version.
. scripts/jdk.sh
kes_find_jdk
major=$(kes_java_major "$JAVA_HOME/bin/java")
# Two caches: one for `server` and `migrate`, one for the other commands.
if [ "$major" -ge 25 ]; then ext=aot; else ext=jsa; fi
cache=cli/target/kes-client.$ext
server_cache=cli/target/kes-server.$ext
./kes --version >"$WORK/version" 2>"$WORK/build" || fail "./kes --version: $(tail -n 20 "$WORK/build")"
grep -q "^Version" "$WORK/version" || fail "no version line: $(cat "$WORK/version")"
[ -s "$cache" ] || fail "no class cache $cache after the first run"
[ ! -e "$server_cache" ] || [ "$server_cache" -ot "$cache" ] \
  || fail "a client command trained the server's cache $server_cache"
[ "$(cat "$cache.jdk")" = "$JAVA_HOME" ] || fail "$cache.jdk does not name $JAVA_HOME"
pass "first run recorded $cache for $JAVA_HOME"

# 3. Later runs map it and do not record it again; KES_CDS=off runs without it.
before=$(stat -c %Y.%s "$cache")
./kes --version >/dev/null
[ "$(stat -c %Y.%s "$cache")" = "$before" ] || fail "the second run recorded $cache again"
KES_JAVA_OPTS="-Xlog:aot=info -Xlog:cds=info" ./kes --version >"$WORK/log" 2>&1
grep -q "Opened .*$(basename "$cache")" "$WORK/log" || fail "the JVM did not open $cache"
KES_CDS=off ./kes --version | grep -q "^Version" || fail "KES_CDS=off"
# The client cache holds no server class (the JVM would load them all at every start).
KES_JAVA_OPTS="-Xlog:class+load=info" ./kes --version >"$WORK/classes" 2>&1
grep -q "shared objects file" "$WORK/classes" || fail "no class came from $cache"
! grep -q "org.eclipse.jetty" "$WORK/classes" || fail "a client command loaded Jetty: $cache holds server classes"
pass "later runs map $cache (no server class in it); KES_CDS=off works"
# The client commands' class path has no server jar, yet the whole command tree builds on it.
! ls cli/target/client-lib | grep -q -E '^(jetty-|kes-server|kes-keystore)' || fail "client-lib holds server jars"
./kes --help >/dev/null || fail "kes --help on the client class path"
./kes completion bash | grep -q "kes" || fail "kes completion bash on the client class path"
pass "--help and completion build every command on the client class path"

# 4. The README's first command, then the client commands against it.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
./kes server --dev --addr "127.0.0.1:$port" >"$WORK/server" 2>&1 &
SERVER=$!
# The first `server` records its own cache first (a minute on a slow machine).
for _ in $(seq 600); do grep -q '^API Key' "$WORK/server" && break; sleep 0.2; done
grep -q '^API Key' "$WORK/server" || fail "./kes server --dev printed no API key: $(tail -n 20 "$WORK/server")"
export KES_SERVER="https://127.0.0.1:$port"
KES_API_KEY=$(sed -n 's/^API Key *//p' "$WORK/server")
export KES_API_KEY
./kes key create -k launcher-test || fail "kes key create"
./kes key list -k | grep -qx 'launcher-test' || fail "kes key list does not show the key"
# More client commands over the distribution's client class path.
./kes key info -k --json launcher-test | grep -q '"name":"launcher-test"' || fail "kes key info"
ct=$(./kes key encrypt -k launcher-test hello | sed -n 's/.*"ciphertext":"\([^"]*\)".*/\1/p')
[ -n "$ct" ] || fail "kes key encrypt"
./kes key decrypt -k launcher-test "$ct" | grep -q '"plaintext":"aGVsbG8="' || fail "kes key decrypt"
./kes key dek -k launcher-test >/dev/null || fail "kes key dek"
./kes status -k >/dev/null || fail "kes status"
./kes identity info -k >/dev/null || fail "kes identity info"
kill -TERM "$SERVER"
rc=0
wait "$SERVER" || rc=$?
SERVER=
[ "$rc" = 0 ] || fail "./kes server --dev exited $rc on SIGTERM"
[ -s "$server_cache" ] || fail "no class cache $server_cache after ./kes server"
pass "server --dev (cache $server_cache) served key create/list and stopped with exit 0"

# 5. An unreachable server: one error line, exit 1, no stack trace.
rc=0
KES_SERVER=https://127.0.0.1:1 ./kes key ls -k >/dev/null 2>"$WORK/err" || rc=$?
[ "$rc" = 1 ] || fail "unreachable server: exit $rc"
[ "$(wc -l <"$WORK/err")" = 1 ] && grep -q '^Error: ' "$WORK/err" || fail "unreachable server: $(cat "$WORK/err")"
pass "unreachable server: $(cat "$WORK/err")"

# 6. Started under nohup (SIGHUP ignored), `./kes server` still reloads its config on SIGHUP, as
#    real KES does: the launcher resets SIGHUP (the JVM would keep it ignored).
./kes identity new --key "$WORK/tls.key" --cert "$WORK/tls.crt" --ip 127.0.0.1 localhost >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat >"$WORK/config.yml" <<YML
address: 127.0.0.1:$port
admin:
  identity: $(./kes identity of "$WORK/tls.crt")
tls:
  key: $WORK/tls.key
  cert: $WORK/tls.crt
keystore:
  fs:
    path: $WORK/keys
YML
nohup ./kes server --config "$WORK/config.yml" >"$WORK/nohup.out" 2>"$WORK/nohup.err" &
SERVER=$!
for _ in $(seq 300); do grep -q 'up and running' "$WORK/nohup.out" && break; sleep 0.2; done
grep -q 'up and running' "$WORK/nohup.out" || fail "server under nohup did not start: $(tail -n 20 "$WORK/nohup.err")"
! grep -q "SIGHUP was ignored" "$WORK/nohup.err" || fail "./kes did not reset SIGHUP under nohup"
kill -HUP "$SERVER"
for _ in $(seq 150); do grep -q 'Reloading configuration after SIGHUP signal completed' "$WORK/nohup.out" && break; sleep 0.2; done
grep -q 'Reloading configuration after SIGHUP signal completed' "$WORK/nohup.out" \
  || fail "no reload on SIGHUP under nohup: $(cat "$WORK/nohup.err")"
kill -TERM "$SERVER"
rc=0
wait "$SERVER" || rc=$?
SERVER=
[ "$rc" = 0 ] || fail "the server under nohup exited $rc on SIGTERM"
pass "under nohup, ./kes server reloads its config on SIGHUP and stops on SIGTERM"
