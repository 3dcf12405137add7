//! The rule registry. Each rule lives in its own file with its doc header,
//! its logic and its tests; this file lists them all, alphabetically.

use std::collections::BTreeMap;

use crate::claims::{Claim, ClaimBody, Extraction};
use crate::finding::{Finding, MAX_LOCATIONS_PER_LABEL, Severity};
use crate::lexicon::{EntityId, Lexicon};
use crate::source::DocId;

mod amount_conflict;
pub mod batch;
mod condition_conflict;
pub mod deals;
mod exclusivity_conflict;
mod misspelled_name;
mod stale_claim;
mod unused_suppression;

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    /// Kebab-case, names the problem: "allow amount-conflict" reads naturally.
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line, for `claimlint rules` and SARIF `shortDescription`.
    pub summary: &'static str,
    /// The rule's doc header, printed by `claimlint explain`.
    pub explanation: &'static str,
}

/// Declares a rule's metadata from its doc comment, the way clippy declares lints:
/// the `///` lines become `explanation`.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $name:ident = {
            id: $id:literal,
            severity: $severity:ident,
            summary: $summary:literal $(,)?
        };
    ) => {
        $vis static $name: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            id: $id,
            default_severity: $crate::finding::Severity::$severity,
            summary: $summary,
            explanation: concat!($($doc, "\n",)*),
        };
    };
}
pub(crate) use declare_rule;

/// Settings the rules read, resolved from defaults and configuration.
#[derive(Clone, Debug)]
pub struct RuleSettings {
    /// Relative tolerance applied around approximate amounts ("about $13B").
    pub approximate_tolerance: f64,
    /// Relative difference under which two exact amounts are taken as the same
    /// figure rounded differently ("$10 billion" and "$10.2 billion").
    pub rounding_tolerance: f64,
    /// Rule id → severity; a rule missing from the map is disabled.
    pub severities: BTreeMap<&'static str, Severity>,
}

impl Default for RuleSettings {
    fn default() -> Self {
        Self {
            approximate_tolerance: 0.15,
            rounding_tolerance: 0.0,
            severities: RULES.iter().map(|r| (r.meta().id, r.meta().default_severity)).collect(),
        }
    }
}

impl RuleSettings {
    pub fn is_enabled(&self, id: &str) -> bool {
        self.severities.contains_key(id)
    }

    pub fn severity(&self, meta: &RuleMeta) -> Severity {
        self.severities.get(meta.id).copied().unwrap_or(meta.default_severity)
    }
}

/// What a rule sees: every document's extraction (indexed by `DocId`), the
/// lexicon and the settings.
pub struct Context<'a> {
    pub docs: &'a [Extraction],
    /// The documents being checked are the first `checked`; any others are
    /// a corpus they are compared against.
    pub checked: usize,
    pub lexicon: &'a Lexicon,
    pub settings: &'a RuleSettings,
    /// The deal claims by deal key ([`deals::by_deal`]), made once for all
    /// the deal rules.
    deals: std::sync::OnceLock<BTreeMap<deals::DealKey, Vec<deals::DealRef<'a>>>>,
}

impl<'a> Context<'a> {
    pub fn new(
        docs: &'a [Extraction],
        checked: usize,
        lexicon: &'a Lexicon,
        settings: &'a RuleSettings,
    ) -> Self {
        Self { docs, checked, lexicon, settings, deals: std::sync::OnceLock::new() }
    }
}

impl Context<'_> {
    /// Whether findings in `doc` are wanted: every document's, or with a
    /// corpus only the checked ones'. A rule may skip a group of claims none
    /// of which is in focus, since no finding of it would be reported.
    pub fn in_focus(&self, doc: DocId) -> bool {
        self.checked >= self.docs.len() || (doc as usize) < self.checked
    }
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Adds this rule's findings. Rules group claims by key; none compares
    /// every claim with every other.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// Every rule, sorted by id.
pub static RULES: &[&dyn Rule] = &[
    &amount_conflict::AmountConflict,
    &condition_conflict::ConditionConflict,
    &exclusivity_conflict::ExclusivityConflict,
    &misspelled_name::MisspelledName,
    &stale_claim::StaleClaim,
    &unused_suppression::UnusedSuppression,
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().id == id)
}

/// What the rules compare claims within: a deal (amount and condition
/// conflicts) or the user of providers (exclusivity). Every claim of a
/// finding is in one group, so a note that shares no group with the
/// checked notes cannot be in a finding about them: the claims cache and
/// the language server read only the notes (or claims) of the checked
/// notes' groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    Deal(deals::DealKey),
    User(EntityId),
}

impl Group {
    /// The group `claim` is compared in, if any (a claim said not to
    /// happen is compared in none).
    pub fn of(lexicon: &Lexicon, claim: &Claim) -> Option<Self> {
        match &claim.body {
            ClaimBody::Deal(d) if !d.negated => Some(Group::Deal(deals::DealKey::of(lexicon, d))),
            ClaimBody::Usage(u) if !u.negated => Some(Group::User(u.user.entity)),
            _ => None,
        }
    }

    /// A hash of the group that stays the same across runs and builds of
    /// the same lexicon, for the claims cache.
    pub fn key(self) -> u64 {
        let mut bytes = [0u8; 11];
        match self {
            Group::Deal(key) => {
                bytes[0] = 1;
                bytes[1] = key.kind as u8;
                bytes[2] = key.part as u8;
                bytes[3..7].copy_from_slice(&key.payer.0.to_le_bytes());
                bytes[7..11].copy_from_slice(&key.payee.0.to_le_bytes());
            }
            Group::User(user) => {
                bytes[0] = 2;
                bytes[3..7].copy_from_slice(&user.0.to_le_bytes());
            }
        }
        xxhash_rust::xxh3::xxh3_64(&bytes)
    }
}

