//! What `find_amounts` reads, amount by amount.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The single amount in `text`, which must cover `span`.
#[track_caller]
fn one(text: &str, span: &str) -> Amount {
    let found = find_amounts(text);
    assert_eq!(found.len(), 1, "{text:?} gave {found:#?}");
    let a = found.into_iter().next().unwrap();
    assert_eq!(&text[a.span.range()], span, "span in {text:?}");
    a
}

#[track_caller]
fn exact(text: &str, span: &str, value: &str, currency: Option<&str>) {
    let a = one(text, span);
    let v = d(value);
    assert_eq!(a.value, Some(v), "{text:?}");
    assert_eq!((a.min, a.max), (Some(v), Some(v)), "{text:?}");
    assert!(a.min_inclusive && a.max_inclusive);
    assert_eq!(a.currency.as_deref(), currency, "{text:?}");
    assert!(!a.approximate && !a.vague, "{text:?}");
}

#[track_caller]
fn none(text: &str) {
    let found = find_amounts(text);
    assert!(found.is_empty(), "{text:?} gave {found:#?}");
}

#[test]
fn seed_amounts() {
    exact("Amazon's proposed $50B investment in OpenAI", "$50B", "50e9", Some("USD"));
    exact("with a $35B portion contingent on OpenAI", "$35B", "35e9", Some("USD"));
    exact("Amazon's potential $50 billion into OpenAI", "$50 billion", "50e9", Some("USD"));
    exact("What OpenAI Gains Beyond $10 Billion", "$10 Billion", "10e9", Some("USD"));
    exact("Amazon's potential $10 billion bet", "$10 billion", "10e9", Some("USD"));
    exact("its $200B capital expenditure plan", "$200B", "200e9", Some("USD"));
    let up_to = one("to invest up to $10 billion in OpenAI", "up to $10 billion");
    assert_eq!((up_to.value, up_to.min, up_to.max), (None, None, Some(d("10e9"))));
    assert!(up_to.max_inclusive);
    let over = one("Amazon committed over $4 billion to Anthropic", "over $4 billion");
    assert_eq!((over.value, over.min, over.max), (None, Some(d("4e9")), None));
    assert!(!over.min_inclusive);
}

#[test]
fn seed_vague_amounts() {
    let b = one("Amazon is investing billions in OpenAI", "billions");
    assert!(b.vague);
    assert_eq!((b.min, b.max, b.currency), (Some(d("1e9")), Some(d("1e12")), None));
    assert!(b.min_inclusive && !b.max_inclusive);
    let m = one("making multi-billion dollar investments", "multi-billion dollar");
    assert!(m.vague);
    assert_eq!((m.min, m.max, m.currency.as_deref()), (Some(d("1e9")), Some(d("1e12")), Some("USD")));
    // An adjective with no number: vague, never the sole basis of an error.
    let t = one("in a world of trillion-dollar alliances.", "trillion-dollar");
    assert!(t.vague);
    assert_eq!((t.min, t.max), (Some(d("1e12")), Some(d("1e15"))));
}

#[test]
fn seed_non_amounts() {
    none("We scan new podcasts and send you the top 5 insights daily.");
    none("GPT-4 runs on H100 chips");
    none("Earlier in 2023, the model shipped.");
    none("2023");
}

#[test]
fn the_seed_notes_read_as_expected() {
    let notes = [
        include_str!("../../../seeds/000_bb608b4455414188.txt"),
        include_str!("../../../seeds/001_1da43065bb9a495b.txt"),
        include_str!("../../../seeds/002_471a74c61799ece3.txt"),
        include_str!("../../../seeds/003_38496f695f0b3f57.txt"),
        include_str!("../../../seeds/004_9c8d1854f396f8d6.txt"),
    ];
    // Every "billions" in the seeds is "investing billions in ...".
    let mut read = Vec::new();
    for note in notes {
        for a in find_amounts(note) {
            read.push(note[a.span.range()].to_owned());
        }
    }
    let expected = [
        "$50B",
        "$35B",
        "$50B",
        "billions",
        "billions",
        "billions",
        "billions",
        "$50 billion",
        "billions",
        "billions",
        "billions",
        "multi-billion dollar",
        "$200B",
        "billions",
        "multi-billion dollar",
        "up to $10 billion",
        "over $4 billion",
        "$10 Billion",
        "trillion-dollar",
        "$10 billion",
    ];
    let mut sorted = read.clone();
    sorted.sort();
    let mut want: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    want.sort();
    assert_eq!(sorted, want, "read {read:?}");
}

