#!/usr/bin/env bash
# Installs the real MinIO KES (the compatibility peer for the interop tests) from the Go module
# proxy into a cache directory outside the source tree, and prints the binary's path.
#
# The proxy serves the v0.24.0 tag (the last release); it refuses the short commit 63649d0
# (the archived HEAD) and `go install ...@version` (its deprecation lookup is refused), so we
# build from a throw-away module that requires v0.24.0. The product never needs Go.
#
#   scripts/install-kes.sh            # prints e.g. /root/.cache/openkes/kes-v0.24.0/kes
#   export KES_BINARY=$(scripts/install-kes.sh)
set -euo pipefail
KES_VERSION=${KES_VERSION:-v0.24.0}
CACHE=${OPENKES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openkes}
DEST="$CACHE/kes-$KES_VERSION"
BIN="$DEST/kes"

if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "install-kes: Go is not installed; the interop tests need it to build the real KES" >&2
  exit 1
fi
mkdir -p "$DEST/mod"
cat > "$DEST/mod/go.mod" <<MOD
module openkes.test/kespeer

go 1.24

require github.com/minio/kes $KES_VERSION
MOD
cat > "$DEST/mod/tools.go" <<'GO'
//go:build tools

package tools

import _ "github.com/minio/kes/cmd/kes"
GO
echo "install-kes: building github.com/minio/kes/cmd/kes@$KES_VERSION (about 2 minutes)..." >&2
(cd "$DEST/mod" && GOFLAGS=-mod=mod go mod tidy >&2 && GOFLAGS=-mod=mod go build -o "$BIN.tmp" github.com/minio/kes/cmd/kes >&2)
mv "$BIN.tmp" "$BIN"
echo "$BIN"
