//! The vocabulary's data and its agreement with the grammar: every class
//! the grammar reads is one the tokenizer gives, every class the tokenizer
//! gives is read, and every rule of the grammar can run.

use std::collections::{BTreeMap, BTreeSet};

use pest_meta::ast::Expr;

use super::*;

const SOURCE: &str = include_str!("../../../rules/vocabulary.toml");
const GRAMMAR: &str = include_str!("../../../grammar/claims.pest");

#[test]
fn class_table_follows_the_enum() {
    for (i, (class, _, name, _)) in Class::ALL.iter().enumerate() {
        assert_eq!(*class as usize, i, "Class::ALL is out of order at `{name}`");
    }
    let names: BTreeSet<&str> = Class::ALL.iter().filter(|c| c.3).map(|c| c.2).collect();
    assert_eq!(names.len(), Class::ALL.iter().filter(|c| c.3).count(), "vocabulary class names are unique");
}

#[test]
fn the_file_is_in_canonical_order() {
    let file: VocabularyFile = toml::from_str(SOURCE).unwrap();
    // Tables in the order of `Class::ALL`, then the table of columns.
    let mut order: Vec<&str> = Vec::new();
    for line in SOURCE.lines() {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            order.push(name);
        }
    }
    let mut expected: Vec<&str> = Class::ALL.iter().filter(|c| c.3).map(|c| c.2).collect();
    expected.dedup();
    expected.retain(|n| file.contains_key(*n));
    expected.push(COLUMN_TABLE);
    assert_eq!(order, expected, "tables must follow `Class::ALL`, columns last");
    for (class, senses) in &file {
        for (sense, list) in senses {
            let mut sorted = list.clone();
            sorted.sort_by_key(|p| p.to_lowercase());
            assert_eq!(list, &sorted, "[{class}] {sense}: phrases must be sorted");
        }
    }
}

#[test]
fn every_vocabulary_class_has_words() {
    let file: VocabularyFile = toml::from_str(SOURCE).unwrap();
    for (_, _, name, vocab) in Class::ALL {
        if *vocab {
            assert!(file.contains_key(*name), "`{name}` has no table in rules/vocabulary.toml");
        }
    }
}

#[test]
fn braces_expand_to_every_form() {
    assert_eq!(expand("invest{,s,ed,ing}"), ["invest", "invests", "invested", "investing"]);
    assert_eq!(expand("pa{y,id} {in,out}"), ["pay in", "pay out", "paid in", "paid out"]);
    assert_eq!(expand("plain"), ["plain"]);
}

#[test]
fn the_longest_phrase_wins() {
    let v = Vocabulary::builtin();
    let m = v.lookup(&["contingent", "on", "openai"]).unwrap();
    assert_eq!((m.words, m.class), (2, Class::Condition));
    let m = v.lookup(&["no", "strings", "attached", "here"]).unwrap();
    assert_eq!((m.words, m.class), (3, Class::Unconditional));
    let m = v.lookup(&["no", "board"]).unwrap();
    assert_eq!((m.words, m.class), (1, Class::Negation));
    assert_eq!(v.lookup(&["zebra"]), None);
}

#[test]
fn senses_carry_what_a_word_says() {
    let v = Vocabulary::builtin();
    assert_eq!(v.lookup(&["reportedly"]).unwrap().sense, Sense::Hedge(Hedge::Reportedly));
    assert_eq!(v.lookup(&["has"]).unwrap().sense, Sense::Perfect);
    assert_eq!(v.lookup(&["second"]).unwrap().sense, Sense::Ordinal(Ordinal::Second));
    assert_eq!(v.lookup(&["last", "year"]).unwrap().sense, Sense::YearOffset(-1));
    assert_eq!(v.lookup(&["contract"]).unwrap().sense, Sense::Spending);
}

#[test]
fn a_configuration_adds_moves_and_removes_phrases() {
    let changes: VocabularyChanges = toml::from_str(
        "[invest]\nwords = [\"bankroll{,s,ed}\", \"shovel{,s,ed} money into\"]\n\
         [condition]\nremove = [\"if\"]\n\
         [use]\nwords = [\"split{,s}\"]\n",
    )
    .unwrap();
    let v = Vocabulary::builtin_with_changes(&changes).unwrap();
    assert_eq!(v.lookup(&["shovels", "money", "into"]).unwrap().class, Class::Invest);
    assert_eq!(v.lookup(&["if"]), None);
    assert_eq!(v.lookup(&["splits"]).unwrap().class, Class::Use);
}

