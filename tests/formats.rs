//! The machine formats (SARIF, GitHub workflow commands), the Markdown
//! summary, shell completions and the man page, as users run them. SARIF is
//! validated against the official schema in `tests/data/` (see its README);
//! Markdown is rendered with pulldown-cmark (GFM tables) and its structure
//! compared with the JSON report of the same run.

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

/// claimlint with no GitHub workflow variables: Markdown links stay relative.
fn claimlint_here() -> Command {
    let mut cmd = claimlint();
    for var in ["GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"] {
        cmd.env_remove(var);
    }
    cmd
}

/// The Markdown and JSON reports of one check, and its exit code (the same for both).
fn markdown_and_json(dir: &Path, args: &[&str]) -> (String, Value, i32) {
    let (md, code) = run(claimlint_here().current_dir(dir).args(args).args(["--format", "markdown"]));
    let (json, json_code) = run(claimlint_here().current_dir(dir).args(args).args(["--format", "json"]));
    assert_eq!(code, json_code);
    (md, serde_json::from_str(&json).unwrap(), code)
}

#[test]
fn markdown_for_the_seeds() {
    let (out, code) = run(claimlint_here().args(["check", "seeds/", "--format", "markdown"]));
    assert_eq!(code, 1);
    let (_, never) =
        run(claimlint_here().args(["check", "seeds/", "--format", "markdown", "--fail-on", "never"]));
    assert_eq!(never, 0);
    insta::assert_snapshot!(out);
    // In a GitHub workflow, links go to the files at the commit checked.
    let (github, _) = run(claimlint()
        .env("GITHUB_SERVER_URL", "https://github.example")
        .env("GITHUB_REPOSITORY", "o/r")
        .env("GITHUB_SHA", "0123abc")
        .args(["check", "seeds/", "--format", "markdown"]));
    let link = "(https://github.example/o/r/blob/0123abc/seeds/000_bb608b4455414188.txt#L6)";
    assert!(github.contains(link), "{github}");
    assert_eq!(github.replace("https://github.example/o/r/blob/0123abc/", ""), out);
}

/// A draft against 40 notes that agree with each other: the finding lists
/// the draft's side, the lone old side and the newest ten, and says how
/// many more there are.
#[test]
fn markdown_for_a_draft_against_a_large_corpus() {
    let dir = tempdir();
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::write(
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
        std::fs::write(dir.join(format!("notes/n{i:02}.md")), text).unwrap();
    }
    std::fs::write(
        dir.join("draft.md"),
        "---\ndate: 2025-06-01\n---\n\nAmazon is investing $10 billion in OpenAI.\n",
    )
    .unwrap();
    let args = ["check", "draft.md", "--against", "notes", "--no-cache"];
    let (md, json, code) = markdown_and_json(&dir, &args);
    assert_eq!(code, 1);
    assert_eq!(json["findings"][0]["omitted_locations"], 31);
    assert_markdown_matches_json(&md, &json);
    assert!(md.contains("\n- and 31 more\n"), "{md}");
    insta::assert_snapshot!(md);
}

/// What the Markdown of a finding says, read back from pulldown-cmark's events.
#[derive(Debug, Default)]
struct Rendered {
    heading: String,
    message: String,
    sides: Vec<Side>,
    /// "and N more", when locations were left out.
    more: Option<String>,
}

/// A list item: `[path:line](target) `quote` — label`, or plain text.
#[derive(Debug, Default)]
struct Side {
    text: String,
    target: Option<String>,
    in_link: bool,
    quote: Option<String>,
    rest: String,
}

