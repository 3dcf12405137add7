//! Sentence boundaries inside a block of prose.

use crate::source::Span;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "inc", "corp", "co", "ltd", "llc", "mr", "mrs", "ms", "dr", "st", "jr", "sr",
    "approx", "est", "no", "u.s", "u.k", "e.u", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "fig", "al", "rs", "dhs", "vol", "pp", "cf", "nos",
];

/// Splits `block` (a span of `text`) into sentence spans, trimmed.
pub fn split(text: &str, block: Span) -> Vec<Span> {
    let s = &text[block.range()];
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') && ends_sentence(s, i) {
            // Keep closing quotes and brackets with the sentence.
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b']') {
                end += 1;
            }
            push(&mut out, s, block.start(), start, end);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push(&mut out, s, block.start(), start, bytes.len());
    out
}

fn push(out: &mut Vec<Span>, s: &str, base: usize, start: usize, end: usize) {
    let piece = &s[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(base + start + lead, base + end - trail));
    }
}

/// Whether the punctuation at `i` ends a sentence: it is followed by space
/// and a capital, digit, quote or symbol, and does not close an abbreviation
/// or sit inside a number.
fn ends_sentence(s: &str, i: usize) -> bool {
    let bytes = s.as_bytes();
    let after = &s[i + 1..];
    let rest = after.trim_start_matches(['"', '\'', ')', ']', '”', '’']);
    let Some(next_non_space) = rest.trim_start().chars().next() else {
        return true;
    };
    if rest.len() == rest.trim_start().len() {
        // No space after it: "3.5", "U.S.", "e.g.x".
        return false;
    }
    if bytes[i] != b'.' {
        return true;
    }
    if next_non_space.is_lowercase() {
        return false;
    }
    // The word before the stop (a multi-byte space such as U+00A0 may end the one before it).
    let word =
        s[..i].rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("").to_ascii_lowercase();
    if ABBREVIATIONS.contains(&word.as_str()) {
        return false;
    }
    // A single capital ("J. Smith") is an initial.
    !(word.len() == 1 && word.bytes().all(|b| b.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        split(s, Span::new(0, s.len())).into_iter().map(|sp| &s[sp.range()]).collect()
    }

    #[test]
    fn splits_on_full_stops_and_questions() {
        assert_eq!(
            sentences("The twist? The investment is contingent. It is big!"),
            ["The twist?", "The investment is contingent.", "It is big!"]
        );
    }

    #[test]
    fn keeps_decimals_and_abbreviations() {
        assert_eq!(
            sentences("It raised $6.6 billion, e.g. from U.S. funds. Next."),
            ["It raised $6.6 billion, e.g. from U.S. funds.", "Next."]
        );
        assert_eq!(
            sentences("Cloud deals (e.g. AWS) grew. More."),
            ["Cloud deals (e.g. AWS) grew.", "More."]
        );
    }

    #[test]
    fn lower_case_after_stop_continues() {
        assert_eq!(sentences("Amazon Inc. said so. Then."), ["Amazon Inc. said so.", "Then."]);
        assert_eq!(sentences("approx. ten billion"), ["approx. ten billion"]);
    }

    #[test]
    fn a_multi_byte_space_before_the_last_word() {
        assert_eq!(sentences("Tax\u{a0}inc. Next."), ["Tax\u{a0}inc. Next."]);
        assert_eq!(sentences("A\u{3000}word. Next."), ["A\u{3000}word.", "Next."]);
    }

    #[test]
    fn closing_quotes_stay() {
        assert_eq!(sentences("He said \"no.\" Then left."), ["He said \"no.\"", "Then left."]);
    }
}
