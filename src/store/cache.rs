//! The claims cache (`.claimlint-cache/`): what was extracted from each note,
//! keyed by the note's content hash, so a pre-commit run that compares one
//! draft against thousands of unchanged notes reads their claims instead of
//! parsing them again.
//!
//! It lives where the project is ([`location`]): beside `claimlint.toml`, or
//! at the root of the git repository, never in whatever folder a user runs
//! claimlint from. Its `.gitignore` and `CACHEDIR.TAG` are written before
//! any other file, so a run stopped at any point leaves nothing that
//! `git status` shows.
//!
//! One file per build and configuration, `claims-<key>.bin`: the key hashes
//! claimlint's version and source (another source may read notes
//! differently; see `build.rs`), the lexicon and the configuration. Layout: a header (magic, format, key, the
//! index's place, length and hash), the records (one note's claims each,
//! bincode), then the index (content hash, offset, length and hash of each
//! record). Opening reads the header and the index only; a record is read
//! when a note with its content hash is checked, so memory holds the index,
//! not the cache. A header, index or record that does not check out is
//! ignored and the note read again: a cache is never trusted, only used when
//! it proves to be the one for this run.
//!
//! Besides the records, the file keeps what each note's metadata was when
//! it was hashed (size, modification and change times, inode and device):
//! a note whose metadata is still exactly that is known by its hash without
//! being read, as git's index knows unchanged files. Only notes unchanged
//! for a while are recorded, so a write in the same clock tick as the
//! hashing cannot go unseen; any write changes the change time.
//!
//! A run that adds records writes a new file beside the old one as it goes
//! and renames it over the old one at the end, so two runs sharing the
//! folder each read a whole file, and the last to finish wins. Nothing is
//! synced to disk: a file cut short by a crash fails its checks.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bincode::Options;
use serde::{Deserialize, Serialize};

use crate::claims::{Claim, ClaimBody, DealClaim, Extraction, NearMiss, UsageClaim};
use crate::source::Span;
use crate::suppress::Suppression;

/// The folder's name, beside the configuration file or at the repository root.
pub const DIR_NAME: &str = ".claimlint-cache";

/// The folder the claims cache of a run goes in: `explicit` (`--cache-dir`)
/// when given; else `.claimlint-cache` in `config_dir`, the folder of the
/// configuration file; else at the root of the git repository `cwd` is in
/// (the nearest ancestor holding `.git`, a folder, or a file in a worktree or
/// submodule); else none. A folder that is not a project is no place to
/// leave files in: without a configuration or a repository, runs are not
/// cached unless asked.
pub fn location(config_dir: Option<&Path>, cwd: &Path, explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = explicit {
        return Some(dir.to_path_buf());
    }
    let project = match config_dir {
        Some(dir) => dir.to_path_buf(),
        None => cwd.ancestors().find(|dir| dir.join(".git").exists())?.to_path_buf(),
    };
    Some(project.join(DIR_NAME))
}

/// Runs that read fewer notes neither read nor write a cache: parsing them
/// is as quick as reading their claims back, and a folder that appears
/// after linting one draft would only surprise.
pub const MIN_NOTES: usize = 100;

const MAGIC: &[u8; 16] = b"claimlint-cache\0";
/// Bumped whenever the layout changes.
const FORMAT: u32 = 8;
/// magic, format, key, index offset, index length, index hash, metadata
/// table length and hash.
const HEADER_LEN: usize = 16 + 4 + 16 + 8 + 8 + 16 + 8 + 16;

/// Where a record lies in a cache file, and what a run needs to know of it
/// without reading it: how many claims it holds and the rule groups they
/// join ([`crate::rules::group_keys`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Slot {
    offset: u64,
    len: u32,
    hash: u64,
    claims: u32,
    groups: Box<[u64]>,
}

/// Claims of notes already read, and those read in this run.
pub struct Cache {
    dir: PathBuf,
    key: u128,
    /// The file this run read from, its index and metadata table.
    old: Option<File>,
    index: HashMap<u128, Slot>,
    known: HashMap<PathBuf, (FileStat, u128)>,
    started: std::time::SystemTime,
    run: Mutex<RunState>,
}

