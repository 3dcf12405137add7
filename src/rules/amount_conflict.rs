use std::collections::BTreeSet;
use std::sync::Arc;

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use crate::claims::Amount;
use crate::claims::DealPart;
use crate::finding::{Finding, Location, sort_locations};
use crate::rules::deals::{DealRef, by_deal, split_by_ordinal, split_by_period};
use crate::rules::{Context, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it catches
        /// The same deal given amounts that cannot all be true. A deal is the
    /// same investor and recipient (for a spending commitment, the same two
    /// parties, a cloud's owner standing for its cloud), the same kind of
    /// deal (an investment, a spending commitment, an acquisition), the same
    /// part of it (the whole, a named tranche, a running total) and the same
    /// period: the year or round the text states ("in January 2023", "its
    /// 2019 investment", "this year"), or, for a deal stated as current news
    /// ("will invest", "is investing"), the year of the note's date. A claim
    /// that states no period joins the one period it can belong to: a note
    /// cannot report a deal made after it was written.
    ///
    /// Amounts are intervals: "up to $10B" is at most $10B, "more than $4B"
    /// is above $4B, "about $13B" allows a tolerance. Two mentions conflict
    /// only when their intervals cannot both hold.
    ///
    /// ## Why it matters
    /// A figure that drifts between notes ($10B in one, $50B in three
    /// others) is the error readers notice first, and the one that discredits
    /// every other figure in the publication.
    ///
    /// ## Example
    /// ```text
    /// a.md: Amazon is in early discussions to invest up to $10 billion in OpenAI.
    /// b.md: Amazon's proposed $50B investment in OpenAI is split ...
    /// ```
    /// Both mentions are reported in one finding, each with its label.
    ///
        /// ## Not flagged
    /// - A tranche of a deal against its total ("a $35B portion of the $50B"),
    ///   and tranches the text does not number alike.
    /// - A running total ("has invested $13 billion to date", "bringing its
    ///   total to $8 billion", a "Total to date" column) against one deal, and
    ///   running totals of notes of different months.
    /// - A follow-on deal ("another $4 billion", "the second $4 billion")
    ///   against the first, unless both state the same period.
    /// - A round's total against its leader ("raised $40 billion in a round
    ///   led by SoftBank"), and valuations, revenue, debt and amounts per
    ///   year ("$30 billion a year").
    /// - An investment against a spending commitment between the same companies.
    /// - Deals in different stated years or rounds, and a claim that states
    ///   no period when it could be any of several.
    /// - Vague amounts ("billions", "tens of billions"): never the sole basis.
    /// - Approximate amounts within the tolerance ("about $13B" and "$14B").
    /// - Amounts in different currencies.
    ///
        /// ## Known limits
    /// A running total is told apart from a single deal by words ("to date",
    /// "in total", "has invested", a "Total" column); a total stated as a
    /// plain figure is taken for a deal. A missing party is taken from the
    /// note's context (its heading, the deal named before): a note that
    /// jumps between deals without naming them can be misread; `claimlint
    /// extract --trace` shows how. Amounts are not converted between
    /// currencies.
    ///
    /// ## Silencing
    /// Put `<!-- claimlint-disable-next-line amount-conflict -- reason -->`
    /// before the line in Markdown (the same words on a line of their own in
    /// plain text), or turn the rule off in `claimlint.toml`.
    pub static AMOUNT_CONFLICT = {
        id: "amount-conflict",
        severity: Error,
        summary: "The same deal is given amounts that cannot all be true",
    };
}

pub struct AmountConflict;

/// An amount as an interval, widened by the tolerance that applies to it.
#[derive(Clone, Copy, Debug)]
struct Interval {
    lo: Option<Decimal>,
    lo_open: bool,
    hi: Option<Decimal>,
    hi_open: bool,
}

impl Interval {
    fn of(a: &Amount, approximate_tolerance: f64, rounding_tolerance: f64) -> Self {
        let t = if a.approximate { approximate_tolerance } else { rounding_tolerance };
        let t = Decimal::from_f64(t).unwrap_or_default();
        Self {
            lo: a.min.map(|v| v * (Decimal::ONE - t)),
            lo_open: !a.min_inclusive && t.is_zero(),
            // Widening the largest amounts a decimal holds overflows: unbounded above then.
            hi: a.max.and_then(|v| v.checked_mul(Decimal::ONE + t)),
            hi_open: !a.max_inclusive && t.is_zero(),
        }
    }

    fn intersect(self, o: Interval) -> Interval {
        let (lo, lo_open) = match (self.lo, o.lo) {
            (Some(a), Some(b)) if a == b => (Some(a), self.lo_open || o.lo_open),
            (Some(a), Some(b)) if a > b => (Some(a), self.lo_open),
            (Some(_), Some(b)) => (Some(b), o.lo_open),
            (Some(a), None) => (Some(a), self.lo_open),
            (None, b) => (b, o.lo_open),
        };
        let (hi, hi_open) = match (self.hi, o.hi) {
            (Some(a), Some(b)) if a == b => (Some(a), self.hi_open || o.hi_open),
            (Some(a), Some(b)) if a < b => (Some(a), self.hi_open),
            (Some(_), Some(b)) => (Some(b), o.hi_open),
            (Some(a), None) => (Some(a), self.hi_open),
            (None, b) => (b, o.hi_open),
        };
        Interval { lo, lo_open, hi, hi_open }
    }

