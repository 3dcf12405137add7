//! The deal ledger (`claimlint deals`): every deal the notes state, each
//! figure with the notes that state it, and whether the deal is in
//! conflict.
//!
//! The ledger groups claims exactly as the deal rules do ([`by_deal`],
//! [`split_by_period`], [`split_by_ordinal`] for tranches), and a deal is in
//! conflict when the rules themselves, run once over the same claims, put
//! one of its claims in an `amount-conflict` or `condition-conflict`
//! finding: the ledger never disagrees with `claimlint check`.
//!
//! Rendering is in [`render`]; nothing here prints.

pub mod render;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::claims::{DealKind, DealPart, Extraction, Hedges, Ordinal};
use crate::finding::Finding;
use crate::lexicon::{EntityId, Lexicon};
use crate::rules::deals::{DealKey, DealRef, Period, by_deal, split_by_ordinal, split_by_period};
use crate::rules::{Context, RuleSettings};
use crate::source::{DocId, Span};

/// The rules whose findings put a deal in conflict.
pub const CONFLICT_RULES: &[&str] = &["amount-conflict", "condition-conflict"];

/// Every deal of a run.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    pub deals: Vec<Deal>,
}

/// One deal: a deal key (kind, parties, part) in one period.
#[derive(Clone, Debug)]
pub struct Deal {
    /// How the rules name the deal in their messages
    /// ("Amazon's investment in Anthropic").
    pub subject: String,
    pub kind: DealKind,
    pub part: DealPart,
    /// Who pays and who is paid, as the rules key the deal (a cloud's owner
    /// stands for its cloud in a spending commitment). A spending
    /// commitment's direction is the one most of its claims state.
    pub investor: EntityId,
    pub recipient: EntityId,
    /// Every entity its claims name as a side, before the rules' keying
    /// (Amazon as well as AWS): what `--party` matches.
    pub named: Vec<EntityId>,
    pub period: DealPeriod,
    /// Distinct figures, the one first stated (by note date) first.
    pub figures: Vec<Figure>,
    /// Whether `amount-conflict` or `condition-conflict` reports a claim of it.
    pub in_conflict: bool,
}

/// When a deal happened, as the rules tell deals apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DealPeriod {
    pub year: Option<u16>,
    /// "series c", "seed"; for a running total, its note's month ("2025-01").
    pub round: Option<String>,
    /// The number the text gives the deal or tranche ("second", "another").
    pub ordinal: Option<Ordinal>,
    /// Claims that state no period and could belong to more than one: the
    /// rules compare them with nothing.
    pub unplaced: bool,
}

/// One figure of a deal and every note that states it.
#[derive(Clone, Debug)]
pub struct Figure {
    /// [`crate::claims::Amount::describe`]; `None`: the claims state the deal
    /// without an amount.
    pub amount: Option<String>,
    /// Oldest note first; undated notes last.
    pub sources: Vec<Source>,
}

/// One claim stating a figure.
#[derive(Clone, Debug)]
pub struct Source {
    pub doc: DocId,
    /// The amount as written, else the claim's clause: where the figure is.
    pub span: Span,
    /// The note's date.
    pub date: Option<Arc<str>>,
    pub hedges: Hedges,
    /// Each condition's words as written; a right's fate at an event as
    /// "survives AGI" or "ends at AGI".
    pub conditions: Vec<String>,
    pub unconditional: bool,
    /// The claim says the deal was called off: "called off in 2025-03",
    /// "called off" (as of its note's date).
    pub called_off: Option<String>,
}

impl DealPeriod {
    /// "2026", "series c", "2024, series c", "as of 2025-01", "undated",
    /// with the deal's number ("2024 · second").
    pub fn describe(&self, part: DealPart) -> String {
        let mut text = match (self.year, &self.round) {
            _ if self.unplaced => "undated (more than one period fits)".to_owned(),
            (None, Some(month)) if part == DealPart::Cumulative => format!("as of {month}"),
            (Some(y), Some(r)) => format!("{y}, {r}"),
            (Some(y), None) => y.to_string(),
            (None, Some(r)) => r.clone(),
            (None, None) => "undated".to_owned(),
        };
        if let Some(o) = self.ordinal {
            text.push_str(" · ");
            text.push_str(ordinal_name(o));
        }
        text
    }
}

