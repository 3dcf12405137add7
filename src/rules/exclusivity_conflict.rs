use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::claims::{ClaimBody, Exclusivity, Obligation, UsageClaim};
use crate::dates::{self, Date};
use crate::finding::{Finding, Location, Severity};
use crate::lexicon::{EntityId, EntityKind, Lexicon};
use crate::rules::{Context, Rule, RuleMeta, declare_rule};
use crate::source::{DocId, Span};

declare_rule! {
    /// ## What it catches
    /// A claim that a company uses one provider exclusively ("OpenAI's models
    /// run exclusively on Microsoft's Azure"), against a claim that it uses,
        /// must use or commits to a rival of that provider, directly or through
    /// the rival's chip or cloud: Trainium and Inferentia mean AWS, TPU means
    /// Google Cloud, Maia means Azure. A compute contract is a use ("OpenAI
    /// will buy $38 billion of capacity from AWS"), and a product stands for
        /// its maker ("Claude runs on TPUs" is Anthropic's use). Exclusive use
    /// of a lab's models ("relies exclusively on OpenAI's ChatGPT") is
    /// contradicted by use of another lab's model.
    ///
    /// ## Why it matters
    /// Exclusivity is a strong claim. If another note shows the company
    /// buying from a rival, one of the two is wrong or out of date, and a
    /// reader who knows the deal will notice.
    ///
    /// ## Example
    /// ```text
    /// a.md: OpenAI's core AI models are contractually obligated to run exclusively on Microsoft's Azure cloud.
    /// b.md: OpenAI must use Amazon's proprietary Trainium AI chips.
    /// ```
    ///
    /// ## Not flagged
    /// - A non-exclusive, ended or hedged arrangement ("non-exclusive",
    ///   "exclusivity ended", "relying almost entirely on Azure").
    /// - Use of something that does not tie the user to a rival cloud: an
    ///   exclusive cloud and Nvidia GPUs can both be true.
    /// - Use of the same provider family (Azure and Maia are both Microsoft).
        /// - Negated use ("OpenAI does not use TPUs"), an investment (which is
    ///   not use), a customer buying a model, and questions.
    ///
    /// ## Time
    /// A note that says the exclusivity ended ("Microsoft's exclusivity with
    /// OpenAI ended in January 2025", "OpenAI no longer runs exclusively on
    /// Azure") records its end: on the date the text gives, else its note's
    /// date (front matter, a `Date:` line, or the file name's
    /// `2025-01-31-…`). A use of a rival dated after the end contradicts
    /// nothing; a note dated after it that still calls the exclusivity
    /// current is reported as out of date, at `warning`, with the note that
    /// records the end as a side. Dates compare only as far as both go:
    /// "2025-01" is neither before nor after "2025-01-15".
    ///
    /// ## Known limits
    /// Exclusivity is read at the level of the whole company: "exclusive for
    /// training" against "inference on AWS" is still reported. An undated
    /// note is compared as if no end were known. An exclusivity that starts
    /// again after it ended is not modelled.
    ///
    /// ## Silencing
    /// Put `<!-- claimlint-disable-next-line exclusivity-conflict -- reason -->`
    /// before the line in Markdown (the same words on a line of their own in
    /// plain text), or turn the rule off in `claimlint.toml`.
    pub static EXCLUSIVITY_CONFLICT = {
        id: "exclusivity-conflict",
        severity: Error,
        summary: "A claimed exclusive provider is contradicted by use of a rival",
    };
}

pub struct ExclusivityConflict;

/// What an exclusive claim locks in: a cloud, a chip maker's chips, or a
/// lab's models ("Apple relies exclusively on OpenAI's ChatGPT").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Scope {
    Cloud(EntityId),
    Chips(EntityId),
    Models(EntityId),
}

fn scope(lexicon: &Lexicon, provider: EntityId) -> Option<Scope> {
    if let Some(cloud) = lexicon.implied_cloud(provider) {
        return Some(Scope::Cloud(cloud));
    }
    match lexicon.entity(provider).kind {
        EntityKind::Chip => Some(Scope::Chips(lexicon.root_owner(provider))),
        EntityKind::Model | EntityKind::Product | EntityKind::Lab => {
            Some(Scope::Models(lexicon.root_owner(provider)))
        }
        _ => None,
    }
}

