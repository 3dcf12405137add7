//! What a pre-commit hook and a CI job need from the command line: findings
//! anchored on the note being changed, paths as the user names them,
//! baselines that hold, a report alone on stdout (or in a file), notes on
//! stdin, one-line and GitLab formats, and no silent success on nothing.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use common::output as run;
use serde_json::Value;

fn tempdir() -> std::path::PathBuf {
    common::tempdir("hook-and-ci")
}

fn claimlint(dir: &Path) -> Command {
    let mut cmd = common::claimlint();
    cmd.current_dir(dir);
    cmd
}

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

const EXCLUSIVE: &str = "OpenAI's models run exclusively on Microsoft Azure.\n";
const RIVAL: &str = "OpenAI trains its next models on Amazon's Trainium chips.\n";

/// A notes folder with an old note and a draft that contradicts it.
fn draft_and_notes(draft: &str) -> std::path::PathBuf {
    let dir = tempdir();
    fs::create_dir_all(dir.join("notes")).unwrap();
    fs::write(dir.join("notes/old.md"), EXCLUSIVE).unwrap();
    fs::write(dir.join("notes/other.md"), "Nothing to see.\n").unwrap();
    fs::write(dir.join("draft.md"), draft).unwrap();
    dir
}

#[test]
fn a_conflict_a_draft_introduces_is_anchored_on_the_draft_in_every_format() {
    let dir = draft_and_notes(RIVAL);
    let against = ["check", "draft.md", "--against", "notes/"];
    let (out, _, code) = run(claimlint(&dir).args(against).args(["--format", "github"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("::error file=draft.md,line=1,"), "{out}");
    assert!(out.contains("also at notes/old.md:1:"), "{out}");
    let (out, _, _) = run(claimlint(&dir).args(against).args(["--format", "json"]));
    let finding = &json(&out)["findings"][0];
    assert_eq!(finding["rule"], "exclusivity-conflict");
    assert_eq!(finding["locations"][0]["path"], "draft.md", "{out}");
    let (out, _, _) = run(claimlint(&dir).args(against).args(["--format", "sarif"]));
    let result = &json(&out)["runs"][0]["results"][0];
    assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "draft.md");
    let (out, _, _) = run(claimlint(&dir).args(against).args(["--format", "concise"]));
    assert!(out.starts_with("draft.md:1:"), "{out}");
    // People see the draft's lines first, the old note under "also in".
    let (out, _, _) = run(claimlint(&dir).args(against));
    let draft = out.find("draft.md:1:").expect("the draft is shown");
    let old = out.find("also in notes/old.md").expect("the old note is shown after");
    assert!(draft < old, "{out}");
    // Checking everything, the claim of exclusivity comes first, as before.
    let (out, _, _) = run(claimlint(&dir).args(["check", "notes/", "draft.md", "--format", "json"]));
    assert_eq!(json(&out)["findings"][0]["locations"][0]["path"], "notes/old.md", "{out}");
}

#[test]
fn a_corpus_from_the_configuration_is_shown_relative_to_the_current_folder() {
    let dir = draft_and_notes(RIVAL);
    fs::write(dir.join("claimlint.toml"), "corpus = [\"notes\"]\n").unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", "draft.md", "--format", "github"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("also at notes/old.md:1:"), "{out}");
    let (out, _, _) = run(claimlint(&dir).args(["check", "draft.md", "--format", "sarif"]));
    let log = json(&out);
    let uris: Vec<&str> = log["runs"][0]["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["location"]["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris, ["draft.md", "notes/old.md", "notes/other.md"]);
    // From a subfolder, the same notes are `../notes/…`.
    fs::create_dir_all(dir.join("drafts")).unwrap();
    fs::write(dir.join("drafts/d.md"), RIVAL).unwrap();
    let (out, _, _) = run(claimlint(&dir.join("drafts")).args(["check", "d.md", "--format", "concise"]));
    assert!(out.starts_with("d.md:1:") && out.contains("also at ../notes/old.md:1:"), "{out}");
    // And with no path named, the corpus itself is checked, shown the same way.
    let (out, _, _) = run(claimlint(&dir.join("drafts")).args(["check", "--format", "concise"]));
    assert!(!out.contains(&*dir.to_string_lossy()), "{out}");
}

const OLD: &str = "Amazon invested $4 billion in Anthropic.\n";
const NEW: &str = "Amazon invested $8 billion in Anthropic.\n";

#[test]
fn a_baselined_conflict_does_not_block_a_note_that_agrees_with_one_side() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), OLD).unwrap();
    fs::write(dir.join("b.md"), NEW).unwrap();
    let (_, _, code) = run(claimlint(&dir).args(["check", ".", "--write-baseline", "base.json"]));
    assert_eq!(code, 1);
    // Agreeing with either side changes the mention counts in the message,
    // not the conflict.
    fs::write(dir.join("c.md"), NEW).unwrap();
    fs::write(dir.join("d.md"), OLD).unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", ".", "--baseline", "base.json"]));
    assert_eq!(code, 0, "{out}");
    // The pre-commit way: the agreeing draft against the others.
    let (out, _, code) =
        run(claimlint(&dir).args(["check", "c.md", "--default-corpus", ".", "--baseline", "base.json"]));
    assert_eq!(code, 0, "{out}");
    // A new distinct value is a new conflict.
    fs::write(dir.join("e.md"), "Amazon invested $9 billion in Anthropic.\n").unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", ".", "--baseline", "base.json"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("$9B"), "{out}");
}

