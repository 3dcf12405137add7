//! Grammar tests, one table row per grammar rule: inputs it must parse
//! whole, and near misses it must not. Inputs are written with names in
//! `[brackets]` and amounts in `{braces}`; `masked` turns them into the
//! tokens the grammar sees.

use pest::Parser;

use super::{ClaimParser, Rule};

/// "[Amazon]'s {$50B}" → the masked text the grammar parses.
pub(super) fn masked(input: &str) -> String {
    let mut out = String::new();
    let mut chars = input.chars();
    while let Some(c) = chars.next() {
        let (close, head, tail) = match c {
            '[' => (']', '\u{1}', '\u{2}'),
            '{' => ('}', '\u{3}', '\u{4}'),
            _ => {
                out.push(c);
                continue;
            }
        };
        let inner: String = chars.by_ref().take_while(|&x| x != close).collect();
        out.push(head);
        out.extend(std::iter::repeat_n(tail, inner.len().saturating_sub(1)));
    }
    out
}

/// Whether `rule` matches all of `input`. A silent rule leaves no pair to
/// measure, so for it a match of a prefix counts.
fn parses_whole(rule: Rule, input: &str) -> bool {
    let text = masked(input);
    ClaimParser::parse(rule, &text).is_ok_and(|p| {
        let covered = p.as_str().len();
        covered == text.trim_end().len() || (covered == 0 && p.peek().is_none())
    })
}

