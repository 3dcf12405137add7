//! Conformance of the amount extractor with public money-recognition test suites.
//!
//! Data, provenance and licences: `tests/data/conformance/README.md`. What is
//! out of scope and why: `scope.toml`. Cases known to fail: `known-failures.toml`;
//! the test fails when an unlisted case fails or a listed one passes, so the
//! list only shrinks. The pass table is printed (`cargo test --test
//! conformance -- --nocapture`) and must match `RESULTS.md`; run with
//! `CLAIMLINT_BLESS=1` to rewrite that file.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::str::FromStr;

use claimlint::claims::Amount;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::Value;

/// At least this share of the in-scope cases of each suite must pass.
const TARGET: f64 = 0.97;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/conformance")
}

fn read_jsonl(name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(data_dir().join(name)).expect("conformance data is checked in");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scope {
    category: Vec<OutOfScope>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutOfScope {
    suite: String,
    name: String,
    reason: String,
    texts: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownFailures {
    #[serde(default)]
    failure: Vec<KnownFailure>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownFailure {
    suite: String,
    text: String,
    reason: String,
}

/// One case's verdict.
struct Outcome {
    suite: &'static str,
    category: String,
    text: String,
    /// `None` when out of scope; otherwise whether it passed, and why not.
    result: Option<Result<(), String>>,
}

// ---------------------------------------------------------------------------
// Conventions: how the suites' answers map onto ours.

/// The currency we give for a suite's currency name. `Dollar` is a bare `$`
/// or "dollar": USD, our documented default; likewise `Pound` is GBP and
/// `Rupee` INR. Duckling's `Unnamed` is "bucks": USD. Names that several
/// countries share (`Franc`, `Dinar`, `Riyal`, `Rial`) give no ISO code.
/// Minor units are hundredths of their currency (see [`minor_divisor`]).
fn map_currency(name: &str) -> Option<&'static str> {
    match name {
        "Dollar" | "Unnamed" | "Cent" | "Penny" => Some("USD"),
        "Pound" | "Pence" => Some("GBP"),
        "Rupee" => Some("INR"),
        "Franc" | "Dinar" | "Riyal" | "Rial" => None,
        "Peseta" => Some("ESP"),
        "Finnish markka" => Some("FIM"),
        "Netherlands guilder" => Some("NLG"),
        iso if iso.len() == 3 && iso.bytes().all(|b| b.is_ascii_uppercase()) => {
            Some(Box::leak(iso.to_owned().into_boxed_str()))
        }
        other => panic!("no mapping for the suite's currency {other:?}"),
    }
}

/// Recognizers and Duckling give "50 cents" as 50 `Cent`; we give 0.50 USD.
fn minor_divisor(name: &str) -> Decimal {
    match name {
        "Cent" | "Pence" | "Penny" => Decimal::ONE_HUNDRED,
        _ => Decimal::ONE,
    }
}

fn dec(v: &Value) -> Decimal {
    let s = v.to_string();
    Decimal::from_str(&s).or_else(|_| Decimal::from_scientific(&s)).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// Byte offset of a char offset.
fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i)
}

fn show(a: &Amount, text: &str) -> String {
    format!(
        "{:?} value={:?} min={:?} max={:?} {:?}{}",
        &text[a.span.range()],
        a.value,
        a.min,
        a.max,
        a.currency,
        if a.approximate { " approx" } else { "" }
    )
}

/// The amounts the real extractor reads in `text`: the same code path as
/// `claimlint extract --mentions` (prose front end, sentences, amounts).
fn firm(text: &str) -> Vec<Amount> {
    let doc = claimlint::source::Document::new("case.txt", text);
    let extraction = claimlint::extract::extract(&doc, claimlint::lexicon::Lexicon::builtin());
    // Neither suite models vague amounts ("multibillion - dollar" is a bare
    // "dollar" with no value to Recognizers), so they are not scored.
    extraction.amounts.into_iter().filter(|a| !a.vague).collect()
}

/// The one value an amount stands for when a suite has no bounds: its
/// value, or the bound it states ("more than $ 247 million" is 247e6 to
/// Recognizers).
fn stated(a: &Amount) -> Option<Decimal> {
    a.value.or(match (a.min, a.max) {
        (Some(m), None) | (None, Some(m)) => Some(m),
        _ => None,
    })
}

// ---------------------------------------------------------------------------
// Recognizers-Text

struct Expected {
    start: usize,
    end: usize,
    value: Decimal,
    currency: Option<&'static str>,
}

/// Each expected item is matched by the one amount overlapping its span,
/// with the same value and currency; an amount that matches nothing fails
/// the case.
fn compare_spans(text: &str, expected: &[Expected], got: &[Amount]) -> Result<(), String> {
    let mut used = vec![false; got.len()];
    for e in expected {
        let hit = got
            .iter()
            .enumerate()
            .find(|(i, a)| !used[*i] && a.span.start() < e.end && e.start < a.span.end());
        let Some((i, a)) = hit else {
            return Err(format!("missed {:?} = {}", &text[e.start..e.end], e.value));
        };
        used[i] = true;
        if stated(a) != Some(e.value) {
            return Err(format!("{}: expected value {}", show(a, text), e.value));
        }
        if a.currency.as_deref() != e.currency {
            return Err(format!("{}: expected currency {:?}", show(a, text), e.currency));
        }
    }
    if let Some((_, a)) = got.iter().enumerate().find(|(i, _)| !used[*i]) {
        return Err(format!("extra {}", show(a, text)));
    }
    Ok(())
}

fn recognizers_currency(case: &Value) -> (String, Result<(), String>) {
    let text = case["text"].as_str().unwrap();
    let mut expected = Vec::new();
    for e in case["expected"].as_array().unwrap() {
        if e["value"].is_null() {
            // A currency word with no number ("dollar : 143.80 yen"): we
            // never read those, and they are not scored.
            continue;
        }
        let cur = e["currency"].as_str().unwrap();
        expected.push(Expected {
            start: byte_at(text, e["start"].as_u64().unwrap() as usize),
            end: byte_at(text, e["end"].as_u64().unwrap() as usize),
            value: (dec(&e["value"]) / minor_divisor(cur)).normalize(),
            currency: map_currency(cur),
        });
    }
    let category = if expected.is_empty() {
        "nothing to find"
    } else {
        let spans: Vec<String> = expected.iter().map(|e| text[e.start..e.end].to_lowercase()).collect();
        let cur = case["expected"][0]["currency"].as_str().unwrap_or("");
        let any = |f: &dyn Fn(&str) -> bool| spans.iter().any(|s| f(s));
        if matches!(cur, "Cent" | "Pence" | "Penny") || any(&|s| s.contains("cent")) {
            "cents and pence"
        } else if any(&|s| s.contains('$') && !s.starts_with('$') && !s.ends_with('$')) {
            "qualified $ (US$, C$, HK$)"
        } else if any(&|s| s.contains('$')) {
            "$"
        } else if any(&|s| s.chars().any(|c| "€£¥₹₡₾₭元".contains(c))) {
            "other signs (€ £ ¥ ...)"
        } else if any(&|s| {
            s.split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| ["usd", "eur", "gbp", "rmb", "cny", "jpy"].contains(&w))
        }) {
            "ISO codes"
        } else {
            "currency names"
        }
    };
    (category.to_owned(), compare_spans(text, &expected, &firm(text)))
}

/// Number cases are made money cases by writing " dollars" after each
/// expected number: "I can give you 10M." becomes "I can give you 10M
/// dollars.". A case with nothing expected is run as written.
fn recognizers_number(case: &Value) -> (String, Result<(), String>) {
    let original = case["text"].as_str().unwrap();
    let items = case["expected"].as_array().unwrap();
    let mut text = original.to_owned();
    let mut ends: Vec<usize> =
        items.iter().map(|e| byte_at(original, e["end"].as_u64().unwrap() as usize)).collect();
    ends.sort_unstable();
    for end in ends.iter().rev() {
        text.insert_str(*end, " dollars");
    }
    let mut expected = Vec::new();
    for (i, e) in items.iter().enumerate() {
        let shift = " dollars".len() * i;
        expected.push(Expected {
            start: byte_at(original, e["start"].as_u64().unwrap() as usize) + shift,
            end: byte_at(original, e["end"].as_u64().unwrap() as usize) + shift,
            value: dec(&e["value"]).normalize(),
            currency: Some("USD"),
        });
    }
    let lower = original.to_lowercase();
    let category = if items.is_empty() {
        "nothing to find"
    } else if lower.contains("lakh") || lower.contains("crore") {
        "lakh and crore"
    } else if lower.contains("half") || lower.contains("quarter") {
        "half and quarter"
    } else if !lower.chars().any(|c| c.is_ascii_digit()) {
        "number words"
    } else if ["thousand", "million", "billion", "trillion", "hundred"].iter().any(|w| lower.contains(w)) {
        "digits + magnitude words"
    } else {
        "digits + k, M, b, MM, mil"
    };
    (category.to_owned(), compare_spans(&text, &expected, &firm(&text)))
}

// ---------------------------------------------------------------------------
// Duckling

/// The dollar of each regional locale: Duckling resolves "a grand" to it.
/// We have no locale setting; our default dollar is USD.
fn locale_currency(locale: &str) -> Option<&'static str> {
    Some(match locale {
        "EN_AU" => "AUD",
        "EN_CA" => "CAD",
        "EN_GB" => "GBP",
        "EN_JM" => "JMD",
        "EN_NZ" => "NZD",
        "EN_TT" => "TTD",
        "EN_US" => "USD",
        _ => return None,
    })
}

