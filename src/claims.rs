//! What the extractor understood: plain data, independent of any rendering.

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Misspellings are the lexicon's finding; a document's extraction keeps them.
pub use crate::lexicon::NearMiss;
use crate::lexicon::{EntityId, NameMatch};
use crate::source::Span;

/// A money amount as written, normalised to an interval of exact decimals.
///
/// A single stated value has `value = min = max`. A bound leaves one side
/// open (`None`): "up to $10B" is `max = 10e9`, "more than $4B" is `min = 4e9`
/// with `min_inclusive = false`. Approximate amounts keep their stated value;
/// the tolerance is applied by the rules, which own that setting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    pub span: Span,
    /// The one value stated, when there is one (not for ranges or vague amounts).
    // As strings, read back without `deserialize_any`: exact in JSON, and
    // readable from the claims cache's binary format.
    #[serde(with = "decimal_text")]
    pub value: Option<Decimal>,
    #[serde(with = "decimal_text")]
    pub min: Option<Decimal>,
    #[serde(with = "decimal_text")]
    pub max: Option<Decimal>,
    pub min_inclusive: bool,
    pub max_inclusive: bool,
    /// ISO 4217 code, or `None` when no currency was written.
    pub currency: Option<Currency>,
    /// "about", "roughly", "~", "nearly", ...
    pub approximate: bool,
    /// "billions", "tens of billions": an order of magnitude, never the sole basis of an error.
    pub vague: bool,
}

impl Amount {
    /// An exact single value.
    pub fn exact(span: Span, value: Decimal, currency: Option<&str>) -> Self {
        Self {
            span,
            value: Some(value),
            min: Some(value),
            max: Some(value),
            min_inclusive: true,
            max_inclusive: true,
            currency: currency.and_then(Currency::new),
            approximate: false,
            vague: false,
        }
    }
}

/// An ISO 4217 code ("USD"): three letters kept inline, as a claim is
/// one of millions held at once; written as its text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// The code, if it is three ASCII letters.
    pub fn new(code: &str) -> Option<Self> {
        let bytes: [u8; 3] = code.as_bytes().try_into().ok()?;
        bytes.iter().all(u8::is_ascii_alphabetic).then_some(Self(bytes))
    }

    pub fn as_str(&self) -> &str {
        // Three ASCII letters, checked by `new`.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl std::ops::Deref for Currency {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        Currency::new(&text).ok_or_else(|| serde::de::Error::custom(format!("not a currency code: {text:?}")))
    }
}

/// Decimals as exact text ("10000000000") in JSON, and as their 16 bytes in
/// the claims cache's binary format, which cannot be asked for "any" type
/// and where parsing text would cost more than the rest of a record.
mod decimal_text {
    use std::str::FromStr;

    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    /// A decimal in a binary format (the claims cache, packed claims): its
    /// scale and sign, how many decimal zeros end its mantissa, and the
    /// mantissa without them. "$9.2 billion" (9200000000) is three bytes
    /// with variable-length integers, not sixteen, and reads back exactly,
    /// scale and sign included.
    type Packed = (u8, u8, u128);

