//! One sentence as tokens: names, amounts, years, numbers, punctuation, and
//! words or phrases with their vocabulary class. The claim grammar reads
//! the string of their classes, one character a token.

use crate::claims::{Amount, Party};
use crate::extract::vocab::{Class, Sense, Vocabulary};
use crate::lexicon::{EntityKind, Lexicon};
use crate::source::Span;

/// A token: its class, where it is in the document, and what it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub class: Class,
    pub span: Span,
    pub sense: Sense,
    pub what: What,
}

/// What a token carries beyond its class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    Nothing,
    Name(Party),
    /// An index into the sentence's amounts.
    Amount(usize),
    Year(u16),
}

impl Token {
    pub fn party(&self) -> Option<Party> {
        match self.what {
            What::Name(p) => Some(p),
            _ => None,
        }
    }

    pub fn year(&self) -> Option<u16> {
        match self.what {
            What::Year(y) => Some(y),
            _ => None,
        }
    }
}

/// The class of a lexicon name.
pub fn name_class(kind: EntityKind) -> Class {
    match kind {
        EntityKind::Company | EntityKind::Lab | EntityKind::Investor => Class::Org,
        EntityKind::Cloud => Class::Cloud,
        EntityKind::Chip => Class::Chip,
        EntityKind::Model | EntityKind::Product => Class::Model,
        EntityKind::Person => Class::Person,
    }
}

/// A word of the sentence before it is looked up: its span, and where its
/// text, lower case with straight apostrophes, is in the sentence's buffer
/// of such text (one allocation per sentence, not per word).
struct RawWord {
    span: Span,
    lower: std::ops::Range<usize>,
}

/// What the first pass finds, in order: a token, or a run of plain words
/// (a range of the sentence's words).
enum Raw {
    Token(Token),
    Words(std::ops::Range<usize>),
}

/// Contractions whose "'s" is "is", not a possessive.
const CONTRACTIONS: &[&str] = &["it's", "that's", "there's", "what's", "here's", "he's", "she's", "let's"];

