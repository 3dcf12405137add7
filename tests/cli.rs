//! The command line as users run it: exit codes, and snapshots of the human,
//! JSON and JSON Lines output on the seeds.

mod common;

use assert_cmd::Command;

use common::claimlint;

/// stdout, stderr and the exit code, as one text for a snapshot.
fn run(cmd: &mut Command) -> (String, i32) {
    let out = cmd.output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    (format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}"), code)
}

#[test]
fn check_seeds_human() {
    let (out, code) = run(claimlint().args(["check", "seeds/", "--color", "never"]));
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn check_seeds_json() {
    let (out, code) = run(claimlint().args(["check", "seeds/", "--format", "json"]));
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn demo_is_the_seeds() {
    let demo = claimlint().args(["check", "--demo", "--format", "json"]).output().unwrap();
    let disk = claimlint().args(["check", "seeds/", "--format", "json"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&demo.stdout), String::from_utf8_lossy(&disk.stdout));
}

#[test]
fn extract_mentions_jsonl() {
    let (out, code) = run(claimlint().args([
        "extract",
        "--mentions",
        "tests/fixtures/amount-conflict/up-to-against-fifty.md",
    ]));
    assert_eq!(code, 0);
    for line in out.lines().filter(|l| l.starts_with('{')) {
        serde_json::from_str::<serde_json::Value>(line).expect("every line is JSON");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn rules_and_explain() {
    let (rules, code) = run(claimlint().arg("rules"));
    assert_eq!(code, 0);
    // The severity and summary columns start at the same place on every line.
    let starts: Vec<(usize, usize)> = claimlint::rules::RULES
        .iter()
        .map(|r| {
            let m = r.meta();
            let line = rules.lines().find(|l| l.starts_with(&format!("{} ", m.id))).unwrap();
            let severity = m.id.len() + line[m.id.len()..].find(m.default_severity.as_str()).unwrap();
            (severity, line.find(m.summary).unwrap())
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{starts:?}\n{rules}");
    insta::assert_snapshot!(rules);
    let (explain, code) = run(claimlint().args(["explain", "amount-conflict"]));
    assert_eq!(code, 0);
    assert!(explain.contains("## What it catches") && explain.contains("## Silencing"));
    let (_, code) = run(claimlint().args(["explain", "no-such-rule"]));
    assert_eq!(code, 2);
}

#[test]
fn colour_only_on_a_terminal_or_when_asked() {
    // `NO_COLOR=` (empty) counts as unset (src/terminal.rs tests that), but
    // output into a pipe is never coloured with --color auto either way.
    for no_color in ["", "1"] {
        let out = claimlint().env("NO_COLOR", no_color).args(["check", "seeds/", "--color", "auto"]).output();
        let out = String::from_utf8(out.unwrap().stdout).unwrap();
        assert!(out.contains("amount-conflict") && !out.contains('\x1b'), "NO_COLOR={no_color:?}: {out}");
    }
    let out = claimlint().env("NO_COLOR", "1").args(["check", "seeds/", "--color", "always"]).output();
    assert!(String::from_utf8(out.unwrap().stdout).unwrap().contains('\x1b'), "--color always wins");
}

#[test]
fn help_says_what_extract_writes_and_shows_the_hooks_option() {
    let (help, code) = run(claimlint().args(["extract", "--help"]));
    assert_eq!(code, 0);
    assert!(!help.contains("only JSON Lines"), "{help}");
    assert!(help.contains("jsonl") && help.contains("claims") && help.contains("--trace"), "{help}");
    let (help, code) = run(claimlint().args(["check", "--help"]));
    assert_eq!(code, 0);
    assert!(help.contains("--default-corpus <PATH>") && help.contains("pre-commit hook"), "{help}");
    assert!(help.contains("--cache-dir <DIR>"), "{help}");
}

#[test]
fn the_man_pages_have_exit_status_and_environment() {
    for page in [&["man"][..], &["man", "check"]] {
        let (roff, code) = run(claimlint().args(page));
        assert_eq!(code, 0, "{roff}");
        let exit = roff.find(".SH \"EXIT STATUS\"").expect(&roff);
        let env = roff.find(".SH ENVIRONMENT").expect(&roff);
        let version = roff.find(".SH VERSION").unwrap_or(roff.len());
        assert!(exit < env && env < version, "{roff}");
        for code in ["0", "1", "2"] {
            assert!(roff[exit..env].contains(&format!("\\fB{code}\\fR")), "exit status {code}: {roff}");
        }
        assert!(roff[env..].contains("NO_COLOR") && roff[env..].contains("RAYON_NUM_THREADS"), "{roff}");
    }
}

#[test]
fn extracted_texts_have_no_space_around_them() {
    let dir = tempdir();
    let note = "| Investor | Recipient | Amount | Note |\n|---|---|---|---|\n\
        | Amazon | Anthropic | $4 billion | subject to approval ; unconditional |\n\n\
        Microsoft invested $13 billion in OpenAI , contingent on OpenAI using Azure .\n";
    std::fs::write(dir.join("deals.md"), note).unwrap();
    let out = claimlint().arg("extract").arg(dir.join("deals.md")).output().unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    // Every text and condition value, trimmed; a condition says what it
    // requires (`condition`) apart from the words it was read from (`text`),
    // never two keys of the same name, which a JSON parser would merge.
    let mut texts = Vec::new();
    let mut conditions = Vec::new();
    for line in out.lines() {
        let claim: serde_json::Value = serde_json::from_str(line).unwrap();
        texts.extend(claim["text"].as_str().map(str::to_owned));
        for c in claim["conditions"].as_array().into_iter().flatten() {
            conditions.push(c["condition"].as_str().expect("a condition names what it requires").to_owned());
            texts.push(c["text"].as_str().expect("and the words it was read from").to_owned());
        }
    }
    assert!(texts.iter().any(|t| t == "approval") && texts.len() == 5, "{out}");
    assert!(conditions.iter().any(|c| c.contains("OpenAI")), "{out}");
    for t in texts.iter().chain(&conditions) {
        assert_eq!(t, t.trim(), "{out}");
    }
}

#[test]
fn clean_notes_exit_zero() {
    let dir = tempdir();
    std::fs::write(dir.join("a.md"), "Amazon invested $4 billion in Anthropic.\n").unwrap();
    std::fs::write(dir.join("b.txt"), "Amazon invested $4 billion in Anthropic in total.\n").unwrap();
    let (out, code) = run(claimlint().arg("check").arg(&dir));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 files checked"), "{out}");
}

#[test]
fn fail_on_never_and_warning() {
    let (_, code) = run(claimlint().args(["check", "seeds/", "--fail-on", "never"]));
    assert_eq!(code, 0);
}

#[test]
fn unreadable_input_is_reported_and_the_rest_checked() {
    let dir = tempdir();
    std::fs::write(dir.join("good.md"), "Amazon invested $4 billion in Anthropic.\n").unwrap();
    std::fs::write(dir.join("bad.md"), b"Amazon \xff invested\n").unwrap();
    std::fs::write(dir.join("binary.txt"), b"\0\0\0").unwrap();
    let (out, code) = run(claimlint().arg("check").arg(&dir).arg(dir.join("missing.md")));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("bad.md: not valid UTF-8"), "{out}");
    assert!(out.contains("binary.txt: binary file"), "{out}");
    assert!(out.contains("missing.md"), "{out}");
    assert!(out.contains("1 file checked"), "{out}");
}

#[test]
fn usage_errors_exit_two() {
    let (_, code) = run(claimlint().args(["check", "--format", "yaml"]));
    assert_eq!(code, 2);
}

fn tempdir() -> std::path::PathBuf {
    common::tempdir("cli")
}

#[test]
fn check_on_extracted_claims_equals_check_on_files() {
    let dir = tempdir();
    // Shard the seeds over two extraction runs, as separate machines would.
    for (shard, files) in [
        ("a", &["seeds/000_bb608b4455414188.txt", "seeds/004_9c8d1854f396f8d6.txt"][..]),
        (
            "b",
            &[
                "seeds/001_1da43065bb9a495b.txt",
                "seeds/002_471a74c61799ece3.txt",
                "seeds/003_38496f695f0b3f57.txt",
            ][..],
        ),
    ] {
        let out = claimlint().args(["extract", "--format", "claims"]).args(files).output().unwrap();
        assert!(out.status.success());
        std::fs::write(dir.join(format!("{shard}.jsonl")), out.stdout).unwrap();
    }
    let from_claims = claimlint()
        .args(["check", "--format", "json", "--claims"])
        .arg(dir.join("b.jsonl"))
        .arg(dir.join("a.jsonl"))
        .output()
        .unwrap();
    let from_files = claimlint().args(["check", "seeds/", "--format", "json"]).output().unwrap();
    assert_eq!(from_claims.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&from_claims.stdout), String::from_utf8_lossy(&from_files.stdout));
}

#[test]
fn one_thread_or_many_give_the_same_output() {
    let one = claimlint().args(["check", "seeds/", "--format", "json", "--threads", "1"]).output().unwrap();
    let many = claimlint().args(["check", "seeds/", "--format", "json", "-j", "8"]).output().unwrap();
    assert_eq!(one.stdout, many.stdout);
}

/// The README's JSON example is the output of the command it names, on the
/// notes in `tests/data/readme-example/`.
#[test]
fn the_readme_json_example_is_what_claimlint_prints() {
    let readme = include_str!("../README.md");
    let marker = "<!-- checked: tests/data/readme-example -->\n```json\n";
    let start = readme.find(marker).expect("the README has the checked example") + marker.len();
    let end = start + readme[start..].find("```").unwrap();
    let shown: serde_json::Value = serde_json::from_str(&readme[start..end]).expect("the example is JSON");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/readme-example");
    let out = claimlint()
        .current_dir(dir)
        .args(["check", "a.md", "b.txt", "bad.md", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, shown);
}
