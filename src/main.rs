use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;

use claimlint::finding::Severity;
use claimlint::input::{self, InputError};
use claimlint::lexicon::Lexicon;
use claimlint::report::{self, Run, Sources, Summary};
use claimlint::rules::{self, RuleSettings};
use claimlint::source::Document;

mod cli;

use cli::{CheckArgs, Cli, Color, Command, ExtractArgs, FailOn, Format, Input};

/// Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage, I/O or
/// configuration errors.
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // A closed pipe (`claimlint check | head`) is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "claimlint: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run(cli: Cli) -> io::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Check(args) => check(args, &mut out)?,
        Command::Extract(args) => extract(args, &mut out)?,
        Command::Rules => {
            for rule in rules::RULES {
                let m = rule.meta();
                writeln!(out, "{:<22} {:<8} {}", m.id, m.default_severity, m.summary)?;
            }
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match rules::find(&rule) {
            Some(r) => {
                let m = r.meta();
                writeln!(out, "# {}\n\n{}\n\nDefault severity: {}\n", m.id, m.summary, m.default_severity)?;
                write!(out, "{}", m.explanation)?;
                ExitCode::SUCCESS
            }
            None => {
                let ids: Vec<&str> = rules::RULES.iter().map(|r| r.meta().id).collect();
                writeln!(io::stderr(), "claimlint: no rule `{rule}`; the rules are: {}", ids.join(", "))?;
                ExitCode::from(EXIT_ERROR)
            }
        },
    };
    out.flush()?;
    Ok(code)
}

/// Reads the notes named on the command line (or the demo corpus).
fn load(input: &Input) -> (Vec<Document>, Vec<InputError>) {
    if input.demo {
        return (claimlint::demo::documents(), Vec::new());
    }
    let paths = if input.paths.is_empty() { vec![".".into()] } else { input.paths.clone() };
    let (files, mut errors) = input::collect(&paths);
    let read: Vec<_> = files.par_iter().map(|p| input::read(p)).collect();
    let mut docs = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    errors.sort_by(|a, b| a.path().cmp(b.path()));
    (docs, errors)
}

fn check(args: CheckArgs, out: &mut dyn Write) -> io::Result<ExitCode> {
    let lexicon = Lexicon::builtin();
    let settings = RuleSettings::default();
    let (docs, errors) = load(&args.input);
    let (extractions, findings) = claimlint::check(&docs, lexicon, &settings);
    let summary = Summary {
        files: docs.len(),
        claims: extractions.iter().map(|e| e.claims.len()).sum(),
        findings: findings.len(),
        errors: errors.iter().filter(|e| !e.is_skip()).count(),
    };
    let run = Run { sources: Sources::new(&docs), findings: &findings, errors: &errors, summary };
    match args.format {
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            };
            report::human::write(&run, report::human::Style { color, width: 100 }, out)?;
        }
        Format::Json => report::json::write(&run, out)?,
    }
    if summary.errors > 0 {
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failing = threshold.is_some_and(|t| findings.iter().any(|f| f.severity >= t));
    Ok(if failing { ExitCode::from(EXIT_FINDINGS) } else { ExitCode::SUCCESS })
}

fn extract(args: ExtractArgs, out: &mut dyn Write) -> io::Result<ExitCode> {
    let lexicon = Lexicon::builtin();
    let (docs, errors) = load(&args.input);
    let extractions = claimlint::extract_all(&docs, lexicon);
    report::extract::write(&Sources::new(&docs), &extractions, lexicon, args.mentions, out)?;
    for e in &errors {
        let kind = if e.is_skip() { "note" } else { "error" };
        writeln!(io::stderr(), "{kind}: {e}")?;
    }
    let unreadable = errors.iter().any(|e| !e.is_skip());
    Ok(if unreadable { ExitCode::from(EXIT_ERROR) } else { ExitCode::SUCCESS })
}
