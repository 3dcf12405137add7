use crate::finding::Finding;
use crate::rules::{Context, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it catches
    /// TODO
    ///
    /// ## Why it matters
    ///
    /// ## Example
    ///
    /// ## Not flagged
    ///
    /// ## Known limits
    ///
    /// ## Silencing
    pub static CONDITION_CONFLICT = {
        id: "condition-conflict",
        severity: Error,
        summary: "The same deal is said to be unconditional in one place and contingent in another",
    };
}

pub struct ConditionConflict;

impl Rule for ConditionConflict {
    fn meta(&self) -> &'static RuleMeta {
        &CONDITION_CONFLICT
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