    fn pack(d: &Decimal) -> Packed {
        let mut mantissa = d.mantissa().unsigned_abs();
        let mut zeros = 0u8;
        while mantissa != 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            zeros += 1;
        }
        (d.scale() as u8 | u8::from(d.is_sign_negative()) << 7, zeros, mantissa)
    }

    fn unpack((head, zeros, rest): Packed) -> Option<Decimal> {
        let mantissa = rest.checked_mul(10u128.checked_pow(u32::from(zeros))?)?;
        let mut d =
            Decimal::try_from_i128_with_scale(i128::try_from(mantissa).ok()?, u32::from(head & 0x7f)).ok()?;
        d.set_sign_negative(head & 0x80 != 0);
        Some(d)
    }

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) if s.is_human_readable() => s.serialize_some(&d.to_string()),
            Some(d) => s.serialize_some(&pack(d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        if !d.is_human_readable() {
            return Option::<Packed>::deserialize(d)?
                .map(|p| unpack(p).ok_or_else(|| serde::de::Error::custom("not a decimal")))
                .transpose();
        }
        Option::<String>::deserialize(d)?
            .map(|text| Decimal::from_str(&text).map_err(serde::de::Error::custom))
            .transpose()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_packed_decimal_reads_back_exactly() {
            for text in [
                "0",
                "-0",
                "1",
                "-1",
                "9200000000",
                "9200000000.0",
                "9.2",
                "0.0001",
                "-3.50",
                "1000",
                "79228162514264337593543950335",
                "-79228162514264337593543950335",
                "0.0000000000000000000000000001",
            ] {
                let d = Decimal::from_str(text).unwrap();
                let back = unpack(pack(&d)).unwrap();
                assert_eq!((back.to_string(), back.serialize()), (d.to_string(), d.serialize()), "{text}");
            }
            assert_eq!(pack(&Decimal::from_str("9200000000").unwrap()), (0, 8, 92));
        }

        #[test]
        fn a_damaged_packed_decimal_is_refused() {
            assert!(unpack((0, 60, 1)).is_none());
            assert!(unpack((0, 0, u128::MAX)).is_none());
            assert!(unpack((29, 0, 1)).is_none());
        }
    }
}

/// What kind of transaction a deal claim describes. Different kinds between
/// the same companies are different deals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DealKind {
    /// Equity or funding: invest, back, fund, a stake, a round.
    Investment,
    /// A commitment to spend on the other party's products: cloud or chip contracts.
    Spending,
    /// Buying the company.
    Acquisition,
}

/// What an amount measures of its deal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DealPart {
    /// The deal's total.
    Whole,
    /// A part of the deal: "a $35B portion contingent on ...".
    Tranche,
    /// A running total over several deals: "has invested $13 billion to date".
    Cumulative,
}

/// Words that soften or attribute a claim.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hedge {
    #[default]
    Reportedly,
    Proposed,
    Potential,
    InTalks,
    Attributed,
    Planned,
}

/// The hedges of a claim, each once, in the order the text gives them;
/// kept inline (a claim is one of millions held at once) and written as a
/// list.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Hedges {
    len: u8,
    items: [Hedge; Hedges::CAPACITY],
}

impl Hedges {
    /// Every hedge there is, so a set never overflows.
    const CAPACITY: usize = 6;

    /// Adds `hedge` unless it is there already.
    pub fn push(&mut self, hedge: Hedge) {
        if !self.contains(&hedge) && (self.len as usize) < Self::CAPACITY {
            self.items[self.len as usize] = hedge;
            self.len += 1;
        }
    }
}

impl std::ops::Deref for Hedges {
    type Target = [Hedge];
    fn deref(&self) -> &[Hedge] {
        &self.items[..self.len as usize]
    }
}

impl<'a> IntoIterator for &'a Hedges {
    type Item = &'a Hedge;
    type IntoIter = std::slice::Iter<'a, Hedge>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl FromIterator<Hedge> for Hedges {
    fn from_iter<I: IntoIterator<Item = Hedge>>(iter: I) -> Self {
        let mut hedges = Hedges::default();
        for h in iter {
            hedges.push(h);
        }
        hedges
    }
}

impl std::fmt::Debug for Hedges {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Hedges {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Hedges {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Vec::<Hedge>::deserialize(d)?.into_iter().collect())
    }
}

/// Which part of a deal an ordinal names: "another $4 billion", "the
/// second tranche".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ordinal {
    /// "another", "additional", "new": a further part, not numbered.
    Another,
    First,
    Second,
    Third,
    Final,
}

/// How strongly a usage claim binds the user to the provider.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Obligation {
    /// uses, runs on, adopts, purchases
    #[default]
    Uses,
    /// must use, is required to, is obligated to
    Must,
    /// commits to, signs on with
    Commits,
}

/// Whether a usage is claimed to be exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Exclusivity {
    /// Nothing said either way.
    Unstated,
    /// exclusively, sole, only
    Exclusive,
    /// non-exclusive, not exclusively
    NonExclusive,
    /// exclusivity ended, no longer exclusive
    Ended,
}

