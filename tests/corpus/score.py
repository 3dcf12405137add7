#!/usr/bin/env python3
"""Score a claimlint JSON report against tests/corpus/expected.json.

    claimlint check tests/corpus/notes --format json --fail-on never > report.json
    python3 tests/corpus/score.py report.json [-v] [--min-precision P] [--min-recall R]

Scoring is per rule, by (path, line):
    TP = reported & expected
    FP = reported - (expected | optional)
    FN = expected - reported
where "expected" is every location of a non-optional finding and "optional"
every location of an optional one. Paths are compared from their last
"notes/" onwards, so the report may name the notes by any prefix.

Standard library only.
"""

import argparse
import json
import os
import sys
from collections import defaultdict

RULES = ("amount-conflict", "exclusivity-conflict", "condition-conflict", "misspelled-name")


def norm_path(path):
    path = path.replace("\\", "/")
    i = path.rfind("notes/")
    return path[i:] if i >= 0 else path


def load_json(path):
    if path == "-":
        return json.load(sys.stdin)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_expected(path):
    data = load_json(path)
    expected = defaultdict(set)
    optional = defaultdict(set)
    owner = {}  # (rule, path, line) -> finding ids
    for finding in data.get("findings", []):
        rule = finding["rule"]
        target = optional if finding.get("optional") else expected
        for loc in finding["locations"]:
            key = (norm_path(loc["path"]), int(loc["line"]))
            target[rule].add(key)
            owner.setdefault((rule,) + key, []).append(finding["id"])
    decoys = {}
    for d in data.get("decoys", []):
        decoys.setdefault((d["rule"], norm_path(d["path"]), int(d["line"])), []).append(d["kind"])
    return expected, optional, owner, decoys


def load_reported(path):
    data = load_json(path)
    if not isinstance(data, dict) or "findings" not in data:
        raise SystemExit(f"{path}: not a claimlint JSON report (no 'findings')")
    reported = defaultdict(set)
    for finding in data["findings"]:
        for loc in finding.get("locations", []):
            reported[finding["rule"]].add((norm_path(loc["path"]), int(loc["line"])))
    return reported, data.get("errors", [])


def ratio(num, den):
    return num / den if den else 1.0


def line_text(base, path, line, cache={}):
    if path not in cache:
        try:
            with open(os.path.join(base, path), encoding="utf-8") as f:
                cache[path] = f.read().split("\n")
        except OSError:
            cache[path] = []
    lines = cache[path]
    return lines[line - 1].strip() if 0 < line <= len(lines) else "<no such line>"


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("report", help="claimlint --format json output ('-' for stdin)")
    ap.add_argument("--expected", default=os.path.join(here, "expected.json"), help="labels (default: %(default)s)")
    ap.add_argument("--notes-base", default=None,
                    help="folder that holds notes/ (default: the folder of --expected); used by -v for line text")
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed and spurious lines with their text")
    ap.add_argument("--min-precision", type=float, default=None, metavar="P",
                    help="exit 1 when any rule's precision is below P (0..1)")
    ap.add_argument("--min-recall", type=float, default=None, metavar="R",
                    help="exit 1 when any rule's recall is below R (0..1)")
    args = ap.parse_args(argv)

    expected, optional, owner, decoys = load_expected(args.expected)
    reported, errors = load_reported(args.report)
    base = args.notes_base or os.path.dirname(os.path.abspath(args.expected))

    rules = list(RULES) + sorted((set(reported) | set(expected)) - set(RULES))
    rows = []
    totals = [0, 0, 0]
    detail = {}
    for rule in rules:
        exp, opt, rep = expected[rule], optional[rule], reported[rule]
        tp = rep & exp
        fp = rep - (exp | opt)
        fn = exp - rep
        detail[rule] = (sorted(fn), sorted(fp))
        p, r = ratio(len(tp), len(tp) + len(fp)), ratio(len(tp), len(tp) + len(fn))
        rows.append((rule, p, r, len(tp), len(fp), len(fn)))
        totals[0] += len(tp)
        totals[1] += len(fp)
        totals[2] += len(fn)

    print(f"{'rule':<22} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
    for rule, p, r, tp, fp, fn in rows:
        print(f"{rule:<22} {p:>9.3f} {r:>7.3f} {tp:>4} {fp:>4} {fn:>4}")
    tp, fp, fn = totals
    print(f"{'overall':<22} {ratio(tp, tp + fp):>9.3f} {ratio(tp, tp + fn):>7.3f} {tp:>4} {fp:>4} {fn:>4}")
    if errors:
        print(f"\nthe report lists {len(errors)} error(s), e.g. {errors[0].get('message', errors[0])}")

    if args.verbose:
        for rule in rules:
            missed, spurious = detail[rule]
            if not missed and not spurious:
                continue
            print(f"\n== {rule}")
            for path, line in missed:
                ids = ",".join(owner.get((rule, path, line), []))
                print(f"  missed   {path}:{line} [{ids}] {line_text(base, path, line)}")
            for path, line in spurious:
                kinds = decoys.get((rule, path, line))
                tag = f" [decoy: {','.join(kinds)}]" if kinds else ""
                print(f"  spurious {path}:{line}{tag} {line_text(base, path, line)}")

    failed = []
    for rule, p, r, *_ in rows:
        if args.min_precision is not None and p < args.min_precision:
            failed.append(f"{rule} precision {p:.3f} < {args.min_precision}")
        if args.min_recall is not None and r < args.min_recall:
            failed.append(f"{rule} recall {r:.3f} < {args.min_recall}")
    if failed:
        print("\nbelow threshold: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
