//! Baselines: today's findings, recorded so that only new ones are reported.
//!
//! A finding is identified by a fingerprint of its rule, its message (which
//! names the subject and the values) and the path and text of each
//! location. Line numbers are not part of it, so edits elsewhere in a note
//! do not bring a recorded finding back.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::report::Sources;

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read the baseline {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path} is not a claimlint baseline: {source}")]
    Parse { path: String, source: serde_json::Error },
    #[error("cannot write the baseline {path}: {source}")]
    Write { path: String, source: std::io::Error },
}

/// FNV-1a, 64 bits: small, stable across platforms and releases.
pub(crate) fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The identity of a finding, stable when unrelated lines move.
pub fn fingerprint(f: &Finding, sources: &Sources<'_>) -> String {
    let mut places: Vec<(&str, String)> = f
        .locations
        .iter()
        .map(|l| {
            let text = sources.text(l.doc);
            (sources.doc(l.doc).path.as_str(), text.text.get(l.span.range()).unwrap_or("").to_owned())
        })
        .collect();
    places.sort_unstable();
    let mut parts = vec![f.rule, f.message.as_str()];
    for (path, text) in &places {
        parts.push(path);
        parts.push(text);
    }
    format!("{:016x}", fnv1a(&parts))
}

impl Baseline {
    pub fn of(findings: &[Finding], sources: &Sources<'_>) -> Self {
        let findings = findings
            .iter()
            .map(|f| Entry {
                fingerprint: fingerprint(f, sources),
                rule: f.rule.to_owned(),
                message: f.message.clone(),
            })
            .collect();
        Baseline { version: 1, findings }
    }

    pub fn read(path: &Path) -> Result<Self, BaselineError> {
        let shown = path.display().to_string();
        let text =
            fs::read_to_string(path).map_err(|source| BaselineError::Read { path: shown.clone(), source })?;
        serde_json::from_str(&text).map_err(|source| BaselineError::Parse { path: shown, source })
    }

    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serialises");
        text.push('\n');
        fs::write(path, text)
            .map_err(|source| BaselineError::Write { path: path.display().to_string(), source })
    }

    /// Whether the finding was recorded.
    pub fn contains(&self, f: &Finding, sources: &Sources<'_>) -> bool {
        let fp = fingerprint(f, sources);
        self.findings.iter().any(|e| e.fingerprint == fp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Location, Severity};
    use crate::source::{Document, Span};

    #[test]
    fn fingerprints_ignore_line_moves() {
        let a = [Document::new("n.md", "Tranium\n")];
        let b = [Document::new("n.md", "\n\nIntro.\n\nTranium\n")];
        let finding = |start| Finding {
            rule: "misspelled-name",
            severity: Severity::Error,
            message: "m".into(),
            locations: vec![Location { doc: 0, span: Span::new(start, start + 7), label: String::new() }],
            fix: None,
            omitted: 0,
        };
        let fa = fingerprint(&finding(0), &Sources::new(&a));
        let fb = fingerprint(&finding(10), &Sources::new(&b));
        assert_eq!(fa, fb);
        assert_eq!(fa.len(), 16);
    }
}