/// Renders `md` as GitHub does (CommonMark with tables) and checks it
/// against the JSON report of the same run: one table counting the findings
/// by rule, one heading per finding with its message as written, every
/// location linked with its quote and label, findings after the tenth in a
/// `<details>` HTML block (with Markdown rendered inside it), and no raw
/// HTML or Markdown syntax left as text.
fn assert_markdown_matches_json(md: &str, json: &Value) {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

    let findings = json["findings"].as_array().unwrap();
    let mut tables = 0;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut in_head = false;
    let mut cell: Option<String> = None;
    let mut rendered: Vec<Rendered> = Vec::new();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut paragraph: Option<String> = None;
    let mut item: Option<Side> = None;
    let mut html_blocks: Vec<String> = Vec::new();
    let mut in_html_block = false;
    let mut details_before: Option<usize> = None;

    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) if !in_head => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let text = cell.take().unwrap();
                if !in_head {
                    rows.last_mut().unwrap().push(text);
                }
            }
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                let (level, text) = heading.take().unwrap();
                if level == HeadingLevel::H3 && text.starts_with(|c: char| c.is_ascii_digit()) {
                    rendered.push(Rendered { heading: text, ..Default::default() });
                }
            }
            Event::Start(Tag::Paragraph) if item.is_none() => paragraph = Some(String::new()),
            Event::End(TagEnd::Paragraph) if item.is_none() => {
                let text = paragraph.take().unwrap();
                let r = rendered.last_mut().expect("a paragraph belongs to a finding");
                assert!(r.message.is_empty() && r.sides.is_empty(), "a second paragraph: {text:?}");
                r.message = text;
            }
            Event::Start(Tag::Item) => item = Some(Side::default()),
            Event::End(TagEnd::Item) => {
                let side = item.take().unwrap();
                let Some(r) = rendered.last_mut() else { continue };
                if side.target.is_some() {
                    r.sides.push(side);
                } else if side.rest.starts_with("and ") {
                    r.more = Some(side.rest);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let side = item.as_mut().expect("links only in list items");
                side.target = Some(dest_url.to_string());
                side.in_link = true;
            }
            Event::End(TagEnd::Link) => item.as_mut().unwrap().in_link = false,
            Event::Start(Tag::HtmlBlock) => in_html_block = true,
            Event::End(TagEnd::HtmlBlock) => in_html_block = false,
            Event::Html(html) => {
                assert!(in_html_block, "HTML outside an HTML block: {html:?}");
                if html.starts_with("<details>") {
                    details_before = Some(rendered.len());
                }
                html_blocks.push(html.trim().to_owned());
            }
            Event::InlineHtml(html) => panic!("inline HTML {html:?}: text that escaped its escaping"),
            Event::Code(code) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&code);
                } else if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&code);
                } else if let Some(side) = item.as_mut() {
                    if side.target.is_some() && side.quote.is_none() {
                        side.quote = Some(code.to_string());
                    } else {
                        side.rest.push_str(&code);
                    }
                } else {
                    panic!("code in a message: {code:?}");
                }
            }
            Event::Text(text) => {
                assert!(
                    !text.contains("<details") && !text.contains("</details"),
                    "details as text: {text:?}"
                );
                if let Some(c) = cell.as_mut() {
                    c.push_str(&text);
                } else if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&text);
                } else if let Some(side) = item.as_mut() {
                    if side.in_link { side.text.push_str(&text) } else { side.rest.push_str(&text) }
                } else if let Some(p) = paragraph.as_mut() {
                    p.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => panic!("a line break inside a paragraph:\n{md}"),
            _ => {}
        }
    }

    assert_eq!(tables, usize::from(!findings.is_empty()), "one table of counts");
    let mut by_rule = std::collections::BTreeMap::<String, u64>::new();
    for f in findings {
        *by_rule.entry(f["rule"].as_str().unwrap().to_owned()).or_default() += 1;
    }
    let mut table = std::collections::BTreeMap::<String, u64>::new();
    for row in &rows {
        assert_eq!(row.len(), 3, "{row:?}");
        *table.entry(row[0].clone()).or_default() += row[2].parse::<u64>().unwrap();
    }
    assert_eq!(table, by_rule, "the table counts the findings by rule");

    assert_eq!(rendered.len(), findings.len(), "one heading per finding:\n{md}");
    for (i, (r, f)) in rendered.iter().zip(findings).enumerate() {
        let (rule, severity) = (f["rule"].as_str().unwrap(), f["severity"].as_str().unwrap());
        assert_eq!(r.heading, format!("{}. {rule} ({severity})", i + 1));
        assert_eq!(r.message, f["message"].as_str().unwrap(), "the message as written");
        let locations = f["locations"].as_array().unwrap();
        assert_eq!(r.sides.len(), locations.len(), "{r:?}");
        for (side, l) in r.sides.iter().zip(locations) {
            let (path, line) = (l["path"].as_str().unwrap(), l["line"].as_u64().unwrap());
            assert_eq!(side.text, format!("{path}:{line}"));
            let target = format!("{}#L{line}", path.replace(' ', "%20"));
            assert_eq!(side.target.as_deref(), Some(target.as_str()));
            let text = l["text"].as_str().unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(side.quote.as_deref(), Some(text.as_str()), "the quote as written");
            let label = l["label"].as_str().unwrap();
            let rest = if label.is_empty() { String::new() } else { format!("— {label}") };
            assert_eq!(side.rest.trim(), rest, "the label as written");
        }
        let omitted = f["omitted_locations"].as_u64().unwrap_or(0);
        assert_eq!(r.more, (omitted > 0).then(|| format!("and {omitted} more")));
    }
    if findings.len() > 10 {
        assert_eq!(details_before, Some(10), "the eleventh finding opens the details: {html_blocks:?}");
        let summary = format!("<details><summary>{} more findings</summary>", findings.len() - 10);
        assert_eq!(html_blocks, [summary, "</details>".to_owned()]);
    } else {
        assert!(html_blocks.is_empty(), "{html_blocks:?}");
    }
}

#[test]
fn markdown_names_the_files_it_could_not_read() {
    let dir = tempdir();
    std::fs::write(dir.join("good.md"), "Amazon invested $4 billion in Anthropic.\n").unwrap();
    std::fs::write(dir.join("bad.md"), b"Amazon \xff invested\n").unwrap();
    let (md, json, code) = markdown_and_json(&dir, &["check", ".", "--fail-on", "never"]);
    assert_eq!(code, 2, "an unreadable note is an error whatever --fail-on says");
    assert_markdown_matches_json(&md, &json);
    assert!(md.starts_with("## claimlint: no findings in 1 note; 1 file could not be read\n"), "{md}");
    assert!(md.contains("\n### Files not checked\n\n- error: bad.md: not valid UTF-8"), "{md}");
}

#[test]
fn markdown_renders_as_the_json_reads() {
    for args in [&["check", "seeds/"][..], &["check", "tests/data/markdown/"][..]] {
        let (md, json, code) = markdown_and_json(Path::new(env!("CARGO_MANIFEST_DIR")), args);
        assert_eq!(code, 1);
        assert_markdown_matches_json(&md, &json);
    }
}

fn tempdir() -> std::path::PathBuf {
    common::tempdir("formats")
}
