//! What the language server knows of a workspace: its configuration, its
//! lexicon, and the claims of every note of its corpus, kept in memory
//! between checks. A change to a buffer then costs one extraction (the
//! buffer's) and one run of the rules, not a walk of the corpus and a read
//! of its claims cache (0.4 s at 20,000 notes, where the rules take a
//! tenth of that).

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ignore::overrides::Override;

use crate::claims::Extraction;
use crate::config::{self, ConfigError, Loaded};
use crate::finding::Finding;
use crate::input;
use crate::lexicon::Lexicon;
use crate::rules::Group;
use crate::source::DocId;
use crate::source::Document;
use crate::workflow::{self, CacheMode};

/// Where the configuration comes from.
#[derive(Clone, Debug, Default)]
pub enum ConfigSource {
    /// `claimlint.toml` (or `.claimlint.toml`) in the workspace folder or
    /// a folder above it.
    #[default]
    Discover,
    /// This file (`claimlint --config FILE lsp`).
    File(PathBuf),
    /// Built-in defaults only (`claimlint --no-config lsp`).
    None,
}

/// A configuration file that could not be used, and where.
#[derive(Clone, Debug)]
pub struct ConfigProblem {
    pub path: PathBuf,
    pub message: String,
    /// The file's text and the byte range the message is about, when known.
    pub text: String,
    pub span: Option<Range<usize>>,
}

/// A change to a file on disk, as the editor's watcher reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Created,
    Changed,
    Deleted,
}

/// What a change on disk did to the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Nothing claimlint reads.
    None,
    /// A note of the corpus: open buffers are to be checked again.
    Notes,
    /// The configuration: reloaded, and the corpus with it.
    Config,
}

/// The workspace's notes, read. Slot 0 is the buffer being checked (the
/// document checked against all the others); the rest are in path order,
/// then in the order they appeared.
struct Corpus {
    roots: Vec<PathBuf>,
    filter: Option<Override>,
    docs: Vec<Document>,
    extractions: Vec<Extraction>,
    by_path: HashMap<PathBuf, usize>,
    /// The claims (note, claim) of each group the rules compare.
    index: HashMap<Group, Vec<(u32, u32)>>,
    /// Notes that could not be read, as the last full read found them.
    errors: usize,
}

/// The claims of an extraction that the rules compare, with their place
/// and [`Group`]: a buffer is compared only with the claims that share one
/// of its groups, and the findings are the same as against every note.
fn groups<'a>(lexicon: &'a Lexicon, ex: &'a Extraction) -> impl Iterator<Item = (usize, Group)> + 'a {
    ex.claims.iter().enumerate().filter_map(move |(c, claim)| Some((c, Group::of(lexicon, claim)?)))
}

/// What a check sees: the documents (the buffer first), their claims, and
/// the findings that involve the buffer.
pub struct View<'a> {
    pub docs: &'a [Document],
    pub extractions: &'a [Extraction],
    pub findings: &'a [Finding],
    pub lexicon: &'a Lexicon,
    pub root: &'a Path,
    /// How long the buffer's extraction and the rules took.
    pub extract_time: Duration,
    pub rules_time: Duration,
    /// How many other notes have claims the buffer's were compared with.
    pub compared: usize,
}

pub struct Workspace {
    pub root: PathBuf,
    source: ConfigSource,
    pub loaded: Loaded,
    custom: Option<Lexicon>,
    pub config_error: Option<ConfigProblem>,
    corpus: Option<Corpus>,
}

impl Workspace {
    /// A workspace at `root`, its configuration loaded; its notes are read
    /// on first use.
    pub fn new(root: PathBuf, source: ConfigSource) -> Self {
        let root = root.canonicalize().unwrap_or(root);
        let mut ws = Self {
            root,
            source,
            loaded: Loaded { config: Default::default(), path: None },
            custom: None,
            config_error: None,
            corpus: None,
        };
        ws.reload_config();
        ws
    }

