//! Properties that hold for every input, checked with proptest on random
//! text and on random notes built from the words claimlint cares about.
//! Case counts are modest so `cargo test` stays fast; raise them with
//! `PROPTEST_CASES=10000 cargo test --test properties` for a deeper run.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;

use claimlint::extract::amount::find_amounts;
use claimlint::lexicon::Lexicon;
use claimlint::report::{self, Run, Sources, Summary};
use claimlint::rules::RuleSettings;
use claimlint::source::{Document, Span};

/// Pieces of notes: names (and near misses), verbs, amounts, punctuation,
/// line endings, Markdown and suppression syntax, and text that is not ASCII.
const PIECES: &[&str] = &[
    "Amazon",
    "Anthropic",
    "OpenAI",
    "Microsoft",
    "Google",
    "NVIDIA",
    "Azure",
    "AWS",
    "Trainium",
    "Tranium",
    "Antropic",
    "Microsfot",
    "invested",
    "is investing",
    "will invest",
    "invests",
    "up to",
    "about",
    "more than",
    "$4 billion",
    "$10B",
    "$2.75bn",
    "US$13 billion",
    "$500 million",
    "$10,000 million",
    "billions",
    "in",
    "exclusively",
    "uses",
    "runs on",
    "contingent on",
    "unconditionally",
    "according to",
    "reportedly",
    "the",
    "deal",
    "round",
    "led by",
    "and",
    ",",
    ".",
    ".",
    "?",
    "!",
    "(",
    ")",
    "\"",
    "'",
    "\u{201c}",
    "\u{201d}",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "# ",
    "- ",
    "> ",
    "1. ",
    "`",
    "```\n",
    "**",
    "_",
    "[",
    "](https://x.example)",
    "<div>",
    "</div>",
    "<!-- claimlint-disable-next-line -->\n",
    "<!-- claimlint-disable misspelled-name -->",
    "---\n",
    "date: 2024-05-01\n",
    "\u{e9}",
    "\u{26a1}",
    "\u{feff}",
    "\t",
    "\u{a0}",
    "e.g.",
    "U.S.",
    "Inc.",
    "$",
    "9",
];

/// A note made of 0..80 pieces, joined by spaces or nothing.
fn note() -> impl Strategy<Value = String> {
    prop::collection::vec((select(PIECES), any::<bool>()), 0..80).prop_map(|parts| {
        let mut s = String::new();
        for (piece, space) in parts {
            s.push_str(piece);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

/// Random text: arbitrary Unicode, or a note.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), note(), "[ -~\r\n]{0,400}"]
}

fn inside(text: &str, span: Span) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start() <= span.end() && span.end() <= text.len(),
        "{span} outside {} bytes",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()),
        "{span} splits a char"
    );
    Ok(())
}

