//! What large runs do differently: the claims cache of pre-commit runs,
//! findings with very many mentions, and notes read again to be shown.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::output as run;
use serde_json::Value;

fn claimlint(dir: &Path) -> Command {
    let mut cmd = common::claimlint();
    cmd.current_dir(dir);
    cmd
}

const LABS: &[&str] = &["Anthropic", "OpenAI", "Mistral AI", "Cohere", "xAI"];

/// A notes folder of `n` notes (a corpus big enough to be cached) and a
/// draft that contradicts one of them.
fn repository(n: usize) -> PathBuf {
    notes_in(&common::tempdir("scale"), n)
}

/// `n` notes and a draft in `dir`, made a git repository (a `.git` folder
/// is all claimlint looks for), so that the cache goes in `dir`.
fn notes_in(dir: &Path, n: usize) -> PathBuf {
    let dir = dir.to_path_buf();
    fs::create_dir_all(dir.join(".git")).unwrap();
    let corpus = dir.join("notes");
    fs::create_dir_all(&corpus).unwrap();
    for i in 0..n {
        let lab = LABS[i % LABS.len()];
        let text = format!(
            "# Note {i}\n\nGoogle invested ${} billion in {lab} in {}. {lab} uses Google Cloud TPUs.\n",
            i % LABS.len() + 1,
            2020 + i / LABS.len()
        );
        fs::write(corpus.join(format!("{i:04}.md")), text).unwrap();
    }
    fs::write(corpus.join("0000.md"), "Amazon invested $4 billion in Anthropic.\n").unwrap();
    fs::write(dir.join("draft.md"), "Amazon invested $8 billion in Anthropic. Tranium chips.\n").unwrap();
    dir
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = fs::read_dir(dir.join(".claimlint-cache")) else { return Vec::new() };
    let mut files: Vec<PathBuf> = read
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("claims-"))
        .collect();
    files.sort();
    files
}

fn check_draft(dir: &Path, extra: &[&str]) -> (Value, i32) {
    let (out, err, code) =
        run(claimlint(dir).args(["check", "draft.md", "--against", "notes", "--format", "json"]).args(extra));
    assert!(err.is_empty(), "{err}");
    (serde_json::from_str(&out).unwrap(), code)
}

#[test]
fn a_warm_cache_gives_the_same_findings() {
    let dir = repository(120);
    let (cold, code) = check_draft(&dir, &[]);
    assert_eq!(code, 1);
    assert_eq!(cold["summary"]["files"], 121);
    let rules: Vec<&str> =
        cold["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["amount-conflict", "misspelled-name"], "{cold:#}");
    let files = cache_files(&dir);
    assert_eq!(files.len(), 1, "one cache file");
    assert!(dir.join(".claimlint-cache/.gitignore").exists());
    let (warm, _) = check_draft(&dir, &[]);
    assert_eq!(warm, cold);
    // Editing the draft is seen at once, whatever the cache holds.
    fs::write(dir.join("draft.md"), "Amazon invested $4 billion in Anthropic.\n").unwrap();
    let (edited, code) = check_draft(&dir, &[]);
    assert_eq!((code, edited["findings"].as_array().unwrap().len()), (0, 0), "{edited:#}");
    // And so is editing a note of the corpus.
    fs::write(dir.join("notes/0000.md"), "Amazon invested $5 billion in Anthropic.\n").unwrap();
    let (corpus_edited, code) = check_draft(&dir, &[]);
    assert_eq!(code, 1, "{corpus_edited:#}");
    assert!(corpus_edited["findings"][0]["message"].as_str().unwrap().contains("$5B"), "{corpus_edited:#}");
}

#[test]
fn another_build_of_the_same_source_shares_the_cache() {
    let dir = repository(120);
    let (cold, _) = check_draft(&dir, &[]);
    let files = cache_files(&dir);
    assert_eq!(files.len(), 1);
    let written = fs::metadata(&files[0]).unwrap().modified().unwrap();
    // Another copy of the same build, as the pre-commit hook's build is to
    // the user's: another path, another modification time.
    let copy = dir.join("claimlint-copy");
    fs::copy(assert_cmd::cargo::cargo_bin("claimlint"), &copy).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    fs::File::options().write(true).open(&copy).unwrap().set_modified(later).unwrap();
    // Another test thread may fork while the copy's file is still open for
    // writing here; the child then holds it and exec fails with "Text file
    // busy" until that child execs in turn. Try again briefly.
    let out = (0..50)
        .find_map(|_| {
            match std::process::Command::new(&copy)
                .current_dir(&dir)
                .args(["check", "draft.md", "--against", "notes", "--format", "json"])
                .output()
            {
                Ok(out) => Some(out),
                Err(e) if e.raw_os_error() == Some(26) => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    None
                }
                Err(e) => panic!("{e}"),
            }
        })
        .expect("the copy runs");
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap(), cold);
    // Every note was found in the cache: nothing was added, so the file was
    // neither replaced by another key's nor rewritten.
    assert_eq!(cache_files(&dir), files);
    assert_eq!(fs::metadata(&files[0]).unwrap().modified().unwrap(), written);
}

