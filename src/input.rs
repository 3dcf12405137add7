//! Finding and reading the notes: folders are walked respecting
//! `.gitignore`, every file is read whole, and a file that cannot be read is
//! reported as a value, never a panic, so the others are still checked.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use ignore::overrides::{Override, OverrideBuilder};

use crate::source::Document;

/// Files larger than this are not read (a note is never this large).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Extensions read when walking a folder. Files named explicitly are read
/// whatever their extension.
pub const NOTE_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "txt", "text"];

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{path}: not valid UTF-8 (byte {offset} is not part of a UTF-8 character)")]
    NotUtf8 { path: String, offset: usize },
    #[error("{path}: UTF-16 text is not supported; save the file as UTF-8")]
    Utf16 { path: String },
    #[error("{path}: binary file (contains NUL bytes), skipped")]
    Binary { path: String },
    #[error("{path}: {size} bytes is larger than the {max} byte limit, skipped")]
    TooLarge { path: String, size: u64, max: u64 },
    #[error("{path}: {message}")]
    Walk { path: String, message: String },
    /// A fix that could not be written (the message names the file).
    #[error("{source}")]
    Fix { path: String, source: crate::fix::FixError },
}

impl InputError {
    /// A binary file is skipped as ripgrep does: noted, but not a failure.
    pub fn is_skip(&self) -> bool {
        matches!(self, InputError::Binary { .. })
    }

    pub fn path(&self) -> &str {
        match self {
            InputError::Io { path, .. }
            | InputError::NotUtf8 { path, .. }
            | InputError::Utf16 { path }
            | InputError::Binary { path }
            | InputError::TooLarge { path, .. }
            | InputError::Walk { path, .. }
            | InputError::Fix { path, .. } => path,
        }
    }
}

/// A path as claimlint shows it.
pub fn shown(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").map(str::to_owned).unwrap_or_else(|| s.into_owned())
}

/// An absolute path as it is shown: relative to `cwd` (with `..` where it
/// is outside), so that a corpus named in claimlint.toml reads the same as
/// one named on the command line. Relative paths are kept as they are.
pub fn relative_to(path: &Path, cwd: &Path) -> PathBuf {
    if !path.is_absolute() {
        return path.to_path_buf();
    }
    match pathdiff::diff_paths(path, cwd) {
        Some(p) if p.as_os_str().is_empty() => PathBuf::from("."),
        Some(p) => p,
        None => path.to_path_buf(),
    }
}

fn is_note(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| NOTE_EXTENSIONS.iter().any(|n| n.eq_ignore_ascii_case(e)))
}

/// Every note under `paths`, sorted, and the paths that could not be walked.
/// `filter` holds the configuration's include and exclude globs; it applies
/// to files named explicitly too, so an excluded file is never checked.
pub fn collect(paths: &[PathBuf], filter: Option<&Override>) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let excluded = |p: &Path| filter.is_some_and(|o| o.matched(p, false).is_ignore());
    for root in paths {
        match fs::metadata(root) {
            Err(source) => errors.push(InputError::Io { path: shown(root), source }),
            Ok(meta) if !meta.is_dir() => {
                if !excluded(root) {
                    files.push(root.clone());
                }
            }
            Ok(_) => {
                let mut builder = ignore::WalkBuilder::new(root);
                builder.hidden(true).follow_links(false);
                if let Some(o) = filter {
                    builder.overrides(o.clone());
                }
                // In parallel, as ripgrep walks: the order is restored below.
                builder.threads(rayon::current_num_threads());
                let found = std::sync::Mutex::new((Vec::new(), Vec::new()));
                builder.build_parallel().run(|| {
                    Box::new(|entry| {
                        let Ok(mut found) = found.lock() else { return ignore::WalkState::Quit };
                        match entry {
                            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && is_note(e.path()) => {
                                found.0.push(e.into_path());
                            }
                            Ok(_) => {}
                            Err(err) => found.1.push(InputError::Walk {
                                path: walk_error_path(&err, root),
                                message: err.to_string(),
                            }),
                        }
                        ignore::WalkState::Continue
                    })
                });
                let (walked, failed) = found.into_inner().unwrap_or_default();
                files.extend(walked);
                errors.extend(failed);
            }
        }
    }
    sort_paths(&mut files);
    files.dedup();
    errors.sort_by(|a, b| a.path().cmp(b.path()));
    (files, errors)
}

/// Sorts paths as `Path`'s own order does (component by component), on a
/// key made once per path: comparing two `Path`s parses both each time,
/// and a parallel walk hands over thousands in no order.
fn sort_paths(paths: &mut [PathBuf]) {
    use std::path::Component;
    paths.sort_by_cached_key(|p| {
        let mut key = Vec::with_capacity(p.as_os_str().len() + 8);
        for c in p.components() {
            // The kind of component first, as `Component`'s order has it;
            // a name ends with a byte below any a name can hold.
            key.push(match c {
                Component::Prefix(_) => 0,
                Component::RootDir => 1,
                Component::CurDir => 2,
                Component::ParentDir => 3,
                Component::Normal(_) => 4,
            });
            key.extend_from_slice(c.as_os_str().as_encoded_bytes());
            key.push(0);
        }
        key
    });
}

