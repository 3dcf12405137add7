//! Never crash, never lose a note: hostile inputs, broken paths and
//! configurations, and faults while fixing. Each test asserts the exact
//! outcome: the exit code, the diagnostic naming the file and its cause, and
//! that the other files were still checked. `docs/reliability.md` lists them.
//!
//! Some faults need care to stage. As root (as tests run here and in CI),
//! `chmod 000` does not deny reads: the permission tests run claimlint as
//! `nobody` (`setpriv`, from util-linux), on files handed to `nobody`, and
//! fail, never skip, if that is impossible. Mounting a small full tmpfs needs
//! the privilege to mount: without it that test prints why it skips.

mod common;

use std::fs;
use std::io::ErrorKind;
use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;

use claimlint::fix::{FixError, write_atomic};
use claimlint::input::{self, InputError};

fn tempdir() -> std::path::PathBuf {
    common::tempdir("reliability")
}

fn claimlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1").arg("--no-config");
    cmd
}

struct Out {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run(cmd: &mut Command) -> Out {
    let out = cmd.output().unwrap();
    Out {
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        code: out.status.code().unwrap_or(-1),
    }
}

/// `check --format json` in `dir` on `args`: the exit code and the document.
fn check_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let out = run(claimlint(dir).arg("check").args(args).args(["--format", "json"]));
    let json = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", out.stdout, out.stderr));
    (out.code, json)
}

fn errors(json: &Value) -> Vec<(String, String)> {
    json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap().to_owned(), e["message"].as_str().unwrap().to_owned()))
        .collect()
}

