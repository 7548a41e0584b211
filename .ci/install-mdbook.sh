#!/usr/bin/env bash
# Installs the mdBook the guide (docs/) is built with, from crates.io, unless that version is
# on PATH already: `cargo install --locked`, without the `serve` and `watch` features that CI
# does not use (about 2.5 minutes on a 2-core machine, measured). It goes to cargo's bin
# folder (~/.cargo/bin), which .ci/run puts on PATH.
set -euo pipefail

MDBOOK_VERSION=0.5.4
bin="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$bin:$PATH"

if [ "$(mdbook --version 2>/dev/null)" = "mdbook v$MDBOOK_VERSION" ]; then
  echo "mdbook $MDBOOK_VERSION is installed: $(command -v mdbook)"
  exit 0
fi
started=$(date +%s)
cargo install --locked mdbook --version "$MDBOOK_VERSION" \
  --no-default-features --features search
echo "installed mdbook $MDBOOK_VERSION in $(( $(date +%s) - started )) s"
