//! A hand-written reader for the commonest amounts, tried before the grammar.
//!
//! Nearly every amount in analysts' notes has one of a few shapes: "$4
//! billion", "US$500 million", "€9.2bn", "£30m", "1.5 billion dollars",
//! "billions", perhaps after "about", "up to" or "more than". A pest parse
//! of one costs tens of thousands of instructions, most of them spent
//! trying every currency word in turn; [`read`] reads these shapes with a
//! few byte comparisons.
//!
//! It answers only when it is sure to read what the grammar reads: the shape
//! must be exactly one of the above, and nothing after it may be something
//! the grammar would go on to read (a range, a `+`, a currency name, a
//! second group, a fraction: see [`gate::inert`]). Anything else is left to
//! the grammar. The reading is the grammar's field for field, built with the
//! same arithmetic (`eval`); the tests compare the two on combinations of
//! the shapes' parts and their near misses.

use rust_decimal::Decimal;

use super::currency;
use super::eval::{self, Cur, Draft, Needs, Tok};
use super::gate;

/// The amount at the start of `window` as the grammar and `eval` would read
/// it, when it has one of the common shapes; `None` when it has not (the
/// grammar must then decide, and may still read one).
pub(super) fn read(window: &str) -> Option<Draft> {
    let leads = gate::leads(window);
    let body = &window[leads.len..];
    let mut draft = match body.as_bytes().first()? {
        b'b' | b'B' | b'm' | b'M' | b't' | b'T' => vague_plural(body)?,
        _ => side(body)?,
    };
    draft.end += leads.len;
    draft.approximate |= leads.approximate;
    match leads.bound {
        Some(bound) if !draft.vague => eval::bounded(draft, bound),
        _ => Some(draft),
    }
}

/// "$4 billion", "US$500m", "€9.2bn", "1.5 billion dollars", "$300".
fn side(body: &str) -> Option<Draft> {
    let (prefix, number_start) = prefix(body)?;
    let number_len = number(&body[number_start..])?;
    let mut end = number_start + number_len;
    let mut toks = vec![Tok::Num(eval::digits(&body[number_start..end])?)];
    if let Some((scale, len)) = scale(&body[end..]) {
        toks.push(Tok::Scale(scale));
        end += len;
    }
    let currency = match prefix {
        Some(c) => c,
        None => {
            let (c, len) = dollars_or_euros(&body[end..])?;
            end += len;
            c
        }
    };
    if !gate::inert(&body[end..]) {
        return None;
    }
    let value = eval::fold(&toks)?.value.normalize();
    Some(Draft {
        value: Some(value),
        min: Some(value),
        max: Some(value),
        min_inclusive: true,
        max_inclusive: true,
        currency: Some(currency),
        approximate: false,
        vague: false,
        end,
        needs: Needs::Nothing,
    })
}

/// The currency sign before the number, if any, and where the number
/// starts, which must be right after the sign. Only signs whose meaning no
/// later word may change are read: `$` would become another dollar before
/// "Canadian dollars", but a currency word after the number is never read
/// here.
fn prefix(body: &str) -> Option<(Option<Cur>, usize)> {
    let (cur, len) = if body.starts_with('$') {
        (Some(Cur::Iso(currency::dollar("")?)), 1)
    } else if body.as_bytes().get(..3).is_some_and(|b| b.eq_ignore_ascii_case(b"us$")) {
        (Some(Cur::Iso(currency::dollar(&body[..2])?)), 3)
    } else if body.starts_with(['€', '£']) {
        let sign = &body[..body.chars().next()?.len_utf8()];
        (Some(Cur::Iso(currency::symbol(sign)?)), sign.len())
    } else {
        (None, 0)
    };
    body[len..].starts_with(|c: char| c.is_ascii_digit()).then_some((cur, len))
}

