//! The claims each shape of `grammar/claims.pest` reads, with the roles it
//! gives: who invests and who receives, who uses what, which condition. A
//! wrong role fails a test, and so does a near miss that reads a claim.

use crate::extract::extract;
use crate::lexicon::Lexicon;
use crate::report::trace::describe;
use crate::source::Document;

/// Every claim of a Markdown note, described as `--trace` describes it.
fn claims(text: &str) -> Vec<String> {
    claims_in("note.md", text)
}

fn claims_in(path: &str, text: &str) -> Vec<String> {
    let lexicon = Lexicon::builtin();
    let ex = extract(&Document::new(path, text), lexicon);
    ex.claims.iter().map(|c| describe(c, lexicon)).collect()
}

/// The claims of each sentence, read alone.
fn each(sentences: &[&str]) -> Vec<Vec<String>> {
    sentences.iter().map(|s| claims(s)).collect()
}

#[track_caller]
fn reads(sentence: &str, expected: &[&str]) {
    assert_eq!(claims(sentence), expected, "{sentence}");
}

#[track_caller]
fn reads_nothing(sentences: &[&str]) {
    for (s, c) in sentences.iter().zip(each(sentences)) {
        assert!(c.is_empty(), "{s}\n  read: {c:?}");
    }
}

// ---------------------------------------------------------------- invest

#[test]
fn invest_with_auxiliaries_modals_and_intent() {
    reads("Alphabet will invest $2 billion in Anthropic.", &["investment Google → Anthropic $2B"]);
    reads(
        "SoftBank plans to plough another $9 billion into OpenAI.",
        &["investment SoftBank → OpenAI $9B [another] (planned)"],
    );
    reads(
        "Nvidia is expected to inject up to $5 billion into xAI.",
        &["investment Nvidia → xAI up to $5B (potential)"],
    );
    reads(
        "Microsoft, which committed $2 billion to Mistral AI, declined to comment.",
        &["investment Microsoft → Mistral AI $2B"],
    );
    reads("Amazon backed Anthropic with $1.25 billion.", &["investment Amazon → Anthropic $1.25B"]);
}

#[test]
fn invest_with_a_gapped_second_investor_a_particle_or_a_share() {
    // "X pledged $A and Y $B to Z": the verb and the recipient shared.
    reads(
        "Microsoft pledged $6 billion and Nvidia $10 billion to Anthropic.",
        &["investment Microsoft → Anthropic $6B", "investment Nvidia → Anthropic $10B"],
    );
    let c = claims(
        "# xAI\n\nNvidia is investing $2 billion of the equity.\n\nSequoia puts in $1 billion of that.",
    );
    assert_eq!(c, ["investment Nvidia → xAI $2B", "investment Sequoia Capital → xAI $1B"]);
}

#[test]
fn a_passive_with_the_money_first() {
    reads("$2 billion was invested by Nvidia in xAI.", &["investment Nvidia → xAI $2B"]);
    let c = claims(
        "# OpenAI\n\n- 2023-01  $10 billion invested by Microsoft, its largest single investment in the company.",
    );
    assert_eq!(c, ["investment Microsoft → OpenAI $10B, 2023", "investment Microsoft → OpenAI"]);
}

#[test]
fn a_cheque_written_to_the_recipient() {
    reads(
        "Microsoft wrote OpenAI a twelve-billion-dollar cheque in January 2023.",
        &["investment Microsoft → OpenAI $12B, 2023"],
    );
    // A contract is not a cheque.
    reads_nothing(&["Oracle signed OpenAI a $300 billion contract."]);
}

#[test]
fn an_amount_named_before_can_be_said_unconditional() {
    let c = claims(
        "Amazon invested a second $4 billion in Anthropic.\n\nThe new $4 billion comes with no strings attached.",
    );
    // "new" reads as another part, as in "a new $4 billion".
    assert_eq!(c[1], "investment Amazon → Anthropic $4B [another]; unconditional");
}

#[test]
fn invest_reads_every_pair_and_a_second_investor() {
    reads(
        "Google and Salesforce invested in Anthropic and Cohere.",
        &[
            "investment Google → Anthropic",
            "investment Salesforce → Anthropic",
            "investment Google → Cohere",
            "investment Salesforce → Cohere",
        ],
    );
    reads(
        "Nvidia will put $3 billion into xAI and AMD $1 billion.",
        &["investment Nvidia → xAI $3B", "investment AMD → xAI $1B"],
    );
}

