//! Which masked sentences can hold a claim, decided without the grammar.
//!
//! The grammar (`grammar/claims.pest`) costs some 250,000 instructions per
//! sentence, and two in five sentences that reach it hold no claim. Every
//! claim shape needs words of its own: a deal or usage verb, a provider
//! noun, "exclusivity" and a verb that ends it, a deal noun with "by" or
//! "from", a name with a possessive followed by "in" or "to" and a name. A
//! sentence with none of these combinations gives the grammar nothing to
//! find, so [`may_hold_claim`] lets it skip the parse.
//!
//! The test must never be stricter than the grammar: every word list below
//! is taken from the grammar's own literals (the first literal of each
//! alternative, so that a stem covers all its endings), and a word counts
//! wherever the grammar could start reading it.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{ENTITY_HEAD, ENTITY_TAIL};

/// Word classes, one bit each.
type Class = u16;
/// `v_invest`, `v_spend`, `v_raise`, `v_make`, `k_funded_by`, `k_led_by`:
/// the verbs of `p_active`, `deal_by`, `p_raise`, `p_led`, `p_make`,
/// `p_backed` and `funding_led`.
const DEAL_VERB: Class = 1;
/// `use_verb`: `p_usage`, `usage_poss`, `usage_by`.
const USE_VERB: Class = 1 << 1;
/// `provider_noun`: `p_provider_is`, `provider_appositive`.
const PROVIDER_NOUN: Class = 1 << 2;
/// `k_exclusivity`.
const EXCLUSIVITY: Class = 1 << 3;
/// `excl_end`, `excl_end_verb`.
const EXCL_END: Class = 1 << 4;
/// `deal_noun`: `deal_noun_phrase`, `anaphor`.
const DEAL_NOUN: Class = 1 << 5;
/// `k_by`, `k_from`: `deal_noun_phrase` names its investors after them.
const BY_FROM: Class = 1 << 6;
/// `k_the`, `k_this_that`: how an `anaphor` starts.
const DETERMINER: Class = 1 << 7;
/// `cond_marker`, `unconditional`, `stipulation_noun`: an `anaphor`'s tail.
const TAIL: Class = 1 << 8;

