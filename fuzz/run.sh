#!/usr/bin/env bash
# Seeds the corpora and runs a fuzz target:
#   fuzz/run.sh pdf_pages 1800      # target, seconds
# pdf_pages (the PDF layer) and pdf_layout (its pages into lines and
# grids) start from the sample PDFs (whole, their first two pages as
# small files, and those uncompressed so mutations hit the operators) and
# tests/broken/; textdump_read from samples/text and tests/textdumps. Needs a nightly toolchain
# and `cargo install cargo-fuzz`. Crashes land in fuzz/artifacts/TARGET/.
# Inputs are cut to MAX_LEN bytes (default 128 KiB): whole samples, up to
# 4 MB, would run ~10 inputs a second; cut ones exercise the xref rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-pdf_pages}
secs=${2:-1800}
corpus=fuzz/corpus/$target
mkdir -p "$corpus"
case $target in
pdf_pages | pdf_layout)
    cp samples/pdf/*.pdf tests/broken/*.pdf "$corpus"/
    for f in samples/pdf/*.pdf; do
        b=$(basename "$f" .pdf)
        qpdf --empty --pages "$f" 1-2 -- "$corpus/$b.p12.pdf" || true
        qpdf --qdf --object-streams=disable --compress-streams=n "$corpus/$b.p12.pdf" "$corpus/$b.p12.qdf.pdf" || true
    done
    ;;
textdump_read)
    cp samples/text/*.txt "$corpus"/
    for f in tests/textdumps/*/*.txt; do
        cp "$f" "$corpus/$(basename "$(dirname "$f")")-$(basename "$f")"
    done
    ;;
esac
cd fuzz
exec cargo +nightly fuzz run -s none "$target" "corpus/$target" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -max_len="${MAX_LEN:-131072}" -print_final_stats=1
