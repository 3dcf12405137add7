//! Money amounts in prose.
//!
//! [`find_amounts`] reads "$50B", "up to $10 billion", "€5bn", "between $4bn
//! and $5bn", "about $14 million", "tens of billions", "multi-billion dollar"
//! and the like into [`Amount`]s: exact decimals, an interval, an ISO 4217
//! currency and the span as written.
//!
//! # How it reads
//!
//! A prefilter (one `regex`) finds the places where an amount can start: a
//! digit at the start of a word, a currency sign, a currency code, or a word
//! such as "about", "up to", "between", "a billion", "billions". The pest
//! grammar `grammar/amount.pest` runs only there, on a window of at most
//! [`WINDOW`] bytes, so the work stays linear in the length of the text
//! whatever the text is (a million digits, a hundred thousand `$` signs).
//! The longest reading at the leftmost place wins; readings never overlap.
//!
//! # What a reading means
//!
//! - One value: `value = min = max`, both ends inclusive. "About", "roughly",
//!   "~", "nearly", "almost", "some" keep the value and set `approximate`.
//! - "up to"/"as much as"/"at most": `max` inclusive, `min` open. "under",
//!   "less than", "below": `max` exclusive. "at least", "no less than",
//!   "$10B+": `min` inclusive. "more than", "over", "above": `min` exclusive.
//!   A bound has no `value`; an open end has its `*_inclusive` flag false.
//! - A range: `min` and `max` inclusive, no `value`. A magnitude or currency
//!   written once applies to both ends: "$4-5 billion" is 4e9 to 5e9.
//! - Vague amounts (`vague: true`, `min` inclusive, `max` exclusive):
//!   "millions"/"billions"/"trillions" are [1e6, 1e9), [1e9, 1e12),
//!   [1e12, 1e15); "tens of billions" is [1e10, 1e11); "hundreds of
//!   millions" is [1e8, 1e9); "multi-billion" and the adjective
//!   "billion-dollar" are read like "billions"; "several billion" is
//!   [2e9, 1e10). So "trillion-dollar alliances" is a vague [1e12, 1e15) in
//!   USD: the same construction as "multi-billion dollar investments", and a
//!   vague amount is never the sole basis of an error. "billions" with no
//!   currency is money in this domain ("investing billions in OpenAI"),
//!   unless it counts something ("billions of parameters").
//!
//! # Currencies
//!
//! `$` is USD: analysts' notes are overwhelmingly in US dollars. `US$` is
//! USD, `C$`/`CA$` CAD, `A$` AUD, `HK$` HKD, `S$` SGD, `€` EUR, `£` GBP, `¥`
//! JPY (CNY when "yuan", "RMB" or "CNY" follows), `₹`/"Rs" INR. ISO codes are
//! read before or after the number ("USD 10bn", "5bn SEK"); codes that are
//! English words ("TOP", "ALL") only after it. Names are read with their
//! qualifier ("Swiss francs" CHF); a bare name the world shares ("francs",
//! "dinars", "pesos") gives `currency: None`, as does an amount with no
//! currency at all. Cents, pennies and pence are hundredths: "34 cents" is
//! 0.34 USD, "470 pence" 4.70 GBP.
//!
//! # Not amounts
//!
//! Years ("in 2023"), percentages, model names ("GPT-4", "H100"), counts
//! ("one million TPUs"), ordinals, phone-like numbers and "top 5 insights"
//! have no currency and are not read. A number with a magnitude but no
//! currency is read only right after a money word ("invest 10 billion in
//! OpenAI") and when no noun follows it.

mod currency;
mod eval;
mod fast;
mod gate;
mod grammar;

use std::collections::HashSet;
use std::sync::LazyLock;

use pest::Parser;
use regex::Regex;

use self::eval::{Draft, Needs};
use self::grammar::{AmountParser, Rule};
use crate::claims::Amount;
use crate::source::Span;

/// The most text one reading may cover, in bytes. No real amount comes
/// close; the cap keeps a pathological input from costing more than linear
/// time.
pub const WINDOW: usize = 160;

