//! Rule-level tests for each class of phrasing the reader understands: a
//! contradiction stated in that phrasing is found, and a near miss in it is
//! left alone. Notes are short, dated like real notes, and written for
//! these tests.

use claimlint::finding::Finding;
use claimlint::lexicon::Lexicon;
use claimlint::rules::RuleSettings;
use claimlint::source::Document;

/// A note with front matter of this date.
fn note(date: &str, body: &str) -> String {
    format!("---\ntitle: note\ndate: {date}\n---\n\n{body}\n")
}

/// The findings of `rule` on these notes (name, text).
fn findings(rule: &str, notes: &[(&str, String)]) -> Vec<Finding> {
    let docs: Vec<Document> = notes.iter().map(|(name, text)| Document::new(*name, text.as_str())).collect();
    let mut settings = RuleSettings::default();
    settings.severities.retain(|id, _| *id == rule);
    claimlint::check(&docs, Lexicon::builtin(), &settings).1
}

/// The lines each finding points at, as "note:line".
fn lines(found: &[Finding], notes: &[(&str, String)]) -> Vec<Vec<String>> {
    found
        .iter()
        .map(|f| {
            let mut v: Vec<String> = f
                .locations
                .iter()
                .map(|l| {
                    let (name, text) = &notes[l.doc as usize];
                    format!("{name}:{}", text[..l.span.start()].matches('\n').count() + 1)
                })
                .collect();
            v.sort();
            v.dedup();
            v
        })
        .collect()
}

#[test]
fn modal_and_intent_verbs() {
    let notes = [
        ("a.md", note("2025-03-01", "SoftBank intends to put $30 billion into OpenAI.")),
        ("b.md", note("2025-04-01", "SoftBank is set to pour $40 billion into OpenAI this year.")),
    ];
    assert_eq!(lines(&findings("amount-conflict", &notes), &notes), [["a.md:6", "b.md:6"]]);
    // The same intent in another year is another deal.
    let notes = [
        ("a.md", note("2024-03-01", "SoftBank intends to put $500 million into OpenAI.")),
        ("b.md", note("2025-04-01", "SoftBank is set to pour $40 billion into OpenAI.")),
    ];
    assert!(findings("amount-conflict", &notes).is_empty());
}

#[test]
fn nominal_forms() {
    let notes = [
        ("a.md", note("2025-01-10", "Microsoft's $13 billion for OpenAI was paid mostly as Azure credits.")),
        ("b.md", note("2025-02-10", "Microsoft's stake in OpenAI now totals $13 billion.")),
        ("c.md", note("2025-02-11", "The $4 billion Amazon cheque to Anthropic cleared in March.")),
        ("d.md", note("2025-02-12", "Amazon's $8 billion investment in Anthropic is its largest.")),
    ];
    // A running total ("now totals") is not compared with a single deal.
    let found = lines(&findings("amount-conflict", &notes), &notes);
    assert_eq!(found, [["c.md:6", "d.md:6"]]);
}

#[test]
fn spending_and_compute_contracts() {
    let notes = [
        ("a.md", note("2025-05-01", "xAI will buy $20 billion of GPU capacity from Oracle over five years.")),
        ("b.md", note("2025-06-01", "xAI's $2 billion contract with Oracle is its largest.")),
        ("c.md", note("2025-06-02", "xAI has invested $2 billion in Oracle.")),
    ];
    // An investment is another kind of deal than a contract.
    assert_eq!(lines(&findings("amount-conflict", &notes), &notes), [["a.md:6", "b.md:6"]]);
    // A compute contract is a use of its provider.
    let notes = [
        ("a.md", note("2025-05-01", "xAI runs exclusively on Oracle Cloud Infrastructure.")),
        ("b.md", note("2025-06-01", "xAI signed a $1 billion contract with CoreWeave for GPU capacity.")),
    ];
    assert_eq!(lines(&findings("exclusivity-conflict", &notes), &notes), [["a.md:6", "b.md:6"]]);
}

#[test]
fn fragments_lists_and_tables() {
    let list = note(
        "2025-12-01",
        "# Compute contracts\n\n- OpenAI: $30 billion with Oracle over five years\n- Meta: $14 billion with CoreWeave",
    );
    let table = note(
        "2025-12-02",
        "# OpenAI's compute\n\n| Provider | Commitment | Signed |\n|---|---|---|\n| Oracle | $300 billion | 2025 |\n| CoreWeave | $22 billion across four contracts | 2025 |",
    );
    let notes = [("list.md", list), ("table.md", table)];
    // The table's sum of contracts is not a contract.
    assert_eq!(lines(&findings("amount-conflict", &notes), &notes), [["list.md:8", "table.md:10"]]);
}

