//! From a parse of `grammar/amount.pest` to numbers and currencies.
//!
//! Everything here is exact decimal arithmetic with checked operations: an
//! overflow makes the reading fail instead of panicking or rounding.

use std::str::FromStr;

use pest::iterators::Pair;
use rust_decimal::Decimal;

use super::currency::{self, Place};
use super::grammar::Rule;

/// A currency as read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cur {
    /// An ISO 4217 code.
    Iso(&'static str),
    /// A currency was written, but its name alone does not say which ("francs").
    Open,
}

impl Cur {
    pub(super) fn from_option(iso: Option<&'static str>) -> Self {
        iso.map_or(Cur::Open, Cur::Iso)
    }

    pub(super) fn iso(self) -> Option<&'static str> {
        match self {
            Cur::Iso(c) => Some(c),
            Cur::Open => None,
        }
    }
}

/// What surrounding words an amount needs before it can be believed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Needs {
    /// Nothing: a currency was written.
    Nothing,
    /// A number with a magnitude but no currency ("invest 10 billion in"):
    /// money only after a money word.
    MoneyWord,
    /// "billions" with no currency: money unless it counts something
    /// ("billions of parameters").
    NotCounting,
    /// "10 grand": not "a grand alliance".
    PlainFollower,
}

/// An amount before it is placed in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Draft {
    pub value: Option<Decimal>,
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
    pub min_inclusive: bool,
    pub max_inclusive: bool,
    pub currency: Option<Cur>,
    pub approximate: bool,
    pub vague: bool,
    /// End of the reading, relative to the parsed input.
    pub end: usize,
    pub needs: Needs,
}

/// A bound a lead puts on an amount: "up to", "under", "at least", "over".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Bound {
    MaxIncl,
    MaxExcl,
    MinIncl,
    MinExcl,
}

pub(super) const THOUSAND: i64 = 1_000;
const LAKH: i64 = 100_000;
pub(super) const MILLION: i64 = 1_000_000;
const CRORE: i64 = 10_000_000;
pub(super) const BILLION: i64 = 1_000_000_000;
pub(super) const TRILLION: i64 = 1_000_000_000_000;

/// Reads an `amount` or `amount_single` pair.
pub(super) fn amount(pair: Pair<'_, Rule>) -> Option<Draft> {
    let mut approximate = false;
    let mut bound = None;
    let mut draft = None;
    let mut plus = None;
    let mut body_end = 0;
    for part in pair.into_inner() {
        if matches!(part.as_rule(), Rule::body | Rule::vague | Rule::side) {
            body_end = part.as_span().end();
        }
        match part.as_rule() {
            Rule::leads => {
                for lead in part.into_inner() {
                    let kind = lead.into_inner().next()?;
                    match kind.as_rule() {
                        Rule::approx => approximate = true,
                        Rule::max_incl => bound = bound.or(Some(Bound::MaxIncl)),
                        Rule::max_excl => bound = bound.or(Some(Bound::MaxExcl)),
                        Rule::min_incl => bound = bound.or(Some(Bound::MinIncl)),
                        Rule::min_excl => bound = bound.or(Some(Bound::MinExcl)),
                        _ => {}
                    }
                }
            }
            Rule::body => draft = Some(body(part)?),
            Rule::vague => draft = Some(vague(part)?),
            Rule::side => draft = Some(single(side(part)?)?),
            Rule::plus => plus = Some(part.as_span().end()),
            _ => {}
        }
    }
    let mut draft = draft?;
    draft.approximate |= approximate;
    if draft.vague {
        return Some(draft);
    }
    if let Some(plus_end) = plus.filter(|_| draft.end == body_end) {
        // "$10B+": the written value or more. A suffix that was left out
        // ("$5B AWS+") leaves the plus out too.
        let low = draft.min?;
        draft.end = plus_end;
        draft.value = None;
        draft.min = Some(low);
        draft.min_inclusive = true;
        draft.max = None;
        draft.max_inclusive = false;
        if bound.is_none() {
            return Some(draft);
        }
    }
    match bound {
        Some(b) => bounded(draft, b),
        None => Some(draft),
    }
}