    /// Loads the configuration again and lets go of the corpus, which it
    /// decides. A configuration that cannot be used leaves the built-in
    /// defaults in effect and is kept in [`Workspace::config_error`].
    pub fn reload_config(&mut self) {
        self.corpus = None;
        self.custom = None;
        self.config_error = None;
        let path = match &self.source {
            ConfigSource::None => None,
            ConfigSource::File(p) => Some(p.clone()),
            ConfigSource::Discover => config::discover(&self.root),
        };
        self.loaded = Loaded { config: Default::default(), path: None };
        let Some(path) = path else { return };
        match config::load(&path) {
            Ok(loaded) => {
                if loaded.config.changes_lexicon() {
                    match loaded.config.build_lexicon() {
                        Ok(lexicon) => self.custom = Some(lexicon),
                        Err(e) => {
                            self.config_error = Some(ConfigProblem {
                                text: std::fs::read_to_string(&path).unwrap_or_default(),
                                path,
                                message: e.to_string(),
                                span: None,
                            });
                            return;
                        }
                    }
                }
                self.loaded = loaded;
            }
            Err(ConfigError::Read { source, .. }) => {
                self.config_error = Some(ConfigProblem {
                    message: format!("cannot read it: {source}"),
                    path,
                    text: String::new(),
                    span: None,
                });
            }
            Err(ConfigError::Invalid { text, span, message, .. }) => {
                self.config_error = Some(ConfigProblem { path, message, text, span });
            }
        }
    }

    /// The configuration file in effect, or where one would be looked for
    /// first (for "add to the allow list").
    pub fn config_path(&self) -> PathBuf {
        match (&self.loaded.path, &self.config_error, &self.source) {
            (Some(p), _, _) => p.clone(),
            (None, Some(problem), _) => problem.path.clone(),
            (None, None, ConfigSource::File(p)) => p.clone(),
            _ => self.root.join(config::FILE_NAMES[0]),
        }
    }

    pub fn lexicon(&self) -> &Lexicon {
        self.custom.as_ref().unwrap_or_else(|| Lexicon::builtin())
    }

    /// Reads the corpus now, if it is not read yet; the number of notes and
    /// of notes that could not be read.
    pub fn load(&mut self) -> (usize, usize) {
        let Workspace { corpus, custom, loaded, root, .. } = self;
        let lexicon = custom.as_ref().unwrap_or_else(|| Lexicon::builtin());
        let corpus = corpus.get_or_insert_with(|| Corpus::load(root, loaded, lexicon));
        (corpus.docs.len() - 1, corpus.errors)
    }

    /// Whether `path` is (or would be) the configuration file.
    pub fn is_config_file(&self, path: &Path) -> bool {
        let named = path.file_name().is_some_and(|n| config::FILE_NAMES.iter().any(|f| n == *f));
        match &self.source {
            ConfigSource::None => false,
            ConfigSource::File(p) => same_file(p, path),
            ConfigSource::Discover => {
                named
                    && (self.loaded.path.as_deref().is_some_and(|p| same_file(p, path))
                        || path.parent().is_some_and(|dir| self.root.starts_with(canonical(dir))))
            }
        }
    }

    /// Takes in a change on disk.
    pub fn file_changed(&mut self, path: &Path, change: Change) -> Effect {
        if self.is_config_file(path) {
            self.reload_config();
            return Effect::Config;
        }
        let lexicon = self.custom.as_ref().unwrap_or_else(|| Lexicon::builtin());
        let Some(corpus) = self.corpus.as_mut() else {
            // Not read yet: it will be read as it is.
            return Effect::None;
        };
        if !corpus.holds(path) {
            return Effect::None;
        }
        let slot = corpus.find(path);
        let read = match change {
            Change::Deleted => None,
            Change::Created | Change::Changed => input::read(path).ok(),
        };
        let (doc, extraction) = match read {
            Some(mut doc) => {
                let extraction = crate::cache::strip(crate::extract::extract(&doc, lexicon));
                doc.release();
                (doc, extraction)
            }
            // Gone (or unreadable): no claims, no text.
            None => (Document::new(input::shown(path), "").with_file(path), Extraction::default()),
        };
        let i = match slot {
            Some(i) => i,
            None if change == Change::Deleted => return Effect::None,
            None => {
                corpus.by_path.insert(path.to_path_buf(), corpus.docs.len());
                corpus.docs.push(Document::new("", ""));
                corpus.extractions.push(Extraction::default());
                corpus.docs.len() - 1
            }
        };
        for claims in corpus.index.values_mut() {
            claims.retain(|&(d, _)| d != i as u32);
        }
        for (c, g) in groups(lexicon, &extraction) {
            corpus.index.entry(g).or_default().push((i as u32, c as u32));
        }
        corpus.docs[i] = doc;
        corpus.extractions[i] = extraction;
        Effect::Notes
    }