#[test]
fn headings_and_anaphora() {
    let a = note(
        "2025-04-02",
        "## SoftBank\n\nIts $30 billion hinges on OpenAI converting into a for-profit company.",
    );
    let b = note(
        "2025-04-05",
        "SoftBank is putting $30 billion into OpenAI.\n\nThe SoftBank money carries no conditions.",
    );
    let notes = [("a.md", a), ("b.md", b)];
    assert_eq!(lines(&findings("condition-conflict", &notes), &notes), [["a.md:8", "b.md:8"]]);
    // Anaphora never crosses notes: with no deal before it, "the investment" is nobody's.
    let notes = [
        ("a.md", note("2025-04-02", "The investment is subject to regulatory approval.")),
        ("b.md", note("2025-04-05", "Meta's investment in Scale AI was unconditional.")),
    ];
    assert!(findings("condition-conflict", &notes).is_empty());
}

#[test]
fn products_for_their_makers() {
    let notes = [
        ("a.md", note("2025-10-01", "Anthropic trains and serves its models exclusively on AWS.")),
        ("b.md", note("2025-10-02", "Claude now runs on Google's TPUs for most inference.")),
    ];
    assert_eq!(lines(&findings("exclusivity-conflict", &notes), &notes), [["a.md:6", "b.md:6"]]);
    // The exclusive provider's own chips and products are no rival.
    let notes = [
        ("a.md", note("2025-10-01", "Anthropic trains and serves its models exclusively on AWS.")),
        (
            "b.md",
            note("2025-10-02", "Claude runs on Trainium and Inferentia, and ships through Amazon Bedrock."),
        ),
    ];
    assert!(findings("exclusivity-conflict", &notes).is_empty());
}

#[test]
fn usage_verbs_and_chip_counts() {
    let exclusive = ("a.md", note("2025-10-01", "Mistral AI runs entirely on Azure."));
    for (i, rival) in [
        "Mistral AI rents TPUs through Google Cloud.",
        "Mistral AI pretrains its largest models on CoreWeave's H100 clusters.",
        "Mistral AI will use up to 100,000 TPUs under a new agreement.",
        "Mistral AI deploys its chatbot from AWS data centres.",
    ]
    .iter()
    .enumerate()
    {
        let notes = [exclusive.clone(), ("b.md", note("2025-10-02", rival))];
        assert_eq!(findings("exclusivity-conflict", &notes).len(), 1, "case {i}: {rival}");
    }
    // Merchant chips and a hedged reliance break nothing.
    let notes = [
        exclusive.clone(),
        ("b.md", note("2025-10-02", "Mistral AI trains on Nvidia H100s. Cohere relies mostly on Oracle.")),
    ];
    assert!(findings("exclusivity-conflict", &notes).is_empty());
}

#[test]
fn exclusivity_phrasings_and_their_end() {
    let rival = ("b.md", note("2025-10-02", "OpenAI will buy $38 billion of capacity from AWS."));
    for claim in [
        "Azure is the only cloud that serves ChatGPT.",
        "All of OpenAI's flagship models are trained on Azure.",
        "OpenAI runs only on Azure.",
    ] {
        let notes = [("a.md", note("2025-10-01", claim)), rival.clone()];
        assert_eq!(findings("exclusivity-conflict", &notes).len(), 1, "{claim}");
    }
    for ended in [
        "Azure stopped being OpenAI's only cloud in January.",
        "Microsoft's exclusivity with OpenAI was replaced by a right of first refusal.",
        "OpenAI no longer runs exclusively on Azure.",
        "Azure is OpenAI's primary cloud provider.",
    ] {
        let notes = [("a.md", note("2025-10-01", ended)), rival.clone()];
        assert!(findings("exclusivity-conflict", &notes).is_empty(), "{ended}");
    }
}

#[test]
fn conditions_their_absence_and_terms() {
    let contingent = [
        "Nvidia's $100 billion for OpenAI depends on OpenAI deploying 10 gigawatts.",
        "Nvidia's $100 billion for OpenAI is paid out in stages as capacity comes online.",
        "Nvidia's $100 billion for OpenAI is tied to gigawatts deployed.",
    ];
    let free = [
        "Nvidia's $100 billion for OpenAI arrives with no conditions attached.",
        "Nvidia's $100 billion for OpenAI comes with no strings.",
    ];
    for c in contingent {
        for f in free {
            let notes = [("a.md", note("2025-09-24", c)), ("b.md", note("2025-09-25", f))];
            assert_eq!(findings("condition-conflict", &notes).len(), 1, "{c} / {f}");
        }
    }
    let notes = [
        (
            "a.md",
            note(
                "2025-10-30",
                "OpenAI raised money from Microsoft.\n\nMicrosoft's licence outlasts an AGI declaration.",
            ),
        ),
        (
            "b.md",
            note(
                "2026-01-10",
                "OpenAI raised money from Microsoft.\n\nMicrosoft's licence lapses once AGI is declared.",
            ),
        ),
    ];
    assert_eq!(lines(&findings("condition-conflict", &notes), &notes), [["a.md:8", "b.md:8"]]);
    // Conditions outside deal terms, and a question, state nothing about the deal.
    let notes = [
        ("a.md", note("2025-09-24", "Nvidia's $100 billion for OpenAI arrives with no conditions attached.")),
        (
            "b.md",
            note(
                "2025-09-25",
                "The Abilene site is subject to permitting. Is Nvidia's money tied to milestones?",
            ),
        ),
    ];
    assert!(findings("condition-conflict", &notes).is_empty());
}

