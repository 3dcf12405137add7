//! The machine formats (SARIF, GitHub workflow commands), shell completions
//! and the man page, as users run them. SARIF is validated against the
//! official schema in `tests/data/` (see its README).

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use common::claimlint;

/// stdout and the exit code; stderr may only name files that could not be
/// read (the report carries them too).
fn run(cmd: &mut Command) -> (String, i32) {
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.lines().all(|l| l.starts_with("error: ") || l.starts_with("note: ")), "stderr: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), out.status.code().unwrap_or(-1))
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("data/sarif-2.1.0.json")).expect("the schema is JSON");
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles without fetching anything")
}

/// Parses SARIF output and fails with every schema violation, if any.
fn valid_sarif(text: &str) -> Value {
    let validator = sarif_validator();
    let log: Value = serde_json::from_str(text).expect("SARIF output is JSON");
    let errors: Vec<String> =
        validator.iter_errors(&log).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF output breaks the schema:\n{}", errors.join("\n"));
    log
}

#[test]
fn the_schema_check_is_not_vacuous() {
    let (out, _) = run(claimlint().args(["check", "seeds/", "--format", "sarif"]));
    let mut log: Value = serde_json::from_str(&out).unwrap();
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!sarif_validator().is_valid(&log));
    log["runs"][0]["results"][0]["level"] = "error".into();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    assert!(!sarif_validator().is_valid(&log));
}

#[test]
fn sarif_for_the_seeds_is_valid() {
    let (out, code) = run(claimlint().args(["check", "seeds/", "--format", "sarif"]));
    assert_eq!(code, 1);
    let log = valid_sarif(&out);
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    // Paths are relative to the folder claimlint ran in, which is given.
    let root = &run["originalUriBaseIds"]["%SRCROOT%"]["uri"];
    let expected = format!("file://{}/", env!("CARGO_MANIFEST_DIR"));
    assert_eq!(root.as_str(), Some(expected.as_str()));
    assert_eq!(run["artifacts"][0]["location"]["uriBaseId"], "%SRCROOT%");
    // The text as written (key order kept), with the tool's version and
    // the folder redacted.
    let mut redacted = out.replace(&expected, "file:///[root]/");
    for key in ["version", "semanticVersion"] {
        let from = format!("\"{key}\": \"{}\"", env!("CARGO_PKG_VERSION"));
        redacted = redacted.replace(&from, &format!("\"{key}\": \"[version]\""));
    }
    insta::assert_snapshot!(redacted);
}

#[test]
fn sarif_reports_unreadable_files_as_notifications() {
    let dir = tempdir();
    std::fs::write(dir.join("good.md"), "Amazon invested $4 billion in Anthropic.\n").unwrap();
    std::fs::write(dir.join("bad.md"), b"Amazon \xff invested\n").unwrap();
    let (out, code) = run(claimlint().current_dir(&dir).args(["check", ".", "--format", "sarif"]));
    assert_eq!(code, 2);
    let log = valid_sarif(&out);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert_eq!(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "bad.md");
    assert_eq!(log["runs"][0]["artifacts"][0]["location"]["uri"], "good.md");
}

/// Each result's fingerprint, and its primary line.
fn fingerprints(dir: &Path) -> Vec<(String, u64)> {
    let (out, code) = run(claimlint().current_dir(dir).args(["check", "notes", "--format", "sarif"]));
    assert_eq!(code, 1, "{out}");
    let log = valid_sarif(&out);
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let line = &r["locations"][0]["physicalLocation"]["region"]["startLine"];
            (r["partialFingerprints"]["claimlint/v2"].as_str().unwrap().to_owned(), line.as_u64().unwrap())
        })
        .collect()
}

#[test]
fn fingerprints_survive_unrelated_lines_above_a_finding() {
    let dir = tempdir();
    let notes = dir.join("notes");
    std::fs::create_dir(&notes).unwrap();
    let mut seeds: Vec<PathBuf> = std::fs::read_dir("seeds").unwrap().map(|e| e.unwrap().path()).collect();
    seeds.sort();
    for seed in &seeds {
        std::fs::copy(seed, notes.join(seed.file_name().unwrap())).unwrap();
    }
    let before = fingerprints(&dir);
    assert!(!before.is_empty());

    for seed in &seeds {
        let text = std::fs::read_to_string(seed).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        // Lines in the middle move the findings below them; those at the top move all.
        lines.insert(lines.len() / 2, "\nThe weather was mild that week, and the office was quiet.\n");
        let edited = format!("\n\nA paragraph that claims nothing at all.\n\n{}\n", lines.join("\n"));
        std::fs::write(notes.join(seed.file_name().unwrap()), edited).unwrap();
    }
    let after = fingerprints(&dir);

    let ids = |v: &[(String, u64)]| v.iter().map(|(fp, _)| fp.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&before), ids(&after));
    assert!(before.iter().zip(&after).all(|((_, a), (_, b))| a < b), "every finding moved down");
}

#[test]
fn github_commands_for_the_seeds() {
    let (out, code) = run(claimlint().args(["check", "seeds/", "--format", "github"]));
    assert_eq!(code, 1);
    for line in out.lines() {
        assert!(
            ["::error ", "::warning ", "::notice "].iter().any(|p| line.starts_with(p)),
            "not a workflow command: {line}"
        );
    }
    insta::assert_snapshot!(out);
}

#[test]
fn github_reports_unreadable_files() {
    let dir = tempdir();
    std::fs::write(dir.join("bad.md"), b"Amazon \xff invested\n").unwrap();
    let (out, code) = run(claimlint().current_dir(&dir).args(["check", ".", "--format", "github"]));
    assert_eq!(code, 2);
    assert!(out.starts_with("::error file=bad.md,title=claimlint::bad.md: not valid UTF-8"), "{out}");
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (out, code) = run(claimlint().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}");
        assert!(out.contains("claimlint"), "{shell}: {out}");
        assert!(out.contains("check") && out.contains("explain"), "{shell} completes subcommands");
    }
    let out = claimlint().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_page() {
    let (out, code) = run(claimlint().arg("man"));
    assert_eq!(code, 0);
    assert!(out.contains(".TH claimlint 1"), "{out}");
    assert!(out.contains("check") && out.contains("completions"), "{out}");
    // The subcommand pages the main page refers to.
    let (check, code) = run(claimlint().args(["man", "check"]));
    assert_eq!(code, 0);
    assert!(check.contains(".TH claimlint-check 1") && check.contains("fail\\-on"), "{check}");
    let out = claimlint().args(["man", "no-such-command"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

fn tempdir() -> std::path::PathBuf {
    common::tempdir("formats")
}
