#!/usr/bin/env bash
# The jianbao benchmark: jianbao build vs Hugo on the same generated articles.
#
#   bench/run.sh                 N = 1,000 and 10,000, 5 timed runs each
#   bench/run.sh --large         also N = 100,000 (about 20 GiB of RAM free and a long wait)
#   options: --runs R  --sizes "1000 10000"  --no-warmup  --no-hugo  --no-disk  --shared  --serve  --bin PATH
#            --work DIR (corpora and disk outputs; default /var/tmp/jianbao-bench)
#
# Every figure is a median of R runs, taken from GNU time (/usr/bin/time): wall seconds,
# CPU seconds (user + system) and peak resident memory of the process. jianbao and Hugo run
# alternately (jianbao, hugo, jianbao, hugo, ...) after one warm-up run each, so a drift in
# the machine's speed hits both. Output goes into a fresh, empty folder on tmpfs (/dev/shm,
# the generators and not the disk are measured) and, unless --no-disk, on disk (--work).
# Also timed: the "copy floor" (cp -r of jianbao's finished output into a fresh tmpfs folder),
# and jianbao's no-change rebuild (a second build into the same output folder), then a rebuild
# after each edit of one article's body.
# --shared also times both tools on ../shared/bench/gen_corpus.py's 10,000-article sites, the
# corpus BENCHMARKS.md's figures for Hugo and Zola were taken on. --serve runs bench/serve_latency.py on the
# 10,000-article corpus. Results: $WORK/results.tsv (every run) and $WORK/summary.md.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
RUNS=5
SIZES="1000 10000"
HUGO=1 DISK=1 SHARED=0 SERVE=0 WARMUP=warmup
WORK=/var/tmp/jianbao-bench
SHM=/dev/shm/jianbao-bench
BIN=""
while [ $# -gt 0 ]; do
  case $1 in
    --large) SIZES="$SIZES 100000" ;;
    --runs) RUNS=$2; shift ;;
    --sizes) SIZES=$2; shift ;;
    --no-hugo) HUGO=0 ;;
    --no-warmup) WARMUP= ;;
    --no-disk) DISK=0 ;;
    --shared) SHARED=1 ;;
    --serve) SERVE=1 ;;
    --bin) BIN=$2; shift ;;
    --work) WORK=$2; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

[ -x /usr/bin/time ] || { echo "run.sh: needs GNU time: apt-get install -y time" >&2; exit 2; }
if [ "$HUGO" = 1 ] && ! command -v hugo >/dev/null; then
  echo "run.sh: installing hugo (Debian's package)" >&2
  apt-get install -y hugo >/dev/null || { apt-get update >/dev/null && apt-get install -y hugo >/dev/null; }
fi
if [ -z "$BIN" ]; then
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
  cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
  BIN=$CARGO_TARGET_DIR/release/jianbao
fi

mkdir -p "$WORK" "$SHM"
RESULTS=$WORK/results.tsv
printf 'tool\tcorpus\tn\tmode\ttarget\trun\tload1\twall_s\tuser_s\tsys_s\tpeak_kib\n' >"$RESULTS"
TIMEF=$WORK/time.out

# measure TOOL CORPUS N MODE TARGET RUN -- COMMAND...: one timed run, appended to results.tsv
measure() {
  local tool=$1 corpus=$2 n=$3 mode=$4 target=$5 run=$6 load; shift 7
  load=$(cut -d' ' -f1 /proc/loadavg)  # the machine's 1-minute load just before the run: noise shows here
  if ! /usr/bin/time -f '%e\t%U\t%S\t%M' -o "$TIMEF" "$@" >"$WORK/last.log" 2>&1; then
    echo "run.sh: failed: $*" >&2; cat "$WORK/last.log" >&2; exit 1
  fi
  [ "$run" = warmup ] || printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$corpus" "$n" "$mode" "$target" "$run" \
    "$load" "$(tail -n 1 "$TIMEF")" >>"$RESULTS"
}

fresh() { rm -rf "$1"; mkdir -p "$1"; }  # an empty output folder (not timed)

