//! Code actions on a buffer's diagnostics: the misspelling's fix, a
//! suppression comment for the line, and adding the word to the lexicon's
//! allow list in `claimlint.toml`.

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{
    CodeAction, CodeActionKind, CreateFile, CreateFileOptions, DocumentChangeOperation, DocumentChanges,
    OneOf, OptionalVersionedTextDocumentIdentifier, Position, Range, ResourceOp, TextDocumentEdit, TextEdit,
    Uri, WorkspaceEdit,
};

use super::convert;
use super::diagnostics::Published;
use crate::source::{LineIndex, SourceKind};

fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// What the actions need of the buffer and the workspace.
pub struct Buffer<'a> {
    pub uri: &'a Uri,
    pub text: &'a str,
    pub kind: SourceKind,
}

pub struct AllowList<'a> {
    /// The configuration file, and its text when it exists.
    pub path: &'a Path,
    pub text: Option<&'a str>,
    /// Whether the client can create a file within an edit.
    pub can_create: bool,
}

/// The actions for the diagnostics of `published` that `range` touches.
pub fn for_range(
    buffer: &Buffer<'_>,
    published: &[Published],
    range: Range,
    allow: &AllowList<'_>,
) -> Vec<CodeAction> {
    let mut fixes = Vec::new();
    let mut others = Vec::new();
    let mut suppressed_lines = Vec::new();
    let mut allowed = Vec::new();
    for p in published.iter().filter(|p| overlaps(p.diagnostic.range, range)) {
        let diagnostics = Some(vec![p.diagnostic.clone()]);
        if let Some((at, replacement)) = &p.fix {
            let written = p.word.as_deref().unwrap_or("the word");
            fixes.push(CodeAction {
                title: format!("Replace `{written}` with `{replacement}`"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostics.clone(),
                edit: Some(edit(buffer.uri, vec![TextEdit::new(*at, replacement.clone())])),
                is_preferred: Some(true),
                ..CodeAction::default()
            });
        }
        let line = p.diagnostic.range.start.line;
        if !suppressed_lines.contains(&(line, p.rule)) {
            suppressed_lines.push((line, p.rule));
            others.push(CodeAction {
                title: format!("Suppress `{}` on this line", p.rule),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostics.clone(),
                edit: Some(edit(buffer.uri, vec![suppression(buffer, line, p.rule)])),
                ..CodeAction::default()
            });
        }
        if let Some(word) = p.word.as_deref().filter(|w| !allowed.contains(w)) {
            allowed.push(word);
            if let Some(e) = allow_edit(allow, word) {
                others.push(CodeAction {
                    title: format!(
                        "Add `{word}` to the allow list in {}",
                        allow
                            .path
                            .file_name()
                            .map_or_else(|| "claimlint.toml".into(), |n| n.to_string_lossy())
                    ),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics,
                    edit: Some(e),
                    ..CodeAction::default()
                });
            }
        }
    }
    fixes.extend(others);
    fixes
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..WorkspaceEdit::default() }
}

/// A `claimlint-disable-next-line` comment on its own line above `line`,
/// indented as that line is: an HTML comment in Markdown, the bare words
/// in plain text (see `suppress.rs`).
pub fn suppression(buffer: &Buffer<'_>, line: u32, rule: &str) -> TextEdit {
    let lines = LineIndex::new(buffer.text);
    let n = line as usize + 1;
    let current =
        if n <= lines.line_count() { &buffer.text[lines.line_span(buffer.text, n).range()] } else { "" };
    let indent: String = current.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    // A list item's marker is not indentation the comment should copy.
    let eol = if buffer.text.contains("\r\n") { "\r\n" } else { "\n" };
    let comment = match buffer.kind {
        SourceKind::Markdown => format!("{indent}<!-- claimlint-disable-next-line {rule} -->{eol}"),
        SourceKind::Text => format!("{indent}claimlint-disable-next-line {rule}{eol}"),
    };
    TextEdit::new(Range::new(Position::new(line, 0), Position::new(line, 0)), comment)
}

/// The configuration's text with `word` in `[lexicon] allow`; `None` when
/// it is there already or the result would not be a valid configuration.
pub fn with_allowed(text: &str, word: &str) -> Option<String> {
    let quoted = crate::config::toml_string(word);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let header = |l: &str| l.trim_start().starts_with('[') && !l.trim_start().starts_with("[[");
    let mut offset = 0;
    let mut section: Option<&str> = None;
    let mut lexicon_end = None;
    for line in &lines {
        let trimmed = line.trim();
        if header(line) {
            if section == Some("lexicon") {
                lexicon_end.get_or_insert(offset);
            }
            section = Some(trimmed.trim_start_matches('[').split(']').next().unwrap_or("").trim());
        } else if trimmed.starts_with("[[") && section == Some("lexicon") {
            lexicon_end.get_or_insert(offset);
            section = None;
        } else if section == Some("lexicon") && trimmed.starts_with("allow") {
            let after = trimmed["allow".len()..].trim_start();
            if let Some(rest) = after.strip_prefix('=') {
                let bracket = offset + line.find('[')?;
                if !rest.trim_start().starts_with('[') {
                    return None;
                }
                let next = text[bracket + 1..].trim_start();
                let insert = if next.starts_with(']') { quoted.clone() } else { format!("{quoted}, ") };
                let new = format!("{}{insert}{}", &text[..bracket + 1], &text[bracket + 1..]);
                return valid(new);
            }
        }
        offset += line.len();
    }
    let new = match (section == Some("lexicon"), lexicon_end, text.contains("[lexicon]")) {
        // The [lexicon] table ends at `end`, or runs to the end of the file.
        (_, Some(end), _) => format!("{}allow = [{quoted}]\n{}", &text[..end], &text[end..]),
        (true, None, _) => {
            let sep = if text.ends_with('\n') || text.is_empty() { "" } else { "\n" };
            format!("{text}{sep}allow = [{quoted}]\n")
        }
        _ => {
            let sep = if text.is_empty() || text.ends_with("\n\n") {
                ""
            } else if text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            format!("{text}{sep}[lexicon]\nallow = [{quoted}]\n")
        }
    };
    valid(new)
}