/// A single value or range under a bound: "up to $5B" keeps only the upper
/// end, "over $5B" only the lower one.
pub(super) fn bounded(mut draft: Draft, b: Bound) -> Option<Draft> {
    let (low, high) = (draft.min?, draft.max?);
    draft.value = None;
    match b {
        Bound::MaxIncl | Bound::MaxExcl => {
            draft.min = None;
            draft.min_inclusive = false;
            draft.max = Some(high);
            draft.max_inclusive = b == Bound::MaxIncl;
        }
        Bound::MinIncl | Bound::MinExcl => {
            draft.max = None;
            draft.max_inclusive = false;
            draft.min = Some(low);
            draft.min_inclusive = b == Bound::MinIncl;
        }
    }
    Some(draft)
}

/// One value. With no currency it must at least have a magnitude ("invest
/// 10 billion"): a bare "50" is never money.
/// Whether an `amount` pair was read as a range.
pub(super) fn has_range(pair: &Pair<'_, Rule>) -> bool {
    pair.clone()
        .into_inner()
        .filter(|p| p.as_rule() == Rule::body)
        .flat_map(Pair::into_inner)
        .any(|p| matches!(p.as_rule(), Rule::between_range | Rule::from_range | Rule::range_tail))
}

fn single(s: Side) -> Option<Draft> {
    if s.cur.is_none() && !s.scaled {
        return None;
    }
    let needs = s.needs();
    Some(Draft {
        value: Some(s.value),
        min: Some(s.value),
        max: Some(s.value),
        min_inclusive: true,
        max_inclusive: true,
        currency: s.cur,
        approximate: false,
        vague: false,
        end: s.end,
        needs,
    })
}

fn body(pair: Pair<'_, Rule>) -> Option<Draft> {
    let mut inner = pair.into_inner();
    let first = inner.next()?;
    match first.as_rule() {
        Rule::between_range | Rule::from_range => {
            let mut sides = first.into_inner().filter(|p| p.as_rule() == Rule::side);
            let low = side(sides.next()?)?;
            let high = side(sides.next()?)?;
            range(low, high)
        }
        Rule::vague => vague(first),
        Rule::side => {
            let low = side(first)?;
            match inner.next() {
                Some(tail) if tail.as_rule() == Rule::range_tail => {
                    let high = side(tail.into_inner().find(|p| p.as_rule() == Rule::side)?)?;
                    range(low, high)
                }
                _ => single(low),
            }
        }
        _ => None,
    }
}

/// Two ends of a range: currency and magnitude written once apply to both
/// ("$4-5 billion"), and the ends must be in order and in one currency.
fn range(mut low: Side, mut high: Side) -> Option<Draft> {
    if low.trimmed || low.grand || high.grand {
        return None;
    }
    let cur = match (low.cur, high.cur) {
        (Some(a), Some(b)) if a != b => return None,
        (a, b) => a.or(b),
    };
    if !low.scaled && high.scaled {
        if low.minor {
            return None;
        }
        low.value = low.value.checked_mul(high.first_scale)?;
    } else if low.scaled && !high.scaled {
        // "$4 billion to 5 investors".
        return None;
    }
    if high.minor && !low.minor && low.cur.is_none() {
        low.value /= Decimal::ONE_HUNDRED;
        low.minor = true;
    }
    if low.minor != high.minor || low.value > high.value {
        return None;
    }
    low.cur = cur;
    high.cur = cur;
    let needs = if cur.is_some() {
        Needs::Nothing
    } else if high.scaled {
        Needs::MoneyWord
    } else {
        return None;
    };
    Some(Draft {
        value: None,
        min: Some(low.value.normalize()),
        max: Some(high.value.normalize()),
        min_inclusive: true,
        max_inclusive: true,
        currency: cur,
        approximate: false,
        vague: false,
        end: high.end,
        needs,
    })
}

