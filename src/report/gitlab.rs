//! `--format gitlab`: a GitLab Code Quality report (a JSON array of issues),
//! which a merge request shows as a widget and in its diff when the job
//! saves it as `artifacts: reports: codequality`.
//!
//! Each finding is one issue at its primary location, with the other sides
//! in the description, `check_name` the rule id, a severity GitLab knows
//! (`critical`, `major`, `minor`; claimlint's error, warning, info), and a
//! `fingerprint` that is unique in the report and stable across runs: the
//! baseline identity, the note for a finding about one place, and a count
//! for repeats (as in SARIF).

use std::io::{self, Write};

use serde::Serialize;

use super::Run;
use crate::finding::Severity;

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation,
}

#[derive(Serialize)]
struct IssueLocation {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "minor",
    }
}

pub fn write(run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    let fingerprints = super::sarif::fingerprints(run);
    let issues: Vec<Issue> = run
        .findings
        .iter()
        .zip(fingerprints)
        .filter_map(|(f, fingerprint)| {
            let primary = run.resolve(f.locations.first()?);
            let description = format!("{}{}", f.message, run.also_at(f, false));
            Some(Issue {
                description,
                check_name: f.rule,
                fingerprint,
                severity: severity(f.severity),
                location: IssueLocation {
                    path: primary.path.to_owned(),
                    lines: Lines { begin: primary.line, end: primary.end_line },
                },
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
