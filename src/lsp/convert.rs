//! Between claimlint's byte spans and paths and the protocol's positions
//! and URIs.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};

use crate::source::{LineIndex, Span};
use crate::sources::Text;

/// What a position's `character` counts, as agreed at initialization.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    #[default]
    Utf16,
}

impl Encoding {
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// The largest char boundary at or before `offset`.
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// The position of a byte offset.
pub fn position(text: &Text, offset: usize, enc: Encoding) -> Position {
    let offset = floor_boundary(&text.text, offset);
    let (line, start) = text.lines.line_of(offset);
    let character: usize = text.text[start..offset].chars().map(|c| enc.width(c)).sum();
    Position::new(line as u32, character as u32)
}

/// The range of a span.
pub fn range(text: &Text, span: Span, enc: Encoding) -> Range {
    Range::new(position(text, span.start(), enc), position(text, span.end(), enc))
}

/// The byte offset of a position; a position past the end of its line
/// is the line's end, one past the last line the text's end.
pub fn offset(text: &str, lines: &LineIndex, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize + 1;
    if line > lines.line_count() {
        return text.len();
    }
    let span = lines.line_span(text, line);
    let mut units = 0;
    for (i, c) in text[span.range()].char_indices() {
        if units >= pos.character as usize {
            return span.start() + i;
        }
        units += enc.width(c);
    }
    span.end()
}

/// A `file:` URI's path; `None` for other schemes.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let decoded = percent_decode(rest)?;
    // file:///C:/notes on Windows.
    #[cfg(windows)]
    let decoded = match decoded.strip_prefix('/') {
        Some(d) if d.as_bytes().get(1) == Some(&b':') => d.to_owned(),
        _ => decoded,
    };
    Some(PathBuf::from(decoded))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let s = path.to_str()?;
    let s = s.replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            b':' if out.len() == "file:///".len() + 1 => out.push(':'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    Uri::from_str(&out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn positions_count_utf16_units_or_bytes() {
        let text = Text::new(Arc::from("a\n⚡ $5 𝄞x\r\nlast"));
        let x = text.text.find('x').unwrap();
        assert_eq!(position(&text, x, Encoding::Utf16), Position::new(1, 7));
        assert_eq!(position(&text, x, Encoding::Utf8), Position::new(1, 11));
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let p = position(&text, x, enc);
            assert_eq!(offset(&text.text, &text.lines, p, enc), x);
        }
        // Past the line's end, past the last line, inside a character.
        assert_eq!(offset(&text.text, &text.lines, Position::new(0, 99), Encoding::Utf16), 1);
        assert_eq!(offset(&text.text, &text.lines, Position::new(9, 0), Encoding::Utf16), text.text.len());
        assert_eq!(position(&text, 3, Encoding::Utf16), Position::new(1, 0));
    }

    #[test]
    fn file_uris_round_trip() {
        let path = Path::new("/tmp/my notes/2025-12 talks#1.md");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/my%20notes/2025-12%20talks%231.md");
        assert_eq!(path_of(&uri).unwrap(), path);
        let uri = Uri::from_str("file://localhost/a/b%C3%A9.md").unwrap();
        assert_eq!(path_of(&uri).unwrap(), Path::new("/a/bé.md"));
        assert!(path_of(&Uri::from_str("untitled:Untitled-1").unwrap()).is_none());
    }
}
