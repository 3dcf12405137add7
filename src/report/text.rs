//! The plain-text pages of the command line that are not a check's report:
//! the rule table, a rule's explanation, and a configuration error drawn
//! as a diagnostic pointing at the key. Here so that every front end (and a
//! test) renders them the same way.

use std::io::{self, Write};

use crate::config::ConfigError;
use crate::rules::{self, RuleMeta};

/// `claimlint rules`: id, default severity and summary of each rule, in
/// columns as wide as their longest entry.
pub fn rules_table(out: &mut dyn Write) -> io::Result<()> {
    let metas: Vec<&RuleMeta> = rules::RULES.iter().map(|r| r.meta()).collect();
    let id = metas.iter().map(|m| m.id.len()).max().unwrap_or(0);
    let severity = metas.iter().map(|m| m.default_severity.as_str().len()).max().unwrap_or(0);
    for m in metas {
        writeln!(out, "{:<id$}  {:<severity$}  {}", m.id, m.default_severity.as_str(), m.summary)?;
    }
    Ok(())
}

/// `claimlint explain RULE`: its documentation, or why there is none.
pub fn explain(rule: &str, out: &mut dyn Write) -> io::Result<Result<(), String>> {
    let Some(r) = rules::find(rule) else {
        let ids: Vec<&str> = rules::RULES.iter().map(|r| r.meta().id).collect();
        return Ok(Err(format!("no rule `{rule}`; the rules are: {}", ids.join(", "))));
    };
    let m = r.meta();
    writeln!(out, "# {}\n\n{}\n\nDefault severity: {}\n", m.id, m.summary, m.default_severity)?;
    write!(out, "{}", m.explanation)?;
    Ok(Ok(()))
}

/// Lines longer than this are not shown in a configuration error.
const MAX_SNIPPET_LINE: usize = 400;

/// A configuration error as a miette diagnostic pointing at the key, after
/// "claimlint: invalid configuration".
pub fn config_error(e: &ConfigError) -> String {
    let report = match e {
        // A snippet of a line this long (a garbage file) would flood the terminal.
        ConfigError::Invalid { path, text, span: Some(span), message }
            if line_around(text, span.start).len() > MAX_SNIPPET_LINE =>
        {
            let at = crate::source::LineIndex::new(text).line_col(text, span.start);
            miette::miette!("{path}:{}:{}: {message}", at.line, at.column)
        }
        ConfigError::Invalid { path, text, span: Some(span), message } => {
            miette::miette!(labels = vec![miette::LabeledSpan::at(span.clone(), "here")], "{message}")
                .with_source_code(miette::NamedSource::new(path, text.clone()))
        }
        ConfigError::Invalid { path, message, .. } => miette::miette!("{path}: {message}"),
        ConfigError::Read { .. } => miette::miette!("{e}"),
    };
    let mut out = String::new();
    let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    match handler.render_report(&mut out, report.as_ref()) {
        Ok(()) => format!("claimlint: invalid configuration\n{out}"),
        Err(_) => format!("claimlint: {e}"),
    }
}

/// The line of `text` that holds byte `at`.
fn line_around(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text.as_bytes()[..at].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let end = text.as_bytes()[at..].iter().position(|&b| b == b'\n').map_or(text.len(), |p| at + p);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_table_lines_up_and_explain_names_the_rules() {
        let mut out = Vec::new();
        rules_table(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        // Where the severity starts, on every line.
        let columns: Vec<usize> = text
            .lines()
            .map(|l| {
                let gap = l.find("  ").unwrap();
                gap + l[gap..].find(|c: char| c != ' ').unwrap()
            })
            .collect();
        assert!(columns.windows(2).all(|w| w[0] == w[1]), "{text}");
        let mut out = Vec::new();
        assert!(explain("amount-conflict", &mut out).unwrap().is_ok());
        let missing = explain("nope", &mut Vec::new()).unwrap().unwrap_err();
        assert!(missing.contains("amount-conflict"), "{missing}");
    }

    #[test]
    fn a_line_too_long_to_show_is_named_by_line_and_column() {
        let text = format!("x = {}\n", "a".repeat(500));
        let e = ConfigError::Invalid {
            path: "c.toml".into(),
            text: text.clone(),
            span: Some(0..1),
            message: "bad".into(),
        };
        assert!(config_error(&e).contains("c.toml:1:1: bad"), "{}", config_error(&e));
    }
}