#[derive(Default)]
struct RunState {
    /// Records of the old file this run used.
    used: HashSet<u128>,
    /// The new file, once this run has something to add.
    new: Option<NewFile>,
    /// Metadata of the notes of this run, and whether any differs from the table's.
    seen: Vec<(PathBuf, FileStat, u128)>,
    seen_changed: bool,
}

/// A note's metadata: while all of it is unchanged, so is its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStat {
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    inode: u64,
    device: u64,
}

impl FileStat {
    /// The metadata of a file, where the system tells all of it.
    #[cfg(unix)]
    pub fn of(meta: &fs::Metadata) -> Option<Self> {
        use std::os::unix::fs::MetadataExt;
        Some(Self {
            len: meta.len(),
            modified: (meta.mtime(), meta.mtime_nsec()),
            changed: (meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
        })
    }

    #[cfg(not(unix))]
    pub fn of(_: &fs::Metadata) -> Option<Self> {
        None
    }

    /// The file's length in bytes.
    pub fn size(&self) -> u64 {
        self.len
    }

    /// Unchanged for a few seconds before `now`: a write after the hashing
    /// will show in the times.
    fn settled(&self, now: std::time::SystemTime) -> bool {
        const MARGIN: i64 = 3;
        let now = now.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        self.modified.0 + MARGIN < now && self.changed.0 + MARGIN < now
    }
}

struct NewFile {
    path: PathBuf,
    out: BufWriter<File>,
    at: u64,
    index: Vec<(u128, Slot)>,
}

/// What the cache stores of a note: what `check` needs, not every mention.
/// A note's claims share its date, so the dates are kept once each.
#[derive(Serialize, Deserialize)]
struct Entry {
    dates: Vec<Arc<str>>,
    /// Each claim with its date's place in `dates`.
    claims: Vec<(Span, Body, Option<u32>)>,
    near_misses: Vec<NearMiss>,
    suppressions: Vec<Suppression>,
}

/// [`ClaimBody`] tagged the way a binary format can read back.
#[derive(Serialize, Deserialize)]
pub(crate) enum Body {
    Deal(DealClaim),
    Usage(UsageClaim),
}

impl Entry {
    fn of(e: &Extraction) -> Self {
        let mut dates: Vec<Arc<str>> = Vec::new();
        let claims = e
            .claims
            .iter()
            .map(|c| {
                let body = match &c.body {
                    ClaimBody::Deal(d) => Body::Deal(d.clone()),
                    ClaimBody::Usage(u) => Body::Usage(u.clone()),
                };
                let date = c.date.as_ref().map(|d| match dates.iter().position(|x| x == d) {
                    Some(i) => i as u32,
                    None => {
                        dates.push(d.clone());
                        dates.len() as u32 - 1
                    }
                });
                (c.span, body, date)
            })
            .collect();
        Entry { dates, claims, near_misses: e.near_misses.clone(), suppressions: e.suppressions.clone() }
    }

