//! Places where the grammar surely reads no amount, found without running it.
//!
//! Most places the prefilter finds are not amounts: years ("in 2025,"),
//! percentages ("4% on the day"), counts ("220 megawatts") and hedge words
//! that lead nowhere ("from the Gulf", "almost every round"). A pest parse
//! costs tens of thousands of instructions, mostly spent trying every
//! currency word in turn; [`cannot_start`] rejects these places with a few
//! byte comparisons.
//!
//! The test only ever answers "no amount here" when `grammar/amount.pest`
//! cannot read one: either the grammar fails, or it reads a bare number,
//! which `eval` always discards (a number needs a currency or a magnitude to
//! be money). When in doubt it answers "maybe" and the grammar decides. It
//! reasons about the grammar's words, so [`tests`] checks the word lists
//! below against every literal in the grammar file.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::eval::Bound;

/// Whether the grammar surely reads no amount at the start of `window`.
///
/// An amount is `leads? ~ body`. The leads ("about", "up to", "~") are read
/// here exactly as the grammar reads them. The body then starts with a
/// digit, a sign, or a word. After a number, only a magnitude, a currency, a
/// range or a fraction can make it money, and each of those starts with one
/// of [`CONTINUATIONS`], a digit, a dash, `+`, `$` or a non-ASCII sign. A body
/// that starts with a word starts with one of those words, a vague word, or
/// "between"/"from" followed by one of them.
pub(super) fn cannot_start(window: &str) -> bool {
    let body = &window[leads_len(window)..];
    let Some(first) = body.chars().next() else {
        // Leads with nothing after them.
        return true;
    };
    if first.is_ascii_digit() {
        return inert(&body[number_len(body)..]);
    }
    if !first.is_ascii_alphabetic() {
        return false;
    }
    let (word, after) = split_word(body);
    if may_start_body(word) {
        return false;
    }
    if !(word.eq_ignore_ascii_case("from") || word.eq_ignore_ascii_case("between")) {
        return true;
    }
    // `^"from" ~ eow ~ sp ~ side`: the range needs a side after one space.
    if !eow(after) {
        return true;
    }
    let Some(gap) = sp_len(after) else { return true };
    let side = &after[gap..];
    match side.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => !may_follow(split_word(side).0),
        Some(_) => false,
        None => true,
    }
}

/// Whether nothing at the start of `rest`, which follows a number, can make
/// that number part of an amount: no magnitude, currency, range, fraction or
/// `+`. Skipping more blanks than the grammar would only makes the answer
/// more cautious: past blanks the grammar cannot cross, it reads nothing.
pub(super) fn inert(rest: &str) -> bool {
    let rest = rest.trim_start_matches([' ', '\t', '\n', '\r', '\u{a0}', '\u{2009}', '\u{202f}']);
    let Some(c) = rest.chars().next() else { return true };
    if c.is_ascii_alphabetic() {
        return !may_follow(split_word(rest).0);
    }
    // Digits (a second group, a range end), dashes (ranges, "-plus",
    // "5-billion"), `+`, `$` and every non-ASCII sign may continue.
    c.is_ascii() && !c.is_ascii_digit() && !matches!(c, '-' | '+' | '$')
}

/// The ASCII letters at the start of `s`, and what follows them.
fn split_word(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(s.len());
    s.split_at(end)
}

/// Whether a word can start something that continues a number: a
/// magnitude, a currency, "to", "and", "point"... Three capitals may be an
/// ISO code, which the grammar matches by shape.
fn may_follow(word: &str) -> bool {
    is_code_shaped(word) || with_lowercase(word, |w| CONTINUATION_SET.contains(w))
}

/// Whether a word can start the body of an amount other than a range:
/// anything that may follow a number (number words, currencies), vague
/// amounts ("billions", "several", "multi-billion").
fn may_start_body(word: &str) -> bool {
    may_follow(word) || with_lowercase(word, |w| VAGUE_START_SET.contains(w) || w.starts_with("multi"))
}