/// Word stems and their classes. A stem counts at the start of a word (the
/// byte before it is not an ASCII letter or digit), except for [`TAIL`]
/// stems, which count anywhere: the tails are non-atomic rules, so pest
/// lets their literals touch ("with nostrings").
const STEMS: &[(&str, Class)] = &[
    // v_invest, v_spend
    ("invest", DEAL_VERB),
    ("commit", DEAL_VERB | USE_VERB),
    ("pledg", DEAL_VERB),
    ("pour", DEAL_VERB),
    ("inject", DEAL_VERB),
    ("put", DEAL_VERB),
    ("plow", DEAL_VERB),
    ("sink", DEAL_VERB),
    ("sank", DEAL_VERB),
    ("funnel", DEAL_VERB),
    ("contribut", DEAL_VERB),
    ("spend", DEAL_VERB),
    ("spent", DEAL_VERB),
    // v_raise
    ("rais", DEAL_VERB),
    ("secur", DEAL_VERB),
    ("receiv", DEAL_VERB),
    ("took", DEAL_VERB),
    ("tak", DEAL_VERB),
    ("land", DEAL_VERB),
    ("obtain", DEAL_VERB),
    ("accept", DEAL_VERB),
    ("attract", DEAL_VERB),
    ("won", DEAL_VERB),
    ("got", DEAL_VERB),
    ("get", DEAL_VERB),
    // v_make
    ("sign", DEAL_VERB | USE_VERB),
    ("ink", DEAL_VERB),
    ("struck", DEAL_VERB),
    ("strik", DEAL_VERB),
    ("clos", DEAL_VERB),
    ("finaliz", DEAL_VERB),
    ("complet", DEAL_VERB),
    ("mak", DEAL_VERB),
    ("made", DEAL_VERB),
    ("announc", DEAL_VERB),
    ("led", DEAL_VERB),
    ("lead", DEAL_VERB),
    // k_funded_by, k_led_by
    ("backed", DEAL_VERB),
    ("funded", DEAL_VERB),
    ("financed", DEAL_VERB),
    ("bankrolled", DEAL_VERB),
    ("capitalized", DEAL_VERB),
    ("capitalised", DEAL_VERB),
    ("co-led", DEAL_VERB),
    ("anchored", DEAL_VERB),
    // use_verb
    ("us", USE_VERB),
    ("adopt", USE_VERB),
    ("run", USE_VERB),
    ("ran", USE_VERB),
    ("rel", USE_VERB),
    ("train", USE_VERB),
    ("buy", USE_VERB),
    ("bought", USE_VERB),
    ("purchas", USE_VERB),
    ("rent", USE_VERB),
    ("deploy", USE_VERB),
    ("mov", USE_VERB),
    ("migrat", USE_VERB),
    ("switch", USE_VERB),
    ("host", USE_VERB | PROVIDER_NOUN),
    ("choos", USE_VERB),
    ("chose", USE_VERB),
    ("pick", USE_VERB),
    ("tap", USE_VERB),
    ("lease", USE_VERB),
    ("leasing", USE_VERB),
    ("depend", USE_VERB),
    // provider_noun
    ("provider", PROVIDER_NOUN),
    ("partner", PROVIDER_NOUN),
    ("supplier", PROVIDER_NOUN),
    ("vendor", PROVIDER_NOUN),
    ("platform", PROVIDER_NOUN),
    // k_exclusivity
    ("exclusiv", EXCLUSIVITY),
    // excl_end, excl_end_verb
    ("end", EXCL_END),
    ("expir", EXCL_END),
    ("lapsed", EXCL_END),
    ("lifted", EXCL_END),
    ("over", EXCL_END),
    ("gone", EXCL_END),
    ("drop", EXCL_END),
    ("removed", EXCL_END),
    ("waive", EXCL_END),
    ("relaxed", EXCL_END),
    ("loosened", EXCL_END),
    ("gave", EXCL_END),
    ("gives", EXCL_END),
    ("lost", EXCL_END),
    ("loses", EXCL_END),
    ("relinquished", EXCL_END),
    // deal_noun
    ("investment", DEAL_NOUN),
    ("funding", DEAL_NOUN),
    ("financing", DEAL_NOUN),
    ("stake", DEAL_NOUN),
    ("bet", DEAL_NOUN),
    ("deal", DEAL_NOUN),
    ("round", DEAL_NOUN),
    ("injection", DEAL_NOUN),
    ("infusion", DEAL_NOUN),
    ("commitment", DEAL_NOUN),
    ("backing", DEAL_NOUN),
    ("check", DEAL_NOUN),
    ("cheque", DEAL_NOUN),
    ("partnership", DEAL_NOUN),
    ("pledge", DEAL_NOUN),
    ("contribution", DEAL_NOUN),
    ("agreement", DEAL_NOUN),
    ("contract", DEAL_NOUN),
    ("tie-up", DEAL_NOUN),
    ("acquisition", DEAL_NOUN),
    ("purchase", DEAL_NOUN),
    ("buyout", DEAL_NOUN),
    ("takeover", DEAL_NOUN),
    ("raise", DEAL_NOUN),
    ("capital", DEAL_NOUN),
    // k_by, k_from
    ("by", BY_FROM),
    ("from", BY_FROM),
    // k_the, k_this_that
    ("the", DETERMINER),
    ("this", DETERMINER),
    ("that", DETERMINER),
    // cond_marker, unconditional, stipulation_noun
    ("contingent", TAIL),
    ("condition", TAIL),
    ("dependent", TAIL),
    ("exchange", TAIL),
    ("return", TAIL),
    ("provid", TAIL),
    ("long", TAIL),
    ("tied", TAIL),
    ("requir", TAIL),
    ("subject", TAIL),
    ("strings", TAIL),
    ("stipulation", TAIL),
    ("requirement", TAIL),
    ("clause", TAIL),
    ("caveat", TAIL),
    ("catch", TAIL),
    ("string", TAIL),
];