#[test]
fn invest_keeps_years_totals_and_parts_apart() {
    reads("In 2021, Microsoft invested $2 billion in OpenAI.", &["investment Microsoft → OpenAI $2B, 2021"]);
    reads(
        "Microsoft has invested $13 billion in OpenAI so far.",
        &["investment Microsoft → OpenAI $13B (running total)"],
    );
    reads(
        "Google is investing another $1 billion in Anthropic, lifting its total investment to $3 billion.",
        &["investment Google → Anthropic $1B [another]", "investment Google → Anthropic $3B (running total)"],
    );
    reads(
        "Amazon pledged up to $4 billion to Anthropic, starting with a first $1.25 billion.",
        &["investment Amazon → Anthropic up to $4B", "investment Amazon → Anthropic $1.25B (a part) [first]"],
    );
}

#[test]
fn invest_near_misses() {
    reads_nothing(&[
        // A valuation, a rate, a count: no deal amount and no recipient.
        "Anthropic is valued at $61 billion.",
        "Microsoft spends $80 billion a year on data centres.",
        "OpenAI plans to deploy one million GPUs.",
        // Investors with no one to invest in.
        "Investors were asked not to fund rivals.",
    ]);
    // The recipient is a place, not a company: no claim, and not the last company named.
    reads_nothing(&["Nvidia pledged £2 billion for UK startups."]);
}

// ---------------------------------------------------------------- raise and rounds

#[test]
fn raise_names_the_recipient_and_leaders_get_no_round_total() {
    reads(
        "Mistral AI raised €600 million from General Catalyst.",
        &["investment General Catalyst → Mistral AI €600M"],
    );
    reads("xAI raised $6 billion in a round led by Sequoia Capital.", &["investment Sequoia Capital → xAI"]);
    reads(
        "Cohere raised $500 million from Nvidia, Salesforce and others.",
        &["investment Nvidia → Cohere", "investment Salesforce → Cohere"],
    );
}

#[test]
fn rounds_led_by_investors() {
    reads("Thrive Capital led OpenAI's $6.6 billion round.", &["investment Thrive Capital → OpenAI"]);
    reads(
        "ASML led Mistral AI's Series C with €1.3 billion.",
        &["investment ASML → Mistral AI €1.3B, series c"],
    );
    reads(
        "OpenAI's latest funding round, led by SoftBank but not Microsoft, closed.",
        &["investment SoftBank → OpenAI", "not investment Microsoft → OpenAI"],
    );
}

// ---------------------------------------------------------------- nominal deals

#[test]
fn nominal_deals_read_the_owner_and_the_other_party() {
    reads(
        "Microsoft's $13 billion for OpenAI was paid mostly in Azure credits.",
        &["investment Microsoft → OpenAI $13B"],
    );
    reads(
        "Amazon's proposed $8 billion investment in Anthropic drew scrutiny.",
        &["investment Amazon → Anthropic $8B (proposed)"],
    );
    reads(
        "Google's stake in Anthropic now totals $3 billion.",
        &["investment Google → Anthropic $3B (running total)"],
    );
    reads(
        "OpenAI's $11.9 billion contract with CoreWeave runs five years.",
        &["spending OpenAI → CoreWeave $11.9B", "usage OpenAI commits to CoreWeave"],
    );
    reads(
        "Microsoft's check for Mistral AI is capped at two billion euros.",
        &["investment Microsoft → Mistral AI up to €2B"],
    );
    // A labelled value whose label says which round: "X's share of the seed: $Y".
    reads(
        "Nvidia's share of the March 2025 round in xAI: $600 million.",
        &["investment Nvidia → xAI $600M, 2025"],
    );
}

#[test]
fn nominal_deal_missing_its_recipient_takes_the_last_one() {
    let c = claims(
        "Amazon invested $4 billion in Anthropic.\n\nGoogle's pledge of up to $2 billion came a month later.",
    );
    assert_eq!(c, ["investment Amazon → Anthropic $4B", "investment Google → Anthropic up to $2B"]);
    let c = claims(
        "Amazon invested $4 billion in Anthropic.\n\nThe $4 billion Amazon cheque was its largest ever.",
    );
    assert_eq!(c[1], "investment Amazon → Anthropic $4B");
}

