//! `claimlint extract`: the claims understood, one JSON object a line.

use std::io::{self, Write};

use serde::Serialize;

use super::{Resolved, Sources};
use crate::claims::{Amount, ClaimBody, Condition, Extraction, Party};
use crate::lexicon::Lexicon;

#[derive(Serialize)]
struct Named<'a> {
    name: &'a str,
    #[serde(flatten)]
    at: Resolved<'a>,
}

#[derive(Serialize)]
struct JsonAmount<'a> {
    value: Option<serde_json::Number>,
    min: Option<serde_json::Number>,
    max: Option<serde_json::Number>,
    min_inclusive: bool,
    max_inclusive: bool,
    currency: Option<&'a str>,
    approximate: bool,
    vague: bool,
    #[serde(flatten)]
    at: Resolved<'a>,
}

#[derive(Serialize)]
struct JsonCondition<'a> {
    /// What is required, as read ("Anthropic using Trainium"); `text` (from
    /// `at`) is the span of the note it was read from.
    condition: &'a str,
    uses: Option<(&'a str, &'a str)>,
    #[serde(flatten)]
    at: Resolved<'a>,
}

// One line is built and written at a time: the size of a variant is no cost.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum Line<'a> {
    Deal {
        deal: crate::claims::DealKind,
        investor: Named<'a>,
        recipient: Named<'a>,
        amount: Option<JsonAmount<'a>>,
        part: crate::claims::DealPart,
        negated: bool,
        conditions: Vec<JsonCondition<'a>>,
        unconditional: bool,
        hedges: &'a [crate::claims::Hedge],
        round: Option<&'a str>,
        year: Option<u16>,
        date: Option<&'a str>,
        /// Called off, frozen or never signed: as of when, if the text says.
        called_off: Option<&'a crate::claims::Ending>,
        #[serde(flatten)]
        at: Resolved<'a>,
    },
    Usage {
        user: Named<'a>,
        provider: Named<'a>,
        obligation: crate::claims::Obligation,
        exclusivity: crate::claims::Exclusivity,
        negated: bool,
        hedges: &'a [crate::claims::Hedge],
        date: Option<&'a str>,
        /// The text says the exclusivity ended: as of when, if it says.
        ended: Option<&'a crate::claims::Ending>,
        #[serde(flatten)]
        at: Resolved<'a>,
    },
    Entity {
        name: &'a str,
        entity_kind: crate::lexicon::EntityKind,
        #[serde(flatten)]
        at: Resolved<'a>,
    },
    Amount(JsonAmount<'a>),
}

/// A JSON number: an integer when the amount is whole (exact up to 2^63),
/// otherwise the nearest double.
fn num(d: Option<rust_decimal::Decimal>) -> Option<serde_json::Number> {
    use rust_decimal::prelude::ToPrimitive;
    let d = d?;
    if d.fract().is_zero() {
        if let Some(i) = d.to_i64() {
            return Some(i.into());
        }
    }
    d.to_f64().and_then(serde_json::Number::from_f64)
}

fn json_amount<'a>(sources: &Sources<'a>, doc: u32, a: &'a Amount) -> JsonAmount<'a> {
    JsonAmount {
        value: num(a.value),
        min: num(a.min),
        max: num(a.max),
        min_inclusive: a.min_inclusive,
        max_inclusive: a.max_inclusive,
        currency: a.currency.as_deref(),
        approximate: a.approximate,
        vague: a.vague,
        at: sources.resolve(doc, a.span),
    }
}

fn json_condition<'a>(
    sources: &Sources<'a>,
    lexicon: &'a Lexicon,
    doc: u32,
    c: &'a Condition,
) -> JsonCondition<'a> {
    JsonCondition {
        condition: &c.text,
        uses: c.usage.map(|u| (lexicon.name(u.user), lexicon.name(u.provider))),
        at: sources.resolve(doc, c.span),
    }
}

pub fn write(
    sources: &Sources<'_>,
    extractions: &[Extraction],
    lexicon: &Lexicon,
    mentions: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (doc, ex) in extractions.iter().enumerate() {
        let doc = doc as u32;
        let at = |span| sources.resolve(doc, span);
        let named = |p: &Party| Named { name: lexicon.name(p.entity), at: at(p.span) };
        let amount = |a| json_amount(sources, doc, a);
        let condition = |c| json_condition(sources, lexicon, doc, c);
        for claim in &ex.claims {
            let line = match &claim.body {
                ClaimBody::Deal(d) => Line::Deal {
                    deal: d.kind,
                    investor: named(&d.investor),
                    recipient: named(&d.recipient),
                    amount: d.amount.as_ref().map(amount),
                    part: d.part,
                    negated: d.negated,
                    conditions: d.conditions.iter().map(condition).collect(),
                    unconditional: d.unconditional,
                    hedges: &d.hedges,
                    round: d.round.as_deref(),
                    year: d.year,
                    date: claim.date.as_deref(),
                    called_off: d.called_off.as_ref(),
                    at: at(claim.span),
                },
                ClaimBody::Usage(u) => Line::Usage {
                    user: named(&u.user),
                    provider: named(&u.provider),
                    obligation: u.obligation,
                    exclusivity: u.exclusivity,
                    negated: u.negated,
                    hedges: &u.hedges,
                    date: claim.date.as_deref(),
                    ended: u.ended.as_ref(),
                    at: at(claim.span),
                },
            };
            serde_json::to_writer(&mut *out, &line)?;
            writeln!(out)?;
        }
        if mentions {
            for p in &ex.entities {
                let e = lexicon.entity(p.entity);
                serde_json::to_writer(
                    &mut *out,
                    &Line::Entity { name: &e.name, entity_kind: e.kind, at: at(p.span) },
                )?;
                writeln!(out)?;
            }
            for a in &ex.amounts {
                serde_json::to_writer(&mut *out, &Line::Amount(amount(a)))?;
                writeln!(out)?;
            }
        }
    }
    Ok(())
}
