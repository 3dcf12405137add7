//! What the deal rules share: which claims describe the same deal.
//!
//! A deal is its kind, its parties and what part of it an amount measures
//! ([`DealKey`]); within a key, [`split_by_period`] separates deals of
//! different times: a stated year or round, or the note's own year when the
//! text states the deal as the note's news ("Nvidia intends to invest").
//! A claim that states no time joins the one period it can belong to: a
//! note cannot report a deal from after it was written.

use std::collections::BTreeMap;

use crate::claims::{ClaimBody, DealClaim, DealKind, DealPart, Ordinal};
use crate::lexicon::{EntityId, Lexicon};
use crate::rules::Context;
use crate::source::{DocId, Span};

/// Deals are compared within a key: same kind, same payer and payee, same
/// part of the deal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DealKey {
    pub kind: DealKind,
    pub part: DealPart,
    pub payer: EntityId,
    pub payee: EntityId,
}

/// A deal claim and where it was made.
#[derive(Clone)]
pub struct DealRef<'a> {
    pub doc: DocId,
    pub span: Span,
    pub deal: &'a DealClaim,
    /// The note's date, as written in its front matter or header.
    pub date: Option<&'a str>,
}

impl DealRef<'_> {
    /// The year of the note the claim is in.
    pub(crate) fn note_year(&self) -> Option<u16> {
        self.date.and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
    }

    /// When the deal happened, where the claim says: a stated year or
    /// round, the note's year for news stated as current, or for a running
    /// total the note's month (a total is true as of its note).
    pub(crate) fn period(&self) -> Option<Period> {
        let d = self.deal;
        if d.part == DealPart::Cumulative {
            return self
                .date
                .map(|date| Period { year: None, round: Some(date.get(..7).unwrap_or(date).to_owned()) });
        }
        let year = d.year.or_else(|| d.current.then(|| self.note_year()).flatten());
        (year.is_some() || d.round.is_some()).then(|| Period { year, round: d.round.clone() })
    }
}

/// When a deal happened: a year, a round, or both (for a running total,
/// its note's month, as `round`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Period {
    pub(crate) year: Option<u16>,
    pub(crate) round: Option<String>,
}

impl DealKey {
    pub fn of(lexicon: &Lexicon, deal: &DealClaim) -> Self {
        let (mut payer, mut payee) = (deal.investor.entity, deal.recipient.entity);
        if deal.kind == DealKind::Spending {
            // Amazon and AWS, Google and Google Cloud: the same provider.
            payer = lexicon.implied_cloud(payer).unwrap_or(payer);
            payee = lexicon.implied_cloud(payee).unwrap_or(payee);
            if payee < payer {
                std::mem::swap(&mut payer, &mut payee);
            }
        }
        Self { kind: deal.kind, part: deal.part, payer, payee }
    }

    pub fn describe(&self, lexicon: &Lexicon) -> String {
        let (a, b) = (lexicon.name(self.payer), lexicon.name(self.payee));
        match (self.kind, self.part) {
            (DealKind::Investment, DealPart::Cumulative) => {
                format!("{a}'s total investment in {b}")
            }
            (DealKind::Investment, DealPart::Tranche) => {
                format!("a tranche of {a}'s investment in {b}")
            }
            (DealKind::Investment, DealPart::Whole) => format!("{a}'s investment in {b}"),
            (DealKind::Spending, _) => format!("the spending commitment between {a} and {b}"),
            (DealKind::Acquisition, _) => format!("{a}'s acquisition of {b}"),
        }
    }
}

/// Every deal claim (but those said not to happen), grouped by deal key.
/// Only groups with a claim in focus are kept: the others cannot yield a
/// reported finding. Made once per run and shared by the deal rules.
pub fn by_deal<'c, 'a>(cx: &'c Context<'a>) -> &'c BTreeMap<DealKey, Vec<DealRef<'a>>> {
    cx.deals.get_or_init(|| {
        let mut groups: BTreeMap<DealKey, Vec<DealRef<'a>>> = BTreeMap::new();
        for (doc, ex) in cx.docs.iter().enumerate() {
            for claim in &ex.claims {
                if let ClaimBody::Deal(deal) = &claim.body {
                    if !deal.negated {
                        groups.entry(DealKey::of(cx.lexicon, deal)).or_default().push(DealRef {
                            doc: doc as DocId,
                            span: claim.span,
                            deal,
                            date: claim.date.as_deref(),
                        });
                    }
                }
            }
        }
        groups.retain(|_, refs| refs.iter().any(|r| cx.in_focus(r.doc)));
        groups
    })
}