#[test]
fn nominal_near_misses() {
    // What a stake is worth is not what was paid for it.
    reads_nothing(&[
        "Amazon's stake in Anthropic is now worth $60 billion.",
        "The value of Amazon's stake in Anthropic is $60 billion.",
        "Our estimate of Amazon's mark on its stake in Anthropic is above $60 billion.",
        "Amazon marks its stake in Anthropic at $60 billion.",
    ]);
    reads_nothing(&[
        "OpenAI's valuation of $157 billion is a record.",
        "Anthropic's revenue run-rate is $5 billion.",
        "Nvidia's market value passed $4 trillion.",
    ]);
}

// ---------------------------------------------------------------- spending and compute

#[test]
fn spending_contracts_are_deals_and_uses() {
    reads(
        "xAI will buy $20 billion of GPU capacity from Oracle over five years.",
        &["spending xAI → Oracle $20B", "usage xAI commits to Oracle"],
    );
    reads(
        "Mistral agreed to spend €2 billion on Azure capacity over four years.",
        &["spending Mistral AI → Azure €2B", "usage Mistral AI commits to Azure"],
    );
    reads(
        "Meta signed a $10 billion cloud deal with Google.",
        &["spending Meta → Google $10B", "usage Meta commits to Google"],
    );
    reads(
        "Perplexity signed a three-year contract with Microsoft worth $750 million.",
        &["spending Perplexity → Microsoft $750M", "usage Perplexity commits to Microsoft"],
    );
}

#[test]
fn spending_near_misses() {
    // A payment for a model, and a search deal: no compute is bought.
    reads("Apple will pay Google $1 billion for a custom Gemini model.", &["spending Apple → Google $1B"]);
    reads_nothing(&["Google pays Apple about $20 billion a year for search placement."]);
}

#[test]
fn acquisitions() {
    reads(
        "Microsoft acquired Inflection AI for $650 million.",
        &["acquisition Microsoft → Inflection AI $650M"],
    );
    reads("Nvidia bought Groq for $20 billion.", &["acquisition Nvidia → Groq $20B"]);
}

// ---------------------------------------------------------------- fragments and tables

#[test]
fn list_items_that_lead_with_a_name() {
    let c = claims(
        "# Who rents what\n\n- xAI: $15 billion with Oracle over five years\n- Anthropic: up to one million TPUs\n- Cohere: a $2 billion contract with CoreWeave\n",
    );
    assert_eq!(
        c,
        [
            "spending xAI → Oracle $15B",
            "usage xAI commits to Oracle",
            "usage Anthropic uses TPU",
            "spending Cohere → CoreWeave $2B",
            "usage Cohere commits to CoreWeave",
        ]
    );
}

#[test]
fn table_rows_are_deals_with_the_notes_company() {
    let note = "---\ntitle: \"Who funds Mistral AI\"\ndate: 2025-03-01\n---\n\n| Investor | Amount | Year | Note |\n|---|---|---|---|\n| Microsoft | €15M | 2024 | convertible note |\n| ASML | €1.3B | 2025 | subject to regulatory approval |\n| Nvidia | undisclosed | 2024 | |\n";
    assert_eq!(
        claims(note),
        [
            "investment Microsoft → Mistral AI €15M, 2024",
            "investment ASML → Mistral AI €1.3B, 2025; contingent on regulatory approval",
        ]
    );
    let totals = "# Anthropic\n\n| Investor | Total to date |\n|---|---|\n| Amazon | $8B |\n";
    assert_eq!(claims(totals), ["investment Amazon → Anthropic $8B (running total)"]);
    let compute = "# OpenAI's compute\n\n| Provider | Commitment | Signed |\n|---|---|---|\n| Oracle | $300B | 2025 |\n| CoreWeave | $22B across four contracts | 2025 |\n";
    assert_eq!(
        claims(compute),
        [
            "spending OpenAI → Oracle $300B, 2025",
            "usage OpenAI commits to Oracle",
            "spending OpenAI → CoreWeave $22B (running total), 2025",
            "usage OpenAI commits to CoreWeave",
        ]
    );
}

// ---------------------------------------------------------------- context

#[test]
fn a_heading_names_the_company_its_section_elides() {
    let c = claims("## Mistral AI\n\nIts €1.7 billion round was led by ASML.\n");
    assert_eq!(c, ["investment ASML → Mistral AI"]);
    let c = claims(
        "## SoftBank\n\nIts $22 billion depends on OpenAI restructuring.\n\n## Microsoft\n\nIts stake is unchanged.\n",
    );
    // The recipient is the company the terms bind; the next section's "Its"
    // is Microsoft's, in the last recipient named.
    assert_eq!(
        c,
        [
            "investment SoftBank → OpenAI $22B; contingent on OpenAI restructuring",
            "investment Microsoft → OpenAI"
        ]
    );
}