/// Whether using `provider` breaks an exclusive `scope`.
fn breaks(lexicon: &Lexicon, scope: Scope, provider: EntityId) -> Option<EntityId> {
    match scope {
        Scope::Cloud(cloud) => {
            let used = lexicon.implied_cloud(provider)?;
            (lexicon.root_owner(used) != lexicon.root_owner(cloud)).then_some(used)
        }
        Scope::Models(maker) => {
            // Another lab's model or the lab itself; a cloud's product is a cloud.
            let kind = lexicon.entity(provider).kind;
            let model = matches!(kind, EntityKind::Model | EntityKind::Product | EntityKind::Lab)
                && lexicon.implied_cloud(provider).is_none();
            (model && lexicon.root_owner(provider) != maker).then(|| lexicon.root_owner(provider))
        }
        Scope::Chips(maker) => {
            let is_chip = lexicon.entity(provider).kind == EntityKind::Chip;
            (is_chip && lexicon.root_owner(provider) != maker).then(|| lexicon.root_owner(provider))
        }
    }
}

/// The claims of exclusivity within one scope, and the uses of rivals that break it.
type ScopeClaims<'r, 'a> = (Vec<&'r UsageRef<'a>>, Vec<(&'r UsageRef<'a>, EntityId)>);

struct UsageRef<'a> {
    doc: DocId,
    span: Span,
    usage: &'a UsageClaim,
    /// The note's date.
    date: Option<&'a str>,
}

impl UsageRef<'_> {
    fn date(&self) -> Option<Date> {
        dates::of(self.date)
    }
}

/// The earliest dated statement that an exclusivity ended.
struct End<'r, 'a> {
    at: &'r UsageRef<'a>,
    date: Date,
    /// "in 2025-01", "as of 2025-06-01" (its note's date).
    when: String,
}

fn end_of<'r, 'a>(lex: &Lexicon, usages: &'r [UsageRef<'a>], s: Scope) -> Option<End<'r, 'a>> {
    usages
        .iter()
        .filter(|u| u.usage.exclusivity == Exclusivity::Ended)
        .filter_map(|u| {
            let (date, when) = u.usage.ended.as_ref()?.dated(u.date)?;
            (scope(lex, u.usage.provider.entity) == Some(s)).then_some(End { at: u, date, when })
        })
        .min_by_key(|e| (e.date.key(), e.at.doc, e.at.span))
}

/// Whether the end explains a use of a rival: the use is dated, and not
/// before the end.
fn after_end(u: &UsageRef<'_>, end: Option<&End<'_, '_>>) -> bool {
    end.is_some_and(|e| u.date().is_some_and(|d| !d.before(e.date)))
}

/// What an exclusive scope locks in, and what kind of thing it is.
fn locked(lex: &Lexicon, s: Scope) -> (&str, &'static str) {
    match s {
        Scope::Cloud(c) => (lex.name(c), "cloud"),
        Scope::Chips(m) => (lex.name(m), "chips"),
        Scope::Models(m) => (lex.name(m), "models"),
    }
}

/// Claims of an exclusivity from notes written after a note records its
/// end: out of date. A warning: the note may report history loosely.
fn out_of_date(
    lex: &Lexicon,
    user: EntityId,
    s: Scope,
    stale: &[&UsageRef<'_>],
    end: &End<'_, '_>,
) -> Finding {
    let (locked, locked_kind) = locked(lex, s);
    let mut locations: Vec<Location> = stale
        .iter()
        .map(|u| Location {
            doc: u.doc,
            span: u.span,
            label: format!("exclusively {locked}, note of {}", u.date.unwrap_or("?")).into(),
        })
        .collect();
    locations.sort_by_key(|l| (l.doc, l.span));
    locations.dedup_by_key(|l| (l.doc, l.span));
    locations.push(Location {
        doc: end.at.doc,
        span: end.at.span,
        label: format!("exclusivity ended {}", end.when).into(),
    });
    let notes = if stale.len() == 1 { "a later note still calls" } else { "later notes still call" };
    Finding {
        rule: EXCLUSIVITY_CONFLICT.id,
        severity: Severity::Warning,
        message: format!(
            "{}'s exclusive use of {locked} {locked_kind} ended {}, but {notes} it exclusive",
            lex.name(user),
            end.when
        ),
        locations,
        fix: None,
        omitted: 0,
        subject: format!("{} {locked_kind} exclusivity ended", lex.name(user)),
        sides: vec![format!("ended {}", end.when), format!("exclusively {locked}")],
    }
}

fn verb(u: &UsageClaim) -> &'static str {
    match u.obligation {
        Obligation::Uses => "uses",
        Obligation::Must => "must use",
        Obligation::Commits => "commits to",
    }
}