/// The length of the number at the start of `s` when the grammar's
/// `dec_number` reads all of it in one of two plain forms: up to 24 digits,
/// or groups of three after commas ("10,000"); either with up to 12
/// decimals.
fn number(s: &str) -> Option<usize> {
    let len = gate::number_len(s);
    let (int, decimals) = match s[..len].split_once('.') {
        Some((int, decimals)) => (int, Some(decimals)),
        None => (&s[..len], None),
    };
    if decimals.is_some_and(|d| d.is_empty() || d.len() > 12 || !d.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let mut groups = int.split(',');
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let ok = if rest.is_empty() {
        (1..=24).contains(&first.len())
    } else {
        (1..=3).contains(&first.len()) && rest.len() <= 8 && rest.iter().all(|g| g.len() == 3)
    };
    ok.then_some(len)
}

/// Magnitudes the grammar reads as `scale_chain` when the word stands whole,
/// and what they multiply by.
const SCALES: &[(&str, i64)] = &[
    ("trillion", eval::TRILLION),
    ("billion", eval::BILLION),
    ("million", eval::MILLION),
    ("thousand", eval::THOUSAND),
    ("tn", eval::TRILLION),
    ("t", eval::TRILLION),
    ("bln", eval::BILLION),
    ("bn", eval::BILLION),
    ("b", eval::BILLION),
    ("mln", eval::MILLION),
    ("mm", eval::MILLION),
    ("mn", eval::MILLION),
    ("m", eval::MILLION),
    ("k", eval::THOUSAND),
];

/// A magnitude right after the number or one space after it, and the
/// length it takes. The word must end at a plain ASCII mark or a space,
/// where both `eow` and `abbr_end` hold whatever comes next.
fn scale(after: &str) -> Option<(Decimal, usize)> {
    let gap = usize::from(after.starts_with(' '));
    let (word, next) = split_word(&after[gap..]);
    let (_, scale) = SCALES.iter().find(|(w, _)| word.eq_ignore_ascii_case(w))?;
    plain_end(next).then(|| (Decimal::from(*scale), gap + word.len()))
}

/// "dollars", "dollar", "euros" or "euro" one space after the number, and
/// the length it takes. No qualifier may come before them (the name is the
/// first word after the number), and [`gate::inert`] sees to what follows.
fn dollars_or_euros(after: &str) -> Option<(Cur, usize)> {
    let name = after.strip_prefix(' ')?;
    let (word, next) = split_word(name);
    let known = ["dollars", "dollar", "euros", "euro"].iter().any(|n| word.eq_ignore_ascii_case(n));
    if !known || !plain_end(next) {
        return None;
    }
    Some((Cur::from_option(currency::name(None, word)?), 1 + word.len()))
}

/// "billions", "millions", "trillions" standing alone.
fn vague_plural(body: &str) -> Option<Draft> {
    let (word, next) = split_word(body);
    let known = ["billions", "millions", "trillions"].iter().any(|n| word.eq_ignore_ascii_case(n));
    if !known || !plain_end(next) || !gate::inert(next) {
        return None;
    }
    let (low, _) = eval::plural_scale(word)?;
    Some(Draft {
        value: None,
        min: Some(low.normalize()),
        max: Some(low.checked_mul(Decimal::ONE_THOUSAND)?.normalize()),
        min_inclusive: true,
        max_inclusive: false,
        currency: None,
        approximate: false,
        vague: true,
        end: word.len(),
        needs: Needs::NotCounting,
    })
}

fn split_word(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(s.len());
    s.split_at(end)
}

/// Whether a word ends before `next` for every rule that could read it: the
/// text ends, or an ASCII space or mark follows that is not `_`, `-`, `'`,
/// `&` (which `abbr_end` looks past), `+` or `$`.
fn plain_end(next: &str) -> bool {
    next.chars().next().is_none_or(|c| {
        c.is_ascii() && !c.is_ascii_alphanumeric() && !matches!(c, '_' | '-' | '\'' | '&' | '+' | '$')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn reads(window: &str, end: usize) {
        let draft = read(window).unwrap_or_else(|| panic!("{window:?} should be read"));
        assert_eq!(draft.end, end, "{window:?}");
        assert_eq!(Some(draft), super::super::parse(window), "{window:?}");
    }

    #[test]
    fn reads_the_common_shapes_as_the_grammar_does() {
        reads("$4 billion in xAI.", 10);
        reads("$4B in xAI.", 3);
        reads("US$4 billion in xAI.", 12);
        reads("€9.2bn.", 8);
        reads("£30m, said", 5);
        reads("$10,000", 7);
        reads("$300 in cash", 4);
        reads("4 billion dollars in 2026.", 17);
        reads("1.5 billion dollars", 19);
        reads("5 euros each", 7);
        reads("up to $10 billion in OpenAI", 17);
        reads("over $4 billion in Anthropic", 15);
        // "to" may start a range: the grammar decides.
        assert_eq!(read("over $4 billion to Anthropic"), None);
        reads("about 2.4 billion dollars with", 25);
        reads("more than $9.6B on Google Cloud", 15);
        reads("billions in OpenAI", 8);
        reads("about billions", 14);
    }

    #[test]
    fn leaves_everything_else_to_the_grammar() {
        for window in [
            "$4 billion dollars",
            "$5 Canadian dollars",
            "$4-5 billion",
            "$4 billion to $5 billion",
            "$10B+",
            "$5bn-plus",
            "$4 billion and a half",
            "$4 billion 500 million",
            "$4 bn2",
            "$4 hundred million",
            "$4  billion",
            "$ 4 billion",
            "4 billion",
            "4 billion US dollars",
            "4 billion dollars sterling",
            "4 pounds",
            "$4 USD",
            "¥300 billion yuan",
            "C$5",
            "$1,000,00",
            "$12,34,567",
            "$4 lakh",
            "$4 point 5",
            "$3 and 43c",
            "$20 cents",
            "$4 billion-dollar",
            "between $4bn and $5bn",
            "from $4",
            "thousands",
            "billions of dollars",
            "billions-dollar",
            "tens of billions",
            "a billion",
            "four billion dollars",
        ] {
            assert_eq!(read(window), None, "{window:?} should be left to the grammar");
        }
    }

    /// Parts of windows: the shapes, their near misses, and what may follow.
    const LEADS: &[&str] = &[
        "",
        "about ",
        "up to ",
        "over ",
        "more than ",
        "at least ",
        "under ",
        "approx.",
        "~",
        "just over ",
        "about  ",
        "abouts ",
        "some ",
        "between ",
    ];
    const PREFIXES: &[&str] = &["", "$", "US$", "us$", "€", "£", "US $", "$ ", "C$", "¥", "€ur", "USD "];
    const NUMBERS: &[&str] = &[
        "4",
        "1.5",
        "10,000",
        "1,000,00",
        "12,34,567",
        "1,000.25",
        "0.000000000001",
        "1.0000000000001",
        "123456789012345678901234",
        "1234567890123456789012345",
        "99999999999999999999999999",
        "79228162514264337593543950335",
        "007",
        "4.",
        "1,000,000,000,000,000,000,000,000",
    ];
    const SCALE_WORDS: &[&str] = &[
        "",
        " billion",
        "billion",
        " Billion",
        " bn",
        "bn",
        "B",
        " B",
        "m",
        " mm",
        " mn",
        " mln",
        " bln",
        " k",
        "K",
        " t",
        " tn",
        " thousand",
        " trillion",
        " million",
        "  billion",
        " billions",
        " bil",
        " hundred",
        "-billion",
        " lakh",
        "\nbillion",
        " billion\u{a0}",
    ];
    const NAMES: &[&str] = &[
        "",
        " dollars",
        " dollar",
        " Euros",
        " euro",
        "dollars",
        " US dollars",
        " pounds",
        " USD",
        " cents",
    ];
    const TAILS: &[&str] = &[
        "",
        " in xAI.",
        ".",
        ",",
        " investment",
        "+",
        "-plus",
        " to $5 billion",
        "-5",
        " and a half",
        " of",
        " a year",
        " 500 million",
        "'s",
        "’s",
        "&",
        "_",
        "x",
        " USD",
        "s",
        " from Amazon",
        "\n",
        " (",
        "%",
        "–",
        " - 5",
        " dollars",
        " sterling",
        " in\ncash",
        "  in",
        "$",
        "2",
    ];

    /// A small deterministic generator, so the sample is the same on every run.
    fn pick<'a>(state: &mut u64, parts: &[&'a str]) -> &'a str {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        parts[(*state % parts.len() as u64) as usize]
    }

    /// Wherever the fast reader answers, it answers what the grammar does.
    #[test]
    fn agrees_with_the_grammar() {
        let mut state = 0x9e37_79b9_7f4a_7c15;
        let mut answered = 0;
        let samples = 60_000;
        for _ in 0..samples {
            let window = [LEADS, PREFIXES, NUMBERS, SCALE_WORDS, NAMES, TAILS]
                .iter()
                .map(|parts| pick(&mut state, parts))
                .collect::<String>();
            if let Some(draft) = read(&window) {
                answered += 1;
                assert_eq!(Some(draft), super::super::parse(&window), "{window:?}");
            }
        }
        assert!(answered > samples / 20, "only {answered} answered");
    }

    #[test]
    fn vague_amounts_agree_with_the_grammar() {
        let mut answered = 0;
        for lead in LEADS {
            for word in
                ["billions", "Millions", "TRILLIONS", "thousands", "billion", "billionsx", "billions_"]
            {
                for tail in TAILS {
                    let window = format!("{lead}{word}{tail}");
                    if let Some(draft) = read(&window) {
                        answered += 1;
                        assert_eq!(Some(draft), super::super::parse(&window), "{window:?}");
                    }
                }
            }
        }
        assert!(answered > 100, "only {answered} answered");
    }
}
