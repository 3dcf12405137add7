#!/usr/bin/env bash
# Scores the labelled corpora and fails when any rule falls below the level
# the reader has reached, so that recall gains never quietly cost precision.
#   bash .ci/accuracy.sh [claimlint-binary]
# ../shared/devset is scored when it is beside the checkout (it is in CI);
# tests/corpus always.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/claimlint}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Minimum precision and recall, per rule, for every corpus.
MIN_PRECISION=1.0
MIN_RECALL=1.0

status=0
if [ -d ../shared/devset/notes ]; then
  echo "-- ../shared/devset"
  "$bin" check ../shared/devset/notes --format json --fail-on never > "$tmp/dev.json"
  python3 ../shared/devset/score.py "$tmp/dev.json" -v | tee "$tmp/dev.txt"
  # Lines like "amount-conflict:  precision=0.950 recall=1.000 ...".
  if ! awk -v p="$MIN_PRECISION" -v r="$MIN_RECALL" '
      /^[a-z-]+: +precision=/ {
        split($2, a, "="); split($3, b, "=");
        if (a[2] + 0 < p || b[2] + 0 < r) { print "below the gate: " $0; bad = 1 }
      }
      END { exit bad }' "$tmp/dev.txt"; then
    status=1
  fi
else
  echo "-- ../shared/devset not found: skipped"
fi

echo "-- tests/corpus"
"$bin" check tests/corpus/notes --format json --fail-on never > "$tmp/corpus.json"
if ! python3 tests/corpus/score.py "$tmp/corpus.json" -v --min-precision "$MIN_PRECISION" --min-recall "$MIN_RECALL"; then
  status=1
fi
exit $status
