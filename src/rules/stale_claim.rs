use std::sync::Arc;

use crate::dates::{self, Date};
use crate::finding::{Finding, Location, sort_locations};
use crate::rules::deals::{DealRef, by_deal};
use crate::rules::{Context, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it catches
    /// A deal that one note says was called off, frozen or never signed
    /// ("Amazon's $4 billion investment in Anthropic was called off in March
    /// 2025", "SoftBank scrapped its planned investment in OpenAI", "..., but
    /// the deal was never signed"), stated as live in a note written after
    /// that: the later note is out of date.
    ///
    /// The end holds from the date the text gives ("in March 2025"), else
    /// from its note's date: the front matter's `date:`, a `Date:` line, a
    /// dated first line of a plain-text note, or a date that starts the file
    /// name (`2025-06-01-anthropic.md`). A deal is the same investor and
    /// recipient, kind and part of the deal, as for `amount-conflict`.
    ///
    /// ## Why it matters
    /// A reader who knows the deal collapsed stops trusting a publication
    /// that still counts it; and notes are copied forward, so a dead deal
    /// keeps coming back.
    ///
    /// ## Example
    /// ```text
    /// a.md (2025-04-02): Amazon's $4 billion investment in Anthropic was called off in March 2025.
    /// b.md (2025-09-10): Amazon is investing $4 billion in Anthropic.
    /// ```
    ///
    /// ## Not flagged
    /// - Figures stated for the deal before it was called off: they were
    ///   true when written.
    /// - A later note that tells the deal's history: it states a year before
    ///   the end ("In 2024 Amazon agreed to invest $4 billion"), or itself
    ///   says the deal was called off.
    /// - A deal of another year or round than the one called off, and a
    ///   note whose date is not known to be after the end ("2025-03" against
    ///   an end on "2025-03-15").
    /// - Undated notes: the rule never guesses a date, and never uses today.
    /// - Doubt about the end: "may be called off", "was not scrapped".
    ///
    /// ## Known limits
    /// A deal revived after it was called off is not modelled: say so with a
    /// new round or year, or silence the finding. Only the words of the
    /// `called-off` vocabulary end a deal (`claimlint vocabulary`); add your
    /// own in `claimlint.toml`.
    ///
    /// ## Silencing
    /// Put `<!-- claimlint-disable-next-line stale-claim -- reason -->`
    /// before the line in Markdown (the same words on a line of their own in
    /// plain text), or turn the rule off in `claimlint.toml`.
    pub static STALE_CLAIM = {
        id: "stale-claim",
        severity: Warning,
        summary: "A note states as live a deal that an earlier note says was called off",
    };
}

pub struct StaleClaim;

/// The earliest dated statement that a deal was called off.
struct Off<'r, 'a> {
    at: &'r DealRef<'a>,
    date: Date,
    /// "in 2025-03", "as of 2025-04-02" (its note's date).
    when: String,
}

fn off_of<'r, 'a>(claims: &'r [DealRef<'a>]) -> Option<Off<'r, 'a>> {
    claims
        .iter()
        .filter_map(|r| {
            let (date, when) = r.deal.called_off.as_ref()?.dated(r.date)?;
            Some(Off { at: r, date, when })
        })
        .min_by_key(|o| (o.date.key(), o.at.doc, o.at.span))
}

/// Whether `r`, from a note written after the deal was called off, states
/// that deal as live.
fn live_after(r: &DealRef<'_>, off: &Off<'_, '_>) -> bool {
    let d = r.deal;
    let later = dates::of(r.date).is_some_and(|date| date.after(off.date));
    let off_deal = off.at.deal;
    // A stated year before the end is history; another year or round than
    // the one called off is another deal.
    let history = d.year.is_some_and(|y| y < off.date.key().0);
    let other_year = matches!((d.year, off_deal.year), (Some(a), Some(b)) if a != b);
    let other_round = matches!((&d.round, &off_deal.round), (Some(a), Some(b)) if a != b);
    later && d.called_off.is_none() && !history && !other_year && !other_round
}

