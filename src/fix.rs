//! Applying fixes: the replacements of fixable findings, written atomically.
//!
//! A file is rewritten only when the user asks (`--fix`), only if it still
//! holds exactly the text that was checked, and through a temporary file in
//! the same folder that is renamed over the original, so a failure at any
//! point leaves the note as it was.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::finding::{Finding, Fix};
use crate::source::DocId;

#[derive(Debug, thiserror::Error)]
pub enum FixError {
    #[error("{path}: changed since it was read; not rewritten")]
    Changed { path: String },
    #[error("{path}: a symbolic link; not rewritten (fix the file it points to)")]
    Symlink { path: String },
    #[error("{path}: cannot write the fix: {source}")]
    Io { path: String, source: io::Error },
}

/// The fixes of `findings` for document `doc`, in order, without overlaps
/// (the first of two overlapping fixes wins).
pub fn fixes_for(findings: &[Finding], doc: DocId) -> Vec<&Fix> {
    let mut fixes: Vec<&Fix> =
        findings.iter().filter_map(|f| f.fix.as_ref()).filter(|x| x.doc == doc).collect();
    fixes.sort_by_key(|x| x.span);
    fixes.dedup_by_key(|x| x.span);
    let mut last_end = 0;
    fixes.retain(|x| {
        let keep = x.span.start() >= last_end;
        if keep {
            last_end = x.span.end();
        }
        keep
    });
    fixes
}

/// `text` with the replacements applied.
pub fn apply(text: &str, fixes: &[&Fix]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for x in fixes {
        let (start, end) = (x.span.start(), x.span.end());
        if start < at || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&x.replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Writes `new` to `path` if the file still holds `old`: a temporary file in
/// the same folder, with the original's permissions, renamed over it.
///
/// Every failure leaves the note as it was: before the rename the original
/// is untouched, and the rename replaces it whole. A crash before the rename
/// can leave a hidden `.NAME.claimlint-PID[-N].tmp` beside the note (never a
/// truncated note); the walker skips hidden files, and a later run picks a
/// name that is free. A symbolic link is not rewritten: renaming over it
/// would replace the link, not the note it points to.
pub fn write_atomic(path: &Path, old: &str, new: &str) -> Result<(), FixError> {
    let shown = path.display().to_string();
    let shown = shown.strip_prefix("./").map_or_else(|| shown.clone(), str::to_owned);
    let io_err = |source| FixError::Io { path: shown.clone(), source };
    if fs::symlink_metadata(path).map_err(io_err)?.file_type().is_symlink() {
        return Err(FixError::Symlink { path: shown });
    }
    let current = fs::read(path).map_err(io_err)?;
    if current != old.as_bytes() {
        return Err(FixError::Changed { path: shown });
    }
    let permissions = fs::metadata(path).map_err(io_err)?.permissions();
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map_or_else(|| "note".into(), |n| n.to_string_lossy().into_owned());
    // A leftover of a crashed run (or another run) may hold the first name.
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let suffix = if attempt == 0 { String::new() } else { format!("-{attempt}") };
        let tmp = dir.join(format!(".{name}.claimlint-{}{suffix}.tmp", std::process::id()));
        match fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 1000 => attempt += 1,
            Err(e) => return Err(io_err(e)),
        }
    };
    let mut changed = false;
    let result = (|| {
        file.write_all(new.as_bytes())?;
        file.sync_all()?;
        drop(file);
        fs::set_permissions(&tmp, permissions)?;
        // Last check before the rename: the file must not have changed meanwhile.
        if fs::read(path)? != old.as_bytes() {
            changed = true;
            return Ok(());
        }
        fs::rename(&tmp, path)
    })();
    if changed || result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    match result {
        Ok(()) if changed => Err(FixError::Changed { path: shown }),
        Ok(()) => {
            // Make the rename itself durable; a folder that cannot be synced
            // (some file systems) still holds the complete new note.
            if let Ok(d) = fs::File::open(dir) {
                let _ = d.sync_all();
            }
            Ok(())
        }
        Err(e) => Err(io_err(e)),
    }
}

/// A unified diff of one file's fixes, with one line of context.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    // Fixes replace words inside lines, so lines pair up one to one unless a
    // replacement holds a line break; fall back to a whole-file hunk then.
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    if a.len() != b.len() {
        out.push_str(&format!("@@ -1,{} +1,{} @@\n", a.len(), b.len()));
        a.iter().for_each(|l| push_line(&mut out, '-', l));
        b.iter().for_each(|l| push_line(&mut out, '+', l));
        return out;
    }
    let changed: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    let mut i = 0;
    while i < changed.len() {
        // Group changes whose context touches.
        let mut j = i;
        while j + 1 < changed.len() && changed[j + 1] <= changed[j] + 3 {
            j += 1;
        }
        let lo = changed[i].saturating_sub(1);
        let hi = (changed[j] + 1).min(a.len() - 1);
        let len = hi - lo + 1;
        out.push_str(&format!("@@ -{},{len} +{},{len} @@\n", lo + 1, lo + 1));
        for k in lo..=hi {
            if a[k] == b[k] {
                push_line(&mut out, ' ', a[k]);
            } else {
                push_line(&mut out, '-', a[k]);
                push_line(&mut out, '+', b[k]);
            }
        }
        i = j + 1;
    }
    out
}

fn push_line(out: &mut String, sign: char, line: &str) {
    out.push(sign);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn fix(start: usize, end: usize, r: &str) -> Fix {
        Fix { doc: 0, span: Span::new(start, end), replacement: r.to_owned() }
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let text = "Tranium and Tranium.";
        let a = fix(0, 7, "Trainium");
        let b = fix(12, 19, "Trainium");
        let c = fix(2, 5, "x");
        let fixed = apply(text, &[&a, &b]);
        assert_eq!(fixed, "Trainium and Trainium.");
        let findings: Vec<Finding> = [a, c, b]
            .into_iter()
            .map(|f| Finding {
                rule: "misspelled-name",
                severity: crate::finding::Severity::Error,
                message: String::new(),
                locations: vec![],
                fix: Some(f),
                omitted: 0,
                subject: String::new(),
                sides: Vec::new(),
            })
            .collect();
        assert_eq!(fixes_for(&findings, 0).len(), 2);
    }

    #[test]
    fn diff_shows_changed_lines_with_context() {
        let d = unified_diff("a.md", "one\nTranium two\nthree\n", "one\nTrainium two\nthree\n");
        assert_eq!(d, "--- a/a.md\n+++ b/a.md\n@@ -1,3 +1,3 @@\n one\n-Tranium two\n+Trainium two\n three\n");
    }

    #[test]
    fn atomic_write_refuses_a_changed_file_and_keeps_permissions() {
        let dir = std::env::temp_dir().join(format!("claimlint-fix-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("note.md");
        fs::write(&path, "Tranium\n").unwrap();
        assert!(matches!(write_atomic(&path, "something else", "x"), Err(FixError::Changed { .. })));
        assert_eq!(fs::read_to_string(&path).unwrap(), "Tranium\n");
        write_atomic(&path, "Tranium\n", "Trainium\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "Trainium\n");
        let leftovers =
            fs::read_dir(&dir).unwrap().filter(|e| e.as_ref().unwrap().file_name() != "note.md").count();
        assert_eq!(leftovers, 0, "no temporary file is left behind");
        fs::remove_dir_all(&dir).unwrap();
    }
}
