#!/usr/bin/env bash
# Screenshots of a forecast's report.html and standalone SVG charts, rendered by a real browser
# (headless Chromium), to look at before publishing. Not run in CI: it needs a browser.
#
# Usage:  docs/scripts/screenshot-report.sh [REPORT_FOLDER] [SHOTS_FOLDER]
#         (defaults: out and out/screenshots)
# Needs:  apt-get install -y chromium imagemagick   (Debian's packages; imagemagick only to trim
#         the page shot and cut it into screen-sized slices)
#
# Writes SHOTS_FOLDER/report.png (the whole page, 1100 px wide), report-1.png, report-2.png, ...
# (slices of 1200 px), and one PNG per chart (seats.png, districts.png, ...). Open them in any image
# viewer: check that every chart is drawn, that labels do not overlap, and that the page has its
# headline, histogram, district chart, tipping-point table, environment chart and run inputs.
set -euo pipefail

folder=${1:-out}
shots=${2:-$folder/screenshots}
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
  echo "error: chromium not found; install it with: apt-get install -y chromium" >&2
  exit 1
fi
if [[ ! -f "$folder/report.html" ]]; then
  echo "error: $folder/report.html not found; run 'bellwether run --out $folder' first" >&2
  exit 1
fi
mkdir -p "$shots"

shoot() {  # shoot URL PNG WIDTH HEIGHT
  # --no-sandbox: needed when running as root (containers, CI); the page is our own local file.
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$3,$4" --screenshot="$2" "$1" >/dev/null 2>&1
  [[ -s "$2" ]] || { echo "error: chromium wrote no screenshot for $1" >&2; exit 1; }
}

# The page: tall enough for the whole report; the blank bottom is trimmed afterwards.
shoot "file://$(realpath "$folder/report.html")" "$shots/report.png" 1100 6000
if command -v magick >/dev/null 2>&1 || [[ -x /usr/bin/convert ]]; then
  convert=$(command -v magick || echo /usr/bin/convert)
  "$convert" "$shots/report.png" -trim +repage "$shots/report.png"
  rm -f "$shots"/report-*.png
  "$convert" "$shots/report.png" -crop 1100x1200 +repage "$shots/report-%d.png"
fi

# Each standalone chart at its own size (read from the root element's width and height).
for svg in "$folder"/*.svg; do
  [[ -e "$svg" ]] || continue
  width=$(grep -o -m1 '<svg [^>]*' "$svg" | sed -n 's/.* width="\([0-9.]*\)".*/\1/p' | cut -d. -f1)
  height=$(grep -o -m1 '<svg [^>]*' "$svg" | sed -n 's/.* height="\([0-9.]*\)".*/\1/p' | cut -d. -f1)
  shoot "file://$(realpath "$svg")" "$shots/$(basename "$svg" .svg).png" "${width:-800}" "${height:-600}"
done

ls -1 "$shots"
