//! Hover on an amount or a name: the deal it belongs to and every figure
//! stated for that deal across the workspace, with note, line and date.

use crate::claims::{ClaimBody, DealClaim};
use crate::rules::deals::DealKey;
use crate::source::{DocId, Span};
use crate::sources::Sources;

use super::diagnostics::shown;
use super::workspace::View;

/// Figures listed at most; the rest are counted.
const MAX_FIGURES: usize = 20;

/// The deal claim of the buffer (document 0) at byte `offset`, and the span
/// hovered: an amount first, then a party, then the clause.
fn deal_at<'a>(view: &View<'a>, offset: usize) -> Option<(&'a DealClaim, Span)> {
    let claims = &view.extractions.first()?.claims;
    let at = |s: Span| s.start() <= offset && offset < s.end().max(s.start() + 1);
    let deals = || {
        claims.iter().filter_map(|c| match &c.body {
            ClaimBody::Deal(d) => Some((c, d)),
            ClaimBody::Usage(_) => None,
        })
    };
    deals()
        .find_map(|(_, d)| d.amount.as_ref().filter(|a| at(a.span)).map(|a| (d, a.span)))
        .or_else(|| {
            deals().find_map(|(_, d)| {
                [d.investor, d.recipient].into_iter().find(|p| at(p.span)).map(|p| (d, p.span))
            })
        })
        .or_else(|| deals().find(|(c, _)| at(c.span)).map(|(c, d)| (d, c.span)))
}

/// One statement of the deal somewhere in the workspace.
struct Figure<'a> {
    doc: DocId,
    span: Span,
    deal: &'a DealClaim,
    date: Option<&'a str>,
}

/// The hover's Markdown and the span it is about, if the position is on a
/// deal (or a name claimlint knows).
pub fn at(view: &View<'_>, offset: usize) -> Option<(String, Span)> {
    let Some((deal, span)) = deal_at(view, offset) else {
        return entity_at(view, offset);
    };
    let key = DealKey::of(view.lexicon, deal);
    let mut figures: Vec<Figure<'_>> = Vec::new();
    for (doc, ex) in view.extractions.iter().enumerate() {
        for c in &ex.claims {
            if let ClaimBody::Deal(d) = &c.body {
                if !d.negated && DealKey::of(view.lexicon, d) == key {
                    let span = d.amount.as_ref().map_or(c.span, |a| a.span);
                    figures.push(Figure { doc: doc as DocId, span, deal: d, date: c.date.as_deref() });
                }
            }
        }
    }
    // This note first, then the newest notes.
    figures.sort_by(|a, b| (a.doc != 0).cmp(&(b.doc != 0)).then(b.date.cmp(&a.date)).then(a.doc.cmp(&b.doc)));
    let notes = {
        let mut docs: Vec<DocId> = figures.iter().map(|f| f.doc).collect();
        docs.dedup();
        docs.sort_unstable();
        docs.dedup();
        docs.len()
    };
    let sources = Sources::new(view.docs);
    let mut md = format!("**{}**", key.describe(view.lexicon));
    md.push_str(&format!(
        " — stated {} time{} in {} note{} of the workspace\n\n",
        figures.len(),
        if figures.len() == 1 { "" } else { "s" },
        notes,
        if notes == 1 { "" } else { "s" }
    ));
    for f in figures.iter().take(MAX_FIGURES) {
        let text = sources.text(f.doc);
        let line = if text.text.is_empty() {
            None
        } else {
            Some(text.lines.line_col(&text.text, f.span.start()).line)
        };
        let figure = f.deal.amount.as_ref().map_or_else(|| "no amount".to_owned(), |a| a.describe());
        let mut when = Vec::new();
        if let Some(y) = f.deal.year {
            when.push(y.to_string());
        }
        if let Some(r) = &f.deal.round {
            when.push(r.clone());
        }
        let when = if when.is_empty() { String::new() } else { format!(" ({})", when.join(", ")) };
        let place = if f.doc == 0 { "this note".to_owned() } else { shown(view, f.doc) };
        let place = match line {
            Some(l) => format!("{place}:{l}"),
            None => place,
        };
        let date = f.date.map_or_else(String::new, |d| format!(", {d}"));
        let here = if f.doc == 0 && f.span == span { " ← here" } else { "" };
        md.push_str(&format!("- **{figure}**{when} — {place}{date}{here}\n"));
    }
    if figures.len() > MAX_FIGURES {
        md.push_str(&format!("- … and {} more\n", figures.len() - MAX_FIGURES));
    }
    Some((md, span))
}

/// A name outside any deal: what claimlint knows it as.
fn entity_at(view: &View<'_>, offset: usize) -> Option<(String, Span)> {
    let ex = view.extractions.first()?;
    let party = ex.entities.iter().find(|p| p.span.start() <= offset && offset < p.span.end())?;
    let entity = view.lexicon.entity(party.entity);
    Some((
        format!("**{}** ({}): no deal stated in this sentence", entity.name, entity.kind.as_str()),
        party.span,
    ))
}
