#!/bin/sh
# Checks and builds the bulletin in the current folder (the one with site.yaml),
# then publishes it to S3, or any storage the aws command line can reach
# (AWS_ENDPOINT_URL for others), with the cache headers each kind of file wants:
#
#   DEST=s3://bulletin-example-org/ sh s3.sh
#
# BASE_URL=https://preview.example.org/pr-12/ builds for another address than
# site.yaml's base_url, for a preview.
set -eu

: "${DEST:?set DEST to where the site goes, such as s3://bulletin-example-org/}"

jianbao check --deny-warnings
if [ -n "${BASE_URL:-}" ]; then
  jianbao build --minify --base-url "$BASE_URL"
else
  jianbao build --minify
fi

hashed='*.[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].*'

# 1. Files named by their content (style.3f9a1c2b.css, drill-480.391a8327.webp),
#    first, so that no new page arrives before the stylesheet it links. A name
#    never changes its bytes: browsers may keep them for a year without asking,
#    and comparing sizes is enough to skip those already uploaded.
aws s3 sync public/ "$DEST" --size-only \
  --exclude '*' --include "$hashed" \
  --cache-control 'public, max-age=31536000, immutable'

# 2. Pages, feeds, the sitemap and files under their own names: browsers ask
#    again every time, and get a cheap "not modified" when nothing changed.
#    Not --size-only: an edited page can keep its length.
aws s3 sync public/ "$DEST" --delete \
  --exclude "$hashed" \
  --cache-control 'no-cache'

# 3. Content-named files the build no longer makes (an old stylesheet), last.
aws s3 sync public/ "$DEST" --size-only --delete \
  --exclude '*' --include "$hashed"
