//! The prose of a document, as blocks of text at their original offsets.
//!
//! Everything that is not prose (Markdown code, URLs, HTML, link targets,
//! front matter) is blanked to spaces in a copy of the text with the same
//! length, so every later stage works on byte offsets of the original file.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::source::{Document, SourceKind, Span};

/// A document's prose: the blanked text and its blocks (paragraphs, headings,
/// list items), each of which holds whole sentences.
#[derive(Debug)]
pub struct Prose {
    pub text: String,
    pub blocks: Vec<Span>,
    /// What each block is, in the order of `blocks`.
    pub kinds: Vec<BlockKind>,
    /// The `date:` of the front matter (or a plain-text `Date:` header line),
    /// as written.
    pub date: Option<String>,
    /// The front matter's `title:`, a plain-text `Subject:` line, or the
    /// first line of plain text.
    pub title: Option<Span>,
}

/// What a block of prose is: the reader takes the topic of what follows
/// from headings, and reads tables row by row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A Markdown heading of this level (1 to 6).
    Heading(u8),
    Item,
    /// A table cell: which table of the note, which row (0 is the header),
    /// which column.
    Cell {
        table: u32,
        row: u32,
        col: u32,
    },
    /// A header line of a plain-text note ("Date: ...", "Subject: ...").
    Header,
}

pub fn prose(doc: &Document) -> Prose {
    let src: &str = &doc.text;
    let (front_len, front) = front_matter(src);
    let mut prose = match doc.kind {
        SourceKind::Markdown => markdown(src, front_len),
        SourceKind::Text => plain(src, front_len),
    };
    if front.date.is_some() {
        prose.date = front.date;
    }
    if front.title.is_some() {
        prose.title = front.title;
    }
    if prose.title.is_none() {
        // The first heading names what the note is about.
        prose.title = prose
            .blocks
            .iter()
            .zip(&prose.kinds)
            .find(|(_, k)| **k == BlockKind::Heading(1))
            .map(|(b, _)| *b);
    }
    blank_urls(&mut prose.text);
    prose
}

/// What the front matter says that the reader uses.
#[derive(Default)]
struct Front {
    date: Option<String>,
    /// The span of the title's value.
    title: Option<Span>,
}

/// The length of a leading `---` front matter block, and its `date:` and
/// `title:` values.
fn front_matter(src: &str) -> (usize, Front) {
    let body = src.strip_prefix('\u{feff}').unwrap_or(src);
    let Some(rest) = body.strip_prefix("---\n").or_else(|| body.strip_prefix("---\r\n")) else {
        return (0, Front::default());
    };
    let mut offset = src.len() - rest.len();
    let mut front = Front::default();
    for line in rest.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return (offset, front);
        }
        if let Some(value) = trimmed.strip_prefix("date:") {
            let value = unquote(value);
            if !value.is_empty() {
                front.date = Some(value.to_owned());
            }
        } else if let Some(value) = trimmed.strip_prefix("title:") {
            let value = unquote(value);
            if !value.is_empty() {
                // The value's offset in the line: after the key, its spaces and quote.
                let at = line_start + trimmed.find(value).unwrap_or(0);
                front.title = Some(Span::new(at, at + value.len()));
            }
        }
    }
    // No closing fence: not front matter after all.
    (0, Front::default())
}

fn unquote(value: &str) -> &str {
    value.trim().trim_matches(|c| c == '"' || c == '\'')
}