/// One value with its currency, as read from a `side` pair.
#[derive(Clone, Debug)]
struct Side {
    value: Decimal,
    cur: Option<Cur>,
    /// A magnitude was written ("5 billion", "5bn").
    scaled: bool,
    /// The magnitude of the first group, for "$4-5 billion".
    first_scale: Decimal,
    /// Written in hundredths ("34 cents").
    minor: bool,
    /// "10 grand".
    grand: bool,
    /// A word after the number looked like a currency but was not one; it
    /// was left out of the reading.
    trimmed: bool,
    end: usize,
}

impl Side {
    fn needs(&self) -> Needs {
        if self.grand {
            Needs::PlainFollower
        } else if self.cur.is_some() {
            Needs::Nothing
        } else {
            Needs::MoneyWord
        }
    }
}

fn side(pair: Pair<'_, Rule>) -> Option<Side> {
    let form = pair.into_inner().next()?;
    let mut prefix: Option<(Cur, bool)> = None;
    let mut q: Option<Quantity> = None;
    let mut q_end = 0;
    let mut out = Side {
        value: Decimal::ZERO,
        cur: None,
        scaled: false,
        first_scale: Decimal::ONE,
        minor: false,
        grand: false,
        trimmed: false,
        end: form.as_span().end(),
    };
    let mut a_needs_name = false;
    for part in form.into_inner() {
        match part.as_rule() {
            Rule::prefix_cur => prefix = Some(prefix_cur(part)?),
            Rule::quantity => {
                q_end = part.as_span().end();
                let quantity = quantity(part)?;
                a_needs_name = quantity.a_only;
                q = Some(quantity);
            }
            Rule::cur_name_or_code | Rule::suffix_cur => {
                let is_name = part.clone().into_inner().next().is_some_and(|p| p.as_rule() == Rule::cur_name);
                let written = suffix_cur(part);
                let (p, generic) = prefix.unzip();
                let chosen = match (p, written) {
                    (None, Some(s)) => Some(s),
                    (Some(p), Some(s)) => combine(p, generic.unwrap_or(false), s),
                    (_, None) => None,
                };
                match chosen {
                    Some(c) if !a_needs_name || is_name => out.cur = Some(c),
                    _ => {
                        // Not a currency after all: read up to the number.
                        out.trimmed = true;
                        out.end = q_end;
                        break;
                    }
                }
                a_needs_name = false;
            }
            Rule::minor_unit => {
                let iso = currency::minor(part.as_str())?;
                out.cur = Some(Cur::Iso(iso));
                out.minor = true;
            }
            Rule::grand => {
                a_needs_name = false;
                out.grand = true;
                out.cur = Some(Cur::Iso("USD"));
            }
            Rule::code_scale => {
                // "75 USD million".
                let s = part.into_inner().find(|p| p.as_rule() == Rule::scale_word)?;
                let q = q.as_mut()?;
                if q.scaled {
                    return None;
                }
                let scale = scale_word(s.as_str())?;
                q.value = q.value.checked_mul(scale)?;
                q.scaled = true;
                q.first_scale = scale;
            }
            Rule::minor_tail => {
                let cents = minor_tail(part)?;
                let q = q.as_mut()?;
                q.value = q.value.checked_add(cents / Decimal::ONE_HUNDRED)?;
            }
            _ => {}
        }
    }
    let q = q?;
    if a_needs_name {
        // "a" alone is a number only before a currency name: "a dollar".
        return None;
    }
    if out.cur.is_none() {
        out.cur = prefix.map(|(c, _)| c);
    }
    out.scaled = q.scaled;
    out.first_scale = q.first_scale;
    out.value = q.value;
    if out.minor {
        out.value /= Decimal::ONE_HUNDRED;
    }
    if out.grand {
        if q.scaled {
            return None;
        }
        out.value = out.value.checked_mul(Decimal::from(THOUSAND))?;
        out.scaled = true;
        out.first_scale = Decimal::from(THOUSAND);
    }
    out.value = out.value.normalize();
    Some(out)
}

