//! `--format markdown`: a summary in GitHub-flavoured Markdown, for a CI job
//! to append to `$GITHUB_STEP_SUMMARY` or post as a pull-request comment.
//!
//! A heading with the verdict; a table of counts by rule and severity; then
//! each finding (rule, severity, message) with its sides as a list of
//! `path:line` links, each side's label and the text it quotes. Findings
//! after the first [`OPEN`] go in a collapsed `<details>` section, and files
//! that could not be read in a section of their own. Findings keep the order
//! of every other format.
//!
//! Links point at `{server}/{repository}/blob/{sha}/{path}#L{line}` when a
//! [`Links`] says where the files are on GitHub (from `GITHUB_SERVER_URL`,
//! `GITHUB_REPOSITORY` and `GITHUB_SHA`, as a workflow sets them), else at
//! the path as claimlint shows it. Text from notes and messages is escaped
//! so that it renders as written; a quote is a code span with a fence
//! longer than any run of backticks in it.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Run;
use crate::finding::{Finding, Severity};

/// Findings shown before the rest are collapsed.
pub const OPEN: usize = 10;

/// A quote longer than this (in characters) is cut, with `…`.
const MAX_QUOTE: usize = 240;

/// Where a location's link points.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Links {
    /// `{server}/{repository}/blob/{sha}/`, or none for relative links.
    blob: Option<String>,
}

impl Links {
    /// Links to files as `path#Lline`, relative to where the summary is read.
    pub fn relative() -> Self {
        Self { blob: None }
    }

    /// Links to files at a commit of a GitHub repository; relative links
    /// unless all three are given and not empty.
    pub fn github(server: Option<&str>, repository: Option<&str>, sha: Option<&str>) -> Self {
        match (server, repository, sha) {
            (Some(server), Some(repo), Some(sha))
                if !server.is_empty() && !repo.is_empty() && !sha.is_empty() =>
            {
                Self { blob: Some(format!("{}/{repo}/blob/{sha}/", server.trim_end_matches('/'))) }
            }
            _ => Self::relative(),
        }
    }

    /// From `GITHUB_SERVER_URL`, `GITHUB_REPOSITORY` and `GITHUB_SHA`.
    pub fn from_env() -> Self {
        let var = |name| std::env::var(name).ok();
        Self::github(
            var("GITHUB_SERVER_URL").as_deref(),
            var("GITHUB_REPOSITORY").as_deref(),
            var("GITHUB_SHA").as_deref(),
        )
    }

    /// The link to a line of a file.
    fn to(&self, path: &str, line: usize) -> String {
        let path = if cfg!(windows) { path.replace('\\', "/") } else { path.to_owned() };
        match &self.blob {
            // An absolute path is not in the repository's tree.
            Some(blob) if !path.starts_with('/') => {
                let path = path.trim_start_matches("./");
                format!("{blob}{}#L{line}", encode_path(path))
            }
            _ => format!("{}#L{line}", encode_path(&path)),
        }
    }
}

pub fn write(run: &Run<'_>, links: &Links, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## {}", verdict(run))?;
    if !run.findings.is_empty() {
        writeln!(out)?;
        counts(run.findings, out)?;
    }
    for (i, f) in run.findings.iter().enumerate() {
        if i == OPEN {
            let rest = run.findings.len() - OPEN;
            let s = if rest == 1 { "" } else { "s" };
            writeln!(out, "\n<details><summary>{rest} more finding{s}</summary>")?;
        }
        writeln!(out)?;
        finding(run, links, i + 1, f, out)?;
    }
    if run.findings.len() > OPEN {
        writeln!(out, "\n</details>")?;
    }
    if !run.errors.is_empty() {
        writeln!(out, "\n### Files not checked\n")?;
        for e in run.errors {
            let kind = if e.is_skip() { "skipped" } else { "error" };
            writeln!(out, "- {kind}: {}", escape(&e.to_string()))?;
        }
    }
    Ok(())
}

