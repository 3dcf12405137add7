use crate::claims::{Condition, DealPart};
use crate::finding::{Finding, Location, sort_locations};
use crate::lexicon::Lexicon;
use crate::rules::deals::{DealRef, by_deal, split_by_ordinal, split_by_period};
use crate::rules::{Context, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it catches
        /// The same deal (the same parties, kind and period, as for
    /// `amount-conflict`) stated to be unconditional in one place ("carries
    /// no conditions", "no strings attached") and contingent in another
    /// ("depends on", "hinges on", "subject to", "tied to", "only if",
    /// "released as each gigawatt comes online"), or with terms that cannot
    /// both hold: a condition that the recipient use one provider
    /// exclusively against one that it use a rival, or a right that survives
    /// an event ("survive an AGI declaration", "even after AGI") against one
    /// that ends there ("loses access the moment OpenAI declares AGI").
    ///
    /// ## Why it matters
    /// Whether money arrives with strings attached changes what a deal means.
    /// Notes that disagree about it mislead the reader about who controls what.
    ///
    /// ## Example
    /// ```text
    /// a.md: Amazon's investment in OpenAI is unconditional.
    /// b.md: Amazon's $50B funding for OpenAI was reportedly contingent on OpenAI adopting Trainium.
    /// ```
    ///
        /// ## Not flagged
    /// - Two different conditions that could both hold: notes state a deal's
    ///   terms partially ("contingent on an IPO", "contingent on AGI").
    /// - A condition on a tranche ("a $35B portion contingent on an IPO")
    ///   against the whole deal, and deals of other periods or numbers ("the
    ///   2023 commitment" against "the second $4 billion, in 2024").
    /// - Conditions outside a deal's terms ("the site is subject to
    ///   permitting"), questions ("whether the tranches are tied to
    ///   milestones") and a right stated with no event.
    /// - The same condition in other words: "adopting Amazon's chips" and
    ///   "must use Trainium" both mean AWS hardware.
    /// - Different deals between the same companies (an investment and a
    ///   spending commitment).
    ///
        /// ## Known limits
    /// Conditions other than the use of a provider or a right's fate are not
    /// compared with each other, so two incompatible milestones in words
    /// ("before the IPO" and "after the IPO") are not reported. The terms of
    /// rights are compared across periods: a 2023 contract's terms against
    /// a 2025 one's are reported.
    ///
    /// ## Silencing
    /// Put `<!-- claimlint-disable-next-line condition-conflict -- reason -->`
    /// before the line in Markdown (the same words on a line of their own in
    /// plain text), or turn the rule off in `claimlint.toml`.
    pub static CONDITION_CONFLICT = {
        id: "condition-conflict",
        severity: Error,
        summary: "The same deal is said to be unconditional in one place and contingent in another",
    };
}

pub struct ConditionConflict;

/// What a condition requires, for comparison: the cloud a usage condition
/// ties the user to, or the condition's words.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Requirement {
    Uses {
        user: u32,
        cloud: u32,
        exclusive: bool,
    },
    /// A right that survives an event, or ends at it.
    Term {
        event: String,
        survives: bool,
    },
    Text(String),
}

fn requirement(lexicon: &Lexicon, c: &Condition) -> Requirement {
    if let Some(u) = c.usage {
        let cloud = lexicon.implied_cloud(u.provider).unwrap_or_else(|| lexicon.root_owner(u.provider));
        return Requirement::Uses {
            user: u.user.0,
            cloud: lexicon.root_owner(cloud).0,
            exclusive: u.exclusive,
        };
    }
    if let Some(t) = &c.term {
        return Requirement::Term { event: t.event.clone(), survives: t.survives };
    }
    Requirement::Text(c.text.to_lowercase())
}

fn clash(a: &Requirement, b: &Requirement) -> bool {
    match (a, b) {
        (
            Requirement::Uses { user: ua, cloud: ca, exclusive: ea },
            Requirement::Uses { user: ub, cloud: cb, exclusive: eb },
        ) => ua == ub && ca != cb && (*ea || *eb),
        (Requirement::Term { event: ea, survives: sa }, Requirement::Term { event: eb, survives: sb }) => {
            ea == eb && sa != sb
        }
        _ => false,
    }
}

impl Rule for ConditionConflict {
    fn meta(&self) -> &'static RuleMeta {
        &CONDITION_CONFLICT
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (key, all) in by_deal(cx) {
            if key.part == DealPart::Cumulative {
                continue;
            }
            let subject = key.describe(cx.lexicon);
            // What a right does at an event is a term of the whole
            // relationship, whenever it is stated; money is dated.
            let (terms, money): (Vec<&DealRef<'_>>, Vec<&DealRef<'_>>) =
                all.iter().partition(|r| r.deal.conditions.iter().any(|c| c.term.is_some()));
            check_deal(cx, &subject, &terms, out);
            let money: Vec<DealRef<'_>> = money.into_iter().cloned().collect();
            for period in split_by_period(&money) {
                // A tranche's terms are compared with the same tranche's.
                let groups = if key.part == DealPart::Tranche {
                    split_by_ordinal(&period, true)
                } else {
                    vec![period]
                };
                for claims in groups {
                    check_deal(cx, &subject, &claims, out);
                }
            }
        }
    }
}

