//! What a rule reports: data only; `report/*` turns it into bytes.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

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
    /// Pads to a width when asked (`{:<8}`): `write_str` would ignore it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!("unknown severity `{other}` (expected error, warning, warn or info)")),
        }
    }
}

/// One place a finding points at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub doc: DocId,
    pub span: Span,
    /// What this place says, as the conflict sees it. Shared: a conflict
    /// may have thousands of places and a handful of labels.
    pub label: Arc<str>,
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
    /// Locations left out by [`Finding::cap_locations`]; the message still
    /// counts every mention.
    pub omitted: usize,
    /// What the finding is about: the deal, the user and the kind of
    /// provider, the misspelled word and its fix.
    pub subject: String,
    /// The distinct values or sides set against each other, sorted; empty
    /// for a finding about one place. With the rule and the subject, the
    /// finding's identity in a baseline: never counts, lines or paths.
    pub sides: Vec<String>,
}

impl Finding {
    /// The ordering key: the primary location, then the rule and message.
    pub fn sort_key(&self) -> (DocId, usize, usize, &'static str, &str) {
        let primary = self.locations.first();
        (
            primary.map_or(DocId::MAX, |l| l.doc),
            primary.map_or(0, |l| l.span.start()),
            primary.map_or(0, |l| l.span.end()),
            self.rule,
            &self.message,
        )
    }
}

/// A finding lists at most this many locations with the same label (the
/// same side of a conflict, said the same way). A deal mentioned in thousands
/// of notes would otherwise print thousands of lines, and one more mention
/// of the majority side tells a reader nothing the first ten did not.
pub const MAX_LOCATIONS_PER_LABEL: usize = 10;

impl Finding {
    /// Makes the first location in a note for which `checked` holds the
    /// primary one, so that a finding a draft takes part in is reported on
    /// the draft (an annotation on the changed file, the draft's lines
    /// first), whichever side the rule lists first. The others keep their
    /// order.
    pub fn anchor(&mut self, checked: impl Fn(DocId) -> bool) {
        if let Some(i) = self.locations.iter().position(|l| checked(l.doc)) {
            self.locations[..=i].rotate_right(1);
        }
    }

    /// For a check of a few notes against a corpus: keeps every location in
    /// a checked note (the draft's side in full) and `limit` of the others:
    /// the newest of each label first, so that every side is seen when
    /// there are no more than `limit`, then the newest (`recency` of a
    /// document: larger is newer; ties keep the first). The rest are counted
    /// in `omitted`; the message still names every side. A deal that
    /// thousands of archived notes mention would otherwise bury the draft's
    /// one line. The kept locations keep their order.
    pub fn cap_others<K: Ord>(
        &mut self,
        limit: usize,
        checked: impl Fn(DocId) -> bool,
        recency: impl Fn(DocId) -> K,
    ) {
        let mut others: Vec<(usize, K)> = self
            .locations
            .iter()
            .enumerate()
            .filter(|(_, l)| !checked(l.doc))
            .map(|(i, l)| (i, recency(l.doc)))
            .collect();
        if others.len() <= limit {
            return;
        }
        // Newest first; among equals, the earlier location.
        others.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut labels = std::collections::HashSet::new();
        let mut keep = vec![true; self.locations.len()];
        let mut kept = 0;
        for &(i, _) in &others {
            if kept < limit && labels.insert(&*self.locations[i].label) {
                kept += 1;
            } else {
                keep[i] = false;
            }
        }
        for &(i, _) in &others {
            if !keep[i] && kept < limit {
                keep[i] = true;
                kept += 1;
            }
        }
        let before = self.locations.len();
        let mut keep = keep.into_iter();
        self.locations.retain(|_| keep.next().unwrap_or(true));
        self.omitted += before - self.locations.len();
    }

    /// Keeps the primary location, the first `per_label` locations of each
    /// label, and every location in a document for which `always` holds
    /// (the notes being checked, when a corpus is only compared against);
    /// counts the others in `omitted`.
    pub fn cap_locations(&mut self, per_label: usize, always: impl Fn(DocId) -> bool) {
        if self.locations.len() <= per_label {
            return;
        }
        let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let keep: Vec<bool> = self
            .locations
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let n = seen.entry(&*l.label).or_default();
                *n += 1;
                i == 0 || *n <= per_label || always(l.doc)
            })
            .collect();
        let before = self.locations.len();
        let mut keep = keep.into_iter();
        self.locations.retain(|_| keep.next().unwrap_or(true));
        self.omitted += before - self.locations.len();
    }
}