/// A condition attached to a deal ("contingent on OpenAI adopting Trainium").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub span: Span,
    /// The condition's words as written, with single spaces.
    pub text: String,
    /// Set when the condition is that someone uses a provider.
    pub usage: Option<UsageCondition>,
    /// Set when the condition is a right's fate at an event ("survives an
    /// AGI declaration", "ends once AGI is declared").
    pub term: Option<Term>,
}

/// What happens to a right at an event.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Term {
    /// The event, as a key: "agi".
    pub event: String,
    /// Whether the right survives the event (else it ends there).
    pub survives: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UsageCondition {
    pub user: EntityId,
    pub provider: EntityId,
    pub exclusive: bool,
}

/// A party named in a claim, with where it was named.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Party {
    pub entity: EntityId,
    pub span: Span,
}

impl From<NameMatch> for Party {
    fn from(m: NameMatch) -> Self {
        Party { entity: m.entity, span: m.span }
    }
}

/// A deal between an investor (or buyer) and a recipient.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealClaim {
    pub kind: DealKind,
    pub investor: Party,
    pub recipient: Party,
    pub amount: Option<Amount>,
    /// Whether the amount is the deal's total, a part of it, or a running total.
    pub part: DealPart,
    /// Which part, when the text numbers it ("the second tranche") or adds
    /// it ("another $4 billion").
    pub ordinal: Option<Ordinal>,
    /// "but not Microsoft": the investor is said not to take part.
    pub negated: bool,
    pub conditions: Vec<Condition>,
    /// Said outright to carry no condition ("unconditional", "no strings attached").
    pub unconditional: bool,
    pub hedges: Hedges,
    /// "Series C", "seed", ...: lower case.
    pub round: Option<String>,
    /// The year the text states for the deal ("in January 2023", "its 2019
    /// investment", "this year" in a note of 2025); never the note's date,
    /// which is the claim's `date`.
    pub year: Option<u16>,
    /// The text states the deal as current ("is investing", "will invest",
    /// "intends to"): the note's news, of the note's time.
    pub current: bool,
    /// The text says the deal was called off, frozen or never signed.
    pub called_off: Option<Ending>,
}

/// A statement that something stopped: an exclusivity that ended, a deal
/// called off. It holds from the date the text gives, else from its note's
/// date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ending {
    /// The date the text gives ("in January 2025": `2025-01`; "in 2024":
    /// `2024`), if any.
    pub when: Option<crate::dates::Date>,
}

impl Ending {
    /// When it holds from, with its note's date `note` if the text gives
    /// none, and how findings say so ("in 2025-01", "as of 2025-06-01");
    /// `None` when neither gives a date.
    pub fn dated(&self, note: Option<&str>) -> Option<(crate::dates::Date, String)> {
        match self.when {
            Some(w) => Some((w, format!("in {w}"))),
            None => Some((crate::dates::Date::parse(note?)?, format!("as of {}", note?))),
        }
    }
}

/// Someone using (or bound to use) a provider's cloud, chips or models.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageClaim {
    pub user: Party,
    pub provider: Party,
    pub obligation: Obligation,
    pub exclusivity: Exclusivity,
    pub hedges: Hedges,
    /// "does not use", "no longer uses".
    pub negated: bool,
    /// The text says the exclusivity ended ("no longer exclusive", "ended
    /// in January 2025", "ran only on Azure until 2025"); an exclusivity
    /// stated of a past year ended at no date the text gives and has none.
    pub ended: Option<Ending>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "claim", rename_all = "kebab-case")]
pub enum ClaimBody {
    Deal(DealClaim),
    Usage(UsageClaim),
}

/// One claim and where it was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// The clause the claim was read from.
    pub span: Span,
    #[serde(flatten)]
    pub body: ClaimBody,
    /// The `date:` of the note's front matter, if any; one string shared by
    /// every claim of the note.
    pub date: Option<Arc<str>>,
}

/// Everything read from one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    /// Every lexicon name recognised, in text order.
    pub entities: Vec<Party>,
    /// Every money amount recognised, in text order.
    pub amounts: Vec<Amount>,
    pub near_misses: Vec<NearMiss>,
    /// `claimlint-disable…` comments.
    pub suppressions: Vec<crate::suppress::Suppression>,
}

