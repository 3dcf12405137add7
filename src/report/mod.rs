//! Rendering: the only place that turns findings and claims into bytes.

pub mod concise;
pub mod extract;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod text;
pub mod trace;

use serde::Serialize;

use crate::finding::{Finding, Location};
use crate::input::InputError;
pub use crate::sources::{Resolved, Sources, Text};

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

    /// " (also at a.md:3:17, b.txt:1:1)": a finding's other locations, for
    /// formats that give one place per finding; `columns` adds the column.
    /// Empty when there are none.
    pub fn also_at(&self, f: &Finding, columns: bool) -> String {
        let others: Vec<String> = f
            .locations
            .iter()
            .skip(1)
            .map(|l| {
                let at = self.resolve(l);
                if columns {
                    format!("{}:{}:{}", at.path, at.line, at.column)
                } else {
                    format!("{}:{}", at.path, at.line)
                }
            })
            .collect();
        if others.is_empty() { String::new() } else { format!(" (also at {})", others.join(", ")) }
    }
}
