#!/bin/sh
# Runs the API server fuzz targets one after another, EACH seconds apiece (default 200), growing
# corpus-grown/<target> from the seeds in corpus/<target>. Sequential on purpose: libFuzzer
# runs one process per target, and the machines this runs on have other work.
# Usage: fuzz/scripts/apiserver.sh [target...]
set -eu
cd "$(dirname "$0")/.."
EACH=${EACH:-200}
TARGETS=${*:-apiserver_body apiserver_patch apiserver_selectors}
for t in $TARGETS; do
    mkdir -p "corpus-grown/$t"
    RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" "corpus-grown/$t" "corpus/$t" -- \
        -dict=dicts/apiserver.dict -max_total_time="$EACH" -max_len=8192 \
        -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
done
