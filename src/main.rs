use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use claimlint::config::{self, ConfigError, Loaded};
use claimlint::finding::Severity;
use claimlint::input::InputError;
use claimlint::lexicon::Lexicon;
use claimlint::lsp::workspace::ConfigSource;
use claimlint::report::{self, Run, Sources};
use claimlint::workflow::{
    self, Buffer, CacheMode, CheckError, CheckRequest, FixMode, Notes, Selection, Status,
};

mod cli;
mod terminal;

use cli::{
    CheckArgs, Cli, Color, Command, DealsArgs, DealsFormat, ExtractArgs, ExtractFormat, FailOn, Format, Input,
};

/// Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage, I/O or
/// configuration errors.
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

/// Why a run stopped before it could check anything.
enum Failure {
    Io(io::Error),
    Config(ConfigError),
    Message(String),
    Check(CheckError),
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
                Failure::Check(CheckError::Empty(paths)) => {
                    format!("claimlint: warning: no notes found under {paths} (--allow-empty to accept)")
                }
                Failure::Check(e) => format!("claimlint: {e}"),
                Failure::Config(e) => report::text::config_error(&e),
            };
            let _ = writeln!(io::stderr(), "{message}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    if let Command::Lsp = cli.command {
        // Before standard output is locked below: the server's writer
        // thread writes to it.
        return lsp(&cli);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Check(ref args) => check(&cli, args, &mut out)?,
        Command::Extract(ref args) => extract(&cli, args, &mut out)?,
        Command::Deals(ref args) => deals(&cli, args, &mut out)?,
        Command::Rules => report::text::rules_table(&mut out).map(|()| ExitCode::SUCCESS)?,
        Command::Vocabulary { ref class } => vocabulary(&cli, class.as_deref(), &mut out)?,
        Command::Explain { ref rule } => {
            report::text::explain(rule, &mut out)?.map_err(Failure::Message)?;
            ExitCode::SUCCESS
        }
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
        Command::Lsp => unreachable!("served above"),
        Command::Completions { shell } => cli::completions(shell, &mut out).map(|()| ExitCode::SUCCESS)?,
        Command::Man { ref command } => cli::man(command.as_deref(), &mut out).map(|()| ExitCode::SUCCESS)?,
    };
    out.flush()?;
    Ok(code)
}

