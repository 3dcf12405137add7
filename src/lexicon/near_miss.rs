//! Words that look like misspelt lexicon names ("Tranium" for Trainium).
//!
//! A word is flagged when all of these hold:
//! - it looks like a proper noun: it starts with a capital ("Tranium",
//!   "TRANIUM", "DeeMind") and has at least five letters;
//! - it is not code-like: not inside a URL, an e-mail address or a path, not
//!   joined to `_`, `` ` ``, `::` or the like, not a dotted name ("tranium.ai");
//! - it is not itself a lexicon name in any case, nor the plural of one
//!   ("Trainiums"), nor part of a name found in the text, nor on the lexicon's
//!   `allow` list, nor an ordinary English word or common proper name;
//! - its Damerau-Levenshtein distance to a suggestible name (or to a word of
//!   a multi-word name whose other words surround it) is at most 1 for names
//!   of 5 to 8 letters and 2 for longer ones, with the same first letter;
//!   names shorter than five letters (AWS, Grok, Qwen) and people's names are
//!   never suggested;
//! - the edit looks like a typo, not like another word: a name of up to six
//!   letters does not have only its last letter changed, added or dropped
//!   ("Codec", "Claudet"), and two edits keep the name's last letter and
//!   replace at most one letter ("Antrophic" moves a letter of Anthropic,
//!   "Sambasiva" replaces two of SambaNova);
//! - a single replaced letter is one easily written for the other: two
//!   vowels, neighbouring keys, or letters that sound alike ("Nvidea" is
//!   flagged, "Michon" is not taken for Micron);
//! - the closest names all suggest the same correction.
//!
//! A word with a version number after its letters ("Tranium2") is checked on
//! its letters. A possessive's "'s" stays outside the span. The replacement
//! keeps capitals: "TRANIUM" → "TRAINIUM".
//!
//! These rules were tuned for precision on 30 MB of English prose full of
//! people's and companies' names (Debian copyright files, package READMEs),
//! where they flag almost nothing; a false alarm costs more trust than a
//! missed typo.
//!
//! Cost: the cheap tests (shape, length, first letter, letter set) come
//! first; an edit distance is computed only for names of the same first
//! letter and a close length and letter set, and the dictionary is consulted
//! only for words that are near a name.

use std::collections::HashMap;

use crate::claims::{NearMiss, Party};
use crate::source::Span;

use super::english::is_english_word;
use super::{Entity, EntityId, Lexicon};

/// Names shorter than this are never suggested.
const MIN_NAME_LEN: usize = 5;
/// Names this long or longer allow two edits; shorter ones one.
const TWO_EDITS_FROM: usize = 9;
/// Words shorter than this are never flagged: four-letter capitalised words
/// are mostly abbreviations ("Intl") and names ("Gadi").
const MIN_WORD_LEN: usize = MIN_NAME_LEN;
/// Names up to this long take no edit of their last letter alone.
const SHORT_NAME_LEN: usize = 6;

/// A name, or one word of a multi-word name, that a near miss can resolve to.
#[derive(Debug)]
struct Target {
    entity: EntityId,
    /// Lower case.
    chars: Vec<char>,
    /// Which letters a–z it contains.
    mask: u32,
    /// The word as the lexicon writes it, used as the replacement.
    display: String,
    /// For a word of a multi-word name: the name's words, lower case, and
    /// this word's index among them.
    phrase: Option<(Vec<String>, usize)>,
    max_edits: usize,
}

/// Suggestible names by their first letter, lower case.
#[derive(Debug, Default)]
pub(super) struct FuzzyIndex {
    by_first: HashMap<char, Vec<Target>>,
    /// The range of target lengths, in chars, to reject words quickly.
    min_len: usize,
    max_len: usize,
}