fn blank(text: &mut [u8], span: std::ops::Range<usize>) {
    for b in &mut text[span] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

fn into_string(bytes: Vec<u8>) -> String {
    // Blanking replaces whole characters' bytes with ASCII spaces, so the
    // bytes stay valid UTF-8; fall back to a lossless rebuild if not.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Plain text: a block ends at a blank line, and at a line break that looks
/// like the end of a heading or a sentence rather than a wrapped line.
fn plain(src: &str, front_len: usize) -> Prose {
    let mut bytes = src.as_bytes().to_vec();
    blank(&mut bytes, 0..front_len);
    let text = into_string(bytes);
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (n, line) in lines.iter().enumerate() {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end();
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                blocks.push(Span::new(s, line_start));
            }
            continue;
        }
        // A header line is a block of its own, however it and the line
        // before it end.
        let header = n < HEADER_LINES && header_key(content).is_some();
        if header {
            if let Some(s) = start.take() {
                blocks.push(Span::new(s, line_start));
            }
        }
        let s = *start.get_or_insert(line_start);
        let next = lines.get(n + 1).map_or("", |l| l.trim_start());
        if !is_wrapped(content, next) || header || starts_item(next) {
            blocks.push(Span::new(s, line_start + content.len()));
            start = None;
        }
    }
    if let Some(s) = start {
        blocks.push(Span::new(s, text.len()));
    }
    for b in &mut blocks {
        *b = trim_span(&text, *b);
    }
    blocks.retain(|b| !b.is_empty());
    // Header lines ("Date: 2025-04-04", "Subject: ...") at the top of a
    // note: the date and the title, not prose about deals.
    let mut kinds = vec![BlockKind::Paragraph; blocks.len()];
    let (mut date, mut title) = (None, None);
    for (i, b) in blocks.iter().enumerate().take(HEADER_LINES) {
        let line = &text[b.range()];
        let Some((key, value)) = header_key(line).and_then(|k| Some((k, line.split_once(':')?.1))) else {
            continue;
        };
        let value_at = b.start() + key.len() + 1 + (value.len() - value.trim_start().len());
        let value_span = Span::new(value_at, b.end());
        match key.as_str() {
            "date" | "sent" => {
                kinds[i] = BlockKind::Header;
                date.get_or_insert(value.trim().to_owned());
            }
            "subject" | "title" => {
                kinds[i] = BlockKind::Header;
                title = Some(value_span);
            }
            _ => kinds[i] = BlockKind::Header,
        }
    }
    if title.is_none() {
        title = blocks.first().copied();
    }
    if date.is_none() {
        // A dated first line: "2025-09-23 — call with the desk".
        date = blocks.first().and_then(|b| leading_iso_date(&text[b.range()])).map(str::to_owned);
    }
    Prose { text, blocks, kinds, date, title }
}

/// An ISO date (`2025-09-23`) that starts `s` and is followed by no more digits.
pub fn leading_iso_date(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let shaped =
        digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7) && b.get(7) == Some(&b'-') && digits(8..10);
    let month = s.get(5..7).and_then(|m| m.parse::<u8>().ok()).is_some_and(|m| (1..=12).contains(&m));
    let day = s.get(8..10).and_then(|d| d.parse::<u8>().ok()).is_some_and(|d| (1..=31).contains(&d));
    (shaped && month && day && !b.get(10).is_some_and(u8::is_ascii_digit)).then(|| &s[..10])
}

/// How many lines at the top of a plain-text note may be header lines.
const HEADER_LINES: usize = 8;

/// The key of a header line ("Date: 2025-04-04", "Subject: ..."), lower case.
fn header_key(line: &str) -> Option<String> {
    const KEYS: &[&str] = &[
        "date",
        "sent",
        "subject",
        "title",
        "from",
        "to",
        "cc",
        "episode",
        "format",
        "present",
        "author",
        "attendees",
    ];
    let (key, _) = line.split_once(':')?;
    let key = key.trim().to_ascii_lowercase();
    KEYS.contains(&key.as_str()).then_some(key)
}

/// Whether a line starts a new item however the line before it ends: a
/// bullet, a numbered item, a chat message ("[10:42] dana: ..."), a
/// labelled line ("Q: ...", "kai: ...").
fn starts_item(line: &str) -> bool {
    let l = line.trim_start();
    if l.starts_with(['[', '-', '*', '•', '>', '|', '#']) {
        return true;
    }
    let digits = l.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && l[digits..].starts_with(['.', ')', ':']) {
        return true;
    }
    // "Q:", "kai:", "Item 2:": a short label before a colon.
    l.find(':').is_some_and(|c| {
        c <= 16 && !l[..c].contains(char::is_whitespace) && l[..c].chars().all(char::is_alphanumeric)
    })
}

/// Whether a line probably continues on the next one: long, ending in the
/// middle of a sentence, and followed by a line that continues it (one that
/// starts in lower case, or any line after a word no sentence ends with).
/// "Valuation at the seed: $12 billion" then "Employees: about 30" are two
/// items, not one sentence.
fn is_wrapped(line: &str, next: &str) -> bool {
    const OPEN: &[&str] = &[
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "its", "of", "on", "or",
        "that", "the", "their", "to", "which", "with",
    ];
    let last = line.chars().last().unwrap_or('.');
    let mid_sentence = last.is_lowercase() || matches!(last, ',' | '-' | '(' | '$');
    if line.chars().count() < 40 || !mid_sentence {
        return false;
    }
    let last_word = line.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_ascii_lowercase();
    !last.is_alphanumeric()
        || OPEN.contains(&last_word.as_str())
        || next.chars().next().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || c == '$')
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let start = span.start() + (s.len() - s.trim_start().len());
    let end = span.end() - (s.len() - s.trim_end().len());
    Span::new(start, end.max(start))
}