pub fn ordinal_name(o: Ordinal) -> &'static str {
    match o {
        Ordinal::Another => "another",
        Ordinal::First => "first",
        Ordinal::Second => "second",
        Ordinal::Third => "third",
        Ordinal::Final => "final",
    }
}

/// "investment", "investment tranche", "total investment to date",
/// "spending commitment", "acquisition".
pub fn kind_name(kind: DealKind, part: DealPart) -> &'static str {
    match (kind, part) {
        (DealKind::Investment, DealPart::Whole) => "investment",
        (DealKind::Investment, DealPart::Tranche) => "investment tranche",
        (DealKind::Investment, DealPart::Cumulative) => "total investment to date",
        (DealKind::Spending, DealPart::Tranche) => "spending tranche",
        (DealKind::Spending, DealPart::Cumulative) => "total spending to date",
        (DealKind::Spending, DealPart::Whole) => "spending commitment",
        (DealKind::Acquisition, _) => "acquisition",
    }
}

impl Ledger {
    /// The ledger of `extractions` (indexed by document id): groups the deal
    /// claims as the rules do and runs the deal rules once to mark the deals
    /// in conflict.
    pub fn build(extractions: &[Extraction], lexicon: &Lexicon, settings: &RuleSettings) -> Self {
        // Only the deal rules: their findings do not depend on the others'.
        let mut deal_rules = settings.clone();
        deal_rules.severities.retain(|id, _| CONFLICT_RULES.contains(id));
        let findings = crate::check_extractions(extractions, lexicon, &deal_rules);
        Self::with_findings(extractions, lexicon, &findings)
    }

