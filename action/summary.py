"""The GitHub Action's job summary: a short Markdown page from
`claimlint check --format json`, with what only the action knows (whether
the SARIF was uploaded, GitHub's limits on annotations); `claimlint check
--format markdown` is the summary for workflows without the action.
Standard library only, so it runs on any runner with a Python 3.

    python3 summary.py REPORT.json [SARIF_UPLOADED] >> "$GITHUB_STEP_SUMMARY"

It counts what the report holds and lists the first findings; it says how
many inline annotations GitHub shows at most, so a reader who sees ten
knows there may be more.
"""

import json
import sys

LISTED = 50  # findings listed in the table; the counts cover all of them


def cell(text):
    """A table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def main(argv):
    if len(argv) < 2:
        sys.exit("usage: summary.py REPORT.json [SARIF_UPLOADED]")
    sarif_uploaded = len(argv) > 2 and argv[2] == "true"
    with open(argv[1], encoding="utf-8") as f:
        report = json.load(f)
    findings = report.get("findings", [])
    errors = report.get("errors", [])
    totals = report.get("summary", {})

    by_severity = {}
    by_rule = {}
    for finding in findings:
        by_severity[finding["severity"]] = by_severity.get(finding["severity"], 0) + 1
        by_rule[finding["rule"]] = by_rule.get(finding["rule"], 0) + 1

    out = ["## claimlint", ""]
    severities = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in sorted(by_severity.items()))
    out.append(
        f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
        + (f" ({severities})" if severities else "")
        + f" in {totals.get('files', 0)} notes ({totals.get('claims', 0)} claims read)"
        + (f"; {len(errors)} file{'s' if len(errors) != 1 else ''} could not be read" if errors else "")
        + "."
    )
    if by_rule:
        out += ["", "| rule | findings |", "|---|---:|"]
        out += [f"| `{rule}` | {n} |" for rule, n in sorted(by_rule.items())]
    if findings:
        out += ["", "| where | rule | severity | message |", "|---|---|---|---|"]
        for finding in findings[:LISTED]:
            where = finding["locations"][0] if finding.get("locations") else {}
            place = f"{where.get('path', '?')}:{where.get('line', '?')}"
            out.append(
                f"| `{cell(place)}` | `{finding['rule']}` | {finding['severity']} | {cell(finding['message'])} |"
            )
        if len(findings) > LISTED:
            out.append(f"\n… and {len(findings) - LISTED} more: every finding is in the job log.")
        out += [
            "",
            "GitHub shows at most 10 error, 10 warning and 10 notice annotations of a step inline "
            "(50 in all per job); the job log has every finding"
            + (", and the SARIF upload puts every one in code scanning." if sarif_uploaded else "."),
        ]
    if errors:
        out += ["", "Not checked:", ""]
        out += [f"- {cell(e['message'])}" for e in errors]
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv)