/// Splits one deal key's claims by period. A claim with a period is in its
/// period's group; a claim without one joins the only period it can be
/// (none later than its note), and is left out when it could be several.
/// A follow-on deal named without a period ("another $4 billion") is kept
/// apart from deals of no period. Claims that no period can take are
/// compared with each other.
///
/// Within a period, deals the text numbers ("the second $4 billion") are
/// apart from each other; an unnumbered one goes with the only numbered one
/// of its period, if there is just one.
pub fn split_by_period<'a, 'b>(claims: &'b [DealRef<'a>]) -> Vec<Vec<&'b DealRef<'a>>> {
    let mut periods: Vec<Period> = claims.iter().filter_map(DealRef::period).collect();
    periods.sort();
    periods.dedup();
    let mut groups: Vec<Vec<&'b DealRef<'a>>> = vec![Vec::new(); periods.len()];
    let (mut floating, mut follow_ons) = (Vec::new(), Vec::new());
    for r in claims {
        if let Some(p) = r.period() {
            let i = periods.binary_search(&p).expect("every period is listed");
            groups[i].push(r);
            continue;
        }
        if r.deal.ordinal.is_some() {
            follow_ons.push(r);
            continue;
        }
        let note_year = r.note_year();
        let possible: Vec<usize> = (0..periods.len())
            .filter(|&i| match (periods[i].year, note_year) {
                (Some(y), Some(n)) => y <= n,
                _ => true,
            })
            .collect();
        match possible.as_slice() {
            [] => floating.push(r),
            [only] => groups[*only].push(r),
            _ => {}
        }
    }
    groups.push(floating);
    groups.push(follow_ons);
    groups.into_iter().filter(|g| !g.is_empty()).flat_map(|g| split_by_number(&g)).collect()
}

/// Splits a period's deals by the number the text gives them.
fn split_by_number<'a, 'b>(claims: &[&'b DealRef<'a>]) -> Vec<Vec<&'b DealRef<'a>>> {
    let number = |r: &DealRef<'_>| r.deal.ordinal.filter(|o| *o != Ordinal::Another);
    let mut numbers: Vec<Ordinal> = claims.iter().filter_map(|r| number(r)).collect();
    numbers.sort();
    numbers.dedup();
    if numbers.len() <= 1 {
        return vec![claims.to_vec()];
    }
    // "another $4 billion" is not the first: beside a first and one other
    // numbered deal of its period, it is that other one.
    let later: Vec<Ordinal> = numbers.iter().copied().filter(|n| *n != Ordinal::First).collect();
    let another = |r: &DealRef<'_>| r.deal.ordinal == Some(Ordinal::Another);
    let place = |r: &DealRef<'_>| match number(r) {
        Some(n) => Some(n),
        None if another(r) && later.len() == 1 => Some(later[0]),
        None => None,
    };
    let mut out: Vec<Vec<&'b DealRef<'a>>> =
        numbers.iter().map(|&n| claims.iter().copied().filter(|r| place(r) == Some(n)).collect()).collect();
    let unnumbered: Vec<&'b DealRef<'a>> = claims.iter().copied().filter(|r| place(r).is_none()).collect();
    if !unnumbered.is_empty() {
        out.push(unnumbered);
    }
    out
}

/// Splits a group of tranches by which tranche they name: only tranches
/// the text numbers alike ("the second tranche") are the same tranche.
/// With `loose`, a further part named without a number ("another $4
/// billion", "the new money") goes with every numbered one.
pub fn split_by_ordinal<'a, 'b>(claims: &[&'b DealRef<'a>], loose: bool) -> Vec<Vec<&'b DealRef<'a>>> {
    let numbered = |o: Option<Ordinal>| o.filter(|o| *o != Ordinal::Another);
    let mut ordinals: Vec<Ordinal> = claims.iter().filter_map(|r| numbered(r.deal.ordinal)).collect();
    ordinals.sort();
    ordinals.dedup();
    let mut out: Vec<Vec<&'b DealRef<'a>>> = ordinals
        .iter()
        .map(|&o| {
            claims
                .iter()
                .copied()
                .filter(|r| match numbered(r.deal.ordinal) {
                    Some(x) => x == o,
                    None => loose,
                })
                .collect()
        })
        .collect();
    if loose && ordinals.is_empty() {
        out.push(claims.to_vec());
    }
    out
}