/// Rule, inputs it parses whole, near misses it must not parse whole.
const CASES: &[(Rule, &[&str], &[&str])] = &[
    (Rule::sentence, &["[Amazon] invested {$4B} in [Anthropic].", "", "No claim here."], &[]),
    (Rule::entity, &["[Amazon]", "[AWS]"], &["Amazon", "{$4B}"]),
    (Rule::amount, &["{$50B}", "{up to $10 billion}"], &["$50B", "[Amazon]"]),
    (Rule::poss, &["'s", "’s", "'"], &["s", "'t"]),
    (Rule::entity_poss, &["[Amazon]'s", "[OpenAI]’s", "[Investors]'"], &["[Amazon] 's", "[Amazon]"]),
    (Rule::word, &["record-breaking", "isn't", "H100"], &["$", ","]),
    (Rule::lword, &["proprietary", "co-branded"], &["Proprietary", "1st"]),
    (Rule::capword, &["AI", "Series"], &["ai", "2023"]),
    (Rule::stopword, &["and", "into", "the", "their", "including"], &["andes", "thermal", "internal"]),
    (Rule::np_word, &["proprietary", "AI", "chips", "Trainium2"], &["and", "for", "exclusively", "the"]),
    (Rule::mod_word, &["custom", "record-breaking"], &["Custom", "into", "the"]),
    (Rule::k_a, &["a", "an", "An"], &["and", "any"]),
    (Rule::k_the, &["the", "The"], &["they", "theme"]),
    (Rule::k_and, &["and"], &["android"]),
    (Rule::k_or, &["or"], &["order"]),
    (Rule::k_both, &["both", "either"], &["bother"]),
    (Rule::k_to, &["to"], &["today"]),
    (Rule::k_in, &["in"], &["into", "inside"]),
    (Rule::k_into, &["into"], &["in", "intoxicate"]),
    (Rule::k_for, &["for"], &["former"]),
    (Rule::k_on, &["on", "upon"], &["once"]),
    (Rule::k_of, &["of"], &["off"]),
    (Rule::k_with, &["with"], &["without"]),
    (Rule::k_by, &["by"], &["bye"]),
    (Rule::k_from, &["from"], &["frombulate"]),
    (Rule::k_like, &["like", "such as", "including"], &["likely"]),
    (Rule::k_led_by, &["led by", "co-led by", "backed by"], &["led", "ledger by"]),
    (Rule::k_but_not, &["but not", "but excluding"], &["but", "but nothing"]),
    (Rule::k_determiner, &["its", "their", "this"], &["it", "these"]),
    (Rule::aux_word, &["is", "plans", "planned", "been", "then"], &["island", "planet", "beenie"]),
    (Rule::obligation, &["must", "obligated", "has to", "committed to"], &["mustard", "has"]),
    (Rule::negation, &["not", "doesn't", "won’t", "no longer", "never"], &["note", "nevertheless"]),
    (Rule::adverb, &["heavily", "contractually"], &["ly", "heavy"]),
    (Rule::talk_noun, &["talks", "discussions", "negotiation"], &["talkshow"]),
    (
        Rule::talks,
        &["in early discussions to", "in talks to", "in advanced negotiations to"],
        &["in talks", "talks to"],
    ),
    (Rule::h_reportedly, &["reportedly", "reported", "allegedly"], &["reporter"]),
    (Rule::h_proposed, &["proposed", "tentative"], &["proposal"]),
    (Rule::h_potential, &["potential", "possible"], &["potentially"]),
    (Rule::h_planned, &["planned", "pending"], &["plane"]),
    (Rule::attribution, &["According to", "according  to"], &["According", "accordingly to"]),
    (Rule::party, &["[Amazon]"], &["Amazon", "[Amazon]'s"]),
    (
        Rule::party_list,
        &["[Amazon]", "[Amazon], [Nvidia], and [SoftBank]", "[Amazon] or [Google]"],
        &["[Amazon],"],
    ),
    (
        Rule::recipients,
        &["[OpenAI]", "its competitor, [Anthropic]", "both [OpenAI] and [Anthropic]"],
        &["a lab"],
    ),
    (Rule::investors, &["[Amazon] and [Microsoft]"], &["Amazon"]),
    (
        Rule::object_list,
        &["[Amazon], [Nvidia] and [SoftBank]", "[Anthropic] and [OpenAI]", "[A], [B], and [C]"],
        &["[Anthropic], and [Google] is investing"],
    ),
    (Rule::clause_start, &["is", "invested", "must"], &["the"]),
    (Rule::use_object, &["its models", "their core AI workloads"], &["models"]),
    (Rule::excluded, &["[Microsoft]"], &["not Microsoft"]),
    (
        Rule::v_invest,
        &["invest", "investing", "committed", "pledged", "poured", "contribute"],
        &["investor", "commitment"],
    ),
    (Rule::v_spend, &["spend", "spent", "spending"], &["spender"]),
    (Rule::v_raise, &["raised", "secured", "received", "took"], &["raiser", "security"]),
    (Rule::v_make, &["made", "making", "announced", "led"], &["maker", "leader"]),
    (Rule::v_acquire, &["acquired", "bought", "buys"], &["acquirer", "buyer"]),
    (
        Rule::deal_noun,
        &["investment", "investments", "stake", "deal", "bet"],
        &["investor", "dealer", "better"],
    ),
    (Rule::funding_noun, &["funding", "round", "fundraising"], &["funder"]),
    (
        Rule::deal_active,
        &[
            "[Amazon] is investing {billions} in [OpenAI]",
            "[Amazon] committed {over $4 billion} to [Anthropic]",
            "[Amazon] is in early discussions to invest {up to $10 billion} in [OpenAI]",
            "[Microsoft] and [NVIDIA] are investing heavily in its competitor, [Anthropic]",
            "[Amazon] plans to spend {$10B} with [Nvidia]",
            "[Microsoft], which has invested {$13 billion} in [OpenAI]",
            "[OpenAI] will spend {$38 billion} on [AWS]",
        ],
        &["[Amazon] is investing in a leading AI lab", "[Amazon] invested {$4B}"],
    ),
    (
        Rule::deal_make,
        &[
            "[Amazon] made a {$4 billion} investment in [Anthropic]",
            "[Amazon] led a new round in [Anthropic]",
        ],
        &["[Amazon] made a decision for [Anthropic]"],
    ),
    (
        Rule::deal_raise,
        &[
            "[OpenAI] raised {$40B} from [SoftBank]",
            "[OpenAI] raised {$6.6 billion} in a round led by [Thrive Capital]",
            "[Anthropic] are simultaneously taking massive investments from direct competitors like [Microsoft] and [Amazon]",
        ],
        &["[OpenAI] raised concerns about [SoftBank]", "[OpenAI] raised {$40B}"],
    ),
    (
        Rule::deal_by,
        &["By investing {billions} in both [OpenAI] and [Anthropic], [Amazon]"],
        &["By investing in research, [Amazon]"],
    ),
    (
        Rule::deal_possessive,
        &[
            "[Amazon]'s proposed {$50B} investment in [OpenAI]",
            "[Amazon]'s {$50B} funding for [OpenAI] was reportedly contingent on [OpenAI] adopting [Trainium]",
            "[Amazon]'s potential {$50 billion} into [OpenAI]",
            "[Amazon]'s potential {$10 billion} bet is not merely an investment in [OpenAI]",
            "[Amazon]'s deal with [OpenAI]",
            "[Amazon]'s massive investments in [Anthropic] and [OpenAI]",
        ],
        &["[Amazon]'s investment is a strategic branding play", "[Amazon]'s stock fell despite strong [AWS]"],
    ),
    (
        Rule::deal_noun_phrase,
        &[
            "a {$10 billion} investment in [OpenAI] by [Amazon]",
            "Investments in [OpenAI] from giants like [Amazon] and [Microsoft]",
            "a {$10 billion} investment from [Microsoft] in [OpenAI]",
        ],
        &["Investments in [OpenAI] are strategic"],
    ),
    (
        Rule::funding_led,
        &[
            "[OpenAI]'s record-breaking funding round, led by [Amazon], [Nvidia], and [SoftBank] but not [Microsoft]",
            "[Anthropic]'s {$4B} round led by [Amazon]",
        ],
        &["[OpenAI]'s funding round, which [Amazon] led"],
    ),
    (
        Rule::tranche,
        &[
            "is split, with a {$35B} portion contingent on [OpenAI] achieving AGI or going public",
            ", with a {$10B} tranche",
        ],
        &["with a {$35B} investment"],
    ),
    (
        Rule::condition,
        &[
            "was reportedly contingent on [OpenAI] adopting [Amazon]'s custom [Tranium] AI chips",
            ", in exchange for equity",
            "requiring [OpenAI] to use [Amazon]'s cloud",
        ],
        &["contingent", "which is large"],
    ),
    (
        Rule::cond_marker,
        &["contingent on", "conditional upon", "in exchange for", "provided that", "requiring", "tied to"],
        &["contingent", "conditions"],
    ),
    (Rule::cond_body, &["[OpenAI] achieving AGI or going public", "an IPO"], &[".", ""]),
    (
        Rule::cond_usage,
        &["[OpenAI] committing to use [Amazon]'s custom AI chips", "[OpenAI] using [AWS] exclusively"],
        &["[OpenAI] achieving AGI"],
    ),
    (Rule::cond_text, &["[OpenAI] achieving AGI, or going public"], &["."]),
    (Rule::k_unconditional, &["unconditional", "unconditionally"], &["unconditionalness"]),
    (
        Rule::unconditional,
        &["is unconditional", ", with no strings attached", "comes without any conditions"],
        &["is conditional", "with strings attached"],
    ),
    (
        Rule::stipulation,
        &["includes a crucial stipulation: [OpenAI] must use [Amazon]'s proprietary [Trainium] AI chips"],
        &["includes a crucial stipulation"],
    ),
    (
        Rule::anaphor,
        &["The investment is reportedly contingent on [OpenAI] committing to use [Amazon]'s custom AI chips"],
        &["The deal isn't just about cloud credits", "The investment is large"],
    ),
    (
        Rule::use_verb,
        &["use", "uses", "adopting", "runs", "relies", "signed with"],
        &["user", "usage", "runner"],
    ),
    (
        Rule::use_phrase,
        &[
            "use",
            "run exclusively on",
            "use to purchase",
            "committing to",
            "rely solely on",
            "trains its models on",
        ],
        &["user of", "exclusively"],
    ),
    (Rule::excl_yes, &["exclusively", "solely", "only", "sole"], &["exclusivity", "lonely"]),
    (Rule::excl_not, &["non-exclusive", "not exclusively", "no longer exclusively"], &["non", "exclusively"]),
    (Rule::excl_hedged, &["almost entirely", "mostly", "largely exclusively"], &["almostly"]),
    (
        Rule::provider,
        &["[Amazon]'s proprietary [Trainium] AI chips", "[AWS]", "the [Azure] cloud", "[Amazon]'s chips"],
        &["the investors' proprietary processors", "[AWS] and [Azure]"],
    ),
    (
        Rule::provider_list,
        &["[AWS] and [Amazon]'s chips", "[Amazon]'s cloud services and proprietary [Trainium] chips"],
        &["proprietary processors"],
    ),
    (Rule::user_noun, &["models", "workloads", "training"], &["modeled", "trainer"]),
    (Rule::user, &["[OpenAI]'s core AI models", "[OpenAI]", "[OpenAI] and [Anthropic]"], &["[OpenAI]'s"]),
    (
        Rule::usage,
        &[
            "[OpenAI] must use [Amazon]'s proprietary [Trainium] AI chips",
            "[OpenAI]'s core AI models are contractually obligated to run exclusively on [Microsoft]'s [Azure] cloud",
            "[OpenAI] will then use to purchase [Amazon]'s cloud services and proprietary [Trainium] chips",
            "[OpenAI] does not use [TPU]s",
            "[OpenAI] uses [Azure] non-exclusively",
        ],
        &[
            "[OpenAI] must use the investors' proprietary processors",
            "[OpenAI] and [Anthropic] are partnering",
        ],
    ),
    (
        Rule::usage_by,
        &["By committing to [AWS] and [Amazon]'s chips, [OpenAI]"],
        &["By committing {$10B} to [Anthropic], [Amazon]"],
    ),
    (
        Rule::provider_is,
        &[
            "[Azure] is [OpenAI]'s exclusive cloud provider",
            "[Microsoft] is the sole cloud provider for [OpenAI]",
        ],
        &["[Azure] is [OpenAI]'s favourite"],
    ),
    (
        Rule::provider_appositive,
        &["[OpenAI]'s exclusive cloud provider, [Microsoft Azure]"],
        &["[OpenAI]'s exclusive cloud"],
    ),
    (Rule::excl_adj, &["exclusive", "non-exclusive", "primary"], &["exclusivity"]),
    (Rule::excl_other, &["primary", "preferred"], &["primarily"]),
    (Rule::provider_noun, &["provider", "providers", "partner"], &["providence"]),
    (
        Rule::exclusivity_change,
        &["[Microsoft]'s exclusivity with [OpenAI] ended", "[Microsoft] exclusivity with [OpenAI] lapsed"],
        &[
            "[Microsoft]'s exclusivity with [OpenAI] continues",
            "[OpenAI] ended its exclusivity with [Microsoft]",
        ],
    ),
    (Rule::excl_end, &["ended", "expired", "lifted"], &["endless"]),
    (Rule::excl_end_verb, &["ended", "gave up", "relinquished"], &["endorsed"]),
    (Rule::preposition, &["of", "into", "towards"], &["offer", "tower"]),
    (Rule::gap_not, &["not"], &["nothing"]),
    (Rule::stipulation_noun, &["stipulation", "conditions", "strings"], &["stipulate"]),
    // Silent rules: they match a prefix, so near misses must fail at the start.
    (Rule::WHITESPACE, &[" ", "\n"], &["x"]),
    (Rule::skip, &["word", "[Amazon]", "$", "qqqq Qqq"], &[""]),
    (Rule::plain, &["q", "qqqq Qqq", "Quarterly"], &["", "the", "4q"]),
    (Rule::prep_object, &["of [OpenAI]", "into [OpenAI]'s"], &["like [OpenAI]", "of them"]),
    (Rule::clause, &["[Amazon] invested {$4B} in [Anthropic]"], &["Amazon invested"]),
    (Rule::wc, &["a", "1"], &["-"]),
    (Rule::wchar, &["a", "-", "'"], &[" "]),
    (Rule::hedge, &["reportedly", "proposed"], &["report"]),
    (Rule::aux, &["is", "not", "must", "heavily"], &["invest"]),
    (Rule::auxs, &["is reportedly", ""], &[]),
    (Rule::lead_in, &["its competitor", ""], &[]),
    (Rule::deal_mod, &["proposed", "record-breaking", "Series"], &["investment", "in"]),
    (Rule::target, &["in", "into", "to", "for", "with"], &["from"]),
    (Rule::gap, &["is not merely an investment", ""], &[]),
    (Rule::deal_mod_gap, &["significant new", ""], &[]),
    (Rule::raise_gap, &["in a new round", ""], &[]),
    (Rule::deal_tail, &["contingent on an IPO", ", with no strings attached"], &["which is large"]),
    (Rule::excl_mark, &["exclusively", "non-exclusively", "almost entirely"], &["exclusivity"]),
    (Rule::excl_word, &["solely"], &["sold"]),
    (Rule::k_as, &["as"], &["ask"]),
    (Rule::k_well, &["well"], &["wells"]),
    (Rule::provider_nouns, &["cloud provider", "partner"], &["cloud"]),
    (Rule::party_or_poss, &["[Microsoft]'s", "[Microsoft]"], &["Microsoft"]),
    (Rule::k_over, &["over"], &["overall"]),
    (
        Rule::subject_clause,
        &[
            "[Amazon] is investing {$4B} in [Anthropic]",
            "[OpenAI] must use [AWS]",
            "[OpenAI] ended its exclusivity with [Microsoft]",
        ],
        &["[Amazon] is"],
    ),
    (Rule::subject, &["[Amazon] and [Google]"], &["Amazon"]),
    (Rule::predicate, &["invested {$4B} in [Anthropic]", "use [AWS]"], &["is"]),
    (Rule::p_active, &["invested {$4B} in [Anthropic]"], &["invested"]),
    (Rule::p_make, &["made a {$4B} investment in [Anthropic]"], &["made a decision"]),
    (Rule::p_led, &["led [OpenAI]'s {$40B} round"], &["led [OpenAI]"]),
    (Rule::p_backed, &["backed by [Amazon]"], &["backed"]),
    (Rule::p_raise, &["raised {$40B} from [SoftBank]"], &["raised {$40B}"]),
    (Rule::p_usage, &["run exclusively on [Azure]"], &["run"]),
    (Rule::p_provider_is, &["the sole cloud provider for [OpenAI]"], &["the sole"]),
    (Rule::p_excl_end, &["ended its exclusivity with [Microsoft]"], &["ended"]),
    (Rule::usage_poss, &["[OpenAI]'s models run on [Azure]"], &["[OpenAI] runs on [Azure]"]),
    (Rule::user_poss, &["[OpenAI]'s core AI models"], &["[OpenAI]"]),
    (Rule::clause_head, &["[Amazon]", "{$4B}", "By", "the", "investment", "According"], &["Massive", "in"]),
    (Rule::k_this_that, &["this", "That"], &["thistle"]),
    (Rule::relative, &[", which", ", who"], &["which"]),
    (Rule::k_funded_by, &["backed by", "funded by"], &["backed", "led by"]),
    (Rule::deal_led, &["[SoftBank] led [OpenAI]'s {$40 billion} round"], &["[SoftBank] led [OpenAI]'s team"]),
    (
        Rule::deal_backed,
        &["[Anthropic], backed by [Amazon] and [Google]", "[OpenAI] was funded by [Microsoft]"],
        &["[OpenAI] is led by [Sam Altman]"],
    ),
    (Rule::k_exclusivity, &["exclusivity", "exclusive rights"], &["exclusive"]),
];