/// (line, column, byte_start, text) of every location of every finding of `rule`.
fn places(json: &Value, rule: &str) -> Vec<(u64, u64, u64, String)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .flat_map(|f| f["locations"].as_array().unwrap().iter())
        .map(|l| {
            (
                l["line"].as_u64().unwrap(),
                l["column"].as_u64().unwrap(),
                l["byte_start"].as_u64().unwrap(),
                l["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

const CLEAN: &str = "Amazon invested $4 billion in Anthropic.\n";
const MISSPELT: &str = "Custom silicon like Tranium matters.\n";

// ------------------------------------------------------------- encodings

#[test]
fn invalid_utf8_is_an_error_naming_the_byte_and_the_rest_is_checked() {
    let dir = tempdir();
    fs::write(dir.join("good.md"), CLEAN).unwrap();
    fs::write(dir.join("bad.md"), b"Amazon \xff invested\n").unwrap();
    let (code, json) = check_json(&dir, &["."]);
    assert_eq!(code, 2);
    assert_eq!(
        errors(&json),
        [("bad.md".into(), "bad.md: not valid UTF-8 (byte 7 is not part of a UTF-8 character)".into())]
    );
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(json["summary"]["errors"], 1);
}

#[test]
fn utf16_with_or_without_a_byte_order_mark_is_reported_unreadable() {
    let dir = tempdir();
    fs::write(dir.join("good.md"), CLEAN).unwrap();
    let units = || MISSPELT.encode_utf16();
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(units().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(units().flat_map(u16::to_be_bytes)).collect();
    let bare: Vec<u8> = units().flat_map(u16::to_le_bytes).collect();
    fs::write(dir.join("le.md"), le).unwrap();
    fs::write(dir.join("be.md"), be).unwrap();
    fs::write(dir.join("bare.txt"), bare).unwrap();
    let (code, json) = check_json(&dir, &["."]);
    assert_eq!(code, 2, "{json}");
    let errs = errors(&json);
    assert_eq!(errs.len(), 3, "{errs:?}");
    for (path, message) in &errs {
        assert_eq!(message, &format!("{path}: UTF-16 text is not supported; save the file as UTF-8"));
    }
    assert_eq!(json["summary"]["files"], 1);
}

#[test]
fn a_utf8_byte_order_mark_is_read_and_kept_by_fixes() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), format!("\u{feff}Tranium first.\n{MISSPELT}")).unwrap();
    let (code, json) = check_json(&dir, &["a.md"]);
    assert_eq!(code, 1);
    // Columns as an editor shows them (the mark is not one); bytes as on disk.
    assert_eq!(
        places(&json, "misspelled-name"),
        [(1, 1, 3, "Tranium".into()), (2, 21, 38, "Tranium".into())]
    );
    let out = run(claimlint(&dir).args(["check", "a.md", "--fix"]));
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(
        fs::read_to_string(dir.join("a.md")).unwrap(),
        "\u{feff}Trainium first.\nCustom silicon like Trainium matters.\n"
    );
}

#[test]
fn crlf_and_lone_cr_give_exact_lines_and_columns_and_fixes_keep_them() {
    let dir = tempdir();
    let crlf = "First line.\r\nSecond Tranium.\r\n\r\nThird \u{e9} Tranium.\r\n";
    let cr = crlf.replace("\r\n", "\r");
    fs::write(dir.join("crlf.txt"), crlf).unwrap();
    fs::write(dir.join("cr.txt"), &cr).unwrap();
    fs::write(dir.join("cr.md"), cr.replace("Third", "- Third")).unwrap();
    let (code, json) = check_json(&dir, &["crlf.txt"]);
    assert_eq!(code, 1);
    assert_eq!(
        places(&json, "misspelled-name"),
        [(2, 8, 20, "Tranium".into()), (4, 9, 41, "Tranium".into())]
    );
    let (_, json) = check_json(&dir, &["cr.txt"]);
    assert_eq!(
        places(&json, "misspelled-name"),
        [(2, 8, 19, "Tranium".into()), (4, 9, 38, "Tranium".into())]
    );
    let (_, json) = check_json(&dir, &["cr.md"]);
    assert_eq!(
        places(&json, "misspelled-name"),
        [(2, 8, 19, "Tranium".into()), (4, 11, 40, "Tranium".into())]
    );
    let out = run(claimlint(&dir).args(["check", "crlf.txt", "cr.txt", "--fix"]));
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(
        fs::read_to_string(dir.join("crlf.txt")).unwrap(),
        "First line.\r\nSecond Trainium.\r\n\r\nThird \u{e9} Trainium.\r\n"
    );
    assert_eq!(
        fs::read_to_string(dir.join("cr.txt")).unwrap(),
        "First line.\rSecond Trainium.\r\rThird \u{e9} Trainium.\r"
    );
}

#[test]
fn binary_files_are_skipped_with_a_note_and_do_not_change_the_exit_code() {
    let dir = tempdir();
    fs::write(dir.join("good.md"), CLEAN).unwrap();
    fs::write(dir.join("image.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0").unwrap();
    fs::write(dir.join("nul.txt"), b"Tranium\0").unwrap();
    let out = run(claimlint(&dir).args(["check", "."]));
    assert_eq!(out.code, 0, "{}", out.stdout);
    // Notes about files go to stderr; stdout is the report alone.
    assert!(!out.stdout.contains("note:"), "{}", out.stdout);
    assert!(
        out.stderr.contains("note: image.md: binary file (contains NUL bytes), skipped"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("note: nul.txt: binary file (contains NUL bytes), skipped"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("1 file checked"), "{}", out.stdout);
    assert!(!out.stdout.contains("could not be read"), "{}", out.stdout);
}

#[test]
fn empty_and_whitespace_only_files_are_checked_and_clean() {
    let dir = tempdir();
    fs::write(dir.join("empty.md"), "").unwrap();
    fs::write(dir.join("blank.txt"), " \n\t\r\n  \r \u{a0}\u{3000}\n").unwrap();
    fs::write(dir.join("bom.md"), "\u{feff}").unwrap();
    let (code, json) = check_json(&dir, &["."]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["summary"]["files"], 3);
    assert_eq!(json["summary"]["findings"], 0);
    let out = run(claimlint(&dir).args(["extract", ".", "--mentions"]));
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));
}

// ---------------------------------------------------------------- Markdown

#[test]
fn deeply_nested_markdown_does_not_overflow_the_stack() {
    let dir = tempdir();
    const N: usize = 10_000;
    let cases = [
        ("lists.md", format!("{}Tranium\n", "- ".repeat(N))),
        ("ordered.md", format!("{}Tranium\n", "1. ".repeat(N))),
        ("quotes.md", format!("{} Tranium\n", ">".repeat(N))),
        ("mixed.md", format!("{}Tranium\n", "> - ".repeat(N))),
        ("links.md", format!("{}Tranium{}\n", "[".repeat(N), "](x)".repeat(N))),
        ("emphasis.md", format!("{}Tranium{}\n", "*a ".repeat(N), " a*".repeat(N))),
        ("html.md", format!("{}Tranium{}\n", "<div>".repeat(N), "</div>".repeat(N))),
        ("quote-lines.md", (1..1_000).map(|i| format!("{} x\n", ">".repeat(i))).collect()),
    ];
    for (name, text) in &cases {
        fs::write(dir.join(name), text).unwrap();
    }
    let (code, json) = check_json(&dir, &["."]);
    assert!(code <= 1, "{json}");
    assert_eq!(json["summary"]["files"], cases.len());
    assert_eq!(json["summary"]["errors"], 0);
    // The name inside the nesting is still read where it is prose.
    let flagged: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["locations"][0]["path"].as_str().unwrap().to_owned())
        .collect();
    for name in ["lists.md", "ordered.md", "quotes.md", "mixed.md"] {
        assert!(flagged.iter().any(|p| p == name), "{name} not read: {flagged:?}");
    }
}

#[test]
fn markdown_edge_cases_keep_exact_positions() {
    let dir = tempdir();
    // An unterminated fence runs to the end: what follows is code, not prose.
    fs::write(dir.join("fence.md"), format!("Intro.\n\n```\n{MISSPELT}")).unwrap();
    // Front matter that is not YAML is still front matter and never prose.
    fs::write(dir.join("front.md"), format!("---\n{{[: Tranium not yaml\n---\n{MISSPELT}")).unwrap();
    // An unclosed front matter fence is prose.
    fs::write(dir.join("open.md"), format!("---\n{MISSPELT}")).unwrap();
    // HTML blocks are skipped; Markdown inside <details> after a blank line is prose.
    fs::write(
        dir.join("html.md"),
        format!(
            "<div>\nTranium in HTML\n</div>\n\n<details><summary>Tranium</summary>\n\n{MISSPELT}</details>\n"
        ),
    )
    .unwrap();
    let (code, json) = check_json(&dir, &["."]);
    assert_eq!(code, 1, "{json}");
    let mut at: Vec<(String, u64, u64)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let l = &f["locations"][0];
            (
                l["path"].as_str().unwrap().to_owned(),
                l["line"].as_u64().unwrap(),
                l["column"].as_u64().unwrap(),
            )
        })
        .collect();
    at.sort();
    assert_eq!(at, [("front.md".into(), 4, 21), ("html.md".into(), 7, 21), ("open.md".into(), 2, 21)]);
}

