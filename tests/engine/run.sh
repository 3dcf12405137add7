#!/usr/bin/env bash
# The --claims map/reduce, tested on a real engine: Dask's distributed
# scheduler from PyPI (a LocalCluster of worker processes) maps
# `claimlint extract --format claims` over shards of the 1k benchmark corpus,
# `claimlint check --claims` reduces, and the findings must equal a direct
# `claimlint check` of the same corpus. Prints workers, shards and wall times.
#
#   bash tests/engine/run.sh            # 2 workers, 4 shards
#   CLAIMLINT_ENGINE_WORKERS=4 bash tests/engine/run.sh
#
# Needs cargo, python3 with venv, and PyPI (it fails, never skips, without it).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
workers=${CLAIMLINT_ENGINE_WORKERS:-2}
files=${CLAIMLINT_ENGINE_FILES:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The engine, by name from PyPI, in a throwaway virtual environment.
if ! python3 -m venv "$work/venv"; then
  echo "FAIL: python3 -m venv could not make a virtual environment" \
    "(on Debian and Ubuntu: apt-get install python3-venv)" >&2
  exit 1
fi
if ! "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    'dask[distributed]>=2024.1' >"$work/pip.log" 2>&1; then
  cat "$work/pip.log" >&2
  echo "FAIL: pip could not install 'dask[distributed]' into a virtual environment;" \
    "this test needs PyPI (or the index pip is configured with) and does not skip without it" >&2
  exit 1
fi

# claimlint in release mode, as it is deployed. The generator in the dev
# profile: the corpus is the same bytes either way (splitmix64, integer
# arithmetic), and CI's `cargo test` has already built the dev-dependencies an
# example links in that profile, while a release example would build them all
# again (minutes on 2 cores).
cd "$here"
cargo build --release --locked --quiet --bin claimlint
cargo build --locked --quiet --example gen_corpus
target_dir=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
claimlint="$target_dir/release/claimlint"
gen="$target_dir/debug/examples/gen_corpus"

# Both runs from the same folder with the same relative corpus path, so that
# they name every note alike.
cd "$work"
"$gen" --out corpus --files "$files" >/dev/null
# Dask's scratch files and locks go under $work too, and are removed with it.
mkdir "$work/tmp"
TMPDIR="$work/tmp" "$work/venv/bin/python" "$here/tests/engine/dask_map_reduce.py" \
  --claimlint "$claimlint" --corpus corpus --claims-dir "$work/claims" --workers "$workers"