fn duckling_money(case: &Value) -> (String, Result<(), String>) {
    let text = case["text"].as_str().unwrap();
    let locale = case["locale"].as_str().unwrap();
    let corpus = case["corpus"].as_str().unwrap();
    let got = firm(text);
    let lower = text.to_lowercase();
    if corpus != "corpus" {
        // Latent cases ("five", "7.2") are amounts only under Duckling's
        // `withLatent` option; bare numbers are not amounts to us either.
        let category = if corpus == "latent" { "bare numbers (latent)" } else { "nothing to find" };
        let result = match got.first() {
            None => Ok(()),
            Some(a) => Err(format!("extra {}", show(a, text))),
        };
        return (category.to_owned(), result);
    }
    let e = &case["expected"][0];
    let kind = e["kind"].as_str().unwrap();
    let cur_name = e["currency"].as_str().unwrap();
    let divisor = minor_divisor(cur_name);
    let mut currency = map_currency(cur_name);
    if locale != "EN" && (cur_name == "Dollar" || currency.is_some() && currency == locale_currency(locale)) {
        currency = Some("USD");
    }
    let category = match kind {
        "interval" => "ranges",
        "above" | "under" => "bounds",
        _ if lower.contains("grand") => "grand",
        _ if lower.contains("lakh") || lower.contains("crore") => "lakh and crore",
        _ if lower.chars().filter(|c| c.is_ascii_digit() || c.is_alphabetic()).count() > 0
            && (lower.contains(" and ") || lower.split_whitespace().count() >= 3)
            && (lower.contains("cent")
                || lower.ends_with('c')
                || lower.contains("pence")
                || lower.contains("sen")
                || lower.contains("kopiy")) =>
        {
            "units and cents"
        }
        _ if divisor != Decimal::ONE || lower.ends_with(" c") || lower.ends_with('¢') => "cents",
        _ if text.chars().any(|c| "$€£¥₹".contains(c)) => "signs ($ € £)",
        _ if text
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase())) =>
        {
            "ISO codes"
        }
        _ => "currency names and abbreviations",
    };
    let result = (|| {
        let [a] = got.as_slice() else {
            return Err(format!(
                "expected one amount, got [{}]",
                got.iter().map(|a| show(a, text)).collect::<Vec<_>>().join(", ")
            ));
        };
        let num = |k: &str| (!e[k].is_null()).then(|| (dec(&e[k]) / divisor).normalize());
        let ok = match kind {
            "value" => a.value == num("value") && a.min == a.value && a.max == a.value,
            "interval" => a.value.is_none() && a.min == num("min") && a.max == num("max"),
            // Duckling does not say whether a bound is inclusive.
            "above" => a.value.is_none() && a.min == num("min") && a.max.is_none(),
            "under" => a.value.is_none() && a.max == num("max") && a.min.is_none(),
            other => panic!("unknown kind {other}"),
        };
        if !ok {
            return Err(format!(
                "{}: expected {kind} {} {} {}",
                show(a, text),
                e["value"],
                e["min"],
                e["max"]
            ));
        }
        if a.currency.as_deref() != currency {
            return Err(format!("{}: expected currency {currency:?}", show(a, text)));
        }
        if a.approximate != e["approximate"].as_bool().unwrap() {
            return Err(format!("{}: expected approximate = {}", show(a, text), e["approximate"]));
        }
        Ok(())
    })();
    (category.to_owned(), result)
}

