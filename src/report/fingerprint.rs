//! Fingerprints that identify a finding across runs, for SARIF
//! `partialFingerprints`: code-scanning services use them to tell a known
//! finding from a new one after the notes were edited.
//!
//! A fingerprint hashes the rule id, the message and, for every location,
//! its path and the text it covers. Line numbers, columns and byte offsets
//! are left out, so inserting or removing unrelated lines above a finding does
//! not change it; editing the text a finding points at does.
//!
//! The hash is 64-bit FNV-1a, written here: it is a few lines, its output is
//! fixed by its published definition (the test below pins reference
//! vectors), and it needs no crate. `std`'s `DefaultHasher` is not an option,
//! since its algorithm may change between Rust releases. FNV is not
//! cryptographic; nothing here needs it to be, as a fingerprint only has to
//! tell the findings of one set of notes apart.

use std::collections::HashMap;

use super::Run;
use crate::finding::Finding;

/// The key the fingerprints are stored under. The version changes if what is
/// hashed ever changes, so old and new fingerprints are never compared.
pub const KEY: &str = "claimlint/v1";

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// 64-bit FNV-1a.
#[derive(Clone, Copy, Debug)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Self(FNV_OFFSET)
    }
}

impl Fnv1a {
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
    }

    /// Writes a field preceded by its length, so that ("ab", "c") and
    /// ("a", "bc") hash differently.
    pub fn field(&mut self, s: &str) {
        self.write(&(s.len() as u64).to_le_bytes());
        self.write(s.as_bytes());
    }

    pub fn finish(self) -> u64 {
        self.0
    }
}

/// The hash of one finding: rule, message, and each location's path and text.
pub fn hash(run: &Run<'_>, f: &Finding) -> u64 {
    let mut h = Fnv1a::default();
    h.field(f.rule);
    h.field(&f.message);
    for loc in &f.locations {
        let at = run.resolve(loc);
        h.field(at.path);
        h.field(at.text);
    }
    h.finish()
}

/// One fingerprint per finding, in order: the hash in hex, then `:n` for the
/// n-th finding of the run with that hash (as GitHub's own line hashes do),
/// so that identical findings stay distinct. Findings are sorted by position,
/// so moving unrelated lines does not reorder them.
pub fn fingerprints(run: &Run<'_>) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    run.findings
        .iter()
        .map(|f| {
            let h = hash(run, f);
            let n = seen.entry(h).or_insert(0);
            *n += 1;
            format!("{h:016x}:{n}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Location, Severity};
    use crate::report::{Sources, Summary};
    use crate::source::{Document, Span};

    fn fnv(s: &str) -> u64 {
        let mut h = Fnv1a::default();
        h.write(s.as_bytes());
        h.finish()
    }

    #[test]
    fn fnv1a_matches_reference_vectors() {
        assert_eq!(fnv(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv("foobar"), 0x8594_4171_f739_67e8);
    }

    fn finding(doc: u32, span: Span) -> Finding {
        Finding {
            rule: "amount-conflict",
            severity: Severity::Error,
            message: "m".into(),
            locations: vec![Location { doc, span, label: "l".into() }],
            fix: None,
        }
    }

    #[test]
    fn same_text_elsewhere_keeps_the_hash_and_repeats_are_numbered() {
        let docs = [Document::new("a.md", "$5B and $5B\n"), Document::new("b.md", "\n\n$5B\n")];
        let findings =
            [finding(0, Span::new(0, 3)), finding(0, Span::new(8, 11)), finding(1, Span::new(2, 5))];
        let run = Run {
            sources: Sources::new(&docs),
            findings: &findings,
            errors: &[],
            summary: Summary::default(),
        };
        let fps = fingerprints(&run);
        let (h0, n0) = fps[0].split_once(':').unwrap();
        let (h1, n1) = fps[1].split_once(':').unwrap();
        assert_eq!((h0, n0, n1), (h1, "1", "2"));
        assert_ne!(&fps[2][..16], h0, "the path is part of the hash");
    }
}
