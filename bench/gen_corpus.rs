//! Writes a deterministic corpus of analyst notes for `bench/compare.sh`.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --files 20000 --out target/bench/corpus-20k \
//!     --names target/bench/names.txt --typos-config target/bench/typos.toml
//! ```
//!
//! The same seed and file count give the same files, byte for byte. It also
//! writes what the peers of the comparison need: every lexicon name and alias
//! for `rg -F -f`, and a typos configuration with the corpus's misspellings.

#[path = "corpus.rs"]
mod corpus;

use std::fs;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use clap::Parser;
use rayon::prelude::*;

use claimlint::lexicon::Lexicon;

#[derive(Parser)]
#[command(about = "Writes a deterministic corpus of analyst notes")]
struct Args {
    /// The folder to write the notes into; it must not exist or be empty.
    /// Without it, only `--names` and `--typos-config` are written.
    #[arg(long)]
    out: Option<PathBuf>,
    /// How many notes to write (1k ≈ 3.5 MB).
    #[arg(long, default_value_t = 1000)]
    files: u64,
    /// The generator's seed.
    #[arg(long, default_value_t = corpus::DEFAULT_SEED)]
    seed: u64,
    /// Also write every lexicon name and alias here, one a line.
    #[arg(long)]
    names: Option<PathBuf>,
    /// Also write a typos configuration whose dictionary has the corpus's misspellings.
    #[arg(long)]
    typos_config: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> std::io::Result<()> {
    if let Some(path) = &args.names {
        fs::write(path, names(Lexicon::builtin()))?;
    }
    if let Some(path) = &args.typos_config {
        fs::write(path, typos_config())?;
    }
    let Some(out) = &args.out else { return Ok(()) };
    if fs::read_dir(out).is_ok_and(|mut d| d.next().is_some()) {
        return Err(std::io::Error::other(format!("{} exists and is not empty", out.display())));
    }
    let generator = corpus::Generator::new(args.seed);
    for dir in 0..args.files.div_ceil(1000) {
        fs::create_dir_all(out.join(format!("notes/{dir:03}")))?;
    }
    let bytes = AtomicU64::new(0);
    (0..args.files).into_par_iter().try_for_each(|i| {
        let note = generator.note(i);
        bytes.fetch_add(note.text.len() as u64, Ordering::Relaxed);
        fs::write(out.join(&note.path), note.text)
    })?;
    writeln!(std::io::stdout().lock(), "files={} bytes={}", args.files, bytes.into_inner())
}

/// Every name and alias of the lexicon, sorted, one a line.
fn names(lexicon: &Lexicon) -> String {
    let mut all: Vec<&str> = lexicon
        .entities()
        .flat_map(|(_, e)| std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(String::as_str)))
        .collect();
    all.sort_unstable();
    all.dedup();
    all.iter().map(|n| format!("{n}\n")).collect()
}

/// typos's configuration: its own dictionary plus the corpus's misspellings.
fn typos_config() -> String {
    let mut s = String::from(
        "# Written by bench/gen_corpus.rs: the misspellings of lexicon names that the corpus contains.\n\
         [default.extend-words]\n",
    );
    for (wrong, right) in corpus::MISSPELLINGS {
        s.push_str(&format!("{} = \"{}\"\n", wrong.to_lowercase(), right.to_lowercase()));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::corpus::{DEFAULT_SEED, Generator, MISSPELLINGS};

    #[test]
    fn notes_are_deterministic_and_varied() {
        let g = Generator::new(DEFAULT_SEED);
        let a: Vec<String> = (0..200).map(|i| g.note(i).text).collect();
        let b: Vec<String> = (0..200).map(|i| Generator::new(DEFAULT_SEED).note(i).text).collect();
        assert_eq!(a, b);
        let distinct: std::collections::HashSet<&String> = a.iter().collect();
        assert_eq!(distinct.len(), a.len());
        let md = (0..200).filter(|&i| g.note(i).path.ends_with(".md")).count();
        assert!((60..140).contains(&md), "{md} Markdown notes of 200");
        let bytes: usize = a.iter().map(String::len).sum();
        assert!((2_500..4_500).contains(&(bytes / a.len())), "{} bytes a note", bytes / a.len());
    }

    #[test]
    fn misspellings_are_used() {
        let g = Generator::new(DEFAULT_SEED);
        let text: String = (0..1000).map(|i| g.note(i).text).collect();
        assert!(
            MISSPELLINGS.iter().filter(|(wrong, _)| text.contains(wrong)).count() >= MISSPELLINGS.len() / 2
        );
    }

    #[test]
    fn typos_config_lists_every_misspelling() {
        let config = super::typos_config();
        for (wrong, right) in MISSPELLINGS {
            assert!(config.contains(&format!("{} = \"{}\"", wrong.to_lowercase(), right.to_lowercase())));
        }
    }
}
