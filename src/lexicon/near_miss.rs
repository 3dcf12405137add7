//! Words that look like misspelt lexicon names ("Tranium" for Trainium).
//!
//! A word is flagged when all of these hold:
//! - it looks like a proper noun: it starts with a capital ("Tranium",
//!   "TRANIUM", "DeeMind") and has at least five letters; or it is a
//!   lower-case word of at least six letters ("tranium", "corewave") that
//!   passes the stricter tests below;
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
//! Lower-case words are most of any text and include identifiers, so a
//! lower-case word is flagged only when, besides all of the above:
//! - it is letters only, all lower case: "tranium2" and "coreWave" are code;
//! - it is not code-like in the ways of identifiers either: not after a dot
//!   (".minmax"), before a parenthesis ("minmax()"), joined to a slash, or in
//!   a command-line option ("--enable-runpid"); nor written so anywhere else
//!   in the text ("minmax.h" makes "Add minmax." an identifier too);
//! - the name has small letters (a ticker such as GOOGL is not suggested for
//!   "googol") and is not an `exact_case` entry, which the lexicon marks as
//!   also an ordinary word ("lamdba", "gemeni" and "oracel" are left alone);
//! - the edit is a slip of the hand or the ear: letters moved ("deepmnid"),
//!   one dropped ("tranium", "corewave", "antropic"), one doubled or typed
//!   beside its neighbour, or one replaced by ear: a vowel for a vowel or a
//!   consonant that sounds alike ("nvidea"); not a neighbouring key alone
//!   ("tendent" is a word, not Tencent), nor an added letter out of place
//!   ("nebrius" is a user name, not Nebius), nor two edits that replace a
//!   letter;
//! - it does not derive from a name or an allowed word by a regular suffix
//!   ("coreweaver", "coreweaved"), as the dictionary's words are looked up;
//! - when the name is a word the dictionary lists, which it does for famous
//!   names ("nvidia", "google") as for ordinary words ("perplexity",
//!   "bedrock", "micron"), the text names that entity and never writes the
//!   word in lower case (nor "microns", "perplexities"): "nvidea" is flagged
//!   in a note about Nvidia, "perplexty" not in one that discusses model
//!   perplexity.
//!
//! A word with a version number after its letters ("Tranium2") is checked on
//! its letters. A possessive's "'s" stays outside the span. The replacement
//! keeps capitals: "TRANIUM" → "TRAINIUM"; a lower-case word takes the name
//! as the lexicon writes it, since names are proper nouns: "corewave" →
//! "CoreWeave".
//!
//! These rules were tuned for precision on 30 MB of English prose full of
//! people's and companies' names (Debian copyright files, package READMEs),
//! where they flag almost nothing; a false alarm costs more trust than a
//! missed typo. The lower-case tests were checked on 39 MB of the same kind
//! (copyright files, READMEs, NEWS and changelogs, licences, crate READMEs),
//! where they add no finding, and on the 177,000 distinct lower-case words
//! of that text, the manual pages, the Python library and the system
//! headers, listed one a line: two are flagged there, "minmax" and
//! "runpid", identifiers that the text around them gives away.
//!
//! Cost: the cheap tests (shape, length, first letter, letter set) come
//! first, on the bytes of ASCII words; an edit distance is computed only for
//! names of the same first letter and a close length and letter set, and the
//! dictionary is consulted only for words that are near a name.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

use super::{NameMatch, NearMiss};
use crate::source::Span;

use super::english::{derives_from, is_english_word};
use super::{Entity, EntityId, Lexicon};

/// Names shorter than this are never suggested.
const MIN_NAME_LEN: usize = 5;
/// Names this long or longer allow two edits; shorter ones one.
const TWO_EDITS_FROM: usize = 9;
/// Words shorter than this are never flagged: four-letter capitalised words
/// are mostly abbreviations ("Intl") and names ("Gadi").
const MIN_WORD_LEN: usize = MIN_NAME_LEN;
/// Lower-case words shorter than this are never flagged.
const MIN_LOWER_WORD_LEN: usize = 6;
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
    by_first: FxHashMap<char, Vec<Target>>,
    /// By first letter (a–z, then the others), then by a word's length: the
    /// letter masks, without repeats, of the names a word of that length may
    /// be near. Lets most words be rejected in a few instructions.
    masks_ascii: [Vec<Vec<u32>>; 26],
    masks_other: FxHashMap<char, Vec<Vec<u32>>>,
}

