#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 600), seeded with the sample bulletin.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); libFuzzer's sanitizer flags need
# nightly features, which RUSTC_BOOTSTRAP enables on a stable toolchain.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
mkdir -p corpus/article corpus/site_yaml
cp ../content/2013/11/*.md corpus/article/
cp ../site.yaml corpus/site_yaml/
for target in article site_yaml; do
  echo "== $target for ${seconds}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=8192
done