impl FuzzyIndex {
    pub(super) fn new(entities: &[Entity]) -> Self {
        let mut index = FuzzyIndex { min_len: usize::MAX, ..FuzzyIndex::default() };
        for (i, e) in entities.iter().enumerate() {
            if !e.suggest {
                continue;
            }
            let id = EntityId(i as u32);
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                let words = words(name);
                let lower: Vec<String> = words.iter().map(|&(s, t)| name[s..t].to_lowercase()).collect();
                for (k, &(s, t)) in words.iter().enumerate() {
                    let word = &name[s..t];
                    let chars: Vec<char> = lower[k].chars().collect();
                    if chars.len() < MIN_NAME_LEN || !chars.iter().all(|c| c.is_alphabetic()) {
                        continue;
                    }
                    let phrase = (words.len() > 1).then(|| (lower.clone(), k));
                    let bucket = index.by_first.entry(chars[0]).or_default();
                    if bucket.iter().any(|t| t.entity == id && t.chars == chars && t.phrase == phrase) {
                        continue;
                    }
                    index.min_len = index.min_len.min(chars.len());
                    index.max_len = index.max_len.max(chars.len());
                    let max_edits = if chars.len() >= TWO_EDITS_FROM { 2 } else { 1 };
                    bucket.push(Target {
                        entity: id,
                        mask: letter_mask(&chars),
                        chars,
                        display: word.to_owned(),
                        phrase,
                        max_edits,
                    });
                }
            }
        }
        index
    }

    /// Whether a word of `len` chars starting with `first` (lower case) could
    /// be near any name.
    fn may_match(&self, first: char, len: usize) -> bool {
        len + 2 >= self.min_len && len <= self.max_len + 2 && self.by_first.contains_key(&first)
    }

    /// The closest target of `chars` (a word, lower case), if it is close
    /// enough and unambiguous. `words` are the text's words and `at` the index
    /// of this one, to check the rest of multi-word names.
    fn best(&self, chars: &[char], words: &TextWords<'_>, at: usize) -> Option<&Target> {
        let bucket = self.by_first.get(chars.first()?)?;
        let mask = letter_mask(chars);
        let mut best: Option<(usize, &Target)> = None;
        let mut ambiguous = false;
        for t in bucket {
            if chars.len().abs_diff(t.chars.len()) > t.max_edits
                || (mask ^ t.mask).count_ones() as usize > 2 * t.max_edits
            {
                continue;
            }
            let Some(d) = edit_distance(chars, &t.chars, t.max_edits) else { continue };
            if d == 0 {
                // The word is a name's word, as in "Thinking" for "Thinking Machines".
                return None;
            }
            if !looks_like_a_typo(chars, &t.chars, d) {
                continue;
            }
            if let Some((name_words, index)) = &t.phrase {
                if !phrase_around(name_words, *index, words, at) {
                    continue;
                }
            }
            match best {
                Some((bd, bt)) if d == bd => {
                    if !bt.display.eq_ignore_ascii_case(&t.display) {
                        ambiguous = true;
                    } else if t.phrase.as_ref().map_or(0, |p| p.0.len())
                        > bt.phrase.as_ref().map_or(0, |p| p.0.len())
                    {
                        best = Some((d, t));
                    }
                }
                Some((bd, _)) if d > bd => {}
                _ => {
                    best = Some((d, t));
                    ambiguous = false;
                }
            }
        }
        if ambiguous { None } else { best.map(|(_, t)| t) }
    }
}

/// Whether an edit of distance `d` between a word and a name looks like a
/// typo rather than another word. Other words and names tend to share a
/// name's beginning and vary its ending ("Codec" and Codex, "Claudet" and
/// Claude, "CodeWeavers" and CoreWeave), while typos fall inside the word
/// ("Tranium", "DeeMind", "Nvidai"). So a short name's last letter may not be
/// the only one changed, added or dropped, and two edits must keep the
/// name's last letter.
fn looks_like_a_typo(word: &[char], name: &[char], d: usize) -> bool {
    if d >= 2 {
        return word.last() == name.last() && letters_apart(word, name) <= 2;
    }
    if word.len() == name.len() {
        let mut differ = word.iter().zip(name).filter(|(a, b)| a != b);
        if let (Some((&a, &b)), None) = (differ.next(), differ.next()) {
            if !confusable(a, b) {
                return false;
            }
        }
    }
    if name.len() > SHORT_NAME_LEN {
        return true;
    }
    let common = word.iter().zip(name).take_while(|(a, b)| a == b).count();
    let (w, n) = (word.len(), name.len());
    let ending_only =
        (w == n && common == n - 1) || (w == n + 1 && common == n) || (w + 1 == n && common == w);
    !ending_only
}

