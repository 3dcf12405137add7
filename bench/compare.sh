#!/usr/bin/env bash
# Times `claimlint check` against two peers on the same generated corpus, in
# one run, and prints the ratios (bench/README.md explains the numbers).
#
#   bash bench/compare.sh                 # the 20k-note corpus (~67 MB)
#   bash bench/compare.sh 1k 20k          # several sizes, smallest first
#   bash bench/compare.sh 20k 200k        # 200k (~670 MB) runs only when asked for; gives the scaling
#   bash bench/compare.sh --runs 9 1k     # runs per command (default 5); medians are reported
#   bash bench/compare.sh --no-json 200k  # leave out `claimlint check --format json` (saves time)
#   bash bench/compare.sh --base 3b28be8 20k  # also an earlier claimlint, built from that commit
#
# Peers: typos (with a dictionary of the corpus's misspellings) and ripgrep
# (`rg -c -i -F -f names.txt`, every lexicon name: the floor of reading and
# matching the bytes). Missing peers are installed by name: ripgrep with
# apt-get (else `cargo install ripgrep --locked`), typos with pip (else
# `cargo install typos-cli --locked`), GNU time with apt-get.
#
# Each round runs every command once, in rotating order, so that the load of
# a shared machine falls on all of them alike; one warm-up round (not
# counted) fills the page cache. Output goes to /dev/null. Corpora, logs and
# the report (compare-*.md) go to $BENCH_DIR (default target/bench).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5
json=1
base=
sizes=()
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --runs=*) runs=${1#--runs=}; shift ;;
    --no-json) json=0; shift ;;
    --base) base=$2; shift 2 ;;
    --base=*) base=${1#--base=}; shift ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    -*) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(20k)

say() { echo "compare.sh: $*" >&2; }
die() { say "$*"; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

files_of() {
  case $1 in
    *[kK]) echo $((${1%[kK]} * 1000)) ;;
    *[!0-9]* | '') die "not a size: $1 (use e.g. 1k, 20k, 200k or 5000)" ;;
    *) echo "$1" ;;
  esac
}

# --- peers ------------------------------------------------------------------
export PATH="$HOME/.cargo/bin:$PATH"
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif have sudo; then sudo -n "$@"; else return 1; fi
}
apt_install() {
  have apt-get || return 1
  as_root apt-get install -y -qq "$@" >/dev/null 2>&1 && return 0
  as_root apt-get update -qq >/dev/null 2>&1 && as_root apt-get install -y -qq "$@" >/dev/null 2>&1
}
if ! have rg; then
  say "installing ripgrep"
  apt_install ripgrep || cargo install ripgrep --locked || die "could not install ripgrep"
fi
if ! have typos; then
  # The PyPI package ships typos-cli's binary: seconds, against minutes of compiling.
  say "installing typos"
  { have pip && pip install --quiet typos && hash -r && have typos; } \
    || { have pyenv && pyenv rehash && have typos; } \
    || cargo install typos-cli --locked || die "could not install typos"
fi
if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
  say "installing GNU time"
  apt_install time || die "GNU time is needed at /usr/bin/time"
fi

# --- build ------------------------------------------------------------------
say "building claimlint and the corpus generator (release)"
cargo build --release --locked --quiet --bin claimlint --example gen_corpus
target=$(realpath "${CARGO_TARGET_DIR:-target}")
claimlint=$target/release/claimlint
gen=$target/release/examples/gen_corpus
bench_dir=${BENCH_DIR:-$target/bench}
mkdir -p "$bench_dir"
bench_dir=$(realpath "$bench_dir")
draft=$bench_dir/draft.md
names=$bench_dir/names.txt
typos_cfg=$bench_dir/typos.toml
"$gen" --names "$names" --typos-config "$typos_cfg"

# --base REV: the same check by claimlint as it was at REV, built from a copy
# of that commit (git archive, its own target directory), so a change is
# measured against its parent in the same rounds as the peers.
if [ -n "$base" ]; then
  base_rev=$(git rev-parse --short "$base^{commit}") || die "--base: no such commit: $base"
  base_src=$bench_dir/base-$base_rev
  if [ ! -x "$bench_dir/base-target/$base_rev/release/claimlint" ]; then
    say "building claimlint at $base_rev (release)"
    rm -rf "$base_src" && mkdir -p "$base_src"
    git archive "$base_rev" | tar -x -C "$base_src"
    (cd "$base_src" && CARGO_TARGET_DIR="$bench_dir/base-target/$base_rev" cargo build --release --locked --quiet --bin claimlint)
  fi
  claimlint_base=$bench_dir/base-target/$base_rev/release/claimlint