    /// Checks the buffer `text`, standing for the note at `name`, against
    /// the corpus (read first if it is not yet; the corpus's own copy of
    /// `name` is left out), and gives `f` what the check saw. Without
    /// `rules`, only the buffer is read (for hover).
    pub fn with_buffer<R>(
        &mut self,
        name: &Path,
        text: &str,
        rules: bool,
        f: impl FnOnce(&View<'_>) -> R,
    ) -> R {
        let Workspace { corpus, custom, loaded, root, .. } = self;
        let lexicon = custom.as_ref().unwrap_or_else(|| Lexicon::builtin());
        let corpus = corpus.get_or_insert_with(|| Corpus::load(root, loaded, lexicon));
        let started = Instant::now();
        let doc = Document::new(input::shown(name), text).with_file(name);
        corpus.extractions[0] = crate::extract::extract(&doc, lexicon);
        corpus.docs[0] = doc;
        let extract_time = started.elapsed();
        let own = corpus.find(name);
        let own_claims = own.map(|i| std::mem::take(&mut corpus.extractions[i]));
        let (findings, compared) =
            if rules { corpus.check(own, lexicon, &loaded.config.rule_settings()) } else { (Vec::new(), 0) };
        let rules_time = started.elapsed() - extract_time;
        let view = View {
            docs: &corpus.docs,
            extractions: &corpus.extractions,
            findings: &findings,
            lexicon,
            root,
            extract_time,
            rules_time,
            compared,
        };
        let result = f(&view);
        if let (Some(i), Some(claims)) = (own, own_claims) {
            corpus.extractions[i] = claims;
        }
        result
    }

    /// Forgets the corpus (after a failure mid-check): it is read again on
    /// next use.
    pub fn forget(&mut self) {
        self.corpus = None;
    }
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || canonical(a) == canonical(b)
}

fn is_note(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| input::NOTE_EXTENSIONS.iter().any(|n| n.eq_ignore_ascii_case(e)))
}

impl Corpus {
    /// The configuration's `corpus`, or the workspace folder, read through
    /// the claims cache.
    fn load(root: &Path, loaded: &Loaded, lexicon: &Lexicon) -> Self {
        let cfg = &loaded.config;
        let base = loaded
            .path
            .as_deref()
            .and_then(Path::parent)
            .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
        let roots: Vec<PathBuf> = if cfg.corpus.is_empty() {
            vec![root.to_path_buf()]
        } else {
            cfg.corpus.iter().map(|c| canonical(&base.join(c))).collect()
        };
        let filter = input::filter(&base, &cfg.include, &cfg.exclude).ok().flatten();
        let (files, walk_errors) = input::collect(&roots, filter.as_ref());
        let read = workflow::extract_through_cache(&files, lexicon, loaded, &CacheMode::Auto, root);
        let mut docs = Vec::with_capacity(read.docs.len() + 1);
        let mut extractions = Vec::with_capacity(read.docs.len() + 1);
        docs.push(Document::new("", ""));
        extractions.push(Extraction::default());
        docs.extend(read.docs);
        extractions.extend(read.extractions);
        let errors = walk_errors.len() + read.errors.iter().filter(|e| !e.is_skip()).count();
        Self::of(docs, extractions, lexicon, roots, filter, errors)
    }

    /// A corpus of these notes (slot 0 the buffer's), indexed.
    fn of(
        docs: Vec<Document>,
        extractions: Vec<Extraction>,
        lexicon: &Lexicon,
        roots: Vec<PathBuf>,
        filter: Option<Override>,
        errors: usize,
    ) -> Self {
        let by_path = docs.iter().enumerate().skip(1).map(|(i, d)| (d.file().to_path_buf(), i)).collect();
        let mut index: HashMap<Group, Vec<(u32, u32)>> = HashMap::new();
        for (i, ex) in extractions.iter().enumerate().skip(1) {
            for (c, g) in groups(lexicon, ex) {
                index.entry(g).or_default().push((i as u32, c as u32));
            }
        }
        Self { roots, filter, docs, extractions, by_path, index, errors }
    }