impl Rule for StaleClaim {
    fn meta(&self) -> &'static RuleMeta {
        &STALE_CLAIM
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (key, claims) in by_deal(cx) {
            let Some(off) = off_of(claims) else { continue };
            let stale: Vec<&DealRef<'_>> = claims.iter().filter(|r| live_after(r, &off)).collect();
            if stale.is_empty() || !(stale.iter().any(|r| cx.in_focus(r.doc)) || cx.in_focus(off.at.doc)) {
                continue;
            }
            let subject = key.describe(cx.lexicon);
            let mut locations: Vec<Location> = stale
                .iter()
                .map(|r| {
                    let what =
                        r.deal.amount.as_ref().map_or_else(|| "stated as live".to_owned(), |a| a.describe());
                    let label: Arc<str> = format!("{what}, note of {}", r.date.unwrap_or("?")).into();
                    Location { doc: r.doc, span: r.span, label }
                })
                .collect();
            sort_locations(&mut locations);
            locations.dedup_by_key(|l| (l.doc, l.span));
            locations.push(Location {
                doc: off.at.doc,
                span: off.at.span,
                label: format!("called off {}", off.when).into(),
            });
            let notes = if stale.len() == 1 { "a later note states" } else { "later notes state" };
            out.push(Finding {
                rule: STALE_CLAIM.id,
                severity: STALE_CLAIM.default_severity,
                message: format!("{subject} was called off {}, but {notes} it as live", off.when),
                locations,
                fix: None,
                omitted: 0,
                subject: format!("{subject} called off"),
                sides: vec![format!("called off {}", off.when), "live".to_owned()],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check_texts, dated};

    fn found(notes: &[&str]) -> Vec<String> {
        check_texts("stale-claim", notes).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn flags_a_live_deal_after_it_was_called_off() {
        let off =
            dated("2025-04-02", "Amazon's $4 billion investment in Anthropic was called off in March 2025.");
        let live = dated("2025-09-10", "Amazon is investing $4 billion in Anthropic.");
        let f = check_texts("stale-claim", &[&off, &live]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].message,
            "Amazon's investment in Anthropic was called off in 2025-03, but a later note states it as live"
        );
        assert_eq!(f[0].severity, crate::finding::Severity::Warning);
        assert_eq!(f[0].locations[0].doc, 1);
        assert_eq!(&*f[0].locations[0].label, "$4B, note of 2025-09-10");
        assert_eq!(&*f[0].locations[1].label, "called off in 2025-03");
    }

    #[test]
    fn the_end_holds_from_its_note_s_date_when_the_text_gives_none() {
        let off = dated("2025-04-02", "SoftBank scrapped its planned $20 billion investment in OpenAI.");
        let live = dated("2025-05-01", "SoftBank will invest $20 billion in OpenAI.");
        assert_eq!(found(&[&off, &live]).len(), 1);
        let never = dated(
            "2025-04-02",
            "Nvidia agreed to invest $100 billion in OpenAI, but the deal was never signed.",
        );
        let live = dated("2025-05-01", "Nvidia's $100 billion investment in OpenAI is proceeding.");
        assert_eq!(found(&[&never, &live]).len(), 1);
    }

    #[test]
    fn near_misses_are_left_alone() {
        let off =
            dated("2025-04-02", "Amazon's $4 billion investment in Anthropic was called off in March 2025.");
        // Written before the end.
        let before = dated("2025-02-01", "Amazon is investing $4 billion in Anthropic.");
        assert!(found(&[&off, &before]).is_empty());
        // Not known to be after: the same month.
        let same_month = dated("2025-03", "Amazon is investing $4 billion in Anthropic.");
        assert!(found(&[&off, &same_month]).is_empty());
        // Undated.
        assert!(found(&[&off, "Amazon is investing $4 billion in Anthropic."]).is_empty());
        // History: a year before the end.
        let history = dated("2025-09-10", "In 2024, Amazon agreed to invest $4 billion in Anthropic.");
        assert!(found(&[&off, &history]).is_empty());
        // The later note says it was called off too.
        let again = dated("2025-09-10", "Amazon's $4 billion investment in Anthropic was called off.");
        assert!(found(&[&off, &again]).is_empty());
        // Doubt about the end is no end.
        let doubt = dated("2025-04-02", "Amazon's investment in Anthropic may be called off.");
        let live = dated("2025-09-10", "Amazon is investing $4 billion in Anthropic.");
        assert!(found(&[&doubt, &live]).is_empty());
        // Another deal between other parties.
        let other = dated("2025-09-10", "Google is investing $2 billion in Anthropic.");
        assert!(found(&[&off, &other]).is_empty());
    }
}
