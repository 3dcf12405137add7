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
mod terminal;

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
    /// Nothing to check under these paths.
    Empty(String),
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
                Failure::Empty(paths) => {
                    format!("claimlint: warning: no notes found under {paths} (--allow-empty to accept)")
                }
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
            // Columns as wide as their longest entry, whatever the rules are.
            let metas: Vec<_> = rules::RULES.iter().map(|r| r.meta()).collect();
            let id = metas.iter().map(|m| m.id.len()).max().unwrap_or(0);
            let severity = metas.iter().map(|m| m.default_severity.as_str().len()).max().unwrap_or(0);
            for m in metas {
                writeln!(out, "{:<id$}  {:<severity$}  {}", m.id, m.default_severity.as_str(), m.summary)?;
            }
            ExitCode::SUCCESS
        }
        Command::Vocabulary { ref class } => vocabulary(&cli, class.as_deref(), &mut out)?,
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
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    (docs, errors)
}

/// The notes of a run: the embedded demo, or the files named and the
/// corpus they are compared against (never a file of both).
enum Notes {
    Demo(Vec<Document>),
    Files { named: Vec<PathBuf>, stdin: Option<Document>, corpus: Vec<PathBuf>, errors: Vec<InputError> },
}

impl Notes {
    /// Whether there is nothing to check, and no error to say why.
    fn is_empty(&self) -> bool {
        match self {
            Notes::Demo(docs) => docs.is_empty(),
            Notes::Files { named, stdin, errors, .. } => {
                named.is_empty() && stdin.is_none() && errors.is_empty()
            }
        }
    }
}

/// Reads the note on standard input (`-`), named by `--stdin-filename`.
fn read_stdin(name: Option<&Path>) -> Result<Document, InputError> {
    use std::io::Read;
    let shown = name.map_or_else(|| "<stdin>".to_owned(), input::shown);
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(input::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Io { path: shown.clone(), source })?;
    if bytes.len() as u64 > input::MAX_FILE_BYTES {
        return Err(InputError::TooLarge {
            path: shown,
            size: bytes.len() as u64,
            max: input::MAX_FILE_BYTES,
        });
    }
    input::decode(shown, bytes)
}

fn find_notes(
    input: &Input,
    against: &[PathBuf],
    default_corpus: Option<&Path>,
    loaded: &Loaded,
) -> Result<Notes, Failure> {
    if input.demo {
        return Ok(Notes::Demo(claimlint::demo::documents()));
    }
    let cfg = &loaded.config;
    let filter = input::filter(&loaded.base(), &cfg.include, &cfg.exclude)
        .map_err(|e| Failure::Message(format!("invalid include/exclude glob: {e}")))?;
    let corpus: Vec<PathBuf> = if !against.is_empty() {
        against.to_vec()
    } else if !cfg.corpus.is_empty() {
        // Shown from the current folder, as a corpus named with --against is.
        let cwd = std::env::current_dir()?;
        cfg.corpus.iter().map(|c| input::relative_to(&loaded.base().join(c), &cwd)).collect()
    } else {
        default_corpus.map(Path::to_path_buf).into_iter().collect()
    };
    let is_stdin = |p: &PathBuf| p.as_os_str() == "-";
    let stdin = input.paths.iter().any(is_stdin).then(|| read_stdin(input.stdin_filename.as_deref()));
    let paths: Vec<PathBuf> = match (input.paths.is_empty(), corpus.is_empty()) {
        (false, _) => input.paths.iter().filter(|p| !is_stdin(p)).cloned().collect(),
        // Nothing named: check the corpus itself, or the current folder.
        (true, false) => {
            let input = Input { paths: corpus, demo: false, stdin_filename: None };
            return find_notes(&input, &[], None, loaded);
        }
        (true, true) => vec![".".into()],
    };
    let (named, mut errors) = input::collect(&paths, filter.as_ref());
    let stdin = match stdin {
        Some(Ok(doc)) => Some(doc),
        Some(Err(e)) => {
            errors.push(e);
            None
        }
        None => None,
    };
    let mut rest = Vec::new();
    if !corpus.is_empty() {
        let (corpus_files, corpus_errors) = input::collect(&corpus, filter.as_ref());
        errors.extend(corpus_errors);
        // A named file inside the corpus is checked once, as named. Only a
        // corpus file with the name of a named one can be it: the others
        // are not resolved (a pre-commit run names a few of thousands).
        // The note on standard input stands for its --stdin-filename.
        let named_paths: Vec<&Path> = named
            .iter()
            .map(PathBuf::as_path)
            .chain(input.stdin_filename.as_deref().filter(|_| stdin.is_some()))
            .collect();
        let names: HashSet<&std::ffi::OsStr> = named_paths.iter().filter_map(|p| p.file_name()).collect();
        let seen: HashSet<PathBuf> = named_paths.iter().filter_map(|p| p.canonicalize().ok()).collect();
        let is_named = |p: &PathBuf| {
            p.file_name().is_some_and(|n| names.contains(n))
                && p.canonicalize().is_ok_and(|c| seen.contains(&c))
        };
        rest = corpus_files.into_iter().filter(|p| !is_named(p)).collect();
    }
    Ok(Notes::Files { named, stdin, corpus: rest, errors })
}