fi

stamp_src=$(cat bench/corpus.rs bench/gen_corpus.rs seeds/* | sha256sum | cut -c1-16)

# --- one corpus -------------------------------------------------------------
# corpus LABEL FILES: makes (or reuses) the corpus and sets $dir and $bytes.
corpus() {
  local label=$1 files=$2
  dir=$bench_dir/corpus-$label
  local stamp="$stamp_src $files"
  if [ "$(cat "$dir.stamp" 2>/dev/null)" != "$stamp" ]; then
    df -h "$bench_dir" >&2
    local need_kb=$((files * 8)) avail_kb
    avail_kb=$(df -Pk "$bench_dir" | awk 'NR == 2 { print $4 }')
    [ "$avail_kb" -gt "$need_kb" ] \
      || die "$label needs about $((need_kb / 1024)) MB free in $bench_dir, and $((avail_kb / 1024)) MB are"
    say "generating the $label corpus ($files notes) in $dir"
    rm -rf "$dir" "$dir.stamp" "$dir.info"
    "$gen" --out "$dir" --files "$files" >"$dir.info"
    echo "$stamp" >"$dir.stamp"
  fi
  bytes=$(sed -n 's/.*bytes=\([0-9]*\).*/\1/p' "$dir.info")
}

# run_once TOOL [OUT]: runs TOOL on $dir under GNU time and appends "TOOL wall
# user sys maxrss_kb" to $results. Output goes to /dev/null, or with OUT, OUT
# gets its size in bytes on the first line and its last 8 lines after (the
# whole output can be gigabytes).
run_once() {
  local tool=$1 out=${2:-} rc=0 tfile=$bench_dir/time.out errfile=$bench_dir/stderr.txt
  local -a cmd
  case $tool in
    # --no-cache: every run reads and parses every note, as the peers do.
    claimlint) cmd=("$claimlint" check "$dir" --color never --no-cache) ;;
    claimlint-json) cmd=("$claimlint" check "$dir" --format json --no-cache) ;;
    claimlint-base) cmd=("$claimlint_base" check "$dir" --color never --no-cache) ;;
    # A pre-commit run: one draft against the corpus, without and with the
    # claims cache (in $bench_dir/.claimlint-cache, made by the warm-up run;
    # named, since $bench_dir is inside this repository, whose root it would be).
    precommit-cold) cmd=("$claimlint" check "$draft" --against "$dir" --color never --no-cache) ;;
    precommit-warm) cmd=("$claimlint" check "$draft" --against "$dir" --color never --cache-dir "$bench_dir/.claimlint-cache") ;;
    typos) cmd=(typos --config "$typos_cfg" "$dir") ;;
    rg) cmd=(rg -c -i -F -f "$names" "$dir") ;;
  esac
  if [ -z "$out" ]; then
    (cd "$bench_dir" && /usr/bin/time -o "$tfile" -f '%e %U %S %M' "${cmd[@]}" >/dev/null 2>"$errfile") || rc=$?
  else
    /usr/bin/time -o "$tfile" -f '%e %U %S %M' "${cmd[@]}" 2>"$errfile" \
      | LC_ALL=C awk '{ n += length($0) + 1; t[NR % 8] = $0 }
          END { print n + 0; for (i = NR - 7; i <= NR; i++) if (i > 0) print t[i % 8] }' >"$out" || rc=$?
  fi
  # Exit codes that mean "ran and found something": claimlint 1, typos 2, rg 1 (no match).
  case "$tool:$rc" in
    *:0 | claimlint*:1 | precommit*:1 | typos:2 | rg:1) ;;
    *) die "$tool exited with status $rc: $(head -c 2000 "$errfile")" ;;
  esac
  echo "$tool $(tail -n 1 "$tfile")" >>"$results"
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# stat TOOL EXPR: the median over runs of an awk expression of $2 wall, $3 user, $4 sys, $5 rss.
stat() { awk -v t="$1" '$1 == t { print '"$2"' }' "$results" | median; }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (b > 0) printf f, a / b; else printf "n/a" }'; }
mark() { awk -v r="$1" -v lim="$2" 'BEGIN { print (r + 0 <= lim + 0) ? "met" : "**missed**" }'; }

