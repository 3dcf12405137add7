//! From a document's text to claims: prose blocks, sentences, names and
//! amounts, then the grammar that reads claim shapes.

pub mod amount;
pub mod parser;
pub mod prose;
pub mod sentences;

use crate::claims::{ClaimBody, Extraction, Party};
use crate::lexicon::Lexicon;
use crate::source::{Document, Span};

/// Sentences longer than this are not prose a person wrote (a table dumped
/// on one line, a log): names, amounts and misspellings are still read in
/// them, but the grammar does not look for claims.
pub const MAX_SENTENCE_BYTES: usize = 16 * 1024;

/// Reads everything claimlint understands from one document.
pub fn extract(doc: &Document, lexicon: &Lexicon) -> Extraction {
    let prose = prose::prose(doc);
    let text = prose.text.as_str();
    let mut out = Extraction { entities: lexicon.find_entities(text), ..Extraction::default() };
    out.near_misses = lexicon.near_misses_among(text, &out.entities);
    out.suppressions = crate::suppress::parse(&doc.text);

    // Misspelt names still name their entity in a claim.
    let mut names: Vec<Party> = out.entities.clone();
    names.extend(out.near_misses.iter().map(|n| Party { entity: n.entity, span: n.span }));
    names.sort_by_key(|p| p.span);

    let mut last_deals: Option<std::ops::Range<usize>> = None;
    for &block in &prose.blocks {
        for sentence in sentences::split(text, block) {
            let s_text = &text[sentence.range()];
            let mut amounts = amount::find_amounts(s_text);
            for a in &mut amounts {
                a.span = a.span.shift(sentence.start);
            }
            let in_sentence = within(&names, sentence);
            let worth_parsing =
                (in_sentence.len() >= 2 && has_claim_word(s_text)) || mentions_unconditional(s_text);
            if worth_parsing && s_text.len() <= MAX_SENTENCE_BYTES {
                let parsed = parser::Sentence::new(s_text, sentence.start, in_sentence, &amounts);
                let found = parser::parse_sentence(&parsed, lexicon);
                // "The investment is contingent on ...": the last deal named.
                if let Some(range) = last_deals.clone() {
                    for tails in &found.orphan_tails {
                        for claim in &mut out.claims[range.clone()] {
                            if let ClaimBody::Deal(d) = &mut claim.body {
                                d.conditions.extend(tails.conditions.iter().cloned());
                                d.unconditional |= tails.unconditional;
                            }
                        }
                    }
                }
                let start = out.claims.len();
                let has_deal = found.claims.iter().any(|c| matches!(c.body, ClaimBody::Deal(_)));
                out.claims.extend(found.claims);
                for tails in found.orphan_tails {
                    out.claims.extend(tails.usages.into_iter().map(|u| crate::claims::Claim {
                        span: sentence,
                        body: ClaimBody::Usage(u),
                        date: None,
                    }));
                }
                if has_deal {
                    last_deals = Some(start..out.claims.len());
                }
            }
            out.amounts.extend(amounts);
        }
    }
    if let Some(date) = &prose.date {
        for c in &mut out.claims {
            c.date = Some(date.clone());
            if let ClaimBody::Deal(d) = &mut c.body {
                if d.year.is_none() {
                    d.year = date.get(..4).and_then(|y| y.parse().ok());
                }
            }
        }
    }
    out
}

/// The names inside `span`, from a list sorted by position.
fn within(names: &[Party], span: Span) -> &[Party] {
    let start = names.partition_point(|p| p.span.start < span.start);
    let end = names.partition_point(|p| p.span.start < span.end);
    &names[start..end]
}

/// The stems of the words every claim shape in `grammar/claims.pest` needs
/// (its verbs and deal nouns). A sentence with none of them cannot hold a
/// claim, so the grammar never sees it.
const CLAIM_WORDS: &[&str] = &[
    "invest",
    "commit",
    "pledg",
    "pour",
    "inject",
    "put",
    "plow",
    "sink",
    "sank",
    "sunk",
    "funnel",
    "contribut",
    "spend",
    "spent",
    "rais",
    "secur",
    "receiv",
    "took",
    "tak",
    "land",
    "obtain",
    "accept",
    "attract",
    "won",
    "got",
    "get",
    "mak",
    "made",
    "announc",
    "led",
    "lead",
    "sign",
    "ink",
    "struck",
    "strik",
    "clos",
    "finaliz",
    "complet",
    "acquir",
    "bought",
    "buy",
    "back",
    "fund",
    "financ",
    "bankroll",
    "capital",
    "deal",
    "stake",
    "bet",
    "round",
    "injection",
    "infusion",
    "check",
    "cheque",
    "partnership",
    "agreement",
    "contract",
    "tie-up",
    "purchas",
    "takeover",
    "buyout",
    "us",
    "adopt",
    "run",
    "ran",
    "rel",
    "train",
    "rent",
    "deploy",
    "mov",
    "migrat",
    "switch",
    "host",
    "choos",
    "chose",
    "pick",
    "tap",
    "leas",
    "depend",
    "exclusiv",
    "sole",
    "only",
    "provider",
    "partner",
    "supplier",
    "vendor",
    "platform",
    "contingent",
    "conditional",
    "requir",
    "strings",
    "according",
    "tranche",
    "portion",
    "split",
];

static CLAIM_WORD_FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(CLAIM_WORDS)
        .expect("claim words build")
});

/// Whether a word of `s` starts with one of [`CLAIM_WORDS`].
fn has_claim_word(s: &str) -> bool {
    let bytes = s.as_bytes();
    CLAIM_WORD_FINDER
        .find_overlapping_iter(s)
        .any(|m| m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphanumeric())
}

fn mentions_unconditional(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.contains("unconditional") || lower.contains("no strings") || lower.contains("without condition")
}