/// Notes read and extracted: the named ones first, then the corpus
/// (`named` of them are named).
struct Read {
    docs: Vec<Document>,
    extractions: Vec<claimlint::claims::Extraction>,
    errors: Vec<InputError>,
    named: usize,
}

/// Reads and extracts the notes, through the claims cache unless `--no-cache`.
fn read_notes(notes: Notes, lexicon: &Lexicon, loaded: &Loaded, args: &CheckArgs) -> Read {
    let (named, stdin, corpus, mut errors) = match notes {
        Notes::Demo(docs) => {
            let extractions = claimlint::extract_all(&docs, lexicon);
            let named = docs.len();
            return Read { docs, extractions, errors: Vec::new(), named };
        }
        Notes::Files { named, stdin, corpus, errors } => (named, stdin, corpus, errors),
    };
    let use_cache = !args.no_cache && named.len() + corpus.len() >= claimlint::cache::MIN_NOTES;
    let cache_dir = claimlint::cache::location(
        loaded.path.as_deref().and_then(Path::parent),
        &std::env::current_dir().unwrap_or_default(),
        args.cache_dir.as_deref(),
    );
    let cache = cache_dir.filter(|_| use_cache).map(|dir| {
        let key =
            claimlint::cache::key(&claimlint::claims_file::lexicon_hash(lexicon), &loaded.config.to_toml());
        claimlint::cache::Cache::open(&dir, key).0
    });
    let progress = terminal::progress_bar(named.len() + corpus.len(), args.quiet);
    let tick = || progress.inc(1);
    let mut read = claimlint::extract_files(&named, lexicon, cache.as_ref(), &tick);
    let more = claimlint::extract_files(&corpus, lexicon, cache.as_ref(), &tick);
    progress.finish_and_clear();
    if let Some(doc) = stdin {
        // Kept whole: there is no file to read it again from.
        read.extractions.insert(0, claimlint::extract::extract(&doc, lexicon));
        read.docs.insert(0, doc);
    }
    let named = read.docs.len();
    read.docs.extend(more.docs);
    read.extractions.extend(more.extractions);
    errors.extend(read.errors);
    errors.extend(more.errors);
    errors.sort_by(|a, b| a.path().cmp(b.path()));
    if let Some(cache) = cache {
        // A cache that cannot be written only makes the next run slower.
        let _ = cache.save();
    }
    Read { docs: read.docs, extractions: read.extractions, errors, named }
}

