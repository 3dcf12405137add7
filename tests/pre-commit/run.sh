#!/usr/bin/env bash
# The pre-commit hook built from source, tested for real: pre-commit from
# PyPI installs this repository's `claimlint-rust` hook (pre-commit builds
# claimlint with cargo) into a throwaway notes repository, then a commit
# that contradicts an older note, or misspells a name, is blocked with the
# finding shown, and a clean commit passes. tests/install/run.sh does the
# same for the wheel; at the end, the default `claimlint` hook
# (`language: python`) is installed from this repository too, which builds
# the wheel from source, and must block a contradicting commit.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
# Both hooks compile claimlint from pre-commit's clone of the repository:
# share this checkout's target folder so that only claimlint itself is
# compiled, not its dependencies again (a user's first install compiles all).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/target}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m pip install --quiet --disable-pip-version-check 'pre-commit>=3' >/dev/null
# The hook repository must be a git repository at a commit: use a snapshot of
# this work tree so uncommitted changes are tested too.
hook_repo="$work/hook-repo"
git -c init.defaultBranch=main init -q "$hook_repo"
tar -C "$here" --exclude=./target --exclude=./.git -cf - . | tar -C "$hook_repo" -xf -
git -C "$hook_repo" add -A
git -C "$hook_repo" -c user.name=ci -c user.email=ci@example.invalid commit -qm snapshot
rev=$(git -C "$hook_repo" rev-parse HEAD)

notes="$work/notes"
git -c init.defaultBranch=main init -q "$notes"
cd "$notes"
git config user.name ci
git config user.email ci@example.invalid
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hook_repo
    rev: $rev
    hooks:
      - id: claimlint-rust
YAML
printf 'Amazon invested $4 billion in Anthropic.\n' > old.md
git add -A
git commit -qm "old note" --no-verify
export PRE_COMMIT_HOME="$work/cache"
python3 -m pre_commit install >/dev/null

expect_blocked() {
  local what=$1 needle=$2
  if out=$(git commit -qm "$what" 2>&1); then
    echo "FAIL: the commit that $what was not blocked" >&2
    echo "$out" >&2
    exit 1
  fi
  if ! grep -q -- "$needle" <<<"$out"; then
    echo "FAIL: the commit that $what was blocked without showing $needle" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "ok: a commit that $what is blocked"
  git reset -q --hard HEAD
}

printf 'Amazon invested $8 billion in Anthropic.\n' > draft.md
git add draft.md
expect_blocked "contradicts an older note" "amount-conflict"

printf 'Custom silicon like Tranium matters.\n' > chips.md
git add chips.md
expect_blocked "misspells Trainium" "misspelled-name"

printf 'Amazon invested $4 billion in Anthropic, as before.\n' > agree.md
git add agree.md
if ! out=$(git commit -qm "agrees" 2>&1); then
  echo "FAIL: a clean commit was blocked" >&2
  echo "$out" >&2
  exit 1
fi
echo "ok: a clean commit passes"

# A conflict already in the archive, recorded in a baseline, blocks neither a
# commit that agrees with one of its sides nor one about something else; a
# new distinct value is still blocked.
printf 'Amazon invested $8 billion in Anthropic.\n' > other.md
git add other.md
git commit -qm "the archive's own conflict" --no-verify
cargo run --quiet --release --locked --manifest-path "$here/Cargo.toml" -- \
  check . --write-baseline claimlint-baseline.json --color never >/dev/null || true
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hook_repo
    rev: $rev
    hooks:
      - id: claimlint-rust
        args: [--baseline, claimlint-baseline.json]
YAML
git add -A
git commit -qm "baseline" --no-verify

printf 'Amazon put $8 billion into Anthropic, the largest cheque.\n' > agree-baselined.md
git add agree-baselined.md
if ! out=$(git commit -qm "agrees with a baselined side" 2>&1); then
  echo "FAIL: a commit that agrees with one side of a baselined conflict was blocked" >&2
  echo "$out" >&2
  exit 1
fi
echo "ok: a commit that agrees with a baselined conflict passes"

printf 'Amazon invested $9 billion in Anthropic.\n' > new-value.md
git add new-value.md
expect_blocked "adds a new value to a baselined conflict" "amount-conflict"

printf 'Custom silicon like Tranium matters.\n' > chips.md
git add chips.md
expect_blocked "misspells Trainium despite the baseline" "misspelled-name"

# The default hook, `claimlint` (`language: python`), from the same
# repository: pip installs the repository, and maturin builds the wheel.
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hook_repo
    rev: $rev
    hooks:
      - id: claimlint
YAML
git add -A
git commit -qm "the python hook" --no-verify
start=$(date +%s)
if ! out=$(python3 -m pre_commit install-hooks 2>&1); then
  echo "FAIL: pre-commit could not install the claimlint hook (language: python)" >&2
  echo "$out" >&2
  exit 1
fi
echo "the claimlint hook (language: python) built from source in $(($(date +%s) - start)) s, dependencies already compiled"
printf 'Amazon invested $9 billion in Anthropic.\n' > python-hook.md
git add python-hook.md
expect_blocked "contradicts an older note, under the python hook built from source" "amount-conflict"
echo "pre-commit: 7 passed, 0 failed"
