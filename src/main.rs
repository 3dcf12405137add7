use std::collections::HashSet;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;

use claimlint::baseline::Baseline;
use claimlint::config::{self, ConfigError, Loaded};
use claimlint::finding::Severity;
use claimlint::input::{self, InputError};
use claimlint::lexicon::Lexicon;
use claimlint::report::{self, Run, Sources, Summary};
use claimlint::rules;
use claimlint::source::Document;

mod cli;

use cli::{CheckArgs, Cli, Color, Command, ExtractArgs, ExtractFormat, FailOn, Format, Input};

/// Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage, I/O or
/// configuration errors.
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

/// Why a run stopped before it could check anything.
enum Failure {
    Io(io::Error),
    Config(ConfigError),
    Message(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.threads {
        // Only fails if a pool exists already, which it cannot at this point.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    match run(cli) {
        Ok(code) => code,
        // A closed pipe (`claimlint check | head`) is not a failure.
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            let message = match failure {
                Failure::Io(e) => format!("claimlint: {e}"),
                Failure::Message(m) => format!("claimlint: {m}"),
                Failure::Config(e) => render_config_error(&e),
            };
            let _ = writeln!(io::stderr(), "{message}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// A configuration error as a miette diagnostic pointing at the key.
fn render_config_error(e: &ConfigError) -> String {
    let report = match e {
        // A snippet of a line this long (a garbage file) would flood the terminal.
        ConfigError::Invalid { path, text, span: Some(span), message }
            if line_around(text, span.start).len() > MAX_SNIPPET_LINE =>
        {
            let at = claimlint::source::LineIndex::new(text).line_col(text, span.start);
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

/// Lines longer than this are not shown in a configuration error.
const MAX_SNIPPET_LINE: usize = 400;

/// The line of `text` that holds byte `at`.
fn line_around(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text.as_bytes()[..at].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let end = text.as_bytes()[at..].iter().position(|&b| b == b'\n').map_or(text.len(), |p| at + p);
    &text[start..end]
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Check(ref args) => check(&cli, args, &mut out)?,
        Command::Extract(ref args) => extract(&cli, args, &mut out)?,
        Command::Rules => {
            for rule in rules::RULES {
                let m = rule.meta();
                writeln!(out, "{:<22} {:<8} {}", m.id, m.default_severity, m.summary)?;
            }
            ExitCode::SUCCESS
        }
        Command::Explain { ref rule } => match rules::find(rule) {
            Some(r) => {
                let m = r.meta();
                writeln!(out, "# {}\n\n{}\n\nDefault severity: {}\n", m.id, m.summary, m.default_severity)?;
                write!(out, "{}", m.explanation)?;
                ExitCode::SUCCESS
            }
            None => {
                let ids: Vec<&str> = rules::RULES.iter().map(|r| r.meta().id).collect();
                return Err(Failure::Message(format!("no rule `{rule}`; the rules are: {}", ids.join(", "))));
            }
        },
        Command::Init { force } => {
            let path = Path::new(config::FILE_NAMES[0]);
            if path.exists() && !force {
                return Err(Failure::Message(format!(
                    "{} already exists; use --force to replace it",
                    path.display()
                )));
            }
            std::fs::write(path, config::STARTER)?;
            writeln!(out, "wrote {}", path.display())?;
            ExitCode::SUCCESS
        }
        Command::Config { show } => {
            let loaded = load_config(&cli)?;
            match &loaded.path {
                Some(p) => writeln!(out, "# configuration: {}", p.display())?,
                None => writeln!(out, "# no configuration file: built-in defaults")?,
            }
            if show {
                write!(out, "{}", loaded.config.to_toml())?;
            }
            ExitCode::SUCCESS
        }
        Command::Completions { shell } => cli::completions(shell, &mut out).map(|()| ExitCode::SUCCESS)?,
        Command::Man { ref command } => cli::man(command.as_deref(), &mut out).map(|()| ExitCode::SUCCESS)?,
    };
    out.flush()?;
    Ok(code)
}

/// The lexicon with the configuration's changes, when it makes any.
fn custom_lexicon(loaded: &Loaded) -> Result<Option<Lexicon>, Failure> {
    if !loaded.config.changes_lexicon() {
        return Ok(None);
    }
    loaded.config.build_lexicon().map(Some).map_err(|e| Failure::Message(e.to_string()))
}

fn load_config(cli: &Cli) -> Result<Loaded, Failure> {
    if cli.no_config {
        return Ok(Loaded { config: Default::default(), path: None });
    }
    let path = match &cli.config {
        Some(p) => Some(p.clone()),
        None => config::discover(&std::env::current_dir()?),
    };
    match path {
        Some(p) => config::load(&p).map_err(Failure::Config),
        None => Ok(Loaded { config: Default::default(), path: None }),
    }
}

/// Reads notes in parallel; the unreadable ones become errors.
fn read_all(files: &[PathBuf]) -> (Vec<Document>, Vec<InputError>) {
    let read: Vec<_> = files.par_iter().map(|p| input::read(p)).collect();
    let mut docs = Vec::with_capacity(read.len());
    let mut errors = Vec::new();
    for r in read {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    (docs, errors)
}

/// The notes of a run: the named ones first, then the corpus they are
/// compared against (`named` of them are named).
struct Notes {
    docs: Vec<Document>,
    errors: Vec<InputError>,
    named: usize,
}

fn load_notes(
    input: &Input,
    against: &[PathBuf],
    default_corpus: Option<&Path>,
    loaded: &Loaded,
) -> Result<Notes, Failure> {
    if input.demo {
        return Ok(Notes { docs: claimlint::demo::documents(), errors: Vec::new(), named: 5 });
    }
    let cfg = &loaded.config;
    let filter = input::filter(&loaded.base(), &cfg.include, &cfg.exclude)
        .map_err(|e| Failure::Message(format!("invalid include/exclude glob: {e}")))?;
    let corpus: Vec<PathBuf> = if !against.is_empty() {
        against.to_vec()
    } else if !cfg.corpus.is_empty() {
        cfg.corpus.iter().map(|c| loaded.base().join(c)).collect()
    } else {
        default_corpus.map(Path::to_path_buf).into_iter().collect()
    };
    let paths: Vec<PathBuf> = match (input.paths.is_empty(), corpus.is_empty()) {
        (false, _) => input.paths.clone(),
        // Nothing named: check the corpus itself, or the current folder.
        (true, false) => return load_notes(&Input { paths: corpus, demo: false }, &[], None, loaded),
        (true, true) => vec![".".into()],
    };
    let (named_files, mut errors) = input::collect(&paths, filter.as_ref());
    let (mut docs, read_errors) = read_all(&named_files);
    errors.extend(read_errors);
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    let named = docs.len();
    if !corpus.is_empty() {
        let (corpus_files, corpus_errors) = input::collect(&corpus, filter.as_ref());
        errors.extend(corpus_errors);
        let seen: HashSet<PathBuf> = named_files.iter().filter_map(|p| p.canonicalize().ok()).collect();
        let rest: Vec<PathBuf> = corpus_files
            .into_iter()
            .filter(|p| p.canonicalize().map_or(true, |c| !seen.contains(&c)))
            .collect();
        let (mut corpus_docs, read_errors) = read_all(&rest);
        errors.extend(read_errors);
        corpus_docs.sort_by(|a, b| a.path.cmp(&b.path));
        docs.extend(corpus_docs);
    }
    errors.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(Notes { docs, errors, named })
}

fn check(cli: &Cli, args: &CheckArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let loaded = load_config(cli)?;
    let custom = custom_lexicon(&loaded)?;
    let lexicon = custom.as_ref().unwrap_or_else(|| Lexicon::builtin());
    let settings = loaded.config.rule_settings();
    let (notes, extractions, mut findings) = if args.claims.is_empty() {
        let notes = load_notes(&args.input, &args.against, args.default_corpus.as_deref(), &loaded)?;
        let progress = progress_bar(notes.docs.len(), args.quiet);
        let (extractions, findings) =
            claimlint::check_with(&notes.docs, lexicon, &settings, &|| progress.inc(1));
        progress.finish_and_clear();
        (notes, extractions, findings)
    } else {
        check_claims(&args.claims, lexicon, &settings)?
    };
    let docs = &notes.docs;
    // With a corpus, report only what involves a named file.
    if notes.named < docs.len() {
        let named = notes.named as u32;
        findings.retain(|f| f.locations.iter().any(|l| l.doc < named));
    }
    let sources = Sources::new(docs);
    if let Some(path) = &args.write_baseline {
        Baseline::of(&findings, &sources).write(path).map_err(|e| Failure::Message(e.to_string()))?;
    }
    if let Some(path) = &args.baseline {
        let baseline = Baseline::read(path).map_err(|e| Failure::Message(e.to_string()))?;
        findings.retain(|f| !baseline.contains(f, &sources));
    }
    let mut errors = notes.errors;
    if args.fix || args.diff {
        apply_fixes(docs, notes.named, &mut findings, args.fix, &mut errors, out)?;
    }
    let summary = Summary {
        files: docs.len(),
        claims: extractions.iter().map(|e| e.claims.len()).sum(),
        findings: findings.len(),
        errors: errors.iter().filter(|e| !e.is_skip()).count(),
    };
    let run = Run { sources, findings: &findings, errors: &errors, summary };
    match args.format {
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            };
            let style = report::human::Style { color, width: 100, summary: !args.quiet };
            report::human::write(&run, style, out)?;
        }
        Format::Json => report::json::write(&run, out)?,
        Format::Sarif => report::sarif::write(&run, out)?,
        Format::Github => report::github::write(&run, out)?,
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

/// A progress bar on stderr for long runs, only when stderr is a terminal.
fn progress_bar(files: usize, quiet: bool) -> indicatif::ProgressBar {
    const LONG_RUN: usize = 2_000;
    if quiet || files < LONG_RUN || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} notes read ({per_sec}, {eta})")
    {
        bar.set_style(style);
    }
    bar
}

/// Runs the rules on claims files, then re-reads the notes that have
/// findings (only if their text is still what was extracted) to show them.
fn check_claims(
    files: &[PathBuf],
    lexicon: &Lexicon,
    settings: &rules::RuleSettings,
) -> Result<(Notes, Vec<claimlint::claims::Extraction>, Vec<claimlint::finding::Finding>), Failure> {
    use claimlint::claims_file;
    let mut records = Vec::new();
    for f in files {
        let shown = f.display().to_string();
        let file = std::fs::File::open(f).map_err(|e| Failure::Message(format!("{shown}: {e}")))?;
        let read = claims_file::read(&shown, io::BufReader::new(file), lexicon)
            .map_err(|e| Failure::Message(e.to_string()))?;
        records.extend(read);
    }
    // The same order as a check of the notes themselves.
    records.sort_by(|a, b| a.path.cmp(&b.path));
    let mut docs: Vec<Document> = records.iter().map(|r| Document::new(r.path.clone(), "")).collect();
    let hashes: Vec<String> = records.iter().map(|r| r.hash.clone()).collect();
    let extractions: Vec<_> = records.into_iter().map(|r| r.extraction).collect();
    let findings = claimlint::check_extractions(&extractions, lexicon, settings);
    let mut errors = Vec::new();
    let wanted: std::collections::BTreeSet<u32> =
        findings.iter().flat_map(|f| f.locations.iter().map(|l| l.doc)).collect();
    for id in wanted {
        let doc = &mut docs[id as usize];
        match input::read(Path::new(&doc.path)) {
            Ok(d) if claimlint::claims_file::text_hash(&d.text) == hashes[id as usize] => doc.text = d.text,
            Ok(_) => errors.push(InputError::Walk {
                path: doc.path.clone(),
                message: "changed since its claims were extracted; locations cannot be shown".to_owned(),
            }),
            Err(e) => errors.push(e),
        }
    }
    let named = docs.len();
    Ok((Notes { docs, errors, named }, extractions, findings))
}

/// Shows (`--diff`) or writes (`--fix`) the fixes for the named notes; a
/// written fix removes its finding from the report.
fn apply_fixes(
    docs: &[Document],
    named: usize,
    findings: &mut Vec<claimlint::finding::Finding>,
    write: bool,
    errors: &mut Vec<InputError>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut fixed: HashSet<(u32, claimlint::source::Span)> = HashSet::new();
    for (id, doc) in docs.iter().enumerate().take(named) {
        let id = id as u32;
        let fixes = claimlint::fix::fixes_for(findings, id);
        if fixes.is_empty() {
            continue;
        }
        let new = claimlint::fix::apply(&doc.text, &fixes);
        if !write {
            write!(out, "{}", claimlint::fix::unified_diff(&doc.path, &doc.text, &new))?;
            continue;
        }
        let file = doc.file.as_deref().unwrap_or(Path::new(&doc.path));
        match claimlint::fix::write_atomic(file, &doc.text, &new) {
            Ok(()) => fixed.extend(fixes.iter().map(|x| (id, x.span))),
            Err(source) => errors.push(InputError::Fix { path: doc.path.clone(), source }),
        }
    }
    findings.retain(|f| f.fix.as_ref().is_none_or(|x| !fixed.contains(&(x.doc, x.span))));
    Ok(())
}

fn extract(cli: &Cli, args: &ExtractArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let loaded = load_config(cli)?;
    let custom = custom_lexicon(&loaded)?;
    let lexicon = custom.as_ref().unwrap_or_else(|| Lexicon::builtin());
    let notes = load_notes(&args.input, &[], None, &loaded)?;
    let extractions = claimlint::extract_all(&notes.docs, lexicon);
    match args.format {
        ExtractFormat::Jsonl => {
            report::extract::write(&Sources::new(&notes.docs), &extractions, lexicon, args.mentions, out)?
        }
        ExtractFormat::Claims => claimlint::claims_file::write(&notes.docs, &extractions, lexicon, out)?,
    }
    for e in &notes.errors {
        let kind = if e.is_skip() { "note" } else { "error" };
        writeln!(io::stderr(), "{kind}: {e}")?;
    }
    let unreadable = notes.errors.iter().any(|e| !e.is_skip());
    Ok(if unreadable { ExitCode::from(EXIT_ERROR) } else { ExitCode::SUCCESS })
}
