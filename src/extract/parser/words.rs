//! Plain words: the words no keyword of the grammar can match, found once
//! per sentence in Rust and spelt with `q` so the grammar can pass over
//! them cheaply.
//!
//! pest tries the claim shapes' keyword rules (`stopword`, `aux_word`,
//! `deal_noun`, `preposition`, …) at nearly every word, and a word that
//! matches none of them, which is half the words of a note, fails dozens
//! of literals each time. [`mark_plain_words`] writes every ASCII letter of
//! such a word as `q` (lower case) or `Q` (upper case): character classes
//! (`LETTER`, `LOWERCASE_LETTER`, `wchar`) read the word as before, no
//! keyword starts with a `q`, and the grammar takes a short way over a word
//! that starts with one (`plain`, the `q` branches of `mod_word` and
//! `np_word`). The masked sentence keeps its byte length, so spans are
//! unchanged; code that reads a word's text reads `Sentence::masked`.
//!
//! The test is conservative: a word stays as written when any keyword
//! could match at its start, when it could be an `adverb` (it ends in
//! "ly"), or when it holds a character other than ASCII letters, digits,
//! `_`, `-`, `'` and `’` (so that where it starts and ends is certain).

use std::sync::LazyLock;

/// Stems of the grammar's literals that may match part of a longer word:
/// the start of every literal that `!wchar` does not close, including
/// those of non-atomic rules (where implicit whitespace lets the next
/// literal touch: "with nostrings"), every stem with an ending group
/// (`^"invest" ~ (^"ing" | ^"ed" | ^"s")?` gives "invest"), and every word
/// after the first of a literal with spaces ("no longer" gives "longer").
/// A word that starts with one of these, or is the start of one, is not plain.
const PREFIXES: &[&str] = &[
    "accept",
    "according",
    "acquir",
    "adopt",
    "almost",
    "anchored",
    "announc",
    "any",
    "are",
    "arrangement",
    "as",
    "attached",
    "attract",
    "backed",
    "bankrolled",
    "be",
    "but",
    "buy",
    "ca",
    "choos",
    "chunk",
    "clos",
    "co-led",
    "comes",
    "commit",
    "complet",
    "condition",
    "contingent",
    "contribut",
    "could",
    "deal",
    "depend",
    "deploy",
    "did",
    "divided",
    "do",
    "exchange",
    "exclusively",
    "finaliz",
    "financed",
    "for",
    "funded",
    "funnel",
    "had",
    "has",
    "have",
    "host",
    "include",
    "inject",
    "ink",
    "installment",
    "instalment",
    "invest",
    "is",
    "land",
    "largely",
    "lease",
    "led",
    "long",
    "mainly",
    "mak",
    "migrat",
    "more",
    "mostly",
    "mov",
    "nearly",
    "no",
    "obtain",
    "only",
    "part",
    "pick",
    "pledg",
    "plow",
    "portion",
    "pour",
    "predominantly",
    "primarily",
    "purchas",
    "put",
    "rais",
    "receiv",
    "rel",
    "rent",
    "requires",
    "return",
    "rights",
    "run",
    "secur",
    "share",
    "should",
    "sign",
    "sink",
    "slice",
    "solely",
    "spend",
    "split",
    "strik",
    "strings",
    "structured",
    "switch",
    "tak",
    "tap",
    "that",
    "the",
    "to",
    "train",
    "tranche",
    "up",
    "us",
    "was",
    "were",
    "which",
    "with",
    "wo",
];

