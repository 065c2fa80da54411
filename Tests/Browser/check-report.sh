#!/usr/bin/env bash
# The page checked in a real browser: renders a report.html in headless Chromium (Debian's
# `chromium`) at 1400 and 400 px wide, with the fragment #selftest, which makes the page's own
# script exercise its controls and measure its layout after loading (docs/reports.md, "Checked in
# a real browser"): search filters the rows, every sort orders them, the rating filter keeps only
# its class, the page has no sideways scroll, no chart or table frame (every data table opened) is
# wider than the window or scrolls sideways inside itself, each figure shows one chart, chart text
# renders at 12 px or more, and no script error occurred. The page writes SELFTEST PASS or SELFTEST FAIL into #selftest-result, read back
# from --dump-dom; Chromium's console output is also scanned for errors. CI runs it (.ci/run).
#
# Usage:  Tests/Browser/check-report.sh [REPORT_HTML]
#         without an argument: builds a fresh 20,000-draw forecast of the embedded 2018 data first,
#         after one as of 2018-10-15 into the same history (so the page has all five charts).
# Exits non-zero, loudly, when Chromium is missing or any check fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
  echo "check-report: FAIL: chromium not found (apt-get install -y chromium); the page cannot be checked" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
page=${1:-}
if [[ -z "$page" ]]; then
  # Two as-of dates in one history, so that the page has every chart (the history chart too).
  swift run bellwether run --draws 20000 --as-of 2018-10-15 --history "$work/history.sqlite" --out "$work/early" >/dev/null
  swift run bellwether run --draws 20000 --history "$work/history.sqlite" --out "$work/out" >/dev/null
  page="$work/out/report.html"
fi
[[ -f "$page" ]] || { echo "check-report: FAIL: $page not found" >&2; exit 2; }
url="file://$(realpath "$page")#selftest"

# Headless Chromium will not make a window narrower than 500 px, so the page is opened in an
# iframe of the width under test inside a small wrapper page; the page posts its self-test result
# to the wrapper, which writes it into its own DOM for --dump-dom.
status=0
for width in 1400 400; do
  cat >"$work/wrap-$width.html" <<HTML
<!DOCTYPE html><html><body style="margin:0"><p id="result">no message from the page</p>
<iframe src="$url" width="$width" height="900" style="border:0;display:block"></iframe>
<script>addEventListener('message', function (e) { if (String(e.data).indexOf('bw-selftest:') === 0)
  document.getElementById('result').textContent = String(e.data).slice(12); });</script></body></html>
HTML
  # --no-sandbox: needed as root (containers, CI); the page is our own local file and loads nothing.
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --user-data-dir="$work/profile" --window-size="$((width + 100)),1000" --virtual-time-budget=5000 \
    --enable-logging=stderr --v=0 --dump-dom "file://$work/wrap-$width.html" >"$work/dom-$width.html" 2>"$work/log-$width.txt" || true
  result=$(grep -o '<p id="result">[^<]*' "$work/dom-$width.html" | sed 's/.*>//' || true)
  console=$(grep -E 'CONSOLE|Uncaught' "$work/log-$width.txt" | grep -iE 'error|uncaught' || true)
  if [[ "$result" == "SELFTEST PASS"* && "$result" == *" width=$width "* && -z "$console" ]]; then
    echo "check-report: $width px: $result"
  else
    echo "check-report: FAIL at $width px: ${result:-no self-test result in the DOM (did the script run?)}" >&2
    if [[ -n "$console" ]]; then echo "check-report: console errors: $console" >&2; fi
    status=1
  fi
done
exit $status