fn duckling_analyze(case: &Value) -> (String, Result<(), String>) {
    let text = case["text"].as_str().unwrap();
    let got = firm(text);
    let shown = || got.iter().map(|a| show(a, text)).collect::<Vec<_>>().join(", ");
    match case["test"].as_str().unwrap() {
        "token_count" => {
            let n = case["expected_count"].as_u64().unwrap() as usize;
            let result =
                if got.len() == n { Ok(()) } else { Err(format!("expected {n} amounts, got [{}]", shown())) };
            ("how many amounts".to_owned(), result)
        }
        "single_span" => {
            let span = &case["expected_span"];
            let start = byte_at(text, span["start"].as_u64().unwrap() as usize);
            let end = byte_at(text, span["end"].as_u64().unwrap() as usize);
            let result = match got.as_slice() {
                [a] if a.span.start() == start && a.span.end() == end => Ok(()),
                _ => Err(format!("expected only {:?}, got [{}]", &text[start..end], shown())),
            };
            ("which span".to_owned(), result)
        }
        other => panic!("unknown test {other}"),
    }
}

// ---------------------------------------------------------------------------

type Runner = fn(&Value) -> (String, Result<(), String>);

const SUITES: &[(&str, &str, Runner)] = &[
    ("recognizers-currency", "recognizers-currency-en.jsonl", recognizers_currency),
    ("recognizers-number", "recognizers-number-magnitude-en.jsonl", recognizers_number),
    ("duckling-money", "duckling-money-en.jsonl", duckling_money),
    ("duckling-analyze", "duckling-money-en-analyze.jsonl", duckling_analyze),
];

