//! `claimlint extract --trace`: how each sentence was read. For every
//! sentence, its tokens with their classes, the string the claim grammar
//! parsed, the shapes it found and the claims they gave; or why no claim
//! was read. This is the answer to "why did it not catch this?".

use std::io::{self, Write};

use crate::claims::{Claim, ClaimBody, DealPart, Extraction};
use crate::extract::TraceSentence;
use crate::lexicon::Lexicon;
use crate::source::{Document, LineIndex};

/// Writes the trace of one document.
pub fn write(
    doc: &Document,
    extraction: &Extraction,
    trace: &[TraceSentence],
    lexicon: &Lexicon,
    out: &mut dyn Write,
) -> io::Result<()> {
    let text = &doc.text;
    let lines = LineIndex::new(text);
    for s in trace {
        let at = lines.line_col(text, s.span.start());
        writeln!(out, "{}:{}:{}", doc.path, at.line, at.column)?;
        writeln!(out, "  text     {}", one_line(&text[s.span.range()]))?;
        if !s.tokens.is_empty() {
            let tokens: Vec<String> = s
                .tokens
                .iter()
                .map(|t| format!("{}/{}", one_line(&text[t.span.range()]), t.class.name()))
                .collect();
            writeln!(out, "  tokens   {}", tokens.join(" "))?;
            writeln!(out, "  classes  {}", s.classes)?;
        }
        if let Some(why) = s.skipped {
            writeln!(out, "  skipped  {why}")?;
        } else if s.shapes.is_empty() {
            writeln!(out, "  shapes   none: no claim shape in grammar/claims.pest matches these classes")?;
        }
        if s.tokens.is_empty() && !s.shapes.is_empty() {
            // A table: its rows are read by their header, not by the grammar.
            writeln!(out, "  shape    table: rows read by the header's columns")?;
        }
        for (shape, range) in s.shapes.iter().filter(|_| !s.tokens.is_empty()) {
            let covered = match (s.tokens.get(range.start), s.tokens.get(range.end.saturating_sub(1))) {
                (Some(a), Some(b)) if !range.is_empty() => one_line(&text[a.span.start()..b.span.end()]),
                _ => String::new(),
            };
            writeln!(out, "  shape    {shape} [{}]: {covered}", &s.classes[range.clone()])?;
        }
        for claim in &extraction.claims[s.claims.clone()] {
            writeln!(out, "  claim    {}", describe(claim, lexicon))?;
        }
        if !s.shapes.is_empty() && s.claims.is_empty() {
            writeln!(out, "  claim    none: the shape named no party the note could resolve")?;
        }
    }
    Ok(())
}

/// A claim in a few words: "deal investment Amazon → Anthropic up to $4B, 2023".
pub fn describe(claim: &Claim, lexicon: &Lexicon) -> String {
    match &claim.body {
        ClaimBody::Deal(d) => {
            let mut s = format!(
                "{}{} {} → {}",
                if d.negated { "not " } else { "" },
                match d.kind {
                    crate::claims::DealKind::Investment => "investment",
                    crate::claims::DealKind::Spending => "spending",
                    crate::claims::DealKind::Acquisition => "acquisition",
                },
                lexicon.name(d.investor.entity),
                lexicon.name(d.recipient.entity)
            );
            if let Some(a) = &d.amount {
                s.push(' ');
                s.push_str(&a.describe());
            }
            match d.part {
                DealPart::Whole => {}
                DealPart::Tranche => s.push_str(" (a part)"),
                DealPart::Cumulative => s.push_str(" (running total)"),
            }
            if let Some(o) = d.ordinal {
                s.push_str(&format!(" [{o:?}]").to_lowercase());
            }
            if let Some(y) = d.year {
                s.push_str(&format!(", {y}"));
            }
            if let Some(r) = &d.round {
                s.push_str(&format!(", {r}"));
            }
            for c in &d.conditions {
                s.push_str(&format!("; contingent on {}", c.text));
            }
            if d.unconditional {
                s.push_str("; unconditional");
            }
            if let Some(off) = &d.called_off {
                s.push_str("; called off");
                if let Some(when) = &off.when {
                    s.push_str(&format!(" in {when}"));
                }
            }
            for h in &d.hedges {
                s.push_str(&format!(" ({h:?})").to_lowercase());
            }
            s
        }
        ClaimBody::Usage(u) => {
            let mut s = format!(
                "usage {} {}{:?} {}",
                lexicon.name(u.user.entity),
                if u.negated { "not " } else { "" },
                u.obligation,
                lexicon.name(u.provider.entity)
            )
            .replace("Uses", "uses")
            .replace("Must", "must use")
            .replace("Commits", "commits to");
            match (u.exclusivity, u.ended.as_ref().and_then(|e| e.when)) {
                (crate::claims::Exclusivity::Unstated, _) => {}
                (crate::claims::Exclusivity::Ended, Some(when)) => s.push_str(&format!(" (ended in {when})")),
                (e, _) => s.push_str(&format!(" ({e:?})").to_lowercase()),
            }
            s
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