/// Sorts locations by document and position, dropping repeats of a span.
pub fn sort_locations(locations: &mut Vec<Location>) {
    locations.sort_by_key(|l| (l.doc, l.span));
    locations.dedup_by_key(|l| (l.doc, l.span));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(labels: &[(DocId, &str)]) -> Finding {
        Finding {
            rule: "amount-conflict",
            severity: Severity::Error,
            message: String::new(),
            locations: labels
                .iter()
                .enumerate()
                .map(|(i, &(doc, label))| Location { doc, span: Span::new(i, i + 1), label: label.into() })
                .collect(),
            fix: None,
            omitted: 0,
            subject: String::new(),
            sides: Vec::new(),
        }
    }

    #[test]
    fn anchoring_puts_the_checked_note_first_and_keeps_the_rest_in_order() {
        let mut f = finding(&[(3, "exclusively Azure"), (4, "exclusively Azure"), (0, "uses AWS"), (1, "x")]);
        f.anchor(|doc| doc < 2);
        let docs: Vec<DocId> = f.locations.iter().map(|l| l.doc).collect();
        assert_eq!(docs, [0, 3, 4, 1]);
        // Nothing checked, nothing moved.
        f.anchor(|_| false);
        assert_eq!(f.locations[0].doc, 0);
    }

    #[test]
    fn a_severity_pads_to_the_width_asked() {
        // `claimlint rules` and tables line up only if it does.
        assert_eq!(format!("[{:<7}]", Severity::Error), "[error  ]");
        assert_eq!(format!("[{:>7}]", Severity::Info), "[   info]");
        assert_eq!(Severity::Warning.to_string(), "warning");
    }

    #[test]
    fn against_a_corpus_the_checked_side_stays_whole_and_the_newest_others_are_kept() {
        // Doc 0 is the draft; the others' recency is their number.
        let mut labels = vec![(0, "$25B"), (0, "$25B again")];
        labels.extend((1..=30).map(|d| (d, "$20B")));
        let mut f = finding(&labels);
        f.cap_others(10, |doc| doc == 0, |doc| doc);
        let docs: Vec<DocId> = f.locations.iter().map(|l| l.doc).collect();
        assert_eq!(docs, [0, 0, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
        assert_eq!(f.omitted, 20);
        // The one old note on the other side is kept, however many newer
        // notes agree with the draft.
        let mut labels = vec![(0, "$50B"), (1, "$10B")];
        labels.extend((2..=40).map(|d| (d, "$50B")));
        let mut f = finding(&labels);
        f.cap_others(10, |doc| doc == 0, |doc| doc);
        let docs: Vec<DocId> = f.locations.iter().map(|l| l.doc).collect();
        assert_eq!(docs, [0, 1, 32, 33, 34, 35, 36, 37, 38, 39, 40]);
        // Few others: nothing to leave out.
        let mut f = finding(&[(0, "a"), (1, "b"), (2, "c")]);
        f.cap_others(10, |doc| doc == 0, |doc| doc);
        assert_eq!((f.locations.len(), f.omitted), (3, 0));
    }

    #[test]
    fn capping_keeps_every_side_and_counts_the_rest() {
        let mut labels = vec![(0, "up to $10B")];
        labels.extend((1..=30).map(|d| (d, "$50B")));
        labels.push((31, "$12B"));
        let mut f = finding(&labels);
        f.cap_locations(10, |_| false);
        assert_eq!(f.locations.len(), 1 + 10 + 1);
        assert_eq!(f.omitted, 20);
        assert_eq!(&*f.locations[0].label, "up to $10B");
        assert_eq!(&*f.locations.last().unwrap().label, "$12B");
        // The first ten of the large side, in order.
        assert_eq!(f.locations[10].doc, 10);
    }

    #[test]
    fn capping_keeps_the_checked_notes_and_the_primary() {
        let mut labels = vec![(5, "$50B")];
        labels.extend((6..40).map(|d| (d, "$50B")));
        let mut f = finding(&labels);
        f.cap_locations(3, |doc| doc == 39);
        let docs: Vec<DocId> = f.locations.iter().map(|l| l.doc).collect();
        assert_eq!(docs, [5, 6, 7, 39]);
        assert_eq!(f.omitted, 31);
    }

    #[test]
    fn small_findings_are_left_alone() {
        let mut f = finding(&[(0, "a"), (1, "a"), (2, "a")]);
        f.cap_locations(3, |_| false);
        assert_eq!((f.locations.len(), f.omitted), (3, 0));
    }
}
