//! Money amounts in prose. (Temporary stand-in until the real parser lands.)

use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::claims::Amount;
use crate::source::Span;

static RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(up to |over |more than |about |nearly )?(?:US)?\$(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?) ?(billion|bn|b|million|m)\b|\b(billions)\b").unwrap()
});

/// Every money amount in `text`, in order. Spans are relative to `text`.
pub fn find_amounts(text: &str) -> Vec<Amount> {
    RE.captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0).unwrap();
            let span = Span::new(m.start(), m.end());
            if c.get(4).is_some() {
                let mut a = Amount::exact(span, Decimal::from(1_000_000_000u64), None);
                a.value = None;
                a.max = Some(Decimal::from(1_000_000_000_000u64));
                a.vague = true;
                return Some(a);
            }
            // A figure too large for a decimal (29 digits and more) is not an amount.
            let n = Decimal::from_str(&c[2].replace(',', "")).ok()?;
            let mag = match c[3].to_ascii_lowercase().as_str() {
                "billion" | "bn" | "b" => Decimal::from(1_000_000_000u64),
                _ => Decimal::from(1_000_000u64),
            };
            let v = n.checked_mul(mag)?;
            let mut a = Amount::exact(span, v, Some("USD"));
            match c.get(1).map(|b| b.as_str().trim().to_ascii_lowercase()).as_deref() {
                Some("up to") => {
                    a.value = None;
                    a.min = None;
                }
                Some("over" | "more than") => {
                    a.value = None;
                    a.max = None;
                    a.min_inclusive = false;
                }
                Some(_) => a.approximate = true,
                None => {}
            }
            Some(a)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_too_large_for_a_decimal_are_not_amounts() {
        let digits = "9".repeat(40);
        assert!(find_amounts(&format!("${digits} billion")).is_empty());
        // Parses, but overflows once multiplied by a billion.
        assert!(find_amounts("$79228162514264337593543950 billion").is_empty());
        assert_eq!(find_amounts("$10 billion and $1 million").len(), 2);
    }

    #[test]
    fn us_dollars_keep_their_qualifier() {
        let a = find_amounts("up to US$4bn");
        assert_eq!(a.len(), 1);
        assert_eq!((a[0].value, a[0].max), (None, Some(Decimal::from(4_000_000_000u64))));
        assert_eq!(a[0].span, Span::new(0, 12));
    }

    #[test]
    fn thousands_separators() {
        let a = find_amounts("$10,000 million");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].value, Some(Decimal::from(10_000_000_000u64)));
        assert_eq!(a[0].span, Span::new(0, 15));
    }
}
