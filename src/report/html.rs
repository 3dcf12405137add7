//! `--format html`: one self-contained page to read a run in a browser, for
//! a CI artifact or to send to someone who will not run claimlint.
//!
//! A header with the verdict and the counts by rule and severity; the
//! findings, each with its rule, severity, message and sides (`path:line`,
//! label, and the note's line with the quoted span in `<mark>`); the deal
//! ledger (as `claimlint deals` lists it), each deal with its figures and a
//! timeline of its statements, oldest first; and the files that could not
//! be read. Filters by rule and by company, and page buttons, are applied by
//! one small inline script through `data-` attributes; without it every
//! finding and deal is shown. Nothing is loaded from anywhere: the style
//! and the script are in the page, and it has no links to other sites.
//!
//! Large runs stay readable: findings and deals come in pages of [`PAGE`],
//! at most [`MAX_ITEMS`] of each (the page says how many it leaves out and
//! where to see them), a finding shows at most [`MAX_SIDES`] sides and a
//! quote is cut around its span. The page holds no date, time or random id:
//! the same run gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::ops::Range;

use super::Run;
use crate::finding::{Finding, Location, Severity};
use crate::ledger::render::{figure_name, qualifiers};
use crate::ledger::{Deal, Ledger, Source, kind_name};
use crate::lexicon::{EntityId, Lexicon};
use crate::source::{DocId, Span};

/// Findings (and deals) on one page of the page.
pub const PAGE: usize = 200;

/// Findings (and deals) shown at most; the others are counted.
pub const MAX_ITEMS: usize = 1000;

/// Sides of a finding shown; the others are counted ("and 4 more").
pub const MAX_SIDES: usize = 10;

/// Notes of a deal's figure, and entries of its timeline, shown.
const MAX_SOURCES: usize = 10;
const MAX_TIMELINE: usize = 20;

/// Characters of a line shown before and after a quoted span, and of the
/// span itself.
const CONTEXT: usize = 100;
const MAX_MARK: usize = 200;