/// Line and column of a byte offset, counted independently of `LineIndex`:
/// `\n`, `\r\n` and a lone `\r` end lines; columns count scalar values, and
/// a byte order mark at the start is not one.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let mut line = 1;
    let mut line_start = 0;
    let mut chars = before.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' || (c == '\r' && chars.peek().is_none_or(|&(_, n)| n != '\n')) {
            line += 1;
            line_start = i + 1;
        }
    }
    let mut column = before[line_start..].chars().count() + 1;
    if line == 1 && text.starts_with('\u{feff}') && offset >= 3 {
        column -= 1;
    }
    (line, column)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Extraction never panics, and every span it gives lies inside the
    /// document on character boundaries.
    #[test]
    fn extraction_never_panics_and_spans_are_inside(text in text(), markdown in any::<bool>()) {
        let doc = Document::new(if markdown { "n.md" } else { "n.txt" }, text.as_str());
        let (ex, findings) =
            claimlint::check(std::slice::from_ref(&doc), Lexicon::builtin(), &RuleSettings::default());
        let ex = &ex[0];
        for span in ex.claims.iter().map(|c| c.span)
            .chain(ex.entities.iter().map(|e| e.span))
            .chain(ex.amounts.iter().map(|a| a.span))
            .chain(ex.near_misses.iter().map(|n| n.span))
            .chain(ex.suppressions.iter().flat_map(|s| [s.span, s.covers]))
            .chain(findings.iter().flat_map(|f| f.locations.iter().map(|l| l.span)))
            .chain(findings.iter().filter_map(|f| f.fix.as_ref().map(|x| x.span)))
        {
            inside(&text, span)?;
        }
    }

    /// Every location in the JSON output lies inside its file, on character
    /// boundaries, its text is the file's bytes there, and its line and
    /// column are the ones counted from the start of the file.
    #[test]
    fn json_locations_are_inside_the_file_and_exact(a in note(), b in note(), markdown in any::<bool>()) {
        let ext = if markdown { "md" } else { "txt" };
        let docs = [Document::new(format!("a.{ext}"), a.as_str()), Document::new(format!("b.{ext}"), b.as_str())];
        let (_, findings) = claimlint::check(&docs, Lexicon::builtin(), &RuleSettings::default());
        let run = Run { sources: Sources::new(&docs), findings: &findings, errors: &[], summary: Summary::default() };
        let mut out = Vec::new();
        report::json::write(&run, &mut out).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        for f in json["findings"].as_array().unwrap() {
            for l in f["locations"].as_array().unwrap() {
                let text = if l["path"].as_str().unwrap().starts_with('a') { &a } else { &b };
                let (start, end) = (l["byte_start"].as_u64().unwrap() as usize, l["byte_end"].as_u64().unwrap() as usize);
                inside(text, Span::new(start, end))?;
                prop_assert_eq!(l["text"].as_str().unwrap(), &text[start..end]);
                let at = (l["line"].as_u64().unwrap() as usize, l["column"].as_u64().unwrap() as usize);
                prop_assert_eq!(at, line_col(text, start));
                let end_at = (l["end_line"].as_u64().unwrap() as usize, l["end_column"].as_u64().unwrap() as usize);
                prop_assert_eq!(end_at, line_col(text, end));
            }
        }
    }

    /// The same amount in any notation is the same interval.
    #[test]
    fn amounts_survive_notation_changes(
        tenths in 1u64..100_000,
        qualifier in select(&["", "up to ", "about ", "more than ", "over ", "nearly "][..]),
        spaced in any::<bool>(),
    ) {
        let (whole, tenth) = (tenths / 10, tenths % 10);
        let billions = if tenth == 0 { whole.to_string() } else { format!("{whole}.{tenth}") };
        let millions = group_thousands(tenths * 100);
        let sp = if spaced { " " } else { "" };
        let notations = [
            format!("${billions}B"),
            format!("${billions}{sp}billion"),
            format!("${billions}{sp}bn"),
            format!("US${billions}bn"),
            format!("${millions}{sp}million"),
            format!("${millions}M"),
        ];
        let expected = Decimal::from(tenths) * Decimal::from(100_000_000u64);
        let mut seen = Vec::new();
        for n in &notations {
            let text = format!("Amazon invested {qualifier}{n} in Anthropic.");
            let amounts = find_amounts(&text);
            prop_assert_eq!(amounts.len(), 1, "{}", text);
            let a = &amounts[0];
            prop_assert_eq!(a.value.or(a.min).or(a.max), Some(expected), "{}", text);
            seen.push((a.value, a.min, a.max, a.min_inclusive, a.max_inclusive, a.approximate, a.vague));
        }
        prop_assert!(seen.windows(2).all(|w| w[0] == w[1]), "{:?}", seen);
    }

    /// A fix applied twice equals a fix applied once: once the fixes of a
    /// note are applied, checking it again finds nothing more to fix.
    #[test]
    fn fixing_twice_is_fixing_once(text in note(), markdown in any::<bool>()) {
        let path = if markdown { "n.md" } else { "n.txt" };
        let fix = |text: &str| {
            let doc = Document::new(path, text);
            let (_, findings) =
                claimlint::check(std::slice::from_ref(&doc), Lexicon::builtin(), &RuleSettings::default());
            claimlint::fix::apply(text, &claimlint::fix::fixes_for(&findings, 0))
        };
        let once = fix(&text);
        prop_assert_eq!(fix(&once), once);
    }
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "properties-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn cli_json(dir: &Path, files: &[String], threads: Option<&str>) -> String {
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.current_dir(dir).args(["--no-config", "check", "--format", "json"]).args(files);
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

proptest! {
    // Each case runs the binary three times.
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Naming the files in any order, with one thread or many, gives the
    /// same findings in the same order.
    #[test]
    fn order_of_files_and_threads_do_not_change_the_output(
        notes in prop::collection::vec(note(), 2..6),
        shuffle in any::<prop::sample::Index>(),
    ) {
        let dir = tempdir();
        let mut files = Vec::new();
        for (i, n) in notes.iter().enumerate() {
            let name = format!("{i}.{}", if i % 2 == 0 { "md" } else { "txt" });
            fs::write(dir.join(&name), n).unwrap();
            files.push(name);
        }
        let sorted = cli_json(&dir, &files, None);
        let mut shuffled = files.clone();
        shuffled.rotate_left(shuffle.index(files.len()));
        shuffled.swap(0, files.len() - 1);
        prop_assert_eq!(&cli_json(&dir, &shuffled, None), &sorted);
        prop_assert_eq!(&cli_json(&dir, &shuffled, Some("1")), &sorted);
        fs::remove_dir_all(&dir).unwrap();
    }
}