/// Whether one letter is easily written for another: two vowels ("Gemeni"),
/// neighbouring keys ("Nvudia"), or letters that sound alike ("Antropik").
/// Other replacements mostly make other names ("Michon" and Micron).
fn confusable(a: char, b: char) -> bool {
    const VOWELS: &str = "aeiouy";
    const SOUND_ALIKE: &[(char, char)] = &[
        ('c', 'k'),
        ('c', 's'),
        ('k', 'q'),
        ('s', 'z'),
        ('f', 'v'),
        ('d', 't'),
        ('b', 'p'),
        ('g', 'j'),
        ('g', 'k'),
        ('m', 'n'),
    ];
    if VOWELS.contains(a) && VOWELS.contains(b) {
        return true;
    }
    if SOUND_ALIKE.iter().any(|&(x, y)| (a, b) == (x, y) || (a, b) == (y, x)) {
        return true;
    }
    match (key_position(a), key_position(b)) {
        (Some((ra, xa)), Some((rb, xb))) => ra.abs_diff(rb) <= 1 && (xa - xb).abs() <= 1.0,
        _ => false,
    }
}

/// A letter's row and staggered column on a QWERTY keyboard.
fn key_position(c: char) -> Option<(usize, f32)> {
    const ROWS: [(&str, f32); 3] = [("qwertyuiop", 0.0), ("asdfghjkl", 0.25), ("zxcvbnm", 0.75)];
    ROWS.iter().enumerate().find_map(|(r, (keys, stagger))| keys.find(c).map(|col| (r, col as f32 + stagger)))
}

/// How many letters the two words do not share, counted with repeats: 0
/// for a transposition or a moved letter, 1 for a letter added or dropped,
/// 2 for one replaced.
fn letters_apart(a: &[char], b: &[char]) -> usize {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort_unstable();
    b.sort_unstable();
    let (mut i, mut j, mut apart) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => {
                apart += 1;
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                apart += 1;
                j += 1;
            }
        }
    }
    apart + (a.len() - i) + (b.len() - j)
}

/// The words of a text, as byte spans, with the text they index.
struct TextWords<'t> {
    text: &'t str,
    spans: Vec<(usize, usize)>,
}

impl TextWords<'_> {
    /// Whether word `at` is `lower` (a lower-case word) in any case.
    fn is(&self, at: usize, lower: &str) -> bool {
        let (s, e) = self.spans[at];
        eq_lowercase(&self.text[s..e], lower)
    }
}

/// Whether `word` lower-cased is `lower`, without allocating for ASCII words.
fn eq_lowercase(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.len() == lower.len() && word.bytes().zip(lower.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        word.to_lowercase() == lower
    }
}

/// Whether the text's words around `at` are the other words of a multi-word
/// name whose word `index` the word at `at` stands for.
fn phrase_around(name_words: &[String], index: usize, words: &TextWords<'_>, at: usize) -> bool {
    let Some(start) = at.checked_sub(index) else { return false };
    if start + name_words.len() > words.spans.len() {
        return false;
    }
    name_words.iter().enumerate().all(|(k, w)| k == index || words.is(start + k, w))
}

/// The word spans (runs of letters and digits) of `s`. ASCII bytes are
/// classified without decoding; only other characters are decoded.
fn words(s: &str) -> Vec<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        let (alnum, width) = if bytes[i].is_ascii() {
            (bytes[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = s[i..].chars().next().expect("i is on a char boundary");
            (c.is_alphanumeric(), c.len_utf8())
        };
        match (alnum, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            _ => {}
        }
        i += width;
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

fn letter_mask(chars: &[char]) -> u32 {
    chars.iter().fold(0, |m, &c| if c.is_ascii_lowercase() { m | 1 << (c as u32 - 'a' as u32) } else { m })
}

/// The optimal-string-alignment distance (Damerau-Levenshtein with adjacent
/// transpositions), or `None` when it exceeds `max`.
fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let n = b.len();
    let mut prev2: Vec<usize> = vec![0; n + 1];
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur: Vec<usize> = vec![0; n + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[n];
    (d <= max).then_some(d)
}

/// Whether `c` separates the chunks that [`in_code_chunk`] looks at.
fn is_chunk_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '<' | '>' | '"' | '“' | '”')
}

