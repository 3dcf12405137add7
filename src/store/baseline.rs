//! Baselines: today's findings, recorded so that only new ones are reported.
//!
//! A finding's identity is its rule, its subject (the deal, the user and
//! the kind of provider, the misspelled word and its fix) and the set of
//! distinct values or sides it sets against each other: never counts, line
//! numbers or the notes that say it. So a new note that repeats a side
//! already recorded brings nothing back, and a new distinct value does.
//!
//! A finding about one place (a misspelling, an unused suppression) has no
//! sides; for those the baseline counts how many each note had, as ESLint's
//! bulk suppressions do, and a note with more than it had reports the
//! excess.
//!
//! Version 1 baselines (identity from the message, whose mention counts
//! changed with every agreeing note) are still honoured as they were.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::source::fnv1a;
use crate::sources::Sources;

/// The version [`Baseline::of`] writes.
const VERSION: u32 = 2;

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
    /// The message of the first such finding, for the reader of the file.
    pub message: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sides: Vec<String>,
    /// The note, for a finding about one place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// How many such findings there were (in that note).
    #[serde(default = "one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read the baseline {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path} is not a claimlint baseline: {source}")]
    Parse { path: String, source: serde_json::Error },
    #[error("the baseline {path} has version {version}, newer than this claimlint reads (up to {VERSION})")]
    Version { path: String, version: u32 },
    #[error("cannot write the baseline {path}: {source}")]
    Write { path: String, source: std::io::Error },
}

/// The identity of a finding: its rule, subject and sides.
pub fn fingerprint(f: &Finding) -> String {
    let mut parts = vec![f.rule, f.subject.as_str()];
    parts.extend(f.sides.iter().map(String::as_str));
    format!("{:016x}", fnv1a(&parts))
}

/// The note a finding about one place is counted in; `None` for a finding
/// that sets sides against each other, which is counted across the notes.
pub fn place<'s>(f: &Finding, sources: &'s Sources<'_>) -> Option<&'s str> {
    if !f.sides.is_empty() {
        return None;
    }
    f.locations.first().map(|l| sources.doc(l.doc).path.as_str())
}

