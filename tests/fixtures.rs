//! One snapshot per (rule, fixture): `tests/fixtures/<rule-id>/<case>.{md,txt}`
//! is checked with that rule alone, and its findings are rendered compactly.
//! A case that needs several notes (notes of different dates) is a folder
//! of them: `tests/fixtures/<rule-id>/<case>/`.

use std::fmt::Write;
use std::path::Path;

use claimlint::lexicon::Lexicon;
use claimlint::report::Sources;
use claimlint::rules::RuleSettings;
use claimlint::source::Document;

fn render(rule: &str, path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let name = format!("{rule}/{}", path.file_name().unwrap().to_string_lossy());
    render_docs(rule, vec![Document::new(name, text)])
}

fn render_docs(rule: &str, docs: Vec<Document>) -> String {
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

#[test]
fn fixtures_of_several_notes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flat_map(|rule| std::fs::read_dir(rule.unwrap().path()).unwrap())
        .map(|case| case.unwrap().path())
        .filter(|case| case.is_dir())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no folder cases under {}", root.display());
    for case in cases {
        let rule = case.parent().unwrap().file_name().unwrap().to_str().unwrap().to_owned();
        let name = case.file_name().unwrap().to_str().unwrap().to_owned();
        assert!(claimlint::rules::find(&rule).is_some(), "fixture folder `{rule}` is not a rule id");
        let mut notes: Vec<_> = std::fs::read_dir(&case).unwrap().map(|n| n.unwrap().path()).collect();
        notes.sort();
        // Each note as `check` reads it: its file name may date it.
        let docs = notes
            .iter()
            .map(|n| {
                let shown = format!("{rule}/{name}/{}", n.file_name().unwrap().to_string_lossy());
                Document::new(shown, std::fs::read_to_string(n).unwrap())
            })
            .collect();
        insta::assert_snapshot!(format!("{rule}__{name}"), render_docs(&rule, docs));
    }
}