/// Literals that `!wchar` closes (a whole keyword: "the", "into",
/// "investments"), spelt out in full where the grammar groups them by first
/// letter. A word equal to one of these, or the start of one ("such" of
/// "such as"), is not plain.
const WORDS: &[&str] = &[
    "a",
    "about",
    "acquisition",
    "after",
    "again",
    "against",
    "agreed",
    "agreed to",
    "agreement",
    "agrees",
    "aims",
    "all",
    "allegedly",
    "already",
    "also",
    "although",
    "among",
    "an",
    "and",
    "api",
    "apparently",
    "apps",
    "at",
    "backing",
    "biggest",
    "both",
    "bought",
    "bound",
    "by",
    "chatbot",
    "check",
    "cheque",
    "chief",
    "chose",
    "clause",
    "cluster",
    "clusters",
    "compute",
    "contract",
    "contractually",
    "currently",
    "despite",
    "discussions",
    "draft",
    "dropped",
    "drops",
    "each",
    "either",
    "ended",
    "ends",
    "entirely",
    "excluding",
    "exclusive",
    "exclusive arrangement",
    "exclusive
    deal",
    "exclusive rights",
    "exclusivity",
    "expected",
    "expects",
    "expired",
    "expires",
    "finally",
    "financing",
    "first",
    "from",
    "funding",
    "fundraise",
    "fundraising",
    "gave up",
    "gets",
    "getting",
    "gives up",
    "going",
    "gone",
    "got",
    "her",
    "his",
    "if",
    "in",
    "in exchange for",
    "in return for",
    "including",
    "inference",
    "infrastructure",
    "infusion",
    "intended",
    "intends",
    "into",
    "it",
    "its",
    "jointly",
    "just",
    "key",
    "lapsed",
    "largest",
    "later",
    "leading",
    "leads",
    "leasing",
    "lifted",
    "like",
    "likely",
    "looking",
    "loosened",
    "loses",
    "lost",
    "ly",
    "made",
    "main",
    "may",
    "meaning",
    "might",
    "model",
    "models",
    "mooted",
    "must",
    "need",
    "needs",
    "negotiation",
    "negotiations",
    "never",
    "obligated",
    "obliged",
    "of",
    "on",
    "on condition that",
    "on the condition that",
    "once",
    "operations",
    "or",
    "over",
    "pending",
    "plan",
    "planned",
    "planning",
    "plans",
    "platform",
    "poised",
    "possible",
    "potential",
    "preferred",
    "previously",
    "primary",
    "principal",
    "products",
    "proposed",
    "prospective",
    "provided that",
    "provider",
    "providers",
    "providing that",
    "provision",
    "provisions",
    "ran",
    "ready",
    "recently",
    "removed",
    "reported",
    "reportedly",
    "required",
    "requirement",
    "requirements",
    "requiring",
    "research",
    "round",
    "rumored",
    "rumoured",
    "said",
    "said to be",
    "sank",
    "says",
    "seeking",
    "services",
    "set",
    "shall",
    "simultaneously",
    "so",
    "sole",
    "spent",
    "stake",
    "still",
    "stipulation",
    "stipulations",
    "string",
    "struck",
    "subject to",
    "such
    as",
    "supplier",
    "supposedly",
    "systems",
    "talks",
    "tentative",
    "than",
    "this",
    "though",
    "through",
    "tie-up",
    "tied to",
    "unconditional",
    "unconditionally",
    "under",
    "vendor",
    "via",
    "waived",
    "waives",
    "wants",
    "well",
    "when",
    "where",
    "whereas",
    "while",
    "who",
    "will",
];

/// A keyword, lower case, and whether it may match the start of a longer word.
type Keyword = (&'static [u8], bool);

/// The keywords of [`PREFIXES`] and [`WORDS`] by first letter, each with
/// whether it may match the start of a longer word.
static BY_FIRST_LETTER: LazyLock<[Vec<Keyword>; 26]> = LazyLock::new(|| {
    let mut table: [Vec<Keyword>; 26] = Default::default();
    let all = PREFIXES.iter().map(|p| (p, true)).chain(WORDS.iter().map(|w| (w, false)));
    for (keyword, is_prefix) in all {
        let first = keyword.as_bytes()[0];
        table[usize::from(first - b'a')].push((keyword.as_bytes(), is_prefix));
    }
    table
});

/// Whether a character belongs to a word for the grammar (`wchar`), or may:
/// `LETTER` and `NUMBER` are Unicode categories, and every character of
/// theirs is alphanumeric, so a character outside this set never continues
/// a word of the grammar.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '\'' | '’')
}

