#!/usr/bin/env bash
# Whole-pipeline benchmark on the sample PDFs (`make bench-pipeline`):
#   - pages/s of `juesuan extract --jobs 1` against `pdftotext -layout`
#     over the same files, one after the other (goal: ratio >= 1.0);
#   - the speed-up of --jobs 2 over --jobs 1, over all samples and on the
#     171-page Xi'an file alone (goal: >= 1.8);
#   - peak RSS on the Xi'an file (goal: < 200 MB).
# Every timing is the median of RUNS runs (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
BIN=target/release/juesuan
XIAN=samples/pdf/shaanxi-xian-health-commission-2022-final.pdf
mapfile -t PDFS < <(ls samples/pdf/*.pdf)

command -v pdftotext >/dev/null || { echo "needs pdftotext (poppler-utils)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
cargo build --release -q -p juesuan

# Median wall time in seconds of RUNS runs of the command given.
median() {
    local times=()
    for _ in $(seq "$RUNS"); do
        local t0 t1
        t0=$(date +%s.%N)
        "$@" >/dev/null 2>&1
        t1=$(date +%s.%N)
        times+=("$(awk "BEGIN {print $t1 - $t0}")")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

pages() { # total page count of the files given, as the pipeline reads it
    "$BIN" extract --jobs 1 "$@" 2>&1 >/dev/null | sed -n 's/.* files (.*), \([0-9]*\) pages,.*/\1/p'
}

pdftotext_all() { for f in "$@"; do pdftotext -layout "$f" - ; done; }
ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }
rate() { awk "BEGIN {printf \"%.1f\", $1 / $2}"; }

ALL_PAGES=$(pages "${PDFS[@]}")
XIAN_PAGES=$(pages "$XIAN")
echo "samples: ${#PDFS[@]} PDFs, $ALL_PAGES pages; Xi'an: $XIAN_PAGES pages; median of $RUNS runs; $(nproc) cores"

J1=$(median "$BIN" extract --jobs 1 "${PDFS[@]}")
PT=$(median pdftotext_all "${PDFS[@]}")
echo "juesuan --jobs 1       : $(printf %.2f "$J1") s  $(rate "$ALL_PAGES" "$J1") pages/s"
echo "pdftotext -layout      : $(printf %.2f "$PT") s  $(rate "$ALL_PAGES" "$PT") pages/s"
echo "juesuan / pdftotext    : $(ratio "$PT" "$J1")x   (goal >= 1.0)"

J2=$(median "$BIN" extract --jobs 2 "${PDFS[@]}")
echo "juesuan --jobs 2       : $(printf %.2f "$J2") s  $(rate "$ALL_PAGES" "$J2") pages/s  speed-up $(ratio "$J1" "$J2")x (goal >= 1.8)"

X1=$(median "$BIN" extract --jobs 1 "$XIAN")
X2=$(median "$BIN" extract --jobs 2 "$XIAN")
echo "Xi'an --jobs 1 / 2     : $(printf %.2f "$X1") s / $(printf %.2f "$X2") s  speed-up $(ratio "$X1" "$X2")x"

for jobs in 1 2; do
    RSS=$(/usr/bin/time -v "$BIN" extract --jobs $jobs "$XIAN" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p')
    echo "Xi'an peak RSS --jobs $jobs: $((RSS / 1024)) MB (goal < 200 MB)"
done