#[test]
fn a_baseline_counts_each_notes_findings_and_reports_the_excess() {
    let dir = tempdir();
    fs::write(dir.join("b.txt"), "Custom silicon like Tranium matters.\n").unwrap();
    let (_, _, code) = run(claimlint(&dir).args(["check", ".", "--write-baseline", "base.json"]));
    assert_eq!(code, 1);
    let (_, _, code) = run(claimlint(&dir).args(["check", ".", "--baseline", "base.json"]));
    assert_eq!(code, 0);
    // A second copy in the same note is new.
    fs::write(dir.join("b.txt"), "Custom silicon like Tranium matters.\nTranium again.\n").unwrap();
    let (out, _, code) =
        run(claimlint(&dir).args(["check", ".", "--baseline", "base.json", "--format", "concise"]));
    assert_eq!(code, 1, "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("b.txt:2:1: misspelled-name"), "{out}");
    // So is the same word in another note.
    fs::write(dir.join("b.txt"), "Custom silicon like Tranium matters.\n").unwrap();
    fs::write(dir.join("c.txt"), "Tranium.\n").unwrap();
    let (out, _, _) =
        run(claimlint(&dir).args(["check", ".", "--baseline", "base.json", "--format", "concise"]));
    assert!(out.starts_with("c.txt:1:1: misspelled-name") && out.lines().count() == 1, "{out}");
}

#[test]
fn written_baselines_are_stable_and_sorted() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), OLD).unwrap();
    fs::write(dir.join("b.md"), format!("{NEW}Custom silicon like Tranium matters.\n")).unwrap();
    fs::write(dir.join("c.md"), "Tranium and Tranium.\n").unwrap();
    run(claimlint(&dir).args(["check", ".", "--write-baseline", "one.json"]));
    run(claimlint(&dir).args(["check", "c.md", "b.md", "a.md", "-j", "1", "--write-baseline", "two.json"]));
    let one = fs::read_to_string(dir.join("one.json")).unwrap();
    assert_eq!(one, fs::read_to_string(dir.join("two.json")).unwrap());
    let base = json(&one);
    assert_eq!(base["version"], 2);
    let entries: Vec<(String, Option<String>, u64)> = base["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["rule"].as_str().unwrap().to_owned(),
                e["path"].as_str().map(str::to_owned),
                e["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("amount-conflict".to_owned(), None, 1),
            ("misspelled-name".to_owned(), Some("b.md".to_owned()), 1),
            ("misspelled-name".to_owned(), Some("c.md".to_owned()), 2),
        ]
    );
    assert!(!one.contains("mentions"), "no counts in an identity: {one}");
}

