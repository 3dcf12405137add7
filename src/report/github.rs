//! `--format github`: GitHub Actions workflow commands, which the runner
//! turns into annotations on the files of a pull request.
//!
//! One command per finding, at its primary location:
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=claimlint(rule)::message`.
//! The other locations of a conflict are named at the end of the message
//! ("… (also at seeds/b.txt:3:17, …)") rather than given annotations of their
//! own: GitHub shows only a few annotations of each level per step and job,
//! so one finding must cost one annotation, and a notice on each other side
//! would repeat the same conflict without its message.
//!
//! Columns (Unicode code points, end exclusive, as in the other formats) are
//! given only for a location on one line: GitHub does not accept them for a
//! range over several lines. Files that could not be read get an `::error` (a skipped
//! binary file a `::notice`) naming the file.

use std::io::{self, Write};

use super::Run;
use crate::finding::{Finding, Severity};

/// The workflow command for a severity.
fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes a command's data (the message after `::`).
pub fn escape_data(s: &str) -> String {
    escape(s, false)
}

/// Escapes a property value (`file=…`, `title=…`), where `:` and `,` also
/// have meaning.
pub fn escape_property(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

fn annotation(run: &Run<'_>, f: &Finding, out: &mut dyn Write) -> io::Result<()> {
    let message = format!("{}{}", f.message, run.also_at(f, true));
    write!(out, "::{} ", command(f.severity))?;
    if let Some(primary) = f.locations.first() {
        let at = run.resolve(primary);
        write!(out, "file={},line={},", escape_property(at.path), at.line)?;
        if at.line == at.end_line {
            write!(out, "col={},endLine={},endColumn={},", at.column, at.end_line, at.end_column)?;
        } else {
            write!(out, "endLine={},", at.end_line)?;
        }
    }
    let title = format!("claimlint({})", f.rule);
    writeln!(out, "title={}::{}", escape_property(&title), escape_data(&message))
}

pub fn write(run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    for f in run.findings {
        annotation(run, f, out)?;
    }
    for e in run.errors {
        let kind = if e.is_skip() { "notice" } else { "error" };
        writeln!(
            out,
            "::{kind} file={},title={}::{}",
            escape_property(e.path()),
            escape_property("claimlint"),
            escape_data(&e.to_string())
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Location;
    use crate::input::InputError;
    use crate::report::{Sources, Summary};
    use crate::source::{Document, Span};

    #[test]
    fn data_escapes_percent_and_line_breaks() {
        assert_eq!(escape_data("50% up\r\nthen: a, b"), "50%25 up%0D%0Athen: a, b");
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
        assert_eq!(escape_property("claimlint(amount-conflict)"), "claimlint(amount-conflict)");
    }

    fn render(docs: &[Document], findings: &[Finding], errors: &[InputError]) -> String {
        let run = Run { sources: Sources::new(docs), findings, errors, summary: Summary::default() };
        let mut out = Vec::new();
        write(&run, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn one_command_per_finding_naming_the_other_sides() {
        let docs =
            [Document::new("a, b.md", "x\nAmazon: $10B\n"), Document::new("c.txt", "é $50B\nand\nmore")];
        let f = |severity, second: Span| Finding {
            rule: "amount-conflict",
            severity,
            message: "50% off\nreally".into(),
            locations: vec![
                Location { doc: 0, span: Span::new(10, 14), label: "a".into() },
                Location { doc: 1, span: second, label: "b".into() },
            ],
            fix: None,
            omitted: 0,
            subject: String::new(),
            sides: Vec::new(),
        };
        let findings = [f(Severity::Error, Span::new(3, 7)), f(Severity::Info, Span::new(3, 7))];
        let out = render(&docs, &findings, &[]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "::error file=a%2C b.md,line=2,col=9,endLine=2,endColumn=13,title=claimlint(amount-conflict)::\
             50%25 off%0Areally (also at c.txt:1:3)"
        );
        assert!(lines[1].starts_with("::notice file="), "{}", lines[1]);
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn multi_line_spans_give_no_columns() {
        let docs = [Document::new("a.md", "one\ntwo\n")];
        let findings = [Finding {
            rule: "condition-conflict",
            severity: Severity::Warning,
            message: "m".into(),
            locations: vec![Location { doc: 0, span: Span::new(1, 6), label: "l".into() }],
            fix: None,
            omitted: 0,
            subject: String::new(),
            sides: Vec::new(),
        }];
        assert_eq!(
            render(&docs, &findings, &[]),
            "::warning file=a.md,line=1,endLine=2,title=claimlint(condition-conflict)::m\n"
        );
    }

    #[test]
    fn unreadable_files_are_errors_and_binaries_notices() {
        let errors = [
            InputError::NotUtf8 { path: "bad.md".into(), offset: 3 },
            InputError::Binary { path: "bin.txt".into() },
        ];
        let out = render(&[], &[], &errors);
        assert_eq!(
            out,
            "::error file=bad.md,title=claimlint::bad.md: not valid UTF-8 (byte 3 is not part of a UTF-8 \
             character)\n::notice file=bin.txt,title=claimlint::bin.txt: binary file (contains NUL bytes), \
             skipped\n"
        );
    }
}