fn check(cli: &Cli, args: &CheckArgs, stdout: &mut dyn Write) -> Result<ExitCode, Failure> {
    let loaded = load_config(cli)?;
    let custom = custom_lexicon(&loaded)?;
    let lexicon = custom.as_ref().unwrap_or_else(|| Lexicon::builtin());
    let settings = loaded.config.rule_settings();
    let (mut read, mut findings) = if args.claims.is_empty() {
        let notes = find_notes(&args.input, &args.against, args.default_corpus.as_deref(), &loaded)?;
        if let Notes::Files { stdin: Some(_), .. } = &notes {
            if args.fix {
                return Err(Failure::Message(
                    "--fix cannot rewrite standard input; use --diff for a patch".to_owned(),
                ));
            }
        }
        if notes.is_empty() && !args.allow_empty {
            return Err(Failure::Empty(describe_paths(&args.input.paths)));
        }
        let read = read_notes(notes, lexicon, &loaded, args);
        let findings = claimlint::check_extractions_of(&read.extractions, read.named, lexicon, &settings);
        (read, findings)
    } else {
        check_claims(&args.claims, lexicon, &settings)?
    };
    let docs = &read.docs;
    // With a corpus, report only what involves a named file.
    if read.named < docs.len() {
        let named = read.named as u32;
        findings.retain(|f| f.locations.iter().any(|l| l.doc < named));
    }
    let sources = Sources::new(docs);
    if let Some(path) = &args.write_baseline {
        Baseline::of(&findings, &sources).write(path).map_err(|e| Failure::Message(e.to_string()))?;
    }
    if let Some(path) = &args.baseline {
        let baseline = Baseline::read(path).map_err(|e| Failure::Message(e.to_string()))?;
        baseline.filter(&mut findings, &sources);
    }
    let mut errors = read.errors;
    errors.extend(sources.verify(&findings));
    errors.sort_by(|a, b| a.path().cmp(b.path()));
    let fixed = if args.fix || args.diff {
        Some(apply_fixes(&sources, read.named, &mut findings, args.fix, &mut errors, stdout)?)
    } else {
        None
    };
    // Errors and notes about files go to standard error, as ripgrep's do;
    // standard output carries only the report (machine formats also carry
    // them in their own shape).
    write_file_errors(&errors)?;
    let summary = Summary {
        files: docs.len(),
        claims: read.extractions.iter().map(|e| e.claims.len()).sum(),
        findings: findings.len(),
        errors: errors.iter().filter(|e| !e.is_skip()).count(),
    };
    let run = Run { sources, findings: &findings, errors: &errors, summary };
    match &args.output_file {
        Some(path) => {
            let mut file = io::BufWriter::new(
                std::fs::File::create(path)
                    .map_err(|e| Failure::Message(format!("cannot write {}: {e}", path.display())))?,
            );
            write_report(&run, args, false, &mut file)?;
            file.flush()?;
        }
        // With --diff, standard output is the patch alone.
        None if args.diff => {}
        None => write_report(&run, args, io::stdout().is_terminal(), stdout)?,
    }
    if let Some(fixed) = fixed {
        stdout.flush()?;
        writeln!(io::stderr(), "claimlint: {}", fixed.describe(args.fix, findings.len()))?;
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
    // Every note's claims are freed by the process's exit, all at once;
    // dropping them one by one first would only cost time.
    std::mem::forget(std::mem::take(&mut read.extractions));
    Ok(if failing { ExitCode::from(EXIT_FINDINGS) } else { ExitCode::SUCCESS })
}

/// The paths named, for "no notes found under …".
fn describe_paths(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return ".".to_owned();
    }
    paths.iter().map(|p| input::shown(p)).collect::<Vec<_>>().join(", ")
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
fn write_report(run: &Run<'_>, args: &CheckArgs, tty: bool, out: &mut dyn Write) -> io::Result<()> {
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
    }
}