    /// `None` when a claim names a date the entry does not have.
    fn into_extraction(self) -> Option<Extraction> {
        let dates = self.dates;
        let claims = self
            .claims
            .into_iter()
            .map(|(span, body, date)| {
                let body = match body {
                    Body::Deal(d) => ClaimBody::Deal(d),
                    Body::Usage(u) => ClaimBody::Usage(u),
                };
                let date = match date {
                    Some(i) => Some(dates.get(i as usize)?.clone()),
                    None => None,
                };
                Some(Claim { span, body, date })
            })
            .collect::<Option<_>>()?;
        Some(Extraction {
            claims,
            near_misses: self.near_misses,
            suppressions: self.suppressions,
            ..Extraction::default()
        })
    }
}

/// Variable-length integers: spans and ids are small numbers.
pub(crate) fn codec() -> impl Options {
    bincode::DefaultOptions::new().with_varint_encoding().with_limit(64 << 20)
}

fn record_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Why a cache file was not used. Never shown as an error: the cache is
/// rebuilt instead.
#[derive(Debug, PartialEq, Eq)]
pub enum Stale {
    Missing,
    Corrupt,
}

impl Cache {
    /// Opens the cache in `dir` for runs with this `key` (see [`key`]). A
    /// missing, foreign or damaged file gives an empty cache.
    pub fn open(dir: &Path, key: u128) -> (Self, Option<Stale>) {
        // A run stopped before its end (Ctrl-C, a crash) leaves its
        // temporary file, and a release before this one might have left it
        // without the folder's markers: put both right.
        if dir.is_dir() && prepare(dir).is_ok() {
            remove_stale_temporaries(dir);
        }
        let path = file_name(dir, key);
        let (old, (index, known), stale) = match File::open(&path) {
            Ok(file) => match read_index(&file, key) {
                Some(tables) => (Some(file), tables, None),
                None => (None, Default::default(), Some(Stale::Corrupt)),
            },
            Err(_) => (None, Default::default(), Some(Stale::Missing)),
        };
        let started = std::time::SystemTime::now();
        (Self { dir: dir.to_path_buf(), key, old, index, known, started, run: Mutex::default() }, stale)
    }

    /// The content hash of the note at `path`, if its metadata is exactly
    /// what it was when that hash was taken.
    pub fn hash_of(&self, path: &Path, stat: &FileStat) -> Option<u128> {
        let (known, hash) = self.known.get(path)?;
        (known == stat).then_some(*hash)
    }

    /// Notes that the note at `path`, with this metadata, has this content hash.
    pub fn remember(&self, path: &Path, stat: FileStat, hash: u128) {
        if !stat.settled(self.started) {
            return;
        }
        if let Ok(mut run) = self.run.lock() {
            let changed = self.known.get(path) != Some(&(stat, hash));
            run.seen_changed |= changed;
            run.seen.push((path.to_path_buf(), stat, hash));
        }
    }

    /// The number of claims of the note with this content hash, if it is
    /// cached and none of its claims joins a rule group in `focus`: its
    /// claims cannot be in a finding about the notes `focus` is of, so they
    /// need not be read. The record counts as used.
    pub fn claims_apart(&self, hash: u128, focus: &HashSet<u64>) -> Option<usize> {
        let slot = self.index.get(&hash)?;
        if slot.groups.iter().any(|g| focus.contains(g)) {
            return None;
        }
        if let Ok(mut run) = self.run.lock() {
            run.used.insert(hash);
        }
        Some(slot.claims as usize)
    }

    /// The extraction of a note with this content hash, if cached and whole.
    pub fn get(&self, hash: u128) -> Option<Extraction> {
        let slot = self.index.get(&hash)?;
        let bytes = read_at(self.old.as_ref()?, slot.offset, slot.len as usize).ok()?;
        if record_hash(&bytes) != slot.hash {
            return None;
        }
        let entry: Entry = codec().deserialize(&bytes).ok()?;
        if let Ok(mut run) = self.run.lock() {
            run.used.insert(hash);
        }
        entry.into_extraction()
    }

    /// Records the extraction of a note read in this run, with the rule
    /// groups its claims join. A cache that cannot be written is left as it
    /// was: it only makes runs slower.
    pub fn put(&self, hash: u128, extraction: &Extraction, groups: Vec<u64>) {
        let Ok(bytes) = codec().serialize(&Entry::of(extraction)) else { return };
        let Ok(mut run) = self.run.lock() else { return };
        if run.new.is_none() {
            run.new = NewFile::create(&self.dir).ok();
        }
        let Some(new) = run.new.as_mut() else { return };
        let slot = Slot {
            offset: new.at,
            len: bytes.len() as u32,
            hash: record_hash(&bytes),
            claims: extraction.claims.len() as u32,
            groups: groups.into_boxed_slice(),
        };
        match new.out.write_all(&bytes) {
            Ok(()) => {
                new.at += bytes.len() as u64;
                new.index.push((hash, slot));
            }
            Err(_) => {
                let _ = fs::remove_file(&new.path);
                run.new = None;
            }
        }
    }