/// Whether `word` (a whole run of word characters, starting with an ASCII
/// letter) is plain: no keyword rule of the grammar can match at its start.
pub(super) fn is_plain(word: &str) -> bool {
    let bytes = word.as_bytes();
    let ascii_word = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'\'');
    if !bytes.iter().all(ascii_word)
        && !word.chars().all(|c| c == '’' || c.is_ascii() && ascii_word(&(c as u8)))
    {
        return false;
    }
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    // `adverb`: lower-case letters up to a final "ly".
    if bytes.len() >= 2 && bytes[bytes.len() - 2..].eq_ignore_ascii_case(b"ly") {
        return false;
    }
    // No keyword is longer than this, so the rest of a word never decides.
    let mut lower = [0u8; 24];
    let head = &mut lower[..bytes.len().min(24)];
    head.copy_from_slice(&bytes[..head.len()]);
    head.make_ascii_lowercase();
    let candidates = &BY_FIRST_LETTER[usize::from(head[0] - b'a')];
    !candidates.iter().any(|&(keyword, is_prefix)| {
        let n = keyword.len().min(head.len());
        // The word is the start of the keyword, or the keyword the start of the word.
        (n < 2 || head[1] == keyword[1])
            && head[..n] == keyword[..n]
            && (bytes.len() <= keyword.len() || is_prefix)
    })
}

/// `masked` with every ASCII letter of its plain words written `q` or `Q`.
pub(super) fn mark_plain_words(masked: &str) -> String {
    let mut out = masked.as_bytes().to_vec();
    let mut start = None;
    for (i, c) in masked.char_indices().chain(std::iter::once((masked.len(), ' '))) {
        match (in_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if is_plain(&masked[s..i]) {
                    for b in &mut out[s..i] {
                        if b.is_ascii_lowercase() {
                            *b = b'q';
                        } else if b.is_ascii_uppercase() {
                            *b = b'Q';
                        }
                    }
                }
                start = None;
            }
            _ => {}
        }
    }
    // Only ASCII letters were replaced, by ASCII letters.
    String::from_utf8(out).expect("marking keeps UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_lists_are_lower_case_and_start_with_a_letter() {
        for k in PREFIXES.iter().chain(WORDS) {
            assert!(k.starts_with(|c: char| c.is_ascii_lowercase()), "{k}");
            assert!(k.len() <= 24, "{k}");
            assert_eq!(*k, k.to_ascii_lowercase(), "{k}");
        }
    }

    #[test]
    fn ordinary_words_are_plain() {
        for w in ["proprietary", "Analysts", "H100", "record-breaking", "chips"] {
            assert!(is_plain(w), "{w}");
        }
    }

    #[test]
    fn keywords_and_their_starts_are_not_plain() {
        for w in [
            "the",
            "The",
            "a",
            "an",
            "into",
            "investments",
            "invested",
            "Investing",
            "such",
            "longer",
            "exchange",
            "attached",
            "nostrings",
            "withdrawn",
            "doesn't",
            "heavily",
            "Reportedly",
            "is",
            "according",
            "accordingly",
            "co-led",
        ] {
            assert!(!is_plain(w), "{w}");
        }
    }

    #[test]
    fn words_a_keyword_only_starts_are_plain() {
        // `k_a` and `k_and` need the word to end after them; "deal", a later
        // word of "exclusive deal", counts as the start of a longer word.
        assert!(is_plain("amazing"));
        assert!(is_plain("android"));
        assert!(!is_plain("dealer"));
    }

    #[test]
    fn words_with_other_characters_stay() {
        for w in ["naïve", "café", "Zürich", "1st", "_x", "-x"] {
            assert!(!is_plain(w), "{w}");
        }
    }

    #[test]
    fn marking_keeps_length_case_and_keywords() {
        let masked =
            "\u{1}\u{2}'s Proprietary H100 chips, the investment in\u{3}\u{4}: record-breaking naïve quickly";
        let marked = mark_plain_words(masked);
        assert_eq!(marked.len(), masked.len());
        assert_eq!(
            marked,
            "\u{1}\u{2}'s Qqqqqqqqqqq Q100 qqqqq, the investment in\u{3}\u{4}: qqqqqq-qqqqqqqq naïve quickly"
        );
    }
}