/// Splits `text` (a sentence at document offset `base`) into tokens.
/// `names` and `amounts` are those inside the sentence, in text order, with
/// document offsets; an amount that overlaps a name is not one.
pub fn tokenize(
    text: &str,
    base: usize,
    names: &[Party],
    amounts: &[Amount],
    lexicon: &Lexicon,
    vocab: &Vocabulary,
) -> Vec<Token> {
    let bytes = text.as_bytes();
    // Sized from the text (a word is about six bytes with its space), so
    // that neither grows a step at a time.
    let mut raw: Vec<Raw> = Vec::with_capacity(text.len() / 12 + 2);
    let mut words: Vec<RawWord> = Vec::with_capacity(text.len() / 5 + 2);
    let mut buf = String::with_capacity(text.len());
    // The words since the last token: `words[run..]`.
    let mut run = 0;
    let flush = |raw: &mut Vec<Raw>, words: &Vec<RawWord>, run: &mut usize| {
        if words.len() > *run {
            raw.push(Raw::Words(*run..words.len()));
            *run = words.len();
        }
    };
    let mut next_name = 0;
    let mut next_amount = 0;
    let mut i = 0;
    while i < bytes.len() {
        let at = base + i;
        while next_name < names.len() && names[next_name].span.start() < at {
            next_name += 1;
        }
        while next_amount < amounts.len() && amounts[next_amount].span.start() < at {
            next_amount += 1;
        }
        if let Some(name) = names.get(next_name).filter(|n| n.span.start() == at) {
            flush(&mut raw, &words, &mut run);
            let class = name_class(lexicon.entity(name.entity).kind);
            // A plural "s" the lexicon left outside the name ("H100s") is the name's.
            let mut end = name.span.end() - base;
            if text[end..].starts_with('s')
                && text[end + 1..].chars().next().is_none_or(|c| !c.is_alphanumeric())
            {
                end += 1;
            }
            raw.push(Raw::Token(token(class, Span::new(name.span.start(), base + end), What::Name(*name))));
            i = end;
            if let Some(len) = possessive_at(&text[i..]) {
                raw.push(Raw::Token(token(
                    Class::Possessive,
                    Span::new(base + i, base + i + len),
                    What::Nothing,
                )));
                i += len;
            }
            continue;
        }
        if let Some(a) = amounts.get(next_amount).filter(|a| a.span.start() == at) {
            let inside_name = names.iter().any(|n| n.span.overlaps(a.span));
            if !inside_name {
                flush(&mut raw, &words, &mut run);
                raw.push(Raw::Token(token(Class::Money, a.span, What::Amount(next_amount))));
                i = a.span.end() - base;
                continue;
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if c.is_alphanumeric() {
            let len = word_len(&text[i..]);
            let word = &text[i..i + len];
            let start = buf.len();
            if word.is_ascii() {
                buf.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
            } else {
                buf.push_str(&word.to_lowercase().replace('’', "'"));
            }
            let lower = &buf[start..];
            let mut end = i + len;
            let mut poss = None;
            let mut keep = lower.len();
            if !CONTRACTIONS.contains(&lower) {
                if let Some(stem) = lower.strip_suffix("'s") {
                    poss = Some(Span::new(base + i + stem.len(), base + end));
                    keep = stem.len();
                } else if lower.ends_with("s'") {
                    poss = Some(Span::new(base + end - 1, base + end));
                    keep = lower.len() - 1;
                }
            }
            buf.truncate(start + keep);
            if let Some(p) = poss {
                // The word's own bytes end where the possessive starts; a
                // curly apostrophe is three bytes, so measure in the text.
                end = p.start() - base;
            }
            words.push(RawWord { span: Span::new(base + i, base + end), lower: start..buf.len() });
            if let Some(p) = poss {
                flush(&mut raw, &words, &mut run);
                raw.push(Raw::Token(token(Class::Possessive, p, What::Nothing)));
            }
            i += len;
            continue;
        }
        let punct = match c {
            ',' | '(' | ')' => Some(Class::Comma),
            ':' => Some(Class::Colon),
            ';' => Some(Class::Semicolon),
            '—' | '–' => Some(Class::Dash),
            '-' if bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()) => Some(Class::Dash),
            '?' => Some(Class::QuestionMark),
            _ => None,
        };
        if let Some(class) = punct {
            flush(&mut raw, &words, &mut run);
            raw.push(Raw::Token(token(class, Span::new(at, at + c.len_utf8()), What::Nothing)));
        }
        i += c.len_utf8();
    }
    flush(&mut raw, &words, &mut run);

    let mut out = Vec::with_capacity(raw.len() + words.len());
    let mut lower: Vec<&str> = Vec::with_capacity(words.len());
    for r in raw {
        match r {
            Raw::Token(t) => out.push(t),
            Raw::Words(ws) => {
                lower.clear();
                lower.extend(words[ws.clone()].iter().map(|w| &buf[w.lower.clone()]));
                classify(&words[ws], &lower, vocab, &mut out);
            }
        }
    }
    drop_parenthesised_aliases(text, base, &mut out);
    out
}

/// "Microsoft (MSFT)", "Andreessen Horowitz (A16Z)": a name repeated in
/// parentheses after itself is not a second party.
fn drop_parenthesised_aliases(text: &str, base: usize, tokens: &mut Vec<Token>) {
    let mut i = 0;
    while i + 3 < tokens.len() {
        let [name, open, alias, close] = &tokens[i..i + 4] else { break };
        let opens = open.class == Class::Comma && text[open.span.start() - base..].starts_with('(');
        let closes = close.class == Class::Comma && text[close.span.start() - base..].starts_with(')');
        let same = name.party().zip(alias.party()).is_some_and(|(a, b)| a.entity == b.entity);
        if opens && closes && same {
            tokens.drain(i + 1..i + 4);
        }
        i += 1;
    }
}

fn token(class: Class, span: Span, what: What) -> Token {
    Token { class, span, sense: Sense::Plain, what }
}

/// Gives each run of plain words its classes: the longest vocabulary phrase
/// at each word, else a year, a number or a plain word.
fn classify(words: &[RawWord], lower: &[&str], vocab: &Vocabulary, out: &mut Vec<Token>) {
    let mut i = 0;
    while i < words.len() {
        if let Some(m) = vocab.lookup(&lower[i..]) {
            let span = Span::new(words[i].span.start(), words[i + m.words - 1].span.end());
            out.push(Token { class: m.class, span, sense: m.sense, what: What::Nothing });
            i += m.words;
            continue;
        }
        let w = lower[i];
        let (class, what) = if let Some(y) = year(w) {
            (Class::Year, What::Year(y))
        } else if w.bytes().any(|b| b.is_ascii_digit()) {
            (Class::Number, What::Nothing)
        } else {
            (Class::Word, What::Nothing)
        };
        out.push(token(class, words[i].span, what));
        i += 1;
    }
}

/// A four-digit year from 1950 to 2099, alone or starting an ISO date
/// ("2019-07", "2023-10-05", as timelines and logs write them).
fn year(w: &str) -> Option<u16> {
    let (y, rest) = w.split_at_checked(4)?;
    if !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = |r: &str| {
        let mut parts = r.split('-');
        let month = parts.next().filter(|m| m.len() == 2).and_then(|m| m.parse::<u8>().ok());
        let day = parts.next().map(|d| d.len() == 2 && d.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)));
        month.is_some_and(|m| (1..=12).contains(&m)) && day.unwrap_or(true) && parts.next().is_none()
    };
    if !(rest.is_empty() || rest.strip_prefix('-').is_some_and(date)) {
        return None;
    }
    let y: u16 = y.parse().ok()?;
    (1950..2100).contains(&y).then_some(y)
}

