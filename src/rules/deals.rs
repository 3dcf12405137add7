//! What the deal rules share: which claims describe the same deal.

use std::collections::BTreeMap;

use crate::claims::{ClaimBody, DealClaim, DealKind, DealPart};
use crate::lexicon::{EntityId, Lexicon};
use crate::rules::Context;
use crate::source::{DocId, Span};

/// The identity of a deal: who pays whom, for what. A spending commitment
/// is keyed by the unordered pair, since either side may be named first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DealKey {
    pub kind: DealKind,
    pub part: DealPart,
    pub payer: EntityId,
    pub payee: EntityId,
}

/// A deal claim and where it was made.
pub struct DealRef<'a> {
    pub doc: DocId,
    pub span: Span,
    pub deal: &'a DealClaim,
}

impl DealKey {
    pub fn of(deal: &DealClaim) -> Self {
        let (mut payer, mut payee) = (deal.investor.entity, deal.recipient.entity);
        if deal.kind == DealKind::Spending && payee < payer {
            std::mem::swap(&mut payer, &mut payee);
        }
        Self { kind: deal.kind, part: deal.part, payer, payee }
    }

    /// "Amazon's investment in OpenAI".
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

/// Every affirmative deal claim, grouped by deal, in document order; only
/// the deals that a checked document names (see [`Context::in_focus`]).
pub fn by_deal<'a>(cx: &Context<'a>) -> BTreeMap<DealKey, Vec<DealRef<'a>>> {
    let mut groups: BTreeMap<DealKey, Vec<DealRef<'a>>> = BTreeMap::new();
    for (doc, ex) in cx.docs.iter().enumerate() {
        for claim in &ex.claims {
            if let ClaimBody::Deal(deal) = &claim.body {
                if !deal.negated {
                    groups.entry(DealKey::of(deal)).or_default().push(DealRef {
                        doc: doc as DocId,
                        span: claim.span,
                        deal,
                    });
                }
            }
        }
    }
    groups.retain(|_, refs| refs.iter().any(|r| cx.in_focus(r.doc)));
    groups
}

/// Splits a deal's claims by the year or round they state, when they state
/// different ones; claims that state none cannot be placed and are left out.
pub fn split_by_period<'a, 'b>(claims: &'b [DealRef<'a>]) -> Vec<Vec<&'b DealRef<'a>>> {
    let period = |r: &DealRef<'_>| (r.deal.year, r.deal.round.clone());
    let mut periods: Vec<_> = claims.iter().map(period).filter(|p| *p != (None, None)).collect();
    periods.sort();
    periods.dedup();
    if periods.len() <= 1 {
        return vec![claims.iter().collect()];
    }
    periods.into_iter().map(|p| claims.iter().filter(|r| period(r) == p).collect()).collect()
}