/// A currency before the number, and whether it is the generic `$` or `¥`
/// that a name after the number may refine ("$5 Canadian dollars").
fn prefix_cur(pair: Pair<'_, Rule>) -> Option<(Cur, bool)> {
    let inner = pair.into_inner().next()?;
    Some(match inner.as_rule() {
        Rule::dollar_sign => {
            let qual = inner.into_inner().next().map_or("", |q| q.as_str());
            (Cur::Iso(currency::dollar(qual)?), qual.is_empty())
        }
        Rule::cur_symbol => {
            let iso = currency::symbol(inner.as_str())?;
            (Cur::Iso(iso), iso == "JPY")
        }
        Rule::cur_abbr => (Cur::Iso(currency::abbreviation(inner.as_str())?), false),
        Rule::prefix_name => {
            let (adj, noun) = name_parts(inner);
            (Cur::from_option(currency::name(adj, noun?)?), false)
        }
        Rule::iso_code => (Cur::Iso(currency::code(inner.as_str(), Place::Before)?), false),
        _ => return None,
    })
}

/// A currency after the number; `None` when the words are not one.
fn suffix_cur(pair: Pair<'_, Rule>) -> Option<Cur> {
    let inner = pair.into_inner().next()?;
    Some(match inner.as_rule() {
        Rule::dollar_suffix => {
            let qual = inner.into_inner().next().map_or("", |q| q.as_str());
            Cur::Iso(currency::dollar(qual)?)
        }
        Rule::cur_symbol => Cur::Iso(currency::symbol(inner.as_str())?),
        Rule::cur_name => {
            let (adj, noun) = name_parts(inner);
            Cur::from_option(currency::name(adj, noun?)?)
        }
        Rule::iso_code => Cur::Iso(currency::code(inner.as_str(), Place::After)?),
        Rule::cur_abbr | Rule::egp_abbr => Cur::Iso(currency::abbreviation(inner.as_str())?),
        _ => return None,
    })
}

/// The currency of a name written as `(adjective) noun`.
fn name_parts(pair: Pair<'_, Rule>) -> (Option<&str>, Option<&str>) {
    let mut adj = None;
    let mut noun = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::cur_adj => adj = Some(p.as_str()),
            Rule::cur_noun | Rule::ringgit => noun = Some(p.as_str()),
            _ => {}
        }
    }
    (adj, noun)
}

/// A currency written both before and after the number.
fn combine(prefix: Cur, generic: bool, suffix: Cur) -> Option<Cur> {
    match (prefix, suffix) {
        (p, s) if p == s => Some(p),
        (p, Cur::Open) => Some(p),
        (Cur::Iso("USD"), Cur::Iso(s)) if generic && currency::is_dollar(s) => Some(Cur::Iso(s)),
        (Cur::Iso("JPY"), Cur::Iso("CNY")) if generic => Some(Cur::Iso("CNY")),
        _ => None,
    }
}

/// The hundredths in "$20 and 43c", "thirteen dollars and forty-five cents".
fn minor_tail(pair: Pair<'_, Rule>) -> Option<Decimal> {
    let qty = pair.into_inner().find(|p| p.as_rule() == Rule::minor_qty)?;
    let mut toks = Vec::new();
    collect(qty, &mut toks, false)?;
    let value = toks.iter().try_fold(Decimal::ZERO, |acc, t| match t {
        Tok::Num(n) => acc.checked_add(*n),
        _ => None,
    })?;
    (value < Decimal::ONE_HUNDRED).then_some(value)
}