#[test]
fn configuration_mistakes_are_named() {
    let err = |src: &str| {
        let changes: VocabularyChanges = toml::from_str(src).unwrap();
        Vocabulary::builtin_with_changes(&changes).unwrap_err()
    };
    assert_eq!(err("[investing]\nwords = [\"x\"]\n"), VocabularyError::UnknownClass("investing".into()));
    assert!(matches!(err("[hedge]\nmaybe = [\"x\"]\n"), VocabularyError::UnknownSense { .. }));
    assert_eq!(err("[invest]\nremove = [\"zebra\"]\n"), VocabularyError::UnknownRemoval("zebra".into()));
    assert!(matches!(err("[invest]\nwords = [\"a$b\"]\n"), VocabularyError::InvalidPhrase { .. }));
    let dup = Vocabulary::from_toml(
        "[invest]\nwords = [\"x\"]\n[raise]\nwords = [\"x\"]\n",
        &VocabularyChanges::default(),
    );
    assert!(matches!(dup, Err(VocabularyError::Duplicate { .. })));
}

#[test]
fn columns_are_read_from_headers() {
    let v = Vocabulary::builtin();
    assert_eq!(v.column("Investor"), Some(Column::Investor));
    assert_eq!(v.column("Total to date"), Some(Column::Total));
    assert_eq!(v.column("Commitment"), Some(Column::Amount));
    assert_eq!(v.column("Signed"), Some(Column::Year));
    assert_eq!(v.column("Provider"), Some(Column::Provider));
    assert_eq!(v.column("Notes"), Some(Column::Note));
    assert_eq!(v.column("Headcount"), None);
}

/// The grammar's rules by name.
fn grammar() -> BTreeMap<String, Expr> {
    let pairs = pest_meta::parser::parse(pest_meta::parser::Rule::grammar_rules, GRAMMAR).unwrap();
    let rules = pest_meta::parser::consume_rules(pairs).unwrap();
    rules.into_iter().map(|r| (r.name, r.expr)).collect()
}

/// The string literals and rule names an expression uses.
fn walk(expr: &Expr, literals: &mut BTreeSet<String>, idents: &mut BTreeSet<String>) {
    match expr {
        Expr::Str(s) | Expr::Insens(s) => {
            literals.insert(s.clone());
        }
        Expr::Ident(name) => {
            idents.insert(name.clone());
        }
        Expr::PosPred(e)
        | Expr::NegPred(e)
        | Expr::Opt(e)
        | Expr::Rep(e)
        | Expr::RepOnce(e)
        | Expr::RepExact(e, _)
        | Expr::RepMin(e, _)
        | Expr::RepMax(e, _)
        | Expr::RepMinMax(e, _, _)
        | Expr::Push(e) => walk(e, literals, idents),
        Expr::Seq(a, b) | Expr::Choice(a, b) => {
            walk(a, literals, idents);
            walk(b, literals, idents);
        }
        _ => {}
    }
}

#[test]
fn every_grammar_rule_is_reachable_from_sentence() {
    let rules = grammar();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    // `sentence_reference` is `sentence` without its shortcuts, for tests.
    let mut todo = vec!["sentence".to_owned(), "sentence_reference".to_owned()];
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(node) = rules.get(&name) {
            let (mut lits, mut ids) = (BTreeSet::new(), BTreeSet::new());
            walk(node, &mut lits, &mut ids);
            todo.extend(ids.into_iter().filter(|i| rules.contains_key(i)));
        }
    }
    let unreachable: Vec<&String> = rules.keys().filter(|k| !seen.contains(*k)).collect();
    assert!(unreachable.is_empty(), "rules `sentence` cannot reach: {unreachable:?}");
}

#[test]
fn the_grammar_reads_every_class_and_only_classes() {
    let rules = grammar();
    let (mut literals, mut idents) = (BTreeSet::new(), BTreeSet::new());
    for node in rules.values() {
        walk(node, &mut literals, &mut idents);
    }
    let classes: BTreeSet<String> = Class::ALL.iter().map(|c| (c.1 as char).to_string()).collect();
    let unknown: Vec<&String> = literals.iter().filter(|l| !classes.contains(*l)).collect();
    assert!(unknown.is_empty(), "the grammar reads characters no token has: {unknown:?}");
    // Every class but plain words and people is part of some claim shape.
    let unread: Vec<&str> = Class::ALL
        .iter()
        .filter(|c| !literals.contains(&(c.1 as char).to_string()))
        .filter(|c| !matches!(c.0, Class::Person))
        .map(|c| c.2)
        .collect();
    assert!(unread.is_empty(), "classes no claim shape reads: {unread:?}");
}