/// Runs the rules on claims files. The notes are not read: those with
/// findings are read again to be shown, if they still hold what was extracted.
fn check_claims(
    files: &[PathBuf],
    lexicon: &Lexicon,
    settings: &rules::RuleSettings,
) -> Result<(Read, Vec<claimlint::finding::Finding>), Failure> {
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
    let mut docs = Vec::with_capacity(records.len());
    let mut extractions = Vec::with_capacity(records.len());
    for r in records {
        let mut doc = Document::new(r.path.clone(), "");
        // A hash that is not one never matches: the note is shown without its text.
        doc.stamp = Some(r.stamp().unwrap_or(claimlint::source::Stamp { len: r.len, hash: 0 }));
        docs.push(doc);
        extractions.push(r.extraction);
    }
    let findings = claimlint::check_extractions(&extractions, lexicon, settings);
    let named = docs.len();
    Ok((Read { docs, extractions, errors: Vec::new(), named }, findings))
}

/// Shows (`--diff`) or writes (`--fix`) the fixes for the named notes; a
/// written fix removes its finding from the report.
fn apply_fixes(
    sources: &Sources<'_>,
    named: usize,
    findings: &mut Vec<claimlint::finding::Finding>,
    write: bool,
    errors: &mut Vec<InputError>,
    out: &mut dyn Write,
) -> io::Result<Fixed> {
    let mut fixed: HashSet<(u32, claimlint::source::Span)> = HashSet::new();
    let mut done = Fixed::default();
    for (id, doc) in sources.docs.iter().enumerate().take(named) {
        let id = id as u32;
        let fixes = claimlint::fix::fixes_for(findings, id);
        if fixes.is_empty() {
            continue;
        }
        let text = sources.text(id);
        if text.text.len() != doc.len() {
            // Changed since it was read: reported already, never rewritten.
            continue;
        }
        let new = claimlint::fix::apply(&text.text, &fixes);
        if !write {
            write!(out, "{}", claimlint::fix::unified_diff(&doc.path, &text.text, &new))?;
            done.fixes += fixes.len();
            done.notes += 1;
            continue;
        }
        let file = doc.file.as_deref().unwrap_or(Path::new(&doc.path));
        match claimlint::fix::write_atomic(file, &text.text, &new) {
            Ok(()) => {
                fixed.extend(fixes.iter().map(|x| (id, x.span)));
                done.fixes += fixes.len();
                done.notes += 1;
            }
            Err(source) => errors.push(InputError::Fix { path: doc.path.clone(), source }),
        }
    }
    findings.retain(|f| f.fix.as_ref().is_none_or(|x| !fixed.contains(&(x.doc, x.span))));
    Ok(done)
}

/// What `--fix` did or `--diff` would do.
#[derive(Default)]
struct Fixed {
    fixes: usize,
    notes: usize,
}

impl Fixed {
    /// "fixed 2 misspellings in 1 note; 3 findings remain", as ruff says
    /// it; `written` is false for --diff, whose findings all remain.
    fn describe(&self, written: bool, findings: usize) -> String {
        let plural = |n: usize, w: &str| if n == 1 { format!("{n} {w}") } else { format!("{n} {w}s") };
        let (remaining, verb, remain) = if written {
            (findings, "fixed", "remain")
        } else {
            (findings.saturating_sub(self.fixes), "would fix", "would remain")
        };
        let remain = match remaining {
            1 => format!("1 finding {}", if written { "remains" } else { remain }),
            n => format!("{} {remain}", plural(n, "finding")),
        };
        if self.fixes == 0 {
            return format!("nothing to fix; {remain}");
        }
        format!("{verb} {} in {}; {remain}", plural(self.fixes, "misspelling"), plural(self.notes, "note"))
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
    let (docs, errors) = match find_notes(&args.input, &[], None, &loaded)? {
        Notes::Demo(docs) => (docs, Vec::new()),
        Notes::Files { named, stdin, mut errors, .. } => {
            let (mut docs, read_errors) = read_all(&named);
            docs.splice(0..0, stdin);
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