# bench_pair CORPUS N JB_SITE HUGO_SITE: alternating full builds, then no-change rebuilds and the copy floor
bench_pair() {
  local corpus=$1 n=$2 jb=$3 hg=$4 targets=tmpfs
  [ "$DISK" = 1 ] && targets="tmpfs disk"
  for target in $targets; do
    local base=$SHM/out; [ "$target" = disk ] && base=$WORK/out
    local jo=$base/jianbao-$corpus-$n ho=$base/hugo-$corpus-$n
    for run in $WARMUP $(seq 1 "$RUNS"); do
      echo "  $corpus N=$n $target full build, run $run" >&2
      fresh "$jo"; sync
      measure jianbao "$corpus" "$n" full "$target" "$run" -- "$BIN" build --root "$jb" --output "$jo"
      if [ "$HUGO" = 1 ]; then
        fresh "$ho"; sync
        measure hugo "$corpus" "$n" full "$target" "$run" -- hugo --quiet -s "$hg" -d "$ho"
      fi
    done
    rm -rf "$ho"
    # jianbao's output of the last full build is in $jo: build again with nothing changed.
    for run in $WARMUP $(seq 1 "$RUNS"); do
      sync
      measure jianbao "$corpus" "$n" nochange "$target" "$run" -- "$BIN" build --root "$jb" --output "$jo"
    done
    grep -qE 'nothing changed|没有文件改动' "$WORK/last.log" || echo "run.sh: note: last no-change rebuild said: $(tail -n 1 "$WORK/last.log")" >&2
    # Then one article edited before each build: a line added to its body.
    local edited; edited=$(find "$jb/content" -name '*.md' | sort | sed -n 1p)
    for run in $WARMUP $(seq 1 "$RUNS"); do
      printf '\n居委会又补充了%s条意见。\n' "$run" >>"$edited"; sync
      measure jianbao "$corpus" "$n" oneedit "$target" "$run" -- "$BIN" build --root "$jb" --output "$jo"
    done
    if [ "$target" = tmpfs ]; then
      for run in $WARMUP $(seq 1 "$RUNS"); do
        rm -rf "$SHM/copy"; sync
        measure cp "$corpus" "$n" copy tmpfs "$run" -- cp -r "$jo" "$SHM/copy"
      done
      rm -rf "$SHM/copy"
      echo "  jianbao output: $(find "$jo" -type f | wc -l) files, $(du -sh "$jo" | cut -f1)" >&2
    fi
    rm -rf "$jo"
  done
}

echo "run.sh: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); jianbao $("$BIN" --version 2>/dev/null || true); $( [ "$HUGO" = 1 ] && hugo version | cut -d' ' -f2)" >&2
for n in $SIZES; do
  echo "run.sh: generating $n articles" >&2
  python3 "$HERE/corpus.py" --articles "$n" --flavor jianbao --out "$WORK/jianbao-$n" >&2
  [ "$HUGO" = 1 ] && python3 "$HERE/corpus.py" --articles "$n" --flavor hugo --out "$WORK/hugo-$n" >&2
  bench_pair bench "$n" "$WORK/jianbao-$n" "$WORK/hugo-$n"
done

if [ "$SHARED" = 1 ]; then
  GEN=$ROOT/../shared/bench/gen_corpus.py
  if [ -f "$GEN" ]; then
    echo "run.sh: the shared corpus (10000 articles)" >&2
    python3 "$GEN" --articles 10000 --flavor bulletin --out "$WORK/shared-jianbao-10000" >&2
    python3 "$GEN" --articles 10000 --flavor hugo --out "$WORK/shared-hugo-10000" >&2
    bench_pair shared 10000 "$WORK/shared-jianbao-10000" "$WORK/shared-hugo-10000"
  else
    echo "run.sh: --shared: no $GEN here; skipped" >&2
  fi
fi

python3 - "$RESULTS" >"$WORK/summary.md" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
groups = {}
for r in rows:
    groups.setdefault((r["corpus"], int(r["n"]), r["mode"], r["target"], r["tool"]), []).append(r)
print("| corpus | N | what | output on | tool | runs | wall s | CPU s (user+sys) | peak MiB | load (1 min) |")
print("|---|---:|---|---|---|---:|---:|---:|---:|---:|")
order = {"full": 0, "nochange": 1, "oneedit": 2, "copy": 3, "tmpfs": 0, "disk": 1}
for (corpus, n, mode, target, tool), rs in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], order[kv[0][3]], order[kv[0][2]], kv[0][4] != "jianbao")):
    wall = statistics.median(float(r["wall_s"]) for r in rs)
    cpu = statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in rs)
    peak = statistics.median(int(r["peak_kib"]) for r in rs) / 1024
    what = {"full": "full build, empty folder", "nochange": "rebuild, nothing changed",
            "oneedit": "rebuild, one article's body edited", "copy": "cp -r of jianbao's output"}[mode]
    load = statistics.median(float(r["load1"]) for r in rs)
    print(f"| {corpus} | {n:,} | {what} | {target} | {tool} | {len(rs)} | {wall:.2f} | {cpu:.2f} | {peak:,.0f} | {load:.1f} |")
PY
cat "$WORK/summary.md"

if [ "$SERVE" = 1 ]; then
  n=10000
  [ -d "$WORK/jianbao-$n" ] || python3 "$HERE/corpus.py" --articles "$n" --flavor jianbao --out "$WORK/jianbao-$n" >&2
  python3 "$HERE/serve_latency.py" --bin "$BIN" --root "$WORK/jianbao-$n" | tee "$WORK/serve.txt"
fi
echo "run.sh: every run in $RESULTS; the table in $WORK/summary.md" >&2