/// `claimlint lsp`: serves an editor until it says `exit`; the exit status
/// is the protocol's: 0 after `shutdown`, else 1.
fn lsp(cli: &Cli) -> Result<ExitCode, Failure> {
    let config = match (&cli.config, cli.no_config) {
        (_, true) => ConfigSource::None,
        (Some(path), false) => ConfigSource::File(std::path::absolute(path)?),
        (None, false) => ConfigSource::Discover,
    };
    let clean = claimlint::lsp::run_stdio(claimlint::lsp::Options { config, ..Default::default() });
    Ok(if clean { ExitCode::SUCCESS } else { ExitCode::FAILURE })
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

fn check(cli: &Cli, args: &CheckArgs, stdout: &mut dyn Write) -> Result<ExitCode, Failure> {
    let loaded = load_config(cli)?;
    let custom = custom_lexicon(&loaded)?;
    let lexicon = custom.as_ref().unwrap_or_else(|| Lexicon::builtin());
    let request = CheckRequest {
        notes: selection(&args.input, &args.against, args.default_corpus.clone())?,
        claims: args.claims.clone(),
        baseline: args.baseline.clone(),
        write_baseline: args.write_baseline.clone(),
        fix: if args.fix {
            FixMode::Write
        } else if args.diff {
            FixMode::Diff
        } else {
            FixMode::Off
        },
        cache: match (&args.cache_dir, args.no_cache) {
            (_, true) => CacheMode::Off,
            (Some(dir), false) => CacheMode::In(dir.clone()),
            (None, false) => CacheMode::Auto,
        },
        allow_empty: args.allow_empty,
        fail_on: match args.fail_on {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        },
        cwd: std::env::current_dir()?,
        // Only the HTML report shows claims (its deal ledger).
        pack_claims: args.format != Format::Html,
    };
    let progress = terminal::Bar::new(args.quiet);
    let mut outcome = workflow::check(&loaded, lexicon, &request, &progress).map_err(Failure::Check)?;
    stdout.write_all(outcome.patch.as_bytes())?;
    // Errors and notes about files go to standard error, as ripgrep's do;
    // standard output carries only the report (machine formats also carry
    // them in their own shape).
    write_file_errors(&outcome.errors)?;
    let run = Run {
        sources: Sources::new(&outcome.docs),
        findings: &outcome.findings,
        errors: &outcome.errors,
        summary: outcome.summary,
    };
    match &args.output_file {
        Some(path) => {
            let mut file = io::BufWriter::new(
                std::fs::File::create(path)
                    .map_err(|e| Failure::Message(format!("cannot write {}: {e}", path.display())))?,
            );
            write_report(&run, (&outcome.extractions, lexicon), args, false, &mut file)?;
            file.flush()?;
        }
        // With --diff, standard output is the patch alone.
        None if args.diff => {}
        None => {
            write_report(&run, (&outcome.extractions, lexicon), args, io::stdout().is_terminal(), stdout)?
        }
    }
    if let Some(fixed) = outcome.fixed {
        stdout.flush()?;
        writeln!(io::stderr(), "claimlint: {}", fixed.describe(args.fix, outcome.findings.len()))?;
    }
    // Every note's claims are freed by the process's exit, all at once;
    // dropping them one by one first would only cost time.
    std::mem::forget(std::mem::take(&mut outcome.extractions));
    Ok(ExitCode::from(match outcome.status {
        Status::Errors => EXIT_ERROR,
        Status::Findings => EXIT_FINDINGS,
        Status::Clean => 0,
    }))
}

/// The notes the arguments name; `-` reads standard input.
fn selection(input: &Input, against: &[PathBuf], default_corpus: Option<PathBuf>) -> io::Result<Selection> {
    let buffer = if input.paths.iter().any(|p| p.as_os_str() == "-") {
        use std::io::Read;
        let mut bytes = Vec::new();
        // One byte more than a note may have, so that too much is seen.
        io::stdin().lock().take(claimlint::input::MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
        Some(Buffer { name: input.stdin_filename.clone(), bytes })
    } else {
        None
    };
    Ok(Selection {
        paths: input.paths.clone(),
        buffer,
        demo: input.demo,
        against: against.to_vec(),
        default_corpus,
    })
}

/// Writes `error: …` for each file that could not be read and `note: …`
/// for each one skipped, to standard error.
fn write_file_errors(errors: &[InputError]) -> io::Result<()> {
    let mut err = io::stderr().lock();
    for e in errors {
        let kind = if e.is_skip() { "note" } else { "error" };
        writeln!(err, "{kind}: {e}")?;
    }
    Ok(())
}

/// Writes the report in the chosen format; `tty` says whether `out` is a
/// terminal (for colour).
fn write_report(
    run: &Run<'_>,
    (extractions, lexicon): (&[claimlint::claims::Extraction], &Lexicon),
    args: &CheckArgs,
    tty: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match args.format {
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => tty && !terminal::no_color(std::env::var_os("NO_COLOR").as_deref()),
            };
            let style = report::human::Style { color, width: 100, summary: !args.quiet };
            report::human::write(run, style, out)
        }
        Format::Json => report::json::write(run, out),
        Format::Sarif => report::sarif::write_rooted(run, std::env::current_dir().ok().as_deref(), out),
        Format::Github => report::github::write(run, out),
        Format::Concise => report::concise::write(run, out),
        Format::Gitlab => report::gitlab::write(run, out),
        Format::Markdown => report::markdown::write(run, &report::markdown::Links::from_env(), out),
        Format::Html => {
            let ledger = claimlint::ledger::Ledger::with_findings(extractions, lexicon, run.findings);
            report::html::write(run, &ledger, lexicon, out)
        }
    }
}