/// Whether the word at `start..end` lies in a whitespace-separated chunk that
/// is a URL, an e-mail address or a path; words inside them are not prose.
/// Only the word's own chunk is looked at, so the cost is the chunk's length
/// and is paid only for words that are otherwise candidates.
fn in_code_chunk(text: &str, start: usize, end: usize) -> bool {
    let chunk_start = text[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_chunk_separator(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let chunk_end = text[end..].find(is_chunk_separator).map_or(text.len(), |i| end + i);
    is_code_chunk(&text[chunk_start..chunk_end])
}

fn is_code_chunk(chunk: &str) -> bool {
    chunk.contains("://")
        || chunk.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."))
        || chunk.contains('@')
        || chunk.starts_with(['/', '~', '\\'])
        || chunk.contains('\\')
}

/// Whether the word at `start..end` is joined to code-like punctuation.
fn code_like(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let mut after = text[end..].chars();
    let (b1, b2) = (before.next(), before.next());
    let (a1, a2) = (after.next(), after.next());
    let joined = |c: Option<char>| matches!(c, Some('_' | '`' | '=' | '#' | '$' | '{' | '}' | '|'));
    if joined(b1) || joined(a1) {
        return true;
    }
    // Dotted or namespaced names: "tranium.ai", "foo.Tranium", "a::Tranium".
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    (b1 == Some('.') && alnum(b2))
        || (a1 == Some('.') && alnum(a2))
        || (b1 == Some(':') && b2 == Some(':'))
        || (a1 == Some(':') && a2 == Some(':'))
}

/// The near misses in `text`. `names` are the lexicon names found in `text`
/// ([`Lexicon::find_entities`]), sorted and not overlapping: a word inside
/// one is part of a name, not a misspelling.
///
/// Most words fail the first, cheap tests (a capital, the length, the first
/// letter); the rest are ordered by cost, the edit distances and the English
/// dictionary last.
pub(super) fn find(lexicon: &Lexicon, text: &str, names: &[Party]) -> Vec<NearMiss> {
    let fuzzy = &lexicon.fuzzy;
    let words = TextWords { text, spans: words(text) };
    let mut names = NameCursor { names, next: 0 };
    let mut word_lower = String::new();
    let mut chars: Vec<char> = Vec::new();
    let mut out = Vec::new();
    for (at, &(start, end)) in words.spans.iter().enumerate() {
        let token = &text[start..end];
        let Some(first) = token.chars().next().filter(|c| c.is_uppercase()) else { continue };
        // Letters, then optionally a version ("Tranium2", "Trainium3e"); a
        // word with digits elsewhere is code-like.
        let letters_end = token.find(|c: char| !c.is_alphabetic()).unwrap_or(token.len());
        let version = &token[letters_end..];
        if !version.is_empty() && !version.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let word = &token[..letters_end];
        let end_of_letters = start + letters_end;
        let len = word.chars().count();
        let lower_first = first.to_lowercase().next().unwrap_or(first);
        if len < MIN_WORD_LEN || !fuzzy.may_match(lower_first, len) {
            continue;
        }
        if names.overlaps(start, end) {
            continue;
        }
        set_lowercase(&mut word_lower, word);
        if lexicon.by_name.contains_key(&word_lower) || lexicon.allow.contains(&word_lower) {
            continue;
        }
        let stem = word_lower.strip_suffix('s').filter(|_| letters_end == token.len() && word.ends_with('s'));
        if stem.is_some_and(|s| lexicon.by_name.contains_key(s) || lexicon.allow.contains(s)) {
            continue;
        }
        if code_like(text, start, end) || in_code_chunk(text, start, end) {
            continue;
        }
        chars.clear();
        chars.extend(word_lower.chars());
        let Some(target) = fuzzy.best(&chars, &words, at) else { continue };
        if is_english_word(&word_lower) {
            continue;
        }
        out.push(NearMiss {
            span: Span::new(start, end_of_letters),
            entity: target.entity,
            replacement: recase(word, &target.display),
            word: word.to_owned(),
        });
    }
    out
}

/// Sets `buf` to `word` lower-cased, as [`str::to_lowercase`] does, reusing
/// the buffer.
fn set_lowercase(buf: &mut String, word: &str) {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&word.to_lowercase());
    }
}

/// Walks sorted, non-overlapping name spans alongside words visited in text
/// order, so that each test costs amortised constant time.
struct NameCursor<'n> {
    names: &'n [Party],
    /// The first name that may end after the current word's start.
    next: usize,
}

