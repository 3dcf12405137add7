//! Suppression comments.
//!
//! In Markdown they are HTML comments; in plain text, the same words on a
//! line of their own:
//!
//! ```text
//! <!-- claimlint-disable-next-line misspelled-name, amount-conflict -- the source spells it so -->
//! <!-- claimlint-disable exclusivity-conflict -->  ...  <!-- claimlint-enable exclusivity-conflict -->
//! <!-- claimlint-disable-file amount-conflict -->
//! ```
//!
//! No rule id means every rule. Each suppression covers a byte range of its
//! document; a finding is suppressed when one of its locations lies in a
//! range that names its rule.

use serde::{Deserialize, Serialize};

use crate::source::Span;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    /// The comment itself.
    pub span: Span,
    /// What it covers.
    pub covers: Span,
    /// Rule ids as written; empty means every rule.
    pub rules: Vec<String>,
}

impl Suppression {
    pub fn applies_to(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| r == rule)
    }
}

const PREFIX: &str = "claimlint-";

enum Directive {
    NextLine,
    Disable,
    Enable,
    File,
}

/// Every suppression in `text`, in order.
pub fn parse(text: &str) -> Vec<Suppression> {
    if !text.contains(PREFIX) {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Open `claimlint-disable` ranges: (rules, comment span).
    let mut open: Vec<(Vec<String>, Span)> = Vec::new();
    let mut offset = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let start = offset;
        offset += line.len();
        let Some((directive, rules, span)) = directive(line, start) else { continue };
        match directive {
            Directive::NextLine => {
                let next_start = offset;
                let next_end = lines.get(i + 1).map_or(next_start, |l| next_start + l.trim_end().len());
                out.push(Suppression { span, covers: Span::new(next_start, next_end), rules });
            }
            Directive::File => out.push(Suppression { span, covers: Span::new(0, text.len()), rules }),
            Directive::Disable => open.push((rules, span)),
            Directive::Enable => {
                // Close the ranges this names (all of them when it names none).
                let mut k = 0;
                while k < open.len() {
                    let closes = rules.is_empty()
                        || open[k].0.iter().any(|r| rules.contains(r))
                        || open[k].0.is_empty();
                    if closes {
                        let (r, s) = open.remove(k);
                        out.push(Suppression { span: s, covers: Span::new(s.end(), start), rules: r });
                    } else {
                        k += 1;
                    }
                }
            }
        }
    }
    for (rules, s) in open {
        out.push(Suppression { span: s, covers: Span::new(s.end(), text.len()), rules });
    }
    out.sort_by_key(|s| s.span);
    out
}

/// The directive on one line, if the line holds one: inside an HTML
/// comment, or alone on the line.
fn directive(line: &str, line_start: usize) -> Option<(Directive, Vec<String>, Span)> {
    let trimmed = line.trim();
    let lead = line.len() - line.trim_start().len();
    let (body, span) = if let Some(inner) = trimmed.strip_prefix("<!--").and_then(|t| t.strip_suffix("-->")) {
        (inner.trim(), Span::new(line_start + lead, line_start + lead + trimmed.len()))
    } else if trimmed.starts_with(PREFIX) {
        (trimmed, Span::new(line_start + lead, line_start + lead + trimmed.len()))
    } else {
        return None;
    };
    let rest = body.strip_prefix(PREFIX)?;
    let (directive, rest) = if let Some(r) = rest.strip_prefix("disable-next-line") {
        (Directive::NextLine, r)
    } else if let Some(r) = rest.strip_prefix("disable-file") {
        (Directive::File, r)
    } else if let Some(r) = rest.strip_prefix("disable") {
        (Directive::Disable, r)
    } else if let Some(r) = rest.strip_prefix("enable") {
        (Directive::Enable, r)
    } else {
        return None;
    };
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    // Rule ids end where the reason (`-- reason`) starts.
    let ids = rest.split(" --").next().unwrap_or("");
    let rules = ids.split([',', ' ', '\t']).filter(|r| !r.is_empty()).map(str::to_owned).collect();
    Some((directive, rules, span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_line_covers_the_next_line() {
        let text = "a\n<!-- claimlint-disable-next-line misspelled-name, amount-conflict -- the source says so -->\nTranium here\nnext\n";
        let s = parse(text);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].rules, ["misspelled-name", "amount-conflict"]);
        assert_eq!(&text[s[0].covers.range()], "Tranium here");
        assert!(s[0].applies_to("amount-conflict") && !s[0].applies_to("exclusivity-conflict"));
    }

    #[test]
    fn plain_text_form_on_its_own_line() {
        let text = "claimlint-disable-next-line\nTranium\n";
        let s = parse(text);
        assert_eq!(s.len(), 1);
        assert!(s[0].rules.is_empty() && s[0].applies_to("anything"));
        assert!(parse("We use claimlint-disable-next-line in prose.\n").is_empty());
    }

    #[test]
    fn ranges_and_files() {
        let text = "<!-- claimlint-disable amount-conflict -->\nx\ny\n<!-- claimlint-enable amount-conflict -->\nz\n<!-- claimlint-disable-file misspelled-name -->\n";
        let s = parse(text);
        assert_eq!(s.len(), 2);
        assert_eq!(text[s[0].covers.range()].trim(), "x\ny");
        assert_eq!(s[1].covers, Span::new(0, text.len()));
    }

    #[test]
    fn unclosed_range_runs_to_the_end() {
        let text = "<!-- claimlint-disable -->\nrest\n";
        let s = parse(text);
        assert_eq!(s[0].covers.end(), text.len());
    }

    #[test]
    fn near_misses_are_not_directives() {
        assert!(parse("<!-- claimlint-disabled x -->\n<!-- other -->\n").is_empty());
    }
}
