//! The deal ledger as a table for people (100 columns), JSON and CSV.
//!
//! Every format shows each figure's notes oldest first. A source's line and
//! column are resolved once per note, in note order, so a corpus whose texts
//! were let go after extraction is read again one note at a time.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

use serde::Serialize;

use super::{Deal, Ledger, Source, kind_name};
use crate::input::InputError;
use crate::lexicon::Lexicon;
use crate::source::{DocId, Span};
use crate::sources::Sources;

/// The width human output fits in.
pub const WIDTH: usize = 100;

/// Lines and columns of every source of a ledger.
struct Places<'a> {
    sources: &'a Sources<'a>,
    at: HashMap<(DocId, Span), (usize, usize)>,
}

impl<'a> Places<'a> {
    fn of(sources: &'a Sources<'a>, ledger: &Ledger) -> Self {
        let mut wanted: Vec<(DocId, Span)> = ledger
            .deals
            .iter()
            .flat_map(|d| d.figures.iter().flat_map(|f| f.sources.iter().map(|s| (s.doc, s.span))))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let at = wanted
            .into_iter()
            .map(|(doc, span)| {
                let r = sources.resolve(doc, span);
                ((doc, span), (r.line, r.column))
            })
            .collect();
        Self { sources, at }
    }

    fn path(&self, s: &Source) -> &'a str {
        &self.sources.doc(s.doc).path
    }

    fn line_col(&self, s: &Source) -> (usize, usize) {
        self.at.get(&(s.doc, s.span)).copied().unwrap_or((0, 0))
    }
}

/// What the human table needs besides the ledger.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Also print each deal's timeline (`--party`).
    pub timeline: bool,
    /// How many notes were read, for the summary line.
    pub files: usize,
}

/// "Amazon → Anthropic · investment · 2026 · CONFLICT".
pub fn header(lexicon: &Lexicon, d: &Deal) -> String {
    let mut text = format!(
        "{} → {} · {} · {}",
        lexicon.name(d.investor),
        lexicon.name(d.recipient),
        kind_name(d.kind, d.part),
        d.period.describe(d.part)
    );
    if d.in_conflict {
        text.push_str(" · CONFLICT");
    }
    text
}

/// The figure as shown: its description, or that none was stated.
pub(crate) fn figure_name(amount: Option<&str>) -> &str {
    amount.unwrap_or("no figure")
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// `text` cut to `width` characters, with "…" when cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// "a.md:3,9 (2025-01-02); b.md:7 (undated); … and 8 more", within
/// `width`: one item per note, with its lines (and with `dates`, its date);
/// "more" counts notes.
fn source_list(places: &Places<'_>, sources: &[&Source], dates: bool, width: usize) -> String {
    // (note, "path:line,line", date)
    let mut items: Vec<(DocId, String, Option<&str>)> = Vec::new();
    for s in sources {
        let (line, _) = places.line_col(s);
        match items.last_mut() {
            Some((doc, text, _)) if *doc == s.doc => {
                if !text.ends_with(&format!(",{line}")) && !text.ends_with(&format!(":{line}")) {
                    text.push_str(&format!(",{line}"));
                }
            }
            _ => items.push((s.doc, format!("{}:{line}", places.path(s)), s.date.as_deref())),
        }
    }
    let mut items: Vec<String> = items
        .into_iter()
        .map(|(_, text, date)| if dates { format!("{text} ({})", date.unwrap_or("undated")) } else { text })
        .collect();
    // A first note too long to show with the count of the others loses
    // its date rather than be cut.
    let more = |n: usize| if n == 0 { 0 } else { format!("; … and {n} more").chars().count() };
    if dates && !items.is_empty() && items[0].chars().count() + more(items.len() - 1) > width {
        if let Some(at) = items[0].rfind(" (") {
            items[0].truncate(at);
        }
    }
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        let rest = items.len() - i - 1;
        let sep = if i == 0 { "" } else { "; " };
        let more = if rest == 0 { String::new() } else { format!("; … and {rest} more") };
        let fits = out.chars().count() + sep.len() + item.chars().count() + more.chars().count() <= width;
        if !fits && i > 0 {
            let more = format!("; … and {} more", items.len() - i);
            return format!("{}{more}", fit(&out, width.saturating_sub(more.chars().count())));
        }
        out.push_str(sep);
        out.push_str(item);
        if !fits {
            return format!("{}{more}", fit(&out, width.saturating_sub(more.chars().count())));
        }
    }
    fit(&out, width)
}

/// The hedges and conditions of a figure's sources, with how many state each.
pub(crate) fn qualifiers(sources: &[&Source]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut add = |text: String| match counts.iter_mut().find(|(t, _)| *t == text) {
        Some((_, n)) => *n += 1,
        None => counts.push((text, 1)),
    };
    for s in sources {
        for h in &s.hedges {
            add(hedge_name(*h).to_owned());
        }
        for c in &s.conditions {
            add(format!("contingent on {c}"));
        }
        if s.unconditional {
            add("unconditional".to_owned());
        }
    }
    counts
        .iter()
        .map(|(t, n)| if *n == 1 { t.clone() } else { format!("{t} ×{n}") })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn hedge_name(h: crate::claims::Hedge) -> &'static str {
    use crate::claims::Hedge;
    match h {
        Hedge::Reportedly => "reportedly",
        Hedge::Proposed => "proposed",
        Hedge::Potential => "potential",
        Hedge::InTalks => "in talks",
        Hedge::Attributed => "attributed",
        Hedge::Planned => "planned",
    }
}

