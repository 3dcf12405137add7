use super::*;
use crate::source::Document;

/// The ledger of `notes` (each a note of its own, with its date), and the
/// findings `check` gives on them.
fn ledger_of(notes: &[(&str, &str)]) -> (Ledger, Vec<Finding>) {
    let docs: Vec<Document> = notes
        .iter()
        .enumerate()
        .map(|(i, (date, text))| {
            let text = if date.is_empty() {
                (*text).to_owned()
            } else {
                format!("---\ndate: {date}\n---\n{text}\n")
            };
            Document::new(format!("note{i:02}.md"), text)
        })
        .collect();
    let lexicon = Lexicon::builtin();
    let settings = RuleSettings::default();
    let (extractions, findings) = crate::check(&docs, lexicon, &settings);
    (Ledger::build(&extractions, lexicon, &settings), findings)
}

#[test]
fn a_figure_stated_in_ten_notes_is_one_deal_with_ten_sources() {
    let notes: Vec<(String, &str)> = (1..=10)
        .map(|i| (format!("2025-{i:02}-01"), "Amazon invested $8 billion in Anthropic in 2024."))
        .collect();
    let notes: Vec<(&str, &str)> = notes.iter().map(|(d, t)| (d.as_str(), *t)).collect();
    let (ledger, findings) = ledger_of(&notes);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(ledger.deals.len(), 1, "{ledger:?}");
    let deal = &ledger.deals[0];
    assert_eq!(deal.subject, "Amazon's investment in Anthropic");
    assert_eq!(deal.period.year, Some(2024));
    assert!(!deal.in_conflict);
    assert_eq!(deal.figures.len(), 1);
    assert_eq!(deal.figures[0].amount.as_deref(), Some("$8B"));
    assert_eq!(deal.figures[0].sources.len(), 10);
    assert_eq!(deal.notes(), 10);
    // Oldest first.
    let dates: Vec<&str> = deal.figures[0].sources.iter().filter_map(|s| s.date.as_deref()).collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted);
}

#[test]
fn notes_that_disagree_put_their_deal_in_conflict_and_no_other() {
    let (ledger, findings) = ledger_of(&[
        ("2025-03-01", "Amazon invested $4 billion in Anthropic."),
        ("2025-01-01", "Amazon invested $8 billion in Anthropic."),
        ("", "Google invested $2 billion in Anthropic."),
    ]);
    assert_eq!(findings.len(), 1, "{findings:?}");
    let amazon = ledger.deals.iter().find(|d| d.subject == "Amazon's investment in Anthropic").unwrap();
    assert!(amazon.in_conflict);
    // The figure first stated comes first.
    let figures: Vec<_> = amazon.figures.iter().map(|f| f.amount.as_deref().unwrap()).collect();
    assert_eq!(figures, ["$8B", "$4B"]);
    let google = ledger.deals.iter().find(|d| d.subject == "Google's investment in Anthropic").unwrap();
    assert!(!google.in_conflict);
    assert_eq!(google.figures[0].sources[0].date, None);
}

#[test]
fn deals_of_different_years_are_apart_as_the_rules_keep_them() {
    let (ledger, findings) = ledger_of(&[
        ("", "In 2019, Microsoft invested $1 billion in OpenAI."),
        ("", "In 2023, Microsoft invested $10 billion in OpenAI."),
    ]);
    assert!(findings.is_empty(), "{findings:?}");
    let years: Vec<Option<u16>> = ledger.deals.iter().map(|d| d.period.year).collect();
    assert_eq!(years, [Some(2019), Some(2023)]);
}