#[test]
fn lower_case_misspellings() {
    let notes = [("a.md", note("2025-01-01", "Some teams still run on tranium and corewave capacity."))];
    assert_eq!(findings("misspelled-name", &notes).len(), 2);
    let notes =
        [("a.md", note("2025-01-01", "The mistral blew; the sky was azure; the data looked coherent."))];
    assert!(findings("misspelled-name", &notes).is_empty());
}

#[test]
fn time_and_parts() {
    // A running total is not a round.
    let notes = [
        ("a.md", note("2025-10-30", "Microsoft has invested $13.8 billion in OpenAI to date.")),
        ("b.md", note("2023-01-24", "Microsoft will invest $10 billion in OpenAI.")),
    ];
    assert!(findings("amount-conflict", &notes).is_empty());
    // Two tranches with different amounts are different tranches.
    let notes = [
        (
            "a.md",
            note("2024-03-28", "The first tranche of Amazon's investment in Anthropic was $1.25 billion."),
        ),
        ("b.md", note("2024-03-29", "Amazon's $2.75 billion second tranche to Anthropic landed this week.")),
    ];
    assert!(findings("amount-conflict", &notes).is_empty());
    // A deal's year comes from its text, not from the note's date: a 2025
    // recap of a 2023 round is compared with the 2023 round.
    let notes = [
        ("a.md", note("2025-12-12", "In September 2023 Amazon agreed to invest $8 billion in Anthropic.")),
        ("b.md", note("2023-09-25", "Amazon will invest up to $4 billion in Anthropic.")),
        ("c.md", note("2024-11-22", "Amazon is investing another $4 billion in Anthropic.")),
    ];
    assert_eq!(lines(&findings("amount-conflict", &notes), &notes), [["a.md:6", "b.md:6"]]);
    // A claim with no period is compared where it can only be one deal.
    let notes = [
        ("a.md", note("2025-06-01", "Meta's investment in Scale AI was $14.3 billion.")),
        ("b.md", note("2025-06-13", "Meta agreed to invest $1.43 billion in Scale AI in 2025.")),
    ];
    assert_eq!(findings("amount-conflict", &notes).len(), 1);
    // A fiscal year or a term's start is not the deal's year.
    let notes = [
        (
            "a.md",
            note("2025-09-10", "OpenAI will buy $300 billion of compute from Oracle, starting in 2027."),
        ),
        ("b.md", note("2025-09-11", "OpenAI will buy $30 billion of compute from Oracle.")),
    ];
    assert_eq!(findings("amount-conflict", &notes).len(), 1);
}

#[test]
fn corrections_and_retractions_state_nothing() {
    // What a note says was said in error is not a claim of the note.
    let notes = [
        (
            "corrections.md",
            note(
                "2025-11-28",
                "- We said OpenAI runs exclusively on Azure. That ended in January 2025.\n\
                 - The profile implied Anthropic trains only on AWS. It never has.\n\
                 - Reuters incorrectly reported that Amazon invested $9 billion in Anthropic.",
            ),
        ),
        ("uses.md", note("2025-12-01", "OpenAI trains on Google Cloud TPUs. Anthropic trains on TPUs too.")),
        ("deal.md", note("2025-12-02", "Amazon invested $8 billion in Anthropic.")),
    ];
    assert!(findings("exclusivity-conflict", &notes).is_empty());
    assert!(findings("amount-conflict", &notes).is_empty());
    // Stated, not retracted, the same exclusivity is contradicted.
    let notes = [
        ("a.md", note("2025-11-28", "We know OpenAI runs exclusively on Azure.")),
        ("uses.md", note("2025-12-01", "OpenAI trains on Google Cloud TPUs.")),
    ];
    assert_eq!(lines(&findings("exclusivity-conflict", &notes), &notes), [["a.md:6", "uses.md:6"]]);
}

