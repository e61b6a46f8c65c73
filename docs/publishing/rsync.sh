#!/bin/sh
# Checks and builds the bulletin in the current folder (the one with site.yaml),
# then publishes it to a web server over SSH with rsync:
#
#   DEST=www@bulletin.example.org:/var/www/bulletin/ sh rsync.sh
#
# BASE_URL=https://preview.example.org/pr-12/ builds for another address than
# site.yaml's base_url, for a preview.
set -eu

: "${DEST:?set DEST to where the site goes, such as www@bulletin.example.org:/var/www/bulletin/}"

jianbao check --deny-warnings
if [ -n "${BASE_URL:-}" ]; then
  jianbao build --minify --base-url "$BASE_URL"
else
  jianbao build --minify
fi

# Files named by their content (style.3f9a1c2b.css, drill-480.391a8327.webp) go
# first, so that no new page arrives before the stylesheet it links. --checksum
# leaves every file whose bytes did not change alone on the server, so the
# copies browsers hold stay valid.
hashed='*.[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].*'
rsync --recursive --links --checksum --chmod=D755,F644 --prune-empty-dirs \
  --include='*/' --include="$hashed" --exclude='*' \
  public/ "$DEST"

# Then everything else, put in place together at the end; files the build no
# longer makes (an old stylesheet's name, a deleted article) are removed last.
rsync --recursive --links --checksum --chmod=D755,F644 \
  --delay-updates --delete-after \
  public/ "$DEST"