fn is_code_shaped(word: &str) -> bool {
    word.len() == 3 && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// Calls `f` with `word` in lower case, without allocating; words longer
/// than any in the lists are passed as they are (they match nothing).
fn with_lowercase(word: &str, f: impl FnOnce(&str) -> bool) -> bool {
    let mut buf = [0u8; 24];
    let Some(dst) = buf.get_mut(..word.len()) else { return f(word) };
    dst.copy_from_slice(word.as_bytes());
    dst.make_ascii_lowercase();
    f(std::str::from_utf8(dst).unwrap_or(word))
}

/// The length of the number at the start of `s` as `dec_number` reads it:
/// the grammar's number ends where no digit, and no `.` or `,` before a
/// digit, follows; if it ends anywhere else, the grammar fails.
pub(super) fn number_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit()
            || (matches!(b[i], b'.' | b',') && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// The hedges and bounds before an amount's body: `leads` in the grammar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Leads {
    /// Where the body starts.
    pub len: usize,
    /// "about", "~".
    pub approximate: bool,
    /// The first bound, as `eval` keeps it.
    pub bound: Option<Bound>,
}

/// The `leads` at the start of `s` (none: `len` 0): `(lead ~ lead_gap){1,3}`.
pub(super) fn leads(s: &str) -> Leads {
    let mut out = Leads::default();
    for _ in 0..3 {
        let rest = &s[out.len..];
        let Some((lead, kind)) = lead(rest) else { break };
        let after = &rest[lead..];
        let gap = sp_len(after).or_else(|| {
            after
                .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '¥' | '₹'))
                .then_some(0)
        });
        let Some(gap) = gap else { break };
        out.len += lead + gap;
        match kind {
            Kind::Approx => out.approximate = true,
            Kind::Bound(b) => out.bound = out.bound.or(Some(b)),
            Kind::Intensifier => {}
        }
    }
    out
}

fn leads_len(s: &str) -> usize {
    leads(s).len
}

/// The length and kind of one `lead` at the start of `s`. Each rule is an
/// ordered choice of phrases followed by `eow`, then signs: the first phrase
/// that matches is kept, and if no word ends after it the rule fails.
fn lead(s: &str) -> Option<(usize, Kind)> {
    for (kind, phrases, signs) in LEADS {
        if let Some(p) = phrases.iter().find(|p| starts_with_ignore_case(s, p)) {
            if eow(&s[p.len()..]) {
                return Some((p.len(), *kind));
            }
        }
        if let Some(sign) = signs.iter().find(|sign| s.starts_with(**sign)) {
            return Some((sign.len(), *kind));
        }
    }
    None
}

/// What a lead does to the amount after it.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Approx,
    Bound(Bound),
    Intensifier,
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The grammar's `eow`: no letter, digit or `_` follows.
fn eow(rest: &str) -> bool {
    !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
}

/// The length of the grammar's `sp` at the start of `s`: one to three
/// blanks and at most one line break.
fn sp_len(s: &str) -> Option<usize> {
    let blanks = hspace_len(s);
    let newline = newline_len(&s[blanks..]);
    if blanks == 0 && newline == 0 {
        return None;
    }
    let after = blanks + newline;
    Some(if newline > 0 { after + hspace_len(&s[after..]) } else { after })
}