impl NameCursor<'_> {
    /// Whether a name overlaps `start..end`. Calls must come with
    /// non-decreasing `start`.
    fn overlaps(&mut self, start: usize, end: usize) -> bool {
        while self.names.get(self.next).is_some_and(|n| n.span.end <= start) {
            self.next += 1;
        }
        self.names.get(self.next).is_some_and(|n| n.span.start < end)
    }
}

/// The replacement in the word's case: capitals stay capitals.
fn recase(word: &str, name: &str) -> String {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && word.chars().all(|c| !c.is_lowercase()) {
        name.to_uppercase()
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str, max: usize) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        edit_distance(&a, &b, max)
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(d("tranium", "trainium", 2), Some(1));
        assert_eq!(d("anthorpic", "anthropic", 2), Some(1));
        assert_eq!(d("deemind", "deepmind", 1), Some(1));
        assert_eq!(d("abc", "abc", 0), Some(0));
        assert_eq!(d("kitten", "sitting", 3), Some(3));
        assert_eq!(d("kitten", "sitting", 2), None);
        assert_eq!(d("", "ab", 2), Some(2));
    }

    #[test]
    fn letters_apart_counts_replaced_letters_twice() {
        let apart =
            |a: &str, b: &str| letters_apart(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>());
        assert_eq!(apart("antrophic", "anthropic"), 0);
        assert_eq!(apart("tranium", "trainium"), 1);
        assert_eq!(apart("sambasiva", "sambanova"), 4);
    }

    #[test]
    fn confusable_letters() {
        assert!(confusable('a', 'e'));
        assert!(confusable('k', 'm'));
        assert!(confusable('a', 'q'));
        assert!(confusable('c', 'k'));
        assert!(!confusable('r', 'h'));
        assert!(!confusable('a', 'p'));
        assert!(!confusable('1', 'a'));
    }

    #[test]
    fn words_are_alphanumeric_runs() {
        let s = "Google-DeeMind-TPU, OpenAI’s";
        let w: Vec<&str> = words(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(w, ["Google", "DeeMind", "TPU", "OpenAI", "s"]);
    }

    #[test]
    fn recase_keeps_capitals() {
        assert_eq!(recase("TRANIUM", "Trainium"), "TRAINIUM");
        assert_eq!(recase("Tranium", "Trainium"), "Trainium");
        assert_eq!(recase("DeeMind", "DeepMind"), "DeepMind");
    }

    #[test]
    fn code_chunks_are_urls_mails_and_paths() {
        let text = "see https://x.com/Tranium and ops@Tranium.com or /opt/Tranium (www.Tranium.io) Tranium";
        let flagged: Vec<bool> =
            text.match_indices("Tranium").map(|(at, w)| in_code_chunk(text, at, at + w.len())).collect();
        assert_eq!(flagged, [true, true, true, true, false]);
        assert!(!in_code_chunk("Tranium", 0, 7));
        assert!(in_code_chunk("“WWW.Tranium.io”", "“WWW.".len(), "“WWW.Tranium".len()));
    }

    #[test]
    fn name_cursor_finds_overlaps_in_text_order() {
        let party = |s, e| Party { entity: EntityId(0), span: Span::new(s, e) };
        let names = [party(0, 5), party(10, 20), party(30, 31)];
        let mut cursor = NameCursor { names: &names, next: 0 };
        let checks = [((0, 3), true), ((6, 9), false), ((8, 11), true), ((19, 25), true), ((20, 30), false)];
        for ((s, e), want) in checks {
            assert_eq!(cursor.overlaps(s, e), want, "{s}..{e}");
        }
        assert!(cursor.overlaps(30, 40));
        assert!(!cursor.overlaps(31, 40));
    }

    #[test]
    fn lowercase_comparison_matches_to_lowercase() {
        for (word, lower) in
            [("Thinking", "thinking"), ("MACHINES", "machines"), ("ΣΟΦΊΑ", "σοφία"), ("Ab", "abc")]
        {
            assert_eq!(eq_lowercase(word, lower), word.to_lowercase() == lower, "{word}");
            let mut buf = String::from("stale");
            set_lowercase(&mut buf, word);
            assert_eq!(buf, word.to_lowercase());
        }
    }

    #[test]
    fn words_decode_only_non_ascii() {
        let s = "Ünïcode wörds, 2x — ok";
        let w: Vec<&str> = words(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(w, ["Ünïcode", "wörds", "2x", "ok"]);
    }
}