    /// Finishes the new file, if this run added to the cache, and puts it in
    /// place. Records of the old file are kept if this run used them, and
    /// all of them while they do not outnumber the ones it used.
    ///
    /// A few new records (a draft edited between two pre-commit runs) are
    /// not worth rewriting the file: they are read again next time.
    pub fn save(self) -> io::Result<()> {
        let Ok(mut run) = self.run.into_inner() else { return Ok(()) };
        let added = run.new.as_ref().map_or(0, |n| n.index.len());
        let worth = (added > 0 && (added >= 64 || added * 100 >= self.index.len()))
            || (run.seen_changed && run.seen.len() >= 64);
        if !worth {
            if let Some(new) = run.new.take() {
                let _ = fs::remove_file(new.path);
            }
            return Ok(());
        }
        let mut new = match run.new.take() {
            Some(new) => new,
            None => NewFile::create(&self.dir)?,
        };
        let finished = (|| {
            let keep_all = self.index.len() <= run.used.len() * 2;
            let mut kept: Vec<(&u128, &Slot)> =
                self.index.iter().filter(|(h, _)| keep_all || run.used.contains(h)).collect();
            kept.sort_unstable_by_key(|(_, s)| s.offset);
            let added: HashSet<u128> = new.index.iter().map(|(h, _)| *h).collect();
            if let Some(old) = &self.old {
                for (hash, slot) in kept {
                    if added.contains(hash) {
                        continue;
                    }
                    let bytes = read_at(old, slot.offset, slot.len as usize)?;
                    new.out.write_all(&bytes)?;
                    new.index.push((*hash, Slot { offset: new.at, ..(*slot).clone() }));
                    new.at += bytes.len() as u64;
                }
            }
            let indexed: HashSet<u128> = new.index.iter().map(|(h, _)| *h).collect();
            run.seen.retain(|(_, _, h)| indexed.contains(h));
            new.finish(self.key, &run.seen)
        })();
        let path = file_name(&self.dir, self.key);
        match finished.and_then(|()| fs::rename(&new.path, &path)) {
            Ok(()) => {
                remove_other_files(&self.dir, &path);
                Ok(())
            }
            Err(e) => {
                let _ = fs::remove_file(&new.path);
                Err(e)
            }
        }
    }
}

impl NewFile {
    fn create(dir: &Path) -> io::Result<Self> {
        prepare(dir)?;
        let mut attempt = 0u32;
        let (path, file) = loop {
            let path = dir.join(format!(".tmp-{}-{attempt}", std::process::id()));
            match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(f) => break (path, f),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
                Err(e) => return Err(e),
            }
        };
        let mut out = BufWriter::new(file);
        // The header is written last, over these zeros.
        out.write_all(&[0; HEADER_LEN])?;
        Ok(Self { path, out, at: HEADER_LEN as u64, index: Vec::new() })
    }

    /// Writes the index and the metadata table, then the header that points
    /// at them.
    fn finish(&mut self, key: u128, seen: &[(PathBuf, FileStat, u128)]) -> io::Result<()> {
        self.index.sort_unstable_by_key(|(h, _)| *h);
        let index = codec().serialize(&self.index).map_err(io::Error::other)?;
        self.out.write_all(&index)?;
        let stats = codec().serialize(seen).map_err(io::Error::other)?;
        self.out.write_all(&stats)?;
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&FORMAT.to_le_bytes());
        header.extend_from_slice(&key.to_le_bytes());
        header.extend_from_slice(&self.at.to_le_bytes());
        header.extend_from_slice(&(index.len() as u64).to_le_bytes());
        header.extend_from_slice(&xxhash_rust::xxh3::xxh3_128(&index).to_le_bytes());
        header.extend_from_slice(&(stats.len() as u64).to_le_bytes());
        header.extend_from_slice(&xxhash_rust::xxh3::xxh3_128(&stats).to_le_bytes());
        self.out.seek(SeekFrom::Start(0))?;
        self.out.write_all(&header)?;
        self.out.flush()
    }
}

