#!/usr/bin/env bash
# How a full build's time grows with the archive: builds of a small and a big site, in turn.
#
#   bench/scale.sh --bin target/release/jianbao SMALL_SITE BIG_SITE [--pairs 5]
#
# Each pair builds SMALL_SITE then BIG_SITE into empty folders on tmpfs (/dev/shm), the old
# output removed before the clock starts, and times each build with GNU time. Building them in
# turn means a drift in the machine's speed hits both builds of a pair; the ratio of a pair's
# two wall times is printed for every pair, then the medians. After each build, the copy floor:
# `cp -r` of that build's output into another empty folder, and the build's time over it. The
# sites are any two jianbao sites, for instance bench/corpus.py's 10,000 and 100,000 articles.
# Last, how far the median ratio of the pairs could move by chance.
set -euo pipefail

BIN="" PAIRS=5 SITES=()
while [ $# -gt 0 ]; do
  case $1 in
    --bin) BIN=$2; shift ;;
    --pairs) PAIRS=$2; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) SITES+=("$1") ;;
  esac
  shift
done
[ -n "$BIN" ] && [ ${#SITES[@]} = 2 ] || { echo "scale.sh: needs --bin BIN SMALL_SITE BIG_SITE (see --help)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "scale.sh: needs GNU time: apt-get install -y time" >&2; exit 2; }

OUT=/dev/shm/jianbao-scale
mkdir -p "$OUT"
trap 'rm -rf "$OUT"' EXIT

# Wall seconds, CPU seconds and peak KiB of one full build of site $1 into an empty folder,
# then the wall seconds of copying that output into another empty folder.
build() {
  rm -rf "$OUT/site" "$OUT/copy" "$OUT/time"
  /usr/bin/time -o "$OUT/time" -f '%e %U %S %M' "$BIN" build --quiet --root "$1" --output "$OUT/site"
  /usr/bin/time -a -o "$OUT/time" -f '%e' cp -r "$OUT/site" "$OUT/copy"
  rm -rf "$OUT/copy"
  awk 'NR == 1 { printf "%.2f %.2f %d ", $1, $2 + $3, $4 } NR == 2 { printf "%.2f\n", $1 }' "$OUT/time"
}

HEADER='pair\tsmall_wall_s\tsmall_cpu_s\tsmall_peak_kib\tsmall_copy_s\tbig_wall_s\tbig_cpu_s\tbig_peak_kib\tbig_copy_s\twall_ratio\tcpu_ratio\tsmall_over_copy\tbig_over_copy'
printf "$HEADER\n"
build "${SITES[0]}" >/dev/null && build "${SITES[1]}" >/dev/null # one warm-up of each, not counted
for pair in $(seq "$PAIRS"); do
  read -r sw sc sp sk < <(build "${SITES[0]}")
  read -r bw bc bp bk < <(build "${SITES[1]}")
  awk -v p="$pair" -v sw="$sw" -v sc="$sc" -v sp="$sp" -v sk="$sk" -v bw="$bw" -v bc="$bc" -v bp="$bp" -v bk="$bk" \
    'function over(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "-" }
     BEGIN { printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p, sw, sc, sp, sk, bw, bc, bp, bk,
       over(bw, sw), over(bc, sc), over(sw, sk), over(bw, bk) }'
done | tee "$OUT/pairs.tsv"
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for col in 2 5 6 9 10 11 12 13; do
  printf 'median %s: %s\n' "$(printf "$HEADER" | cut -f"$col")" "$(cut -f"$col" "$OUT/pairs.tsv" | median)"
done
# How far the median ratio could move by chance: the middle 95 % of the medians of 2,000
# samples of the pairs, drawn with replacement (a bootstrap; seeded, so a run repeats). When
# the interval's top is under a target, the target is met beyond the machine's noise.
interval() {
  awk 'function median(a, n,    i, j, t) {
         for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j > 0 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
         return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
       BEGIN { srand(1) } { v[NR] = $1 }
       END { for (b = 1; b <= 2000; b++) { for (i = 1; i <= NR; i++) s[i] = v[int(rand() * NR) + 1]; print median(s, NR) } }' |
    sort -g | awk 'NR == 50 { low = $1 } NR == 1951 { printf "%.2f to %.2f\n", low, $1 }'
}
printf 'median wall_ratio, 95%% interval: %s\n' "$(cut -f10 "$OUT/pairs.tsv" | interval)"
