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
    pub static AMOUNT_CONFLICT = {
        id: "amount-conflict",
        severity: Error,
        summary: "The same deal is given amounts that cannot all be true",
    };
}

pub struct AmountConflict;

impl Rule for AmountConflict {
    fn meta(&self) -> &'static RuleMeta {
        &AMOUNT_CONFLICT
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