// --------------------------------------------------------- pathological prose

#[test]
fn pathological_prose_is_read_in_bounded_time_without_a_panic() {
    let dir = tempdir();
    let cases = [
        ("dollars.txt", "$".repeat(100_000)),
        ("digits.txt", format!("${} billion and {}", "1".repeat(1_000_000), "9".repeat(1_000_000))),
        (
            "parens.txt",
            format!("{}Amazon invested $4 billion in Anthropic{}.", "(".repeat(100_000), ")".repeat(100_000)),
        ),
        ("quotes.txt", format!("{}Amazon{}", "\"'\u{201c}".repeat(100_000), "\u{201d}'\"".repeat(100_000))),
        ("sentence.txt", "Amazon invested $4 billion in Anthropic and ".repeat(25_000)),
        ("names.txt", format!("{}.", "Amazon, ".repeat(60_000))),
        ("long-names.txt", format!("{}.\n", &"Amazon, ".repeat(2_000)[..16_000]).repeat(8)),
        ("no-spaces.txt", "a".repeat(1_000_000)),
    ];
    for (name, text) in &cases {
        fs::write(dir.join(name), text).unwrap();
    }
    let start = Instant::now();
    let (code, json) = check_json(&dir, &["."]);
    let took = start.elapsed();
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["summary"]["files"], cases.len());
    // Generous for a debug build on a busy machine; the release build takes under a second.
    assert!(took < Duration::from_secs(120), "took {took:?}");
    let out = run(claimlint(&dir).args(["check", "."]));
    assert_eq!(out.code, 0, "human output too: {}", out.stderr);
}

#[test]
fn amounts_too_large_for_a_decimal_do_not_panic() {
    let dir = tempdir();
    // Overflowed when parsed (29 digits), and when widened by the tolerance.
    fs::write(dir.join("a.txt"), format!("Amazon invested ${} billion in Anthropic.\n", "9".repeat(40)))
        .unwrap();
    fs::write(dir.join("b.txt"), "Amazon invested about $79228162514264337593543 million in Anthropic.\n")
        .unwrap();
    fs::write(dir.join("c.txt"), CLEAN).unwrap();
    let (code, json) = check_json(&dir, &["."]);
    assert_eq!(code, 1, "{json}");
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{json}");
    assert_eq!(findings[0]["rule"], "amount-conflict");
}