/// The table for people: one block per deal, one line per figure (and one
/// for its hedges and conditions), and with `timeline` the deal's dated
/// statements oldest first.
pub fn write_human(
    sources: &Sources<'_>,
    ledger: &Ledger,
    lexicon: &Lexicon,
    options: Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let places = Places::of(sources, ledger);
    for (i, d) in ledger.deals.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", fit(&header(lexicon, d), WIDTH))?;
        let figure_width = d
            .figures
            .iter()
            .map(|f| figure_name(f.amount.as_deref()).chars().count())
            .max()
            .unwrap_or(0)
            .min(32);
        for f in &d.figures {
            let list: Vec<&Source> = f.sources.iter().collect();
            let name = fit(figure_name(f.amount.as_deref()), figure_width);
            let count = format!("{:>8}", plural(notes_of(&list), "note"));
            let lead = format!("  {name:<figure_width$}  {count}  ");
            let room = WIDTH.saturating_sub(lead.chars().count());
            writeln!(out, "{lead}{}", source_list(&places, &list, true, room))?;
            let q = qualifiers(&list);
            if !q.is_empty() {
                let pad = " ".repeat(lead.chars().count());
                writeln!(out, "{}", fit(&format!("{pad}{q}"), WIDTH))?;
            }
        }
        if options.timeline {
            write_timeline(&places, d, figure_width, out)?;
        }
    }
    let conflicts = ledger.deals.iter().filter(|d| d.in_conflict).count();
    if !ledger.deals.is_empty() {
        writeln!(out)?;
    }
    writeln!(
        out,
        "{}, {} in conflict, from {}",
        plural(ledger.deals.len(), "deal"),
        conflicts,
        plural(options.files, "note")
    )
}

fn notes_of(sources: &[&Source]) -> usize {
    sources.iter().map(|s| s.doc).collect::<BTreeSet<_>>().len()
}

/// A deal's statements by note date, oldest first: on each date, the
/// figures stated and their notes, and what changed since the dates before
/// (a figure or condition not stated before, a deal said unconditional).
fn write_timeline(places: &Places<'_>, d: &Deal, figure_width: usize, out: &mut dyn Write) -> io::Result<()> {
    if d.figures.iter().all(|f| f.sources.iter().all(|s| s.date.is_none())) {
        return writeln!(out, "  timeline: no note of this deal is dated");
    }
    writeln!(out, "  timeline")?;
    let mut all: Vec<(&Option<String>, &Source)> =
        d.figures.iter().flat_map(|f| f.sources.iter().map(move |s| (&f.amount, s))).collect();
    all.sort_by(|a, b| super::source_order(a.1).cmp(&super::source_order(b.1)));
    // (date, figure) → its sources, in date order.
    let mut entries: Vec<(Option<&str>, &Option<String>, Vec<&Source>)> = Vec::new();
    for (amount, s) in all {
        match entries.iter_mut().find(|(date, a, _)| *date == s.date.as_deref() && *a == amount) {
            Some((_, _, list)) => list.push(s),
            None => entries.push((s.date.as_deref(), amount, vec![s])),
        }
    }
    let mut seen_figures: Vec<&Option<String>> = Vec::new();
    let mut seen_terms: Vec<String> = Vec::new();
    let mut first_date = None;
    for (date, amount, list) in &entries {
        let dated = date.is_some();
        let mut changes = Vec::new();
        if dated && !seen_figures.contains(amount) {
            if first_date.is_some_and(|f| f != *date) {
                let before: Vec<&str> = seen_figures.iter().map(|a| figure_name(a.as_deref())).collect();
                changes.push(format!("new figure; before: {}", before.join(", ")));
            }
            seen_figures.push(amount);
        }
        for s in list {
            let terms = s
                .conditions
                .iter()
                .map(|c| format!("contingent on {c}"))
                .chain(s.unconditional.then(|| "unconditional".to_owned()));
            for t in terms {
                if dated && !seen_terms.contains(&t) {
                    if first_date.is_some_and(|f| f != *date) {
                        changes.push(format!("now {t}"));
                    }
                    seen_terms.push(t);
                }
            }
            // A change of state: the deal called off.
            if let Some(off) = &s.called_off {
                if !changes.contains(off) {
                    changes.push(off.clone());
                }
            }
        }
        if dated && first_date.is_none() {
            first_date = Some(*date);
        }
        let figure = fit(figure_name(amount.as_deref()), figure_width);
        let lead = format!("    {:<10}  {figure:<figure_width$}  ", date.unwrap_or("undated"));
        let room = WIDTH.saturating_sub(lead.chars().count());
        writeln!(out, "{lead}{}", source_list(places, list, false, room))?;
        if !changes.is_empty() {
            let pad = " ".repeat(lead.chars().count());
            writeln!(out, "{}", fit(&format!("{pad}{}", changes.join(" · ")), WIDTH))?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonLedger<'a> {
    version: u32,
    deals: Vec<JsonDeal<'a>>,
    errors: Vec<JsonError<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonDeal<'a> {
    deal: &'a str,
    investor: &'a str,
    recipient: &'a str,
    kind: crate::claims::DealKind,
    part: crate::claims::DealPart,
    period: JsonPeriod<'a>,
    in_conflict: bool,
    notes: usize,
    figures: Vec<JsonFigure<'a>>,
}

#[derive(Serialize)]
struct JsonPeriod<'a> {
    label: String,
    year: Option<u16>,
    round: Option<&'a str>,
    ordinal: Option<&'static str>,
    unplaced: bool,
}

#[derive(Serialize)]
struct JsonFigure<'a> {
    figure: Option<&'a str>,
    notes: usize,
    sources: Vec<JsonSource<'a>>,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    date: Option<&'a str>,
    hedges: &'a [crate::claims::Hedge],
    conditions: &'a [String],
    unconditional: bool,
    called_off: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: String,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    deals: usize,
    in_conflict: usize,
    errors: usize,
}

