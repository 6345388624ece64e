# shellcheck shell=bash
# Finds a JDK of version 21 or newer and exports JAVA_HOME to it.
# Order: $JAVA_HOME, then `java` on PATH, then the JDKs under /usr/lib/jvm (newest first).
# Sourced by ./kes, ./test and .ci/run so that all of them pick the same JDK.

KES_MIN_JAVA=21

# Prints the major version of the java binary given, or nothing. A JDK's `release` file says
# it without starting a JVM (which took ./kes about 100 ms on every run).
kes_java_major() {
  local v release
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$release" | head -n 1)
  fi
  [ -n "${v:-}" ] || v=$("$1" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  v=${v#1.}            # 1.8.0_x -> 8.0_x
  echo "${v%%[.+_-]*}"
}

# kes_find_jdk: sets and exports JAVA_HOME, or prints what it found and returns 1.
kes_find_jdk() {
  local tried=() candidates=() home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    candidates+=("$home")
  fi
  if [ -d /usr/lib/jvm ]; then
    while IFS= read -r home; do candidates+=("$home"); done \
      < <(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -rV)
  fi
  for home in "${candidates[@]}"; do
    if [ ! -x "$home/bin/java" ]; then
      tried+=("$home (no bin/java)"); continue
    fi
    major=$(kes_java_major "$home/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$KES_MIN_JAVA" ] 2>/dev/null && [ -x "$home/bin/javac" ]; then
      export JAVA_HOME="$home"
      return 0
    fi
    if [ -x "$home/bin/javac" ]; then
      tried+=("$home (Java ${major:-unknown})")
    else
      tried+=("$home (Java ${major:-unknown}, no javac: a JRE, not a JDK)")
    fi
  done
  {
    echo "Error: no JDK of version $KES_MIN_JAVA or newer found."
    if [ ${#tried[@]} -eq 0 ]; then
      echo "  Looked at JAVA_HOME, java on PATH and /usr/lib/jvm: nothing there."
    else
      echo "  Looked at (JAVA_HOME, java on PATH, /usr/lib/jvm):"
      printf '    %s\n' "${tried[@]}"
    fi
    echo "  Install a JDK $KES_MIN_JAVA+ (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to one."
  } >&2
  return 1
}

# Maven itself prints warnings about sun.misc.Unsafe on JDK 24+; they are Maven's, not ours.
kes_maven_opts() {
  local major
  major=$(kes_java_major "$JAVA_HOME/bin/java")
  if [ "${major:-0}" -ge 24 ] 2>/dev/null; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}
