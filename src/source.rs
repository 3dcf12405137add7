//! Documents, spans and line/column arithmetic.
//!
//! A span is an end-exclusive byte range into one document's text. Lines and
//! columns are derived only when a report is rendered: 1-based, and columns
//! count Unicode scalar values, as JSON and SARIF consumers expect.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Index of a document in the run's document list.
pub type DocId = u32;

/// An end-exclusive byte range into a document's text.
///
/// Offsets are kept in 32 bits: a run holds millions of spans, and no note
/// is read past [`crate::input::MAX_FILE_BYTES`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    start: u32,
    end: u32,
}

/// `{"start": …, "end": …}` in text formats (JSON); in binary ones (the
/// claims cache, packed claims) the start and the length, which is a byte
/// with variable-length integers where the end would take three.
impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            SpanText { start: self.start, end: self.end }.serialize(s)
        } else {
            (self.start, self.end - self.start).serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            let SpanText { start, end } = SpanText::deserialize(d)?;
            return Ok(Span { start, end });
        }
        let (start, len) = <(u32, u32)>::deserialize(d)?;
        let end = start.checked_add(len).ok_or_else(|| serde::de::Error::custom("a span past 4 GB"))?;
        Ok(Span { start, end })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename = "Span")]
struct SpanText {
    start: u32,
    end: u32,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start: start as u32, end: end as u32 }
    }

    pub const fn start(self) -> usize {
        self.start as usize
    }

    pub const fn end(self) -> usize {
        self.end as usize
    }

    pub const fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span moved right by `offset` bytes.
    pub const fn shift(self, offset: usize) -> Self {
        Self::new(self.start() + offset, self.end() + offset)
    }

    /// Whether `other` lies inside this span.
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start().min(other.start()), self.end().max(other.end()))
    }

    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// How a document's text is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Text,
    Markdown,
}

impl SourceKind {
    /// Markdown for `.md`, `.markdown` and `.mdown`; plain text otherwise.
    pub fn from_path(path: &str) -> Self {
        let lower = path.to_ascii_lowercase();
        if [".md", ".markdown", ".mdown", ".mkd"].iter().any(|ext| lower.ends_with(ext)) {
            SourceKind::Markdown
        } else {
            SourceKind::Text
        }
    }
}

/// One note, as read from disk (or embedded), shared cheaply between stages.
#[derive(Clone, Debug)]
pub struct Document {
    /// The path as the user named it, joined with the path below it.
    pub path: String,
    pub text: Arc<str>,
    pub kind: SourceKind,
    /// The file it was read from, when its name is not `path` itself (a
    /// path shown without its leading `./`, a name that is not UTF-8):
    /// [`Document::file`] is the file either way. `path` is for display;
    /// fixes are written to the file. One copy of the name, not two, for
    /// each of a run's many notes.
    pub file: Option<PathBuf>,
    /// Set when the text was let go after extraction (`text` is then empty):
    /// what the file must still hold when it is read again to be shown.
    pub stamp: Option<Stamp>,
}

/// The text of a released document: one allocation for all of them.
fn empty() -> Arc<str> {
    static EMPTY: std::sync::LazyLock<Arc<str>> = std::sync::LazyLock::new(|| Arc::from(""));
    EMPTY.clone()
}

/// The length and content hash of a text that is no longer in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: usize,
    pub hash: u128,
}

impl Stamp {
    pub fn of(text: &str) -> Self {
        Self { len: text.len(), hash: content_hash(text) }
    }
}

/// A 128-bit hash of a text (XXH3): identifies a note's content in the
/// claims cache and tells whether a note changed since it was read.
pub fn content_hash(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// FNV-1a, 64 bits: small, stable across platforms and releases.
pub(crate) fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

impl Document {
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        let path = path.into();
        let kind = SourceKind::from_path(&path);
        let text = text.into();
        let text = if text.is_empty() { empty() } else { text };
        Self { path, text, kind, file: None, stamp: None }
    }

    /// Lets go of the text, keeping what is needed to read it again.
    pub fn release(&mut self) {
        if self.stamp.is_none() {
            self.stamp = Some(Stamp::of(&self.text));
            self.text = empty();
        }
    }

    /// The text's length in bytes, whether or not it is still held.
    pub fn len(&self) -> usize {
        self.stamp.map_or(self.text.len(), |s| s.len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The same document, read from `file`.
    pub fn with_file(mut self, file: impl Into<PathBuf>) -> Self {
        let file = file.into();
        self.file = (file.as_os_str() != self.path.as_str()).then_some(file);
        self
    }

    /// The file the note is read from (and fixed in): the one it was read
    /// from, else its path.
    pub fn file(&self) -> &std::path::Path {
        self.file.as_deref().unwrap_or(std::path::Path::new(&self.path))
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

const BOM: &str = "\u{feff}";

/// Byte offsets of line starts. `\n`, `\r\n` and a lone `\r` all end a line.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Self { starts }
    }

    /// The 0-based line of a byte offset, and the offset at which it starts.
    pub fn line_of(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        (line, self.starts[line])
    }

    /// The line and column of a byte offset, which must lie on a char boundary.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut column = text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
        // A UTF-8 byte order mark is not a column: editors do not show it.
        if line == 0 && offset >= BOM.len() && text.starts_with(BOM) {
            column -= 1;
        }
        LineCol { line: line + 1, column }
    }

    /// The byte span of a 1-based line, without its line ending.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.starts[line - 1];
        let mut end = self.starts.get(line).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_scalar_values() {
        let text = "⚡ a\nb $5";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 4), LineCol { line: 1, column: 3 });
        assert_eq!(idx.line_col(text, text.find('$').unwrap()), LineCol { line: 2, column: 3 });
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "a\r\nb\rc\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(text, 3).line, 2);
        assert_eq!(idx.line_col(text, 5).line, 3);
        assert_eq!(idx.line_col(text, 7), LineCol { line: 4, column: 1 });
        assert_eq!(idx.line_span(text, 1), Span::new(0, 1));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}ab\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 4), LineCol { line: 1, column: 2 });
        assert_eq!(idx.line_col(text, 7), LineCol { line: 2, column: 2 });
    }

    #[test]
    fn offset_at_end_of_text() {
        let text = "ab\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 3), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn markdown_is_chosen_by_extension() {
        assert_eq!(SourceKind::from_path("notes/a.MD"), SourceKind::Markdown);
        assert_eq!(SourceKind::from_path("a.markdown"), SourceKind::Markdown);
        assert_eq!(SourceKind::from_path("a.txt"), SourceKind::Text);
        assert_eq!(SourceKind::from_path("README"), SourceKind::Text);
    }
}