/// Every money amount in `text`, in text order, without overlaps. Spans are
/// byte ranges relative to `text`, on char boundaries.
pub fn find_amounts(text: &str) -> Vec<Amount> {
    let mut out = Vec::new();
    let mut anchors = ANCHORS.find_iter(text).peekable();
    let mut pos = 0;
    // Places may overlap ("a billion" failing leaves "billion" to try), so
    // the search resumes one character after a place that gave nothing.
    loop {
        // Most places where an amount could start are ordinary words ("one",
        // "over", "from"); the grammar runs only where a digit, a sign or a
        // money word is near. So the places are looked for only within
        // `NEAR` bytes before the next anchor: a text without anchors costs
        // one scan for them, and the prefilter never runs on it.
        while anchors.next_if(|a| a.start() < pos).is_some() {}
        let Some(anchor) = anchors.peek().map(|a| a.start()) else { break };
        pos = pos.max(floor_char_boundary(text, (anchor + 1).saturating_sub(NEAR)));
        let Some(m) = PREFILTER.find_at(text, pos) else { break };
        let start = m.start();
        while anchors.next_if(|a| a.start() < start).is_some() {}
        let near = anchors.peek().is_some_and(|a| a.start() < start + NEAR);
        match if near { read_at(text, start) } else { None } {
            Some(amount) => {
                pos = amount.span.end();
                out.push(amount);
            }
            None => pos = start + text[start..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// The largest char boundary of `text` at or before `i`.
fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How near a digit, sign or money word must be to a place for the grammar
/// to run there, in bytes.
const NEAR: usize = 64;

/// The amount that starts at `start`, if one does.
fn read_at(text: &str, start: usize) -> Option<Amount> {
    if let Some(c) = text[start..].chars().next().filter(|c| is_sign(*c)) {
        // A sign must have a number (or number word) after it, at most one
        // space away: "$$$" and "$ $" are not worth a parse.
        let after = text[start + c.len_utf8()..].trim_start_matches(' ');
        if !after.starts_with(|n: char| n.is_alphanumeric()) {
            return None;
        }
    }
    let mut end = (start + WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = &text[start..end];
    if gate::cannot_start(window) {
        return None;
    }
    let cut = end < text.len();
    let draft = match fast::read(window) {
        Some(draft) => draft,
        None => parse(window)?,
    };
    if cut && draft.end == window.len() {
        // The window may have cut the amount short; no real amount is this long.
        return None;
    }
    let span = Span::new(start, start + draft.end);
    if !context_allows(text, span, draft.needs) {
        return None;
    }
    let currency = draft.currency.and_then(eval::Cur::iso).and_then(crate::claims::Currency::new);
    Some(Amount {
        span,
        value: draft.value,
        min: draft.min,
        max: draft.max,
        min_inclusive: draft.min_inclusive,
        max_inclusive: draft.max_inclusive,
        currency,
        approximate: draft.approximate,
        vague: draft.vague,
    })
}

/// Reads the amount at the start of `window`. When a range parses but makes
/// no sense (its ends reversed or in two currencies), the reading without
/// ranges is tried; it cannot parse where the full grammar did not.
fn parse(window: &str) -> Option<Draft> {
    let pair = AmountParser::parse(Rule::amount, window).ok()?.next()?;
    let range = eval::has_range(&pair);
    eval::amount(pair).or_else(|| {
        if !range {
            return None;
        }
        let pair = AmountParser::parse(Rule::amount_single, window).ok()?.next()?;
        eval::amount(pair)
    })
}

/// Whether the words around an amount let it stand (see [`Needs`]).
fn context_allows(text: &str, span: Span, needs: Needs) -> bool {
    match needs {
        Needs::Nothing => true,
        Needs::MoneyWord => {
            money_word_before(&text[..span.start()]) && plain_follower(&text[span.end()..], true)
        }
        Needs::NotCounting => plain_follower(&text[span.end()..], false),
        Needs::PlainFollower => plain_follower(&text[span.end()..], true),
    }
}

/// Words that make a bare "10 billion" money: "invest 10 billion in".
const MONEY_WORDS: &str = "\
    invest invests invested investing investment investments raise raises raised raising fund \
    funds funded funding valuation valued value worth spend spends spent spending pay pays paid \
    paying payment cost costs costing priced price commit commits committed committing \
    commitment pledge pledges pledged bet bets contribute contributes contributed inject injects \
    injected pour pours poured pouring finance financed financing capex revenue revenues deal \
    loan loans lent lend borrow borrowed buy bought acquire acquired sell sold lose loses lost \
    losing loss losses earn earns earned earnings profit profits income sales burn burns burned \
    owe owes owed debt grant granted award awarded offer offered bid budget put puts";

/// Words that may stand between a money word and the number.
const MONEY_GLUE: &str = "\
    of at for to another an additional extra further its their his her a the in";

/// The word lists above as sets: a bare number is checked against them, and
/// splitting the lists at every check cost more than reading the amount.
static MONEY_WORD_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| MONEY_WORDS.split_whitespace().collect());
static MONEY_GLUE_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| MONEY_GLUE.split_whitespace().collect());
static PLAIN_FOLLOWER_SET: LazyLock<HashSet<&str>> =
    LazyLock::new(|| PLAIN_FOLLOWERS.split_whitespace().collect());

fn money_word_before(before: &str) -> bool {
    let mut rest = before;
    for _ in 0..3 {
        let trimmed = rest.trim_end_matches([' ', '\t', '\u{a0}']);
        let word_start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_ascii_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &trimmed[word_start..];
        if word.is_empty() {
            return false;
        }
        let lower = word.to_ascii_lowercase();
        if MONEY_WORD_SET.contains(lower.as_str()) {
            return true;
        }
        if !MONEY_GLUE_SET.contains(lower.as_str()) {
            return false;
        }
        rest = &trimmed[..word_start];
    }
    false
}

/// Words that may follow an amount written without a currency; any other
/// word is taken for what the number counts ("one million TPUs").
const PLAIN_FOLLOWERS: &str = "\
    in into for to from on over across and or with at by of as this last next per each a an the \
    more through upfront annually yearly while but that which so during since until before after \
    when if cash total overall altogether";

fn plain_follower(after: &str, allow_of: bool) -> bool {
    let rest = after.trim_start_matches([' ', '\t', '\u{a0}']);
    let word_end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
    if word_end == 0 {
        return true;
    }
    let lower = rest[..word_end].to_ascii_lowercase();
    (allow_of || lower != "of") && PLAIN_FOLLOWER_SET.contains(lower.as_str())
}

fn is_sign(c: char) -> bool {
    "$€£¥₹₩₽₺₪₦₱₫₴₸₡₾₭฿₮₲₵₼元".contains(c)
}

/// Evidence that an amount may be near: a digit, a currency sign, or part
/// of a magnitude, currency or minor-unit word ("illion" covers million,
/// billions and multibillion). It may over-match; it must not miss.
static ANCHORS: LazyLock<Regex> = LazyLock::new(|| {
    let words = [
        "thousand",
        "hundred",
        "lakh",
        "lac",
        "crore",
        "grand",
        "dollar",
        "buck",
        "euro",
        "pound",
        "sterling",
        "yen",
        "yuan",
        "renminbi",
        "rupee",
        "franc",
        "lira",
        "lire",
        "ringgit",
        "dinar",
        "riyal",
        "rial",
        "shekel",
        "won",
        "ruble",
        "rouble",
        "peso",
        "reais",
        "real",
        "rand",
        "krona",
        "kronor",
        "krone",
        "kroner",
        "zloty",
        "forint",
        "koruna",
        "lei",
        "leu",
        "lev",
        "leva",
        "hryvnia",
        "tugrik",
        "naira",
        "shilling",
        "cedi",
        "rupiah",
        "baht",
        "dong",
        "dirham",
        "markka",
        "markkaa",
        "guilder",
        "peseta",
        "mark",
        "cent",
        "penny",
        "pennies",
        "pence",
        "sen",
        "kopiyka",
        "kopiykas",
        "kopeck",
        "kopek",
        "paise",
        "paisa",
        "rs",
        "rm",
        "le",
        "l\\.e",
        "egyptianpound",
        "saudiriyal",
    ];
    let pattern = format!(
        r"[0-9$€£¥₹₩₽₺₪₦₱₫₴₸₡₾₭฿₮₲₵₼元¢]|(?i-u:illion)|(?-u:\b)(?i-u:(?:{}|{})s?)(?-u:\b)",
        words.join("|"),
        currency::COMMON_CODES.join("|")
    );
    Regex::new(&pattern).expect("the anchor pattern is valid")
});

/// Where an amount may start. Built once from the grammar's start words and
/// the currency tables.
static PREFILTER: LazyLock<Regex> = LazyLock::new(|| {
    let words = [
        // hedges and bounds
        "approximately", "approx", "about", "around", "roughly", "nearly", "almost", "some",
        "circa", r"close\s+to", r"in\s+the\s+region\s+of", r"on\s+the\s+order\s+of",
        r"in\s+the\s+order\s+of", r"in\s+excess\s+of", r"up\s+to", r"as\s+(?:much|high|little|low)\s+as",
        r"at\s+(?:most|least)", r"no[t]?\s+(?:more|less)\s+than", r"(?:a\s+)?(?:maximum|minimum|max)\s+of",
        r"capped\s+at", r"(?:less|lower|fewer|more|greater|higher)\s+than", "under", "below", r"shy\s+of",
        "over", "above", "exceeding", r"north\s+of", r"upwards?\s+of", "exactly", "precisely", "just",
        "well", "slightly", "only", "between", "from",
        // number words
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty",
        "ninety", "half", "quarter",
        r"a\s+(?:hundred|thousand|million|billion|trillion|lakh|crore|half|quarter|dollar|buck|euro|pound|grand|few|couple)",
        // vague amounts and number-less adjectives
        "thousands", "millions", "billions", "trillions", "tens", "hundreds", "multi", r"multi[a-z]+",
        "several", "thousand", "million", "billion", "trillion",
        // currencies written before the number
        "rs", "ringgits?", r"malaysian?\s+ringgits?",
    ]
    .join("|");
    let codes_upper: Vec<&str> = currency::prefix_codes().collect();
    let codes_lower = currency::COMMON_CODES.join("|");
    let pattern = format!(
        r"(?-u:\b)[0-9]|[$€£¥₹₩₽₺₪₦₱₫₴₸₡₾₭฿₮₲₵₼元~≈≤≥<>]|(?-u:\b)(?:(?i-u:u\.s\.?|usd|us|hkd|hk|nzd|nz|sgd|sg|mex|cad|can|ca|aud|au|mxn|mx|twd|nt|bz|jm|tt|ec|c) ?|[ASRN])\$|(?-u:\b)(?i-u:{words})(?-u:\b)|(?-u:\b)(?:{upper}|RM|(?i-u:rs|{lower}))(?:(?-u:\b)|[0-9])",
        upper = codes_upper.join("|"),
        lower = codes_lower,
    );
    Regex::new(&pattern).expect("the prefilter pattern is valid")
});

#[cfg(test)]
mod tests;