#[test]
fn symbols_and_codes_before_or_after() {
    exact("US$10 billion", "US$10 billion", "10e9", Some("USD"));
    exact("USD 10bn", "USD 10bn", "10e9", Some("USD"));
    exact("10 billion dollars", "10 billion dollars", "10e9", Some("USD"));
    exact("€5bn", "€5bn", "5e9", Some("EUR"));
    exact("£2 billion", "£2 billion", "2e9", Some("GBP"));
    exact("¥300 billion", "¥300 billion", "300e9", Some("JPY"));
    exact("¥300 billion yuan", "¥300 billion yuan", "300e9", Some("CNY"));
    exact("EUR 5 million", "EUR 5 million", "5e6", Some("EUR"));
    exact("5 million euros", "5 million euros", "5e6", Some("EUR"));
    exact("C$5bn", "C$5bn", "5e9", Some("CAD"));
    exact("CA$5bn", "CA$5bn", "5e9", Some("CAD"));
    exact("A$2m", "A$2m", "2e6", Some("AUD"));
    exact("HK$ 10.05 billion", "HK$ 10.05 billion", "10.05e9", Some("HKD"));
    exact("₹500 crore", "₹500 crore", "5e9", Some("INR"));
    exact("Rs 20 lakh", "Rs 20 lakh", "2e6", Some("INR"));
    exact("5bn SEK", "5bn SEK", "5e9", Some("SEK"));
    exact("CHF 3.04", "CHF 3.04", "3.04", Some("CHF"));
    exact("10 Swiss francs", "10 Swiss francs", "10", Some("CHF"));
    exact("528 million francs", "528 million francs", "528e6", None);
    exact("$5 billion USD", "$5 billion USD", "5e9", Some("USD"));
}

#[test]
fn magnitudes() {
    for (text, value) in [
        ("$5k", "5e3"),
        ("$5K", "5e3"),
        ("$5 thousand", "5e3"),
        ("$5m", "5e6"),
        ("$5M", "5e6"),
        ("$5mn", "5e6"),
        ("$5mm", "5e6"),
        ("$5 million", "5e6"),
        ("$5b", "5e9"),
        ("$5B", "5e9"),
        ("$5bn", "5e9"),
        ("$5 billion", "5e9"),
        ("$5t", "5e12"),
        ("$5tn", "5e12"),
        ("$5 trillion", "5e12"),
        ("$1.5 trillion", "1.5e12"),
        ("$2.75bn", "2.75e9"),
    ] {
        exact(text, text, value, Some("USD"));
    }
    // Exact decimals: no float rounding.
    let a = one("$10,000 million", "$10,000 million");
    let b = one("$10 billion", "$10 billion");
    assert_eq!(a.value, b.value);
    assert_eq!(a.value.unwrap().to_string(), "10000000000");
    exact("$0.1 billion", "$0.1 billion", "100000000", Some("USD"));
}

#[test]
fn number_words() {
    exact("ten billion dollars", "ten billion dollars", "10e9", Some("USD"));
    exact("a billion dollars", "a billion dollars", "1e9", Some("USD"));
    exact("a hundred million dollars", "a hundred million dollars", "1e8", Some("USD"));
    exact("twenty-five million dollars", "twenty-five million dollars", "25e6", Some("USD"));
    exact("one and a half billion dollars", "one and a half billion dollars", "1.5e9", Some("USD"));
    exact("half a billion dollars", "half a billion dollars", "5e8", Some("USD"));
    exact("$1.2 million and a half", "$1.2 million and a half", "1.7e6", Some("USD"));
    exact("a dollar", "a dollar", "1", Some("USD"));
    // No currency, but a money word before and no noun after.
    exact("Amazon will invest one and a half billion in X", "one and a half billion", "1.5e9", None);
    exact("plans to invest twenty-five million in Y.", "twenty-five million", "25e6", None);
    exact("valued at 300 billion, up from", "300 billion", "300e9", None);
}