#[test]
fn crashes_found_by_fuzzing_and_proptest_stay_fixed() {
    let dir = tempdir();
    // cargo fuzz (target extract): a full stop after a no-break space sliced
    // inside the space when looking for an abbreviation.
    let found = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz/extract-nbsp-before-stop.txt");
    fs::copy(&found, dir.join("fuzz.txt")).unwrap();
    // proptest: the same, shrunk; and an e-mail address after a multi-byte
    // space, whose blanking split the space and shifted every later offset.
    fs::write(dir.join("stop.txt"), "Amazon\u{a0}. Amazon\n").unwrap();
    fs::write(dir.join("mail.md"), "Write\u{a0}ops@tranium.example or\u{3000}x@y.z about Tranium.\n")
        .unwrap();
    let (code, json) = check_json(&dir, &["."]);
    assert_eq!(code, 1, "{json}");
    assert_eq!(json["summary"]["files"], 3);
    let found = places(&json, "misspelled-name");
    assert!(found.contains(&(1, 42, 44, "Tranium".into())), "mail.md offsets: {found:?}");
}

// ------------------------------------------------------------------- paths

#[test]
fn a_nonexistent_path_is_an_error_and_the_rest_is_checked() {
    let dir = tempdir();
    fs::write(dir.join("good.md"), CLEAN).unwrap();
    let (code, json) = check_json(&dir, &["good.md", "missing.md", "gone/"]);
    assert_eq!(code, 2);
    assert_eq!(
        errors(&json),
        [
            ("gone/".into(), "gone/: No such file or directory (os error 2)".into()),
            ("missing.md".into(), "missing.md: No such file or directory (os error 2)".into()),
        ]
    );
    assert_eq!(json["summary"]["files"], 1);
}