/// One JSON document: `deals`, `errors` (notes that could not be read) and
/// `summary`. README "The deal ledger" documents the shape.
pub fn write_json(
    sources: &Sources<'_>,
    ledger: &Ledger,
    lexicon: &Lexicon,
    errors: &[InputError],
    out: &mut dyn Write,
) -> io::Result<()> {
    let places = Places::of(sources, ledger);
    let deals = ledger
        .deals
        .iter()
        .map(|d| JsonDeal {
            deal: &d.subject,
            investor: lexicon.name(d.investor),
            recipient: lexicon.name(d.recipient),
            kind: d.kind,
            part: d.part,
            period: JsonPeriod {
                label: d.period.describe(d.part),
                year: d.period.year,
                round: d.period.round.as_deref(),
                ordinal: d.period.ordinal.map(super::ordinal_name),
                unplaced: d.period.unplaced,
            },
            in_conflict: d.in_conflict,
            notes: d.notes(),
            figures: d
                .figures
                .iter()
                .map(|f| {
                    let list: Vec<&Source> = f.sources.iter().collect();
                    JsonFigure {
                        figure: f.amount.as_deref(),
                        notes: notes_of(&list),
                        sources: f
                            .sources
                            .iter()
                            .map(|s| {
                                let (line, column) = places.line_col(s);
                                JsonSource {
                                    path: places.path(s),
                                    line,
                                    column,
                                    date: s.date.as_deref(),
                                    hedges: &s.hedges,
                                    conditions: &s.conditions,
                                    unconditional: s.unconditional,
                                    called_off: s.called_off.as_deref(),
                                }
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    let summary = JsonSummary {
        files: sources.docs.len(),
        deals: ledger.deals.len(),
        in_conflict: ledger.deals.iter().filter(|d| d.in_conflict).count(),
        errors: errors.iter().filter(|e| !e.is_skip()).count(),
    };
    let errors = errors.iter().map(|e| JsonError { path: e.path(), message: e.to_string() }).collect();
    serde_json::to_writer_pretty(&mut *out, &JsonLedger { version: 1, deals, errors, summary })?;
    writeln!(out)
}

/// A CSV field, quoted when it must be (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// One row per source: the deal, its kind and period, the figure, where and
/// when it is stated, its hedges and conditions, and the deal's conflict.
pub fn write_csv(
    sources: &Sources<'_>,
    ledger: &Ledger,
    lexicon: &Lexicon,
    out: &mut dyn Write,
) -> io::Result<()> {
    let places = Places::of(sources, ledger);
    writeln!(out, "deal,investor,recipient,kind,period,figure,path,line,date,hedges,conditions,conflict")?;
    for d in &ledger.deals {
        let period = d.period.describe(d.part);
        for f in &d.figures {
            for s in &f.sources {
                let (line, _) = places.line_col(s);
                let hedges: Vec<&str> = s.hedges.iter().map(|h| hedge_name(*h)).collect();
                let mut conditions = s.conditions.clone();
                if s.unconditional {
                    conditions.push("unconditional".to_owned());
                }
                let row = [
                    csv_field(&d.subject),
                    csv_field(lexicon.name(d.investor)),
                    csv_field(lexicon.name(d.recipient)),
                    csv_field(kind_name(d.kind, d.part)),
                    csv_field(&period),
                    csv_field(f.amount.as_deref().unwrap_or("")),
                    csv_field(places.path(s)),
                    line.to_string(),
                    csv_field(s.date.as_deref().unwrap_or("")),
                    csv_field(&hedges.join("; ")),
                    csv_field(&conditions.join("; ")),
                    d.in_conflict.to_string(),
                ];
                writeln!(out, "{}", row.join(","))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_end_with_how_many_more() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
    }
}