#[test]
fn ranges() {
    let check = |text: &str, span: &str, min: &str, max: &str| {
        let a = one(text, span);
        assert_eq!((a.value, a.min, a.max), (None, Some(d(min)), Some(d(max))), "{text}");
        assert!(a.min_inclusive && a.max_inclusive);
        assert_eq!(a.currency.as_deref(), Some("USD"));
    };
    check("a $4-5 billion round", "$4-5 billion", "4e9", "5e9");
    check("$4 billion to $5 billion", "$4 billion to $5 billion", "4e9", "5e9");
    check("between $4bn and $5bn", "between $4bn and $5bn", "4e9", "5e9");
    check("$4bn-$5bn", "$4bn-$5bn", "4e9", "5e9");
    check("$500 million to $1 billion", "$500 million to $1 billion", "5e8", "1e9");
    check("$1–1.5 trillion", "$1–1.5 trillion", "1e12", "1.5e12");
    check("from 10 to 20 dollars", "from 10 to 20 dollars", "10", "20");
    let approx = one("around $4-5 billion", "around $4-5 billion");
    assert!(approx.approximate);
}

#[test]
fn reversed_or_mixed_ranges_fall_back_to_single_amounts() {
    let found = find_amounts("cut from $5B to $4B");
    let spans: Vec<_> = found.iter().map(|a| a.span).collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].value, Some(d("5e9")));
    assert_eq!(found[1].value, Some(d("4e9")));
    assert!(spans[0].end() <= spans[1].start());
    let found = find_amounts("between 4 dollars and 7 euros");
    assert_eq!(found.len(), 2);
    let found = find_amounts("raised $4 billion to 5 investors");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].value, Some(d("4e9")));
}

#[test]
fn bounds() {
    let check = |text: &str, min: Option<&str>, min_incl: bool, max: Option<&str>, max_incl: bool| {
        let a = one(text, text);
        assert_eq!(a.value, None, "{text}");
        assert_eq!((a.min, a.max), (min.map(d), max.map(d)), "{text}");
        if min.is_some() {
            assert_eq!(a.min_inclusive, min_incl, "{text}");
        }
        if max.is_some() {
            assert_eq!(a.max_inclusive, max_incl, "{text}");
        }
    };
    check("up to $10B", None, false, Some("10e9"), true);
    check("as much as $10B", None, false, Some("10e9"), true);
    check("at most $10B", None, false, Some("10e9"), true);
    check("under $10B", None, false, Some("10e9"), false);
    check("less than $10B", None, false, Some("10e9"), false);
    check("at least $4B", Some("4e9"), true, None, false);
    check("more than $4B", Some("4e9"), false, None, false);
    check("over $4B", Some("4e9"), false, None, false);
    check("above $4B", Some("4e9"), false, None, false);
    check("$10B+", Some("10e9"), true, None, false);
    check("just over $4B", Some("4e9"), false, None, false);
    let a = one("up to about $10B", "up to about $10B");
    assert!(a.approximate);
    assert_eq!(a.max, Some(d("10e9")));
}

#[test]
fn approximation_keeps_the_value() {
    for hedge in ["about", "around", "roughly", "approximately", "nearly", "almost", "some"] {
        let text = format!("{hedge} $5B");
        let a = one(&text, &text);
        assert!(a.approximate, "{text}");
        assert_eq!((a.value, a.min, a.max), (Some(d("5e9")), Some(d("5e9")), Some(d("5e9"))));
    }
    let a = one("~$5B", "~$5B");
    assert!(a.approximate);
}

#[test]
fn vague_amounts() {
    let check = |text: &str, span: &str, min: &str, max: &str, cur: Option<&str>| {
        let a = one(text, span);
        assert!(a.vague, "{text}");
        assert_eq!((a.min, a.max, a.currency.as_deref()), (Some(d(min)), Some(d(max)), cur), "{text}");
    };
    check("pouring billions into AI", "billions", "1e9", "1e12", None);
    check("tens of billions of dollars", "tens of billions of dollars", "1e10", "1e11", Some("USD"));
    check("hundreds of millions in funding", "hundreds of millions", "1e8", "1e9", None);
    check("a multibillion-dollar deal", "multibillion-dollar", "1e9", "1e12", Some("USD"));
    check("several billion dollars", "several billion dollars", "2e9", "1e10", Some("USD"));
    check("a billion-dollar company", "billion-dollar", "1e9", "1e12", Some("USD"));
    none("models with billions of parameters");
    none("hundreds of millions of users");
    none("thousands of engineers");
}