#[test]
fn a_folder_where_a_file_is_expected_is_a_clear_error() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), CLEAN).unwrap();
    fs::create_dir(dir.join("somedir")).unwrap();
    let out = run(claimlint(&dir).args(["check", "a.md", "--baseline", "somedir"]));
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr, "claimlint: cannot read the baseline somedir: Is a directory (os error 21)\n");
    let out = run(claimlint(&dir).args(["check", "a.md", "--write-baseline", "somedir"]));
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr, "claimlint: cannot write the baseline somedir: Is a directory (os error 21)\n");
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    let out = run(cmd.current_dir(&dir).args(["--config", "somedir", "check", "a.md"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("cannot read somedir: Is a directory (os error 21)"), "{}", out.stderr);
}

/// Whether this process can read a file whatever its mode (root can).
fn reads_ignore_permissions(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    fs::write(&probe, "x").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::read(&probe).is_ok();
    fs::remove_file(&probe).unwrap();
    readable
}

/// The uid and gid of `nobody`.
const NOBODY: u32 = 65_534;

/// `claimlint` in `dir` as a process that file modes apply to. Without
/// privileges, claimlint itself. With them (root, CAP_DAC_OVERRIDE), run as
/// `nobody` through `setpriv`, with everything under `dir` handed to
/// `nobody`, so that the modes the test sets, not ownership, deny access:
/// call it before changing modes. Panics if privileges cannot be dropped: a
/// test that cannot stage its fault must fail, not pass.
fn unprivileged(dir: &Path) -> Command {
    if !reads_ignore_permissions(dir) {
        return claimlint(dir);
    }
    let drop = ["--reuid=65534", "--regid=65534", "--clear-groups", "--"];
    let works = std::process::Command::new("setpriv").args(drop).arg("true").status();
    assert!(
        works.is_ok_and(|s| s.success()),
        "running with privileges that ignore file modes, and `setpriv` cannot drop them: \
         install util-linux's setpriv, or run these tests as an ordinary user"
    );
    hand_to_nobody(dir);
    let mut cmd = Command::new("setpriv");
    cmd.args(drop).arg(assert_cmd::cargo::cargo_bin("claimlint"));
    cmd.current_dir(dir).env("NO_COLOR", "1").arg("--no-config");
    cmd
}

/// Gives `path` and everything under it to `nobody`.
fn hand_to_nobody(path: &Path) {
    std::os::unix::fs::lchown(path, Some(NOBODY), Some(NOBODY)).unwrap();
    if path.is_dir() && !path.is_symlink() {
        for entry in fs::read_dir(path).unwrap() {
            hand_to_nobody(&entry.unwrap().path());
        }
    }
}

/// `check --format json` on `args`, with `cmd` from [`unprivileged`].
fn check_json_with(mut cmd: Command, args: &[&str]) -> (i32, Value) {
    let out = run(cmd.arg("check").args(args).args(["--format", "json"]));
    let json = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", out.stdout, out.stderr));
    (out.code, json)
}

#[test]
fn unreadable_files_and_folders_are_errors_naming_them() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    fs::write(dir.join("good.md"), CLEAN).unwrap();
    fs::write(dir.join("secret.md"), CLEAN).unwrap();
    fs::create_dir(dir.join("locked")).unwrap();
    fs::write(dir.join("locked/inside.md"), CLEAN).unwrap();
    let cmd = unprivileged(&dir);
    fs::set_permissions(dir.join("secret.md"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(dir.join("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    let (code, json) = check_json_with(cmd, &["."]);
    fs::set_permissions(dir.join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2, "{json}");
    let errs = errors(&json);
    assert!(errs.iter().any(|(p, m)| p == "secret.md" && m.contains("Permission denied")), "{errs:?}");
    assert!(errs.iter().any(|(p, m)| p.starts_with("locked") && m.contains("Permission denied")), "{errs:?}");
    assert_eq!(json["summary"]["files"], 1);
}

#[test]
fn symlink_loops_are_not_followed_and_named_ones_are_errors() {
    use std::os::unix::fs::symlink;
    let dir = tempdir();
    fs::write(dir.join("good.md"), CLEAN).unwrap();
    symlink("b.md", dir.join("a.md")).unwrap();
    symlink("a.md", dir.join("b.md")).unwrap();
    symlink(".", dir.join("self")).unwrap();
    let (code, json) = check_json(&dir, &["."]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["summary"]["files"], 1);
    let (code, json) = check_json(&dir, &["good.md", "a.md"]);
    assert_eq!(code, 2);
    assert_eq!(
        errors(&json),
        [("a.md".into(), "a.md: Too many levels of symbolic links (os error 40)".into())]
    );
    assert_eq!(json["summary"]["files"], 1);
}

#[test]
fn symlinks_out_of_the_given_folders_are_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = tempdir();
    fs::create_dir_all(dir.join("notes")).unwrap();
    fs::create_dir_all(dir.join("elsewhere")).unwrap();
    fs::write(dir.join("notes/a.md"), CLEAN).unwrap();
    fs::write(dir.join("elsewhere/secret.md"), MISSPELT).unwrap();
    symlink("../elsewhere/secret.md", dir.join("notes/link.md")).unwrap();
    symlink("../elsewhere", dir.join("notes/linked-folder")).unwrap();
    let (code, json) = check_json(&dir, &["notes"]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["summary"]["files"], 1);
    // Even with --fix, nothing outside is written.
    let out = run(claimlint(&dir).args(["check", "notes", "--fix"]));
    assert_eq!(out.code, 0);
    assert_eq!(fs::read_to_string(dir.join("elsewhere/secret.md")).unwrap(), MISSPELT);
}

#[test]
fn names_that_are_not_utf8_are_shown_lossily_and_fixed_in_place() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempdir();
    let name = OsStr::from_bytes(b"caf\xe9.md");
    let folder = OsStr::from_bytes(b"d\xff");
    fs::create_dir(dir.join(folder)).unwrap();
    fs::write(dir.join(name), MISSPELT).unwrap();
    fs::write(dir.join(folder).join("b.md"), MISSPELT).unwrap();
    let (code, json) = check_json(&dir, &["."]);
    assert_eq!(code, 1);
    let mut paths: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["locations"][0]["path"].as_str().unwrap())
        .collect();
    paths.sort();
    assert_eq!(paths, ["caf\u{fffd}.md", "d\u{fffd}/b.md"]);
    for format in ["human", "sarif", "github"] {
        let out = run(claimlint(&dir).args(["check", ".", "--format", format]));
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
    }
    let out = run(claimlint(&dir).args(["check", ".", "--fix"]));
    assert_eq!(out.code, 0, "{}", out.stdout);
    let fixed = "Custom silicon like Trainium matters.\n";
    assert_eq!(fs::read_to_string(dir.join(name)).unwrap(), fixed);
    assert_eq!(fs::read_to_string(dir.join(folder).join("b.md")).unwrap(), fixed);
    assert!(!dir.join("caf\u{fffd}.md").exists(), "nothing written under the lossy name");
}

#[test]
fn a_file_that_vanishes_before_it_is_read_is_an_error_naming_it() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), CLEAN).unwrap();
    fs::write(dir.join("b.md"), CLEAN).unwrap();
    let (files, errs) = input::collect(std::slice::from_ref(&dir), None);
    assert_eq!((files.len(), errs.len()), (2, 0));
    fs::remove_file(dir.join("b.md")).unwrap();
    let read: Vec<_> = files.iter().map(|f| input::read(f)).collect();
    assert!(read[0].is_ok());
    match &read[1] {
        Err(e @ InputError::Io { path, source }) => {
            assert_eq!(source.kind(), ErrorKind::NotFound);
            assert!(path.ends_with("b.md"), "{path}");
            assert!(!e.is_skip());
            assert_eq!(e.to_string(), format!("{path}: No such file or directory (os error 2)"));
        }
        other => panic!("expected a NotFound error, got {other:?}"),
    }
}

