//! Ordinary English words, so that the near-miss check leaves them alone.
//!
//! The list in `rules/english-words.txt` is derived from Debian's `wamerican`
//! (SCOWL size 50, ordinary words and common proper names, lower-cased). To
//! keep the repository small it stores stems only: a word that a regular
//! suffix derives from another listed word ("trainings" from "training", which
//! itself comes from "train") is left out, and [`is_english_word`] undoes the
//! same suffixes when it looks a word up. See `rules/README.md`.

#[cfg(test)]
use std::collections::HashSet;
use std::sync::LazyLock;

static SOURCE: &str = include_str!("../../rules/english-words.txt");

/// The listed words, in the file's sorted order (`the_list_is_canonical`
/// checks it), for binary search: splitting the lines costs far less than
/// hashing 35,000 words, and a process looks up only a few words.
static WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| SOURCE.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect());

/// How many suffixes a lookup may strip, one after the other
/// ("inflectionally" → "inflectional" → "inflection").
const MAX_DEPTH: usize = 4;

/// Regular suffixes, longest first within a family. Each may also restore a
/// final "y" ("companies" → "company") or "e" ("moving" → "move"), or undo a
/// doubled consonant ("bigger" → "big").
const SUFFIXES: &[&str] =
    &["iest", "ness", "ies", "ied", "ier", "ily", "ing", "ers", "est", "es", "ed", "er", "ly", "s", "d"];

/// Whether `word` (lower case) is an ordinary English word or a common proper
/// name, as listed or derived by a regular suffix from a listed word.
pub fn is_english_word(word: &str) -> bool {
    is_word(&|w| WORDS.binary_search(&w).is_ok(), word, MAX_DEPTH)
}

/// Whether `word` (lower case) is a word that `listed` accepts or derives
/// from one by the regular suffixes that [`is_english_word`] undoes
/// ("googled" from "google", "nvidias" from "nvidia").
pub fn derives_from(listed: &impl Fn(&str) -> bool, word: &str) -> bool {
    is_word(listed, word, MAX_DEPTH)
}

/// Whether `word` is listed, as `listed` says, or derives from a listed word.
fn is_word(listed: &impl Fn(&str) -> bool, word: &str, depth: usize) -> bool {
    if listed(word) {
        return true;
    }
    depth > 0 && stems(word).into_iter().any(|stem| is_word(listed, &stem, depth - 1))
}

/// The words `word` may derive from by one regular suffix. A stem keeps at
/// least three letters.
fn stems(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    for suffix in SUFFIXES {
        let Some(stem) = word.strip_suffix(suffix) else { continue };
        if stem.len() < 3 || !stem.is_char_boundary(stem.len()) {
            continue;
        }
        out.push(stem.to_owned());
        if suffix.starts_with('i') {
            out.push(format!("{stem}y"));
        }
        if matches!(*suffix, "ing" | "ed" | "er" | "ers" | "est") {
            out.push(format!("{stem}e"));
            let b = stem.as_bytes();
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
                out.push(stem[..stem.len() - 1].to_owned());
            }
        }
    }
    out
}

/// Reduces a full word list to the stored form: lower-case ASCII words of at
/// least three letters, without the words that [`stems`] derives from another
/// word of the list.
#[cfg(test)]
fn reduce<'a>(all: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let full: std::collections::BTreeSet<String> = all
        .into_iter()
        .map(str::trim)
        .filter(|w| !w.contains('\''))
        .map(str::to_lowercase)
        .filter(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase()))
        .collect();
    full.iter().filter(|w| !stems(w).iter().any(|s| full.contains(s))).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "\
# English words, so that claimlint's near-miss check leaves ordinary words alone.
#
# Derived from Debian's wamerican 2020.12.07-2 (/usr/share/dict/american-english,
# SCOWL size 50 by Kevin Atkinson: ordinary words and common proper names).
# Licence: see english-words.COPYRIGHT beside this file (SCOWL's permissive
# licence; its copyright notice must stay with every copy).
#
# Stored form: lower case, a-z only, three letters or more, possessives
# dropped, and without the words that a regular suffix derives from another
# listed word (src/lexicon/english.rs undoes the suffixes when it looks up).
# Regenerate with: cargo test -- --ignored regenerate_english_words
";

    #[test]
    fn ordinary_words_and_their_inflections() {
        for w in [
            "training",
            "trainings",
            "infer",
            "inferred",
            "clause",
            "clauses",
            "mistrial",
            "companies",
            "moving",
            "bigger",
            "happily",
            "inflection",
            "perplexing",
        ] {
            assert!(is_english_word(w), "`{w}` should be an English word");
        }
    }

    #[test]
    fn names_and_misspellings_are_not_words() {
        for w in ["tranium", "deemind", "openai", "anthropics", "coreweave"] {
            assert!(!is_english_word(w), "`{w}` should not be an English word");
        }
    }

    #[test]
    fn common_proper_names_are_listed() {
        for w in ["claude", "hooper", "cohen", "amazon"] {
            assert!(is_english_word(w), "`{w}` should be listed");
        }
    }

    #[test]
    fn the_list_is_canonical() {
        assert!(SOURCE.starts_with(HEADER), "rules/english-words.txt must start with its header");
        let words: Vec<&str> = SOURCE.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(words.len() > 20_000, "the list looks truncated: {} words", words.len());
        for pair in words.windows(2) {
            assert!(pair[0] < pair[1], "not sorted or duplicated: `{}`, `{}`", pair[0], pair[1]);
        }
        let set: HashSet<&str> = words.iter().copied().collect();
        for w in &words {
            assert!(w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase()), "bad entry `{w}`");
            let derived = stems(w).into_iter().find(|s| set.contains(s.as_str()));
            assert!(derived.is_none(), "`{w}` derives from `{}` and should be left out", derived.unwrap());
        }
    }

    #[test]
    fn reduce_keeps_stems_only() {
        let reduced = reduce(["Train", "trains", "training", "trainings", "happy", "happily", "Bob's", "ox"]);
        assert_eq!(reduced, ["happy", "train"]);
    }

    /// Rewrites `rules/english-words.txt` from the system word list.
    #[test]
    #[ignore = "needs Debian's wamerican; rewrites rules/english-words.txt"]
    fn regenerate_english_words() {
        let all = std::fs::read_to_string("/usr/share/dict/american-english")
            .expect("install wamerican: apt-get install wamerican");
        let words = reduce(all.lines());
        let full: HashSet<&str> = words.iter().map(String::as_str).collect();
        for w in all.lines().filter(|w| !w.contains('\'')) {
            let w = w.to_lowercase();
            if w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase()) {
                assert!(is_word(&|w| full.contains(w), &w, MAX_DEPTH), "`{w}` is lost by the reduction");
            }
        }
        let mut out = String::from(HEADER);
        for w in &words {
            out.push_str(w);
            out.push('\n');
        }
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/english-words.txt");
        std::fs::write(path, out).expect("write rules/english-words.txt");
    }
}