/// Markdown: only text events are prose; everything else is blanked.
fn markdown(src: &str, front_len: usize) -> Prose {
    let mut keep = vec![false; src.len()];
    let mut blocks = Vec::new();
    let mut kinds = Vec::new();
    let mut kind = BlockKind::Paragraph;
    let mut block_start: Option<usize> = None;
    let mut block_end = 0;
    let mut in_code = 0usize;
    // Tables: which one, and the row and column of the next cell.
    let (mut tables, mut row, mut col) = (0u32, 0u32, 0u32);
    let body = &src[front_len..];
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let close =
        |blocks: &mut Vec<Span>, kinds: &mut Vec<BlockKind>, start: &mut Option<usize>, end: usize, kind| {
            if let Some(s) = start.take() {
                blocks.push(Span::new(s, end.max(s)));
                kinds.push(kind);
            }
        };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = range.start + front_len..range.end + front_len;
        let before = kind;
        match &event {
            Event::Start(Tag::Heading { level, .. }) => kind = BlockKind::Heading(*level as u8),
            Event::Start(Tag::Item) => kind = BlockKind::Item,
            Event::Start(Tag::Paragraph) if !matches!(kind, BlockKind::Item) => kind = BlockKind::Paragraph,
            Event::Start(Tag::Table(_)) => {
                tables += 1;
                row = 0;
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                row += 1;
                col = 0;
            }
            Event::Start(Tag::TableCell) => kind = BlockKind::Cell { table: tables - 1, row, col },
            Event::End(TagEnd::TableCell) => col += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::Item | TagEnd::Table) => kind = BlockKind::Paragraph,
            _ => {}
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell | Tag::BlockQuote(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) => close(&mut blocks, &mut kinds, &mut block_start, block_end, before),
            Event::Text(_) if in_code == 0 => {
                // An entity such as `&amp;` is kept as written: its bytes are
                // still not a name or an amount.
                keep[range.clone()].iter_mut().for_each(|k| *k = true);
                block_start.get_or_insert(range.start);
                block_end = range.end;
            }
            Event::SoftBreak | Event::HardBreak if block_start.is_some() => {
                keep[range.clone()].iter_mut().for_each(|k| *k = true);
            }
            _ => {}
        }
    }
    close(&mut blocks, &mut kinds, &mut block_start, block_end, kind);
    let mut bytes = src.as_bytes().to_vec();
    for (i, b) in bytes.iter_mut().enumerate() {
        if !keep[i] && *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
    // Blanking must not split a character: a kept range always covers whole
    // characters, and a blanked one becomes all spaces.
    let text = into_string(bytes);
    let (blocks, kinds) = blocks
        .into_iter()
        .zip(kinds)
        .map(|(b, k)| (trim_span(&text, b), k))
        .filter(|(b, _)| !b.is_empty())
        .unzip();
    Prose { text, blocks, kinds, date: None, title: None }
}