fn valid(text: String) -> Option<String> {
    crate::config::parse(Path::new("claimlint.toml"), &text).ok().map(|_| text)
}

/// The edit that allows `word`: the whole file replaced, or a new file.
fn allow_edit(allow: &AllowList<'_>, word: &str) -> Option<WorkspaceEdit> {
    let uri = convert::uri_of(allow.path)?;
    match allow.text {
        Some(text) => {
            if crate::config::parse(allow.path, text)
                .is_ok_and(|c| c.lexicon.allow.iter().any(|a| a.eq_ignore_ascii_case(word)))
            {
                return None;
            }
            let new = with_allowed(text, word)?;
            // The end of the file: past its last line, which every client
            // takes as the end.
            let end = Position::new(LineIndex::new(text).line_count() as u32, 0);
            Some(edit(&uri, vec![TextEdit::new(Range::new(Position::new(0, 0), end), new)]))
        }
        None if allow.can_create => {
            let new = with_allowed("", word)?;
            Some(WorkspaceEdit {
                document_changes: Some(DocumentChanges::Operations(vec![
                    DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                        uri: uri.clone(),
                        options: Some(CreateFileOptions {
                            overwrite: Some(false),
                            ignore_if_exists: Some(true),
                        }),
                        annotation_id: None,
                    })),
                    DocumentChangeOperation::Edit(TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                        edits: vec![OneOf::Left(TextEdit::new(
                            Range::new(Position::new(0, 0), Position::new(0, 0)),
                            new,
                        ))],
                    }),
                ])),
                ..WorkspaceEdit::default()
            })
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_joins_the_allow_list_wherever_it_is() {
        assert_eq!(with_allowed("", "Tranium").unwrap(), "[lexicon]\nallow = [\"Tranium\"]\n");
        assert_eq!(
            with_allowed("corpus = [\"notes\"]\n", "Tranium").unwrap(),
            "corpus = [\"notes\"]\n\n[lexicon]\nallow = [\"Tranium\"]\n"
        );
        assert_eq!(
            with_allowed("[lexicon]\nallow = []\n", "Tranium").unwrap(),
            "[lexicon]\nallow = [\"Tranium\"]\n"
        );
        assert_eq!(
            with_allowed("[lexicon]\nallow = [\n  \"Foo\",\n]\n[rules]\n", "Tranium").unwrap(),
            "[lexicon]\nallow = [\"Tranium\", \n  \"Foo\",\n]\n[rules]\n"
        );
        assert_eq!(
            with_allowed("[lexicon]\nremove = []\n\n[rules]\namount-conflict = \"off\"\n", "Tranium")
                .unwrap(),
            "[lexicon]\nremove = []\n\nallow = [\"Tranium\"]\n[rules]\namount-conflict = \"off\"\n"
        );
        // The starter file, as `claimlint init` writes it.
        let starter = with_allowed(crate::config::STARTER, "Tranium").unwrap();
        let c = crate::config::parse(Path::new("c"), &starter).unwrap();
        assert_eq!(c.lexicon.allow, ["Tranium"]);
        // A file that is no configuration gets no edit.
        assert!(with_allowed("allow = 3\n[lexicon\n", "Tranium").is_none());
    }

    #[test]
    fn a_suppression_comment_goes_above_the_line_as_indented() {
        let uri: Uri = "file:///n.md".parse().unwrap();
        let md = Buffer { uri: &uri, text: "a\n  Tranium x\n", kind: SourceKind::Markdown };
        let e = suppression(&md, 1, "misspelled-name");
        assert_eq!(e.new_text, "  <!-- claimlint-disable-next-line misspelled-name -->\n");
        assert_eq!(e.range.start, Position::new(1, 0));
        let txt = Buffer { uri: &uri, text: "Tranium\r\n", kind: SourceKind::Text };
        assert_eq!(
            suppression(&txt, 0, "misspelled-name").new_text,
            "claimlint-disable-next-line misspelled-name\r\n"
        );
        // The comment silences the finding once inserted.
        let text = format!("a\n{}  Tranium x\n", e.new_text);
        let s = crate::suppress::parse(&text);
        assert!(
            s.iter().any(|s| s.applies_to("misspelled-name") && text[s.covers.range()].contains("Tranium"))
        );
    }
}
