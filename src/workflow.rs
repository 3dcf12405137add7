//! The check workflow, for every front end (the command line, an editor's
//! language server): which notes to read and which corpus to compare them
//! with, reading through the claims cache, the rules, keeping only findings
//! that touch a checked note, the baseline, fixes, and the run's status.
//! One request in, one outcome out; nothing here prints or exits.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::baseline::{Baseline, BaselineError};
use crate::cache::{self, Cache};
use crate::claims::Extraction;
use crate::claims_file::{self, ClaimsError};
use crate::config::Loaded;
use crate::finding::{Finding, Severity};
use crate::input::{self, InputError};
use crate::lexicon::Lexicon;
use crate::report::{Sources, Summary};
use crate::rules::batch::Packed;
use crate::source::{Document, Span, Stamp};

/// Which notes a run reads.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Files and folders to check; `-` stands for [`Selection::buffer`].
    pub paths: Vec<PathBuf>,
    /// A note that is not (or not yet) on disk: standard input, an
    /// editor's buffer.
    pub buffer: Option<Buffer>,
    /// The seed notes compiled into claimlint instead of files.
    pub demo: bool,
    /// The corpus the named notes are compared with (`--against`); empty:
    /// the configuration's `corpus`, else `default_corpus`.
    pub against: Vec<PathBuf>,
    pub default_corpus: Option<PathBuf>,
}

/// A note's bytes and the path it stands for.
#[derive(Clone, Debug)]
pub struct Buffer {
    /// Shown in findings, decides Markdown or text, and keeps the corpus
    /// file of that path out of the comparison. `None`: `<stdin>`.
    pub name: Option<PathBuf>,
    pub bytes: Vec<u8>,
}

/// What to do with the fixes of fixable findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FixMode {
    #[default]
    Off,
    /// A unified diff in [`CheckOutcome::patch`]; nothing is written.
    Diff,
    /// Written to the notes, atomically; fixed findings are not reported.
    Write,
}

/// Where the claims cache is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CacheMode {
    /// Beside the configuration, else at the repository root, else none.
    #[default]
    Auto,
    Off,
    In(PathBuf),
}

/// Everything a check needs besides the configuration and the lexicon.
#[derive(Clone, Debug, Default)]
pub struct CheckRequest {
    pub notes: Selection,
    /// Claims files (`extract --format claims`) to check instead of notes.
    pub claims: Vec<PathBuf>,
    pub baseline: Option<PathBuf>,
    pub write_baseline: Option<PathBuf>,
    pub fix: FixMode,
    pub cache: CacheMode,
    /// Nothing to check is a clean run rather than [`CheckError::Empty`].
    pub allow_empty: bool,
    /// The lowest severity that makes the status [`Status::Findings`];
    /// `None`: never.
    pub fail_on: Option<Severity>,
    /// The folder paths are shown from (the process's current folder for
    /// the command line).
    pub cwd: PathBuf,
    /// Hold the notes' claims packed while the rules run, a batch of rule
    /// groups decoded at a time ([`crate::rules::batch`]), so that a run
    /// over many notes does not hold every claim at once. The outcome's
    /// extractions then have no claims; a report that shows claims (the
    /// ledger) needs them kept. Not done against a corpus read through the
    /// claims cache, which reads back few notes.
    pub pack_claims: bool,
}

/// How a run ended, most serious first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// A note could not be read (the others were checked).
    Errors,
    /// A finding at or above `fail_on`.
    Findings,
    Clean,
}

/// What `--fix` did or `--diff` would do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fixed {
    pub fixes: usize,
    pub notes: usize,
}