/// The findings of one deal's claims: unconditional against contingent,
/// and conditions that cannot both hold.
fn check_deal(cx: &Context<'_>, subject: &str, claims: &[&DealRef<'_>], out: &mut Vec<Finding>) {
    let unconditional: Vec<&DealRef<'_>> = claims.iter().copied().filter(|r| r.deal.unconditional).collect();
    let conditional: Vec<(&DealRef<'_>, &Condition)> =
        claims.iter().flat_map(|r| r.deal.conditions.iter().map(move |c| (*r, c))).collect();
    if conditional.is_empty() {
        return;
    }
    let label = |c: &Condition| match &c.term {
        Some(t) if t.survives => format!("survives {}", t.event.to_uppercase()),
        Some(t) => format!("ends at {}", t.event.to_uppercase()),
        None => format!("contingent on {}", c.text),
    };
    // A right's fate at an event is a term of the deal, not a condition of
    // its money: "unconditional" says nothing about it.
    let money_conditions: Vec<&(&DealRef<'_>, &Condition)> =
        conditional.iter().filter(|(_, c)| c.term.is_none()).collect();
    if !unconditional.is_empty() && !money_conditions.is_empty() {
        let mut locations: Vec<Location> = unconditional
            .iter()
            .map(|r| Location { doc: r.doc, span: r.span, label: "unconditional here".into() })
            .chain(money_conditions.iter().map(|(r, c)| Location {
                doc: r.doc,
                span: c.span,
                label: label(c).into(),
            }))
            .collect();
        sort_locations(&mut locations);
        let mut sides: Vec<String> = money_conditions.iter().map(|(_, c)| label(c)).collect();
        sides.push("unconditional".to_owned());
        sides.sort();
        sides.dedup();
        out.push(Finding {
            rule: CONDITION_CONFLICT.id,
            severity: CONDITION_CONFLICT.default_severity,
            message: format!(
                "{subject} is said to be unconditional, and elsewhere contingent on {}",
                money_conditions[0].1.text
            ),
            locations,
            fix: None,
            omitted: 0,
            subject: subject.to_owned(),
            sides,
        });
        return;
    }
    let reqs: Vec<(Requirement, &DealRef<'_>, &Condition)> =
        conditional.iter().map(|(r, c)| (requirement(cx.lexicon, c), *r, *c)).collect();
    // Only requirements that clash with another are reported, with every
    // statement of each side: different conditions that could both hold
    // are how notes state a deal's terms partially, not a contradiction.
    let clashing: Vec<&(Requirement, &DealRef<'_>, &Condition)> =
        reqs.iter().filter(|(a, _, _)| reqs.iter().any(|(b, _, _)| clash(a, b))).collect();
    if clashing.is_empty() {
        return;
    }
    let mut texts: Vec<String> = clashing.iter().map(|(_, _, c)| label(c)).collect();
    texts.sort_unstable();
    texts.dedup();
    let mut locations: Vec<Location> = clashing
        .iter()
        .map(|(_, r, c)| Location { doc: r.doc, span: c.span, label: label(c).into() })
        .collect();
    sort_locations(&mut locations);
    out.push(Finding {
        rule: CONDITION_CONFLICT.id,
        severity: CONDITION_CONFLICT.default_severity,
        message: format!("{subject} carries terms that cannot both hold: {}", texts.join("; ")),
        locations,
        fix: None,
        omitted: 0,
        subject: subject.to_owned(),
        sides: texts,
    });
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::rules::testing::check_texts;

    #[test]
    fn flags_unconditional_against_contingent() {
        let f = check_texts(
            "condition-conflict",
            &[
                "Amazon's investment in OpenAI is unconditional.",
                "Amazon's $50B funding for OpenAI was reportedly contingent on OpenAI adopting Amazon's Trainium chips.",
            ],
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(f[0].locations.len(), 2);
    }

    #[test]
    fn the_message_shows_the_condition_as_written() {
        let f = check_texts(
            "condition-conflict",
            &[
                "Amazon's investment in Anthropic is unconditional.",
                "Amazon's $4 billion investment in Anthropic is contingent on Anthropic using Trainium.",
            ],
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.ends_with("contingent on Anthropic using Trainium"), "{}", f[0].message);
        assert!(
            f[0].locations.iter().any(|l| &*l.label == "contingent on Anthropic using Trainium"),
            "{f:?}"
        );
    }

    #[test]
    fn flags_conditions_that_cannot_both_hold() {
        let f = check_texts(
            "condition-conflict",
            &[
                "Amazon's investment in OpenAI is contingent on OpenAI using AWS exclusively.",
                "Amazon's investment in OpenAI is contingent on OpenAI using Google's TPUs.",
            ],
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn different_milestones_are_not_a_conflict() {
        // Notes state a deal's terms partially: two different conditions
        // that could both hold are no contradiction.
        let f = check_texts(
            "condition-conflict",
            &[
                "Amazon's investment in OpenAI is contingent on an IPO.",
                "Amazon's investment in OpenAI is contingent on OpenAI achieving AGI.",
            ],
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn dont_flag_the_same_provider_in_other_words() {
        assert!(
            check_texts("condition-conflict", &[
                "Amazon's $50B funding for OpenAI was contingent on OpenAI adopting Amazon's custom Trainium chips.",
                "Amazon's investment in OpenAI is reportedly contingent on OpenAI committing to use Amazon's custom AI chips.",
            ])
            .is_empty()
        );
    }

    #[test]
    fn dont_flag_a_tranche_condition() {
        assert!(
            check_texts("condition-conflict", &[
                "Amazon's proposed $50B investment in OpenAI is split, with a $35B portion contingent on OpenAI going public.",
                "Amazon's $50B funding for OpenAI was contingent on OpenAI adopting Trainium.",
            ])
            .is_empty()
        );
    }

    #[test]
    fn dont_flag_unconditional_alone() {
        assert!(
            check_texts("condition-conflict", &["Amazon's investment in OpenAI is unconditional."])
                .is_empty()
        );
    }
}
