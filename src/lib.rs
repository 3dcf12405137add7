//! claimlint: finds claims that contradict each other across analyst notes.
//!
//! The pipeline: [`input`] finds and reads notes, [`extract`] reads each
//! one into claims, [`rules`] compares the claims of all notes and returns
//! [`finding::Finding`]s, and [`report`] renders them. [`workflow`] runs
//! a whole check for a front end (the command line, an editor); [`store`]
//! keeps what lasts between runs. This library never prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod claims;
pub mod config;
pub mod dates;
pub mod demo;
pub mod extract;
pub mod finding;
pub mod fix;
pub mod input;
pub mod ledger;
pub mod lexicon;
pub mod lsp;
pub mod report;
pub mod rules;
pub mod source;
pub mod sources;
pub mod store;
pub mod suppress;
pub mod workflow;

// The stored formats, under their old paths too.
pub use store::{baseline, cache, claims_file};

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use cache::Cache;
use claims::Extraction;
use finding::Finding;
use input::InputError;
use lexicon::Lexicon;
use rules::RuleSettings;
use source::Document;

/// Extracts every document, in parallel, in document order.
pub fn extract_all(docs: &[Document], lexicon: &Lexicon) -> Vec<Extraction> {
    docs.par_iter().map(|d| extract::extract(d, lexicon)).collect()
}

/// Notes read from disk and extracted, in path order, with their texts let
/// go (see [`source::Document::release`]).
pub struct Extracted {
    pub docs: Vec<Document>,
    pub extractions: Vec<Extraction>,
    pub errors: Vec<InputError>,
}

/// [`Extracted`] with each note's claims packed ([`rules::batch::Packed`],
/// one per note, in the same order), its extraction keeping the rest.
pub struct ExtractedPacked {
    pub docs: Vec<Document>,
    pub extractions: Vec<Extraction>,
    pub packed: Vec<rules::batch::Packed>,
    pub errors: Vec<InputError>,
}

/// The rule groups of the notes a run checks, when they are checked
/// against a corpus: a corpus note whose claims join none of them cannot be
/// in a finding, and a cache need not read its claims back.
#[derive(Default)]
pub struct Focus {
    groups: std::collections::HashSet<u64>,
    /// Claims of corpus notes left unread, for the run's count.
    apart: std::sync::atomic::AtomicUsize,
}

impl Focus {
    /// The groups of the checked notes' extractions.
    pub fn of<'a>(lexicon: &Lexicon, extractions: impl IntoIterator<Item = &'a Extraction>) -> Self {
        let groups = extractions.into_iter().flat_map(|e| rules::group_keys(lexicon, e)).collect();
        Self { groups, apart: Default::default() }
    }

    /// How many claims of the corpus were left unread.
    pub fn claims_apart(&self) -> usize {
        self.apart.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Reads and extracts files in parallel, keeping the claims and letting go
/// of each text as soon as it is read, so memory holds claims, not notes.
/// With a cache, a note whose content was extracted before is not parsed
/// again, and with a `focus` as well, one whose claims join none of its
/// groups is not even read back: its extraction is empty. `done` is called
/// after each file (for a progress bar).
pub fn extract_files(
    files: &[PathBuf],
    lexicon: &Lexicon,
    cache: Option<&Cache>,
    focus: Option<&Focus>,
    done: &(dyn Fn() + Sync),
) -> Extracted {
    let (docs, extractions, errors) = read_files(files, lexicon, cache, focus, done, |e| e);
    Extracted { docs, extractions, errors }
}

/// [`extract_files`], each note's claims packed as soon as it is read, so
/// that memory never holds every claim decoded at once: for
/// [`rules::batch::run`] over many notes.
pub fn extract_files_packed(
    files: &[PathBuf],
    lexicon: &Lexicon,
    cache: Option<&Cache>,
    done: &(dyn Fn() + Sync),
) -> ExtractedPacked {
    let pack = |mut e: Extraction| {
        let packed = rules::batch::Packed::pack(lexicon, &mut e);
        (e, packed)
    };
    let (docs, read, errors) = read_files(files, lexicon, cache, None, done, pack);
    let (extractions, packed) = read.into_iter().unzip();
    ExtractedPacked { docs, extractions, packed, errors }
}

/// Reads and extracts `files` in parallel, keeping `keep` of each note's
/// extraction, in path order.
fn read_files<T: Send>(
    files: &[PathBuf],
    lexicon: &Lexicon,
    cache: Option<&Cache>,
    focus: Option<&Focus>,
    done: &(dyn Fn() + Sync),
    keep: impl Fn(Extraction) -> T + Sync,
) -> (Vec<Document>, Vec<T>, Vec<InputError>) {
    let read: Vec<Result<(Document, T), InputError>> = files
        .par_iter()
        .map(|path| {
            let read = extract_file(path, lexicon, cache, focus).map(|(doc, e)| (doc, keep(e)));
            done();
            read
        })
        .collect();
    let mut errors = Vec::new();
    let mut pairs = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(pair) => pairs.push(pair),
            Err(e) => errors.push(e),
        }
    }
    pairs.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let (docs, kept) = pairs.into_iter().unzip();
    (docs, kept, errors)
}

