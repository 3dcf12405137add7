//! From a document's text to claims, in layers:
//!
//! 1. [`prose`]: the note's prose, as blocks (paragraphs, headings, list
//!    items, table cells) at their original offsets;
//! 2. names (the lexicon), money amounts ([`amount`]) and, per sentence,
//!    [`tokens`]: every word or phrase with its class from the
//!    [`vocab`]ulary;
//! 3. [`shapes`]: the claim grammar over each sentence's string of classes,
//!    and the claims of each shape it finds, with the parties it names;
//! 4. [`context`]: the parties a sentence leaves to its note ("its", "the
//!    investment", a heading's company), and [`table`] rows.

pub mod amount;
pub mod context;
pub mod prose;
pub mod sentences;
pub mod shapes;
pub mod table;
pub mod tokens;
pub mod vocab;

use crate::claims::{Extraction, Party};
use crate::lexicon::Lexicon;
use crate::source::{Document, Span};
use prose::BlockKind;
use tokens::Token;
use vocab::{Class, Vocabulary};

/// Sentences longer than this are not prose a person wrote (a table dumped
/// on one line, a log): names, amounts and misspellings are still read in
/// them, but the grammar does not look for claims.
pub const MAX_SENTENCE_BYTES: usize = 16 * 1024;

/// What `--trace` shows of one sentence: its tokens, the string the grammar
/// read, the shapes it found and the claims they gave.
#[derive(Clone, Debug)]
pub struct TraceSentence {
    pub span: Span,
    pub tokens: Vec<Token>,
    pub classes: String,
    /// Each shape: its rule name and the tokens it covers.
    pub shapes: Vec<(&'static str, std::ops::Range<usize>)>,
    /// Why the grammar did not run, if it did not.
    pub skipped: Option<&'static str>,
    /// The claims the sentence gave once its context was read: indices into
    /// the extraction's claims.
    pub claims: std::ops::Range<usize>,
}

/// Reads everything claimlint understands from one document.
pub fn extract(doc: &Document, lexicon: &Lexicon) -> Extraction {
    let mut extraction = extract_traced(doc, lexicon, None);
    date_from_name(&doc.path, &mut extraction);
    extraction
}

/// Dates a note its text leaves undated by its file name
/// (`2025-09-23-amazon-anthropic.md`). Kept apart from reading the text, so
/// the claims cache, which is keyed by content, stays right for two notes of
/// the same text under different names.
pub fn date_from_name(path: &str, extraction: &mut Extraction) {
    if extraction.claims.iter().any(|c| c.date.is_some()) {
        return;
    }
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let Some(date) = prose::leading_iso_date(name) else { return };
    let date: std::sync::Arc<str> = std::sync::Arc::from(date);
    for claim in &mut extraction.claims {
        claim.date = Some(date.clone());
    }
}

/// What a document's text says, recording what each sentence gave when
/// `trace` is set; [`extract`] also reads the date in the file's name.
pub fn extract_traced(
    doc: &Document,
    lexicon: &Lexicon,
    mut trace: Option<&mut Vec<TraceSentence>>,
) -> Extraction {
    let vocab = lexicon.vocabulary();
    let prose = prose::prose(doc);
    let text = prose.text.as_str();
    let found = lexicon.find_entities(text);
    let mut out =
        Extraction { near_misses: lexicon.near_misses_among(text, &found), ..Extraction::default() };
    out.entities = found.into_iter().map(Party::from).collect();
    out.suppressions = crate::suppress::parse(&doc.text);

    // Misspelt names still name their entity in a claim.
    let mut names: Vec<Party> = out.entities.clone();
    names.extend(out.near_misses.iter().map(|n| Party { entity: n.entity, span: n.span }));
    names.sort_by_key(|p| p.span);

    // The title may be in the front matter, which is not prose: read it from the note.
    let title = prose
        .title
        .map(|t| {
            let found = lexicon.find_entities(&doc.text[t.range()]);
            found.into_iter().map(|m| Party { entity: m.entity, span: m.span.shift(t.start()) }).collect()
        })
        .unwrap_or_default();
    let date = prose.date.as_deref().map(|d| std::sync::Arc::from(normalise_date(d)));
    let mut note = context::Note::new(lexicon, title, date);
    let mut table = table::Table::default();

    for (b, &block) in prose.blocks.iter().enumerate() {
        let kind = prose.kinds.get(b).copied().unwrap_or(BlockKind::Paragraph);
        let in_block = within(&names, block);
        if let BlockKind::Cell { table: t, row, col } = kind {
            if table.is_empty() {
                // A table is about the note's company, not a list item's above it.
                note.block(None, false);
            }
            let amounts = amounts_in(text, block);
            let tokens =
                tokens::tokenize(&text[block.range()], block.start(), in_block, &amounts, lexicon, vocab);
            table.cell(t, row, col, block, tokens, amounts);
            out.amounts.extend(table.last_amounts());
            continue;
        }
        if !table.is_empty() {
            read_table(std::mem::take(&mut table), text, lexicon, &mut note, trace.as_deref_mut());
        }
        match kind {
            BlockKind::Heading(_) => note.heading(in_block),
            BlockKind::Header => {
                out.amounts.extend(amounts_in(text, block));
                continue;
            }
            _ => {
                let (lead, question) = block_lead(&text[block.range()], block.start(), in_block, lexicon);
                note.block(lead, question);
            }
        }
        for sentence in sentences::split(text, block) {
            let s_text = &text[sentence.range()];
            let amounts = amounts_in(text, sentence);
            let in_sentence = within(&names, sentence);
            let tokens = tokens::tokenize(s_text, sentence.start(), in_sentence, &amounts, lexicon, vocab);
            let classes = tokens::class_string(&tokens);
            let skipped = if s_text.len() > MAX_SENTENCE_BYTES {
                Some("longer than a sentence a person writes")
            } else if !shapes::may_hold_claim(classes.as_bytes()) {
                Some("no name and claim word together")
            } else {
                None
            };
            let found = if skipped.is_none() {
                let s = shapes::Sentence {
                    tokens: &tokens,
                    amounts: &amounts,
                    text: s_text,
                    base: sentence.start(),
                };
                shapes::read(&s, &classes, lexicon)
            } else {
                Vec::new()
            };
            let before = note.claims.len();
            let shape_list: Vec<(&'static str, std::ops::Range<usize>)> =
                found.iter().map(|f| (f.shape, f.tokens.clone())).collect();
            note.sentence(found.into_iter().flat_map(|f| f.claims).collect(), &tokens);
            if let Some(t) = trace.as_deref_mut() {
                t.push(TraceSentence {
                    span: sentence,
                    tokens,
                    classes,
                    shapes: shape_list,
                    skipped,
                    claims: before..note.claims.len(),
                });
            }
            out.amounts.extend(amounts);
        }
    }
    if !table.is_empty() {
        read_table(table, text, lexicon, &mut note, trace);
    }
    out.amounts.sort_by_key(|a| a.span);
    out.claims = note.claims;
    out
}

/// Reads a finished table's rows into the note, and into the trace as one
/// entry.
fn read_table(
    table: table::Table,
    text: &str,
    lexicon: &Lexicon,
    note: &mut context::Note<'_>,
    trace: Option<&mut Vec<TraceSentence>>,
) {
    let span = table.span();
    let before = note.claims.len();
    note.sentence(table.claims(text, lexicon), &[]);
    if let Some(t) = trace {
        t.push(TraceSentence {
            span,
            tokens: Vec::new(),
            classes: String::new(),
            shapes: vec![("table", 0..0)],
            skipped: None,
            claims: before..note.claims.len(),
        });
    }
}

/// The money amounts inside `span` of `text`, with document offsets.
fn amounts_in(text: &str, span: Span) -> Vec<crate::claims::Amount> {
    let mut amounts = amount::find_amounts(&text[span.range()]);
    for a in &mut amounts {
        a.span = a.span.shift(span.start());
    }
    amounts
}

/// The company a block opens with before a colon ("- Meta: ...", "Item 2.
/// Cohere."), or that a question line asks about ("Q: OpenAI?"), and
/// whether the block is such a question.
fn block_lead(block: &str, base: usize, names: &[Party], lexicon: &Lexicon) -> (Option<Party>, bool) {
    let orgs: Vec<Party> = names
        .iter()
        .filter(|p| tokens::name_class(lexicon.entity(p.entity).kind) != Class::Person)
        .copied()
        .collect();
    let trimmed = block.trim_end();
    let is_question = (trimmed.starts_with("Q:") || trimmed.starts_with("Q.")) && trimmed.ends_with('?');
    if is_question {
        let lead = (orgs.len() == 1).then(|| orgs[0]);
        return (lead, true);
    }
    // "Item 2. Cohere. ..." / "Cohere: ..." : a name right before a colon or full stop, early in the block.
    let first = orgs.first().filter(|p| p.span.start() - base <= 16);
    let lead = first.filter(|p| {
        let after = block[p.span.end() - base..].trim_start();
        after.starts_with(':') || after.starts_with(". ")
    });
    (lead.copied(), false)
}

/// A note's date as `YYYY-MM-DD` when it can be read so ("Wed, 20 Dec
/// 2023", "18 September 2025", "2025-04-04"), else as written.
fn normalise_date(date: &str) -> String {
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let d = date.trim();
    if d.len() >= 10 && d.as_bytes()[4] == b'-' && d[..4].bytes().all(|b| b.is_ascii_digit()) {
        return d[..10].to_owned();
    }
    let words: Vec<&str> =
        d.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let year = words.iter().find(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
    let month = words.iter().find_map(|w| {
        let l = w.to_ascii_lowercase();
        MONTHS.iter().position(|m| l.starts_with(m)).map(|i| i + 1)
    });
    let day = words.iter().find_map(|w| w.parse::<u8>().ok().filter(|d| (1..=31).contains(d)));
    match (year, month, day) {
        (Some(y), Some(m), Some(day)) => format!("{y}-{m:02}-{day:02}"),
        (Some(y), Some(m), None) => format!("{y}-{m:02}"),
        _ => d.to_owned(),
    }
}

/// The names inside `span`, from a list sorted by position.
fn within(names: &[Party], span: Span) -> &[Party] {
    let start = names.partition_point(|p| p.span.start() < span.start());
    let end = names.partition_point(|p| p.span.start() < span.end());
    &names[start..end]
}

/// The vocabulary a lexicon reads with: the built-in one unless the
/// configuration changed it.
impl Lexicon {
    pub fn vocabulary(&self) -> &Vocabulary {
        self.vocab.as_deref().unwrap_or_else(|| Vocabulary::builtin())
    }
}

#[cfg(test)]
mod tests {
    use super::normalise_date;

    #[test]
    fn dates_are_read_in_the_shapes_notes_use() {
        assert_eq!(normalise_date("2025-04-04"), "2025-04-04");
        assert_eq!(normalise_date("Wed, 20 Dec 2023"), "2023-12-20");
        assert_eq!(normalise_date("18 September 2025"), "2025-09-18");
        assert_eq!(normalise_date("Thu, 20 Nov 2025"), "2025-11-20");
        assert_eq!(normalise_date("sometime"), "sometime");
    }

    #[test]
    fn a_date_in_the_file_name_dates_an_undated_note() {
        let lex = crate::lexicon::Lexicon::builtin();
        let text = "Amazon invested $4 billion in Anthropic.\n";
        let dated = |path: &str, text: &str| {
            let ex = super::extract(&crate::source::Document::new(path, text), lex);
            ex.claims.iter().map(|c| c.date.as_deref().map(str::to_owned)).collect::<Vec<_>>()
        };
        assert_eq!(dated("notes/2025-09-23-anthropic.md", text), [Some("2025-09-23".to_owned())]);
        assert_eq!(dated("notes/anthropic-2025.md", text), [None]);
        assert_eq!(dated("2025-13-40-x.md", text), [None], "not a date");
        // The text's own date wins.
        let front = "---\ndate: 2024-01-02\n---\nAmazon invested $4 billion in Anthropic.\n";
        assert_eq!(dated("2025-09-23-x.md", front), [Some("2024-01-02".to_owned())]);
        // A plain-text note's dated first line.
        let plain = "2025-03-01 call notes\n\nAmazon invested $4 billion in Anthropic.\n";
        assert_eq!(dated("call.txt", plain), [Some("2025-03-01".to_owned())]);
    }
}
