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

# "WALL CPU": median wall and median CPU (user + sys) seconds of RUNS runs
# of the command given. CPU time is what to compare on a busy machine.
median() {
    local tmp walls=() cpus=()
    tmp=$(mktemp)
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %U %S" -o "$tmp" "$@" >/dev/null 2>&1
        read -r e u s <"$tmp"
        walls+=("$e")
        cpus+=("$(awk "BEGIN {print $u + $s}")")
    done
    rm -f "$tmp"
    echo "$(mid "${walls[@]}") $(mid "${cpus[@]}")"
}
mid() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

pages() { # total page count of the files given, as the pipeline reads it
    "$BIN" extract --jobs 1 "$@" 2>&1 >/dev/null | sed -n 's/.* files (.*), \([0-9]*\) pages,.*/\1/p'
}

ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }
rate() { awk "BEGIN {printf \"%.1f\", $1 / $2}"; }
# "LABEL WALL CPU PAGES": one result line.
show() { printf '%-22s: %6.2f s wall %6.1f pages/s | %6.2f s cpu %6.1f pages/cpu-s\n' "$1" "$2" "$(rate "$4" "$2")" "$3" "$(rate "$4" "$3")"; }

ALL_PAGES=$(pages "${PDFS[@]}")
XIAN_PAGES=$(pages "$XIAN")
echo "samples: ${#PDFS[@]} PDFs, $ALL_PAGES pages; Xi'an: $XIAN_PAGES pages; median of $RUNS runs"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (speed-ups need idle cores)"

read -r J1 J1C < <(median "$BIN" extract --jobs 1 "${PDFS[@]}")
read -r PT PTC < <(median sh -c 'for f; do pdftotext -layout "$f" -; done' sh "${PDFS[@]}")
show "juesuan --jobs 1" "$J1" "$J1C" "$ALL_PAGES"
show "pdftotext -layout" "$PT" "$PTC" "$ALL_PAGES"
echo "juesuan vs pdftotext  : $(ratio "$PT" "$J1")x wall, $(ratio "$PTC" "$J1C")x cpu (goal >= 1.0)"

read -r J2 J2C < <(median "$BIN" extract --jobs 2 "${PDFS[@]}")
show "juesuan --jobs 2" "$J2" "$J2C" "$ALL_PAGES"
echo "speed-up, all samples : $(ratio "$J1" "$J2")x (goal >= 1.8)"

read -r X1 X1C < <(median "$BIN" extract --jobs 1 "$XIAN")
read -r X2 X2C < <(median "$BIN" extract --jobs 2 "$XIAN")
show "Xi'an --jobs 1" "$X1" "$X1C" "$XIAN_PAGES"
show "Xi'an --jobs 2" "$X2" "$X2C" "$XIAN_PAGES"
echo "speed-up, Xi'an       : $(ratio "$X1" "$X2")x"

for jobs in 1 2; do
    RSS=$(/usr/bin/time -f %M "$BIN" extract --jobs $jobs "$XIAN" 2>&1 >/dev/null | tail -n1)
    echo "Xi'an peak RSS, jobs $jobs: $((RSS / 1024)) MB (goal < 200 MB)"
done
