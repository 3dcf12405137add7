//! `--format json`: one document with every finding, for machines.

use std::io::{self, Write};

use serde::Serialize;

use super::{Resolved, Run, Summary};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    locations: Vec<JsonLocation<'a>>,
    fix: Option<JsonFix<'a>>,
    /// Locations left out of a finding with very many (see `MAX_LOCATIONS_PER_LABEL`).
    #[serde(skip_serializing_if = "is_zero")]
    omitted_locations: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    #[serde(flatten)]
    at: Resolved<'a>,
    label: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    path: &'a str,
    byte_start: usize,
    byte_end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: String,
}

pub fn write(run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    let findings = run
        .findings
        .iter()
        .map(|f| JsonFinding {
            rule: f.rule,
            severity: f.severity.as_str(),
            message: &f.message,
            locations: f
                .locations
                .iter()
                .map(|l| JsonLocation { at: run.resolve(l), label: &l.label })
                .collect(),
            fix: f.fix.as_ref().map(|x| JsonFix {
                path: &run.sources.doc(x.doc).path,
                byte_start: x.span.start(),
                byte_end: x.span.end(),
                replacement: &x.replacement,
            }),
            omitted_locations: f.omitted,
        })
        .collect();
    let errors = run.errors.iter().map(|e| JsonError { path: e.path(), message: e.to_string() }).collect();
    let output = Output { version: 1, findings, errors, summary: run.summary };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