// ---------------------------------------------------------- configuration

#[test]
fn malformed_configurations_exit_2_with_a_short_clear_error() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), CLEAN).unwrap();
    // 1 MB of printable garbage on one line: the error must not echo it.
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let garbage: String = (0..1 << 20)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            char::from(b' ' + (seed % 95) as u8)
        })
        .collect();
    fs::write(dir.join("garbage.toml"), &garbage).unwrap();
    let binary: Vec<u8> = garbage.bytes().map(|b| b.wrapping_mul(7)).collect();
    fs::write(dir.join("binary.toml"), binary).unwrap();
    for (file, expected) in [
        ("garbage.toml", "garbage.toml:1:"),
        ("binary.toml", "cannot read binary.toml: stream did not contain valid UTF-8"),
    ] {
        let mut cmd = Command::cargo_bin("claimlint").unwrap();
        let out = run(cmd.current_dir(&dir).args(["--config", file, "check", "a.md"]));
        assert_eq!(out.code, 2, "{file}");
        assert!(out.stderr.contains(expected), "{file}: {}", &out.stderr[..out.stderr.len().min(500)]);
        assert!(out.stderr.len() < 2_000, "{file}: {} bytes of error", out.stderr.len());
        assert_eq!(out.stdout, "");
    }
}

#[test]
fn contradictory_configurations_are_errors_or_well_defined() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), CLEAN).unwrap();
    let cases: &[(&str, &str)] = &[
        ("[rules]\nmisspelled-name = \"off\"\nmisspelled-name = \"error\"\n", "duplicate key"),
        (
            "[lexicon]\nremove = [\"Amazon\"]\n",
            "`AWS` names `Amazon` as its owner, which is not in the lexicon",
        ),
        (
            "[[lexicon.entity]]\nname = \"Acme\"\nkind = \"company\"\n[[lexicon.entity]]\nname = \"Acme\"\nkind = \"cloud\"\n",
            "the alias `Acme` is given to both `Acme` and `Acme`",
        ),
        (
            "[[lexicon.entity]]\nname = \"Acme\"\nkind = \"company\"\nowner = \"Acme\"\n",
            "ownership goes round in a circle",
        ),
        ("[amount]\ntolerance = nan\n", "amount.tolerance must be at least 0 and less than 1, not NaN"),
        ("exclude = [\"[z-a]\"]\n", "invalid glob `[z-a]`"),
    ];
    for (config, expected) in cases {
        fs::write(dir.join("claimlint.toml"), config).unwrap();
        let mut cmd = Command::cargo_bin("claimlint").unwrap();
        let out = run(cmd.current_dir(&dir).args(["check", "a.md"]));
        assert_eq!(out.code, 2, "{config}");
        assert!(out.stderr.contains(expected), "{config}: {}", out.stderr);
    }
    // Including and excluding the same files: exclusion wins, nothing is
    // checked, and nothing checked is not a clean result unless accepted.
    fs::write(dir.join("claimlint.toml"), "include = [\"*.md\"]\nexclude = [\"*.md\"]\n").unwrap();
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    let out = run(cmd.current_dir(&dir).args(["check", "a.md"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no notes found under a.md"), "{}", out.stderr);
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    let out = run(cmd.current_dir(&dir).args(["check", "a.md", "--allow-empty"]));
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("0 files checked"), "{}", out.stdout);
}

#[test]
fn an_enormous_lexicon_extension_loads_quickly() {
    let dir = tempdir();
    let mut config = String::new();
    for i in 0..10_000 {
        config.push_str(&format!(
            "[[lexicon.entity]]\nname = \"Zorblax{i} Systems\"\nkind = \"company\"\naliases = [\"Zbx{i}\"]\n"
        ));
    }
    fs::write(dir.join("claimlint.toml"), config).unwrap();
    fs::write(
        dir.join("a.md"),
        "Zorblax9999 Systems invested $4 billion in Anthropic.\nZbx9999 invested $9 billion in Anthropic.\n",
    )
    .unwrap();
    let start = Instant::now();
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    let out = run(cmd.current_dir(&dir).args(["check", "a.md", "--format", "json"]));
    let took = start.elapsed();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("Zorblax9999 Systems"), "the user's names are used: {}", out.stdout);
    assert!(took < Duration::from_secs(60), "took {took:?}");
}