/// `claimlint vocabulary`: each class, its character in the grammar's
/// input, and its phrases by sense.
fn vocabulary(cli: &Cli, only: Option<&str>, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    use claimlint::extract::vocab::Class;
    let loaded = load_config(cli)?;
    let custom = custom_lexicon(&loaded)?;
    let lexicon = custom.as_ref().unwrap_or_else(|| Lexicon::builtin());
    let phrases = lexicon.vocabulary().phrases();
    if let Some(name) = only.filter(|n| Class::from_name(n).is_none()) {
        return Err(Failure::Message(format!(
            "`{name}` is not a vocabulary class; `claimlint vocabulary` lists them"
        )));
    }
    for &(class, byte, name, from_vocabulary) in Class::ALL {
        if !from_vocabulary || only.is_some_and(|o| o != name) {
            continue;
        }
        let mut by_sense: std::collections::BTreeMap<String, Vec<&str>> = Default::default();
        for (phrase, c, sense) in &phrases {
            if *c == class {
                by_sense.entry(sense.name()).or_default().push(phrase);
            }
        }
        writeln!(out, "{name} ({})", byte as char)?;
        for (sense, list) in by_sense {
            let label = if sense == "words" { String::new() } else { format!("[{sense}] ") };
            writeln!(out, "  {label}{}", list.join(", "))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn extract(cli: &Cli, args: &ExtractArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let loaded = load_config(cli)?;
    let custom = custom_lexicon(&loaded)?;
    let lexicon = custom.as_ref().unwrap_or_else(|| Lexicon::builtin());
    let notes = selection(&args.input, &[], None)?;
    let (docs, errors) =
        match workflow::find_notes(&notes, &loaded, &std::env::current_dir()?).map_err(Failure::Check)? {
            Notes::Demo(docs) => (docs, Vec::new()),
            Notes::Files { named, buffer, mut errors, .. } => {
                let (mut docs, read_errors) = workflow::read_all(&named);
                docs.splice(0..0, buffer);
                errors.extend(read_errors);
                errors.sort_by(|a, b| a.path().cmp(b.path()));
                (docs, errors)
            }
        };
    if args.trace {
        for doc in &docs {
            let mut trace = Vec::new();
            let extraction = claimlint::extract::extract_traced(doc, lexicon, Some(&mut trace));
            report::trace::write(doc, &extraction, &trace, lexicon, out)?;
        }
    } else {
        let extractions = claimlint::extract_all(&docs, lexicon);
        match args.format {
            ExtractFormat::Jsonl => {
                report::extract::write(&Sources::new(&docs), &extractions, lexicon, args.mentions, out)?
            }
            ExtractFormat::Claims => claimlint::claims_file::write(&docs, &extractions, lexicon, out)?,
        }
    }
    for e in &errors {
        let kind = if e.is_skip() { "note" } else { "error" };
        writeln!(io::stderr(), "{kind}: {e}")?;
    }
    let unreadable = errors.iter().any(|e| !e.is_skip());
    Ok(if unreadable { ExitCode::from(EXIT_ERROR) } else { ExitCode::SUCCESS })
}

/// `claimlint deals`: the deal ledger of the notes named (as `extract`, the
/// `corpus` of claimlint.toml only when no path is named).
fn deals(cli: &Cli, args: &DealsArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    use claimlint::ledger::{self, Ledger, render};
    let loaded = load_config(cli)?;
    let custom = custom_lexicon(&loaded)?;
    let lexicon = custom.as_ref().unwrap_or_else(|| Lexicon::builtin());
    // An unknown name is an error before any note is read.
    let party = match &args.party {
        Some(name) => {
            Some(ledger::resolve_party(lexicon, name).map_err(|e| Failure::Message(e.to_string()))?)
        }
        None => None,
    };
    let cwd = std::env::current_dir()?;
    let notes = selection(&args.input, &[], None)?;
    let (docs, extractions, errors) =
        match workflow::find_notes(&notes, &loaded, &cwd).map_err(Failure::Check)? {
            Notes::Demo(docs) => {
                let extractions = claimlint::extract_all(&docs, lexicon);
                (docs, extractions, Vec::new())
            }
            Notes::Files { named, buffer, mut errors, .. } => {
                let cache = if args.no_cache { CacheMode::Off } else { CacheMode::Auto };
                let mut read = workflow::extract_through_cache(&named, lexicon, &loaded, &cache, &cwd);
                if let Some(doc) = buffer {
                    read.extractions.insert(0, claimlint::extract::extract(&doc, lexicon));
                    read.docs.insert(0, doc);
                }
                errors.extend(read.errors);
                errors.sort_by(|a, b| a.path().cmp(b.path()));
                (read.docs, read.extractions, errors)
            }
        };
    let mut ledger = Ledger::build(&extractions, lexicon, &loaded.config.rule_settings());
    if let Some(party) = party {
        ledger.retain_party(lexicon, party);
    }
    if args.conflicts {
        ledger.retain_conflicts();
    }
    write_file_errors(&errors)?;
    let sources = Sources::new(&docs);
    match args.format {
        DealsFormat::Human => {
            let options = render::Options { timeline: party.is_some(), files: docs.len() };
            render::write_human(&sources, &ledger, lexicon, options, out)?
        }
        DealsFormat::Json => render::write_json(&sources, &ledger, lexicon, &errors, out)?,
        DealsFormat::Csv => render::write_csv(&sources, &ledger, lexicon, out)?,
    }
    let unreadable = errors.iter().any(|e| !e.is_skip());
    Ok(if unreadable { ExitCode::from(EXIT_ERROR) } else { ExitCode::SUCCESS })
}