/// The characters an expression can start with, and whether it can match
/// nothing. Lookaheads are taken as matching nothing, which only widens the
/// set: the test below stays sound.
fn first(expr: &Expr, rules: &BTreeMap<String, Expr>, seen: &mut BTreeSet<String>) -> (BTreeSet<char>, bool) {
    let all = || Class::ALL.iter().map(|c| c.1 as char).collect::<BTreeSet<char>>();
    match expr {
        Expr::Str(s) | Expr::Insens(s) => (s.chars().take(1).collect(), s.is_empty()),
        Expr::Range(a, b) => {
            let (a, b) = (a.chars().next().unwrap(), b.chars().next().unwrap());
            ((a..=b).collect(), false)
        }
        Expr::Ident(name) => match name.as_str() {
            "ANY" => (all(), false),
            "SOI" | "EOI" => (BTreeSet::new(), true),
            _ => match rules.get(name) {
                Some(e) if seen.insert(name.clone()) => {
                    let r = first(e, rules, seen);
                    seen.remove(name);
                    r
                }
                // Recursion: nothing new to learn from going round again.
                _ => (BTreeSet::new(), true),
            },
        },
        Expr::PosPred(_) | Expr::NegPred(_) => (BTreeSet::new(), true),
        Expr::Seq(a, b) => {
            let (mut fa, na) = first(a, rules, seen);
            if !na {
                return (fa, false);
            }
            let (fb, nb) = first(b, rules, seen);
            fa.extend(fb);
            (fa, nb)
        }
        Expr::Choice(a, b) => {
            let (mut fa, na) = first(a, rules, seen);
            let (fb, nb) = first(b, rules, seen);
            fa.extend(fb);
            (fa, na || nb)
        }
        Expr::Opt(e) | Expr::Rep(e) | Expr::RepMax(e, _) => (first(e, rules, seen).0, true),
        Expr::RepOnce(e) | Expr::Push(e) => first(e, rules, seen),
        Expr::RepExact(e, n) | Expr::RepMin(e, n) | Expr::RepMinMax(e, n, _) => {
            let (f, nullable) = first(e, rules, seen);
            (f, nullable || *n == 0)
        }
        _ => (all(), true),
    }
}

#[test]
fn skipped_classes_start_no_shape() {
    let rules = grammar();
    let (starts, _) = first(&rules["shape"], &rules, &mut BTreeSet::new());
    let (skipped, _) = first(&rules["skip"], &rules, &mut BTreeSet::new());
    let hidden: Vec<&char> = starts.intersection(&skipped).collect();
    assert!(hidden.is_empty(), "`skip` passes over classes a shape starts with: {hidden:?}");
}

/// The rules of a choice of rule names, in order.
fn choice_of(e: &Expr) -> Vec<String> {
    match e {
        Expr::Choice(a, b) => [choice_of(a), choice_of(b)].concat(),
        Expr::Ident(name) => vec![name.clone()],
        other => panic!("not a choice of rules: {other:?}"),
    }
}

/// The shortcuts of `sentence` (`skip`, `aux_start`, the dispatch of
/// `shape` by first class) against the shapes' own first classes, computed
/// from the grammar: at every class, the shapes tried are exactly those of
/// `shapes` that can start with it, in the order of `shapes`. Together with
/// `the_shortcuts_do_not_change_the_parse` (in the shapes' tests), this
/// holds `sentence` to `sentence_reference`.
#[test]
fn shapes_are_dispatched_to_every_class_they_can_start_with() {
    let rules = grammar();
    let first_of = |e: &Expr| first(e, &rules, &mut BTreeSet::new()).0;
    let shapes = choice_of(&rules["shapes"]);
    // `shape`: guards, each with the shapes it lets through, in order.
    let mut dispatch: Vec<(BTreeSet<char>, Vec<String>)> = Vec::new();
    let mut alternatives = vec![&rules["shape"]];
    while let Some(e) = alternatives.pop() {
        match e {
            Expr::Choice(a, b) => {
                alternatives.push(b);
                alternatives.push(a);
            }
            Expr::Seq(guard, list) => {
                let Expr::PosPred(set) = &**guard else { panic!("a dispatch without a guard: {guard:?}") };
                dispatch.push((first_of(set), choice_of(list)));
            }
            other => panic!("not a guarded alternative: {other:?}"),
        }
    }
    let skipped = first_of(&rules["skip"]);
    let Expr::Seq(aux_guard, _) = &rules["aux_start"] else { panic!("aux_start is a guard and its shape") };
    let Expr::PosPred(aux) = &**aux_guard else { panic!("aux_start starts with a guard") };
    let aux = first_of(aux);
    for (_, byte, name, _) in Class::ALL {
        let class = *byte as char;
        let expected: Vec<&str> =
            shapes.iter().map(String::as_str).filter(|s| first_of(&rules[*s]).contains(&class)).collect();
        let tried: Vec<&str> = if class == '?' || skipped.contains(&class) {
            Vec::new()
        } else if aux.contains(&class) {
            vec!["provider_named"]
        } else {
            dispatch
                .iter()
                .filter(|(set, _)| set.contains(&class))
                .flat_map(|(_, l)| l.iter().map(String::as_str))
                .collect()
        };
        assert_eq!(tried, expected, "the shapes tried at `{class}` ({name})");
    }
}