fn vague(pair: Pair<'_, Rule>) -> Option<Draft> {
    let end = pair.as_span().end();
    let mut low = None;
    let mut factor = Decimal::ONE_THOUSAND;
    let mut cur = None;
    let mut needs = Needs::Nothing;
    let mut plural_thousands = false;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::vague_plural => {
                let (scale, thousands) = plural_scale(part.as_str())?;
                low = Some(scale);
                plural_thousands = thousands;
                needs = Needs::NotCounting;
            }
            Rule::vague_tens => {
                let mut tens = Decimal::TEN;
                for p in part.into_inner() {
                    match p.as_rule() {
                        Rule::tens_of if p.as_str().eq_ignore_ascii_case("hundreds") => {
                            tens = Decimal::ONE_HUNDRED;
                        }
                        Rule::vague_plural => {
                            let (scale, _) = plural_scale(p.as_str())?;
                            low = Some(scale.checked_mul(tens)?);
                        }
                        _ => {}
                    }
                }
                factor = Decimal::TEN;
                needs = Needs::NotCounting;
            }
            Rule::vague_multi => {
                let s = part.into_inner().find(|p| p.as_rule() == Rule::scale_word)?;
                low = Some(scale_word(s.as_str())?);
            }
            Rule::vague_several => {
                let s = part.into_inner().find(|p| p.as_rule() == Rule::scale_word)?;
                let scale = scale_word(s.as_str())?;
                low = Some(scale.checked_mul(Decimal::TWO)?);
                factor = Decimal::from(5);
            }
            Rule::vague_adj => {
                for p in part.into_inner() {
                    match p.as_rule() {
                        Rule::scale_word => low = Some(scale_word(p.as_str())?),
                        Rule::cur_name => {
                            let (adj, noun) = name_parts(p);
                            cur = Some(Cur::from_option(currency::name(adj, noun?)?));
                        }
                        _ => {}
                    }
                }
            }
            Rule::vague_cur => {
                let name = part.into_inner().find(|p| p.as_rule() == Rule::cur_name)?;
                let (adj, noun) = name_parts(name);
                cur = Some(Cur::from_option(currency::name(adj, noun?)?));
            }
            _ => {}
        }
    }
    let low = low?;
    if cur.is_some() {
        needs = Needs::Nothing;
    } else if plural_thousands {
        // "thousands" alone counts people far more often than money.
        return None;
    }
    Some(Draft {
        value: None,
        min: Some(low.normalize()),
        max: Some(low.checked_mul(factor)?.normalize()),
        min_inclusive: true,
        max_inclusive: false,
        currency: cur,
        approximate: false,
        vague: true,
        end,
        needs,
    })
}

pub(super) fn plural_scale(word: &str) -> Option<(Decimal, bool)> {
    let w = word.to_ascii_lowercase();
    let singular = w.strip_suffix('s')?;
    Some((scale_word(singular)?, singular == "thousand"))
}

fn scale_word(word: &str) -> Option<Decimal> {
    Some(Decimal::from(match word.to_ascii_lowercase().as_str() {
        "thousand" => THOUSAND,
        "million" => MILLION,
        "billion" => BILLION,
        "trillion" => TRILLION,
        _ => return None,
    }))
}

/// A number with its magnitudes.
#[derive(Clone, Debug)]
pub(super) struct Quantity {
    pub value: Decimal,
    scaled: bool,
    first_scale: Decimal,
    /// Just "a", which is a number only before a currency name or magnitude.
    a_only: bool,
}

/// A word or number of a quantity, as [`fold`] adds them up.
#[derive(Clone, Copy, Debug)]
pub(super) enum Tok {
    Num(Decimal),
    Point(Decimal),
    Hundred,
    Scale(Decimal),
    Frac(Decimal),
    FracTail(Decimal),
}

fn quantity(pair: Pair<'_, Rule>) -> Option<Quantity> {
    let a_only = pair.as_str().trim().eq_ignore_ascii_case("a");
    let mut toks = Vec::new();
    collect(pair, &mut toks, false)?;
    let mut q = fold(&toks)?;
    q.a_only = a_only;
    Some(q)
}

