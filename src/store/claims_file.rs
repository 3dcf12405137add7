//! Claims files: what `extract --format claims` writes and `check --claims`
//! reads, so extraction can be sharded over many machines and the rules run
//! once on the union (a map and a reduce).
//!
//! JSON Lines: a header naming the format and the lexicon the claims were
//! read with (entity ids index that lexicon, so a different lexicon is
//! refused), then one line per document with its path, a hash of its text
//! and its extraction. Rendering re-reads only the notes that have findings,
//! and only if their text still has that hash.

use std::io::{self, BufRead, Write};

use serde::{Deserialize, Serialize};

use crate::claims::Extraction;
use crate::lexicon::Lexicon;
use crate::source::fnv1a;
use crate::source::{Document, Stamp, content_hash};

pub const FORMAT: &str = "claimlint-claims";
/// 2: the hash is the 128-bit content hash, and the length is recorded.
pub const VERSION: u32 = 4;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    version: u32,
    lexicon: String,
}

/// One document's claims.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub path: String,
    /// The text's length in bytes.
    pub len: usize,
    /// The text's content hash ([`crate::source::content_hash`]), hex.
    pub hash: String,
    pub extraction: Extraction,
}

impl Record {
    /// What the note must still hold to be shown.
    pub fn stamp(&self) -> Option<Stamp> {
        Some(Stamp { len: self.len, hash: u128::from_str_radix(&self.hash, 16).ok()? })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ClaimsError {
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{path}:{line}: not a claims file line: {source}")]
    Parse { path: String, line: usize, source: serde_json::Error },
    #[error("{path}: not a claimlint claims file (no header line)")]
    NoHeader { path: String },
    #[error(
        "{path}: written by another version of claimlint (claims format {found}; this one reads {VERSION}); extract the notes again"
    )]
    Version { path: String, found: u32 },
    #[error("{path}: written with a different lexicon; extract the notes again with this configuration")]
    Lexicon { path: String },
}

/// The hash of a document's text, as recorded.
pub fn text_hash(text: &str) -> String {
    format!("{:032x}", content_hash(text))
}

/// A fingerprint of the lexicon's entries and relations, in order.
pub fn lexicon_hash(lexicon: &Lexicon) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (_, e) in lexicon.entities() {
        parts.push(e.name.clone());
        parts.push(format!("{:?}", e.kind));
        parts.extend(e.aliases.iter().cloned());
        parts.push(format!("{:?}/{:?}/{:?}", e.owner, e.cloud, e.affiliation));
    }
    // The vocabulary decides what is read as much as the names do.
    for (phrase, class, sense) in lexicon.vocabulary().phrases() {
        parts.push(format!("{phrase}/{}/{sense:?}", class.name()));
    }
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    format!("{:016x}", fnv1a(&refs))
}

pub fn write(
    docs: &[Document],
    extractions: &[Extraction],
    lexicon: &Lexicon,
    out: &mut dyn Write,
) -> io::Result<()> {
    let header = Header { format: FORMAT.to_owned(), version: VERSION, lexicon: lexicon_hash(lexicon) };
    serde_json::to_writer(&mut *out, &header)?;
    writeln!(out)?;
    for (doc, extraction) in docs.iter().zip(extractions) {
        #[derive(Serialize)]
        struct Borrowed<'a> {
            path: &'a str,
            len: usize,
            hash: String,
            extraction: &'a Extraction,
        }
        let record =
            Borrowed { path: &doc.path, len: doc.text.len(), hash: text_hash(&doc.text), extraction };
        serde_json::to_writer(&mut *out, &record)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Reads a claims file written with `lexicon`.
pub fn read(path: &str, input: impl BufRead, lexicon: &Lexicon) -> Result<Vec<Record>, ClaimsError> {
    let mut records = Vec::new();
    let mut header_seen = false;
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(|source| ClaimsError::Io { path: path.to_owned(), source })?;
        if line.trim().is_empty() {
            continue;
        }
        let parse = |source| ClaimsError::Parse { path: path.to_owned(), line: i + 1, source };
        if !header_seen {
            let header: Header = serde_json::from_str(&line).map_err(parse)?;
            if header.format != FORMAT {
                return Err(ClaimsError::NoHeader { path: path.to_owned() });
            }
            if header.version != VERSION {
                return Err(ClaimsError::Version { path: path.to_owned(), found: header.version });
            }
            if header.lexicon != lexicon_hash(lexicon) {
                return Err(ClaimsError::Lexicon { path: path.to_owned() });
            }
            header_seen = true;
            continue;
        }
        let mut record: Record = serde_json::from_str(&line).map_err(parse)?;
        record.extraction.share_dates();
        records.push(record);
    }
    if !header_seen {
        return Err(ClaimsError::NoHeader { path: path.to_owned() });
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_every_claim() {
        let lex = Lexicon::builtin();
        let docs = crate::demo::documents();
        let extractions = crate::extract_all(&docs, lex);
        let mut buf = Vec::new();
        write(&docs, &extractions, lex, &mut buf).unwrap();
        let records = read("c.jsonl", buf.as_slice(), lex).unwrap();
        assert_eq!(records.len(), docs.len());
        for (r, (d, e)) in records.iter().zip(docs.iter().zip(&extractions)) {
            assert_eq!(r.path, d.path);
            assert_eq!(r.hash, text_hash(&d.text));
            assert_eq!(r.stamp(), Some(crate::source::Stamp::of(&d.text)));
            assert_eq!(&r.extraction, e);
        }
    }

    #[test]
    fn another_lexicon_is_refused() {
        let lex = Lexicon::builtin();
        let mut buf = Vec::new();
        write(&[], &[], lex, &mut buf).unwrap();
        let other = Lexicon::builtin_with(vec![crate::lexicon::EntityDef::new(
            "Acme Cloud",
            crate::lexicon::EntityKind::Cloud,
        )])
        .unwrap();
        assert!(matches!(read("c", buf.as_slice(), &other), Err(ClaimsError::Lexicon { .. })));
        assert!(matches!(read("c", &b"{}\n"[..], lex), Err(ClaimsError::Parse { .. })));
        assert!(matches!(read("c", &b""[..], lex), Err(ClaimsError::NoHeader { .. })));
        let old = br#"{"format":"claimlint-claims","version":1,"lexicon":"0"}"#;
        assert!(matches!(read("c", &old[..], lex), Err(ClaimsError::Version { found: 1, .. })));
    }
}