/// The [`Group::key`]s of `extraction`'s claims, sorted. Two groups that
/// share a hash only make a note be read needlessly.
pub fn group_keys(lexicon: &Lexicon, extraction: &Extraction) -> Vec<u64> {
    let mut keys: Vec<u64> =
        extraction.claims.iter().filter_map(|c| Group::of(lexicon, c)).map(Group::key).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Runs every enabled rule and returns the findings in their stable order.
pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let dates: Vec<Option<&str>> = cx.docs.iter().map(note_date).collect();
    let mut used = unused_suppression::Used::of(cx);
    let mut out = Vec::new();
    run_rules(cx, &mut out);
    settle(cx, &mut out, &mut used, |doc| dates[doc as usize]);
    finish(cx, &used, out)
}

/// A note's date as its claims carry it (its front matter's).
fn note_date(extraction: &Extraction) -> Option<&str> {
    extraction.claims.iter().filter_map(|c| c.date.as_deref()).max()
}

/// Adds the findings of every enabled rule, each at its configured severity.
fn run_rules(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for rule in RULES {
        let meta = rule.meta();
        if !cx.settings.is_enabled(meta.id) {
            continue;
        }
        let start = out.len();
        rule.check(cx, out);
        let severity = cx.settings.severity(meta);
        for f in &mut out[start..] {
            // A rule may lower a finding below its own severity (e.g. `info`
            // for compatible conditions); configuration caps the rest.
            if f.severity == meta.default_severity {
                f.severity = severity;
            }
        }
    }
}

/// Drops the suppressed findings among `found`, then caps each one's
/// places; `date` is a note's date.
fn settle<'d>(
    cx: &Context<'_>,
    found: &mut Vec<Finding>,
    used: &mut unused_suppression::Used,
    date: impl Fn(DocId) -> Option<&'d str>,
) {
    unused_suppression::suppress(cx, found, used);
    if cx.checked < cx.docs.len() {
        // A few notes against a corpus: the checked notes' side whole, the
        // corpus's newest few, as a person reviewing a draft reads it.
        for f in found.iter_mut() {
            f.anchor(|doc| cx.in_focus(doc));
            f.cap_others(MAX_LOCATIONS_PER_LABEL, |doc| cx.in_focus(doc), &date);
        }
    } else {
        for f in found.iter_mut() {
            f.cap_locations(MAX_LOCATIONS_PER_LABEL, |_| false);
        }
    }
    // A run over many notes holds every finding until they are sorted.
    for f in found {
        f.locations.shrink_to_fit();
    }
}

/// Adds the unused suppressions and puts the findings in their order: by
/// primary place, rule and message, then by every place, so that the order
/// never depends on the order the rules found them in.
fn finish(cx: &Context<'_>, used: &unused_suppression::Used, mut out: Vec<Finding>) -> Vec<Finding> {
    unused_suppression::report(cx, used, &mut out);
    out.sort_by(|a, b| {
        a.sort_key().cmp(&b.sort_key()).then_with(|| {
            let mut places = a.locations.iter().zip(&b.locations).map(|(x, y)| {
                (x.doc, x.span.start(), x.span.end(), &*x.label).cmp(&(
                    y.doc,
                    y.span.start(),
                    y.span.end(),
                    &*y.label,
                ))
            });
            places
                .find(|o| o.is_ne())
                .unwrap_or(a.locations.len().cmp(&b.locations.len()))
                .then(a.severity.cmp(&b.severity))
                .then(a.omitted.cmp(&b.omitted))
        })
    });
    out
}

/// Helpers for rule tests: check short notes with the built-in lexicon.
#[cfg(test)]
pub(crate) mod testing {
    use crate::finding::Finding;
    use crate::lexicon::Lexicon;
    use crate::source::Document;

    use super::RuleSettings;

    /// The findings of rule `id` on `notes`, each a note of its own.
    pub fn check_texts(id: &str, notes: &[&str]) -> Vec<Finding> {
        check_texts_with(&[id], notes)
    }

    /// A plain-text note of `date` (its `Date:` line) that says `text`.
    pub fn dated(date: &str, text: &str) -> String {
        format!("Date: {date}\n\n{text}\n")
    }

    /// The findings of the rules `ids` on `notes`, each a note of its own.
    pub fn check_texts_with(ids: &[&str], notes: &[&str]) -> Vec<Finding> {
        let docs: Vec<Document> =
            notes.iter().enumerate().map(|(i, t)| Document::new(format!("note{i}.txt"), *t)).collect();
        let mut settings = RuleSettings::default();
        settings.severities.retain(|k, _| ids.contains(k));
        let (_, findings) = crate::check(&docs, Lexicon::builtin(), &settings);
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_sorted_unique_and_kebab_case() {
        let ids: Vec<_> = RULES.iter().map(|r| r.meta().id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "RULES must be sorted by id, without duplicates");
        for id in ids {
            assert!(
                id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "`{id}` is not kebab-case"
            );
        }
    }

    #[test]
    fn every_explanation_has_its_sections() {
        const SECTIONS: &[&str] = &[
            "## What it catches",
            "## Why it matters",
            "## Example",
            "## Not flagged",
            "## Known limits",
            "## Silencing",
        ];
        for rule in RULES {
            let meta = rule.meta();
            let mut last = 0;
            for section in SECTIONS {
                let at = meta
                    .explanation
                    .find(section)
                    .unwrap_or_else(|| panic!("`{}` lacks `{section}`", meta.id));
                assert!(at >= last, "`{}`: `{section}` is out of order", meta.id);
                last = at;
            }
            assert!(!meta.summary.ends_with('.'), "`{}`: summary is one line without a full stop", meta.id);
        }
    }
}
