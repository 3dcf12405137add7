"""What tests/install/run.sh needs from the README and from action.yml,
read with PyYAML (pre-commit's own dependency, so no other install):

    readme.py precommit README.md HOOKS.yaml Cargo.toml OUT
        The README's pre-commit configuration for the wheel, as written, to
        OUT; fails unless its hook is the `claimlint` hook of HOOKS.yaml
        (entry, types, serial) but `language: python`, and pins the version
        of Cargo.toml.
    readme.py workflows README.md DIR
        Each README workflow to DIR/readme-N.yml, with `OWNER/claimlint@...`
        replaced by `./`, so that actionlint checks its inputs against this
        repository's action.yml; a list of steps is wrapped in a job.
    readme.py step action.yml STEP_ID
        The `run` script of one step of the composite action.
    readme.py scripts action.yml DIR
        Every `run` script of the composite action to DIR/step-N.sh, for
        shellcheck (actionlint checks workflows' scripts, not actions').

The README blocks read are those right after a
`<!-- checked: tests/install/run.sh -->` line.
"""

import re
import sys

import yaml

MARKER = "<!-- checked: tests/install/run.sh -->"


def blocks(readme):
    text = open(readme, encoding="utf-8").read()
    found = re.findall(re.escape(MARKER) + r"\n```yaml\n(.*?)```\n", text, flags=re.S)
    if len(found) != text.count(MARKER):
        sys.exit(f"{readme}: every {MARKER} must be followed by a ```yaml block")
    return found


def fail(message):
    sys.exit(f"FAIL: {message}")


def precommit(readme, hooks_file, cargo_toml, out):
    configs = [b for b in blocks(readme) if "repos:" in b]
    if len(configs) != 1:
        fail(f"expected one checked pre-commit configuration in {readme}, found {len(configs)}")
    config = yaml.safe_load(configs[0])
    hook = config["repos"][0]["hooks"][0]
    published = {h["id"]: h for h in yaml.safe_load(open(hooks_file, encoding="utf-8"))}
    default = published["claimlint"]
    if default["language"] != "python":
        fail(f"the default hook of {hooks_file} is language {default['language']}, not python")
    for key in ("id", "entry", "language", "types_or", "require_serial"):
        if hook.get(key) != default.get(key):
            fail(f"the README's hook has {key} {hook.get(key)!r}, {hooks_file} {default.get(key)!r}")
    version = re.search(r'^version = "(.*)"$', open(cargo_toml, encoding="utf-8").read(), flags=re.M).group(1)
    if hook.get("additional_dependencies") != [f"claimlint-cli=={version}"]:
        fail(f"the README's hook installs {hook.get('additional_dependencies')}, not claimlint-cli=={version}")
    with open(out, "w", encoding="utf-8") as f:
        f.write(configs[0])


def workflows(readme, out_dir):
    n = 0
    for block in blocks(readme):
        if "repos:" in block:
            continue
        if "jobs:" not in block:  # a list of steps: give it a job
            block = "on: [pull_request]\njobs:\n  claimlint:\n    runs-on: ubuntu-latest\n    steps:\n" + block
        block = re.sub(r"uses: OWNER/claimlint@\S+", "uses: ./", block)
        n += 1
        with open(f"{out_dir}/readme-{n}.yml", "w", encoding="utf-8") as f:
            f.write(block)
    if n < 2:
        fail(f"expected the README's workflow and its steps without the action, found {n} blocks")
    print(n)


def step(action, step_id):
    for s in yaml.safe_load(open(action, encoding="utf-8"))["runs"]["steps"]:
        if s.get("id") == step_id:
            print(s["run"])
            return
    fail(f"{action} has no step {step_id}")


def scripts(action, out_dir):
    n = 0
    for s in yaml.safe_load(open(action, encoding="utf-8"))["runs"]["steps"]:
        if "run" in s:
            if s.get("shell") != "bash":
                fail(f"{action}: step {s.get('name')!r} does not say shell: bash")
            n += 1
            with open(f"{out_dir}/step-{n}.sh", "w", encoding="utf-8") as f:
                f.write("#!/usr/bin/env bash\n" + s["run"])
    print(n)


if __name__ == "__main__":
    {"precommit": precommit, "workflows": workflows, "step": step, "scripts": scripts}[sys.argv[1]](*sys.argv[2:])
