//! Findings as diagnostics: one on each place a finding has in the buffer,
//! every other side of the conflict as related information.

use std::sync::Arc;

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range, Uri,
};

use super::convert::{self, Encoding};
use super::workspace::View;
use crate::finding::Severity;
use crate::sources::{Sources, Text};

/// A diagnostic published for a buffer, with what its code actions need.
#[derive(Clone, Debug)]
pub struct Published {
    pub diagnostic: Diagnostic,
    pub rule: &'static str,
    /// The finding's fix, in the buffer.
    pub fix: Option<(Range, String)>,
    /// The word a misspelling finding is about, as written.
    pub word: Option<String>,
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The diagnostics of the buffer (document 0 of `view`), known as `uri`.
pub fn of(view: &View<'_>, uri: &Uri, enc: Encoding) -> Vec<Published> {
    let sources = Sources::new(view.docs);
    let buffer: Arc<Text> = sources.text(0);
    let mut out = Vec::new();
    for f in view.findings {
        let places: Vec<(Uri, Range)> = f
            .locations
            .iter()
            .map(|l| {
                let text = if l.doc == 0 { buffer.clone() } else { sources.text(l.doc) };
                let range = convert::range(&text, l.span, enc);
                let at = if l.doc == 0 { None } else { doc_uri(view, l.doc) };
                (at.unwrap_or_else(|| uri.clone()), range)
            })
            .collect();
        let fix = f
            .fix
            .as_ref()
            .filter(|x| x.doc == 0)
            .map(|x| (convert::range(&buffer, x.span, enc), x.replacement.clone()));
        let word = (f.rule == "misspelled-name")
            .then(|| f.locations.first().and_then(|l| buffer.text.get(l.span.range())).map(str::to_owned))
            .flatten();
        let mut message = f.message.clone();
        if f.omitted > 0 {
            message.push_str(&format!(" ({} more mentions not listed)", f.omitted));
        }
        for (i, l) in f.locations.iter().enumerate() {
            if l.doc != 0 {
                continue;
            }
            let related: Vec<DiagnosticRelatedInformation> = f
                .locations
                .iter()
                .zip(&places)
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, (other, (uri, range)))| DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), *range),
                    message: other.label.to_string(),
                })
                .collect();
            let diagnostic = Diagnostic {
                range: places[i].1,
                severity: Some(severity(f.severity)),
                code: Some(NumberOrString::String(f.rule.to_owned())),
                code_description: None,
                source: Some("claimlint".to_owned()),
                message: if related.is_empty() || l.label.is_empty() {
                    message.clone()
                } else {
                    format!("{message}\n{}", l.label)
                },
                related_information: (!related.is_empty()).then_some(related),
                tags: None,
                data: None,
            };
            out.push(Published { diagnostic, rule: f.rule, fix: fix.clone(), word: word.clone() });
        }
    }
    out
}

/// The URI of a document of the corpus.
fn doc_uri(view: &View<'_>, doc: u32) -> Option<Uri> {
    let d = view.docs.get(doc as usize)?;
    let path = d.file().to_path_buf();
    let path = if path.is_absolute() { path } else { view.root.join(path) };
    convert::uri_of(&path)
}

/// A path as the user knows it: below the workspace folder, relative.
pub fn shown(view: &View<'_>, doc: u32) -> String {
    let Some(d) = view.docs.get(doc as usize) else { return String::new() };
    let path = d.file();
    path.strip_prefix(view.root).unwrap_or(path).display().to_string()
}