/// Blanks URLs and e-mail addresses that are written out in the prose.
fn blank_urls(text: &mut String) {
    let mut spans = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &text[i..];
        let starts_url =
            rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.");
        let at_word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if starts_url && at_word_start {
            let len = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ')'))
                .unwrap_or(rest.len());
            spans.push(i..i + len);
            i += len;
        } else if bytes[i] == b'@' && i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
            // Just after the last space, '<' or '(' before the '@' (a space may be multi-byte).
            let start = text[..i]
                .char_indices()
                .rev()
                .find(|&(_, c)| c.is_whitespace() || c == '<' || c == '(')
                .map_or(0, |(p, c)| p + c.len_utf8());
            let len =
                rest.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | ')')).unwrap_or(rest.len());
            spans.push(start..i + len);
            i += len;
        } else {
            i += 1;
        }
    }
    if spans.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for s in spans {
        blank(&mut bytes, s);
    }
    *text = into_string(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(path: &str, src: &str) -> Vec<String> {
        let doc = Document::new(path, src);
        let p = prose(&doc);
        assert_eq!(p.text.len(), src.len(), "blanking keeps offsets");
        p.blocks.iter().map(|b| p.text[b.range()].to_owned()).collect()
    }

    #[test]
    fn plain_text_lines_without_wrapping_are_blocks() {
        let src = "A heading\nThe first paragraph is a long line that ends properly.\n\nNext one.\n";
        assert_eq!(
            blocks("a.txt", src),
            ["A heading", "The first paragraph is a long line that ends properly.", "Next one."]
        );
    }

    #[test]
    fn header_lines_are_read_however_they_end() {
        let src = "From: Desk <d@x.example>\nSubject: Q3 2025 letter to limited partners\nDate: 2025-10-15\n\nDear partners,\n";
        let titled =
            prose(&Document::new("b.txt", "What the second cheque actually buys\nDate: 2024-11-26\n"));
        assert_eq!(titled.date.as_deref(), Some("2024-11-26"));
        let doc = Document::new("a.txt", src);
        let p = prose(&doc);
        assert_eq!(p.date.as_deref(), Some("2025-10-15"));
        assert_eq!(&p.text[p.title.unwrap().range()], "Q3 2025 letter to limited partners");
        assert_eq!(p.kinds[..3], [BlockKind::Header; 3]);
    }

    #[test]
    fn chat_lines_and_items_are_blocks_of_their_own() {
        let src = "[11:02] kai: Microsoft's investment in Anthropic is subject to approval\n[11:04] rui: the Azure commitment is firm, with no conditions attached\n- a bullet that goes on and on without a full stop\n2. a numbered item\nQ: a question\n";
        assert_eq!(blocks("a.txt", src).len(), 5);
    }

    #[test]
    fn fact_sheet_lines_are_items() {
        let src = "Seed round (July 2025): $2 billion in total, led by Andreessen Horowitz\nAndreessen Horowitz's share of the July 2025 seed: $600 million\nValuation at the seed: $12 billion\n";
        assert_eq!(blocks("a.txt", src).len(), 3);
        let wrapped =
            "The deal gives Amazon a minority stake and a seat on the board of\nAnthropic, people said.\n";
        assert_eq!(blocks("a.txt", wrapped).len(), 1);
    }

    #[test]
    fn plain_text_joins_wrapped_lines() {
        let src = "Amazon is in early discussions to invest up to $10 billion in\nOpenAI, the creator of ChatGPT.\n";
        assert_eq!(blocks("a.txt", src).len(), 1);
    }

    #[test]
    fn markdown_skips_code_urls_and_html() {
        let src = "# Title\n\nAmazon invests `$5B` in [OpenAI](https://openai.example/x).\n\n```\nTranium $9B\n```\n<!-- Tranium -->\n";
        let b = blocks("a.md", src);
        assert_eq!(b[0], "Title");
        assert!(b[1].starts_with("Amazon invests"));
        assert!(!b[1].contains("$5B") && !b[1].contains("https"));
        assert!(b.iter().all(|s| !s.contains("Tranium")));
    }

    #[test]
    fn front_matter_date_is_read_and_blanked() {
        let src = "---\ntitle: x\ndate: 2024-05-01\n---\nBody text.\n";
        let doc = Document::new("a.md", src);
        let p = prose(&doc);
        assert_eq!(p.date.as_deref(), Some("2024-05-01"));
        assert_eq!(p.blocks.len(), 1);
        assert_eq!(&p.text[p.blocks[0].range()], "Body text.");
    }

    #[test]
    fn unterminated_front_matter_is_prose() {
        let doc = Document::new("a.txt", "---\nno end\n");
        assert_eq!(prose(&doc).date, None);
    }

    #[test]
    fn an_email_after_a_multi_byte_space_keeps_offsets() {
        let src = "Write\u{a0}ops@tranium.example or\u{3000}x@y.z now.";
        let b = blocks("a.txt", src);
        assert_eq!(b, [format!("Write\u{a0}{}or\u{3000}{}now.", " ".repeat(20), " ".repeat(6))]);
    }

    #[test]
    fn urls_and_emails_are_blanked() {
        let b = blocks("a.txt", "See https://aws.example/tranium and ops@tranium.example now.");
        assert!(!b[0].contains("tranium"));
    }
}
