//! `--format concise`: one line per finding, `path:line:col: rule message`,
//! as ruff's `concise` and typos' `brief` print them: for a terminal that
//! jumps to `path:line:col`, for `grep`, and for people who already know the
//! rules. A conflict's other sides follow the message as `(also at …)`.

use std::io::{self, Write};

use super::Run;

pub fn write(run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    for f in run.findings {
        let Some(primary) = f.locations.first() else {
            writeln!(out, "{} {}", f.rule, f.message)?;
            continue;
        };
        let at = run.resolve(primary);
        writeln!(
            out,
            "{}:{}:{}: {} {}{}",
            at.path,
            at.line,
            at.column,
            f.rule,
            f.message,
            run.also_at(f, true)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Finding, Location, Severity};
    use crate::report::{Sources, Summary};
    use crate::source::{Document, Span};

    #[test]
    fn one_line_per_finding_with_its_other_sides() {
        let docs = [Document::new("a.md", "x\n$4B\n"), Document::new("b.txt", "$8B\n")];
        let findings = [Finding {
            rule: "amount-conflict",
            severity: Severity::Error,
            message: "deal: $4B vs $8B".into(),
            locations: vec![
                Location { doc: 0, span: Span::new(2, 5), label: "".into() },
                Location { doc: 1, span: Span::new(0, 3), label: "".into() },
            ],
            fix: None,
            omitted: 0,
            subject: String::new(),
            sides: Vec::new(),
        }];
        let run = Run {
            sources: Sources::new(&docs),
            findings: &findings,
            errors: &[],
            summary: Summary::default(),
        };
        let mut out = Vec::new();
        write(&run, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a.md:2:1: amount-conflict deal: $4B vs $8B (also at b.txt:1:1)\n"
        );
    }
}
