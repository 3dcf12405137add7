//! Human output: one miette diagnostic per finding. Labels in the primary
//! file sit on the diagnostic; each other file is a related diagnostic with
//! its own source, so every side of a conflict shows its line.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use std::sync::Arc;

use super::{Run, Text};
use crate::finding::{Finding, Severity};
use crate::rules;

/// How to draw diagnostics.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
    /// Print the closing summary line.
    pub summary: bool,
}

struct Diag<'a> {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Windowed<'a>,
    labels: Vec<LabeledSpan>,
    related: Vec<Diag<'a>>,
}

/// A document as miette reads it: each label's whole line and no other
/// (notes often hold a paragraph per line, so neighbouring lines would bury
/// the one that matters), found with the document's line index so that
/// rendering stays linear in a note with thousands of findings.
struct Windowed<'a> {
    name: &'a str,
    text: Arc<Text>,
}

impl SourceCode for Windowed<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text: &'a str = &self.text.text;
        let start = span.offset().min(text.len());
        let end = (start + span.len()).min(text.len());
        let (line, line_start) = self.text.lines.line_of(start);
        let contents = |data: &'a str, from: usize, column: usize, line_count: usize| {
            Box::new(MietteSpanContents::new_named(
                self.name.to_owned(),
                data.as_bytes(),
                SourceSpan::new(from.into(), data.len()),
                line,
                column,
                line_count,
            )) as Box<dyn SpanContents<'a> + 'a>
        };
        if context_lines_before == 0 && context_lines_after == 0 {
            // The span itself: miette asks this for the `file:line:column` header.
            let column = text.get(line_start..start).map_or(start - line_start, |p| p.chars().count());
            return Ok(contents(text.get(start..end).unwrap_or(""), start, column, 1));
        }
        let line_end = text[end..].find(['\n', '\r']).map_or(text.len(), |i| end + i);
        let data = text.get(line_start..line_end).unwrap_or("");
        let line_count = data.split('\n').count();
        Ok(contents(data, line_start, 0, line_count))
    }
}

impl fmt::Debug for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diag<'_> {}

impl Diagnostic for Diag<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code.as_ref().map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
        }
    }
}

fn severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn diagnostic<'a>(run: &'a Run<'_>, f: &Finding) -> Diag<'a> {
    let mut by_doc: Vec<(u32, Vec<LabeledSpan>)> = Vec::new();
    for (i, loc) in f.locations.iter().enumerate() {
        let label = LabeledSpan::new_with_span(Some(loc.label.to_string()), loc.span.range());
        let label = if i == 0 {
            LabeledSpan::new_primary_with_span(label.label().map(str::to_owned), *label.inner())
        } else {
            label
        };
        match by_doc.iter_mut().find(|(d, _)| *d == loc.doc) {
            Some((_, labels)) => labels.push(label),
            None => by_doc.push((loc.doc, vec![label])),
        }
    }
    let source = |doc: u32| Windowed { name: &run.sources.doc(doc).path, text: run.sources.text(doc) };
    let help = match &f.fix {
        Some(fix) => Some(format!("replace with `{}`", fix.replacement)),
        None => rules::find(f.rule).map(|_| format!("`claimlint explain {}` tells more", f.rule)),
    };
    let help = match (f.omitted, help) {
        (0, help) => help,
        (n, help) => {
            let more = if n == 1 { "1 more mention is".to_owned() } else { format!("{n} more mentions are") };
            let more = format!("{more} not listed");
            Some(help.map_or_else(|| more.clone(), |h| format!("{more}; {h}")))
        }
    };
    let mut docs = by_doc.into_iter();
    let (first, labels) = docs.next().unwrap_or((0, Vec::new()));
    let related = docs
        .map(|(doc, labels)| Diag {
            message: format!("also in {}", run.sources.doc(doc).path),
            code: None,
            severity: miette::Severity::Advice,
            help: None,
            source: source(doc),
            labels,
            related: Vec::new(),
        })
        .collect();
    Diag {
        message: f.message.clone(),
        code: Some(f.rule.to_owned()),
        severity: severity(f.severity),
        help,
        source: source(first),
        labels,
        related,
    }
}

pub fn write(run: &Run<'_>, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(1);
    for f in run.findings {
        let mut rendered = String::new();
        handler
            .render_report(&mut rendered, &diagnostic(run, f))
            .map_err(|e| io::Error::other(e.to_string()))?;
        writeln!(out, "{rendered}")?;
    }
    if !style.summary {
        return Ok(());
    }
    let s = &run.summary;
    let count = |sev: Severity| run.findings.iter().filter(|f| f.severity == sev).count();
    let plural = |n: usize, w: &str| {
        if n == 1 { format!("{n} {w}") } else { format!("{n} {w}s") }
    };
    writeln!(
        out,
        "{} checked, {} read: {}, {}, {}",
        plural(s.files, "file"),
        plural(s.claims, "claim"),
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Info), "note"),
    )?;
    let unread = run.errors.iter().filter(|e| !e.is_skip()).count();
    if unread > 0 {
        writeln!(out, "{} could not be read", plural(unread, "file"))?;
    }
    Ok(())
}