#[test]
fn a_condition_conflict_marks_the_deal() {
    let (ledger, findings) = ledger_of(&[
        ("", "Amazon's investment in OpenAI is unconditional."),
        ("", "Amazon's $50B funding for OpenAI was reportedly contingent on OpenAI adopting Trainium."),
    ]);
    assert!(findings.iter().any(|f| f.rule == "condition-conflict"), "{findings:?}");
    let deal = ledger.deals.iter().find(|d| d.subject == "Amazon's investment in OpenAI").unwrap();
    assert!(deal.in_conflict, "{deal:?}");
    let sources: Vec<&Source> = deal.figures.iter().flat_map(|f| &f.sources).collect();
    assert!(sources.iter().any(|s| s.unconditional));
    assert!(
        sources
            .iter()
            .any(|s| !s.conditions.is_empty() && s.hedges.contains(&crate::claims::Hedge::Reportedly))
    );
}

#[test]
fn the_ledger_agrees_with_check_when_a_rule_is_off() {
    let notes =
        [("", "Amazon invested $4 billion in Anthropic."), ("", "Amazon invested $8 billion in Anthropic.")];
    let docs: Vec<Document> =
        notes.iter().enumerate().map(|(i, (_, t))| Document::new(format!("n{i}.txt"), *t)).collect();
    let lexicon = Lexicon::builtin();
    let mut settings = RuleSettings::default();
    settings.severities.remove("amount-conflict");
    let extractions = crate::extract_all(&docs, lexicon);
    let ledger = Ledger::build(&extractions, lexicon, &settings);
    assert!(ledger.deals.iter().all(|d| !d.in_conflict));
}

#[test]
fn a_party_is_found_by_any_alias_in_any_case() {
    let lexicon = Lexicon::builtin();
    let aws = resolve_party(lexicon, "AWS").unwrap();
    assert_eq!(resolve_party(lexicon, "Amazon Web Services").unwrap(), aws);
    assert_eq!(resolve_party(lexicon, "amazon web services").unwrap(), aws);
    assert_eq!(lexicon.name(aws), "AWS");
    let err = resolve_party(lexicon, "Antropic").unwrap_err().to_string();
    assert!(err.contains("did you mean `Anthropic`"), "{err}");
    let err = resolve_party(lexicon, "Zyxwvut Holdings").unwrap_err();
    assert!(matches!(err, PartyError::Unknown { .. }), "{err}");
}

#[test]
fn a_party_takes_in_what_it_owns() {
    let (mut ledger, _) = ledger_of(&[
        ("", "Amazon invested $8 billion in Anthropic."),
        ("", "Anthropic committed to spend $30 billion on AWS."),
        ("", "Microsoft invested $10 billion in OpenAI."),
    ]);
    let lexicon = Lexicon::builtin();
    let amazon = resolve_party(lexicon, "Amazon").unwrap();
    ledger.retain_party(lexicon, amazon);
    let subjects: Vec<&str> = ledger.deals.iter().map(|d| d.subject.as_str()).collect();
    assert_eq!(subjects.len(), 2, "{subjects:?}");
    assert!(subjects.iter().all(|s| s.contains("Anthropic")), "{subjects:?}");
    // AWS is Amazon's; Amazon is not AWS's.
    let (mut ledger, _) = ledger_of(&[
        ("", "Amazon invested $8 billion in Anthropic."),
        ("", "Anthropic committed to spend $30 billion on AWS."),
    ]);
    ledger.retain_party(lexicon, resolve_party(lexicon, "Amazon Web Services").unwrap());
    assert_eq!(ledger.deals.len(), 1, "{ledger:?}");
    assert_eq!(ledger.deals[0].kind, DealKind::Spending);
}

#[test]
fn only_conflicts_keeps_the_deals_in_conflict() {
    let (mut ledger, _) = ledger_of(&[
        ("", "Amazon invested $4 billion in Anthropic."),
        ("", "Amazon invested $8 billion in Anthropic."),
        ("", "Microsoft invested $10 billion in OpenAI."),
    ]);
    ledger.retain_conflicts();
    assert_eq!(ledger.deals.len(), 1);
    assert!(ledger.deals[0].in_conflict);
}