impl FuzzyIndex {
    pub(super) fn new(entities: &[Entity]) -> Self {
        let mut index = FuzzyIndex::default();
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
        // By length, so that `best` looks only at names of a close length.
        // The sort is stable: names of one spelling keep their order.
        for (&first, bucket) in &mut index.by_first {
            bucket.sort_by_key(|t| t.chars.len());
            let mut by_len: Vec<Vec<u32>> = Vec::new();
            for t in bucket.iter() {
                let lengths = t.chars.len().saturating_sub(t.max_edits)..=t.chars.len() + t.max_edits;
                if by_len.len() <= *lengths.end() {
                    by_len.resize(lengths.end() + 1, Vec::new());
                }
                for len in lengths {
                    if !by_len[len].contains(&t.mask) {
                        by_len[len].push(t.mask);
                    }
                }
            }
            match ascii_index(first) {
                Some(i) => index.masks_ascii[i] = by_len,
                None => {
                    index.masks_other.insert(first, by_len);
                }
            }
        }
        index
    }

    /// The masks of the names a word of `len` letters starting with `first`
    /// (lower case) may be near.
    fn masks(&self, first: char, len: usize) -> &[u32] {
        let by_len = match ascii_index(first) {
            Some(i) => Some(&self.masks_ascii[i]),
            None => self.masks_other.get(&first),
        };
        by_len.and_then(|b| b.get(len)).map_or(&[], Vec::as_slice)
    }

    /// Whether `word`, of `len` letters and starting with `first` (lower
    /// case), passes the cheap tests of [`best`] for some name: the length,
    /// and a letter set that differs in at most two letters. Most words are
    /// rejected here, before they are lower-cased and measured.
    ///
    /// [`best`]: FuzzyIndex::best
    fn may_be_near(&self, word: &str, first: char, len: usize) -> bool {
        let masks = self.masks(first, len);
        if masks.is_empty() {
            return false;
        }
        let mask = letter_mask_of(word);
        masks.iter().any(|&m| !more_than_two_bits(mask ^ m))
    }