#[test]
fn anaphors_take_the_nearest_fitting_deal_in_the_note() {
    let c = claims(
        "Meta agreed to invest $14 billion in Scale AI.\n\nThe investment is subject to antitrust review.\n",
    );
    assert_eq!(
        c,
        ["investment Meta → Scale AI $14B", "investment Meta → Scale AI; contingent on antitrust review",]
    );
    let c =
        claims("Amazon invested $4 billion in Anthropic. The Amazon money came with no strings attached.");
    assert_eq!(c[1], "investment Amazon → Anthropic; unconditional");
    // No deal before it in the note: nothing to attach to.
    reads_nothing(&["The deal is contingent on regulatory approval."]);
}

#[test]
fn pronouns_take_the_subject_not_the_last_name() {
    let c = claims(
        "By renting capacity from CoreWeave, OpenAI keeps its Azure commitment small: it will put $1 billion into Mistral AI.",
    );
    assert!(c.contains(&"investment OpenAI → Mistral AI $1B".to_owned()), "{c:?}");
}

#[test]
fn question_lines_set_the_topic_of_their_answers() {
    let c = claims_in(
        "call.txt",
        "Call notes\nQ: OpenAI?\nA: The $30 billion Oracle contract is mostly GB200 capacity.\n",
    );
    assert_eq!(c, ["spending OpenAI → Oracle $30B", "usage OpenAI commits to Oracle"]);
}

// ---------------------------------------------------------------- usage and exclusivity

#[test]
fn usage_verbs() {
    reads("Anthropic trains Claude on Trainium.", &["usage Anthropic uses Trainium"]);
    reads("OpenAI serves ChatGPT from Azure data centres.", &["usage OpenAI uses Azure"]);
    reads("xAI rents H100s from Oracle.", &["usage xAI uses H100", "usage xAI uses Oracle"]);
    reads("Mistral AI deploys its models on Google Cloud.", &["usage Mistral AI uses Google Cloud"]);
    reads("Apple pretrains its foundation models on TPUs.", &["usage Apple uses TPU"]);
}

#[test]
fn products_stand_for_their_makers() {
    reads(
        "Claude runs on Trainium and TPUs.",
        &["usage Anthropic uses Trainium", "usage Anthropic uses TPU"],
    );
    reads("ChatGPT is served exclusively from Azure.", &["usage OpenAI uses Azure (exclusive)"]);
}

#[test]
fn exclusivity_and_its_hedges() {
    reads("Cohere runs only on Oracle Cloud Infrastructure.", &["usage Cohere uses OCI (exclusive)"]);
    reads(
        "Anthropic trains all of its frontier models on Trainium.",
        &["usage Anthropic uses Trainium (exclusive)"],
    );
    reads("Perplexity runs mostly on AWS.", &["usage Perplexity uses AWS"]);
    reads("xAI uses Oracle non-exclusively.", &["usage xAI uses Oracle (nonexclusive)"]);
    reads("OpenAI must use Azure exclusively.", &["usage OpenAI must use Azure (exclusive)"]);
}

#[test]
fn providers_named_as_the_subject() {
    reads("Azure is the only cloud that serves ChatGPT.", &["usage OpenAI uses Azure (exclusive)"]);
    reads(
        "Google Cloud is Anthropic's exclusive cloud provider.",
        &["usage Anthropic uses Google Cloud (exclusive)"],
    );
    reads("AWS is Anthropic's primary cloud provider.", &["usage Anthropic uses AWS"]);
}

#[test]
fn exclusivity_ends() {
    reads("Microsoft's exclusivity with OpenAI ended in January.", &["usage OpenAI uses Azure (ended)"]);
    reads("Azure stopped being OpenAI's only cloud.", &["usage OpenAI uses Azure (ended)"]);
    reads("OpenAI no longer runs exclusively on Azure.", &["usage OpenAI uses Azure (ended)"]);
}

#[test]
fn exclusivity_ends_on_the_date_the_text_gives() {
    reads(
        "Microsoft's exclusivity with OpenAI ended in January 2025.",
        &["usage OpenAI uses Azure (ended in 2025-01)"],
    );
    reads("OpenAI ran exclusively on Azure until 2025.", &["usage OpenAI uses Azure (ended in 2025)"]);
    reads(
        "Azure stopped being OpenAI's only cloud on 2025-01-21.",
        &["usage OpenAI uses Azure (ended in 2025-01-21)"],
    );
}