/// The words `target` accepts between a deal and its recipient.
const TARGETS: &[&str] = &["into", "upon", "with", "for", "in", "to", "on"];

static STEM_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(STEMS.iter().map(|(stem, _)| stem))
        .expect("gate stems build")
});

/// Whether the grammar could find a claim (or a tail for the last deal) in
/// `masked`, a sentence with its names and amounts masked.
pub fn may_hold_claim(masked: &str) -> bool {
    let bytes = masked.as_bytes();
    let mut classes: Class = 0;
    for m in STEM_FINDER.find_overlapping_iter(masked) {
        let class = STEMS[m.pattern().as_usize()].1;
        if class == TAIL || starts_word(bytes, m.start()) {
            classes |= class;
        }
    }
    let has = |c: Class| classes & c != 0;
    has(DEAL_VERB | USE_VERB | PROVIDER_NOUN)
        || has(EXCLUSIVITY) && has(EXCL_END)
        || has(DEAL_NOUN) && (has(BY_FROM) || has(DETERMINER) && has(TAIL))
        || possessive_deal(bytes)
}

/// Whether a byte offset can start a word the grammar reads: pest tries
/// words after spaces, punctuation and masked tokens, never after a letter.
fn starts_word(bytes: &[u8], at: usize) -> bool {
    at == 0 || !bytes[at - 1].is_ascii_alphanumeric()
}

/// Whether a byte can continue a word (a subset of the grammar's `wchar`).
fn continues_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'\'')
}

/// What `deal_possessive` needs when no deal word is present: a name with
/// a possessive, then a target word ("in", "to", ...), then a name.
fn possessive_deal(bytes: &[u8]) -> bool {
    let Some(first_poss) = (1..bytes.len()).find(|&i| {
        matches!(bytes[i - 1], ENTITY_HEAD | ENTITY_TAIL)
            && (bytes[i] == b'\'' || bytes[i..].starts_with("’".as_bytes()))
    }) else {
        return false;
    };
    let Some(last_entity) = bytes.iter().rposition(|&b| b == ENTITY_HEAD) else { return false };
    (first_poss..last_entity).any(|i| {
        starts_word(bytes, i)
            && TARGETS.iter().any(|t| {
                let end = i + t.len();
                bytes.len() > end
                    && bytes[i..end].eq_ignore_ascii_case(t.as_bytes())
                    && !continues_word(bytes[end])
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::parser::tests::masked;

    #[test]
    fn sentences_with_claim_words_pass() {
        for s in [
            "[Amazon] invested {$4B} in [Anthropic].",
            "[OpenAI] must use [AWS].",
            "[Azure] is [OpenAI]'s exclusive cloud provider.",
            "[Microsoft]'s exclusivity with [OpenAI] ended.",
            "a {$10 billion} investment in [OpenAI] by [Amazon]",
            "The investment is contingent on [OpenAI] adopting [Trainium].",
            "[Amazon]'s {$50 billion} into [OpenAI].",
            "[Anthropic]'s {$4B} round anchored by [Amazon]",
        ] {
            assert!(may_hold_claim(&masked(s)), "{s}");
        }
    }

    #[test]
    fn sentences_without_claim_shapes_are_skipped() {
        for s in [
            "Regulators in [US] and [EU] are watching [Amazon] warily.",
            "[Amazon]'s stock fell despite strong [AWS] results.",
            "The deal is about [OpenAI] and [Microsoft].",
            "[OpenAI]'s models are popular, [Google] says.",
            "[Amazon]'s view is unchanged: [Anthropic].",
        ] {
            assert!(!may_hold_claim(&masked(s)), "{s}");
        }
    }

    #[test]
    fn stems_count_only_at_word_starts() {
        assert!(!may_hold_claim(&masked("[A] and [B] reinvest.")));
        assert!(may_hold_claim(&masked("[A] and [B] re-invest.")));
        assert!(may_hold_claim(&masked("[A][B]invested.")));
    }

    #[test]
    fn tails_count_anywhere() {
        assert!(may_hold_claim(&masked("The deal comes with nostrings attached.")));
        assert!(!may_hold_claim(&masked("The deal comes with no fuss.")));
    }
}
