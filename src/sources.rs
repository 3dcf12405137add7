//! The notes of a run as renderers and baselines see them: each note's
//! text, held or read again from disk when a finding points into it, and
//! spans resolved to lines and columns. Not rendering: the baseline needs
//! it as much as the reports do.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use serde::Serialize;

use crate::finding::Finding;
use crate::input::{self, InputError};
use crate::source::{Document, LineIndex, Span, Stamp};

/// A note's text with its line index.
pub struct Text {
    pub text: Arc<str>,
    pub lines: LineIndex,
}

impl Text {
    pub(crate) fn new(text: Arc<str>) -> Self {
        Self { lines: LineIndex::new(&text), text }
    }
}

/// The documents of a run. A document that still holds its text is indexed
/// on first use; one whose text was let go after extraction is read again
/// from disk when a finding points into it, kept among the most recently
/// read ones (at most [`Sources::BUDGET`] bytes), and shown only if it still
/// has the content that was checked.
pub struct Sources<'a> {
    pub docs: &'a [Document],
    held: Vec<OnceLock<Arc<Text>>>,
    recent: Mutex<Recent>,
    /// Released documents that could not be read again as they were.
    broken: Vec<OnceLock<()>>,
}

/// Texts read again, oldest first.
#[derive(Default)]
struct Recent {
    texts: HashMap<u32, Arc<Text>>,
    order: VecDeque<u32>,
    bytes: usize,
}

impl<'a> Sources<'a> {
    /// Bytes of re-read text kept at once.
    pub const BUDGET: usize = 16 << 20;

    pub fn new(docs: &'a [Document]) -> Self {
        Self {
            docs,
            held: docs.iter().map(|_| OnceLock::new()).collect(),
            recent: Mutex::default(),
            broken: docs.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    pub fn doc(&self, id: u32) -> &'a Document {
        &self.docs[id as usize]
    }

    /// The text of a document and its line index. A released document that
    /// changed or vanished since it was checked reads as empty (see
    /// [`Sources::verify`], which reports it).
    pub fn text(&self, id: u32) -> Arc<Text> {
        let doc = self.doc(id);
        let Some(stamp) = doc.stamp else {
            return self.held[id as usize].get_or_init(|| Arc::new(Text::new(doc.text.clone()))).clone();
        };
        if self.broken[id as usize].get().is_some() {
            return Arc::new(Text::new(Arc::from("")));
        }
        if let Some(t) = self.recent.lock().ok().and_then(|r| r.texts.get(&id).cloned()) {
            return t;
        }
        let text = match reread(doc, stamp) {
            Ok(text) => Arc::new(Text::new(text)),
            Err(_) => {
                let _ = self.broken[id as usize].set(());
                return Arc::new(Text::new(Arc::from("")));
            }
        };
        if let Ok(mut recent) = self.recent.lock() {
            recent.bytes += text.text.len();
            recent.order.push_back(id);
            recent.texts.insert(id, text.clone());
            while recent.bytes > Self::BUDGET && recent.order.len() > 1 {
                if let Some(old) = recent.order.pop_front() {
                    if let Some(t) = recent.texts.remove(&old) {
                        recent.bytes -= t.text.len();
                    }
                }
            }
        }
        text
    }

    /// Reads again, in parallel, every released document the findings point
    /// into, and says which no longer hold what was checked. Those are then
    /// shown without their text.
    pub fn verify(&self, findings: &[Finding]) -> Vec<InputError> {
        let mut ids: Vec<u32> = findings
            .iter()
            .flat_map(|f| f.locations.iter().map(|l| l.doc).chain(f.fix.iter().map(|x| x.doc)))
            .filter(|&id| self.doc(id).stamp.is_some())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let failed: Vec<(u32, InputError)> = ids
            .par_iter()
            .filter_map(|&id| {
                let doc = self.doc(id);
                doc.stamp.and_then(|stamp| reread(doc, stamp).err()).map(|e| (id, e))
            })
            .collect();
        failed
            .into_iter()
            .map(|(id, e)| {
                let _ = self.broken[id as usize].set(());
                e
            })
            .collect()
    }

    /// A span with its path, 1-based lines and columns, and text.
    pub fn resolve(&self, doc: u32, span: Span) -> Resolved<'a> {
        let d = self.doc(doc);
        let t = self.text(doc);
        let start = t.lines.line_col(&t.text, span.start());
        let end = t.lines.line_col(&t.text, span.end());
        Resolved {
            path: &d.path,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            byte_start: span.start(),
            byte_end: span.end(),
            text: t.text.get(span.range()).unwrap_or("").to_owned(),
        }
    }
}

/// Reads a released document again; an error unless it is what was checked.
fn reread(doc: &Document, stamp: Stamp) -> Result<Arc<str>, InputError> {
    let file = doc.file();
    let read = input::read(file)?;
    if Stamp::of(&read.text) != stamp {
        return Err(InputError::Walk {
            path: doc.path.clone(),
            message: "changed since it was read; its findings are shown without its text".to_owned(),
        });
    }
    Ok(read.text)
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
    pub text: String,
}