#[test]
fn every_rule_parses_its_cases_and_rejects_near_misses() {
    let mut wrong = Vec::new();
    for (rule, good, bad) in CASES {
        for input in *good {
            if !parses_whole(*rule, input) {
                wrong.push(format!("{rule:?} should parse {input:?}"));
            }
        }
        for input in *bad {
            if parses_whole(*rule, input) {
                wrong.push(format!("{rule:?} should not parse {input:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The grammar reads a sentence with its plain words spelt with `q`
/// (`words.rs`) the way it reads the sentence as written: same pairs, same
/// spans. Checked for every input of the rule table, as a whole sentence
/// and for its own rule. Only `word` pairs may differ: the skipped text
/// between claims is `word`s as written and one `plain` step when marked,
/// and nothing reads a `word` pair.
#[test]
fn plain_words_parse_as_written() {
    use super::words::mark_plain_words;
    let tokens = |rule: Rule, text: &str| {
        ClaimParser::parse(rule, text)
            .map(|pairs| {
                pairs
                    .flatten()
                    .filter(|p| p.as_rule() != Rule::word)
                    .map(|p| (p.as_rule(), p.as_span().start(), p.as_span().end()))
                    .collect::<Vec<_>>()
            })
            .ok()
    };
    let mut wrong = Vec::new();
    for (rule, good, bad) in CASES {
        for input in good.iter().chain(bad.iter()) {
            let text = masked(input);
            let marked = mark_plain_words(&text);
            for r in [*rule, Rule::sentence] {
                if tokens(r, &text) != tokens(r, &marked) {
                    wrong.push(format!("{r:?}: {input:?} read as {marked:?}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every keyword of the rules grouped by first letter in the grammar, in full.
const KEYWORDS: &[(Rule, &[&str])] = &[
    (
        Rule::stopword,
        &[
            "including",
            "although",
            "because",
            "meaning",
            "against",
            "despite",
            "whereas",
            "before",
            "though",
            "which",
            "while",
            "would",
            "their",
            "where",
            "after",
            "under",
            "into",
            "with",
            "from",
            "that",
            "were",
            "will",
            "this",
            "than",
            "have",
            "been",
            "when",
            "over",
            "like",
            "and",
            "but",
            "for",
            "are",
            "was",
            "the",
            "its",
            "not",
            "has",
            "had",
            "via",
            "who",
            "or",
            "to",
            "in",
            "on",
            "by",
            "as",
            "of",
            "is",
            "an",
            "it",
            "if",
            "so",
            "be",
            "at",
            "a",
        ],
    ),
    (
        Rule::aux_word,
        &[
            "simultaneously",
            "previously",
            "currently",
            "planning",
            "expected",
            "recently",
            "together",
            "already",
            "planned",
            "expects",
            "intends",
            "looking",
            "seeking",
            "finally",
            "jointly",
            "should",
            "agreed",
            "agrees",
            "poised",
            "likely",
            "would",
            "could",
            "might",
            "shall",
            "still",
            "being",
            "plans",
            "wants",
            "later",
            "first",
            "again",
            "going",
            "about",
            "ready",
            "were",
            "have",
            "will",
            "also",
            "then",
            "just",
            "been",
            "plan",
            "aims",
            "said",
            "says",
            "does",
            "once",
            "each",
            "are",
            "was",
            "has",
            "had",
            "can",
            "may",
            "now",
            "set",
            "did",
            "all",
            "is",
            "to",
            "be",
            "do",
        ],
    ),
    (
        Rule::preposition,
        &[
            "between", "against", "towards", "through", "toward", "beyond", "behind", "about", "among",
            "into", "from", "with", "than", "over", "for", "via", "of", "in", "to", "on", "at",
        ],
    ),
    (
        Rule::deal_noun,
        &[
            "investments",
            "investment",
            "funding",
            "financing",
            "stake",
            "bets",
            "bet",
            "deals",
            "deal",
            "round",
            "injection",
            "infusion",
            "commitments",
            "commitment",
            "backing",
            "check",
            "cheque",
            "partnership",
            "pledge",
            "contribution",
            "agreement",
            "contract",
            "tie-up",
            "acquisition",
            "purchase",
            "buyout",
            "takeover",
            "raise",
            "capital",
        ],
    ),
];

#[test]
fn grouped_keyword_rules_match_every_keyword() {
    let mut wrong = Vec::new();
    for (rule, words) in KEYWORDS {
        for w in *words {
            for input in [w.to_string(), w.to_ascii_uppercase()] {
                if !parses_whole(*rule, &input) {
                    wrong.push(format!("{rule:?} should parse {input:?}"));
                }
            }
            // A keyword is a whole word: with a letter or hyphen after it, it is another word.
            for longer in [format!("{w}x"), format!("{w}-")] {
                if parses_whole(*rule, &longer) {
                    wrong.push(format!("{rule:?} should not parse {longer:?}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_grammar_rule_has_cases() {
    // Rules used only inside atomic tokens have no pairs of their own.
    const INTERNAL: &[Rule] = &[Rule::EOI];
    let missing: Vec<Rule> = Rule::all_rules()
        .iter()
        .copied()
        .filter(|r| !INTERNAL.contains(r) && !CASES.iter().any(|(c, _, _)| c == r))
        .collect();
    assert!(missing.is_empty(), "grammar rules without test cases: {missing:?}");
}

#[test]
fn hostile_input_stays_bounded() {
    // The grammar scans linearly: each position tries the claim shapes once.
    // Once `parse_sentence` has run, the call limit (`MAX_PARSE_CALLS`) also
    // stops a parse this long, with an error rather than a panic.
    for input in ["$".repeat(20_000), "9".repeat(1_000_000), "(".repeat(20_000), "a ".repeat(20_000)] {
        match ClaimParser::parse(Rule::sentence, &input) {
            Ok(_) => {}
            Err(e) => assert!(e.to_string().contains("call limit reached"), "{e}"),
        }
    }
}

#[test]
fn a_list_of_names_cannot_make_the_parse_quadratic() {
    use crate::extract::extract;
    use crate::lexicon::Lexicon;
    use crate::source::Document;
    // 2,000 names in one 16 KB sentence: pest's backtracking over party
    // lists took seconds per sentence before the call limit.
    let text = format!("{}.", &"Amazon, ".repeat(2_000)[..16_000]);
    let start = std::time::Instant::now();
    let ex = extract(&Document::new("x.txt", text), Lexicon::builtin());
    assert!(ex.claims.is_empty());
    assert!(start.elapsed() < std::time::Duration::from_secs(5), "{:?}", start.elapsed());
}

#[test]
fn hostile_documents_are_extracted() {
    use crate::extract::extract;
    use crate::lexicon::Lexicon;
    use crate::source::Document;
    let names = "Amazon invested in OpenAI ".repeat(40_000);
    for text in [names, format!("{}.", "$".repeat(100_000)), "((((".repeat(50_000)] {
        let ex = extract(&Document::new("x.txt", text), Lexicon::builtin());
        assert!(ex.claims.len() <= 1);
    }
}

/// Claims read from whole sentences, summarised.
fn claims(text: &str) -> Vec<String> {
    use crate::claims::ClaimBody;
    use crate::lexicon::Lexicon;
    let lex = Lexicon::builtin();
    let ex = crate::extract::extract(&crate::source::Document::new("t.txt", text), lex);
    ex.claims
        .iter()
        .map(|c| match &c.body {
            ClaimBody::Deal(d) => format!(
                "{} {}->{}{}",
                if d.negated { "not" } else { "deal" },
                lex.name(d.investor.entity),
                lex.name(d.recipient.entity),
                d.amount.as_ref().map(|a| format!(" {}", a.describe())).unwrap_or_default()
            ),
            ClaimBody::Usage(u) => format!(
                "use {}->{} {:?}",
                lex.name(u.user.entity),
                lex.name(u.provider.entity),
                u.exclusivity
            ),
        })
        .collect()
}

#[test]
fn lists_of_recipients_end_where_a_new_clause_starts() {
    assert_eq!(
        claims("Amazon's massive investments in Anthropic and OpenAI are not just bets."),
        ["deal Amazon->Anthropic", "deal Amazon->OpenAI"]
    );
    assert_eq!(
        claims("Amazon is investing $4 billion in Anthropic, and Google is investing $2 billion."),
        ["deal Amazon->Anthropic $4B"]
    );
}

#[test]
fn negated_investors_are_kept_apart() {
    assert_eq!(
        claims("OpenAI's funding round, led by Amazon and SoftBank but not Microsoft, closed."),
        ["deal Amazon->OpenAI", "deal SoftBank->OpenAI", "not Microsoft->OpenAI"]
    );
}
