//! The whole front end on arbitrary bytes: decoding, then extraction, then
//! the rules on the one document, then every location resolved to a line
//! and column as the reports do. The first byte picks Markdown or plain text.
#![no_main]

use claimlint::input;
use claimlint::lexicon::Lexicon;
use claimlint::rules::RuleSettings;
use claimlint::source::{LineIndex, Span};
use libfuzzer_sys::fuzz_target;

fn inside(text: &str, span: Span) {
    assert!(span.start() <= span.end() && span.end() <= text.len(), "{span} outside {} bytes", text.len());
    assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()), "{span} splits a char");
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else { return };
    let path = if kind & 1 == 0 { "fuzz.md" } else { "fuzz.txt" };
    let Ok(doc) = input::decode(path.to_owned(), bytes.to_vec()) else { return };
    let lexicon = Lexicon::builtin();
    let (extractions, findings) =
        claimlint::check(std::slice::from_ref(&doc), lexicon, &RuleSettings::default());
    let text = &doc.text;
    let ex = &extractions[0];
    ex.claims.iter().for_each(|c| inside(text, c.span));
    ex.entities.iter().for_each(|e| inside(text, e.span));
    ex.amounts.iter().for_each(|a| inside(text, a.span));
    ex.near_misses.iter().for_each(|n| inside(text, n.span));
    let lines = LineIndex::new(text);
    for f in &findings {
        for l in &f.locations {
            inside(text, l.span);
            let at = lines.line_col(text, l.span.start());
            assert!(at.line >= 1 && at.line <= lines.line_count());
        }
        if let Some(fix) = &f.fix {
            inside(text, fix.span);
        }
    }
    let fixes = claimlint::fix::fixes_for(&findings, 0);
    let _ = claimlint::fix::apply(text, &fixes);
});