#[test]
fn cents_and_pence_are_hundredths() {
    exact("shares fell 34 cents", "34 cents", "0.34", Some("USD"));
    exact("470 pence a share", "470 pence", "4.70", Some("GBP"));
    exact("a 12-cent dividend", "12-cent", "0.12", Some("USD"));
    exact("$20 and 43c", "$20 and 43c", "20.43", Some("USD"));
    exact(
        "thirteen dollars and forty-five cents",
        "thirteen dollars and forty-five cents",
        "13.45",
        Some("USD"),
    );
}

#[test]
fn not_money() {
    none("in 2023");
    none("up 27% in the quarter");
    none("a 30 % stake");
    none("one million TPUs");
    none("Amazon bought one million TPUs");
    none("the 3rd and 21st");
    none("call 555-123-4567");
    none("ALL 5 solutions are wrong.");
    none("TOP 5 insights");
    none("a billion users");
    none("10 AWG cable");
    none("a grand strategy");
    none("Q3 2024 results, 10-K filing, 5G networks");
    none("the third quarter");
    none("one point of view");
    none("$");
    none("$$$");
}

#[test]
fn spans_are_in_order_and_do_not_overlap() {
    let text = "Amazon ($50B), Google (€5bn), Microsoft (up to $10 billion) and ~$2B+";
    let found = find_amounts(text);
    assert_eq!(found.len(), 4, "{found:#?}");
    for w in found.windows(2) {
        assert!(w[0].span.end() <= w[1].span.start());
    }
}

#[test]
fn spans_fall_on_char_boundaries() {
    let text = "⚡ €5bn — £2 billion ≈ ¥300 billion… “$4–5 billion”";
    let found = find_amounts(text);
    assert_eq!(found.len(), 4, "{found:#?}");
    for a in &found {
        assert!(text.is_char_boundary(a.span.start()) && text.is_char_boundary(a.span.end()));
    }
}

#[test]
fn hostile_input_stays_linear_and_does_not_panic() {
    let digits = "9".repeat(1_000_000);
    assert!(find_amounts(&digits).is_empty());
    let dollars = "$".repeat(100_000);
    assert!(find_amounts(&dollars).is_empty());
    let spaced = "$ ".repeat(100_000);
    assert!(find_amounts(&spaced).is_empty());
    let prefixed = format!("${digits}");
    assert!(find_amounts(&prefixed).is_empty());
    let words = "one hundred and ".repeat(5_000);
    assert!(find_amounts(&words).is_empty());
    let mut mixed = String::new();
    for i in 0..20_000 {
        mixed.push_str(["$", "€5", "about ", "between ", "billions ", "1,000,", "twenty-", "¥"][i % 8]);
    }
    let _ = find_amounts(&mixed);
    let huge = "$99999999999999999999999 trillion trillion";
    let _ = find_amounts(huge);
}

#[test]
fn every_prefix_of_a_text_is_safe() {
    let text = "Roughly US$4.7–5 billion (≈€4bn), i.e. between ¥300 billion and ₹5 lakh crore.";
    for (i, _) in text.char_indices() {
        let _ = find_amounts(&text[..i]);
        let _ = find_amounts(&text[i..]);
    }
}

#[test]
fn the_search_skipping_to_anchors_misses_nothing() {
    // The prefilter runs only within `NEAR` bytes before an anchor; amounts
    // are read at every distance from the start and from each other, after
    // one-, two- and three-byte characters (the jump lands on a boundary).
    for filler in ["x", "x ", "é", "—"] {
        for pad in 0..2 * NEAR {
            let padding = filler.repeat(pad);
            let text =
                format!("{padding} tens of billions, then {padding} about $5 billion and {padding} 7 euros");
            let read: Vec<&str> = find_amounts(&text).iter().map(|a| &text[a.span.range()]).collect();
            assert_eq!(read, ["tens of billions", "about $5 billion", "7 euros"], "{text:?}");
        }
    }
    none(&"no amount here, just words over and over again. ".repeat(10));
}