impl Fixed {
    /// "fixed 2 misspellings in 1 note; 3 findings remain", as ruff says
    /// it; `written` is false for a diff, whose findings all remain.
    pub fn describe(&self, written: bool, findings: usize) -> String {
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

/// A check's result. Render it with [`crate::report`] over
/// `Sources::new(&outcome.docs)`.
pub struct CheckOutcome {
    /// The notes, the checked ones first.
    pub docs: Vec<Document>,
    /// What was read from each note. Checked against a corpus through the
    /// claims cache, a corpus note whose claims share no rule group with
    /// the checked notes is not read back: its extraction is empty (see
    /// [`crate::Focus`]); the summary still counts its claims.
    pub extractions: Vec<Extraction>,
    pub findings: Vec<Finding>,
    /// Notes that could not be read (or were skipped), sorted by path.
    pub errors: Vec<InputError>,
    pub summary: Summary,
    /// With [`FixMode::Diff`] or [`FixMode::Write`].
    pub fixed: Option<Fixed>,
    /// With [`FixMode::Diff`]: the unified diff of every fix.
    pub patch: String,
    pub status: Status,
}

/// Why a check could not run.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("invalid include/exclude glob: {0}")]
    Glob(String),
    #[error("no notes found under {0}")]
    Empty(String),
    #[error("--fix cannot rewrite standard input; use --diff for a patch")]
    FixBuffer,
    #[error(transparent)]
    Baseline(#[from] BaselineError),
    #[error(transparent)]
    Claims(#[from] ClaimsError),
    #[error("{path}: {source}")]
    Open { path: String, source: io::Error },
}

/// Told how far reading has got (a progress bar); the default does nothing.
pub trait Progress: Sync {
    /// `notes` notes are about to be read.
    fn start(&self, _notes: usize) {}
    fn read_one(&self) {}
    fn finish(&self) {}
}

/// No progress to show.
pub struct Quiet;

impl Progress for Quiet {}

/// Runs a check.
pub fn check(
    loaded: &Loaded,
    lexicon: &Lexicon,
    request: &CheckRequest,
    progress: &dyn Progress,
) -> Result<CheckOutcome, CheckError> {
    let settings = loaded.config.rule_settings();
    let (read, mut findings) = if request.claims.is_empty() {
        let notes = find_notes(&request.notes, loaded, &request.cwd)?;
        if let Notes::Files { buffer: Some(_), .. } = &notes {
            if request.fix == FixMode::Write {
                return Err(CheckError::FixBuffer);
            }
        }
        if notes.is_empty() && !request.allow_empty {
            return Err(CheckError::Empty(describe_paths(&request.notes.paths)));
        }
        let mut read = read_notes(notes, lexicon, loaded, request, progress);
        let findings = read.check(lexicon, &settings);
        (read, findings)
    } else {
        check_claims(&request.claims, lexicon, &settings, request.pack_claims)?
    };
    let claims = read.claims();
    let Read { docs, extractions, mut errors, named, .. } = read;
    // With a corpus, report only what involves a named note.
    if named < docs.len() {
        findings.retain(|f| f.locations.iter().any(|l| (l.doc as usize) < named));
    }
    let sources = Sources::new(&docs);
    if let Some(path) = &request.write_baseline {
        Baseline::of(&findings, &sources).write(path)?;
    }
    if let Some(path) = &request.baseline {
        Baseline::read(path)?.filter(&mut findings, &sources);
    }
    errors.extend(sources.verify(&findings));
    errors.sort_by(|a, b| a.path().cmp(b.path()));
    let mut patch = String::new();
    let fixed = match request.fix {
        FixMode::Off => None,
        mode => Some(apply_fixes(&sources, named, &mut findings, mode, &mut errors, &mut patch)),
    };
    drop(sources);
    let summary = Summary {
        files: docs.len(),
        claims,
        findings: findings.len(),
        errors: errors.iter().filter(|e| !e.is_skip()).count(),
    };
    let status = if summary.errors > 0 {
        Status::Errors
    } else if request.fail_on.is_some_and(|t| findings.iter().any(|f| f.severity >= t)) {
        Status::Findings
    } else {
        Status::Clean
    };
    Ok(CheckOutcome { docs, extractions, findings, errors, summary, fixed, patch, status })
}

/// The paths named, for "no notes found under …".
fn describe_paths(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return ".".to_owned();
    }
    paths.iter().map(|p| input::shown(p)).collect::<Vec<_>>().join(", ")
}

/// The notes of a run: the embedded demo, or the files named and the
/// corpus they are compared against (never a file of both).
pub enum Notes {
    Demo(Vec<Document>),
    Files { named: Vec<PathBuf>, buffer: Option<Document>, corpus: Vec<PathBuf>, errors: Vec<InputError> },
}

impl Notes {
    /// Whether there is nothing to check, and no error to say why.
    pub fn is_empty(&self) -> bool {
        match self {
            Notes::Demo(docs) => docs.is_empty(),
            Notes::Files { named, buffer, errors, .. } => {
                named.is_empty() && buffer.is_none() && errors.is_empty()
            }
        }
    }
}

/// A buffer as a note, or why it cannot be one.
fn decode_buffer(buffer: &Buffer) -> Result<Document, InputError> {
    let shown = buffer.name.as_deref().map_or_else(|| "<stdin>".to_owned(), input::shown);
    if buffer.bytes.len() as u64 > input::MAX_FILE_BYTES {
        let size = buffer.bytes.len() as u64;
        return Err(InputError::TooLarge { path: shown, size, max: input::MAX_FILE_BYTES });
    }
    input::decode(shown, buffer.bytes.clone())
}

/// The notes a selection names, and the corpus they are compared with.
pub fn find_notes(selection: &Selection, loaded: &Loaded, cwd: &Path) -> Result<Notes, CheckError> {
    if selection.demo {
        return Ok(Notes::Demo(crate::demo::documents()));
    }
    let cfg = &loaded.config;
    let filter = input::filter(&loaded.base(), &cfg.include, &cfg.exclude)
        .map_err(|e| CheckError::Glob(e.to_string()))?;
    let corpus: Vec<PathBuf> = if !selection.against.is_empty() {
        selection.against.clone()
    } else if !cfg.corpus.is_empty() {
        // Shown from the current folder, as a corpus named with --against is.
        cfg.corpus.iter().map(|c| input::relative_to(&loaded.base().join(c), cwd)).collect()
    } else {
        selection.default_corpus.clone().into_iter().collect()
    };
    let is_buffer = |p: &PathBuf| p.as_os_str() == "-";
    let buffer = selection.paths.iter().any(is_buffer).then_some(selection.buffer.as_ref()).flatten();
    let paths: Vec<PathBuf> = match (selection.paths.is_empty(), corpus.is_empty()) {
        (false, _) => selection.paths.iter().filter(|p| !is_buffer(p)).cloned().collect(),
        // Nothing named: check the corpus itself, or the current folder.
        (true, false) => {
            let corpus_only = Selection { paths: corpus, ..Selection::default() };
            return find_notes(&corpus_only, loaded, cwd);
        }
        (true, true) => vec![".".into()],
    };
    let (named, mut errors) = input::collect(&paths, filter.as_ref());
    let buffer_name = buffer.and_then(|b| b.name.clone());
    let buffer = match buffer.map(decode_buffer) {
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
        // A buffer stands for the file it is named after.
        let named_paths: Vec<&Path> = named
            .iter()
            .map(PathBuf::as_path)
            .chain(buffer_name.as_deref().filter(|_| buffer.is_some()))
            .collect();
        let names: HashSet<&std::ffi::OsStr> = named_paths.iter().filter_map(|p| p.file_name()).collect();
        let seen: HashSet<PathBuf> = named_paths.iter().filter_map(|p| p.canonicalize().ok()).collect();
        let is_named = |p: &PathBuf| {
            p.file_name().is_some_and(|n| names.contains(n))
                && p.canonicalize().is_ok_and(|c| seen.contains(&c))
        };
        rest = corpus_files.into_iter().filter(|p| !is_named(p)).collect();
    }
    Ok(Notes::Files { named, buffer, corpus: rest, errors })
}

/// Reads notes in parallel, in path order; the unreadable ones become
/// errors. Texts are kept (for `extract`).
pub fn read_all(files: &[PathBuf]) -> (Vec<Document>, Vec<InputError>) {
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

/// Notes read and extracted: the named ones first, then the corpus
/// (`named` of them are named).
struct Read {
    docs: Vec<Document>,
    extractions: Vec<Extraction>,
    /// Each note's claims, when they are held packed (then `extractions`
    /// have none): see [`CheckRequest::pack_claims`].
    packed: Option<Vec<Packed>>,
    errors: Vec<InputError>,
    named: usize,
    /// Claims of corpus notes not read back (see [`crate::Focus`]).
    apart: usize,
}

impl Read {
    fn of(docs: Vec<Document>, extractions: Vec<Extraction>) -> Self {
        let named = docs.len();
        Read { docs, extractions, packed: None, errors: Vec::new(), named, apart: 0 }
    }

    /// Reads `files`, packing their claims or not.
    fn files(
        files: &[PathBuf],
        lexicon: &Lexicon,
        cache: Option<&Cache>,
        focus: Option<&crate::Focus>,
        pack: bool,
        tick: &(dyn Fn() + Sync),
    ) -> Self {
        if pack {
            let read = crate::extract_files_packed(files, lexicon, cache, tick);
            Read { packed: Some(read.packed), errors: read.errors, ..Read::of(read.docs, read.extractions) }
        } else {
            let read = crate::extract_files(files, lexicon, cache, focus, tick);
            Read { errors: read.errors, ..Read::of(read.docs, read.extractions) }
        }
    }

    /// Puts a note read from elsewhere first.
    fn insert_first(&mut self, doc: Document, lexicon: &Lexicon) {
        let mut extraction = crate::extract::extract(&doc, lexicon);
        if let Some(packed) = &mut self.packed {
            packed.insert(0, Packed::pack(lexicon, &mut extraction));
        }
        self.extractions.insert(0, extraction);
        self.docs.insert(0, doc);
    }

    fn append(&mut self, more: Read) {
        self.docs.extend(more.docs);
        self.extractions.extend(more.extractions);
        if let (Some(packed), Some(more)) = (&mut self.packed, more.packed) {
            packed.extend(more);
        }
        self.errors.extend(more.errors);
    }

    /// Every claim read, those of notes not read back included.
    fn claims(&self) -> usize {
        let unpacked: usize = self.extractions.iter().map(|e| e.claims.len()).sum();
        unpacked + self.packed.iter().flatten().map(Packed::claims).sum::<usize>() + self.apart
    }

    fn check(&mut self, lexicon: &Lexicon, settings: &crate::rules::RuleSettings) -> Vec<Finding> {
        match &self.packed {
            Some(packed) => {
                crate::rules::batch::run(&mut self.extractions, packed, self.named, lexicon, settings)
            }
            None => crate::check_extractions_of(&self.extractions, self.named, lexicon, settings),
        }
    }
}

/// Reads and extracts the notes, through the claims cache when there is one.
fn read_notes(
    notes: Notes,
    lexicon: &Lexicon,
    loaded: &Loaded,
    request: &CheckRequest,
    progress: &dyn Progress,
) -> Read {
    let (named, buffer, corpus, errors) = match notes {
        Notes::Demo(docs) => {
            let extractions = crate::extract_all(&docs, lexicon);
            return Read::of(docs, extractions);
        }
        Notes::Files { named, buffer, corpus, errors } => (named, buffer, corpus, errors),
    };
    let cache = open_cache(named.len() + corpus.len(), lexicon, loaded, &request.cache, &request.cwd);
    // Against a corpus, the cache reads back only the notes that share a
    // rule group with the checked ones: those are few, and the named
    // notes' claims are needed whole to know their groups.
    let pack = request.pack_claims && (corpus.is_empty() || cache.is_none());
    progress.start(named.len() + corpus.len());
    let tick = || progress.read_one();
    let mut read = Read::files(&named, lexicon, cache.as_ref(), None, pack, &tick);
    if let Some(doc) = buffer {
        // Kept whole: there is no file to read it again from.
        read.insert_first(doc, lexicon);
    }
    let focus = cache.as_ref().filter(|_| !pack).map(|_| crate::Focus::of(lexicon, &read.extractions));
    let more = Read::files(&corpus, lexicon, cache.as_ref(), focus.as_ref(), pack, &tick);
    progress.finish();
    read.named = read.docs.len();
    read.append(more);
    read.errors.extend(errors);
    read.errors.sort_by(|a, b| a.path().cmp(b.path()));
    if let Some(cache) = cache {
        // A cache that cannot be written only makes the next run slower.
        let _ = cache.save();
    }
    read.apart = focus.map_or(0, |f| f.claims_apart());
    read
}

/// The claims cache a run of `notes` notes reads and writes, if any: where
/// `mode` says, keyed by the lexicon and the configuration.
fn open_cache(
    notes: usize,
    lexicon: &Lexicon,
    loaded: &Loaded,
    mode: &CacheMode,
    cwd: &Path,
) -> Option<Cache> {
    let dir = match mode {
        CacheMode::Off => None,
        CacheMode::Auto => cache::location(loaded.path.as_deref().and_then(Path::parent), cwd, None),
        CacheMode::In(dir) => cache::location(None, cwd, Some(dir)),
    };
    dir.filter(|_| notes >= cache::MIN_NOTES).map(|dir| {
        let key = cache::key(&claims_file::lexicon_hash(lexicon), &loaded.config.to_toml());
        Cache::open(&dir, key).0
    })
}

/// Reads and extracts notes through the claims cache a check with this
/// configuration and `mode` would use, without running the rules: for a
/// front end that keeps a corpus's claims between checks (the language
/// server, which then checks a buffer against them many times). `cwd`
/// decides where an [`CacheMode::Auto`] cache goes when there is no
/// configuration file (the repository root above it).
pub fn extract_through_cache(
    files: &[PathBuf],
    lexicon: &Lexicon,
    loaded: &Loaded,
    mode: &CacheMode,
    cwd: &Path,
) -> crate::Extracted {
    let cache = open_cache(files.len(), lexicon, loaded, mode, cwd);
    let read = crate::extract_files(files, lexicon, cache.as_ref(), None, &|| {});
    if let Some(cache) = cache {
        let _ = cache.save();
    }
    read
}

/// Runs the rules on claims files. The notes are not read: those with
/// findings are read again to be shown, if they still hold what was extracted.
fn check_claims(
    files: &[PathBuf],
    lexicon: &Lexicon,
    settings: &crate::rules::RuleSettings,
    pack: bool,
) -> Result<(Read, Vec<Finding>), CheckError> {
    let mut records = Vec::new();
    for f in files {
        let shown = f.display().to_string();
        let file =
            std::fs::File::open(f).map_err(|source| CheckError::Open { path: shown.clone(), source })?;
        for mut r in claims_file::read(&shown, io::BufReader::new(file), lexicon)? {
            // Packed as each file is read: the reduce of a map/reduce over
            // many notes holds one file's claims decoded at a time.
            let packed = pack.then(|| Packed::pack(lexicon, &mut r.extraction));
            records.push((r, packed));
        }
    }
    // The same order as a check of the notes themselves.
    records.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut docs = Vec::with_capacity(records.len());
    let mut extractions = Vec::with_capacity(records.len());
    let mut packed = pack.then(|| Vec::with_capacity(records.len()));
    for (r, p) in records {
        let mut doc = Document::new(r.path.clone(), "");
        // A hash that is not one never matches: the note is shown without its text.
        doc.stamp = Some(r.stamp().unwrap_or(Stamp { len: r.len, hash: 0 }));
        docs.push(doc);
        extractions.push(r.extraction);
        if let (Some(all), Some(p)) = (&mut packed, p) {
            all.push(p);
        }
    }
    let mut read = Read { packed, ..Read::of(docs, extractions) };
    let findings = read.check(lexicon, settings);
    Ok((read, findings))
}

/// Adds to `patch` (a diff) or writes (`Write`) the fixes for the named
/// notes; a written fix removes its finding from the report.
fn apply_fixes(
    sources: &Sources<'_>,
    named: usize,
    findings: &mut Vec<Finding>,
    mode: FixMode,
    errors: &mut Vec<InputError>,
    patch: &mut String,
) -> Fixed {
    let mut fixed: HashSet<(u32, Span)> = HashSet::new();
    let mut done = Fixed::default();
    for (id, doc) in sources.docs.iter().enumerate().take(named) {
        let id = id as u32;
        let fixes = crate::fix::fixes_for(findings, id);
        if fixes.is_empty() {
            continue;
        }
        let text = sources.text(id);
        if text.text.len() != doc.len() {
            // Changed since it was read: reported already, never rewritten.
            continue;
        }
        let new = crate::fix::apply(&text.text, &fixes);
        if mode == FixMode::Diff {
            patch.push_str(&crate::fix::unified_diff(&doc.path, &text.text, &new));
            done.fixes += fixes.len();
            done.notes += 1;
            continue;
        }
        let file = doc.file();
        match crate::fix::write_atomic(file, &text.text, &new) {
            Ok(()) => {
                fixed.extend(fixes.iter().map(|x| (id, x.span)));
                done.fixes += fixes.len();
                done.notes += 1;
            }
            Err(source) => errors.push(InputError::Fix { path: doc.path.clone(), source }),
        }
    }
    findings.retain(|f| f.fix.as_ref().is_none_or(|x| !fixed.contains(&(x.doc, x.span))));
    done
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn loaded() -> Loaded {
        Loaded { config: Config::default(), path: None }
    }

    #[test]
    fn a_buffer_is_checked_as_the_note_it_names() {
        let request = CheckRequest {
            notes: Selection {
                paths: vec!["-".into()],
                buffer: Some(Buffer {
                    name: Some("drafts/x.md".into()),
                    bytes: b"Amazon invested $4 billion in Anthropic.\n\nAmazon invested $8 billion in Anthropic.\n"
                        .to_vec(),
                }),
                ..Selection::default()
            },
            cache: CacheMode::Off,
            fail_on: Some(Severity::Error),
            ..CheckRequest::default()
        };
        let outcome = check(&loaded(), Lexicon::builtin(), &request, &Quiet).unwrap();
        assert_eq!(outcome.docs[0].path, "drafts/x.md");
        assert_eq!(outcome.findings.len(), 1);
        assert_eq!(outcome.findings[0].rule, "amount-conflict");
        assert_eq!(outcome.status, Status::Findings);
        // A buffer cannot be fixed in place.
        let request = CheckRequest { fix: FixMode::Write, ..request };
        assert!(matches!(check(&loaded(), Lexicon::builtin(), &request, &Quiet), Err(CheckError::FixBuffer)));
    }

    #[test]
    fn nothing_to_check_is_an_error_unless_allowed() {
        let dir = std::env::temp_dir().join(format!("claimlint-workflow-empty-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let request = CheckRequest {
            notes: Selection { paths: vec![dir.clone()], ..Selection::default() },
            cache: CacheMode::Off,
            ..CheckRequest::default()
        };
        assert!(matches!(check(&loaded(), Lexicon::builtin(), &request, &Quiet), Err(CheckError::Empty(_))));
        let request = CheckRequest { allow_empty: true, ..request };
        let outcome = check(&loaded(), Lexicon::builtin(), &request, &Quiet).unwrap();
        assert_eq!((outcome.summary.files, outcome.status), (0, Status::Clean));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn packed_claims_give_the_same_outcome() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let corpus = vec![root.join("tests/corpus/notes"), root.join("tests/corpus-fourth/notes")];
        let draft = Buffer {
            name: Some("drafts/x.md".into()),
            bytes: b"<!-- claimlint-disable-next-line misspelled-name -->\nAmazon invested $9 billion in Anthropic.\n"
                .to_vec(),
        };
        let cases = [
            // Every note checked; the same, the seeds first from a buffer; a
            // draft against a corpus (no cache: the corpus is packed too).
            Selection { paths: corpus.clone(), ..Selection::default() },
            Selection {
                paths: [vec!["-".into(), root.join("seeds")], corpus.clone()].concat(),
                buffer: Some(draft.clone()),
                ..Selection::default()
            },
            Selection {
                paths: vec!["-".into()],
                buffer: Some(draft),
                against: corpus,
                ..Selection::default()
            },
        ];
        for notes in cases {
            let request = CheckRequest { notes, cache: CacheMode::Off, ..CheckRequest::default() };
            let whole = check(&loaded(), Lexicon::builtin(), &request, &Quiet).unwrap();
            let request = CheckRequest { pack_claims: true, ..request };
            let packed = check(&loaded(), Lexicon::builtin(), &request, &Quiet).unwrap();
            assert!(!whole.findings.is_empty());
            assert_eq!(packed.findings, whole.findings);
            let counts =
                |o: &CheckOutcome| (o.summary.files, o.summary.claims, o.summary.findings, o.summary.errors);
            assert_eq!(counts(&packed), counts(&whole));
            assert_eq!(packed.docs.len(), whole.docs.len());
            assert!(packed.extractions.iter().all(|e| e.claims.is_empty()));
            assert!(whole.extractions.iter().any(|e| !e.claims.is_empty()));
        }
    }

    #[test]
    fn fixes_are_described_as_ruff_does() {
        let fixed = Fixed { fixes: 2, notes: 1 };
        assert_eq!(fixed.describe(true, 3), "fixed 2 misspellings in 1 note; 3 findings remain");
        assert_eq!(fixed.describe(false, 3), "would fix 2 misspellings in 1 note; 1 finding would remain");
        assert_eq!(Fixed::default().describe(true, 1), "nothing to fix; 1 finding remains");
    }
}