/// The tables of a cache file.
type Tables = (HashMap<u128, Slot>, HashMap<PathBuf, (FileStat, u128)>);

/// The index and metadata table of a cache file, or `None` unless its
/// header and tables check out for `key`.
fn read_index(file: &File, key: u128) -> Option<Tables> {
    let header = read_at(file, 0, HEADER_LEN).ok()?;
    let field = |at: usize, len: usize| &header[at..at + len];
    let u64_at = |at| u64::from_le_bytes(field(at, 8).try_into().unwrap_or_default());
    let u128_at = |at| u128::from_le_bytes(field(at, 16).try_into().unwrap_or_default());
    let (index_at, index_len) = (u64_at(36), u64_at(44));
    let file_len = file.metadata().ok()?.len();
    let stats_len = u64_at(68);
    let stats_at = index_at.checked_add(index_len)?;
    let ok = field(0, 16) == MAGIC
        && field(16, 4) == FORMAT.to_le_bytes()
        && u128_at(20) == key
        && index_at >= HEADER_LEN as u64
        && stats_at.checked_add(stats_len) == Some(file_len);
    if !ok {
        return None;
    }
    let index = read_at(file, index_at, index_len as usize).ok()?;
    if xxhash_rust::xxh3::xxh3_128(&index) != u128_at(52) {
        return None;
    }
    // The index is in memory already: its own length bounds what it may hold.
    let limit = (index_len.saturating_mul(8)).max(1 << 20);
    let entries: Vec<(u128, Slot)> =
        bincode::DefaultOptions::new().with_varint_encoding().with_limit(limit).deserialize(&index).ok()?;
    let mut out = HashMap::with_capacity(entries.len());
    for (hash, slot) in entries {
        if slot.offset.checked_add(u64::from(slot.len)).is_none_or(|end| end > index_at) {
            return None;
        }
        out.insert(hash, slot);
    }
    let stats = read_at(file, stats_at, stats_len as usize).ok()?;
    if xxhash_rust::xxh3::xxh3_128(&stats) != u128_at(76) {
        return None;
    }
    let seen: Vec<(PathBuf, FileStat, u128)> = codec().deserialize(&stats).ok()?;
    let known = seen.into_iter().map(|(path, stat, hash)| (path, (stat, hash))).collect();
    Some((out, known))
}

#[cfg(unix)]
fn read_at(file: &File, offset: u64, len: usize) -> io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let mut buf = vec![0; len];
    file.read_exact_at(&mut buf, offset)?;
    Ok(buf)
}

#[cfg(windows)]
fn read_at(file: &File, offset: u64, len: usize) -> io::Result<Vec<u8>> {
    use std::os::windows::fs::FileExt;
    let mut buf = vec![0; len];
    let mut done = 0;
    while done < len {
        match file.seek_read(&mut buf[done..], offset + done as u64)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => done += n,
        }
    }
    Ok(buf)
}

/// An extraction as the cache keeps it (without mentions `check` does not use).
///
/// The vectors are shrunk to fit: a run holds every note's claims at once,
/// and growth by doubling leaves up to half of each unused.
pub fn strip(e: Extraction) -> Extraction {
    let (mut claims, mut near_misses, mut suppressions) = (e.claims, e.near_misses, e.suppressions);
    claims.shrink_to_fit();
    near_misses.shrink_to_fit();
    suppressions.shrink_to_fit();
    Extraction { claims, near_misses, suppressions, ..Extraction::default() }
}

/// The cache key of this build with this configuration: what decides
/// what is read from a note. Another build of other source (see
/// `build.rs`), another lexicon or vocabulary, or another configuration
/// text gives another key; another copy or rebuild of the same source does
/// not, so the pre-commit hook's build and the user's own share a cache.
pub fn key(lexicon_fingerprint: &str, config: &str) -> u128 {
    key_of(BUILD_ID, lexicon_fingerprint, config)
}

/// This build's identity: the crate's version and a hash of its source,
/// grammar, rules and lock file, set by `build.rs`.
const BUILD_ID: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("CLAIMLINT_BUILD_ID"));

