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
    pub static MISSPELLED_NAME = {
        id: "misspelled-name",
        severity: Error,
        summary: "A near miss of a known industry name",
    };
}

pub struct MisspelledName;

impl Rule for MisspelledName {
    fn meta(&self) -> &'static RuleMeta {
        &MISSPELLED_NAME
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
