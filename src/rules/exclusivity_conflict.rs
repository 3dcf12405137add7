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
    pub static EXCLUSIVITY_CONFLICT = {
        id: "exclusivity-conflict",
        severity: Error,
        summary: "An exclusive provider is contradicted by use of a rival",
    };
}

pub struct ExclusivityConflict;

impl Rule for ExclusivityConflict {
    fn meta(&self) -> &'static RuleMeta {
        &EXCLUSIVITY_CONFLICT
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