/// One note of [`extract_files`]. With a cache, a note whose metadata says
/// it is unchanged is not even read.
fn extract_file(
    path: &Path,
    lexicon: &Lexicon,
    cache: Option<&Cache>,
    focus: Option<&Focus>,
) -> Result<(Document, Extraction), InputError> {
    // A note of the corpus that shares no rule group with the checked notes.
    let apart = |cache: &Cache, hash: u128| {
        let n = focus.and_then(|f| cache.claims_apart(hash, &f.groups))?;
        if let Some(f) = focus {
            f.apart.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        }
        Some(Extraction::default())
    };
    let stat = cache.and_then(|_| std::fs::metadata(path).ok()).and_then(|m| cache::FileStat::of(&m));
    if let (Some(cache), Some(stat)) = (cache, stat.as_ref()) {
        let known = cache.hash_of(path, stat);
        if let Some((hash, cached)) =
            known.and_then(|h| apart(cache, h).or_else(|| cache.get(h)).map(|e| (h, e)))
        {
            let mut doc = Document::new(input::shown(path), "").with_file(path);
            doc.stamp = Some(source::Stamp { len: stat.size() as usize, hash });
            cache.remember(path, *stat, hash);
            let mut cached = cached;
            extract::date_from_name(&doc.path, &mut cached);
            return Ok((doc, cached));
        }
    }
    let mut doc = input::read(path)?;
    let hash = source::content_hash(&doc.text);
    let mut extraction = match cache.and_then(|c| apart(c, hash).or_else(|| c.get(hash))) {
        Some(cached) => cached,
        None => {
            // The cache is keyed by content: the file's name dates the note after.
            let extraction = cache::strip(extract::extract_traced(&doc, lexicon, None));
            if let Some(c) = cache {
                c.put(hash, &extraction, rules::group_keys(lexicon, &extraction));
            }
            extraction
        }
    };
    extract::date_from_name(&doc.path, &mut extraction);
    if let (Some(cache), Some(stat)) = (cache, stat) {
        cache.remember(path, stat, hash);
    }
    doc.release();
    Ok((doc, extraction))
}

/// Runs the enabled rules over extracted documents.
pub fn check_extractions(
    extractions: &[Extraction],
    lexicon: &Lexicon,
    settings: &RuleSettings,
) -> Vec<Finding> {
    check_extractions_of(extractions, extractions.len(), lexicon, settings)
}

/// [`check_extractions`] when only the first `checked` documents are being
/// checked and the others are a corpus they are compared against: a
/// finding's locations in the checked notes are then never left out.
pub fn check_extractions_of(
    extractions: &[Extraction],
    checked: usize,
    lexicon: &Lexicon,
    settings: &RuleSettings,
) -> Vec<Finding> {
    rules::run(&rules::Context::new(extractions, checked, lexicon, settings))
}

/// Extracts and checks documents.
pub fn check(
    docs: &[Document],
    lexicon: &Lexicon,
    settings: &RuleSettings,
) -> (Vec<Extraction>, Vec<Finding>) {
    let extractions = extract_all(docs, lexicon);
    let findings = check_extractions(&extractions, lexicon, settings);
    (extractions, findings)
}