#[test]
fn diff_puts_the_patch_alone_on_stdout_and_git_applies_it() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), "Custom silicon like Tranium matters.\n").unwrap();
    fs::write(dir.join("b.md"), format!("{OLD}{NEW}")).unwrap();
    let (out, err, code) = run(claimlint(&dir).args(["check", ".", "--diff", "--format", "json"]));
    assert_eq!(code, 1);
    assert!(out.starts_with("--- a/a.md\n+++ b/a.md\n"), "{out}");
    assert!(!out.contains("amount-conflict"), "{out}");
    assert_eq!(err, "claimlint: would fix 1 misspelling in 1 note; 1 finding would remain\n");
    fs::write(dir.join("fix.patch"), &out).unwrap();
    let git = |args: &[&str]| Process::new("git").current_dir(&dir).args(args).output().unwrap();
    assert!(git(&["init", "-q"]).status.success());
    let check = git(&["apply", "--check", "fix.patch"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    // The report can still be had, in a file.
    let (out, _, _) =
        run(claimlint(&dir).args(["check", ".", "--diff", "--format", "json", "--output-file", "r.json"]));
    assert!(out.starts_with("--- a/a.md"), "{out}");
    assert_eq!(
        json(&fs::read_to_string(dir.join("r.json")).unwrap())["findings"].as_array().unwrap().len(),
        2
    );
}

#[test]
fn fix_says_what_it_did() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), "Custom silicon like Tranium matters.\nTranium again.\n").unwrap();
    fs::write(dir.join("b.md"), format!("{OLD}{NEW}")).unwrap();
    let (_, err, code) = run(claimlint(&dir).args(["check", ".", "--fix"]));
    assert_eq!(code, 1);
    assert_eq!(err, "claimlint: fixed 2 misspellings in 1 note; 1 finding remains\n");
    let (_, err, _) = run(claimlint(&dir).args(["check", ".", "--fix"]));
    assert_eq!(err, "claimlint: nothing to fix; 1 finding remains\n");
}

#[test]
fn every_format_can_be_written_to_a_file() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), format!("{OLD}{NEW}")).unwrap();
    for format in ["human", "json", "sarif", "github", "concise", "gitlab", "markdown", "html"] {
        let file = format!("report-{format}");
        let (out, _, code) = run(claimlint(&dir).args(["check", "a.md", "--format", format, "-o", &file]));
        assert_eq!(code, 1, "{format}");
        assert_eq!(out, "", "{format}: stdout must stay empty");
        let written = fs::read_to_string(dir.join(&file)).unwrap();
        assert!(written.contains("amount-conflict"), "{format}: {written}");
        // The same bytes as on stdout.
        let (stdout, _, _) = run(claimlint(&dir).args(["check", "a.md", "--format", format]));
        assert_eq!(written, stdout, "{format}");
    }
    let (_, err, code) = run(claimlint(&dir).args(["check", "a.md", "-o", "missing/dir/r.txt"]));
    assert_eq!(code, 2);
    assert!(err.contains("cannot write missing/dir/r.txt"), "{err}");
}