/// The version 1 identity: the rule, the message and each location's path
/// and text.
fn fingerprint_v1(f: &Finding, sources: &Sources<'_>) -> String {
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
    /// The findings, one entry per identity (and note, for findings about
    /// one place), sorted so that the file diffs well.
    pub fn of(findings: &[Finding], sources: &Sources<'_>) -> Self {
        let mut entries: HashMap<(String, Option<&str>), Entry> = HashMap::new();
        for f in findings {
            let fp = fingerprint(f);
            let path = place(f, sources);
            entries.entry((fp.clone(), path)).and_modify(|e| e.count += 1).or_insert_with(|| Entry {
                fingerprint: fp,
                rule: f.rule.to_owned(),
                message: f.message.clone(),
                subject: f.subject.clone(),
                sides: f.sides.clone(),
                path: path.map(str::to_owned),
                count: 1,
            });
        }
        let mut findings: Vec<Entry> = entries.into_values().collect();
        findings.sort_by(|a, b| {
            (&a.rule, &a.subject, &a.sides, &a.path, &a.fingerprint).cmp(&(
                &b.rule,
                &b.subject,
                &b.sides,
                &b.path,
                &b.fingerprint,
            ))
        });
        Baseline { version: VERSION, findings }
    }

    pub fn read(path: &Path) -> Result<Self, BaselineError> {
        let shown = path.display().to_string();
        let text =
            fs::read_to_string(path).map_err(|source| BaselineError::Read { path: shown.clone(), source })?;
        let baseline: Baseline = serde_json::from_str(&text)
            .map_err(|source| BaselineError::Parse { path: shown.clone(), source })?;
        if baseline.version > VERSION {
            return Err(BaselineError::Version { path: shown, version: baseline.version });
        }
        Ok(baseline)
    }

    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serialises");
        text.push('\n');
        fs::write(path, text)
            .map_err(|source| BaselineError::Write { path: path.display().to_string(), source })
    }

    /// Removes the recorded findings: of each identity (in each note, for a
    /// finding about one place) as many as were recorded. The excess stays,
    /// the last ones in report order, which is where a new copy usually is.
    pub fn filter(&self, findings: &mut Vec<Finding>, sources: &Sources<'_>) {
        if self.version < 2 {
            let known: std::collections::HashSet<&str> =
                self.findings.iter().map(|e| e.fingerprint.as_str()).collect();
            findings.retain(|f| !known.contains(fingerprint_v1(f, sources).as_str()));
            return;
        }
        let mut allowed: HashMap<(String, Option<String>), usize> = HashMap::new();
        for e in &self.findings {
            *allowed.entry((e.fingerprint.clone(), e.path.clone())).or_default() += e.count;
        }
        let keep: Vec<bool> = findings
            .iter()
            .map(|f| {
                let key = (fingerprint(f), place(f, sources).map(str::to_owned));
                match allowed.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect();
        let mut keep = keep.into_iter();
        findings.retain(|_| keep.next().unwrap_or(true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Location, Severity};
    use crate::source::{Document, Span};

    fn finding(rule: &'static str, doc: u32, subject: &str, sides: &[&str], message: &str) -> Finding {
        Finding {
            rule,
            severity: Severity::Error,
            message: message.into(),
            locations: vec![Location { doc, span: Span::new(0, 1), label: "".into() }],
            fix: None,
            omitted: 0,
            subject: subject.into(),
            sides: sides.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn identity_is_rule_subject_and_sides_not_counts() {
        let a = finding("amount-conflict", 0, "Amazon → Anthropic", &["$4B", "$8B"], "… (2 mentions) …");
        let b = finding("amount-conflict", 1, "Amazon → Anthropic", &["$4B", "$8B"], "… (3 mentions) …");
        let c = finding("amount-conflict", 0, "Amazon → Anthropic", &["$4B", "$8B", "$9B"], "…");
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_ne!(fingerprint(&a), fingerprint(&c));
        assert_eq!(fingerprint(&a).len(), 16);
    }

    #[test]
    fn an_agreeing_note_stays_hidden_and_a_new_value_does_not() {
        let docs = [Document::new("a.md", "x"), Document::new("b.md", "x")];
        let sources = Sources::new(&docs);
        let old = finding("amount-conflict", 0, "deal", &["$4B", "$8B"], "(1 mention)");
        let baseline = Baseline::of(&[old], &sources);
        let mut now = vec![finding("amount-conflict", 1, "deal", &["$4B", "$8B"], "(2 mentions)")];
        baseline.filter(&mut now, &sources);
        assert!(now.is_empty());
        let mut now = vec![finding("amount-conflict", 1, "deal", &["$4B", "$8B", "$9B"], "")];
        baseline.filter(&mut now, &sources);
        assert_eq!(now.len(), 1);
    }

    #[test]
    fn places_are_counted_per_note_and_the_excess_reported() {
        let docs = [Document::new("a.md", "x"), Document::new("b.md", "x")];
        let sources = Sources::new(&docs);
        let tranium = |doc| finding("misspelled-name", doc, "Tranium → Trainium", &[], "m");
        let baseline = Baseline::of(&[tranium(1)], &sources);
        assert_eq!(baseline.findings[0].path.as_deref(), Some("b.md"));
        let mut now = vec![tranium(0), tranium(1), tranium(1)];
        baseline.filter(&mut now, &sources);
        // a.md never had one; b.md had one and now has two.
        assert_eq!(now.iter().map(|f| f.locations[0].doc).collect::<Vec<_>>(), [0, 1]);
    }

    #[test]
    fn written_baselines_are_sorted_and_counted() {
        let docs = [Document::new("a.md", "x")];
        let sources = Sources::new(&docs);
        let fs = [
            finding("misspelled-name", 0, "Tranium → Trainium", &[], "t"),
            finding("amount-conflict", 0, "deal", &["$1B", "$2B"], "d"),
            finding("misspelled-name", 0, "Tranium → Trainium", &[], "t"),
        ];
        let b = Baseline::of(&fs, &sources);
        let rules: Vec<(&str, usize)> = b.findings.iter().map(|e| (e.rule.as_str(), e.count)).collect();
        assert_eq!(rules, [("amount-conflict", 1), ("misspelled-name", 2)]);
        let json = serde_json::to_string(&b).unwrap();
        assert!(!json.contains("time"), "{json}");
    }

    #[test]
    fn version_1_baselines_match_as_before() {
        let docs = [Document::new("n.md", "Tranium\n")];
        let sources = Sources::new(&docs);
        let f = finding("misspelled-name", 0, "Tranium → Trainium", &[], "m");
        let old = Baseline {
            version: 1,
            findings: vec![Entry {
                fingerprint: fingerprint_v1(&f, &sources),
                rule: f.rule.into(),
                message: "m".into(),
                subject: String::new(),
                sides: Vec::new(),
                path: None,
                count: 1,
            }],
        };
        let mut now = vec![f.clone(), finding("misspelled-name", 0, "x", &[], "other")];
        old.filter(&mut now, &sources);
        assert_eq!(now.len(), 1);
        assert_eq!(now[0].message, "other");
    }
}