/// "claimlint: 3 errors, 1 warning in 5 notes", or "no findings".
pub(super) fn verdict(run: &Run<'_>) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let by_severity: Vec<String> = [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "info"),
    ]
    .into_iter()
    .filter_map(|(severity, one, many)| {
        let n = run.findings.iter().filter(|f| f.severity == severity).count();
        (n > 0).then(|| plural(n, one, many))
    })
    .collect();
    let found = if by_severity.is_empty() { "no findings".to_owned() } else { by_severity.join(", ") };
    let mut verdict = format!("claimlint: {found} in {}", plural(run.summary.files, "note", "notes"));
    let unreadable = run.errors.iter().filter(|e| !e.is_skip()).count();
    if unreadable > 0 {
        let files = plural(unreadable, "file", "files");
        verdict.push_str(&format!("; {files} could not be read"));
    }
    verdict
}

/// The table of findings by rule and severity, most severe first within a rule.
fn counts(findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    let mut by: BTreeMap<(&str, std::cmp::Reverse<Severity>), usize> = BTreeMap::new();
    for f in findings {
        *by.entry((f.rule, std::cmp::Reverse(f.severity))).or_default() += 1;
    }
    writeln!(out, "| rule | severity | findings |\n|---|---|---:|")?;
    for ((rule, severity), n) in by {
        writeln!(out, "| {} | {} | {n} |", code(rule), severity.0)?;
    }
    Ok(())
}

fn finding(run: &Run<'_>, links: &Links, n: usize, f: &Finding, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### {n}. {} ({})\n", code(f.rule), f.severity)?;
    writeln!(out, "{}", block_text(&f.message))?;
    if !f.locations.is_empty() || f.omitted > 0 || f.fix.is_some() {
        writeln!(out)?;
    }
    for loc in &f.locations {
        let at = run.resolve(loc);
        let place = format!("{}:{}", at.path, at.line);
        write!(out, "- [{}]({})", escape(&place), links.to(at.path, at.line))?;
        let quote = one_line(&at.text);
        if !quote.is_empty() {
            write!(out, " {}", code(&quote))?;
        }
        let label = one_line(&loc.label);
        if !label.is_empty() {
            write!(out, " — {}", escape(&label))?;
        }
        writeln!(out)?;
    }
    if f.omitted > 0 {
        writeln!(out, "- and {} more", f.omitted)?;
    }
    if let Some(fix) = &f.fix {
        writeln!(out, "- fix: replace with {}", code(&one_line(&fix.replacement)))?;
    }
    Ok(())
}

/// Whitespace (line breaks included) collapsed to single spaces; cut to
/// [`MAX_QUOTE`] characters.
fn one_line(s: &str) -> String {
    let mut line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some((cut, _)) = line.char_indices().nth(MAX_QUOTE) {
        line.truncate(cut);
        line.push('…');
    }
    line
}

/// A code span that shows `s` as it is: its fence is one backtick longer
/// than the longest run of backticks in it, and a space pads a quote that
/// begins or ends with one (CommonMark strips one space on each side).
pub fn code(s: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') || s.starts_with(' ') && s.ends_with(' ') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// Text that renders as written inline (also in a table cell): every
/// character Markdown or GitHub gives a meaning backslash-escaped, line
/// breaks collapsed to spaces. `$` too: GitHub reads `$…$` as math.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line_keep(s).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '$' | '~' | '&' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whitespace runs with a line break become one space; others are kept.
fn one_line_keep(s: &str) -> String {
    if s.contains(['\n', '\r']) { s.split_whitespace().collect::<Vec<_>>().join(" ") } else { s.to_owned() }
}

/// Escaped text that starts a paragraph: also what would make its first
/// characters a list item, heading or indented code.
fn block_text(s: &str) -> String {
    let text = escape(s.trim());
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    match text.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => format!("{}\\{}", &text[..digits], &text[digits..]),
        Some(b'-' | b'+' | b'=') if digits == 0 => format!("\\{text}"),
        _ => text,
    }
}

