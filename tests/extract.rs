//! One snapshot per note in `tests/fixtures/extract/`: every sentence, the
//! claim shapes the grammar found in it and the claims it gave once its
//! note's context was read, as `claimlint extract --trace` shows them. A
//! wrong role (who invests, who receives, who uses what) changes a snapshot.

use std::fmt::Write;
use std::path::Path;

use claimlint::extract::extract_traced;
use claimlint::lexicon::Lexicon;
use claimlint::report::trace::describe;
use claimlint::source::{Document, LineIndex};

fn render(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let name = format!("extract/{}", path.file_name().unwrap().to_string_lossy());
    let doc = Document::new(name, text.as_str());
    let lexicon = Lexicon::builtin();
    let mut trace = Vec::new();
    let extraction = extract_traced(&doc, lexicon, Some(&mut trace));
    let lines = LineIndex::new(&text);
    let mut out = String::new();
    for s in &trace {
        let sentence: Vec<&str> = text[s.span.range()].split_whitespace().collect();
        let line = lines.line_col(&text, s.span.start()).line;
        writeln!(out, "{line}: {}", sentence.join(" ")).unwrap();
        for (shape, range) in &s.shapes {
            // A table's rows are read by its header: no classes to show.
            let classes = s.classes.get(range.clone()).unwrap_or_default();
            writeln!(out, "  shape {shape} [{classes}]").unwrap();
        }
        for claim in &extraction.claims[s.claims.clone()] {
            writeln!(out, "  claim {}", describe(claim, lexicon)).unwrap();
        }
    }
    out
}

#[test]
fn extract_fixtures() {
    insta::glob!("fixtures/extract/*.*", |path| {
        insta::assert_snapshot!(render(path));
    });
}