/// The include and exclude globs of a configuration, relative to `base`.
pub fn filter(
    base: &Path,
    include: &[String],
    exclude: &[String],
) -> Result<Option<Override>, ignore::Error> {
    if include.is_empty() && exclude.is_empty() {
        return Ok(None);
    }
    let mut b = OverrideBuilder::new(base);
    for g in include {
        b.add(g)?;
    }
    for g in exclude {
        b.add(&format!("!{g}"))?;
    }
    b.build().map(Some)
}

fn walk_error_path(err: &ignore::Error, root: &Path) -> String {
    match err {
        ignore::Error::WithPath { path, .. } => shown(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err, root)
        }
        _ => shown(root),
    }
}

/// Reads one note.
pub fn read(path: &Path) -> Result<Document, InputError> {
    let shown = shown(path);
    let io = |source| InputError::Io { path: shown.clone(), source };
    let mut file = fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(InputError::TooLarge { path: shown, size, max: MAX_FILE_BYTES });
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    io::Read::read_to_end(&mut file, &mut bytes).map_err(io)?;
    decode(shown, bytes).map(|d| d.with_file(path))
}

/// Turns a file's bytes into a document, or says why it cannot.
pub fn decode(path: String, bytes: Vec<u8>) -> Result<Document, InputError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16 { path });
    }
    if bytes.contains(&0) {
        // UTF-16 without a byte order mark has NUL bytes too; it is a note
        // that cannot be read, not a binary file to skip quietly.
        if looks_like_utf16(&bytes) {
            return Err(InputError::Utf16 { path });
        }
        return Err(InputError::Binary { path });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Document::new(path, text)),
        Err(e) => Err(InputError::NotUtf8 { path, offset: e.utf8_error().valid_up_to() }),
    }
}

/// Whether bytes with NULs in them are UTF-16 text without a byte order mark:
/// an even length, and in the first 4 KB the NULs all on one side of the
/// two-byte units and in at least half of them (text mostly in Latin script).
fn looks_like_utf16(bytes: &[u8]) -> bool {
    if bytes.len() % 2 != 0 {
        return false;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let units = sample.len() / 2;
    let (even, odd) = sample
        .chunks_exact(2)
        .fold((0, 0), |(e, o), u| (e + usize::from(u[0] == 0), o + usize::from(u[1] == 0)));
    units > 0 && (even == 0 || odd == 0) && (even + odd) * 2 >= units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sort_as_path_orders_them() {
        let names = [
            "a/b.md", "a.b/c.md", "a/b/c.md", "a-b/c.md", "a/.b.md", "/x/y.md", "./a.md", "../a.md",
            "a b/c.md", "ab/c.md", "a/b", "A/b.md", "é/a.md", "z.md", "a//b.md",
        ];
        let mut ours: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        let mut std_order = ours.clone();
        std_order.sort();
        sort_paths(&mut ours);
        assert_eq!(ours, std_order);
    }

    #[test]
    fn absolute_paths_are_shown_from_the_current_folder() {
        let cwd = Path::new("/repo/sub");
        assert_eq!(relative_to(Path::new("/repo/sub/notes"), cwd), Path::new("notes"));
        assert_eq!(relative_to(Path::new("/repo/notes"), cwd), Path::new("../notes"));
        assert_eq!(relative_to(Path::new("/repo/sub"), cwd), Path::new("."));
        assert_eq!(relative_to(Path::new("notes/a.md"), cwd), Path::new("notes/a.md"));
    }

    #[test]
    fn decode_rejects_what_it_cannot_read() {
        assert!(matches!(decode("a".into(), vec![b'a', 0xFF]), Err(InputError::NotUtf8 { offset: 1, .. })));
        assert!(matches!(decode("a".into(), vec![0xFF, 0xFE, b'a', 0]), Err(InputError::Utf16 { .. })));
        assert!(matches!(decode("a".into(), b"a\0b".to_vec()), Err(InputError::Binary { .. })));
        assert!(decode("a".into(), "\u{feff}ok".as_bytes().to_vec()).is_ok());
        let utf16le: Vec<u8> = "Amazon invested".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = "Amazon invested".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert!(matches!(decode("a".into(), utf16le), Err(InputError::Utf16 { .. })));
        assert!(matches!(decode("a".into(), utf16be), Err(InputError::Utf16 { .. })));
        assert!(matches!(decode("a".into(), vec![0, 0, 0, 0, 7, 0]), Err(InputError::Binary { .. })));
    }
}