    /// The closest target of `chars` (a word, lower case), if it is close
    /// enough and unambiguous. `words` are the text's words and `at` the index
    /// of this one, to check the rest of multi-word names.
    fn best(&self, chars: &[char], words: &TextWords<'_>, at: usize) -> Option<&Target> {
        let bucket = self.by_first.get(chars.first()?)?;
        let mask = letter_mask(chars);
        let mut best: Option<(usize, &Target)> = None;
        let mut ambiguous = false;
        let from = bucket.partition_point(|t| t.chars.len() + 2 < chars.len());
        let to = bucket.partition_point(|t| t.chars.len() <= chars.len() + 2);
        for t in &bucket[from..to] {
            // What `looks_like_a_typo` accepts bounds the search: two edits
            // keep the last letter, and no edit it accepts changes more than
            // two letters of the set.
            let max_edits = if chars.last() == t.chars.last() { t.max_edits } else { 1 };
            if chars.len().abs_diff(t.chars.len()) > max_edits || more_than_two_bits(mask ^ t.mask) {
                continue;
            }
            let Some(d) = edit_distance(chars, &t.chars, max_edits) else { continue };
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
    sound_alike(a, b) || key_neighbours(a, b)
}

/// Whether one letter is written for another by ear: two vowels, or two
/// consonants that sound alike.
fn sound_alike(a: char, b: char) -> bool {
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
    SOUND_ALIKE.iter().any(|&(x, y)| (a, b) == (x, y) || (a, b) == (y, x))
}

/// Whether two letters are beside each other on a QWERTY keyboard.
fn key_neighbours(a: char, b: char) -> bool {
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

/// The index of an ASCII lower-case letter in the alphabet.
fn ascii_index(c: char) -> Option<usize> {
    c.is_ascii_lowercase().then(|| c as usize - 'a' as usize)
}

/// Whether `x` has more than two bits set; cheaper than `count_ones` where
/// the CPU has no instruction for it.
fn more_than_two_bits(x: u32) -> bool {
    let x = x & x.wrapping_sub(1);
    let x = x & x.wrapping_sub(1);
    x != 0
}

/// [`letter_mask`] of a word in any case.
fn letter_mask_of(word: &str) -> u32 {
    if word.is_ascii() {
        word.bytes().fold(0, |m, b| if b.is_ascii_alphabetic() { m | 1 << ((b | 0x20) - b'a') } else { m })
    } else {
        letter_mask(&word.chars().flat_map(char::to_lowercase).collect::<Vec<_>>())
    }
}

fn letter_mask(chars: &[char]) -> u32 {
    chars.iter().fold(0, |m, &c| if c.is_ascii_lowercase() { m | 1 << (c as u32 - 'a' as u32) } else { m })
}

/// The optimal-string-alignment distance (Damerau-Levenshtein with adjacent
/// transpositions), or `None` when it exceeds `max`.
fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    /// Names shorter than this (all of them, in practice) are measured
    /// without allocating.
    const ON_STACK: usize = 32;
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if max == 1 {
        return within_one_edit(a, b);
    }
    let rows = 3 * (b.len() + 1);
    if b.len() < ON_STACK {
        edit_distance_in(a, b, max, &mut [0; 3 * ON_STACK][..rows])
    } else {
        edit_distance_in(a, b, max, &mut vec![0; rows])
    }
}

/// [`edit_distance`] with a `max` of 1, without a table: what is left
/// between the common beginning and the common end must be one letter
/// added, dropped or replaced, or two letters swapped.
fn within_one_edit(a: &[char], b: &[char]) -> Option<usize> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    match (a.len(), b.len()) {
        (0, 0) => Some(0),
        (0, 1) | (1, 0) | (1, 1) => Some(1),
        (2, 2) if a[0] == b[1] && a[1] == b[0] => Some(1),
        _ => None,
    }
}

/// [`edit_distance`] with `rows` (three rows of `b.len() + 1` cells) as its
/// work space.
fn edit_distance_in(a: &[char], b: &[char], max: usize, rows: &mut [usize]) -> Option<usize> {
    let n = b.len();
    let (prev2, rest) = rows.split_at_mut(n + 1);
    let (prev, cur) = rest.split_at_mut(n + 1);
    let (mut prev2, mut prev, mut cur) = (prev2, prev, cur);
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j;
    }
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

/// Whether `c` separates the chunks that [`Chunks`] looks at.
fn is_chunk_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '<' | '>' | '"' | '“' | '”')
}

/// The whitespace-separated chunks of a text that words lie in: a chunk
/// that is a URL, an e-mail address or a path is not prose. Only the chunks
/// of words that are otherwise candidates are looked at, and the last one
/// is remembered: the words of one chunk share it, so a long chunk costs
/// its length once, not once for each of its words.
struct Chunks<'t> {
    text: &'t str,
    /// The last chunk looked at: its span, and whether it is code.
    last: Option<(usize, usize, bool)>,
}

impl<'t> Chunks<'t> {
    fn new(text: &'t str) -> Self {
        Chunks { text, last: None }
    }

