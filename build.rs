//! Gives the build an identity: a hash of everything that decides how notes
//! are read (`src/`, `grammar/`, `rules/`, `Cargo.toml`, `Cargo.lock`), as
//! `CLAIMLINT_BUILD_ID`. The claims cache is keyed by it, so two builds of
//! the same source (the pre-commit hook's and the user's own) share a cache
//! and a build of changed source does not read another's. It hashes
//! contents, never times or paths outside the crate, so it is the same on
//! every machine and for every checkout.

use std::fs;
use std::path::{Path, PathBuf};

/// What is hashed, relative to the crate's root. A folder is hashed whole.
const INPUTS: &[&str] = &["src", "grammar", "rules", "Cargo.toml", "Cargo.lock"];

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut hash = Fnv1a::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        let mut files = Vec::new();
        collect(&root.join(input), &mut files);
        files.sort();
        for file in files {
            let Ok(bytes) = fs::read(&file) else { continue };
            // Separate path and contents by their lengths, so that moving
            // bytes from one file to the next changes the hash.
            let name = file.strip_prefix(&root).unwrap_or(&file).to_string_lossy().replace('\\', "/");
            hash.field(name.as_bytes());
            hash.field(&bytes);
        }
    }
    println!("cargo:rustc-env=CLAIMLINT_BUILD_ID={:016x}", hash.0);
}

/// Every file at or under `path` (nothing if it does not exist).
fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    match fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                collect(&entry.path(), out);
            }
        }
        Err(_) if path.is_file() => out.push(path.to_path_buf()),
        Err(_) => {}
    }
}

/// 64-bit FNV-1a: tiny, stable across Rust versions and platforms (unlike
/// `DefaultHasher`), and a build script may not use the crate's
/// dependencies. Accidental collisions between two sources are what
/// matters here, not an adversary.
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn field(&mut self, bytes: &[u8]) {
        self.write(&(bytes.len() as u64).to_le_bytes());
        self.write(bytes);
    }
}