fn key_of(build: &str, lexicon_fingerprint: &str, config: &str) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&FORMAT.to_le_bytes());
    for part in [build, lexicon_fingerprint, config] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.digest128()
}

fn file_name(dir: &Path, key: u128) -> PathBuf {
    dir.join(format!("claims-{key:032x}.bin"))
}

/// What the folder's `.gitignore` says: nothing in it is for git.
const GITIGNORE: &str = "# Written by claimlint: a cache, safe to delete.\n*\n";

/// The signature line of the Cache Directory Tagging Specification
/// (<https://bford.info/cachedir/>), which backup tools honour.
const CACHEDIR_SIGNATURE: &str = "Signature: 8a477f597d28d172789f06886806bc55";

/// Marks `dir` as claimlint's cache before anything else is written in it:
/// creates it, then its `.gitignore` (so git ignores whatever follows, even
/// a temporary file of a run stopped halfway), then its `CACHEDIR.TAG`.
/// A marker that is missing, or cut short by a run stopped while writing
/// it, is written again.
///
/// A folder holding anything else is refused (an error, so nothing is
/// cached): `--cache-dir .` must not hide a project from git.
fn prepare(dir: &Path) -> io::Result<()> {
    if !is_cache_folder(dir) {
        return Err(io::Error::other(format!("{} is not a claims cache folder", dir.display())));
    }
    fs::create_dir_all(dir)?;
    let ignore = dir.join(".gitignore");
    if !fs::read_to_string(&ignore).is_ok_and(|t| t.lines().any(|l| l.trim() == "*")) {
        fs::write(&ignore, GITIGNORE)?;
    }
    let tag = dir.join("CACHEDIR.TAG");
    if !fs::read_to_string(&tag).is_ok_and(|t| t.starts_with(CACHEDIR_SIGNATURE)) {
        fs::write(tag, format!("{CACHEDIR_SIGNATURE}\n# claimlint's claims cache: safe to delete.\n"))?;
    }
    Ok(())
}

/// Whether `dir` is missing (it will be made) or claimlint's cache: tagged
/// by claimlint, or holding nothing but the files a cache holds.
fn is_cache_folder(dir: &Path) -> bool {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return e.kind() == io::ErrorKind::NotFound,
    };
    if fs::read_to_string(dir.join("CACHEDIR.TAG")).is_ok_and(|t| t.contains("claimlint")) {
        return true;
    }
    entries.flatten().all(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        matches!(&*name, ".gitignore" | "CACHEDIR.TAG")
            || name.starts_with(".tmp-")
            || (name.starts_with("claims-") && name.ends_with(".bin"))
    })
}