// ---------------------------------------------------------------- deals called off

#[test]
fn deal_off_and_off_tail() {
    // The deal named, then its end: off_tail after a nominal deal.
    reads(
        "Amazon's $4 billion investment in Anthropic was called off in March 2025.",
        &["investment Amazon → Anthropic $4B; called off in 2025-03"],
    );
    reads(
        "Microsoft's planned investment in Mistral AI has been put on hold.",
        &["investment Microsoft → Mistral AI; called off"],
    );
    // After a verb's deal, in a second clause.
    reads(
        "Nvidia agreed to invest $100 billion in OpenAI, but the deal was never signed.",
        &["investment Nvidia → OpenAI $100B; called off"],
    );
    // deal_off: the investor ends it.
    reads(
        "SoftBank scrapped its planned $20 billion investment in OpenAI.",
        &["investment SoftBank → OpenAI $20B; called off"],
    );
    reads(
        "Microsoft walked away from its Mistral AI deal.",
        &["investment Microsoft → Mistral AI; called off"],
    );
    reads(
        "Google abandoned its plan to invest $2 billion in Anthropic.",
        &["investment Google → Anthropic $2B; called off (planned)"],
    );
    // The end's date after the deal's phrase.
    reads(
        "Amazon froze its $4 billion investment in Anthropic in April 2025.",
        &["investment Amazon → Anthropic $4B; called off in 2025-04"],
    );
    // A deal named by its parties alone, read for its end.
    reads(
        "The proposed Microsoft investment in Mistral AI was cancelled in June 2025.",
        &["investment Microsoft → Mistral AI; called off in 2025-06 (proposed)"],
    );
    // A deal named before, by "the deal": the anaphor's end.
    assert_eq!(
        claims(
            "# Amazon\n\nAmazon agreed to invest $4 billion in Anthropic. The deal was called off in May 2025.\n"
        ),
        ["investment Amazon → Anthropic $4B", "investment Amazon → Anthropic; called off in 2025-05"]
    );
}

#[test]
fn deals_called_off_near_misses() {
    // Doubt or denial is no end, and "did not abandon" states no deal.
    reads(
        "Amazon's investment in Anthropic may be called off.",
        &["investment Amazon → Anthropic (potential)"],
    );
    reads(
        "Amazon's $4 billion investment in Anthropic was not called off.",
        &["investment Amazon → Anthropic $4B"],
    );
    reads_nothing(&[
        "SoftBank did not abandon its plans.",
        "The talks collapsed.",
        // A deal named by its parties alone states nothing unless it ended.
        "The proposed Microsoft investment in Mistral AI is on track.",
    ]);
    // The date of the end is not the deal's year.
    reads(
        "Google's 2024 investment in Anthropic was scrapped in 2025.",
        &["investment Google → Anthropic, 2024; called off in 2025"],
    );
}

#[test]
fn usage_near_misses() {
    reads_nothing(&[
        // Questions and hypotheticals state nothing.
        "Will Anthropic move its training to TPUs?",
        // Own hardware.
        "Google trains Gemini on TPUs.",
    ]);
}

// ---------------------------------------------------------------- conditions

#[test]
fn conditions_and_their_absence() {
    reads(
        "Amazon's $4 billion investment in Anthropic depends on Anthropic using Trainium.",
        &[
            "investment Amazon → Anthropic $4B; contingent on Anthropic using Trainium",
            "usage Anthropic uses Trainium",
        ],
    );
    reads(
        "Nvidia's investment in OpenAI arrives with no conditions attached.",
        &["investment Nvidia → OpenAI; unconditional"],
    );
    reads(
        "Microsoft's stake in Mistral AI comes with no strings.",
        &["investment Microsoft → Mistral AI; unconditional"],
    );
    // Tied to a use: the company bound is the recipient.
    reads(
        "Amazon tied the second $4 billion to Anthropic using Trainium.",
        &[
            "investment Amazon → Anthropic $4B [second]; contingent on Anthropic using Trainium",
            "usage Anthropic uses Trainium",
        ],
    );
}

#[test]
fn rights_that_survive_or_end_at_an_event() {
    let c =
        claims("OpenAI raised money from Microsoft.\n\nMicrosoft's licence outlasts an AGI declaration.\n");
    assert_eq!(
        c[1],
        "investment Microsoft → OpenAI; contingent on Microsoft's licence outlasts an AGI declaration"
    );
    let c =
        claims("OpenAI raised money from Microsoft.\n\nMicrosoft loses its licence once AGI is declared.\n");
    assert_eq!(c.len(), 2, "{c:?}");
}

