#!/usr/bin/env bash
# Scores the labelled corpora and fails when any rule falls below the level
# the reader has reached, so that recall gains never quietly cost precision.
#   bash .ci/accuracy.sh [claimlint-binary]
# ../shared/devset is scored when it is beside the checkout (it is in CI);
# tests/corpus, tests/corpus-news, tests/corpus-third and tests/corpus-fourth always, each against the floor in its
# `floor` file (minimum precision and recall per rule).
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

for corpus in tests/corpus tests/corpus-news tests/corpus-third tests/corpus-fourth; do
  echo "-- $corpus"
  "$bin" check "$corpus/notes" --format json --fail-on never > "$tmp/corpus.json"
  # Each corpus has its own floor: the level reached when it was last tuned.
  floor=$(cat "$corpus/floor" 2>/dev/null || echo "$MIN_PRECISION $MIN_RECALL")
  read -r p r <<< "$floor"
  if ! python3 tests/corpus/score.py "$tmp/corpus.json" --expected "$corpus/expected.json" -v \
      --min-precision "$p" --min-recall "$r"; then
    status=1
  fi
done
exit $status