// ------------------------------------------------------ faults during --fix

#[test]
fn fix_refuses_a_file_changed_since_it_was_read() {
    let dir = tempdir();
    let path = dir.join("a.md");
    fs::write(&path, "Edited meanwhile: Tranium.\n").unwrap();
    let stale = "Tranium.\n";
    match write_atomic(&path, stale, "Trainium.\n") {
        Err(e @ FixError::Changed { .. }) => {
            assert_eq!(e.to_string(), format!("{}: changed since it was read; not rewritten", path.display()))
        }
        other => panic!("expected Changed, got {other:?}"),
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), "Edited meanwhile: Tranium.\n");
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left");
}

#[test]
fn fix_in_a_read_only_folder_leaves_the_note_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let notes = dir.join("notes");
    fs::create_dir(&notes).unwrap();
    fs::write(notes.join("a.md"), MISSPELT).unwrap();
    let cmd = unprivileged(&dir);
    fs::set_permissions(&notes, fs::Permissions::from_mode(0o555)).unwrap();
    let (code, json) = check_json_with(cmd, &["notes/a.md", "--fix"]);
    fs::set_permissions(&notes, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2, "{json}");
    assert_eq!(
        errors(&json),
        [("notes/a.md".into(), "notes/a.md: cannot write the fix: Permission denied (os error 13)".into())]
    );
    assert_eq!(json["summary"]["findings"], 1, "the finding is still reported");
    assert_eq!(fs::read_to_string(notes.join("a.md")).unwrap(), MISSPELT);
    assert_eq!(fs::read_dir(&notes).unwrap().count(), 1);
}

#[test]
fn fix_on_a_full_disk_leaves_the_note_untouched() {
    let dir = tempdir();
    let mnt = dir.join("full");
    fs::create_dir(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        println!("skipped: cannot mount a small tmpfs here (needs root and mount privileges)");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(&mnt);
    let note = mnt.join("a.md");
    let old = format!("{}{MISSPELT}", "Filler prose line.\n".repeat(1_000));
    fs::write(&note, &old).unwrap();
    // Fill the rest of the file system.
    let mut filler = fs::File::create(mnt.join("filler")).unwrap();
    let block = vec![b'x'; 4096];
    while std::io::Write::write_all(&mut filler, &block).is_ok() {}
    let _ = filler.sync_all();
    let new = old.replace("Tranium", "Trainium");
    match write_atomic(&note, &old, &new) {
        Err(FixError::Io { source, .. }) => assert_eq!(source.kind(), ErrorKind::StorageFull, "{source}"),
        other => panic!("expected an I/O error, got {other:?}"),
    }
    assert_eq!(fs::read_to_string(&note).unwrap(), old, "the note is untouched");
    let mut left: Vec<_> = fs::read_dir(&mnt).unwrap().map(|e| e.unwrap().file_name()).collect();
    left.sort();
    assert_eq!(left, ["a.md", "filler"], "no temporary file left");
}

#[test]
fn a_leftover_temporary_file_from_a_crash_is_neither_checked_nor_in_the_way() {
    let dir = tempdir();
    let path = dir.join("a.md");
    fs::write(&path, MISSPELT).unwrap();
    // What a run killed between writing and renaming leaves: the whole new
    // text in a hidden file; the note itself is the old text, whole.
    let leftover = dir.join(format!(".a.md.claimlint-{}.tmp", std::process::id()));
    fs::write(&leftover, "Tranium, half writ").unwrap();
    let (code, json) = check_json(&dir, &["."]);
    assert_eq!(code, 1);
    assert_eq!(json["summary"]["files"], 1, "the leftover is not checked as a note");
    // The next fix from a process with the same pid picks another name.
    write_atomic(&path, MISSPELT, "Custom silicon like Trainium matters.\n").unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "Custom silicon like Trainium matters.\n");
    assert_eq!(fs::read_to_string(&leftover).unwrap(), "Tranium, half writ", "not ours to remove");
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 2);
    // And through the command line.
    fs::write(&path, MISSPELT).unwrap();
    let out = run(claimlint(&dir).args(["check", ".", "--fix"]));
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(fs::read_to_string(&path).unwrap(), "Custom silicon like Trainium matters.\n");
}