/// Up to three of `hspace`.
fn hspace_len(s: &str) -> usize {
    s.chars()
        .take(3)
        .take_while(|c| matches!(c, ' ' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}'))
        .map(char::len_utf8)
        .sum()
}

/// pest's `NEWLINE`: `"\n" | "\r\n" | "\r"`.
fn newline_len(s: &str) -> usize {
    if s.starts_with('\n') {
        1
    } else if s.starts_with("\r\n") {
        2
    } else {
        usize::from(s.starts_with('\r'))
    }
}

/// The rules of `lead` in the grammar's order: `approx`, `max_incl`,
/// `max_excl`, `min_incl`, `min_excl`, `intensifier`; each its phrases in
/// order, then its signs.
const LEADS: &[(Kind, &[&str], &[&str])] = &[
    (
        Kind::Approx,
        &[
            "approximately",
            "approx.",
            "approx",
            "about",
            "around",
            "roughly",
            "nearly",
            "almost",
            "some",
            "circa",
            "close to",
            "in the region of",
            "on the order of",
            "in the order of",
        ],
        &["~", "≈"],
    ),
    (
        Kind::Bound(Bound::MaxIncl),
        &[
            "up to",
            "as much as",
            "as high as",
            "at most",
            "no more than",
            "not more than",
            "a maximum of",
            "maximum of",
            "capped at",
        ],
        &["≤", "<="],
    ),
    (
        Kind::Bound(Bound::MaxExcl),
        &["less than", "lower than", "fewer than", "under", "below", "shy of"],
        &["<"],
    ),
    (
        Kind::Bound(Bound::MinIncl),
        &[
            "at least",
            "no less than",
            "not less than",
            "a minimum of",
            "minimum of",
            "as little as",
            "as low as",
            "upwards of",
            "upward of",
        ],
        &["≥", ">="],
    ),
    (
        Kind::Bound(Bound::MinExcl),
        &[
            "more than",
            "greater than",
            "higher than",
            "over",
            "above",
            "exceeding",
            "in excess of",
            "north of",
        ],
        &[">"],
    ),
    (Kind::Intensifier, &["exactly", "precisely", "just", "well", "slightly", "only"], &[]),
];

/// The first word of every phrase in the grammar that can come after a
/// number, or start a side: number words, magnitudes and their
/// abbreviations, fractions, "and", "point", "to", currency names, their
/// qualifiers, codes, dollar qualifiers ("us" of "US$"), minor units.
const CONTINUATIONS: &str = "\
    a and b bil billion bln bn c cr crore crores k l lac lacs lakh lakhs le m mil million mio mln mm mn \
    t thousand tln tn trillion trn hundred point oh zero of plus to through thru grand \
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen \
    seventeen eighteen nineteen twenty thirty forty fourty fifty sixty seventy eighty ninety half \
    quarter quarters \
    cent cents pennies penny pence sen sens kopiyka kopiykas kopeck kopecks kopek kopeks paise paisa \
    u us usd hk hkd nz nzd sg sgd mex cad can ca aud au mxn mx twd nt bz jm tt ec n r s rs rm ur \
    eur gbp jpy cny rmb chf inr krw sek nok dkk brl zar rub sar aed ils kwd qar egp myr bgn uah mnt \
    lbp pln czk huf idr thb vnd ngn pkr \
    united american canadian australian new hong singapore singaporean taiwan taiwanese jamaican \
    trinidad belize east swiss french belgian chinese japanese indian pakistani sri nepalese turkish \
    italian malaysian malaysia kuwaiti bahraini jordanian iraqi saudi qatari omani iranian lebanese \
    egyptian british israeli south korean russian mexican philippine argentine chilean colombian \
    brazilian swedish norwegian danish icelandic dutch finnish spanish german deutsche polish czech \
    hungarian romanian bulgarian ukrainian mongolian nigerian kenyan ghanaian indonesian thai \
    vietnamese emirati uae moroccan \
    dollars dollar bucks buck euros euro pounds pound sterling yen yuan renminbi rupees rupee francs \
    franc liras lira lire ringgits ringgit dinars dinar riyals riyal rials rial shekels shekel won \
    roubles rouble rubles ruble pesos peso reais real rand kronor krona kroner krone zlotys zloty \
    forints forint koruna lei leu leva lev hryvnias hryvnia tugriks tugrik naira shillings shilling \
    cedis cedi rupiah baht dong dirhams dirham markkaa markka guilders guilder pesetas peseta marks \
    mark egyptianpounds egyptianpound saudiriyals saudiriyal";

/// Words that start a vague amount and nothing else. ("multi" is matched
/// as a prefix: "multibillion".)
const VAGUE_STARTS: &str = "tens hundreds thousands millions billions trillions several";

/// Words of the grammar that only start a lead or a range: they never come
/// after a number, and a body never starts with them.
#[cfg(test)]
const LEAD_WORDS: &str = "\
    approximately approx about around roughly nearly almost some circa close in on up as at no not \
    maximum capped less lower fewer under below shy minimum upwards upward more \
    greater higher over above exceeding north exactly precisely just well slightly only between from \
    multi";

static CONTINUATION_SET: LazyLock<HashSet<&str>> =
    LazyLock::new(|| CONTINUATIONS.split_whitespace().collect());
static VAGUE_START_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| VAGUE_STARTS.split_whitespace().collect());

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The first word of every literal in the grammar, in lower case.
    fn grammar_words() -> BTreeSet<String> {
        let grammar = include_str!("../../../grammar/amount.pest");
        let mut words = BTreeSet::new();
        for line in grammar.lines() {
            let code = line.split("//").next().unwrap_or("");
            for (i, literal) in code.split('"').enumerate() {
                if i % 2 == 1 {
                    let (word, _) = split_word(literal);
                    if !word.is_empty() {
                        words.insert(word.to_ascii_lowercase());
                    }
                }
            }
        }
        words
    }

    #[test]
    fn the_word_lists_cover_the_grammar_exactly() {
        let lists: Vec<BTreeSet<String>> = [CONTINUATIONS, VAGUE_STARTS, LEAD_WORDS]
            .iter()
            .map(|l| l.split_whitespace().map(str::to_owned).collect())
            .collect();
        for (i, a) in lists.iter().enumerate() {
            for b in &lists[i + 1..] {
                assert!(
                    a.is_disjoint(b),
                    "a word is in two lists: {:?}",
                    a.intersection(b).collect::<Vec<_>>()
                );
            }
        }
        let listed: BTreeSet<String> = lists.into_iter().flatten().collect();
        let grammar = grammar_words();
        let unlisted: Vec<_> = grammar.difference(&listed).collect();
        assert!(unlisted.is_empty(), "grammar words missing from the lists: {unlisted:?}");
        let stale: Vec<_> = listed.difference(&grammar).collect();
        assert!(stale.is_empty(), "listed words not in the grammar: {stale:?}");
    }

    #[test]
    fn rejects_numbers_nothing_makes_money() {
        for window in [
            "2025, Google made a $5 billion investment",
            "2026.",
            "220 megawatts or more.",
            "34% growth in its cloud segment",
            "5 exclusively on Google Cloud.",
            "1.",
            "10,000 GPUs",
            "2025 the year",
            "2025\n\nNext",
            "12:30",
            "3x more",
            "about 4% on the day.",
            "up to 40% of",
            "over 300 engineers",
            "from the Gulf now appear",
            "between the two",
            "almost every round",
            "over the next seven years",
            "some analysts",
            "about",
            "up to",
        ] {
            assert!(cannot_start(window), "{window:?} should be rejected");
        }
    }

    #[test]
    fn keeps_near_misses_that_may_be_money() {
        for window in [
            "4 billion dollars",
            "5bn",
            "5B",
            "5 lakh",
            "3 hundred dollars",
            "2 and a half billion",
            "1 point 5 billion",
            "10 USD",
            "10 usd",
            "10$",
            "10 US$",
            "10€",
            "10¢",
            "34 cents",
            "10 grand",
            "10 Swiss francs",
            "2025 to $3000",
            "2025-2026",
            "2025 – $3000",
            "10+",
            "10 +",
            "5 -billion",
            "2025 2026",
            "$4 billion",
            "US$4 billion",
            "€9.2bn",
            "about $5",
            "about 5 billion",
            "up to 40 billion",
            "~5 billion",
            "over US$5",
            "from $4",
            "from 4",
            "from five",
            "between $4bn and $5bn",
            "from USD 4",
            "billions",
            "tens of billions",
            "multibillion",
            "Multi-billion",
            "several billion",
            "a billion",
            "a few million",
            "USD 5",
            "GBP5",
            "Rs 20",
            "ringgit 42",
            "malaysian ringgit 42",
            "approx. $5",
            "twenty dollars",
            "half a billion",
        ] {
            assert!(!cannot_start(window), "{window:?} should be left to the grammar");
        }
    }

    #[test]
    fn leads_are_read_as_the_grammar_reads_them() {
        assert_eq!(leads_len("about $5"), 6);
        assert_eq!(leads_len("up to about $5"), 12);
        assert_eq!(leads_len("just over $5"), 10);
        // Three leads at most: the grammar then needs a body, and "above" is none.
        assert_eq!(leads_len("just over well above $5"), 15);
        assert!(cannot_start("just over well above $5"));
        assert_eq!(leads_len("~$5"), 1);
        assert_eq!(leads_len("<= $5"), 3);
        assert_eq!(leads_len("approx. $5"), 8);
        // "approx." is the first phrase that matches, and a word follows it.
        assert_eq!(leads_len("approx.x $5"), 0);
        assert_eq!(leads_len("abouts $5"), 0);
        assert_eq!(leads_len("about"), 0);
        assert_eq!(leads_len("about  \n  $5"), 10);
        // `sp` takes three blanks; the body would then start with the fourth.
        assert_eq!(leads_len("about    $5"), 8);
    }

    /// Pieces that build windows around the shapes the gate reasons about.
    const STARTS: &[&str] = &[
        "",
        "about ",
        "up to ",
        "over ",
        "more than ",
        "from ",
        "between ",
        "~",
        "just over ",
        "almost ",
        "approx.",
        "in excess of ",
    ];
    const NUMBERS: &[&str] = &["2025", "4", "1.5", "10,000", "12,34,567", "5.", "0,5", "", "a", "one"];
    const GAPS: &[&str] = &["", " ", "  ", "    ", "-", " - ", "\n", " \u{a0}", "–", "_"];
    const AFTERS: &[&str] = &[
        "",
        "in",
        "the",
        "megawatts",
        "x",
        "%",
        ",",
        ".",
        "+",
        "$",
        "€",
        "¢",
        "billion",
        "bn",
        "B",
        "b.",
        "m",
        "million",
        "dollars",
        "USD",
        "usd",
        "US$",
        "us",
        "and a half",
        "and",
        "to $5",
        "to 5 billion",
        "hundred",
        "point 5",
        "cents",
        "c",
        "grand",
        "TOP",
        "Swiss francs",
        "of dollars",
        "plus",
        "of",
        "2026",
        "five",
        "rs",
        "le",
        "multi",
        "billions",
        "trillion-dollar",
        "s",
        "from",
        "Tens",
    ];

    /// `leads_len` ends where the grammar's `leads` ends.
    #[test]
    fn leads_end_where_the_grammar_says() {
        use pest::Parser;

        use super::super::grammar::{AmountParser, Rule};
        for start in STARTS {
            for gap in GAPS {
                for after in ["$5", "5", "over $5", "about", "", "x"] {
                    let window = format!("{start}{gap}{after}");
                    let pest = AmountParser::parse(Rule::leads, &window)
                        .ok()
                        .and_then(|mut p| p.next())
                        .map_or(0, |p| p.as_span().end());
                    assert_eq!(leads_len(&window), pest, "{window:?}");
                }
            }
        }
    }

    /// The gate rejects only where the grammar reads no amount.
    #[test]
    fn rejects_only_what_the_grammar_discards() {
        let mut rejected = 0;
        for start in STARTS {
            for number in NUMBERS {
                for gap in GAPS {
                    for after in AFTERS {
                        let window = format!("{start}{number}{gap}{after} in 2025.");
                        if cannot_start(&window) {
                            rejected += 1;
                            assert_eq!(super::super::parse(&window), None, "{window:?} was rejected");
                        }
                    }
                }
            }
        }
        assert!(rejected > 10_000, "only {rejected} rejected");
    }
}