impl Rule for ExclusivityConflict {
    fn meta(&self) -> &'static RuleMeta {
        &EXCLUSIVITY_CONFLICT
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let lex = cx.lexicon;
        let mut by_user: BTreeMap<EntityId, Vec<UsageRef<'_>>> = BTreeMap::new();
        for (doc, ex) in cx.docs.iter().enumerate() {
            for claim in &ex.claims {
                if let ClaimBody::Usage(u) = &claim.body {
                    if !u.negated {
                        by_user.entry(u.user.entity).or_default().push(UsageRef {
                            doc: doc as DocId,
                            span: claim.span,
                            usage: u,
                            date: claim.date.as_deref(),
                        });
                    }
                }
            }
        }
        by_user.retain(|_, usages| usages.iter().any(|u| cx.in_focus(u.doc)));
        for (user, usages) in by_user {
            // One finding per exclusive scope: every claim of exclusivity and
            // every use of a rival.
            let mut scopes: BTreeMap<Scope, ScopeClaims<'_, '_>> = BTreeMap::new();
            for u in usages.iter().filter(|u| u.usage.exclusivity == Exclusivity::Exclusive) {
                if let Some(s) = scope(lex, u.usage.provider.entity) {
                    scopes.entry(s).or_default().0.push(u);
                }
            }
            for (s, (exclusive, rivals)) in &mut scopes {
                let focused = |u: &&UsageRef<'_>| cx.in_focus(u.doc);
                // A note that records the exclusivity's end: a claim of it
                // from a note written after is out of date, and a use of a
                // rival after it contradicts nothing.
                let end = end_of(lex, &usages, *s);
                if let Some(end) = &end {
                    let stale: Vec<&UsageRef<'_>> = exclusive
                        .iter()
                        .copied()
                        .filter(|u| u.date().is_some_and(|d| d.after(end.date)))
                        .collect();
                    exclusive.retain(|u| !u.date().is_some_and(|d| d.after(end.date)));
                    if stale.iter().any(focused) || !stale.is_empty() && cx.in_focus(end.at.doc) {
                        out.push(out_of_date(lex, user, *s, &stale, end));
                    }
                }
                if exclusive.is_empty() {
                    continue;
                }
                // Checking a few notes against a corpus, a scope none of them
                // claims or breaks gives no finding worth the comparison.
                if !exclusive.iter().any(focused)
                    && !usages.iter().filter(focused).any(|u| {
                        u.usage.exclusivity != Exclusivity::Ended
                            && !after_end(u, end.as_ref())
                            && breaks(lex, *s, u.usage.provider.entity).is_some()
                    })
                {
                    continue;
                }
                // One location per clause: "AWS and Amazon's chips" is one statement.
                let mut clauses: HashSet<(DocId, Span)> = HashSet::new();
                for u in usages
                    .iter()
                    .filter(|u| u.usage.exclusivity != Exclusivity::Ended && !after_end(u, end.as_ref()))
                {
                    if clauses.contains(&(u.doc, u.span)) {
                        continue;
                    }
                    if let Some(rival) = breaks(lex, *s, u.usage.provider.entity) {
                        clauses.insert((u.doc, u.span));
                        rivals.push((u, rival));
                    }
                }
                if rivals.is_empty() {
                    continue;
                }
                let (locked, locked_kind) = locked(lex, *s);
                let mut rival_names: Vec<&str> = rivals.iter().map(|(_, r)| lex.name(*r)).collect();
                rival_names.sort_unstable();
                rival_names.dedup();
                let message = format!(
                    "{} is said to use {locked} {locked_kind} exclusively, but also to use {}",
                    lex.name(user),
                    rival_names.join(" and ")
                );
                let exclusive_label: Arc<str> = format!("exclusively {locked}").into();
                let mut claimed: Vec<Location> = exclusive
                    .iter()
                    .map(|u| Location { doc: u.doc, span: u.span, label: exclusive_label.clone() })
                    .collect();
                // A conflict may have thousands of sides and a handful of
                // labels: each label is written once.
                let mut labels: HashMap<(EntityId, EntityId, &str), Arc<str>> = HashMap::new();
                let mut uses: Vec<Location> = rivals
                    .iter()
                    .map(|(u, rival)| {
                        let provider = u.usage.provider.entity;
                        let label = labels.entry((provider, *rival, verb(u.usage))).or_insert_with(|| {
                            let name = lex.name(provider);
                            let via = if lex.name(*rival) == name {
                                String::new()
                            } else {
                                format!(" ({})", lex.name(*rival))
                            };
                            format!("{} {} {name}{via}", lex.name(user), verb(u.usage)).into()
                        });
                        Location { doc: u.doc, span: u.usage.provider.span, label: label.clone() }
                    })
                    .collect();
                // Each scope's rivals are let go once placed: a user's
                // scopes are many, its uses in a large corpus more so.
                *rivals = Vec::new();
                // The claim of exclusivity comes first: it is what the others
                // contradict. Each place once.
                claimed.sort_by_key(|l| (l.doc, l.span));
                claimed.dedup_by_key(|l| (l.doc, l.span));
                uses.sort_by_key(|l| (l.doc, l.span));
                uses.dedup_by_key(|l| (l.doc, l.span));
                uses.retain(|l| claimed.binary_search_by_key(&(l.doc, l.span), |c| (c.doc, c.span)).is_err());
                let mut locations = claimed;
                locations.append(&mut uses);
                let mut sides = vec![format!("exclusively {locked}")];
                sides.extend(rival_names.iter().map(|r| format!("also {r}")));
                sides.sort();
                out.push(Finding {
                    rule: EXCLUSIVITY_CONFLICT.id,
                    severity: EXCLUSIVITY_CONFLICT.default_severity,
                    message,
                    locations,
                    fix: None,
                    omitted: 0,
                    subject: format!("{} {locked_kind}", lex.name(user)),
                    sides,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check_texts, dated};

    fn found(notes: &[&str]) -> Vec<String> {
        check_texts("exclusivity-conflict", notes).into_iter().map(|f| f.message).collect()
    }

    const EXCLUSIVE: &str =
        "OpenAI's core AI models are contractually obligated to run exclusively on Microsoft's Azure cloud.";

    #[test]
    fn flags_a_rival_chip() {
        let f = found(&[EXCLUSIVE, "OpenAI must use Amazon's proprietary Trainium AI chips."]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].contains("OpenAI") && f[0].contains("Azure") && f[0].contains("AWS"), "{f:?}");
    }

    #[test]
    fn flags_a_rival_cloud_commitment() {
        assert_eq!(found(&[EXCLUSIVE, "By committing to AWS, OpenAI secures capital."]).len(), 1);
        assert_eq!(
            found(&["OpenAI runs only on Azure.", "OpenAI uses Google's TPUs for training."]).len(),
            1
        );
    }

    #[test]
    fn dont_flag_the_same_provider_family() {
        assert!(found(&[EXCLUSIVE, "OpenAI uses Microsoft's Azure for inference."]).is_empty());
    }

    #[test]
    fn dont_flag_merchant_chips() {
        assert!(found(&[EXCLUSIVE, "OpenAI uses Nvidia chips."]).is_empty());
    }

    #[test]
    fn dont_flag_hedged_or_ended_exclusivity() {
        let rival = "OpenAI must use Amazon's Trainium chips.";
        assert!(
            found(&["OpenAI is relying almost entirely on Microsoft Azure for compute.", rival]).is_empty()
        );
        assert!(found(&["OpenAI uses Azure non-exclusively.", rival]).is_empty());
        assert!(found(&["OpenAI no longer runs exclusively on Azure.", rival]).is_empty());
    }

    #[test]
    fn dont_flag_negated_use() {
        assert!(found(&[EXCLUSIVE, "OpenAI does not use Amazon's Trainium chips."]).is_empty());
    }

    #[test]
    fn flags_a_rival_lab_s_model() {
        let f = found(&[
            "Apple relies exclusively on OpenAI's ChatGPT.",
            "Apple has used Anthropic's Claude for coding.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].contains("OpenAI models"), "{f:?}");
        // The same lab's other model, and a cloud, are no rival model.
        assert!(
            found(&["Apple relies exclusively on OpenAI's ChatGPT.", "Apple uses GPT-5 and AWS."]).is_empty()
        );
    }

    #[test]
    fn a_rival_used_after_the_recorded_end_contradicts_nothing() {
        let exclusive = dated("2024-03-01", "OpenAI runs exclusively on Microsoft's Azure.");
        let ended = dated("2025-02-01", "Microsoft's exclusivity with OpenAI ended in January 2025.");
        let rival = dated("2025-06-01", "OpenAI uses Google's TPUs for training.");
        assert!(found(&[&exclusive, &ended, &rival]).is_empty());
        // The end as of its note's date, when the text gives none.
        let no_longer = dated("2025-02-01", "OpenAI no longer runs exclusively on Azure.");
        assert!(found(&[&exclusive, &no_longer, &rival]).is_empty());
    }

    #[test]
    fn a_claim_of_exclusivity_written_after_the_end_is_out_of_date() {
        let ended = dated("2025-02-01", "Microsoft's exclusivity with OpenAI ended in January 2025.");
        let stale = dated("2025-09-01", "OpenAI runs exclusively on Microsoft's Azure.");
        let f = check_texts("exclusivity-conflict", &[&ended, &stale]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, crate::finding::Severity::Warning);
        assert_eq!(
            f[0].message,
            "OpenAI's exclusive use of Azure cloud ended in 2025-01, but a later note still calls it exclusive"
        );
        // The note that records the end, with its date, is a side.
        assert_eq!(f[0].locations.len(), 2);
        assert_eq!(f[0].locations[0].doc, 1);
        assert_eq!(&*f[0].locations[1].label, "exclusivity ended in 2025-01");
        assert_eq!(&*f[0].locations[0].label, "exclusively Azure, note of 2025-09-01");
    }

    #[test]
    fn near_misses_of_time_are_left_alone_or_reported_as_before() {
        let ended = dated("2025-02-01", "Microsoft's exclusivity with OpenAI ended in January 2025.");
        // Written before the end: true then.
        let before = dated("2024-11-01", "OpenAI runs exclusively on Microsoft's Azure.");
        assert!(found(&[&ended, &before]).is_empty());
        // The same month as the end, with no day: not known to be after.
        let same_month = dated("2025-01", "OpenAI runs exclusively on Microsoft's Azure.");
        assert!(found(&[&ended, &same_month]).is_empty());
        // A rival used before the end still contradicts a claim of then.
        let rival_before = dated("2024-12-01", "OpenAI must use Amazon's Trainium chips.");
        assert_eq!(found(&[&ended, &before, &rival_before]).len(), 1);
        // Undated notes are compared as always: the end dates nothing.
        let undated_rival = "OpenAI must use Amazon's Trainium chips.";
        assert_eq!(found(&[&ended, &before, undated_rival]).len(), 1);
        // An exclusivity only said to have held in a past year records no end.
        let history = dated("2025-06-01", "In 2019, OpenAI ran exclusively on Azure.");
        let later = dated("2025-09-01", "OpenAI runs exclusively on Microsoft's Azure.");
        assert!(found(&[&history, &later]).is_empty());
        // Another provider's exclusivity ending says nothing of Azure's.
        let other = dated("2025-02-01", "Anthropic no longer runs exclusively on AWS.");
        assert!(found(&[&other, &later]).is_empty());
    }

    #[test]
    fn dont_flag_other_users() {
        assert!(found(&[EXCLUSIVE, "Anthropic must use Amazon's Trainium chips."]).is_empty());
    }
}