    /// The rules over the buffer (slot 0) and the claims of the other notes
    /// (but `own`, the buffer's file) in the buffer's groups: the findings
    /// that involve the buffer, with the corpus's document ids. Each note
    /// brings those claims and its suppressions; every claim of a note
    /// carries the note's date, which orders the other sides.
    fn check(
        &mut self,
        own: Option<usize>,
        lexicon: &Lexicon,
        settings: &crate::rules::RuleSettings,
    ) -> (Vec<Finding>, usize) {
        let mut wanted: Vec<(u32, u32)> = groups(lexicon, &self.extractions[0])
            .filter_map(|(_, g)| self.index.get(&g))
            .flatten()
            .copied()
            .filter(|&(d, _)| Some(d as usize) != own && d != 0)
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        // Document ids in the run: 0 the buffer, then the notes in order.
        let mut ids: Vec<u32> = vec![0];
        let mut subset: Vec<Extraction> = vec![std::mem::take(&mut self.extractions[0])];
        for chunk in wanted.chunk_by(|a, b| a.0 == b.0) {
            let doc = chunk[0].0;
            let Some(ex) = self.extractions.get(doc as usize) else { continue };
            let claims = chunk.iter().filter_map(|&(_, c)| ex.claims.get(c as usize).cloned()).collect();
            subset.push(Extraction {
                claims,
                suppressions: ex.suppressions.clone(),
                ..Extraction::default()
            });
            ids.push(doc);
        }
        if subset.len() == 1 {
            // Alone, the buffer would be checked as a whole run (every
            // location capped alike) rather than against a corpus.
            subset.push(Extraction::default());
        }
        let mut findings = crate::check_extractions_of(&subset, 1, lexicon, settings);
        self.extractions[0] = std::mem::take(&mut subset[0]);
        findings.retain(|f| f.locations.iter().any(|l| l.doc == 0));
        let id = |d: DocId| ids.get(d as usize).copied().unwrap_or(d);
        for f in &mut findings {
            for l in &mut f.locations {
                l.doc = id(l.doc);
            }
            if let Some(x) = &mut f.fix {
                x.doc = id(x.doc);
            }
        }
        (findings, ids.len() - 1)
    }

    /// The slot of the note at `path`.
    fn find(&self, path: &Path) -> Option<usize> {
        self.by_path.get(path).or_else(|| self.by_path.get(&canonical(path))).copied()
    }

    /// Whether a note at `path` belongs to the corpus.
    fn holds(&self, path: &Path) -> bool {
        // Hidden files and folders are skipped by the walk; so here.
        let hidden =
            |rest: &Path| rest.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        is_note(path)
            && self.roots.iter().any(|r| path == r || path.strip_prefix(r).is_ok_and(|rest| !hidden(rest)))
            && !self.filter.as_ref().is_some_and(|o| o.matched(path, false).is_ignore())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checking a buffer against the notes that share a group with it
    /// finds exactly what checking it against every note finds.
    #[test]
    fn the_notes_sharing_a_group_give_the_same_findings_as_all() {
        let lexicon = Lexicon::builtin();
        let settings = crate::rules::RuleSettings::default();
        let mut files = Vec::new();
        for dir in ["seeds", "tests/corpus", "tests/corpus-news", "tests/corpus-third", "tests/fixtures"] {
            files.extend(input::collect(&[PathBuf::from(dir)], None).0);
        }
        let (notes, _) = workflow::read_all(&files);
        assert!(notes.len() > 60, "{}", notes.len());
        let mut docs = vec![Document::new("", "")];
        docs.extend(notes);
        let extractions: Vec<Extraction> = docs.iter().map(|d| crate::extract::extract(d, lexicon)).collect();
        let mut corpus = Corpus::of(docs, extractions.clone(), lexicon, Vec::new(), None, 0);
        let mut compared = 0;
        for k in 1..extractions.len() {
            corpus.extractions[0] = extractions[k].clone();
            let (subset, _) = corpus.check(Some(k), lexicon, &settings);
            let mut all = extractions.clone();
            all[0] = extractions[k].clone();
            all[k] = Extraction::default();
            let mut expected = crate::check_extractions_of(&all, 1, lexicon, &settings);
            expected.retain(|f| f.locations.iter().any(|l| l.doc == 0));
            assert_eq!(subset, expected, "buffer {}", corpus.docs[k].path);
            compared += expected.iter().filter(|f| f.locations.iter().any(|l| l.doc != 0)).count();
            // The corpus is as it was.
            assert_eq!(corpus.extractions[1..], extractions[1..]);
        }
        assert!(compared > 20, "only {compared} cross-note findings compared");
    }
}
