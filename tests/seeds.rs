//! The first acceptance test: `claimlint check seeds/` reports exactly the
//! contradictions the five seed notes contain, at error level, and no other.

use std::collections::BTreeSet;

use assert_cmd::Command;
use serde_json::Value;

fn findings() -> Vec<Value> {
    let out = Command::cargo_bin("claimlint")
        .unwrap()
        .args(["check", "seeds/", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["findings"].as_array().unwrap().clone()
}

/// (file prefix, line) of every location of the findings of `rule`.
fn places(findings: &[Value], rule: &str) -> BTreeSet<(String, u64)> {
    findings
        .iter()
        .filter(|f| f["rule"] == rule)
        .flat_map(|f| f["locations"].as_array().unwrap().iter())
        .map(|l| (l["path"].as_str().unwrap()[6..9].to_owned(), l["line"].as_u64().unwrap()))
        .collect()
}

fn set(items: &[(&str, u64)]) -> BTreeSet<(String, u64)> {
    items.iter().map(|(f, l)| ((*f).to_owned(), *l)).collect()
}

#[test]
fn amazon_openai_amounts_conflict() {
    let f = findings();
    let amounts: Vec<&Value> = f.iter().filter(|f| f["rule"] == "amount-conflict").collect();
    assert_eq!(amounts.len(), 1, "one deal, one finding: {amounts:#?}");
    let message = amounts[0]["message"].as_str().unwrap();
    assert!(message.contains("Amazon") && message.contains("OpenAI"), "{message}");
    assert!(message.contains("$50B") && message.contains("up to $10B"), "{message}");
    assert_eq!(
        places(&f, "amount-conflict"),
        set(&[("000", 6), ("000", 7), ("001", 17), ("004", 3), ("004", 21)]),
        "the $35B tranche, $4 billion for Anthropic and $200B capex are not conflicts"
    );
}

#[test]
fn every_misspelling_is_flagged_with_its_fix() {
    let f = findings();
    assert_eq!(
        places(&f, "misspelled-name"),
        set(&[("000", 7), ("000", 12), ("001", 23), ("002", 11), ("002", 27), ("003", 27), ("004", 18)])
    );
    for m in f.iter().filter(|f| f["rule"] == "misspelled-name") {
        let text = m["locations"][0]["text"].as_str().unwrap();
        let fix = m["fix"]["replacement"].as_str().unwrap();
        assert!(matches!((text, fix), ("Tranium", "Trainium") | ("DeeMind", "DeepMind")), "{m:#?}");
        assert_eq!(m["fix"]["byte_start"], m["locations"][0]["byte_start"]);
    }
}

#[test]
fn azure_exclusivity_conflicts_with_amazon_chips() {
    let f = findings();
    let excl: Vec<&Value> = f.iter().filter(|f| f["rule"] == "exclusivity-conflict").collect();
    assert_eq!(excl.len(), 1, "{excl:#?}");
    let primary = &excl[0]["locations"][0];
    assert_eq!(
        (primary["path"].as_str().unwrap(), primary["line"].as_u64()),
        ("seeds/000_bb608b4455414188.txt", Some(10))
    );
    let sides = places(&f, "exclusivity-conflict");
    // OpenAI must use Amazon's Trainium chips; OpenAI commits to AWS.
    for must in [("000", 9), ("001", 19), ("002", 21), ("000", 2), ("002", 15), ("003", 19)] {
        assert!(sides.contains(&(must.0.to_owned(), must.1)), "missing {must:?} in {sides:?}");
    }
}

#[test]
fn nothing_else_is_an_error() {
    let f = findings();
    let rules: BTreeSet<&str> =
        f.iter().filter(|f| f["severity"] == "error").map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, BTreeSet::from(["amount-conflict", "exclusivity-conflict", "misspelled-name"]));
    assert_eq!(f.iter().filter(|f| f["severity"] == "error").count(), 1 + 1 + 7);
}