// ---------------------------------------------------------------- hostile input

#[test]
fn a_list_of_names_cannot_make_the_parse_quadratic() {
    // 2,000 names in one 16 KB sentence: without pest's call limit, the
    // shapes' party lists would be tried at every name.
    let text = format!("{}.", &"Amazon, ".repeat(2_000)[..16_000]);
    let start = std::time::Instant::now();
    let found = claims_in("x.txt", &text);
    assert!(found.is_empty(), "{found:?}");
    assert!(start.elapsed() < std::time::Duration::from_secs(5), "{:?}", start.elapsed());
}

#[test]
fn hostile_documents_are_extracted() {
    let names = "Amazon invested in OpenAI ".repeat(40_000);
    let deals = "Amazon invested $4 billion in Anthropic, and ".repeat(300);
    for text in [names, deals, format!("{}.", "$".repeat(100_000)), "((((".repeat(50_000)] {
        let found = claims_in("x.txt", &text);
        assert!(found.len() <= 600, "{}", found.len());
    }
}

// ---------------------------------------------------------------- the grammar's shortcuts

/// A parse as a list of (rule, start, end), in order: what the reader sees.
fn parse_tree(rule: super::Rule, classes: &str) -> Vec<(super::Rule, usize, usize)> {
    use pest::Parser;
    let pairs = super::ClaimParser::parse(rule, classes).expect("a sentence always parses");
    pairs
        .flatten()
        .filter(|p| !matches!(p.as_rule(), super::Rule::sentence | super::Rule::sentence_reference))
        .map(|p| (p.as_rule(), p.as_span().start(), p.as_span().end()))
        .collect()
}

#[track_caller]
fn same_parse(classes: &str) {
    assert_eq!(
        parse_tree(super::Rule::sentence, classes),
        parse_tree(super::Rule::sentence_reference, classes),
        "{classes}"
    );
}

/// `skip`, `aux_start` and the dispatch by first class only skip attempts
/// that cannot match: on every sentence of the repository's notes, and on
/// random strings of classes, `sentence` parses as `sentence_reference`
/// (every shape tried at every token) does.
#[test]
fn the_shortcuts_do_not_change_the_parse() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut notes = Vec::new();
    for dir in [
        "seeds",
        "tests/corpus/notes",
        "tests/corpus-news/notes",
        "tests/corpus-third/notes",
        "tests/corpus-fourth/notes",
        "tests/fixtures/extract",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        notes.extend(entries.map(|e| e.unwrap().path()));
    }
    assert!(notes.len() > 50, "the notes to compare on are missing");
    let lexicon = Lexicon::builtin();
    let mut sentences = 0;
    let mut real: Vec<String> = Vec::new();
    for path in notes {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = Document::new(path.to_string_lossy(), text);
        let mut trace = Vec::new();
        crate::extract::extract_traced(&doc, lexicon, Some(&mut trace));
        for t in trace.iter().filter(|t| !t.classes.is_empty()) {
            same_parse(&t.classes);
            sentences += 1;
            real.push(t.classes.clone());
        }
    }
    assert!(sentences > 1000, "{sentences} sentences");
    // Variants of real sentences: each from a later token on, and with a
    // possessive name ("Amazon's") read as "its", as another note words it.
    for classes in &real {
        for (i, _) in classes.char_indices().filter(|(_, c)| "OCPdly$@MHjcWb^xTkN{ahnm".contains(*c)) {
            same_parse(&classes[i..]);
        }
        same_parse(&classes.replace("Os", "y").replace("Cs", "y"));
        same_parse(&classes.replace('O', "@").replace('C', "P"));
    }
    // Random strings over every class character, biased to the ones shapes start with.
    let alphabet: Vec<char> = crate::extract::vocab::Class::ALL.iter().map(|(_, b, ..)| *b as char).collect();
    let starts = "OCPdly$@MHjcWb^xTkN{ahnm";
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    // ... and the classes that follow a shape's first in most shapes.
    let common = "sXwoEaUI$iDGKLbt_,yd";
    for _ in 0..40_000 {
        let len = 1 + next(16);
        let s: String = (0..len)
            .map(|_| match next(3) {
                0 => starts.as_bytes()[next(starts.len())] as char,
                1 => common.as_bytes()[next(common.len())] as char,
                _ => alphabet[next(alphabet.len())],
            })
            .collect();
        same_parse(&s);
    }
}