#[test]
fn fix_does_not_replace_a_symbolic_link() {
    use std::os::unix::fs::symlink;
    let dir = tempdir();
    fs::write(dir.join("real.md"), MISSPELT).unwrap();
    symlink("real.md", dir.join("link.md")).unwrap();
    let (code, json) = check_json(&dir, &["link.md", "--fix"]);
    assert_eq!(code, 2, "{json}");
    assert_eq!(
        errors(&json),
        [("link.md".into(), "link.md: a symbolic link; not rewritten (fix the file it points to)".into())]
    );
    assert!(fs::symlink_metadata(dir.join("link.md")).unwrap().file_type().is_symlink());
    assert_eq!(fs::read_to_string(dir.join("real.md")).unwrap(), MISSPELT);
}

#[test]
fn fix_writes_only_the_notes_it_fixes() {
    let dir = tempdir();
    fs::create_dir(dir.join("notes")).unwrap();
    fs::write(dir.join("notes/a.md"), MISSPELT).unwrap();
    fs::write(dir.join("notes/b.md"), CLEAN).unwrap();
    fs::write(dir.join("notes/c.txt"), "Tranium.\n").unwrap();
    fs::write(dir.join("corpus.md"), MISSPELT).unwrap();
    let before = |p: &str| fs::metadata(dir.join(p)).unwrap().modified().unwrap();
    let (b_time, corpus_time) = (before("notes/b.md"), before("corpus.md"));
    let out =
        run(claimlint(&dir).args(["check", "notes/a.md", "notes/b.md", "--against", "corpus.md", "--fix"]));
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(
        fs::read_to_string(dir.join("notes/a.md")).unwrap(),
        "Custom silicon like Trainium matters.\n"
    );
    assert_eq!(fs::read_to_string(dir.join("notes/c.txt")).unwrap(), "Tranium.\n", "not named");
    assert_eq!(fs::read_to_string(dir.join("corpus.md")).unwrap(), MISSPELT, "the corpus is only read");
    assert_eq!((before("notes/b.md"), before("corpus.md")), (b_time, corpus_time));
    let mut names: Vec<_> =
        fs::read_dir(dir.join("notes")).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["a.md", "b.md", "c.txt"]);
}

// ----------------------------------------------------------------- security

#[test]
fn no_network_connection_and_nothing_executed() {
    let dir = tempdir();
    fs::write(dir.join("a.md"), MISSPELT).unwrap();
    fs::write(dir.join("b.md"), CLEAN).unwrap();
    // Names that look like commands or addresses are only data.
    fs::write(
        dir.join("claimlint.toml"),
        "corpus = [\"https://example.com/notes\"]\nexclude = [\"$(touch pwned)\"]\n\
         [[lexicon.entity]]\nname = \"Acme Cloud\"\nkind = \"cloud\"\naliases = [\"rm -rf\"]\n",
    )
    .unwrap();
    let trace = dir.join("trace");
    let bin = assert_cmd::cargo::cargo_bin("claimlint");
    let status = std::process::Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=network,execve", "-o"])
        .arg(&trace)
        .arg(&bin)
        .args(["check", ".", "--fix", "--format", "json"])
        .current_dir(&dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    let Ok(status) = status else {
        println!("skipped: strace is not installed");
        return;
    };
    let calls = fs::read_to_string(&trace).unwrap_or_default();
    if !calls.contains("execve(") {
        println!("skipped: strace cannot trace here (ptrace denied?): {calls}");
        return;
    }
    // 2: the corpus address cannot be read (it is a path, not a URL).
    assert_eq!(status.code(), Some(2), "{calls}");
    let lines: Vec<&str> = calls.lines().collect();
    assert_eq!(lines.len(), 1, "one execve (claimlint itself), no socket or connect: {calls}");
    assert!(lines[0].contains(&format!("execve(\"{}\"", bin.display())), "{calls}");
    assert!(!dir.join("pwned").exists());
    assert_eq!(fs::read_to_string(dir.join("a.md")).unwrap(), "Custom silicon like Trainium matters.\n");
}
