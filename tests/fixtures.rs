//! One snapshot per (rule, fixture): `tests/fixtures/<rule-id>/<case>.{md,txt}`
//! is checked with that rule alone, and its findings are rendered compactly.

use std::fmt::Write;
use std::path::Path;

use claimlint::lexicon::Lexicon;
use claimlint::report::Sources;
use claimlint::rules::RuleSettings;
use claimlint::source::Document;

fn render(rule: &str, path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let name = format!("{rule}/{}", path.file_name().unwrap().to_string_lossy());
    let docs = vec![Document::new(name, text)];
    let mut settings = RuleSettings::default();
    settings.severities.retain(|id, _| *id == rule);
    let (_, findings) = claimlint::check(&docs, Lexicon::builtin(), &settings);
    let sources = Sources::new(&docs);
    let mut out = String::new();
    if findings.is_empty() {
        out.push_str("no findings\n");
    }
    for f in &findings {
        writeln!(out, "{} [{}] {}", f.rule, f.severity, f.message).unwrap();
        for l in &f.locations {
            let at = sources.resolve(l.doc, l.span);
            writeln!(out, "  {}:{}:{} {:?} -- {}", at.path, at.line, at.column, at.text, l.label).unwrap();
        }
        if let Some(fix) = &f.fix {
            writeln!(out, "  fix: {}..{} -> {:?}", fix.span.start(), fix.span.end(), fix.replacement)
                .unwrap();
        }
    }
    out
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/*/*.*", |path| {
        let rule = path.parent().unwrap().file_name().unwrap().to_str().unwrap();
        if rule == "extract" {
            // Claims, not findings: tests/extract.rs.
            return;
        }
        assert!(claimlint::rules::find(rule).is_some(), "fixture folder `{rule}` is not a rule id");
        insta::assert_snapshot!(render(rule, path));
    });
}
