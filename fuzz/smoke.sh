#!/usr/bin/env bash
# A bounded fuzzing run of every target: FUZZ_SECONDS each (default 15, so a
# minute in all, plus the instrumented build). Any crash fails the script and
# leaves its input under fuzz/artifacts/<target>/.
#
#   bash fuzz/smoke.sh                  # the smoke run CI does
#   FUZZ_SECONDS=300 bash fuzz/smoke.sh # a longer run
#
# cargo-fuzz passes nightly-only flags (-Zsanitizer=address and others);
# RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${FUZZ_SECONDS:-15}"
targets=(extract prose amount config)
export RUSTC_BOOTSTRAP=1

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

# Seed corpora from the project's own notes and configuration (kept out of git).
mkdir -p corpus/extract corpus/prose corpus/amount corpus/config
for f in ../seeds/* ../tests/fixtures/*/*.md; do
  [ -f "$f" ] || continue
  name="$(basename "$f")"
  # The first byte picks Markdown (even) or plain text (odd).
  { printf 'm'; cat "$f"; } > "corpus/extract/$name"
  { printf 'm'; cat "$f"; } > "corpus/prose/$name"
  grep -o '[^.]*\$[^.]*' "$f" | head -n 20 > "corpus/amount/$name" || true
done
cp ../src/config.rs corpus/config/config.rs.txt
awk '/^pub const STARTER/{p=1; next} /^"#;/{p=0} p' ../src/config.rs > corpus/config/starter.toml
printf 'corpus = ["notes"]\nexclude = ["archive/**"]\n[rules]\nmisspelled-name = "warning"\n[amount]\ntolerance = 0.1\n[lexicon]\nremove = ["Meta"]\nallow = ["Tranio"]\n[[lexicon.entity]]\nname = "Acme Cloud"\nkind = "cloud"\naliases = ["AcmeCloud"]\nowner = "Amazon"\n' > corpus/config/full.toml

cargo fuzz build
mkdir -p logs
for t in "${targets[@]}"; do
  echo "== fuzz $t for ${seconds}s"
  status=0
  cargo fuzz run "$t" "corpus/$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 -timeout=30 -print_final_stats=1 \
    >"logs/$t.log" 2>&1 || status=$?
  grep -E '^#[0-9]+.*(INITED|DONE)|stat::number_of_executed_units|stat::peak_rss_mb' "logs/$t.log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 60 "logs/$t.log" >&2
    echo "fuzz target $t failed (exit $status); the input is under fuzz/artifacts/$t/" >&2
    exit 1
  fi
done
echo "fuzz smoke passed"