/// Adds up the words of a number the way English reads them: a magnitude
/// multiplies what came since the last magnitude; "lakh crore" stacks; a
/// trailing "and a half" is half of the last magnitude.
pub(super) fn fold(toks: &[Tok]) -> Option<Quantity> {
    let mut total = Decimal::ZERO;
    let mut current = Decimal::ZERO;
    let mut has_current = false;
    let mut last_scale: Option<Decimal> = None;
    let mut first_scale: Option<Decimal> = None;
    let mut groups = 0;
    let mut fraction = false;
    for t in toks {
        match *t {
            Tok::Num(n) => {
                current = current.checked_add(n)?;
                has_current = true;
            }
            Tok::Point(d) => current = current.checked_add(d)?,
            Tok::Hundred => {
                let base = if has_current { current } else { Decimal::ONE };
                current = base.checked_mul(Decimal::ONE_HUNDRED)?;
                has_current = true;
            }
            Tok::Frac(f) => {
                current = current.checked_add(f)?;
                has_current = true;
                fraction = true;
            }
            Tok::Scale(s) => {
                if has_current {
                    total = total.checked_add(current.checked_mul(s)?)?;
                    groups += 1;
                    if first_scale.is_none() {
                        first_scale = Some(s);
                    }
                } else if total > Decimal::ZERO && total < s {
                    // "three lakh crore", "a thousand million".
                    total = total.checked_mul(s)?;
                    if groups == 1 {
                        first_scale = first_scale.and_then(|f| f.checked_mul(s));
                    }
                } else {
                    return None;
                }
                current = Decimal::ZERO;
                has_current = false;
                last_scale = Some(s);
            }
            Tok::FracTail(f) => {
                total = total.checked_add(f.checked_mul(last_scale?)?)?;
            }
        }
    }
    let value = total.checked_add(current)?;
    if fraction && first_scale.is_none() {
        // "a half" or "a quarter" alone is not an amount here.
        return None;
    }
    Some(Quantity {
        value,
        scaled: first_scale.is_some(),
        first_scale: first_scale.unwrap_or(Decimal::ONE),
        a_only: false,
    })
}

fn collect(pair: Pair<'_, Rule>, out: &mut Vec<Tok>, tail: bool) -> Option<()> {
    let s = pair.as_str();
    match pair.as_rule() {
        Rule::dec_number | Rule::dec_int | Rule::small_digits => out.push(Tok::Num(digits(s)?)),
        Rule::unit_w | Rule::teen_w | Rule::tens_w => out.push(Tok::Num(Decimal::from(word(s)?))),
        Rule::n_a => out.push(Tok::Num(Decimal::ONE)),
        Rule::hundred => out.push(Tok::Hundred),
        Rule::trillion_w | Rule::trillion_a => out.push(Tok::Scale(Decimal::from(TRILLION))),
        Rule::billion_w | Rule::billion_a => out.push(Tok::Scale(Decimal::from(BILLION))),
        Rule::million_w | Rule::million_a => out.push(Tok::Scale(Decimal::from(MILLION))),
        Rule::thousand_w | Rule::thousand_a => out.push(Tok::Scale(Decimal::from(THOUSAND))),
        Rule::lakh => out.push(Tok::Scale(Decimal::from(LAKH))),
        Rule::crore => out.push(Tok::Scale(Decimal::from(CRORE))),
        Rule::half | Rule::quarter | Rule::three_quarters => {
            let f = match pair.as_rule() {
                Rule::half => Decimal::new(5, 1),
                Rule::quarter => Decimal::new(25, 2),
                _ => Decimal::new(75, 2),
            };
            out.push(if tail { Tok::FracTail(f) } else { Tok::Frac(f) });
        }
        Rule::point_part => {
            let mut d = String::from("0.");
            for p in pair.into_inner() {
                match p.as_rule() {
                    Rule::point_digits => d.push_str(p.as_str()),
                    Rule::digit_w => d.push(char::from(b'0' + digit_word(p.as_str())?)),
                    _ => {}
                }
            }
            out.push(Tok::Point(Decimal::from_str_exact(&d).ok()?));
        }
        Rule::frac_tail => {
            for p in pair.into_inner() {
                collect(p, out, true)?;
            }
        }
        _ => {
            for p in pair.into_inner() {
                collect(p, out, tail)?;
            }
        }
    }
    Some(())
}

/// "10,000.50" → 10000.50; `None` if it cannot be held exactly.
pub(super) fn digits(s: &str) -> Option<Decimal> {
    let plain: String = s.chars().filter(|c| *c != ',').collect();
    Decimal::from_str_exact(&plain).or_else(|_| Decimal::from_str(&plain)).ok()
}

fn word(s: &str) -> Option<i64> {
    Some(match s.to_ascii_lowercase().as_str() {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn digit_word(s: &str) -> Option<u8> {
    match s.to_ascii_lowercase().as_str() {
        "zero" | "oh" => Some(0),
        w => word(w).and_then(|n| u8::try_from(n).ok()).filter(|n| *n < 10),
    }
}
