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
        let line = lines.line_col(&text, s.span.start).line;
        writeln!(out, "{line}: {}", sentence.join(" ")).unwrap();
        for (shape, range) in &s.shapes {
            writeln!(out, "  shape {shape} [{}]", &s.classes[range.clone()]).unwrap();
        }
        for claim in &extraction.claims[s.claims.clone()] {
            writeln!(out, "  claim {}", describe(claim, lexicon)).unwrap();
        }
    }
    // Table rows are read as a whole, after their table.
    let traced: usize = trace.iter().map(|s| s.claims.len()).sum();
    if traced < extraction.claims.len() {
        writeln!(out, "rows:").unwrap();
        let mut rows: Vec<_> =
            extraction.claims.iter().filter(|c| !trace.iter().any(|s| s.span.contains(c.span))).collect();
        rows.sort_by_key(|c| c.span);
        for claim in rows {
            let line = lines.line_col(&text, claim.span.start).line;
            writeln!(out, "  {line}: claim {}", describe(claim, lexicon)).unwrap();
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