/// The length of the word at the start of `s`: letters and digits, with
/// hyphens, apostrophes, and full stops or commas between digits ("4.5",
/// "2,000") inside it.
fn word_len(s: &str) -> usize {
    let mut end = 0;
    let mut chars = s.char_indices().peekable();
    let mut prev_digit = false;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let inner = match c {
            '-' | '\'' | '’' => next.is_some_and(char::is_alphanumeric),
            '.' | ',' => prev_digit && next.is_some_and(|n| n.is_ascii_digit()),
            '%' => prev_digit,
            _ => c.is_alphanumeric(),
        };
        if !inner {
            break;
        }
        // A possessive apostrophe after a plural closes the word: "investors' money".
        end = i + c.len_utf8();
        prev_digit = c.is_ascii_digit();
    }
    // "investors'" keeps its apostrophe when a space follows.
    let rest = &s[end..];
    if end > 0 && s[..end].ends_with('s') && (rest.starts_with('\'') || rest.starts_with('’')) {
        let q = rest.chars().next().map_or(0, char::len_utf8);
        if rest[q..].chars().next().is_none_or(|n| !n.is_alphanumeric()) {
            end += q;
        }
    }
    end
}

/// The length of a possessive "'s" (or a lone apostrophe after a plural
/// name) at the start of `s`, when no letter follows it.
fn possessive_at(s: &str) -> Option<usize> {
    for p in ["'s", "’s", "'S", "’S"] {
        if let Some(rest) = s.strip_prefix(p) {
            if rest.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                return Some(p.len());
            }
        }
    }
    None
}

/// The grammar's input: one character per token.
pub fn class_string(tokens: &[Token]) -> String {
    tokens.iter().map(|t| t.class.byte() as char).collect()
}

#[cfg(test)]
mod tests {
    use super::year;

    #[test]
    fn years_alone_and_starting_iso_dates() {
        assert_eq!(year("2019"), Some(2019));
        assert_eq!(year("2019-07"), Some(2019));
        assert_eq!(year("2023-10-05"), Some(2023));
        for not in
            ["1200", "2019-13", "2019-7", "2019-07-32", "2019-07-05-1", "20190", "12345", "2019-q3", "v2019"]
        {
            assert_eq!(year(not), None, "{not}");
        }
    }
}
