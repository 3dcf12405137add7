//! What a rule reports: data only; `report/*` turns it into bytes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::source::{DocId, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!("unknown severity `{other}` (expected error, warning or info)")),
        }
    }
}

/// One place a finding points at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub doc: DocId,
    pub span: Span,
    pub label: String,
}

/// A replacement that resolves the finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub doc: DocId,
    pub span: Span,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The primary location first, then every other side of the conflict.
    pub locations: Vec<Location>,
    pub fix: Option<Fix>,
}

impl Finding {
    /// The ordering key: the primary location, then the rule and message.
    pub fn sort_key(&self) -> (DocId, usize, usize, &'static str, &str) {
        let primary = self.locations.first();
        (
            primary.map_or(DocId::MAX, |l| l.doc),
            primary.map_or(0, |l| l.span.start),
            primary.map_or(0, |l| l.span.end),
            self.rule,
            &self.message,
        )
    }
}

/// Sorts locations by document and position, dropping repeats of a span.
pub fn sort_locations(locations: &mut Vec<Location>) {
    locations.sort_by_key(|l| (l.doc, l.span));
    locations.dedup_by_key(|l| (l.doc, l.span));
}
