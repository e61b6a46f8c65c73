#!/usr/bin/env bash
# The picture benchmark: a site of N articles (default 100), each with one camera-sized
# photo (4000×3000 JPEG), built three ways: first build (empty picture cache, empty
# output), rebuild (nothing changed), and a build into an empty output with a warm cache.
#   bench/photos.sh [N]      work folder: /var/tmp/jianbao-photos (or $WORK)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100}
work=${WORK:-/var/tmp/jianbao-photos}
cargo build --release --quiet
cargo build --release --quiet --example camera_photos
rm -rf "$work" && mkdir -p "$work/site/content"
target/release/examples/camera_photos "$work/photos" "$n"
printf 'title: 图片基准\nbase_url: https://bench.example.org/\ndistricts:\n  松江区: { slug: songjiang }\n' > "$work/site/site.yaml"
for i in $(seq 0 $((n - 1))); do
  d="$work/site/content/2013/11/p$i"
  mkdir -p "$d"
  cp "$work/photos/photo-$(printf %03d "$i").jpg" "$d/photo.jpg"
  printf -- '---\ntitle: 图片新闻%s\ndate: 2013-11-%02d\ndistrict: 松江区\nkind: photo\nimage: { src: photo.jpg, caption: 现场, alt: 现场 }\n---\n正文。\n' "$i" $((1 + i % 28)) > "$d/index.md"
done
echo "photos: $n × $(du -h "$work/photos/photo-000.jpg" | cut -f1) each"
run() { /usr/bin/time -f "$1: %e s wall, %U s user, %S s sys, %M KB peak" target/release/jianbao build --root "$work/site" --output "$2" >/dev/null; }
run "first build (cold cache)" /dev/shm/jianbao-photos-out
run "rebuild, nothing changed" /dev/shm/jianbao-photos-out
rm -rf /dev/shm/jianbao-photos-out /dev/shm/.jianbao-photos-out*
run "build into an empty output, warm cache" /dev/shm/jianbao-photos-out
rm -rf /dev/shm/jianbao-photos-out /dev/shm/.jianbao-photos-out*