fn run_all() -> Vec<Outcome> {
    let scope: Scope =
        toml::from_str(&std::fs::read_to_string(data_dir().join("scope.toml")).unwrap()).unwrap();
    let mut out_of_scope: HashMap<(String, String), (String, bool)> = HashMap::new();
    for c in scope.category {
        assert!(!c.reason.trim().is_empty(), "category {} needs a reason", c.name);
        for t in c.texts {
            out_of_scope.insert((c.suite.clone(), t), (c.name.clone(), false));
        }
    }
    let mut outcomes = Vec::new();
    for (suite, file, run) in SUITES {
        for case in read_jsonl(file) {
            let text = case["text"].as_str().unwrap().to_owned();
            if let Some((name, seen)) = out_of_scope.get_mut(&((*suite).to_owned(), text.clone())) {
                *seen = true;
                outcomes.push(Outcome { suite, category: name.clone(), text, result: None });
                continue;
            }
            let (category, result) = run(&case);
            outcomes.push(Outcome { suite, category, text, result: Some(result) });
        }
    }
    let unused: Vec<_> = out_of_scope.iter().filter(|(_, (_, seen))| !seen).map(|(k, _)| k).collect();
    assert!(unused.is_empty(), "scope.toml lists cases that are not in the data: {unused:?}");
    outcomes
}

