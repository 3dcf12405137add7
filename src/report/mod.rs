//! Rendering: the only place that turns findings and claims into bytes.

pub mod extract;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use std::sync::OnceLock;

use serde::Serialize;

use crate::finding::{Finding, Location};
use crate::input::InputError;
use crate::source::{Document, LineIndex, Span};

/// The documents of a run, with line indexes built on first use.
pub struct Sources<'a> {
    pub docs: &'a [Document],
    lines: Vec<OnceLock<LineIndex>>,
}

impl<'a> Sources<'a> {
    pub fn new(docs: &'a [Document]) -> Self {
        Self { docs, lines: docs.iter().map(|_| OnceLock::new()).collect() }
    }

    pub fn doc(&self, id: u32) -> &'a Document {
        &self.docs[id as usize]
    }

    pub fn lines(&self, id: u32) -> &LineIndex {
        self.lines[id as usize].get_or_init(|| LineIndex::new(&self.docs[id as usize].text))
    }

    /// A span with its path, 1-based lines and columns, and text.
    pub fn resolve(&self, doc: u32, span: Span) -> Resolved<'a> {
        let d = self.doc(doc);
        let idx = self.lines(doc);
        let start = idx.line_col(&d.text, span.start);
        let end = idx.line_col(&d.text, span.end);
        Resolved {
            path: &d.path,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            byte_start: span.start,
            byte_end: span.end,
            text: d.text.get(span.range()).unwrap_or(""),
        }
    }
}

/// A span as consumers see it. `end_column` is exclusive, like `byte_end`.
#[derive(Clone, Debug, Serialize)]
pub struct Resolved<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub text: &'a str,
}

/// What a run did, for the summary line and JSON.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub claims: usize,
    pub findings: usize,
    pub errors: usize,
}

/// Everything a renderer needs.
pub struct Run<'a> {
    pub sources: Sources<'a>,
    pub findings: &'a [Finding],
    pub errors: &'a [InputError],
    pub summary: Summary,
}

impl Run<'_> {
    pub fn resolve(&self, loc: &Location) -> Resolved<'_> {
        self.sources.resolve(loc.doc, loc.span)
    }
}