    fn is_empty(self) -> bool {
        match (self.lo, self.hi) {
            (Some(lo), Some(hi)) => lo > hi || (lo == hi && (self.lo_open || self.hi_open)),
            _ => false,
        }
    }
}

/// Mentions that agree with each other, and the interval they share.
struct Cluster<'a, 'b> {
    shared: Interval,
    members: Vec<(&'b DealRef<'a>, &'a Amount)>,
}

/// Groups amounts into clusters that agree, sweeping by lower bound. More
/// than one cluster means the mentions cannot all hold.
fn clusters<'a, 'b>(mut items: Vec<(&'b DealRef<'a>, &'a Amount, Interval)>) -> Vec<Cluster<'a, 'b>> {
    items.sort_by_key(|item| (item.2.lo, item.2.hi.is_none(), item.2.hi));
    let mut out: Vec<Cluster<'a, 'b>> = Vec::new();
    for (r, a, iv) in items {
        if let Some(c) = out.last_mut() {
            let shared = c.shared.intersect(iv);
            if !shared.is_empty() {
                c.shared = shared;
                c.members.push((r, a));
                continue;
            }
        }
        out.push(Cluster { shared: iv, members: vec![(r, a)] });
    }
    out
}

/// Each amount's [`Amount::describe`], made once for a run of equal ones.
fn describe_all(members: &[(&DealRef<'_>, &Amount)]) -> Vec<Arc<str>> {
    let mut out: Vec<Arc<str>> = Vec::with_capacity(members.len());
    let mut last: Option<&Amount> = None;
    for (_, a) in members {
        match (last, out.last()) {
            (Some(prev), Some(d)) if same_amount(prev, a) => out.push(d.clone()),
            _ => out.push(a.describe().into()),
        }
        last = Some(a);
    }
    out
}

/// Whether two amounts say the same, wherever they are.
fn same_amount(a: &Amount, b: &Amount) -> bool {
    Amount { span: b.span, ..a.clone() } == *b
}

impl Rule for AmountConflict {
    fn meta(&self) -> &'static RuleMeta {
        &AMOUNT_CONFLICT
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let settings = cx.settings;
        for (key, claims) in by_deal(cx) {
            let groups = split_by_period(claims).into_iter().flat_map(|period| {
                // Tranches are the same tranche only when numbered alike.
                if key.part == DealPart::Tranche { split_by_ordinal(&period, false) } else { vec![period] }
            });
            for period in groups {
                // Compare within one currency; vague amounts never count.
                let mut by_currency: std::collections::BTreeMap<Option<&str>, Vec<_>> = Default::default();
                for r in period {
                    if let Some(a) = r.deal.amount.as_ref().filter(|a| !a.vague) {
                        let iv = Interval::of(a, settings.approximate_tolerance, settings.rounding_tolerance);
                        by_currency
                            .entry(a.currency.as_deref().or(Some("USD")))
                            .or_default()
                            .push((r, a, iv));
                    }
                }
                for items in by_currency.into_values() {
                    let found = clusters(items);
                    if found.len() < 2 {
                        continue;
                    }
                    // Each member's description, made once per run of equal
                    // amounts (a cluster is sorted by interval, so a deal
                    // stated 10,000 times the same way is described once).
                    let descriptions: Vec<Vec<Arc<str>>> =
                        found.iter().map(|c| describe_all(&c.members)).collect();
                    let sides: Vec<String> = found
                        .iter()
                        .zip(&descriptions)
                        .map(|(c, described)| {
                            let names: BTreeSet<&str> = described.iter().map(|d| &**d).collect();
                            let n = c.members.len();
                            let times = if n == 1 { String::new() } else { format!(" ({n} mentions)") };
                            format!("{}{times}", names.into_iter().collect::<Vec<_>>().join(" / "))
                        })
                        .collect();
                    let subject = key.describe(cx.lexicon);
                    let message =
                        format!("{subject} is given amounts that cannot all be true: {}", sides.join(" vs "));
                    let mut locations: Vec<Location> = found
                        .iter()
                        .zip(&descriptions)
                        .enumerate()
                        .flat_map(|(i, (c, described))| {
                            let others: Vec<&str> = sides
                                .iter()
                                .enumerate()
                                .filter(|(j, _)| *j != i)
                                .map(|(_, s)| s.as_str())
                                .collect();
                            let elsewhere = others.join(", ");
                            // Members of a cluster share a few descriptions: each label is made once.
                            let mut labels: Vec<(&str, Arc<str>)> = Vec::new();
                            c.members.iter().zip(described).map(move |((r, a), here)| {
                                let label = match labels.iter().find(|(d, _)| *d == &**here) {
                                    Some((_, l)) => l.clone(),
                                    None => {
                                        let l: Arc<str> =
                                            format!("{here} here; elsewhere {elsewhere}").into();
                                        labels.push((here, l.clone()));
                                        l
                                    }
                                };
                                Location { doc: r.doc, span: a.span, label }
                            })
                        })
                        .collect();
                    sort_locations(&mut locations);
                    let values: BTreeSet<&str> = descriptions.iter().flatten().map(|d| &**d).collect();
                    let values: Vec<String> = values.into_iter().map(str::to_owned).collect();
                    out.push(Finding {
                        rule: AMOUNT_CONFLICT.id,
                        severity: AMOUNT_CONFLICT.default_severity,
                        message,
                        locations,
                        fix: None,
                        omitted: 0,
                        subject,
                        sides: values,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check_texts;

    fn amounts(notes: &[&str]) -> Vec<String> {
        check_texts("amount-conflict", notes).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn flags_up_to_against_a_larger_exact_amount() {
        let found = amounts(&[
            "Amazon is in early discussions to invest up to $10 billion in OpenAI.",
            "Amazon's proposed $50B investment in OpenAI is split.",
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("Amazon's investment in OpenAI"), "{found:?}");
        assert!(found[0].contains("up to $10B") && found[0].contains("$50B"), "{found:?}");
    }

    #[test]
    fn flags_two_exact_amounts() {
        let found = amounts(&[
            "Microsoft invested $10 billion in OpenAI.",
            "Microsoft invested $13 billion in OpenAI.",
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn dont_flag_amounts_within_a_bound() {
        assert!(
            amounts(&["Amazon invested up to $10B in OpenAI.", "Amazon invested $8B in OpenAI."]).is_empty()
        );
        assert!(
            amounts(&["Amazon invested more than $4B in Anthropic.", "Amazon invested $8B in Anthropic."])
                .is_empty()
        );
    }

    #[test]
    fn dont_flag_the_same_amount_in_other_notation() {
        assert!(
            amounts(&[
                "Amazon invested $10 billion in OpenAI.",
                "Amazon's $10,000 million investment in OpenAI."
            ])
            .is_empty()
        );
    }

    #[test]
    fn dont_flag_a_tranche_against_its_total() {
        let note = "Amazon's proposed $50B investment in OpenAI is split, with a $35B portion contingent on OpenAI going public.";
        assert!(
            amounts(&[note, "Amazon's $50B funding for OpenAI was reportedly contingent on an IPO."])
                .is_empty()
        );
    }

    #[test]
    fn dont_flag_different_recipients_or_investors() {
        assert!(
            amounts(&["Amazon committed over $4 billion to Anthropic.", "Amazon invested $50B in OpenAI."])
                .is_empty()
        );
        assert!(
            amounts(&["Google invested $2B in Anthropic.", "Amazon invested $8B in Anthropic."]).is_empty()
        );
    }

    #[test]
    fn dont_flag_vague_amounts() {
        assert!(
            amounts(&["Amazon is investing billions in OpenAI.", "Amazon invested $50B in OpenAI."])
                .is_empty()
        );
    }

    #[test]
    fn dont_flag_different_years() {
        assert!(
            amounts(&[
                "In 2019, Microsoft invested $1 billion in OpenAI.",
                "In 2023, Microsoft invested $10 billion in OpenAI."
            ])
            .is_empty()
        );
    }

    #[test]
    fn dont_flag_investment_against_spending() {
        assert!(
            amounts(&[
                "Amazon invested $8B in Anthropic.",
                "Anthropic committed to spend $30B on AWS compute from Amazon."
            ])
            .is_empty()
        );
    }

    #[test]
    fn dont_flag_a_running_total_against_one_deal() {
        let total = "Amazon has invested $8 billion in Anthropic.";
        assert!(amounts(&[total, "Amazon invested $4 billion in Anthropic in 2023."]).is_empty());
        let since = "Microsoft invested more than $13 billion in OpenAI since 2019.";
        assert!(amounts(&[since, "Microsoft invested $10 billion in OpenAI."]).is_empty());
    }

    #[test]
    fn dont_flag_a_further_investment_against_the_first() {
        let more = "Amazon will invest another $4 billion in Anthropic.";
        assert!(amounts(&[more, "Amazon invested $1.25 billion in Anthropic."]).is_empty());
    }

    #[test]
    fn flags_two_running_totals() {
        let f = amounts(&[
            "Microsoft has invested $13 billion in OpenAI.",
            "Microsoft has invested $20 billion in OpenAI.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].contains("total investment"), "{f:?}");
    }

    #[test]
    fn dont_flag_negated_investors() {
        let note = "OpenAI's $40B funding round, led by SoftBank but not Microsoft, closed.";
        assert!(amounts(&[note, "Microsoft invested $10 billion in OpenAI."]).is_empty());
    }
}
