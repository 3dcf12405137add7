use crate::finding::{Finding, Location};
use crate::rules::{self, Context, Rule, RuleMeta, declare_rule};
use crate::source::DocId;

declare_rule! {
    /// ## What it catches
    /// A `claimlint-disable…` comment that suppresses nothing: the finding it
    /// was written for is gone, it names a rule that does not exist, or it
    /// sits where no finding of that rule is.
    ///
    /// ## Why it matters
    /// Suppressions rot. One left behind after a fix hides the next real
    /// contradiction on that line, and nobody remembers why it is there.
    ///
    /// ## Example
    /// ```text
    /// <!-- claimlint-disable-next-line misspelled-name -- vendor spelling -->
    /// Amazon's Trainium chips are spelled correctly here.
    /// ```
    ///
    /// ## Not flagged
    /// - Suppressions of a rule turned off in the configuration: they cannot
    ///   be judged while the rule does not run.
    /// - Suppressions in notes outside the files being checked (`--against`).
    ///
    /// ## Known limits
    /// A suppression with no rule id counts as used when it suppresses a
    /// finding of any rule.
    ///
    /// ## Silencing
    /// Delete the comment, or turn the rule off in `claimlint.toml`
    /// (`unused-suppression = "off"`).
    pub static UNUSED_SUPPRESSION = {
        id: "unused-suppression",
        severity: Warning,
        summary: "A suppression comment that suppresses nothing",
    };
}

pub struct UnusedSuppression;

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &UNUSED_SUPPRESSION
    }

    /// Computed by [`suppress`] and [`report`], after every other rule has run.
    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}

/// Which suppressions of each note suppressed a finding, as the rules'
/// findings are filtered (in one go, or batch by batch).
/// By note, only for the notes that have suppressions.
pub struct Used(std::collections::HashMap<usize, Vec<bool>>);

impl Used {
    pub fn of(cx: &Context<'_>) -> Self {
        let with = cx.docs.iter().enumerate().filter(|(_, d)| !d.suppressions.is_empty());
        Self(with.map(|(i, d)| (i, vec![false; d.suppressions.len()])).collect())
    }
}

/// Removes suppressed findings, noting the suppressions that did it. A
/// finding is suppressed from any of its places, so this runs before a
/// finding's places are capped.
pub fn suppress(cx: &Context<'_>, findings: &mut Vec<Finding>, used: &mut Used) {
    findings.retain(|f| {
        let mut suppressed = false;
        for loc in &f.locations {
            let doc = &cx.docs[loc.doc as usize];
            for (i, s) in doc.suppressions.iter().enumerate() {
                if s.applies_to(f.rule) && s.covers.overlaps(loc.span) {
                    if let Some(u) = used.0.get_mut(&(loc.doc as usize)) {
                        u[i] = true;
                    }
                    suppressed = true;
                }
            }
        }
        !suppressed
    });
}

/// Reports the suppressions that suppressed nothing, after every finding
/// has been through [`suppress`].
pub fn report(cx: &Context<'_>, used: &Used, findings: &mut Vec<Finding>) {
    let used = &used.0;
    if !cx.settings.is_enabled(UNUSED_SUPPRESSION.id) {
        return;
    }
    let severity = cx.settings.severity(&UNUSED_SUPPRESSION);
    for (doc, ex) in cx.docs.iter().enumerate().filter(|(doc, _)| cx.in_focus(*doc as DocId)) {
        for (i, s) in ex.suppressions.iter().enumerate() {
            if used.get(&doc).is_some_and(|u| u[i]) {
                continue;
            }
            let unknown: Vec<&str> =
                s.rules.iter().map(String::as_str).filter(|r| rules::find(r).is_none()).collect();
            let message = if !unknown.is_empty() {
                format!("this suppression names unknown rule `{}`", unknown.join("`, `"))
            } else if s.rules.iter().any(|r| !cx.settings.is_enabled(r)) {
                continue;
            } else if s.rules.is_empty() {
                "this suppression suppresses nothing".to_owned()
            } else {
                format!("this suppression of `{}` suppresses nothing", s.rules.join("`, `"))
            };
            findings.push(Finding {
                rule: UNUSED_SUPPRESSION.id,
                severity,
                message: message.clone(),
                locations: vec![Location {
                    doc: doc as DocId,
                    span: s.span,
                    label: "unused suppression".into(),
                }],
                fix: None,
                omitted: 0,
                subject: message,
                sides: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check_texts_with;

    #[test]
    fn suppressed_findings_disappear() {
        let note = "<!-- claimlint-disable-next-line misspelled-name -- quoted -->\nCustom silicon like Tranium matters.\n";
        let f = check_texts_with(&["misspelled-name", "unused-suppression"], &[note]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn flags_a_suppression_that_suppresses_nothing() {
        let note =
            "<!-- claimlint-disable-next-line misspelled-name -->\nCustom silicon like Trainium matters.\n";
        let f = check_texts_with(&["misspelled-name", "unused-suppression"], &[note]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].rule, "unused-suppression");
    }

    #[test]
    fn flags_an_unknown_rule() {
        let note = "claimlint-disable-next-line misspeled-name\nText.\n";
        let f = check_texts_with(&["misspelled-name", "unused-suppression"], &[note]);
        assert!(f[0].message.contains("unknown rule `misspeled-name`"), "{f:?}");
    }

    #[test]
    fn dont_flag_suppressions_of_disabled_rules() {
        let note = "<!-- claimlint-disable-file amount-conflict -->\nText.\n";
        assert!(check_texts_with(&["misspelled-name", "unused-suppression"], &[note]).is_empty());
    }

    #[test]
    fn a_conflict_is_suppressed_from_either_side() {
        let a = "<!-- claimlint-disable-next-line amount-conflict -->\nAmazon invested $8 billion in Anthropic.\n";
        let b = "Amazon invested $4 billion in Anthropic.\n";
        assert!(check_texts_with(&["amount-conflict", "unused-suppression"], &[a, b]).is_empty());
    }
}