#[test]
fn the_cache_goes_where_the_project_is_never_where_the_user_stands() {
    let dir = repository(120);
    // From a subfolder of the repository: at its root.
    let (out, err, code) =
        run(claimlint(&dir.join("notes")).args(["check", "../draft.md", "--against", ".", "-q"]));
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(cache_files(&dir).len(), 1);
    assert!(!dir.join("notes/.claimlint-cache").exists());
    // Beside the configuration, which wins over the repository.
    fs::write(dir.join("notes/claimlint.toml"), "").unwrap();
    run(claimlint(&dir.join("notes")).args(["check", "../draft.md", "--against", ".", "-q"]));
    assert_eq!(cache_files(&dir.join("notes")).len(), 1);
    // --cache-dir wins over both.
    run(claimlint(&dir.join("notes")).args([
        "check",
        "../draft.md",
        "--against",
        ".",
        "--cache-dir",
        "../c",
    ]));
    assert!(dir.join("c/.gitignore").exists() && dir.join("c/CACHEDIR.TAG").exists());
    assert_eq!(fs::read_dir(dir.join("c")).unwrap().count(), 3, "the markers and one cache file");
    // Outside any repository and without a configuration: nowhere, unless
    // asked. (Tests' folders are inside this repository: use the system's.)
    let outside = std::env::temp_dir().join(format!("claimlint-no-project-{}", std::process::id()));
    let _ = fs::remove_dir_all(&outside);
    notes_in(&outside, 120);
    fs::remove_dir(outside.join(".git")).unwrap();
    let (out, err, code) = run(claimlint(&outside).args(["check", "draft.md", "--against", "notes", "-q"]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(!outside.join(".claimlint-cache").exists() && !outside.join("notes/.claimlint-cache").exists());
    fs::remove_dir_all(&outside).unwrap();
}

#[test]
fn an_interrupted_first_run_leaves_nothing_for_git_and_is_cleaned_up() {
    let dir = repository(120);
    let git =
        |args: &[&str]| std::process::Command::new("git").current_dir(&dir).args(args).output().unwrap();
    fs::remove_dir(dir.join(".git")).unwrap();
    assert!(git(&["init", "-q"]).status.success());
    // What Ctrl-C during a first run left before the markers came first: a
    // temporary file and no .gitignore.
    let cache = dir.join(".claimlint-cache");
    fs::create_dir(&cache).unwrap();
    let left = cache.join(".tmp-x");
    fs::write(&left, "half a cache").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    fs::File::options().write(true).open(&left).unwrap().set_modified(two_hours_ago).unwrap();
    let (cold, _) = check_draft(&dir, &[]);
    assert_eq!(cold["summary"]["files"], 121);
    assert!(!left.exists(), "the leftover is removed");
    assert!(fs::read_to_string(cache.join(".gitignore")).unwrap().lines().any(|l| l == "*"));
    assert!(
        fs::read_to_string(cache.join("CACHEDIR.TAG"))
            .unwrap()
            .starts_with("Signature: 8a477f597d28d172789f06886806bc55\n")
    );
    let status = String::from_utf8(git(&["status", "--porcelain", "--untracked-files=all"]).stdout).unwrap();
    assert!(!status.contains(".claimlint-cache"), "{status}");
}

#[test]
fn no_cache_and_small_runs_leave_no_cache() {
    let dir = repository(120);
    let (with, _) = check_draft(&dir, &["--no-cache"]);
    assert!(cache_files(&dir).is_empty());
    assert!(!dir.join(".claimlint-cache").exists());
    let (out, _, code) = run(claimlint(&dir).args(["check", "draft.md", "notes/0001.md"]));
    assert_eq!(code, 1, "{out}");
    assert!(!dir.join(".claimlint-cache").exists(), "two notes are not worth a cache");
    let (without, _) = check_draft(&dir, &[]);
    assert_eq!(with, without);
}

#[test]
fn a_damaged_cache_is_rebuilt_not_trusted() {
    let dir = repository(120);
    let (cold, _) = check_draft(&dir, &[]);
    let file = cache_files(&dir).pop().unwrap();
    let good = fs::read(&file).unwrap();
    // Cut short, one flipped byte in the middle, and garbage.
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x55;
    for damaged in [good[..good.len() / 3].to_vec(), flipped, b"not a cache".to_vec()] {
        fs::write(&file, &damaged).unwrap();
        let (again, _) = check_draft(&dir, &[]);
        assert_eq!(again, cold);
    }
    assert_eq!(cache_files(&dir).len(), 1);
}

#[test]
fn runs_sharing_a_cache_at_once_agree() {
    let dir = repository(150);
    let bin = assert_cmd::cargo::cargo_bin("claimlint");
    let spawn = || {
        std::process::Command::new(&bin)
            .current_dir(&dir)
            .args(["check", "draft.md", "--against", "notes", "--format", "json"])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let runs: Vec<_> = (0..4).map(|_| spawn()).collect();
    let outputs: Vec<Value> = runs
        .into_iter()
        .map(|c| serde_json::from_slice(&c.wait_with_output().unwrap().stdout).unwrap())
        .collect();
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
    let (after, _) = check_draft(&dir, &[]);
    assert_eq!(after, outputs[0]);
    let leftovers: Vec<_> = fs::read_dir(dir.join(".claimlint-cache"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_finding_lists_ten_mentions_per_side_and_counts_the_rest() {
    let dir = common::tempdir("scale-cap");
    fs::write(dir.join("a.md"), "Amazon is investing up to $10 billion in OpenAI.\n").unwrap();
    for i in 0..25 {
        fs::write(dir.join(format!("b{i:02}.md")), "Amazon is investing $50 billion in OpenAI.\n").unwrap();
    }
    let (out, _, code) = run(claimlint(&dir).args(["check", ".", "--format", "json"]));
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&out).unwrap();
    let finding = &json["findings"][0];
    assert!(finding["message"].as_str().unwrap().contains("(25 mentions)"), "{finding:#}");
    let paths: Vec<&str> =
        finding["locations"].as_array().unwrap().iter().map(|l| l["path"].as_str().unwrap()).collect();
    assert_eq!(paths.len(), 11, "{paths:?}");
    assert_eq!(paths[0], "a.md", "the lone side is kept");
    assert_eq!(finding["omitted_locations"], 15);
    let (human, _, _) = run(claimlint(&dir).args(["check", "."]));
    assert!(human.contains("15 more mentions are not listed"), "{human}");
    // Checking one of the many against the others keeps its own mention.
    let (out, _, _) = run(claimlint(&dir).args(["check", "b24.md", "--against", ".", "--format", "json"]));
    let json: Value = serde_json::from_str(&out).unwrap();
    let paths: Vec<&str> = json["findings"][0]["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"b24.md") && paths.contains(&"a.md"), "{paths:?}");
}

#[test]
fn a_draft_against_a_large_corpus_shows_its_side_and_the_newest_ten_of_the_others() {
    let dir = common::tempdir("scale-draft-cap");
    fs::create_dir_all(dir.join("notes")).unwrap();
    // One older note on a third side, then 40 newer notes on a second.
    fs::write(
        dir.join("notes/old.md"),
        "---\ndate: 2025-01-15\n---\n\nAmazon is investing $20 billion in OpenAI.\n",
    )
    .unwrap();
    for i in 0..40 {
        let text = format!(
            "---\ndate: 2025-{:02}-{:02}\n---\n\nAmazon is investing $50 billion in OpenAI.\n",
            2 + i / 28,
            1 + i % 28
        );
        fs::write(dir.join(format!("notes/n{i:02}.md")), text).unwrap();
    }
    let draft = "---\ndate: 2025-06-01\n---\n\nAmazon is investing $10 billion in OpenAI.\n\nAmazon's $10 billion for OpenAI is its largest cheque.\n";
    fs::write(dir.join("draft.md"), draft).unwrap();
    let (out, _, code) = run(claimlint(&dir).args([
        "check",
        "draft.md",
        "--against",
        "notes",
        "--format",
        "json",
        "--no-cache",
    ]));
    assert_eq!(code, 1, "{out}");
    let json: Value = serde_json::from_str(&out).unwrap();
    let finding = &json["findings"][0];
    let paths: Vec<&str> =
        finding["locations"].as_array().unwrap().iter().map(|l| l["path"].as_str().unwrap()).collect();
    // The draft's side whole and first; the lone old side kept; then the
    // newest of the 40.
    assert_eq!(paths[..2], ["draft.md", "draft.md"]);
    assert!(paths.contains(&"notes/old.md"), "{paths:?}");
    let others: Vec<&&str> = paths.iter().filter(|p| p.starts_with("notes/")).collect();
    assert_eq!(others.len(), 10, "{paths:?}");
    assert!(paths.contains(&"notes/n39.md") && !paths.contains(&"notes/n00.md"), "{paths:?}");
    assert_eq!(finding["omitted_locations"], 31);
    // The message still counts every mention.
    assert!(finding["message"].as_str().unwrap().contains("(40 mentions)"), "{finding:#}");
}

#[test]
fn a_note_changed_since_its_claims_were_read_is_reported() {
    let dir = common::tempdir("scale-changed");
    fs::write(dir.join("a.md"), "Amazon invested $4 billion in Anthropic.\n").unwrap();
    fs::write(dir.join("b.md"), "Amazon invested $8 billion in Anthropic.\n").unwrap();
    let (claims, _, code) = run(claimlint(&dir).args(["extract", "--format", "claims", "."]));
    assert_eq!(code, 0);
    fs::write(dir.join("claims.jsonl"), claims).unwrap();
    fs::write(dir.join("b.md"), "Since then: Amazon invested $8 billion in Anthropic.\n").unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", "--claims", "claims.jsonl", "--format", "json"]));
    assert_eq!(code, 2, "{out}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["errors"][0]["path"], "b.md");
    assert_eq!(
        json["errors"][0]["message"],
        "b.md: changed since it was read; its findings are shown without its text"
    );
    assert_eq!(json["findings"][0]["rule"], "amount-conflict", "the finding itself stands");
}