#[test]
fn a_note_on_stdin_is_checked_as_the_file_it_stands_for() {
    let dir = draft_and_notes(EXCLUSIVE);
    // The buffer of draft.md, not the file on disk, against the notes.
    let (out, _, code) = run(claimlint(&dir)
        .args(["check", "-", "--stdin-filename", "draft.md", "--against", "notes/", "--format", "concise"])
        .write_stdin(RIVAL));
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("draft.md:1:") && out.contains("exclusivity-conflict"), "{out}");
    // A corpus note that the buffer stands for is not also read from disk.
    fs::write(dir.join("notes/old.md"), "Custom silicon like Tranium matters.\n").unwrap();
    let (out, _, code) = run(claimlint(&dir)
        .args([
            "check",
            "-",
            "--stdin-filename",
            "notes/old.md",
            "--against",
            "notes/",
            "--format",
            "concise",
        ])
        .write_stdin("Custom silicon like Trainium matters.\n"));
    assert_eq!(code, 0, "{out}");
    // Without a name it is `<stdin>`; Markdown or not by the name.
    let (out, _, _) =
        run(claimlint(&dir).args(["check", "-", "--format", "concise"]).write_stdin("Tranium.\n"));
    assert!(out.starts_with("<stdin>:1:1: misspelled-name"), "{out}");
    // --diff works on it; --fix cannot rewrite it.
    let (out, _, _) = run(claimlint(&dir)
        .args(["check", "-", "--stdin-filename", "x.md", "--diff"])
        .write_stdin("Tranium.\n"));
    assert!(out.contains("+Trainium."), "{out}");
    let (_, err, code) = run(claimlint(&dir).args(["check", "-", "--fix"]).write_stdin("Tranium.\n"));
    assert_eq!(code, 2);
    assert!(err.contains("--fix cannot rewrite standard input"), "{err}");
    // Bad bytes on stdin are a clear error, as in a file.
    let (_, err, code) = run(claimlint(&dir).args(["check", "-"]).write_stdin(vec![b'a', 0xFF]));
    assert_eq!(code, 2);
    assert!(err.contains("<stdin>: not valid UTF-8"), "{err}");
}

#[test]
fn concise_is_one_line_per_finding() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), format!("Tranium.\n{OLD}")).unwrap();
    fs::write(dir.join("b.md"), NEW).unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", ".", "--format", "concise"]));
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("a.md:1:1: misspelled-name `Tranium` looks like a misspelling"), "{out}");
    assert!(lines[1].starts_with("a.md:2:") && lines[1].contains(" amount-conflict "), "{out}");
    assert!(lines[1].ends_with("(also at b.md:1:17)"), "{out}");
}

#[test]
fn gitlab_code_quality_issues_have_what_gitlab_requires() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), format!("Tranium.\n{OLD}Tranium.\n")).unwrap();
    fs::write(dir.join("b.md"), NEW).unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", ".", "--format", "gitlab"]));
    assert_eq!(code, 1);
    let issues = json(&out);
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 3, "{out}");
    let mut fingerprints = std::collections::HashSet::new();
    for issue in issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key} in {issue}");
        }
        assert!(
            ["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().unwrap())
        );
        assert!(issue["location"]["path"].is_string() && issue["location"]["lines"]["begin"].is_u64());
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_owned()), "unique: {out}");
    }
    assert_eq!(issues[0]["location"]["path"], "a.md");
    assert_eq!(issues[0]["location"]["lines"]["begin"], 1);
    // Stable across runs.
    let (again, _, _) = run(claimlint(&dir).args(["check", ".", "--format", "gitlab"]));
    assert_eq!(out, again);
}

#[test]
fn nothing_to_check_is_not_success() {
    let dir = tempdir();
    fs::create_dir_all(dir.join("notes")).unwrap();
    let (out, err, code) = run(claimlint(&dir).args(["check", "notes"]));
    assert_eq!((out.as_str(), code), ("", 2));
    assert_eq!(err, "claimlint: warning: no notes found under notes (--allow-empty to accept)\n");
    let (_, _, code) = run(claimlint(&dir).args(["check", "notes", "--allow-empty"]));
    assert_eq!(code, 0);
    // A mistyped folder is an error naming it.
    let (_, err, code) = run(claimlint(&dir).args(["check", "nots"]));
    assert_eq!(code, 2);
    assert!(err.contains("nots"), "{err}");
}