/// How long a temporary file goes unwritten before it is taken for one
/// that a stopped run left behind.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes temporary files that runs which were stopped (Ctrl-C, a crash)
/// left behind: those not written for an hour.
///
/// Why by age, and not by whether the process named in the file is alive:
/// a folder may be shared by runs on other machines or in other containers,
/// whose process ids mean nothing here, and ids are reused; a live run's
/// file must never go. A run writes its file as it reads notes and renames
/// it at its end, within seconds to minutes (20,000 notes take under a
/// minute), so an hour without a write is a run that ended without its
/// rename. Two runs at once each keep their own file. Meanwhile the
/// `.gitignore` written first keeps any leftover out of `git status`.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(read) = fs::read_dir(dir) else { return };
    let Some(stale_before) = std::time::SystemTime::now().checked_sub(STALE_AFTER) else { return };
    for entry in read.flatten() {
        let stale = entry.file_name().to_string_lossy().starts_with(".tmp-")
            && entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < stale_before);
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Removes the files of other builds and configurations, and stale
/// temporary files.
fn remove_other_files(dir: &Path, keep: &Path) {
    remove_stale_temporaries(dir);
    let Ok(read) = fs::read_dir(dir) else { return };
    for entry in read.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path != keep && name.starts_with("claims-") && name.ends_with(".bin") {
            let _ = fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::source::{Document, content_hash};

    fn extraction(text: &str) -> Extraction {
        strip(crate::extract::extract(&Document::new("a.md", text), Lexicon::builtin()))
    }

    fn tempdir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("claimlint-cache-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    const NOTE: &str = "Amazon invested $4 billion in Anthropic. OpenAI runs exclusively on Azure. \
        OpenAI must use Amazon's Tranium chips.\n<!-- claimlint-disable-next-line -->\n";

    #[test]
    fn what_is_saved_is_read_back_the_same() {
        let dir = tempdir("roundtrip");
        let e = extraction(NOTE);
        assert!(e.claims.len() >= 2 && !e.near_misses.is_empty() && !e.suppressions.is_empty());
        let (cache, stale) = Cache::open(&dir, 7);
        assert!(matches!(stale, Some(Stale::Missing)));
        cache.put(content_hash(NOTE), &e, Vec::new());
        cache.save().unwrap();
        let (cache, stale) = Cache::open(&dir, 7);
        assert!(stale.is_none());
        assert_eq!(cache.get(content_hash(NOTE)), Some(e));
        assert_eq!(cache.get(content_hash("other")), None);
        assert!(dir.join(".gitignore").exists() && dir.join("CACHEDIR.TAG").exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn another_key_or_a_damaged_file_is_not_trusted() {
        let dir = tempdir("damaged");
        let (cache, _) = Cache::open(&dir, 1);
        cache.put(5, &extraction(NOTE), Vec::new());
        cache.save().unwrap();
        // Another build or configuration: its own file, and the old one goes.
        let (other, stale) = Cache::open(&dir, 2);
        assert!(matches!(stale, Some(Stale::Missing)) && other.get(5).is_none());
        other.put(5, &Extraction::default(), Vec::new());
        other.save().unwrap();
        assert!(!file_name(&dir, 1).exists());
        // Every flipped byte and every truncation is caught: the note is
        // read again, never given another note's claims.
        let path = file_name(&dir, 2);
        let good = fs::read(&path).unwrap();
        let damaged = |bytes: &[u8]| {
            fs::write(&path, bytes).unwrap();
            Cache::open(&dir, 2).0.get(5)
        };
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x20;
            assert_eq!(damaged(&bad), None, "byte {i}");
            assert_eq!(damaged(&good[..i]), None, "cut at {i}");
        }
        assert_eq!(damaged(&good), Some(Extraction::default()));
        fs::write(&path, b"garbage").unwrap();
        let (cache, stale) = Cache::open(&dir, 2);
        assert_eq!(stale, Some(Stale::Corrupt));
        assert!(cache.get(5).is_none());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_run_that_adds_nothing_writes_nothing() {
        let dir = tempdir("unchanged");
        let (cache, _) = Cache::open(&dir, 3);
        cache.put(1, &Extraction::default(), Vec::new());
        cache.save().unwrap();
        let before = fs::metadata(file_name(&dir, 3)).unwrap().modified().unwrap();
        let (cache, _) = Cache::open(&dir, 3);
        assert!(cache.get(1).is_some());
        cache.save().unwrap();
        assert_eq!(fs::metadata(file_name(&dir, 3)).unwrap().modified().unwrap(), before);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn entries_not_used_lately_are_dropped_when_they_outnumber_the_used() {
        let dir = tempdir("prune");
        let (cache, _) = Cache::open(&dir, 4);
        for h in 0..10 {
            cache.put(h, &Extraction::default(), Vec::new());
        }
        cache.save().unwrap();
        let (cache, _) = Cache::open(&dir, 4);
        assert!(cache.get(0).is_some());
        cache.put(100, &Extraction::default(), Vec::new());
        cache.save().unwrap();
        let (cache, _) = Cache::open(&dir, 4);
        assert_eq!(cache.index.len(), 2);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_cache_goes_where_the_project_is() {
        let root = tempdir("location");
        let deep = root.join("notes/deep");
        fs::create_dir_all(&deep).unwrap();
        if !root.ancestors().any(|d| d.join(".git").exists()) {
            assert_eq!(location(None, &deep, None), None, "not a project: nowhere");
        }
        fs::create_dir(root.join(".git")).unwrap();
        assert_eq!(location(None, &deep, None), Some(root.join(DIR_NAME)), "the repository root");
        // A worktree or submodule has a `.git` file.
        fs::write(root.join("notes/.git"), "gitdir: elsewhere\n").unwrap();
        assert_eq!(location(None, &deep, None), Some(root.join("notes").join(DIR_NAME)));
        let config_dir = root.join("config");
        assert_eq!(location(Some(&config_dir), &deep, None), Some(config_dir.join(DIR_NAME)));
        let explicit = Path::new("/elsewhere/cache");
        assert_eq!(location(Some(&config_dir), &deep, Some(explicit)), Some(explicit.to_path_buf()));
        assert_eq!(location(None, Path::new("/"), Some(explicit)), Some(explicit.to_path_buf()));
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn the_markers_are_written_before_any_other_file() {
        let dir = tempdir("markers");
        let new = NewFile::create(&dir).unwrap();
        assert!(new.path.exists());
        assert_eq!(fs::read_to_string(dir.join(".gitignore")).unwrap(), GITIGNORE);
        let tag = fs::read_to_string(dir.join("CACHEDIR.TAG")).unwrap();
        assert!(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55\n"), "{tag}");
        drop(new);
        // A marker cut short (a run stopped while writing it) is written again.
        fs::write(dir.join(".gitignore"), "").unwrap();
        prepare(&dir).unwrap();
        assert_eq!(fs::read_to_string(dir.join(".gitignore")).unwrap(), GITIGNORE);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_interrupted_run_is_cleaned_up_but_a_live_one_is_left_alone() {
        let dir = tempdir("interrupted");
        fs::create_dir_all(&dir).unwrap();
        // What a run stopped an hour ago left, before markers came first.
        let left = dir.join(".tmp-123-0");
        fs::write(&left, "half a cache").unwrap();
        let two_hours_ago = std::time::SystemTime::now() - 2 * STALE_AFTER;
        File::options().write(true).open(&left).unwrap().set_modified(two_hours_ago).unwrap();
        // A run writing its file right now.
        let live = dir.join(".tmp-456-0");
        fs::write(&live, "being written").unwrap();
        let (cache, _) = Cache::open(&dir, 8);
        assert!(!left.exists() && live.exists());
        assert!(dir.join(".gitignore").exists() && dir.join("CACHEDIR.TAG").exists());
        drop(cache);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_folder_of_other_files_is_never_made_a_cache() {
        let dir = tempdir("foreign");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("note.md"), "Amazon invested $4 billion in Anthropic.\n").unwrap();
        let old = dir.join(".tmp-notes");
        fs::write(&old, "someone else's").unwrap();
        let two_hours_ago = std::time::SystemTime::now() - 2 * STALE_AFTER;
        File::options().write(true).open(&old).unwrap().set_modified(two_hours_ago).unwrap();
        let (cache, _) = Cache::open(&dir, 9);
        cache.put(1, &Extraction::default(), Vec::new());
        // Nothing to save: the new file could not be made.
        cache.save().unwrap();
        let mut names: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, [".tmp-notes", "note.md"], "nothing written, nothing removed");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_key_follows_build_lexicon_and_configuration() {
        assert_eq!(key("l", "c"), key("l", "c"));
        assert_ne!(key("l", "c"), key("l2", "c"));
        assert_ne!(key("l", "c"), key("l", "c2"));
        assert_ne!(key("lc", ""), key("l", "c"));
        assert_eq!(key("l", "c"), key_of(BUILD_ID, "l", "c"));
        assert_ne!(key_of("0.1.0+1", "l", "c"), key_of("0.1.0+2", "l", "c"), "other source");
    }

    #[test]
    fn the_build_id_is_a_hash_of_the_source() {
        // Not the executable's size and time, as it was: every rebuild of
        // the same source evicted the cache (tests/scale.rs runs a copy).
        let id = env!("CLAIMLINT_BUILD_ID");
        assert!(id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        assert!(BUILD_ID.starts_with(concat!(env!("CARGO_PKG_VERSION"), "+")));
    }
}
