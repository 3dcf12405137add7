//! Where analysts work: configuration, drafts against a corpus, baselines,
//! suppressions and fixes, through the command line.

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use common::output as run;

fn tempdir() -> std::path::PathBuf {
    common::tempdir("workflow")
}

fn claimlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

const OLD: &str = "Amazon invested $4 billion in Anthropic.\n";
const CONFLICTING: &str = "Amazon invested $8 billion in Anthropic.\n";

#[test]
fn draft_against_a_corpus_reports_only_what_involves_the_draft() {
    let dir = tempdir();
    fs::create_dir_all(dir.join("notes")).unwrap();
    fs::write(dir.join("notes/old.md"), OLD).unwrap();
    // Two corpus notes that contradict each other, not involving the draft.
    fs::write(dir.join("notes/a.md"), "Google invested $2 billion in Anthropic.\n").unwrap();
    fs::write(dir.join("notes/b.md"), "Google invested $3 billion in Anthropic.\n").unwrap();
    fs::write(dir.join("draft.md"), CONFLICTING).unwrap();
    let (out, _, code) =
        run(claimlint(&dir).args(["check", "draft.md", "--against", "notes/", "--format", "json"]));
    assert_eq!(code, 1, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{out}");
    assert!(findings[0]["message"].as_str().unwrap().contains("Amazon"), "{out}");
    // The same through `corpus` in claimlint.toml.
    fs::write(dir.join("claimlint.toml"), "corpus = [\"notes\"]\n").unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", "draft.md", "--format", "json"]));
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["findings"].as_array().unwrap().len(),
        1
    );
    // A clean draft passes.
    fs::write(dir.join("draft.md"), OLD).unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", "draft.md"]));
    assert_eq!(code, 0, "{out}");
}

#[test]
fn configuration_tunes_rules_and_extends_the_lexicon() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), "Custom silicon like Tranium matters.\n").unwrap();
    let (_, _, code) = run(claimlint(&dir).args(["check", "a.md"]));
    assert_eq!(code, 1);
    fs::write(dir.join("claimlint.toml"), "[rules]\nmisspelled-name = \"warning\"\n").unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", "a.md"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 warning"), "{out}");
    let (_, _, code) = run(claimlint(&dir).args(["check", "a.md", "--no-config"]));
    assert_eq!(code, 1);
    // A user's own names, without recompiling.
    fs::write(
        dir.join("b.md"),
        "Acme Cloud invested $4 billion in Anthropic.\nAcme Cloud invested $9 billion in Anthropic.\n",
    )
    .unwrap();
    fs::write(
        dir.join("claimlint.toml"),
        "[[lexicon.entity]]\nname = \"Acme Cloud\"\nkind = \"cloud\"\naliases = [\"AcmeCloud\"]\n",
    )
    .unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", "b.md"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Acme Cloud"), "{out}");
}

#[test]
fn broken_configuration_points_at_the_key() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), OLD).unwrap();
    fs::write(dir.join("claimlint.toml"), "[rules]\namount-conflicts = \"error\"\n").unwrap();
    let (_, err, code) = run(claimlint(&dir).args(["check", "a.md"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule `amount-conflicts`"), "{err}");
    assert!(err.contains("claimlint.toml:2:1"), "{err}");
    fs::write(dir.join("claimlint.toml"), "corpus = 3\n").unwrap();
    let (_, err, code) = run(claimlint(&dir).args(["check", "a.md"]));
    assert_eq!(code, 2);
    assert!(err.contains("invalid type"), "{err}");
}

#[test]
fn init_writes_a_starter_that_config_show_reads() {
    let dir = tempdir();
    let (out, _, code) = run(claimlint(&dir).arg("init"));
    assert_eq!(code, 0, "{out}");
    assert!(dir.join("claimlint.toml").is_file());
    let (_, err, code) = run(claimlint(&dir).arg("init"));
    assert_eq!(code, 2, "init does not overwrite: {err}");
    let (out, _, code) = run(claimlint(&dir).args(["config", "--show"]));
    assert_eq!(code, 0);
    assert!(out.contains("amount-conflict = \"error\"") && out.contains("tolerance = 0.15"), "{out}");
    // Discovered from a subfolder too.
    fs::create_dir_all(dir.join("sub")).unwrap();
    let (out, _, _) = run(claimlint(&dir.join("sub")).args(["config"]));
    assert!(out.contains("claimlint.toml"), "{out}");
}

#[test]
fn baseline_hides_known_findings_until_a_new_one_appears() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), OLD).unwrap();
    fs::write(dir.join("b.md"), CONFLICTING).unwrap();
    let (_, _, code) = run(claimlint(&dir).args(["check", ".", "--write-baseline", "base.json"]));
    assert_eq!(code, 1);
    let (out, _, code) = run(claimlint(&dir).args(["check", ".", "--baseline", "base.json"]));
    assert_eq!(code, 0, "{out}");
    // Lines moving does not bring it back.
    fs::write(dir.join("a.md"), format!("# Notes\n\nSomething else.\n\n{OLD}")).unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", ".", "--baseline", "base.json"]));
    assert_eq!(code, 0, "{out}");
    fs::write(dir.join("c.md"), "Custom silicon like Tranium matters.\n").unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", ".", "--baseline", "base.json"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Tranium") && !out.contains("amount-conflict"), "{out}");
}

#[test]
fn fix_is_atomic_idempotent_and_diff_writes_nothing() {
    let dir = tempdir();
    let note = "Custom silicon like Tranium matters.\nTranium again.\n";
    fs::write(dir.join("a.md"), note).unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", "a.md", "--diff"]));
    assert_eq!(code, 1);
    assert!(
        out.contains("-Custom silicon like Tranium matters.\n+Custom silicon like Trainium matters."),
        "{out}"
    );
    assert_eq!(fs::read_to_string(dir.join("a.md")).unwrap(), note, "--diff writes nothing");
    let (out, _, code) = run(claimlint(&dir).args(["check", "a.md", "--fix"]));
    assert_eq!(code, 0, "what remains after fixing decides: {out}");
    let fixed = fs::read_to_string(dir.join("a.md")).unwrap();
    assert_eq!(fixed, "Custom silicon like Trainium matters.\nTrainium again.\n");
    let (_, _, code) = run(claimlint(&dir).args(["check", "a.md", "--fix"]));
    assert_eq!(code, 0);
    assert_eq!(fs::read_to_string(dir.join("a.md")).unwrap(), fixed, "a second fix changes nothing");
    let names: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
}

#[test]
fn suppressions_in_markdown_and_plain_text() {
    let dir = tempdir();
    fs::write(
        dir.join("a.md"),
        "<!-- claimlint-disable-next-line misspelled-name -- quoting the CEO -->\nCustom silicon like Tranium matters.\n",
    )
    .unwrap();
    fs::write(dir.join("b.txt"), "claimlint-disable-file misspelled-name\nTranium here.\n").unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", "."]));
    assert_eq!(code, 0, "{out}");
    fs::write(dir.join("c.md"), "<!-- claimlint-disable-next-line amount-conflict -->\nNothing here.\n")
        .unwrap();
    let (out, _, code) = run(claimlint(&dir).args(["check", ".", "--fail-on", "warning"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("unused-suppression"), "{out}");
}