#[test]
fn a_stakes_value_is_not_its_price() {
    let notes = [
        ("a.md", note("2025-03-01", "Amazon invested $8 billion in Anthropic.")),
        ("b.md", note("2025-04-01", "Amazon's stake in Anthropic is now worth $60 billion.")),
        (
            "c.md",
            note("2025-04-02", "Our estimate of the value of Amazon's stake in Anthropic is $60 billion."),
        ),
    ];
    assert!(findings("amount-conflict", &notes).is_empty());
    let notes = [
        ("a.md", note("2025-03-01", "Amazon invested $8 billion in Anthropic.")),
        ("b.md", note("2025-04-01", "Amazon's $6 billion stake in Anthropic is its largest.")),
    ];
    assert_eq!(findings("amount-conflict", &notes).len(), 1);
}

#[test]
fn an_exclusivity_dated_before_the_note_held_then() {
    // A timeline's line, or a sentence that opens with its year.
    let notes = [
        (
            "timeline.txt",
            "OpenAI timeline\nDate: 2025-11-10\n\n2019-07  Microsoft invests $1 billion; Azure becomes OpenAI's exclusive cloud provider.\n\nIn 2020, OpenAI ran only on Azure.\n"
                .to_owned(),
        ),
        ("uses.md", note("2025-12-01", "OpenAI signed a $300 billion contract with Oracle.")),
    ];
    assert!(findings("exclusivity-conflict", &notes).is_empty());
    // A year after the statement dates something else; "since" reaches to now.
    let notes = [
        (
            "a.md",
            note(
                "2025-09-30",
                "Cohere runs exclusively on Oracle Cloud Infrastructure, under an agreement signed in 2024.",
            ),
        ),
        ("b.md", note("2025-10-01", "OpenAI has run exclusively on Azure since 2019.")),
        (
            "uses.md",
            note("2025-12-01", "Cohere trains on Google Cloud TPUs. OpenAI signed a contract with Oracle."),
        ),
    ];
    assert_eq!(lines(&findings("exclusivity-conflict", &notes), &notes).len(), 2);
}

#[test]
fn another_part_is_not_the_first() {
    // Beside "its first $4 billion" and "a second $4 billion" of the same
    // year, "another $4 billion" is the second.
    let notes = [
        (
            "timeline.md",
            note(
                "2025-12-01",
                "# Anthropic\n\n- 2024-03: Amazon completes its first $4 billion in Anthropic.\n- 2024-11: Amazon invests a second $4 billion in Anthropic, contingent on Anthropic training on Trainium.",
            ),
        ),
        (
            "digest.md",
            note(
                "2024-12-02",
                "Amazon is investing another $4 billion in Anthropic. The new $4 billion comes with no strings attached.",
            ),
        ),
    ];
    assert_eq!(findings("condition-conflict", &notes).len(), 1);
    // A first part said to be unconditional is another part than the second.
    let notes = [
        notes[0].clone(),
        (
            "digest.md",
            note("2024-12-02", "Amazon's first $4 billion in Anthropic came with no strings attached."),
        ),
    ];
    assert!(findings("condition-conflict", &notes).is_empty());
}

#[test]
fn a_tables_exclusive_column_and_a_use_through_a_contract() {
    let table = note(
        "2025-10-20",
        "| Buyer | Provider | Contract value | Exclusive? |\n|---|---|---|---|\n\
         | Safe Superintelligence | Google Cloud | undisclosed | Yes, exclusive |\n\
         | Cohere | Oracle | $1 billion | No |",
    );
    let uses = note(
        "2025-11-24",
        "Safe Superintelligence has been running on a $1.5 billion, three-year capacity contract with CoreWeave since June.\n\n\
         Cohere also trains on Google Cloud TPUs.",
    );
    let notes = [("table.md", table), ("uses.md", uses)];
    // Yes: an exclusivity, broken by the contract; No: none to break.
    let found = findings("exclusivity-conflict", &notes);
    assert_eq!(lines(&found, &notes), [["table.md:8", "uses.md:6"]]);
    assert!(found[0].message.starts_with("Safe Superintelligence"), "{}", found[0].message);
}

#[test]
fn a_condition_said_not_to_apply_is_no_condition() {
    let notes = [
        (
            "a.md",
            note(
                "2025-09-01",
                "Nvidia invested $10 billion in OpenAI. The investment does not depend on deployments.",
            ),
        ),
        ("b.md", note("2025-09-02", "Nvidia's $10 billion for OpenAI is unconditional.")),
        ("c.md", note("2025-09-03", "Nvidia's $10 billion for OpenAI is not contingent on any deployment.")),
    ];
    assert!(findings("condition-conflict", &notes).is_empty());
    let notes = [
        (
            "a.md",
            note(
                "2025-09-01",
                "Nvidia invested $10 billion in OpenAI. The investment depends on deployments.",
            ),
        ),
        ("b.md", note("2025-09-02", "Nvidia's $10 billion for OpenAI is unconditional.")),
    ];
    assert_eq!(findings("condition-conflict", &notes).len(), 1);
}
