# shellcheck shell=bash
# Finds a JDK of version 21 or newer and exports JAVA_HOME to it.
# Order: $JAVA_HOME, then `java` on PATH, then the JDKs under /usr/lib/jvm (newest first).
# Sourced by ./kes, ./test and .ci/run so that all of them pick the same JDK.

KES_MIN_JAVA=21

# Prints the major version of the java binary given, or nothing. A JDK's `release` file says
# it without starting a JVM (which took ./kes about 100 ms on every run).
kes_java_major() {
  local v="" line release
  release="${1%/bin/java}/release"
  if [ -f "$release" ]; then
    # Bash built-ins only: every fork costs ./kes a few milliseconds.
    while IFS= read -r line; do
      if [[ $line =~ ^JAVA_VERSION=\"([^\"]*)\" ]]; then
        v=${BASH_REMATCH[1]}
        break
      fi
    done <"$release"
  fi
  [ -n "$v" ] || v=$("$1" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  v=${v#1.}            # 1.8.0_x -> 8.0_x
  echo "${v%%[.+_-]*}"
}

# kes_try_jdk HOME: exports JAVA_HOME=HOME if it is a JDK 21+; else notes why in the caller's
# `tried` list (bash's dynamic scope) and returns 1.
kes_try_jdk() {
  local home=$1 major
  if [ ! -x "$home/bin/java" ]; then
    tried+=("$home (no bin/java)")
    return 1
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
  return 1
}

# kes_find_jdk: sets and exports JAVA_HOME, or prints what it found and returns 1.
kes_find_jdk() {
  local tried=() home java
  # JAVA_HOME, then java on PATH; the JDKs under /usr/lib/jvm only when neither fits.
  if [ -n "${JAVA_HOME:-}" ] && kes_try_jdk "$JAVA_HOME"; then return 0; fi
  if java=$(command -v java 2>/dev/null); then
    java=$(readlink -f "$java")
    if kes_try_jdk "${java%/bin/java}"; then return 0; fi
  fi
  if [ -d /usr/lib/jvm ]; then
    while IFS= read -r home; do
      if kes_try_jdk "$home"; then return 0; fi
    done < <(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -rV)
  fi
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
