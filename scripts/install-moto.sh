#!/usr/bin/env bash
# Installs moto (PyPI `moto[server]`), the AWS emulator the AWS Secrets Manager keystore tests
# run against, and prints the path of its `moto_server` executable on stdout. Idempotent: an
# installed moto of the pinned version is left as it is.
#
#   scripts/install-moto.sh                    # prints e.g. /root/.pyenv/shims/moto_server
#   export MOTO_SERVER=$(scripts/install-moto.sh)
#
# The tests start their own server on a free loopback port; to run one by hand:
#   moto_server -H 127.0.0.1 -p 5000           # one port for all AWS services, state in memory
set -euo pipefail
MOTO_VERSION=${MOTO_VERSION:-5.2.5}
PY=${PYTHON:-python3}

if ! command -v "$PY" >/dev/null 2>&1; then
  echo "install-moto: $PY is not installed; the AWS keystore tests need Python 3 for moto" >&2
  exit 1
fi

installed=$("$PY" -m pip show moto 2>/dev/null | sed -n 's/^Version: //p' || true)
# flask and flask-cors come with the [server] extra; without them moto_server cannot start.
if [ "$installed" != "$MOTO_VERSION" ] || ! "$PY" -c 'import flask, flask_cors' >/dev/null 2>&1; then
  echo "install-moto: installing moto[server]==$MOTO_VERSION (found: ${installed:-none})..." >&2
  if ! "$PY" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "moto[server]==$MOTO_VERSION" >&2; then
    # A distribution's own Python refuses system-wide installs (PEP 668); install for the user.
    "$PY" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --user --break-system-packages \
      "moto[server]==$MOTO_VERSION" >&2
  fi
  command -v pyenv >/dev/null 2>&1 && pyenv rehash >/dev/null 2>&1 || true
fi

# The executable: on the PATH, else in the scripts directories pip installs into.
BIN=$(command -v moto_server || true)
if [ -z "$BIN" ]; then
  for dir in "$("$PY" -c 'import sysconfig; print(sysconfig.get_path("scripts"))')" \
             "$("$PY" -m site --user-base 2>/dev/null)/bin"; do
    if [ -x "$dir/moto_server" ]; then
      BIN="$dir/moto_server"
      break
    fi
  done
fi
if [ -z "$BIN" ]; then
  echo "install-moto: moto is installed but moto_server was not found; add pip's scripts directory to PATH" >&2
  exit 1
fi
echo "install-moto: moto $MOTO_VERSION ready; run it with: $BIN -H 127.0.0.1 -p 5000" >&2
echo "$BIN"