    /// The ledger of `extractions`, in conflict where `findings` (of the
    /// same extractions) say.
    pub fn with_findings(extractions: &[Extraction], lexicon: &Lexicon, findings: &[Finding]) -> Self {
        let conflicts = Conflicts::of(findings);
        let settings = RuleSettings::default();
        let cx = Context::new(extractions, extractions.len(), lexicon, &settings);
        let mut deals = Vec::new();
        for (key, claims) in by_deal(&cx) {
            let subject = key.describe(lexicon);
            let mut placed: HashSet<*const DealRef<'_>> = HashSet::new();
            for period in split_by_period(claims) {
                placed.extend(period.iter().map(|r| *r as *const DealRef<'_>));
                let groups = if key.part == DealPart::Tranche {
                    // As amount-conflict compares them: only tranches
                    // numbered alike; the unnumbered ones are listed apart.
                    let mut groups = split_by_ordinal(&period, false);
                    let numbered: HashSet<*const DealRef<'_>> =
                        groups.iter().flatten().map(|r| *r as *const DealRef<'_>).collect();
                    let rest: Vec<&DealRef<'_>> =
                        period.iter().copied().filter(|r| !numbered.contains(&(*r as *const _))).collect();
                    if !rest.is_empty() {
                        groups.push(rest);
                    }
                    groups
                } else {
                    vec![period]
                };
                for group in groups {
                    deals.push(deal(lexicon, key, &subject, &group, false, &conflicts));
                }
            }
            // What the rules leave out: claims of no stated period that
            // could belong to several.
            let unplaced: Vec<&DealRef<'_>> =
                claims.iter().filter(|r| !placed.contains(&(*r as *const DealRef<'_>))).collect();
            if !unplaced.is_empty() {
                deals.push(deal(lexicon, key, &subject, &unplaced, true, &conflicts));
            }
        }
        deals.sort_by_cached_key(|d| {
            (
                lexicon.name(d.investor).to_lowercase(),
                lexicon.name(d.recipient).to_lowercase(),
                d.kind,
                d.part,
                d.period.unplaced,
                d.period.year.is_none() && d.period.round.is_none(),
                d.period.year,
                d.period.round.clone(),
                d.period.ordinal,
            )
        });
        Ledger { deals }
    }

    /// Keeps the deals `party` (or an entity it owns) takes part in.
    pub fn retain_party(&mut self, lexicon: &Lexicon, party: EntityId) {
        self.deals.retain(|d| d.named.iter().any(|&e| owned_by(lexicon, e, party)));
    }

    /// Keeps the deals in conflict.
    pub fn retain_conflicts(&mut self) {
        self.deals.retain(|d| d.in_conflict);
    }
}

/// Whether `entity` is `owner` or is owned by it, through any chain of
/// owners (Trainium → AWS → Amazon).
pub fn owned_by(lexicon: &Lexicon, entity: EntityId, owner: EntityId) -> bool {
    let mut cur = Some(entity);
    for _ in 0..16 {
        match cur {
            Some(e) if e == owner => return true,
            Some(e) => cur = lexicon.entity(e).owner,
            None => return false,
        }
    }
    false
}

/// The claims the deal rules report, by deal subject.
struct Conflicts<'f> {
    spans: HashMap<&'f str, HashSet<(DocId, Span)>>,
}

impl<'f> Conflicts<'f> {
    fn of(findings: &'f [Finding]) -> Self {
        let mut spans: HashMap<&str, HashSet<(DocId, Span)>> = HashMap::new();
        for f in findings.iter().filter(|f| CONFLICT_RULES.contains(&f.rule)) {
            spans.entry(f.subject.as_str()).or_default().extend(f.locations.iter().map(|l| (l.doc, l.span)));
        }
        Self { spans }
    }

    /// Whether a finding about `subject` points at the claim: its clause,
    /// its amount or one of its conditions (the spans those rules report).
    fn involve(&self, subject: &str, r: &DealRef<'_>) -> bool {
        let Some(spans) = self.spans.get(subject) else { return false };
        let d = r.deal;
        std::iter::once(r.span)
            .chain(d.amount.as_ref().map(|a| a.span))
            .chain(d.conditions.iter().map(|c| c.span))
            .any(|span| spans.contains(&(r.doc, span)))
    }
}

/// One deal of the ledger from its claims.
fn deal(
    lexicon: &Lexicon,
    key: &DealKey,
    subject: &str,
    claims: &[&DealRef<'_>],
    unplaced: bool,
    conflicts: &Conflicts<'_>,
) -> Deal {
    let period = claims.iter().find_map(|r| r.period()).unwrap_or(Period { year: None, round: None });
    let mut ordinals: Vec<Ordinal> = claims.iter().filter_map(|r| r.deal.ordinal).collect();
    let all_numbered = ordinals.len() == claims.len();
    ordinals.sort_unstable();
    ordinals.dedup();
    let ordinal = match ordinals.as_slice() {
        [one] if all_numbered || *one != Ordinal::Another => Some(*one),
        _ => None,
    };
    let (mut investor, mut recipient) = (key.payer, key.payee);
    if key.kind == DealKind::Spending {
        // Keyed in the lexicon's order; shown as most claims state it.
        let cloud = |e: EntityId| lexicon.implied_cloud(e).unwrap_or(e);
        let forward = claims.iter().filter(|r| cloud(r.deal.investor.entity) == key.payer).count();
        if forward * 2 < claims.len() {
            std::mem::swap(&mut investor, &mut recipient);
        }
    }
    let mut named: Vec<EntityId> = vec![key.payer, key.payee];
    named.extend(claims.iter().flat_map(|r| [r.deal.investor.entity, r.deal.recipient.entity]));
    named.sort_unstable();
    named.dedup();
    let mut figures: Vec<Figure> = Vec::new();
    let mut index: HashMap<Option<String>, usize> = HashMap::new();
    for r in claims {
        let d = r.deal;
        let amount = d.amount.as_ref().map(|a| a.describe());
        let source = Source {
            doc: r.doc,
            span: d.amount.as_ref().map_or(r.span, |a| a.span),
            date: r.date.map(Arc::from),
            hedges: d.hedges,
            conditions: d
                .conditions
                .iter()
                .map(|c| match &c.term {
                    Some(t) if t.survives => format!("survives {}", t.event.to_uppercase()),
                    Some(t) => format!("ends at {}", t.event.to_uppercase()),
                    None => c.text.clone(),
                })
                .collect(),
            unconditional: d.unconditional,
            called_off: d.called_off.as_ref().map(|e| match &e.when {
                Some(when) => format!("called off in {when}"),
                None => "called off".to_owned(),
            }),
        };
        let i = *index.entry(amount.clone()).or_insert_with(|| {
            figures.push(Figure { amount, sources: Vec::new() });
            figures.len() - 1
        });
        figures[i].sources.push(source);
    }
    for f in &mut figures {
        f.sources.sort_by(|a, b| source_order(a).cmp(&source_order(b)));
        f.sources.dedup_by(|a, b| (a.doc, a.span) == (b.doc, b.span));
    }
    figures.sort_by(|a, b| {
        let (x, y) = (a.sources.first().map(source_order), b.sources.first().map(source_order));
        x.cmp(&y).then_with(|| a.amount.cmp(&b.amount))
    });
    let in_conflict = !unplaced && claims.iter().any(|r| conflicts.involve(subject, r));
    Deal {
        subject: subject.to_owned(),
        kind: key.kind,
        part: key.part,
        investor,
        recipient,
        named,
        period: DealPeriod { year: period.year, round: period.round, ordinal, unplaced },
        figures,
        in_conflict,
    }
}

/// Oldest first, undated last, then in document order.
pub(crate) fn source_order(s: &Source) -> (bool, Option<&str>, DocId, Span) {
    (s.date.is_none(), s.date.as_deref(), s.doc, s.span)
}

impl Deal {
    /// The notes that state the deal, each once.
    pub fn notes(&self) -> usize {
        let mut docs: Vec<DocId> =
            self.figures.iter().flat_map(|f| f.sources.iter().map(|s| s.doc)).collect();
        docs.sort_unstable();
        docs.dedup();
        docs.len()
    }
}

/// Why `--party` names nobody.
#[derive(Debug, thiserror::Error)]
pub enum PartyError {
    #[error("`{name}` is not a name in the lexicon; did you mean {suggestion}?")]
    Misspelled {
        name: String,
        /// "`Amazon`", or for an alias "`Amazon Web Services` (`AWS`)".
        suggestion: String,
    },
    #[error("`{name}` is not a name in the lexicon (`[[lexicon.entity]]` in claimlint.toml adds one)")]
    Unknown { name: String },
}

/// The entity `name` names: a canonical name or an alias, in any case; a
/// near miss is an error that says what was probably meant.
pub fn resolve_party(lexicon: &Lexicon, name: &str) -> Result<EntityId, PartyError> {
    let name = name.trim();
    if let Some(id) = lexicon.get(name) {
        return Ok(id);
    }
    let wanted: Vec<char> = name.to_lowercase().chars().collect();
    // One edit in a short name, two in a longer one.
    let max = if wanted.len() >= 6 { 2 } else { 1 };
    let best = lexicon
        .entities()
        .flat_map(|(_, e)| std::iter::once(&e.name).chain(&e.aliases).map(move |n| (n, &e.name)))
        .filter_map(|(spelling, canonical)| {
            let chars: Vec<char> = spelling.to_lowercase().chars().collect();
            let d = edit_distance(&wanted, &chars);
            (d <= max).then_some((d, spelling, canonical))
        })
        // The nearest; on a tie, a canonical name before an alias.
        .min_by_key(|&(d, spelling, canonical)| (d, spelling != canonical, spelling));
    Err(match best {
        Some((_, spelling, canonical)) => PartyError::Misspelled {
            name: name.to_owned(),
            suggestion: if spelling == canonical {
                format!("`{spelling}`")
            } else {
                format!("`{spelling}` (`{canonical}`)")
            },
        },
        None => PartyError::Unknown { name: name.to_owned() },
    })
}

/// Levenshtein distance, with a transposition counted as one edit.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests;
