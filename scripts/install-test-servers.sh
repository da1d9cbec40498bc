#!/usr/bin/env bash
# Builds the test servers (FerretDB, stripe-mock, the Mailpit mail catcher) from the Go module proxy into .tools/bin.
# Reuses binaries that are already built. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="$PWD/.tools"
BIN="$TOOLS/bin"
FERRETDB_VERSION="v1.24.2"
# The newest stripe-mock when this was written; STRIPE_MOCK_VERSION=latest tries a newer one.
STRIPE_MOCK_VERSION="${STRIPE_MOCK_VERSION:-v0.203.0}"
MAILPIT_VERSION="v1.33.1"
mkdir -p "$BIN"

if ! command -v go >/dev/null 2>&1; then
  echo "install-test-servers: Go is not installed, so FerretDB and stripe-mock cannot be built." >&2
  echo "Install Go (https://go.dev/dl), or set MONGODB_URI to your own MongoDB (Atlas or a local mongod)." >&2
  exit 1
fi
export GOFLAGS="${GOFLAGS:-} -modcacherw"

if [ ! -x "$BIN/ferretdb" ]; then
  echo "install-test-servers: building FerretDB $FERRETDB_VERSION (one time, a few minutes)"
  dir=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  src="$TOOLS/src/ferretdb"
  rm -rf "$src" && mkdir -p "$TOOLS/src" && cp -r "$dir" "$src" && chmod -R u+w "$src"
  # The published module lacks the generated version file its build embeds.
  echo "$FERRETDB_VERSION" > "$src/build/version/version.txt"
  (cd "$src" && go build -trimpath -o "$BIN/ferretdb" ./cmd/ferretdb)
  rm -rf "$src"
fi

if [ ! -x "$BIN/stripe-mock" ]; then
  echo "install-test-servers: building stripe-mock@$STRIPE_MOCK_VERSION"
  GOBIN="$BIN" go install "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION"
fi
if [ ! -x "$BIN/mailpit" ]; then
  # Its SMTP server and HTTP API; the module lacks its web UI's assets (the sandbox serves an inbox page).
  echo "install-test-servers: building mailpit@$MAILPIT_VERSION (about a minute)"
  GOBIN="$BIN" go install "github.com/axllent/mailpit@$MAILPIT_VERSION"
fi
echo "install-test-servers: ready in $BIN"
