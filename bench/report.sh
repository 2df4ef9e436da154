#!/usr/bin/env bash
# `juesuan report` on the 171-page Xi'an filing (`make bench-report`):
# CPU seconds (user + sys, median of RUNS runs; goal < 2 s) and the size of
# the HTML (goal < 5 MB: only the regions around failures are drawn).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
BIN=target/release/juesuan
XIAN=samples/pdf/shaanxi-xian-health-commission-2022-final.pdf
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
cargo build --release -q -p juesuan

out=$(mktemp --suffix=.html)
tmp=$(mktemp)
cpus=()
for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%U %S %M" -o "$tmp" "$BIN" report "$XIAN" -o "$out"
    read -r u s m <"$tmp"
    cpus+=("$(awk "BEGIN {print $u + $s}")")
done
cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
bytes=$(stat -c %s "$out")
printf 'report, Xi'"'"'an (171 pages): %.2f s cpu (goal < 2), %.2f MB (goal < 5), peak RSS %d MB\n' \
    "$cpu" "$(awk "BEGIN {print $bytes / 1e6}")" "$((m / 1024))"
rm -f "$out" "$tmp"
