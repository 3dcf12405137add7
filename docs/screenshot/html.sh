#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium (Debian's package,
# installed if missing) opens `claimlint check seeds/ --format html`, and
# the script checks what it rendered:
#   - the DOM after the page's script ran (--dump-dom) still holds every
#     finding and deal of the report, and the script showed the filters;
#   - a screenshot (PNG) is written and not empty;
#   - printing to PDF gives a non-empty PDF.
#
#   bash docs/screenshot/html.sh [CLAIMLINT] [OUT_DIR]
#
# CLAIMLINT defaults to target/release/claimlint. Without OUT_DIR (as in
# CI) the screenshot and the PDF go to a temporary folder and are removed;
# `bash docs/screenshot/html.sh target/release/claimlint docs` remakes the
# README's docs/report-html.png (cropped to its first screen when python3
# has Pillow).
set -euo pipefail
cd "$(dirname "$0")/../.."

claimlint=$(realpath "${1:-target/release/claimlint}")
out_dir=${2:-}
[ -x "$claimlint" ] || { echo "no claimlint binary at $claimlint (cargo build --release)" >&2; exit 1; }

command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

work=$(realpath "$(mktemp -d)")
trap 'rm -rf "$work"' EXIT
page=$work/report.html

fail() { echo "FAIL: $*" >&2; exit 1; }

status=0
"$claimlint" check seeds/ --format html --output-file "$page" || status=$?
[ "$status" -eq 1 ] || fail "claimlint check seeds/ --format html exited $status, expected 1 (findings)"
"$claimlint" check seeds/ --format json --fail-on never --output-file "$work/report.json"

# A profile of its own, no network, nothing from the user's settings.
browser() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-extensions --no-first-run --user-data-dir="$work/profile" \
    --hide-scrollbars --window-size=1280,1600 "$@" 2>>"$work/chromium.log"
}

# 1. The DOM after the script ran.
browser --virtual-time-budget=2000 --dump-dom "file://$page" >"$work/dom.html" \
  || { cat "$work/chromium.log" >&2; fail "chromium --dump-dom"; }
python3 - "$work/report.json" "$work/dom.html" <<'EOF' || fail "the rendered page does not hold the report"
import json, re, sys

report = json.load(open(sys.argv[1], encoding="utf-8"))
dom = open(sys.argv[2], encoding="utf-8").read()
findings = report["findings"]
articles = re.findall(r'<article class="finding [a-z]+" id="finding-(\d+)" data-rule="([^"]+)"', dom)
if [rule for _, rule in articles] != [f["rule"] for f in findings]:
    sys.exit(f"findings in the DOM: {[r for _, r in articles]}, in the report: {[f['rule'] for f in findings]}")
for f in findings:
    first = f["locations"][0]
    place = f'{first["path"]}:{first["line"]}'
    if f'<span class="at">{place}</span>' not in dom:
        sys.exit(f"{place} ({f['rule']}) is not in the DOM")
# The script ran: it shows the filters (hidden without it) and left every
# finding visible (no filter is set).
if re.search(r'<form id="filters"[^>]*\shidden', dom):
    sys.exit("the filters are still hidden: the script did not run")
if re.search(r'class="[^"]*\bfiltered\b', dom):
    sys.exit("a finding is filtered out with no filter set")
if '<table class="ledger">' not in dom or '<ol class="timeline">' not in dom:
    sys.exit("the deal ledger or its timelines are missing")
print(f"the rendered DOM holds the {len(findings)} findings and the deal ledger")
EOF

# 2. A screenshot.
shot=$work/report-html.png
(cd "$work" && browser --screenshot="$shot" "file://$page" >/dev/null) \
  || { cat "$work/chromium.log" >&2; fail "chromium --screenshot"; }
[ -s "$shot" ] || fail "no screenshot"
echo "screenshot: $(wc -c <"$shot") bytes"

# 3. Printed to PDF.
pdf=$work/report.pdf
browser --no-pdf-header-footer --print-to-pdf="$pdf" "file://$page" >/dev/null \
  || { cat "$work/chromium.log" >&2; fail "chromium --print-to-pdf"; }
if [ ! -s "$pdf" ] || [ "$(head -c 5 "$pdf")" != "%PDF-" ]; then
  fail "the PDF is empty or not a PDF"
fi
echo "PDF: $(wc -c <"$pdf") bytes"

if [ -n "$out_dir" ]; then
  mkdir -p "$out_dir"
  if python3 -c 'import PIL' 2>/dev/null; then
    # The first screen, in a palette: small enough for the repository.
    python3 - "$shot" "$out_dir/report-html.png" <<'EOF'
import sys
from PIL import Image

image = Image.open(sys.argv[1]).convert("RGB")
image = image.crop((0, 0, image.width, min(image.height, 1100)))
image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(sys.argv[2], optimize=True)
EOF
  else
    cp "$shot" "$out_dir/report-html.png"
  fi
  echo "wrote $out_dir/report-html.png"
fi
echo "the HTML report renders, runs its script and prints in Chromium"
