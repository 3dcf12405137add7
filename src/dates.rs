//! Dates as notes give them: a year ("2025"), a month ("2025-01") or a day
//! ("2025-01-15"). Two dates are ordered only as far as both say: "2025-01"
//! and "2025-01-15" are neither before nor after each other.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date to the precision its text gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl Date {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time after the day is
    /// ignored); anything else is no date.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let number = |r: std::ops::Range<usize>| -> Option<u16> {
            let part = s.get(r)?;
            part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let year = number(0..4)?;
        let rest = &s[4..];
        if rest.is_empty() {
            return Some(Date { year, month: None, day: None });
        }
        if !rest.starts_with('-') {
            return None;
        }
        let month = number(5..7).filter(|m| (1..=12).contains(m))? as u8;
        let day = match s.get(7..) {
            None | Some("") => None,
            Some(r) if r.starts_with('-') => Some(number(8..10).filter(|d| (1..=31).contains(d))? as u8),
            Some(_) => return None,
        };
        if day.is_some() && s.get(10..).is_some_and(|t| !t.is_empty() && !t.starts_with(['T', ' '])) {
            return None;
        }
        Some(Date { year, month: Some(month), day })
    }

    /// A year, or a month of it.
    pub fn of_month(year: u16, month: Option<u8>) -> Option<Self> {
        month.is_none_or(|m| (1..=12).contains(&m)).then_some(Date { year, month, day: None })
    }

    /// The order of two dates as far as both say, `None` where one is
    /// less precise than the other and they agree as far as it goes.
    pub fn order(self, other: Date) -> Option<Ordering> {
        match self.year.cmp(&other.year) {
            Ordering::Equal => {}
            o => return Some(o),
        }
        let (Some(a), Some(b)) = (self.month, other.month) else {
            return (self.month.is_none() && other.month.is_none()).then_some(Ordering::Equal);
        };
        match a.cmp(&b) {
            Ordering::Equal => {}
            o => return Some(o),
        }
        match (self.day, other.day) {
            (Some(a), Some(b)) => Some(a.cmp(&b)),
            (None, None) => Some(Ordering::Equal),
            _ => None,
        }
    }

    /// A key that sorts dates oldest first, a year before its months.
    pub fn key(self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    /// Whether `self` is known to fall strictly before `other`.
    pub fn before(self, other: Date) -> bool {
        self.order(other) == Some(Ordering::Less)
    }

    /// Whether `self` is known to fall strictly after `other`.
    pub fn after(self, other: Date) -> bool {
        self.order(other) == Some(Ordering::Greater)
    }
}

/// As read: `2025`, `2025-01` or `2025-01-15`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// As its text, in JSON and in the cache alike.
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a date: {text:?}")))
    }
}

/// The date of a note or an ending, when it reads as one.
pub fn of(s: Option<&str>) -> Option<Date> {
    s.and_then(Date::parse)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn reads_years_months_and_days() {
        assert_eq!(Date::parse("2025"), Some(Date { year: 2025, month: None, day: None }));
        assert_eq!(Date::parse("2025-01"), Some(Date { year: 2025, month: Some(1), day: None }));
        assert_eq!(Date::parse("2025-01-15"), Some(Date { year: 2025, month: Some(1), day: Some(15) }));
        assert_eq!(Date::parse("2025-01-15T10:00:00Z").map(|d| d.day), Some(Some(15)));
        for not in
            ["", "sometime", "25-01-01", "2025-13", "2025-1", "2025-01-32", "2025/01/01", "2025-01-15x"]
        {
            assert_eq!(Date::parse(not), None, "{not}");
        }
    }

    #[test]
    fn shows_and_reads_back_what_it_read() {
        for s in ["2025", "2025-01", "2025-01-05"] {
            assert_eq!(d(s).to_string(), s);
            let json = serde_json::to_string(&d(s)).unwrap();
            assert_eq!(json, format!("\"{s}\""));
            assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), d(s));
        }
        assert!(serde_json::from_str::<Date>("\"soon\"").is_err());
        assert_eq!(std::mem::size_of::<Option<Date>>(), 6);
    }

    #[test]
    fn orders_only_as_far_as_both_say() {
        assert!(d("2024-12-31").before(d("2025")));
        assert!(d("2025-02").after(d("2025-01-31")));
        assert!(d("2025-01-02").after(d("2025-01-01")));
        // The same month, one with a day: unknown either way.
        assert!(!d("2025-01").before(d("2025-01-15")) && !d("2025-01").after(d("2025-01-15")));
        assert!(!d("2025").before(d("2025-06")) && !d("2025").after(d("2025-06")));
        assert_eq!(d("2025-06").order(d("2025-06")), Some(Ordering::Equal));
    }
}