const STYLE: &str = r#"
:root { color-scheme: light; --fg: #1b1b1b; --muted: #555; --line: #c8c8c8; --accent: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 0 1rem 3rem; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: #fff; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .25rem .5rem; z-index: 1; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
header { border-bottom: 2px solid var(--fg); margin-bottom: 1rem; }
h1 { font-size: 1.6rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
dl.summary { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: .5rem 0; }
dl.summary div { display: flex; gap: .4rem; }
dl.summary dt { color: var(--muted); }
dl.summary dd { margin: 0; font-weight: 600; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.n { text-align: right; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
pre.quote { white-space: pre-wrap; overflow-wrap: anywhere; background: #f5f5f5; border-left: 3px solid var(--line); margin: .25rem 0 .5rem; padding: .25rem .5rem; }
mark { background: #ffe066; color: inherit; font-weight: 600; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .5rem; border: 1px solid var(--line); border-radius: 4px; background: #fafafa; }
.filters label { font-weight: 600; margin-right: .25rem; }
select, button { font: inherit; padding: .15rem .4rem; }
article.finding { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 4px; padding: .5rem .75rem; margin: .75rem 0; }
article.error { border-left-color: #b3261e; }
article.warning { border-left-color: #b26a00; }
article.info { border-left-color: #0b57d0; }
.severity { display: inline-block; font-size: .8rem; font-weight: 700; text-transform: uppercase; padding: 0 .4rem; border-radius: 3px; border: 1px solid currentColor; }
.severity.error { color: #b3261e; }
.severity.warning { color: #8a5300; }
.severity.info { color: #0b57d0; }
.message { margin: .25rem 0 .5rem; }
ul.sides { list-style: none; padding: 0; margin: 0; }
ul.sides > li { margin: .25rem 0; }
.at { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 600; }
.label, .more, .muted { color: var(--muted); }
.conflict { color: #b3261e; font-weight: 700; }
table.ledger { width: 100%; }
table.ledger ul { margin: 0; padding-left: 1rem; }
table.ledger td:last-child, table.ledger th:last-child { min-width: 16rem; }
table.ledger .at { overflow-wrap: anywhere; }
#shown { margin: 0; }
#shown:empty { display: none; }
ol.timeline { margin: .25rem 0; padding-left: 1.25rem; }
.date { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.pager { display: flex; flex-wrap: wrap; gap: .25rem; margin: .5rem 0; }
.pager button[aria-current="page"] { font-weight: 700; background: var(--fg); color: #fff; }
.filtered { display: none; }
@media print {
  body { max-width: none; color: #000; background: #fff; font-size: 11pt; }
  .skip, .filters, .pager { display: none !important; }
  section.page[hidden] { display: block !important; }
  article.finding { break-inside: avoid; border-color: #000; }
  mark { background: none; text-decoration: underline; }
  pre.quote { background: none; }
  a { color: #000; }
}
/* Alone: a browser that does not know the pseudo-element drops this rule only. */
@media print { details::details-content { content-visibility: visible; display: contents; } }
"#;

/// Shows one page of each list at a time and applies the filters; opens
/// every `<details>` to print.
const SCRIPT: &str = r#"
(function () {
  var d = document, rule = d.getElementById("filter-rule"), company = d.getElementById("filter-company");
  var filters = d.getElementById("filters"), shown = d.getElementById("shown");
  var lists = Array.prototype.map.call(d.querySelectorAll(".pages"), function (list) {
    return { pages: list.querySelectorAll("section.page"), pager: d.getElementById(list.id + "-pager"), current: 0 };
  });
  function show(list) {
    var filtering = rule.value !== "" || company.value !== "";
    list.pages.forEach(function (page, i) { page.hidden = !filtering && i !== list.current; });
    if (!list.pager) return;
    list.pager.hidden = filtering || list.pages.length < 2;
    list.pager.querySelectorAll("button").forEach(function (b) {
      if (Number(b.dataset.page) === list.current) b.setAttribute("aria-current", "page");
      else b.removeAttribute("aria-current");
    });
  }
  function apply() {
    var r = rule.value, c = company.value, n = 0, all = 0;
    d.querySelectorAll("[data-parties]").forEach(function (el) {
      var ok = (r === "" || el.dataset.rule === undefined || el.dataset.rule === r) &&
        (c === "" || ("|" + el.dataset.parties + "|").indexOf("|" + c + "|") >= 0);
      el.classList.toggle("filtered", !ok);
      if (el.dataset.rule !== undefined) { all++; if (ok) n++; }
    });
    shown.textContent = (r === "" && c === "") ? "" : n + " of " + all + " findings match.";
    lists.forEach(show);
  }
  lists.forEach(function (list) {
    if (!list.pager) return;
    list.pager.addEventListener("click", function (e) {
      var b = e.target.closest("button");
      if (!b) return;
      list.current = Number(b.dataset.page);
      show(list);
      list.pages[list.current].scrollIntoView();
    });
  });
  rule.addEventListener("change", apply);
  company.addEventListener("change", apply);
  filters.hidden = false;
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(d.querySelectorAll("details"), function (x) { return !x.open; });
    closed.forEach(function (x) { x.open = true; });
  });
  window.addEventListener("afterprint", function () { closed.forEach(function (x) { x.open = false; }); });
  apply();
})();
"#;

/// Writes the page for a run and the deal ledger of its notes.
pub fn write(run: &Run<'_>, ledger: &Ledger, lexicon: &Lexicon, out: &mut dyn Write) -> io::Result<()> {
    let verdict = super::markdown::verdict(run);
    let findings = &run.findings[..run.findings.len().min(MAX_ITEMS)];
    let deals = &ledger.deals[..ledger.deals.len().min(MAX_ITEMS)];
    let finding_parties: Vec<Vec<&str>> = findings.iter().map(|f| finding_parties(lexicon, f)).collect();
    let deal_parties: Vec<Vec<&str>> = deals.iter().map(|d| deal_parties(lexicon, d)).collect();

    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(out, "<meta name=\"generator\" content=\"claimlint {}\">", env!("CARGO_PKG_VERSION"))?;
    writeln!(out, "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>", escape(&verdict))?;
    writeln!(out, "<a class=\"skip\" href=\"#findings\">Skip to the findings</a>")?;
    summary(run, &verdict, ledger, out)?;
    writeln!(out, "<main id=\"main\">")?;
    filters(findings, &finding_parties, &deal_parties, out)?;

    writeln!(
        out,
        "<section aria-labelledby=\"findings\">\n<h2 id=\"findings\" tabindex=\"-1\">Findings</h2>"
    )?;
    if run.findings.is_empty() {
        writeln!(out, "<p>No findings: the notes do not contradict each other.</p>")?;
    }
    omitted(run.findings.len(), "findings", "claimlint check --format json", out)?;
    paged("finding-pages", "Findings", findings.len(), out, |i, out| {
        finding(run, i + 1, &findings[i], &finding_parties[i], out)
    })?;
    writeln!(out, "</section>")?;

    writeln!(out, "<section aria-labelledby=\"deals\">\n<h2 id=\"deals\">Deals</h2>")?;
    ledger_intro(ledger, out)?;
    omitted(ledger.deals.len(), "deals", "claimlint deals --format json", out)?;
    paged("deal-pages", "Deals", deals.len(), out, |i, out| {
        deal_row(run, lexicon, i + 1, &deals[i], &deal_parties[i], out)
    })?;
    writeln!(out, "</section>")?;

    if !run.errors.is_empty() {
        writeln!(
            out,
            "<section aria-labelledby=\"errors\">\n<h2 id=\"errors\">Files not checked</h2>\n<ul>"
        )?;
        for e in run.errors {
            let kind = if e.is_skip() { "skipped" } else { "error" };
            writeln!(out, "<li>{kind}: {}</li>", escape(&e.to_string()))?;
        }
        writeln!(out, "</ul>\n</section>")?;
    }
    writeln!(out, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>")
}

/// The header: the verdict, what was read, and the findings by rule and
/// severity.
fn summary(run: &Run<'_>, verdict: &str, ledger: &Ledger, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<header>\n<h1>{}</h1>\n<dl class=\"summary\">", escape(verdict))?;
    let unreadable = run.errors.iter().filter(|e| !e.is_skip()).count();
    let conflicts = ledger.deals.iter().filter(|d| d.in_conflict).count();
    for (term, n) in [
        ("notes checked", run.summary.files),
        ("claims", run.summary.claims),
        ("findings", run.findings.len()),
        ("deals", ledger.deals.len()),
        ("deals in conflict", conflicts),
        ("files not read", unreadable),
    ] {
        writeln!(out, "<div><dt>{term}</dt><dd>{n}</dd></div>")?;
    }
    writeln!(out, "</dl>")?;
    if !run.findings.is_empty() {
        let mut by: BTreeMap<(&str, std::cmp::Reverse<Severity>), usize> = BTreeMap::new();
        for f in run.findings {
            *by.entry((f.rule, std::cmp::Reverse(f.severity))).or_default() += 1;
        }
        writeln!(out, "<table class=\"counts\">\n<caption>Findings by rule and severity</caption>")?;
        writeln!(
            out,
            "<thead><tr><th scope=\"col\">rule</th><th scope=\"col\">severity</th><th scope=\"col\">findings</th></tr></thead>\n<tbody>"
        )?;
        for ((rule, severity), n) in by {
            let s = severity.0.as_str();
            writeln!(
                out,
                "<tr><td><code>{}</code></td><td><span class=\"severity {s}\">{s}</span></td><td class=\"n\">{n}</td></tr>",
                escape(rule)
            )?;
        }
        writeln!(out, "</tbody>\n</table>")?;
    }
    writeln!(out, "</header>")
}

/// The filter controls, hidden until the script shows them (they do
/// nothing without it).
fn filters(
    findings: &[Finding],
    finding_parties: &[Vec<&str>],
    deal_parties: &[Vec<&str>],
    out: &mut dyn Write,
) -> io::Result<()> {
    let rules: BTreeSet<&str> = findings.iter().map(|f| f.rule).collect();
    let mut companies: BTreeMap<String, &str> = BTreeMap::new();
    for name in finding_parties.iter().chain(deal_parties).flatten() {
        companies.entry(name.to_lowercase()).or_insert(name);
    }
    writeln!(out, "<form id=\"filters\" class=\"filters\" role=\"search\" aria-label=\"Filters\" hidden>")?;
    writeln!(out, "<div><label for=\"filter-rule\">Rule</label><select id=\"filter-rule\">")?;
    writeln!(out, "<option value=\"\">all rules</option>")?;
    for rule in rules {
        writeln!(out, "<option value=\"{0}\">{0}</option>", escape(rule))?;
    }
    writeln!(out, "</select></div>")?;
    writeln!(out, "<div><label for=\"filter-company\">Company</label><select id=\"filter-company\">")?;
    writeln!(out, "<option value=\"\">all companies</option>")?;
    for name in companies.values() {
        writeln!(out, "<option value=\"{0}\">{0}</option>", escape(name))?;
    }
    writeln!(out, "</select></div>")?;
    writeln!(out, "<p id=\"shown\" role=\"status\" aria-live=\"polite\"></p>\n</form>")
}

/// "The first 1000 of 2345 findings are shown…", when some are left out.
fn omitted(total: usize, what: &str, command: &str, out: &mut dyn Write) -> io::Result<()> {
    if total > MAX_ITEMS {
        writeln!(
            out,
            "<p class=\"more\">The first {MAX_ITEMS} of {total} {what} are shown; the other {} are in <code>{}</code> (same paths and options).</p>",
            total - MAX_ITEMS,
            escape(command)
        )?;
    }
    Ok(())
}

/// The index ranges of each page of `total` items, [`PAGE`] a page.
fn pages(total: usize, per_page: usize) -> Vec<Range<usize>> {
    (0..total.div_ceil(per_page)).map(|p| p * per_page..((p + 1) * per_page).min(total)).collect()
}

/// Items `0..total` in page sections, and page buttons (shown by the
/// script) when there is more than one page.
fn paged(
    id: &str,
    name: &str,
    total: usize,
    out: &mut dyn Write,
    mut item: impl FnMut(usize, &mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let pages = pages(total, PAGE);
    if pages.is_empty() {
        return Ok(());
    }
    if pages.len() > 1 {
        writeln!(out, "<nav id=\"{id}-pager\" class=\"pager\" aria-label=\"{name}: pages\" hidden>")?;
        for (p, range) in pages.iter().enumerate() {
            writeln!(
                out,
                "<button type=\"button\" data-page=\"{p}\" aria-controls=\"{id}-{}\">{}–{}</button>",
                p + 1,
                range.start + 1,
                range.end
            )?;
        }
        writeln!(out, "</nav>")?;
    }
    writeln!(out, "<div id=\"{id}\" class=\"pages\">")?;
    let table = id == "deal-pages";
    for (p, range) in pages.into_iter().enumerate() {
        writeln!(
            out,
            "<section class=\"page\" id=\"{id}-{}\" aria-label=\"{} {}–{}\">",
            p + 1,
            escape(name),
            range.start + 1,
            range.end
        )?;
        if table {
            writeln!(
                out,
                "<table class=\"ledger\">\n<caption>The deal ledger, {}–{}</caption>",
                range.start + 1,
                range.end
            )?;
            writeln!(
                out,
                "<thead><tr><th scope=\"col\">deal</th><th scope=\"col\">kind</th><th scope=\"col\">period</th><th scope=\"col\">figures and their notes</th><th scope=\"col\">timeline, oldest first</th></tr></thead>\n<tbody>"
            )?;
        }
        for i in range {
            item(i, out)?;
        }
        if table {
            writeln!(out, "</tbody>\n</table>")?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</div>")
}

/// One finding: its rule, severity and message, then its sides.
fn finding(run: &Run<'_>, n: usize, f: &Finding, parties: &[&str], out: &mut dyn Write) -> io::Result<()> {
    let s = f.severity.as_str();
    writeln!(
        out,
        "<article class=\"finding {s}\" id=\"finding-{n}\" data-rule=\"{}\" data-parties=\"{}\">",
        escape(f.rule),
        escape(&parties.join("|"))
    )?;
    writeln!(
        out,
        "<h3>{n}. <code>{}</code> <span class=\"severity {s}\">{s}</span></h3>\n<p class=\"message\">{}</p>",
        escape(f.rule),
        escape(&f.message)
    )?;
    if !f.locations.is_empty() {
        writeln!(out, "<ul class=\"sides\">")?;
        for loc in f.locations.iter().take(MAX_SIDES) {
            side(run, loc, out)?;
        }
        let more = f.locations.len().saturating_sub(MAX_SIDES) + f.omitted;
        if more > 0 {
            writeln!(out, "<li class=\"more\">and {more} more</li>")?;
        }
        writeln!(out, "</ul>")?;
    }
    if let Some(fix) = &f.fix {
        writeln!(out, "<p>fix: replace with <code>{}</code></p>", escape(&fix.replacement))?;
    }
    writeln!(out, "</article>")
}

/// One side: `path:line`, its label, and its line with the span marked.
fn side(run: &Run<'_>, loc: &Location, out: &mut dyn Write) -> io::Result<()> {
    let at = run.resolve(loc);
    write!(out, "<li><span class=\"at\">{}:{}</span>", escape(at.path), at.line)?;
    if !loc.label.trim().is_empty() {
        write!(out, " <span class=\"label\">{}</span>", escape(&loc.label))?;
    }
    let (before, mark, after) = excerpt(run, loc.doc, loc.span);
    if !(before.is_empty() && mark.is_empty() && after.is_empty()) {
        write!(
            out,
            "<pre class=\"quote\">{}<mark>{}</mark>{}</pre>",
            escape(&before),
            escape(&mark),
            escape(&after)
        )?;
    }
    writeln!(out, "</li>")
}

/// The line(s) of a span: the text before it on its first line, the span,
/// and the text after it on its last line, each cut to [`CONTEXT`] (the
/// span to [`MAX_MARK`]) characters with `…`. Empty for a note whose text
/// is no longer what was checked.
fn excerpt(run: &Run<'_>, doc: DocId, span: Span) -> (String, String, String) {
    let t = run.sources.text(doc);
    let text: &str = &t.text;
    let (start, end) = (span.start().min(text.len()), span.end().min(text.len()));
    let (Some(_), Some(_)) = (text.get(start..), text.get(end..)) else {
        return Default::default();
    };
    let (_, line_start) = t.lines.line_of(start);
    let line_end = text[end..].find(['\n', '\r']).map_or(text.len(), |i| end + i);
    let before = &text[line_start..start];
    let skipped = before.chars().count().saturating_sub(CONTEXT);
    let before = if skipped > 0 {
        format!("…{}", before.chars().skip(skipped).collect::<String>())
    } else {
        before.to_owned()
    };
    (before, cut(&text[start..end], MAX_MARK), cut(&text[end..line_end], CONTEXT))
}

/// `s` cut to `max` characters, with `…` when cut.
fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

/// The text before the ledger table.
fn ledger_intro(ledger: &Ledger, out: &mut dyn Write) -> io::Result<()> {
    if ledger.deals.is_empty() {
        return writeln!(
            out,
            "<p>No deals: the notes state no investment, spending commitment or acquisition.</p>"
        );
    }
    writeln!(
        out,
        "<p>Every deal the notes state, as <code>claimlint deals</code> lists them: each figure with the notes that state it, and whether the deal is in conflict.</p>"
    )
}

/// One row of the ledger: the deal, its figures with their notes, and its
/// timeline.
fn deal_row(
    run: &Run<'_>,
    lexicon: &Lexicon,
    n: usize,
    d: &Deal,
    parties: &[&str],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "<tr id=\"deal-{n}\" data-parties=\"{}\">", escape(&parties.join("|")))?;
    let conflict = if d.in_conflict { "<br><span class=\"conflict\">conflict</span>" } else { "" };
    writeln!(
        out,
        "<th scope=\"row\">{}&nbsp;→ {}{conflict}</th><td>{}</td><td>{}</td>",
        escape(lexicon.name(d.investor)),
        escape(lexicon.name(d.recipient)),
        kind_name(d.kind, d.part),
        escape(&d.period.describe(d.part))
    )?;
    writeln!(out, "<td><ul class=\"figures\">")?;
    for f in &d.figures {
        let list: Vec<&Source> = f.sources.iter().collect();
        write!(out, "<li><strong>{}</strong>: ", escape(figure_name(f.amount.as_deref())))?;
        write!(out, "{}", notes(run, &list, true))?;
        let q = qualifiers(&list);
        if !q.is_empty() {
            write!(out, "<br><span class=\"muted\">{}</span>", escape(&q))?;
        }
        writeln!(out, "</li>")?;
    }
    writeln!(out, "</ul></td>")?;
    timeline(run, d, out)?;
    writeln!(out, "</tr>")
}

/// A deal's statements by note date, oldest first, undated ones last: on
/// each date, each figure stated and its notes.
fn timeline(run: &Run<'_>, d: &Deal, out: &mut dyn Write) -> io::Result<()> {
    let mut all: Vec<(Option<&str>, &Source)> =
        d.figures.iter().flat_map(|f| f.sources.iter().map(move |s| (f.amount.as_deref(), s))).collect();
    all.sort_by(|a, b| crate::ledger::source_order(a.1).cmp(&crate::ledger::source_order(b.1)));
    // (date, figure) → its statements, in date order.
    let mut entries: Vec<(Option<&str>, Option<&str>, Vec<&Source>)> = Vec::new();
    for (amount, s) in &all {
        let date = s.date.as_deref();
        match entries.iter_mut().find(|(d, a, _)| *d == date && a == amount) {
            Some((_, _, list)) => list.push(s),
            None => entries.push((date, *amount, vec![s])),
        }
    }
    let s = if all.len() == 1 { "" } else { "s" };
    writeln!(
        out,
        "<td><details class=\"timeline\"><summary>{} statement{s}</summary>\n<ol class=\"timeline\">",
        all.len()
    )?;
    for (date, amount, list) in entries.iter().take(MAX_TIMELINE) {
        // A change of state: the deal called off.
        let mut offs: Vec<&str> = list.iter().filter_map(|s| s.called_off.as_deref()).collect();
        offs.dedup();
        let state = if offs.is_empty() {
            String::new()
        } else {
            format!(" <strong class=\"state\">{}</strong>", escape(&offs.join("; ")))
        };
        writeln!(
            out,
            "<li><span class=\"date\">{}</span> {}: {}{state}</li>",
            escape(date.unwrap_or("undated")),
            escape(figure_name(*amount)),
            notes(run, list, false)
        )?;
    }
    if entries.len() > MAX_TIMELINE {
        writeln!(out, "<li class=\"more\">and {} more</li>", entries.len() - MAX_TIMELINE)?;
    }
    writeln!(out, "</ol></details></td>")
}

/// The notes of some statements as HTML, one item per note with its lines
/// ("a.md:3,9"), and with `dated` its date; at most [`MAX_SOURCES`] notes,
/// then how many more.
fn notes(run: &Run<'_>, sources: &[&Source], dated: bool) -> String {
    // (note, "path:line,line", date)
    let mut items: Vec<(DocId, String, Option<&str>)> = Vec::new();
    for s in sources {
        let at = run.sources.resolve(s.doc, s.span);
        match items.iter_mut().find(|(doc, _, _)| *doc == s.doc) {
            Some((_, lines, _)) => {
                if !lines.split(',').any(|l| l == at.line.to_string()) {
                    lines.push_str(&format!(",{}", at.line));
                }
            }
            None => items.push((s.doc, at.line.to_string(), s.date.as_deref())),
        }
    }
    let mut html: Vec<String> = items
        .iter()
        .take(MAX_SOURCES)
        .map(|(doc, lines, date)| {
            let path = &run.sources.doc(*doc).path;
            let date =
                if dated { format!(" ({})", escape(date.unwrap_or("undated"))) } else { String::new() };
            format!("<span class=\"at\">{}:{lines}</span>{date}", escape(path))
        })
        .collect();
    if items.len() > MAX_SOURCES {
        html.push(format!("<span class=\"more\">and {} more notes</span>", items.len() - MAX_SOURCES));
    }
    html.join("; ")
}

/// The companies a finding is about: the owners (at the top of the chain:
/// Trainium → Amazon) of the names in its subject and message.
fn finding_parties<'l>(lexicon: &'l Lexicon, f: &Finding) -> Vec<&'l str> {
    let names = [&f.subject, &f.message].into_iter().flat_map(|t| lexicon.find_entities(t));
    companies(lexicon, names.map(|m| m.entity))
}

/// The companies of a deal: the owners of every side its claims name.
fn deal_parties<'l>(lexicon: &'l Lexicon, d: &Deal) -> Vec<&'l str> {
    companies(lexicon, d.named.iter().copied().chain([d.investor, d.recipient]))
}

/// Each entity's top owner, by name, sorted and once each.
fn companies(lexicon: &Lexicon, entities: impl Iterator<Item = EntityId>) -> Vec<&str> {
    let names: BTreeSet<&str> = entities.map(|e| lexicon.name(lexicon.root_owner(e))).collect();
    names.into_iter().collect()
}

/// Text as HTML, in an element or an attribute value in quotes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Location;
    use crate::report::{Sources, Summary};
    use crate::source::Document;

    #[test]
    fn escaping_leaves_nothing_to_html() {
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(escape("AT&T's \"deal\""), "AT&amp;T&#39;s &quot;deal&quot;");
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape("$4B → é"), "$4B → é");
    }

    #[test]
    fn pages_cover_every_item_once() {
        assert_eq!(pages(0, 200), Vec::<Range<usize>>::new());
        assert_eq!(pages(1, 200), vec![0..1]);
        assert_eq!(pages(200, 200), vec![0..200]);
        assert_eq!(pages(201, 200), vec![0..200, 200..201]);
        assert_eq!(pages(1000, 200).len(), 5);
        assert_eq!(pages(450, 200), vec![0..200, 200..400, 400..450]);
    }

    #[test]
    fn cutting_counts_characters() {
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("abcd", 3), "abc…");
        assert_eq!(cut(&"é".repeat(5), 2), "éé…");
    }

    fn page(docs: &[Document], findings: &[Finding]) -> String {
        let summary = Summary { files: docs.len(), findings: findings.len(), ..Default::default() };
        let run = Run { sources: Sources::new(docs), findings, errors: &[], summary };
        let mut out = Vec::new();
        write(&run, &Ledger::default(), Lexicon::builtin(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn finding(doc: DocId, span: Span, message: &str, sides: usize) -> Finding {
        Finding {
            rule: "amount-conflict",
            severity: Severity::Error,
            message: message.into(),
            locations: (0..sides).map(|_| Location { doc, span, label: "<b>".into() }).collect(),
            fix: None,
            omitted: 3,
            subject: "Amazon's investment in OpenAI".into(),
            sides: Vec::new(),
        }
    }

    #[test]
    fn quotes_and_messages_are_escaped_and_marked() {
        let long = format!("{}Amazon <script> & $4B{}\nnext", "x".repeat(150), "y".repeat(150));
        let docs = [Document::new("a&b.md", long.as_str())];
        let at = long.find("$4B").unwrap();
        let html = page(&docs, &[finding(0, Span::new(at, at + 3), "<script>alert('x')</script>", 12)]);
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(
            html.contains("<span class=\"at\">a&amp;b.md:1</span> <span class=\"label\">&lt;b&gt;</span>")
        );
        let quote = format!(
            "<pre class=\"quote\">…{}Amazon &lt;script&gt; &amp; <mark>$4B</mark>{}…</pre>",
            "x".repeat(82),
            "y".repeat(100)
        );
        assert!(html.contains(&quote), "{html}");
        // Ten sides, and the two left here with the three left by the rule.
        assert_eq!(html.matches("<pre class=\"quote\">").count(), MAX_SIDES);
        assert!(html.contains("<li class=\"more\">and 5 more</li>"));
        assert!(html.contains("data-parties=\"Amazon|OpenAI\""));
        assert_eq!(html.matches("<script>").count(), 1);
    }

    #[test]
    fn large_runs_are_paged_and_capped() {
        let docs = [Document::new("a.md", "Amazon invested $4B.\n")];
        let findings: Vec<Finding> =
            (0..MAX_ITEMS + 5).map(|_| finding(0, Span::new(16, 19), "m", 1)).collect();
        let html = page(&docs, &findings);
        assert_eq!(html.matches("<article ").count(), MAX_ITEMS);
        assert_eq!(html.matches("<section class=\"page\"").count(), MAX_ITEMS / PAGE);
        assert!(html.contains("The first 1000 of 1005 findings are shown; the other 5 are in"));
        assert!(html.contains(
            "<button type=\"button\" data-page=\"4\" aria-controls=\"finding-pages-5\">801–1000</button>"
        ));
    }

    #[test]
    fn no_findings_says_so() {
        let html = page(&[Document::new("a.md", "Nothing.\n")], &[]);
        assert!(html.contains("<h1>claimlint: no findings in 1 note</h1>"));
        assert!(html.contains("<p>No findings: the notes do not contradict each other.</p>"));
        assert!(html.contains("<p>No deals:"));
        assert!(!html.contains("<section class=\"page\""));
    }
}