/// A path as a URL path: every byte but unreserved characters and `/`
/// percent-encoded (spaces and parentheses would end a Markdown link).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Fix, Location};
    use crate::input::InputError;
    use crate::report::{Sources, Summary};
    use crate::source::{Document, Span};

    #[test]
    fn a_code_span_outlasts_the_backticks_it_quotes() {
        assert_eq!(code("$4B"), "`$4B`");
        assert_eq!(code("a `b` c"), "``a `b` c``");
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(code("x`"), "`` x` ``");
        assert_eq!(code(" a "), "`  a  `");
    }

    #[test]
    fn escaping_leaves_nothing_to_markdown() {
        assert_eq!(escape("a|b *c* _d_ <e> [f](g) `h` $4B"), r"a\|b \*c\* \_d\_ \<e\> \[f\](g) \`h\` \$4B");
        assert_eq!(escape("one\n  two"), "one two");
        assert_eq!(block_text("- a"), r"\- a");
        assert_eq!(block_text("2025. a"), r"2025\. a");
        assert_eq!(block_text("2025 a"), "2025 a");
        assert_eq!(one_line(&"é".repeat(300)).chars().count(), MAX_QUOTE + 1);
    }

    #[test]
    fn links_go_to_github_only_with_all_three_variables() {
        assert_eq!(Links::relative().to("notes/a b(1).md", 3), "notes/a%20b%281%29.md#L3");
        let gh = Links::github(Some("https://github.com"), Some("o/r"), Some("abc"));
        assert_eq!(gh.to("./notes/a.md", 7), "https://github.com/o/r/blob/abc/notes/a.md#L7");
        assert_eq!(Links::github(Some("https://github.com"), Some("o/r"), None), Links::relative());
        assert_eq!(Links::github(Some("https://github.com"), Some(""), Some("abc")), Links::relative());
    }

    fn render(docs: &[Document], findings: &[Finding], errors: &[InputError], files: usize) -> String {
        let summary = Summary { files, findings: findings.len(), errors: errors.len(), ..Default::default() };
        let run = Run { sources: Sources::new(docs), findings, errors, summary };
        let mut out = Vec::new();
        write(&run, &Links::relative(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_finding_with_its_sides_omissions_and_fix() {
        let docs = [Document::new("a.md", "x\nsaid `$4B` | y\n"), Document::new("b.txt", "$8B\n")];
        let findings = [Finding {
            rule: "amount-conflict",
            severity: Severity::Warning,
            message: "deal: $4B vs <$8B>".into(),
            locations: vec![
                Location { doc: 0, span: Span::new(7, 15), label: "here *4*".into() },
                Location { doc: 1, span: Span::new(0, 3), label: "".into() },
            ],
            fix: Some(Fix { doc: 1, span: Span::new(0, 3), replacement: "$4B".into() }),
            omitted: 2,
            subject: String::new(),
            sides: Vec::new(),
        }];
        let errors = [InputError::Binary { path: "bin.txt".into() }];
        assert_eq!(
            render(&docs, &findings, &errors, 2),
            "## claimlint: 1 warning in 2 notes\n\n\
             | rule | severity | findings |\n|---|---|---:|\n| `amount-conflict` | warning | 1 |\n\n\
             ### 1. `amount-conflict` (warning)\n\n\
             deal: \\$4B vs \\<\\$8B\\>\n\n\
             - [a.md:2](a.md#L2) `` `$4B` | `` — here \\*4\\*\n\
             - [b.txt:1](b.txt#L1) `$8B`\n\
             - and 2 more\n\
             - fix: replace with `$4B`\n\n\
             ### Files not checked\n\n\
             - skipped: bin.txt: binary file (contains NUL bytes), skipped\n"
        );
    }

    #[test]
    fn no_findings_is_a_heading_alone() {
        assert_eq!(render(&[], &[], &[], 1), "## claimlint: no findings in 1 note\n");
        let errors = [InputError::NotUtf8 { path: "bad.md".into(), offset: 3 }];
        assert!(
            render(&[], &[], &errors, 0)
                .starts_with("## claimlint: no findings in 0 notes; 1 file could not be read\n")
        );
    }
}