    /// The chunk of the word at `start..end`: where it starts, and whether
    /// it is a URL, an e-mail address or a path.
    fn of(&mut self, start: usize, end: usize) -> (usize, bool) {
        if let Some((s, e, code)) = self.last {
            if s <= start && end <= e {
                return (s, code);
            }
        }
        let text = self.text;
        let s = text[..start]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_chunk_separator(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let e = text[end..].find(is_chunk_separator).map_or(text.len(), |i| end + i);
        let code = is_code_chunk(&text[s..e]);
        self.last = Some((s, e, code));
        (s, code)
    }
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
/// Most words fail the first, cheap tests (the shape, the length, the first
/// letter, the letter set); the rest are ordered by cost, the English
/// dictionary and the searches of the text last.
/// Whether the word at `start..end` is quoted as a spelling: `was spelled
/// "Cerebrus"`, `misspelt 'Antrophic'`, `the typo “Tranium”`. A note that
/// corrects a misspelling names it on purpose.
fn quoted_as_a_spelling(text: &str, start: usize, end: usize) -> bool {
    const OPEN: [char; 4] = ['"', '\'', '\u{201c}', '\u{2018}'];
    const CLOSE: [char; 4] = ['"', '\'', '\u{201d}', '\u{2019}'];
    let before = text[..start].trim_end_matches(' ');
    let after = &text[end..];
    let (Some(open), Some(close)) = (before.chars().next_back(), after.chars().next()) else {
        return false;
    };
    if !OPEN.contains(&open) || !CLOSE.contains(&close) {
        return false;
    }
    let lead = before[..before.len() - open.len_utf8()].trim_end().to_ascii_lowercase();
    ["spelled", "spelt", "misspelled", "misspelt", "misspelling", "typo", "written as", "spelling"]
        .iter()
        .any(|w| lead.ends_with(w) || lead.ends_with(&format!("{w} as")))
}

pub(super) fn find(lexicon: &Lexicon, text: &str, names: &[NameMatch]) -> Vec<NearMiss> {
    let fuzzy = &lexicon.fuzzy;
    let words = TextWords { text, spans: words(text) };
    let mut name_cursor = NameCursor { names, next: 0 };
    let mut chunks = Chunks::new(text);
    let mut word_lower = String::new();
    let mut chars: Vec<char> = Vec::new();
    // For lower-case words, computed when the first one needs them: the
    // words the text writes as code, and whether it writes a name's word in
    // lower case.
    let mut code_words: Option<HashSet<&str>> = None;
    let mut lower_case_names: HashMap<String, bool> = HashMap::new();
    let mut out = Vec::new();
    for (at, &(start, end)) in words.spans.iter().enumerate() {
        let token = &text[start..end];
        let Some(Shape { letters_end, len, first, lower_case }) = shape(token) else { continue };
        let min_len = if lower_case { MIN_LOWER_WORD_LEN } else { MIN_WORD_LEN };
        let word = &token[..letters_end];
        if len < min_len || !fuzzy.may_be_near(word, first, len) {
            continue;
        }
        let end_of_letters = start + letters_end;
        if name_cursor.overlaps(start, end) {
            continue;
        }
        set_lowercase(&mut word_lower, word);
        chars.clear();
        chars.extend(word_lower.chars());
        let Some(target) = fuzzy.best(&chars, &words, at) else { continue };
        if lexicon.by_name.contains_key(&word_lower) || lexicon.allow.contains(&word_lower) {
            continue;
        }
        let stem = word_lower.strip_suffix('s').filter(|_| letters_end == token.len() && word.ends_with('s'));
        if stem.is_some_and(|s| lexicon.by_name.contains_key(s) || lexicon.allow.contains(s)) {
            continue;
        }
        if code_like(text, start, end) || quoted_as_a_spelling(text, start, end) {
            continue;
        }
        let (chunk_start, in_code_chunk) = chunks.of(start, end);
        if in_code_chunk {
            continue;
        }
        if lower_case && lower_case_code_like(text, chunk_start, start, end) {
            continue;
        }
        if lower_case && !lower_case_typo(lexicon, &word_lower, &chars, target) {
            continue;
        }
        if is_english_word(&word_lower) {
            continue;
        }
        if lower_case {
            let code = code_words.get_or_insert_with(|| words_written_as_code(fuzzy, &words));
            if code.contains(word) {
                continue;
            }
            // A name the dictionary lists may be an ordinary word as much as
            // a famous name: the text must name it, and not write the word.
            let name: String = target.chars.iter().collect();
            if is_english_word(&name)
                && (!names.iter().any(|p| p.entity == target.entity)
                    || *lower_case_names.entry(name).or_insert_with_key(|n| written_in_lower_case(text, n)))
            {
                continue;
            }
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

/// What [`find`] needs to know of a token's shape first.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    /// Where its letters end, in bytes.
    letters_end: usize,
    /// How many letters it has.
    len: usize,
    /// Its first letter, lower-cased.
    first: char,
    /// Whether it is written in lower case.
    lower_case: bool,
}

/// The shape of a token that may be a near miss: letters that start with a
/// capital ("Tranium", "DeeMind"), then optionally a version ("Tranium2",
/// "Trainium3e"); or lower-case letters only ("tranium"). A word with digits
/// elsewhere, a lower-case word with any, or one with a capital after its
/// first letter ("coreWave") is code-like. Lower-case ASCII words, most of
/// any text, are read byte by byte.
fn shape(token: &str) -> Option<Shape> {
    let bytes = token.as_bytes();
    // Short words, most of any text, have fewer bytes than letters needed.
    if bytes.len() < MIN_WORD_LEN {
        return None;
    }
    if bytes[0].is_ascii_lowercase() {
        if bytes.len() < MIN_LOWER_WORD_LEN {
            return None;
        }
        let end = bytes.iter().position(|b| !b.is_ascii_lowercase()).unwrap_or(bytes.len());
        if end == bytes.len() {
            return Some(Shape { letters_end: end, len: end, first: bytes[0] as char, lower_case: true });
        }
        if bytes[end].is_ascii() {
            return None;
        }
    }
    let first = token.chars().next()?;
    let lower_case = first.is_lowercase();
    if !lower_case && !first.is_uppercase() {
        return None;
    }
    let letters_end = token.find(|c: char| !c.is_alphabetic()).unwrap_or(token.len());
    let (word, version) = token.split_at(letters_end);
    if !version.is_empty() && (lower_case || !version.starts_with(|c: char| c.is_ascii_digit())) {
        return None;
    }
    if lower_case && word.chars().any(char::is_uppercase) {
        return None;
    }
    let first = first.to_lowercase().next().unwrap_or(first);
    Some(Shape { letters_end, len: word.chars().count(), first, lower_case })
}

/// The tests of a lower-case word (`word`, and as `chars`) against its
/// closest name, `target`, that need nothing but the two:
/// - the name is written with small letters: not an acronym or a ticker
///   ("googol" is not GOOGL);
/// - the name is not also an ordinary word, as the lexicon's `exact_case`
///   entries are ("lamdba" may be the letter, "gemeni" the sign);
/// - the edit is a slip: letters moved, one dropped, one doubled or typed
///   beside its neighbour, or one replaced by ear;
/// - the word does not derive from a name or an allowed word by a regular
///   suffix ("coreweaver", "coreweaved").
fn lower_case_typo(lexicon: &Lexicon, word: &str, chars: &[char], target: &Target) -> bool {
    if !target.display.chars().any(char::is_lowercase) || lexicon.entity(target.entity).exact_case {
        return false;
    }
    let apart = letters_apart(chars, &target.chars);
    let slip = match chars.len().cmp(&target.chars.len()) {
        std::cmp::Ordering::Greater => added_letter_is_a_typo(chars, &target.chars),
        std::cmp::Ordering::Equal => apart == 0 || replaced_by_ear(chars, &target.chars),
        std::cmp::Ordering::Less => apart <= 1,
    };
    if !slip {
        return false;
    }
    let known = |w: &str| lexicon.by_name.contains_key(w) || lexicon.allow.contains(w);
    !derives_from(&known, word)
}

/// Whether `text` writes `word` (lower case) as it is written, or a word
/// derived from it by a regular suffix ("microns" for "micron").
fn written_in_lower_case(text: &str, word: &str) -> bool {
    let is_word = |w: &str| w == word;
    text.match_indices(word).any(|(at, _)| {
        if text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
            return false;
        }
        let rest = &text[at..];
        let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        derives_from(&is_word, &rest[..end])
    })
}

/// For a word as long as a name: whether they differ in one letter only,
/// one written for the other by ear ("nvidea"). A neighbouring key is not
/// enough in lower case: "tendent" is a word of its own, not Tencent.
fn replaced_by_ear(word: &[char], name: &[char]) -> bool {
    let mut differ = word.iter().zip(name).filter(|(a, b)| a != b);
    matches!((differ.next(), differ.next()), (Some((&a, &b)), None) if sound_alike(a, b))
}

/// For a word one letter longer than a name (and otherwise like it, but for
/// a moved letter): whether the added letter doubles a neighbour or sits
/// beside one on the keyboard ("nvidiia", "trainuum"), as slips do. Another
/// letter makes another word ("nebrius" is not Nebius).
fn added_letter_is_a_typo(word: &[char], name: &[char]) -> bool {
    if letters_apart(word, name) != 1 {
        return false;
    }
    // The first position where the word and the name differ is where the
    // letter was added (or, after a moved letter, the place to look).
    let at = word.iter().zip(name).take_while(|(a, b)| a == b).count();
    let added = word[at];
    let beside = |i: Option<usize>| {
        i.and_then(|i| word.get(i)).is_some_and(|&c| c == added || key_neighbours(c, added))
    };
    beside(at.checked_sub(1)) || beside(Some(at + 1))
}

/// Code-like places for the lower-case word at `start..end`, besides
/// [`code_like`]'s: after a dot (".minmax"), before a parenthesis
/// ("minmax()"), joined to a slash ("gl/minmax"), or in a command-line
/// option ("--enable-runpid"), whose chunk starts at `chunk_start`.
fn lower_case_code_like(text: &str, chunk_start: usize, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    if matches!(before, Some('.' | '/')) || matches!(after, Some('(' | '/')) {
        return true;
    }
    text[chunk_start..start].starts_with('-')
}

/// The lower-case words of a text that it writes in a code-like place
/// somewhere, among those that may be near a name: an identifier
/// ("minmax.h") is an identifier in prose too ("Add minmax."). One pass,
/// whatever the number of candidates.
fn words_written_as_code<'t>(fuzzy: &FuzzyIndex, words: &TextWords<'t>) -> HashSet<&'t str> {
    let text = words.text;
    let mut chunks = Chunks::new(text);
    let mut out = HashSet::new();
    for &(start, end) in &words.spans {
        let token = &text[start..end];
        let Some(Shape { len, first, lower_case: true, .. }) = shape(token) else { continue };
        if len < MIN_LOWER_WORD_LEN || !fuzzy.may_be_near(token, first, len) {
            continue;
        }
        let (chunk_start, in_code_chunk) = chunks.of(start, end);
        if in_code_chunk || code_like(text, start, end) || lower_case_code_like(text, chunk_start, start, end)
        {
            out.insert(token);
        }
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
    names: &'n [NameMatch],
    /// The first name that may end after the current word's start.
    next: usize,
}

impl NameCursor<'_> {
    /// Whether a name overlaps `start..end`. Calls must come with
    /// non-decreasing `start`.
    fn overlaps(&mut self, start: usize, end: usize) -> bool {
        while self.names.get(self.next).is_some_and(|n| n.span.end() <= start) {
            self.next += 1;
        }
        self.names.get(self.next).is_some_and(|n| n.span.start() < end)
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
    fn one_edit_agrees_with_the_table() {
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "bac", "abcd", "abdc", "aab", "aba", "baa", "abab", "baba",
            "tranium", "trainium", "trainum", "traniium", "nvidia", "nvidea", "nvidai", "nvdia", "nviida",
        ];
        for a in words {
            for b in words {
                let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let mut rows = vec![0; 3 * (y.len() + 1)];
                let table = edit_distance_in(&x, &y, 1, &mut rows);
                assert_eq!(within_one_edit(&x, &y), table, "`{a}` and `{b}`");
            }
        }
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
    fn a_misspelling_quoted_as_one_is_not_reported() {
        let quoted = |text: &str, word: &str| {
            let start = text.find(word).unwrap();
            quoted_as_a_spelling(text, start, start + word.len())
        };
        assert!(quoted("Cerebras was spelled \"Cerebrus\" twice.", "Cerebrus"));
        assert!(quoted("We fixed the typo \u{201c}Tranium\u{201d}.", "Tranium"));
        assert!(quoted("It was misspelt as 'Antrophic' in March.", "Antrophic"));
        // Quoted for another reason, or not quoted: still a misspelling.
        assert!(!quoted("The chip is called \"Tranium\".", "Tranium"));
        assert!(!quoted("It was spelled Tranium.", "Tranium"));
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
        // A lower-case word takes the name as the lexicon writes it.
        assert_eq!(recase("corewave", "CoreWeave"), "CoreWeave");
        assert_eq!(recase("chatgtp", "ChatGPT"), "ChatGPT");
    }

    fn shape_of(token: &str) -> Option<(usize, usize, char, bool)> {
        shape(token).map(|s| (s.letters_end, s.len, s.first, s.lower_case))
    }

    #[test]
    fn shapes_of_tokens() {
        assert_eq!(shape_of("Tranium"), Some((7, 7, 't', false)));
        assert_eq!(shape_of("TRANIUM2"), Some((7, 7, 't', false)));
        assert_eq!(shape_of("tranium"), Some((7, 7, 't', true)));
        assert_eq!(shape_of("Ünïcode"), Some((9, 7, 'ü', false)));
        assert_eq!(shape_of("ünïcode"), Some((9, 7, 'ü', true)));
        // Digits after lower-case letters, capitals among them, a digit
        // first, or anything but a version after the letters: code.
        for token in ["tranium2", "coreWave", "ünïCode", "2tranium", "Tranium_2", "Trañium-"] {
            assert_eq!(shape_of(token), None, "{token}");
        }
        assert_eq!(shape_of("Trainium3e"), Some((8, 8, 't', false)));
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn added_letters_that_are_slips() {
        let slip = |w: &str, n: &str| added_letter_is_a_typo(&chars(w), &chars(n));
        assert!(slip("nvidiia", "nvidia"));
        assert!(slip("coreweavve", "coreweave"));
        // "o" is beside "p" and "i".
        assert!(slip("anthropoic", "anthropic"));
        assert!(!slip("nebrius", "nebius"));
        assert!(!slip("anthrowpic", "anthropic"));
    }

    #[test]
    fn letters_replaced_by_ear() {
        let ear = |w: &str, n: &str| replaced_by_ear(&chars(w), &chars(n));
        assert!(ear("nvidea", "nvidia"));
        assert!(ear("anthropik", "anthropic"));
        assert!(!ear("tendent", "tencent"));
        assert!(!ear("anhtropic", "anthropic"));
        assert!(!ear("nvidia", "nvidia"));
    }

    #[test]
    fn more_than_two_bits_counts_bits() {
        for x in [0u32, 1, 0b1010, 1 << 31 | 1, 0b111, u32::MAX] {
            assert_eq!(more_than_two_bits(x), x.count_ones() > 2, "{x:b}");
        }
    }

    #[test]
    fn letter_masks_agree() {
        for w in ["Tranium", "tranium", "DeeMind", "Ünïcode", "ΣΟΦΊΑ", "K"] {
            let lower: Vec<char> = w.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(letter_mask_of(w), letter_mask(&lower), "{w}");
        }
    }

    #[test]
    fn words_written_in_lower_case() {
        assert!(written_in_lower_case("model perplexity fell", "perplexity"));
        assert!(written_in_lower_case("a few microns", "micron"));
        assert!(!written_in_lower_case("Perplexity said", "perplexity"));
        assert!(!written_in_lower_case("micronized", "micron"));
        assert!(!written_in_lower_case("submicron", "micron"));
    }

    #[test]
    fn lower_case_code_places() {
        let code = |text: &str, word: &str| {
            let at = text.find(word).unwrap();
            let (chunk_start, _) = Chunks::new(text).of(at, at + word.len());
            lower_case_code_like(text, chunk_start, at, at + word.len())
        };
        assert!(code("x.minmax", "minmax"));
        assert!(code("minmax()", "minmax"));
        assert!(code("gl/minmax", "minmax"));
        assert!(code("minmax/x", "minmax"));
        assert!(code("--enable-runpid", "runpid"));
        assert!(!code("add minmax.", "minmax"));
        assert!(!code("tranium-based (tranium)", "tranium"));
        let code_words = |text: &str| {
            let words = TextWords { text, spans: words(text) };
            let mut found: Vec<&str> =
                words_written_as_code(&Lexicon::builtin().fuzzy, &words).into_iter().collect();
            found.sort_unstable();
            found.into_iter().map(str::to_owned).collect::<Vec<_>>()
        };
        assert_eq!(
            code_words("Include minmax.h and runpid() and corewave_x.\nAdd minmax."),
            ["corewave", "minmax", "runpid"]
        );
        assert_eq!(code_words("Add minmax. The minmaxes. x.tranium2"), Vec::<String>::new());
    }

    fn in_code_chunk(text: &str, start: usize, end: usize) -> bool {
        Chunks::new(text).of(start, end).1
    }

    #[test]
    fn code_chunks_are_urls_mails_and_paths() {
        let text = "see https://x.com/Tranium and ops@Tranium.com or /opt/Tranium (www.Tranium.io) Tranium";
        let flagged: Vec<bool> =
            text.match_indices("Tranium").map(|(at, w)| in_code_chunk(text, at, at + w.len())).collect();
        // One `Chunks` for the text, as `find` uses it.
        let mut chunks = Chunks::new(text);
        let shared: Vec<bool> =
            text.match_indices("Tranium").map(|(at, w)| chunks.of(at, at + w.len()).1).collect();
        assert_eq!(shared, flagged);
        assert_eq!(flagged, [true, true, true, true, false]);
        assert!(!in_code_chunk("Tranium", 0, 7));
        assert!(in_code_chunk("“WWW.Tranium.io”", "“WWW.".len(), "“WWW.Tranium".len()));
    }

    #[test]
    fn name_cursor_finds_overlaps_in_text_order() {
        let party = |s, e| NameMatch { entity: EntityId(0), span: Span::new(s, e) };
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
