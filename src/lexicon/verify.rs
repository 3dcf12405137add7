//! Keeps `rules/lexicon.toml` canonical, as typos' `verify.rs` does for its
//! dictionary: the file must equal its normalised rendering (sections in
//! [`EntityKind`] order, entries sorted by name within a section, keys in a
//! fixed order), and the data must hold together. To rewrite the file in
//! canonical form after an edit:
//!
//! ```text
//! CLAIMLINT_BLESS=1 cargo test --lib lexicon::verify
//! ```

use std::collections::HashSet;

use super::english::is_english_word;
use super::{BUILTIN_SOURCE, EntityDef, EntityKind, Lexicon, LexiconFile};

/// The smallest number of built-in entries the project promises.
const MIN_ENTRIES: usize = 150;

fn sort_key(name: &str) -> (String, String) {
    (name.to_lowercase(), name.to_owned())
}

fn quote(s: &str) -> String {
    crate::config::toml_string(s)
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn section_title(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Company => "Companies: hyperscalers, chip makers and the rest of the industry",
        EntityKind::Lab => "Labs: companies whose product is AI models",
        EntityKind::Cloud => "Clouds: hyperscalers' clouds and neoclouds",
        EntityKind::Chip => "Chips and chip families",
        EntityKind::Model => "Models and model families",
        EntityKind::Product => "Products and services",
        EntityKind::Investor => "Investors: funds and investment firms",
        EntityKind::Person => "People",
    }
}

fn render_entry(e: &EntityDef) -> String {
    let mut out = String::from("[[entity]]\n");
    out.push_str(&format!("name = {}\n", quote(&e.name)));
    out.push_str(&format!("kind = {}\n", quote(e.kind.as_str())));
    if !e.aliases.is_empty() {
        out.push_str(&format!("aliases = {}\n", list(&e.aliases)));
    }
    for (key, value) in [("owner", &e.owner), ("cloud", &e.cloud), ("affiliation", &e.affiliation)] {
        if let Some(v) = value {
            out.push_str(&format!("{key} = {}\n", quote(v)));
        }
    }
    if e.exact_case {
        out.push_str("exact_case = true\n");
    }
    if let Some(s) = e.suggest {
        out.push_str(&format!("suggest = {s}\n"));
    }
    if let Some(d) = &e.description {
        out.push_str(&format!("description = {}\n", quote(d)));
    }
    out
}

/// The canonical form of the lexicon file: its leading comment, the sorted
/// `allow` list, then the entries by kind and name.
fn render(source: &str, file: &LexiconFile) -> String {
    let header: String =
        source.lines().take_while(|l| l.starts_with('#')).map(|l| format!("{l}\n")).collect();
    let mut out = header;
    let mut allow = file.allow.clone();
    allow.sort_by_key(|a| sort_key(a));
    allow.dedup();
    out.push_str("\nallow = [\n");
    for a in &allow {
        out.push_str(&format!("    {},\n", quote(a)));
    }
    out.push_str("]\n");
    for kind in EntityKind::ALL {
        let mut entries: Vec<&EntityDef> = file.entity.iter().filter(|e| e.kind == kind).collect();
        if entries.is_empty() {
            continue;
        }
        entries.sort_by_key(|e| sort_key(&e.name));
        out.push_str(&format!("\n# {}\n", "=".repeat(76)));
        out.push_str(&format!("# {}\n", section_title(kind)));
        out.push_str(&format!("# {}\n", "=".repeat(76)));
        for e in entries {
            out.push('\n');
            out.push_str(&render_entry(e));
        }
    }
    out
}

fn builtin_file() -> LexiconFile {
    toml::from_str(BUILTIN_SOURCE).expect("rules/lexicon.toml parses")
}

#[test]
fn lexicon_file_is_canonical() {
    let file = builtin_file();
    let canonical = render(BUILTIN_SOURCE, &file);
    if canonical == BUILTIN_SOURCE {
        return;
    }
    if std::env::var_os("CLAIMLINT_BLESS").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/lexicon.toml");
        std::fs::write(path, &canonical).expect("write rules/lexicon.toml");
        return;
    }
    let line = BUILTIN_SOURCE
        .lines()
        .zip(canonical.lines())
        .position(|(a, b)| a != b)
        .map_or(BUILTIN_SOURCE.lines().count().min(canonical.lines().count()) + 1, |i| i + 1);
    panic!(
        "rules/lexicon.toml is not in canonical form (first difference at line {line}: expected `{}`); \
         rewrite it with `CLAIMLINT_BLESS=1 cargo test --lib lexicon::verify`",
        canonical.lines().nth(line - 1).unwrap_or("<end of file>")
    );
}

#[test]
fn lexicon_is_large_and_valid() {
    let file = builtin_file();
    assert!(
        file.entity.len() >= MIN_ENTRIES,
        "only {} entries; keep at least {MIN_ENTRIES}",
        file.entity.len()
    );
    // Unique names and aliases, resolving references, no cycles, clouds that
    // are clouds: everything `from_toml` checks.
    let lexicon = Lexicon::from_toml(BUILTIN_SOURCE).unwrap();
    assert_eq!(lexicon.len(), file.entity.len());
    for kind in EntityKind::ALL {
        assert!(file.entity.iter().any(|e| e.kind == kind), "no entry of kind {kind}");
    }
}

#[test]
fn entries_are_tidy() {
    for e in builtin_file().entity {
        let mut seen = HashSet::new();
        for n in e.names() {
            assert!(seen.insert(n.to_lowercase()), "`{}` lists `{n}` twice", e.name);
        }
        assert!(e.owner.as_deref() != Some(e.name.as_str()), "`{}` owns itself", e.name);
        if e.affiliation.is_some() {
            assert_eq!(e.kind, EntityKind::Person, "`{}`: only people have an affiliation", e.name);
        }
        if e.kind == EntityKind::Cloud {
            assert!(e.cloud.is_none(), "`{}` is a cloud; it implies itself", e.name);
        }
        if let Some(d) = &e.description {
            assert!(
                !d.ends_with('.') && !d.is_empty(),
                "`{}`: a description is a phrase without a full stop",
                e.name
            );
        }
        assert!(
            e.suggest != Some(e.kind != EntityKind::Person),
            "`{}`: `suggest` repeats the default",
            e.name
        );
    }
}

#[test]
fn allowed_words_are_needed() {
    let file = builtin_file();
    let lexicon = Lexicon::from_toml(BUILTIN_SOURCE).unwrap();
    let without = Lexicon::from_defs(file.entity.clone()).unwrap();
    for word in &file.allow {
        assert!(lexicon.get(word).is_none(), "`{word}` is a lexicon name; allowing it is redundant");
        assert!(
            !is_english_word(&word.to_lowercase()),
            "`{word}` is an English word; allowing it is redundant"
        );
        assert!(
            !without.near_misses(word).is_empty(),
            "`{word}` is not a near miss of any name; allowing it is redundant"
        );
    }
}
