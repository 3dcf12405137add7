//! The claims each shape reads, with the roles it gives: a wrong role fails.

use crate::extract::extract;
use crate::lexicon::Lexicon;
use crate::report::trace::describe;
use crate::source::Document;

/// Every claim of a note, described.
fn claims(text: &str) -> Vec<String> {
    claims_in("note.md", text)
}

fn claims_in(path: &str, text: &str) -> Vec<String> {
    let lexicon = Lexicon::builtin();
    let ex = extract(&Document::new(path, text), lexicon);
    ex.claims.iter().map(|c| describe(c, lexicon)).collect()
}

#[test]
fn placeholder() {
    assert!(!claims("Amazon invested $4 billion in Anthropic.").is_empty());
    assert!(claims_in("a.txt", "Nothing here.").is_empty());
}
