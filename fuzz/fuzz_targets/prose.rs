//! The Markdown and plain-text front end: blanking keeps every offset, and
//! every block lies inside the text on character boundaries.
#![no_main]

use claimlint::extract::{prose, sentences};
use claimlint::source::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let path = if kind & 1 == 0 { "fuzz.md" } else { "fuzz.txt" };
    let doc = Document::new(path, text);
    let p = prose::prose(&doc);
    assert_eq!(p.text.len(), text.len(), "blanking keeps offsets");
    for &block in &p.blocks {
        assert!(block.end() <= p.text.len() && p.text.is_char_boundary(block.start()));
        assert!(p.text.is_char_boundary(block.end()));
        for s in sentences::split(&p.text, block) {
            assert!(block.contains(s), "sentence {s} outside block {block}");
            assert!(p.text.is_char_boundary(s.start()) && p.text.is_char_boundary(s.end()));
        }
    }
});