fn table(outcomes: &[Outcome]) -> String {
    let mut md = String::new();
    md.push_str("# Conformance results\n\n");
    md.push_str("Generated by `tests/conformance.rs` (`CLAIMLINT_BLESS=1 cargo test --test conformance`).\n");
    md.push_str("Vague amounts are not scored: neither suite models them.\n\n");
    md.push_str("| suite | in scope | exact | rate | out of scope |\n|---|---:|---:|---:|---:|\n");
    for (suite, _, _) in SUITES {
        let of: Vec<_> = outcomes.iter().filter(|o| o.suite == *suite).collect();
        let scored: Vec<_> = of.iter().filter_map(|o| o.result.as_ref()).collect();
        let passed = scored.iter().filter(|r| r.is_ok()).count();
        let out = of.len() - scored.len();
        let _ =
            writeln!(md, "| {suite} | {} | {passed} | {} | {out} |", scored.len(), pct(passed, scored.len()));
    }
    md.push_str("\n## In scope, by category\n\n| suite | category | cases | exact | rate |\n|---|---|---:|---:|---:|\n");
    let mut cats: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
    let mut outs: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for o in outcomes {
        match &o.result {
            Some(r) => {
                let e = cats.entry((o.suite, &o.category)).or_default();
                e.0 += 1;
                e.1 += usize::from(r.is_ok());
            }
            None => *outs.entry((o.suite, &o.category)).or_default() += 1,
        }
    }
    let order = |s: &str| SUITES.iter().position(|(n, _, _)| *n == s).unwrap();
    let mut cats: Vec<_> = cats.into_iter().collect();
    cats.sort_by_key(|((s, c), _)| (order(s), c.to_string()));
    for ((suite, cat), (n, ok)) in cats {
        let _ = writeln!(md, "| {suite} | {cat} | {n} | {ok} | {} |", pct(ok, n));
    }
    md.push_str("\n## Out of scope, by category\n\nReasons: `scope.toml`.\n\n| suite | category | cases |\n|---|---|---:|\n");
    let mut outs: Vec<_> = outs.into_iter().collect();
    outs.sort_by_key(|((s, c), _)| (order(s), c.to_string()));
    for ((suite, cat), n) in outs {
        let _ = writeln!(md, "| {suite} | {cat} | {n} |");
    }
    md
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 { "-".to_owned() } else { format!("{:.1}%", 100.0 * a as f64 / b as f64) }
}

#[test]
fn conformance() {
    let outcomes = run_all();
    let known: KnownFailures =
        toml::from_str(&std::fs::read_to_string(data_dir().join("known-failures.toml")).unwrap()).unwrap();
    let mut listed: HashMap<(&str, &str), bool> = HashMap::new();
    for k in &known.failure {
        assert!(!k.reason.trim().is_empty(), "known failure {:?} needs a reason", k.text);
        listed.insert((k.suite.as_str(), k.text.as_str()), false);
    }
    let mut problems = Vec::new();
    for o in &outcomes {
        let Some(result) = &o.result else { continue };
        let key = (o.suite, o.text.as_str());
        match (result, listed.get_mut(&key)) {
            (Ok(()), Some(_)) => problems
                .push(format!("[{}] now passes; remove it from known-failures.toml: {:?}", o.suite, o.text)),
            (Ok(()), None) => {}
            (Err(_), Some(seen)) => *seen = true,
            (Err(why), None) => problems.push(format!("[{}] {:?}: {why}", o.suite, o.text)),
        }
    }
    for ((suite, text), seen) in &listed {
        let passes =
            outcomes.iter().any(|o| o.suite == *suite && o.text == *text && matches!(o.result, Some(Ok(()))));
        if !seen && !passes {
            problems.push(format!("[{suite}] known failure is not an in-scope case: {text:?}"));
        }
    }
    let md = table(&outcomes);
    println!("{md}");
    let results = data_dir().join("RESULTS.md");
    if std::env::var_os("CLAIMLINT_BLESS").is_some() {
        std::fs::write(&results, &md).unwrap();
    } else if std::fs::read_to_string(&results).ok().as_deref() != Some(md.as_str()) {
        problems.push("RESULTS.md is out of date: rerun with CLAIMLINT_BLESS=1".to_owned());
    }
    for (suite, _, _) in SUITES {
        let scored: Vec<_> =
            outcomes.iter().filter(|o| o.suite == *suite).filter_map(|o| o.result.as_ref()).collect();
        let passed = scored.iter().filter(|r| r.is_ok()).count();
        if (passed as f64) < TARGET * scored.len() as f64 {
            problems.push(format!("[{suite}] {passed}/{} in scope pass, below {TARGET}", scored.len()));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