tools=(claimlint claimlint-json typos rg)
[ "$json" = 1 ] || tools=(claimlint typos rg)
[ -z "$base" ] || tools=(claimlint claimlint-base "${tools[@]:1}")
declare -A label_of=(
  [claimlint]='`claimlint check`'
  [claimlint-json]='`claimlint check --format json`'
  [typos]='`typos` (+ misspellings dictionary)'
  [rg]='`rg -c -i -F -f names.txt`'
  [claimlint-base]="\`claimlint check\` at ${base_rev:-}"
)
declare -A wall_of

stamp=$(date -u +%Y%m%dT%H%M%SZ)
report=$bench_dir/compare-$stamp.md
{
  echo "## claimlint vs typos vs ripgrep"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty)')"
  echo "- machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(free -g | awk '/^Mem:/ { print $2 }') GB; load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "- tools: $("$claimlint" --version 2>/dev/null || echo claimlint), $(typos --version), $(rg --version 2>/dev/null | head -n 1)"
  echo "- $runs runs per command after one warm-up round; medians; wall and CPU (user + sys) in seconds, peak RSS from GNU time"
} | tee "$report"

for size in "${sizes[@]}"; do
  files=$(files_of "$size")
  label=$size
  corpus "$label" "$files"
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
  results=$bench_dir/times-$label.txt
  : >"$results"
  say "$label: $files notes, $mb MB; warm-up round"
  declare -A out_bytes=()
  for tool in "${tools[@]}"; do
    run_once "$tool" "$bench_dir/out-$tool-$label"
    out_bytes[$tool]=$(head -n 1 "$bench_dir/out-$tool-$label")
  done
  [ "$json" = 1 ] || out_bytes[claimlint-json]=n/a
  summary=$(tail -n 1 "$bench_dir/out-claimlint-$label")
  [ "$json" = 1 ] && summary=$(tail -n 7 "$bench_dir/out-claimlint-json-$label" | tr -d ' \n' | grep -o '"summary":{[^}]*}' || true)
  rm -f "$bench_dir"/out-*-"$label"
  : >"$results"
  for ((r = 0; r < runs; r++)); do
    say "$label: round $((r + 1))/$runs"
    for ((k = 0; k < ${#tools[@]}; k++)); do
      run_once "${tools[(k + r) % ${#tools[@]}]}"
    done
  done

  cl_wall=$(stat claimlint '$2')
  cl_cpu=$(stat claimlint '$3 + $4')
  cl_rss=$(stat claimlint '$5 / 1024')
  wall_of[$label]=$cl_wall
  for tool in typos rg; do wall_of[$label:$tool]=$(stat "$tool" '$2'); done
  {
    echo
    echo "### $label: $files notes, $mb MB"
    echo
    echo "claimlint's summary: ${summary:-n/a}; output bytes: human ${out_bytes[claimlint]}, JSON ${out_bytes[claimlint-json]}"
    echo
    echo "| command | wall (s) | CPU (s) | peak RSS (MB) | MB/s (wall) | claimlint wall ÷ this |"
    echo "|---|---:|---:|---:|---:|---:|"
    for tool in "${tools[@]}"; do
      w=$(stat "$tool" '$2')
      printf '| %s | %.3f | %.3f | %.1f | %s | %s |\n' "${label_of[$tool]}" "$w" "$(stat "$tool" '$3 + $4')" \
        "$(stat "$tool" '$5 / 1024')" "$(div "$mb" "$w" %.1f)" "$(div "$cl_wall" "$w")"
    done
    echo
    echo "| ratio | wall | CPU | peak RSS | target |"
    echo "|---|---:|---:|---:|---|"
    t_ratio=$(div "$cl_wall" "$(stat typos '$2')")
    r_ratio=$(div "$cl_wall" "$(stat rg '$2')")
    printf '| claimlint ÷ typos | %s | %s | %s | wall ≤ 1.0: %s |\n' "$t_ratio" \
      "$(div "$cl_cpu" "$(stat typos '$3 + $4')")" "$(div "$cl_rss" "$(stat typos '$5 / 1024')")" "$(mark "$t_ratio" 1.0)"
    printf '| claimlint ÷ rg | %s | %s | %s | wall ≤ 10: %s |\n' "$r_ratio" \
      "$(div "$cl_cpu" "$(stat rg '$3 + $4')")" "$(div "$cl_rss" "$(stat rg '$5 / 1024')")" "$(mark "$r_ratio" 10)"
    if [ -n "$base" ]; then
      printf '| claimlint ÷ claimlint at %s | %s | %s | %s | not slower: %s |\n' "$base_rev" \
        "$(div "$cl_wall" "$(stat claimlint-base '$2')")" "$(div "$cl_cpu" "$(stat claimlint-base '$3 + $4')")" \
        "$(div "$cl_rss" "$(stat claimlint-base '$5 / 1024')")" "$(mark "$(div "$cl_cpu" "$(stat claimlint-base '$3 + $4')")" 1.0)"
    fi
    case $label in
      20k) echo; echo "Peak RSS $(printf %.1f "$cl_rss") MB; target ≤ 150 MB: $(mark "$cl_rss" 150)" ;;
      200k) echo; echo "Peak RSS $(printf %.1f "$cl_rss") MB; target ≤ 400 MB: $(mark "$cl_rss" 400)" ;;
    esac
    echo
    echo "Every run (tool, wall, user, sys, max RSS KB): \`$results\`"
  } | tee -a "$report"

  # Pre-commit: one note of the corpus, edited, checked against the corpus.
  # The sentence added states a year, so it is compared with the corpus's
  # deal of that year and the draft has a finding to show (a past-tense
  # claim with no year joins no period when the deal has several).
  # The first warm run builds the cache; it is not counted. Not at 200k,
  # where the cold runs alone would take most of an hour.
  [ "$label" = 200k ] && continue
  { sed -n '1,/^$/p' "$(find "$dir" -type f -name '*.md' | sort | awk 'NR <= 777' | tail -n 1)"; echo "Amazon invested \$9 billion in Anthropic in 2026."; } >"$draft"
  rm -rf "$bench_dir/.claimlint-cache"
  say "$label: pre-commit, building the cache"
  run_once precommit-warm
  : >"$results.pre"
  results_main=$results
  results=$results.pre
  for ((r = 0; r < runs; r++)); do
    say "$label: pre-commit round $((r + 1))/$runs"
    run_once precommit-cold
    run_once precommit-warm
  done
  {
    echo
    echo "Pre-commit, \`claimlint check draft.md --against corpus-$label\` (one edited note):"
    echo
    echo "| cache | wall (s) | CPU (s) | peak RSS (MB) | target |"
    echo "|---|---:|---:|---:|---|"
    for tool in precommit-cold precommit-warm; do
      w=$(stat "$tool" '$2')
      tgt='—'
      [ "$tool" = precommit-warm ] && [ "$label" = 20k ] && tgt="≤ 0.2 s: $(mark "$w" 0.2)"
      printf '| %s | %.3f | %.3f | %.1f | %s |\n' "${tool#precommit-}" "$w" "$(stat "$tool" '$3 + $4')" \
        "$(stat "$tool" '$5 / 1024')" "$tgt"
    done
  } | tee -a "$report"
  results=$results_main
done

# Scaling between consecutive sizes, claimlint's against the peers'.
if [ ${#sizes[@]} -ge 2 ]; then
  {
    echo
    echo "### Scaling"
    echo
    echo "| sizes | notes × | claimlint wall × | typos wall × | rg wall × | target |"
    echo "|---|---:|---:|---:|---:|---|"
    for ((k = 1; k < ${#sizes[@]}; k++)); do
      a=${sizes[k - 1]} b=${sizes[k]}
      n=$(div "$(files_of "$b")" "$(files_of "$a")" %.0f)
      c=$(div "${wall_of[$b]}" "${wall_of[$a]}")
      target='—'
      [ "$a:$b" = 20k:200k ] && target="≤ 11×: $(mark "$c" 11)"
      printf '| %s → %s | %s | %s | %s | %s | %s |\n' "$a" "$b" "$n" "$c" \
        "$(div "${wall_of[$b:typos]}" "${wall_of[$a:typos]}")" "$(div "${wall_of[$b:rg]}" "${wall_of[$a:rg]}")" "$target"
    done
  } | tee -a "$report"
fi
say "report written to $report"