impl Extraction {
    /// Makes claims with the same date share one string, as claims read
    /// from a note do; a file read back gives each its own.
    pub fn share_dates(&mut self) {
        let mut last: Option<Arc<str>> = None;
        for claim in &mut self.claims {
            let Some(date) = &mut claim.date else { continue };
            match &last {
                Some(l) if l == date => *date = l.clone(),
                _ => last = Some(date.clone()),
            }
        }
    }
}

impl Amount {
    /// A short, normalised rendering: "$50B", "up to $10B", "about $13B",
    /// "more than $4B", "$4B–$5B", "billions".
    pub fn describe(&self) -> String {
        let money = |v: Decimal| format_money(v, self.currency.as_deref());
        let approx = if self.approximate { "about " } else { "" };
        if self.vague {
            return match (self.min, self.max) {
                (Some(lo), Some(_)) => format!("an unspecified amount from {}", money(lo)),
                _ => "an unspecified amount".to_owned(),
            };
        }
        match (self.value, self.min, self.max) {
            (Some(v), _, _) => format!("{approx}{}", money(v)),
            (None, Some(lo), Some(hi)) if lo == hi => format!("{approx}{}", money(lo)),
            (None, Some(lo), Some(hi)) => format!("{approx}{}–{}", money(lo), money(hi)),
            (None, None, Some(hi)) if self.max_inclusive => format!("up to {}", money(hi)),
            (None, None, Some(hi)) => format!("less than {}", money(hi)),
            (None, Some(lo), None) if self.min_inclusive => format!("at least {}", money(lo)),
            (None, Some(lo), None) => format!("more than {}", money(lo)),
            (None, None, None) => "an unspecified amount".to_owned(),
        }
    }
}

/// "$50B", "€5B", "$1.5T", "$300M", "CHF 2B".
pub fn format_money(value: Decimal, currency: Option<&str>) -> String {
    const STEPS: &[(i64, &str)] =
        &[(1_000_000_000_000, "T"), (1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")];
    let (scaled, suffix) = STEPS
        .iter()
        .find(|(step, _)| value.abs() >= Decimal::from(*step))
        .map_or((value, ""), |(step, s)| (value / Decimal::from(*step), *s));
    let number = scaled.round_dp(3).normalize();
    match currency {
        None | Some("USD") => format!("${number}{suffix}"),
        Some("EUR") => format!("€{number}{suffix}"),
        Some("GBP") => format!("£{number}{suffix}"),
        Some("JPY") => format!("¥{number}{suffix}"),
        Some(code) => format!("{code} {number}{suffix}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn money_is_short_and_exact() {
        assert_eq!(format_money(d("50000000000"), Some("USD")), "$50B");
        assert_eq!(format_money(d("1500000000000"), None), "$1.5T");
        assert_eq!(format_money(d("2750000000"), Some("EUR")), "€2.75B");
        assert_eq!(format_money(d("300000000"), Some("CHF")), "CHF 300M");
        assert_eq!(format_money(d("950"), Some("USD")), "$950");
    }

    #[test]
    fn bounds_are_described() {
        let span = Span::new(0, 1);
        let mut a = Amount::exact(span, d("10000000000"), Some("USD"));
        assert_eq!(a.describe(), "$10B");
        a.value = None;
        a.min = None;
        assert_eq!(a.describe(), "up to $10B");
        let mut b = Amount::exact(span, d("4000000000"), Some("USD"));
        b.value = None;
        b.max = None;
        b.min_inclusive = false;
        assert_eq!(b.describe(), "more than $4B");
    }
}

#[cfg(test)]
mod size {
    /// Memory at scale is claims (millions at 200k notes): a field that
    /// grows a claim must be worth it. 192 bytes before the time fields
    /// (an ending's date is 6 bytes, not a string).
    #[test]
    fn a_claim_stays_compact() {
        assert!(std::mem::size_of::<super::Claim>() <= 200, "{}", std::mem::size_of::<super::Claim>());
    }
}
