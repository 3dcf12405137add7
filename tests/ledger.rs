//! `claimlint deals`: the deal ledger as users run it, with snapshots of
//! the table, JSON and CSV on the seeds.

mod common;

use common::{claimlint, output, tempdir};

/// stdout, stderr and the exit code, as one text for a snapshot.
fn run(args: &[&str]) -> (String, i32) {
    let (stdout, stderr, code) = output(claimlint().args(args));
    (format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}"), code)
}

#[test]
fn deals_seeds_human() {
    let (out, code) = run(&["deals", "seeds/"]);
    assert_eq!(code, 0);
    for line in out.lines() {
        assert!(line.chars().count() <= 100, "wider than 100 columns: {line}");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn deals_seeds_json() {
    let (stdout, _, code) = output(claimlint().args(["deals", "seeds/", "--format", "json"]));
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(value["version"], 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn deals_seeds_csv() {
    let (stdout, _, code) = output(claimlint().args(["deals", "seeds/", "--format", "csv"]));
    assert_eq!(code, 0);
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next(),
        Some("deal,investor,recipient,kind,period,figure,path,line,date,hedges,conditions,conflict")
    );
    insta::assert_snapshot!(stdout);
}

#[test]
fn demo_is_the_seeds() {
    let (demo, _, _) = output(claimlint().args(["deals", "--demo", "--format", "json"]));
    let (disk, _, _) = output(claimlint().args(["deals", "seeds/", "--format", "json"]));
    assert_eq!(demo, disk);
}

#[test]
fn the_deals_in_conflict_are_the_ones_check_reports() {
    let (json, _, _) = output(claimlint().args(["deals", "seeds/", "--conflicts", "--format", "json"]));
    let ledger: serde_json::Value = serde_json::from_str(&json).unwrap();
    let (json, _, _) = output(claimlint().args(["check", "seeds/", "--format", "json"]));
    let check: serde_json::Value = serde_json::from_str(&json).unwrap();
    let deals = ledger["deals"].as_array().unwrap();
    assert!(!deals.is_empty());
    let messages: Vec<&str> = check["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| ["amount-conflict", "condition-conflict"].contains(&f["rule"].as_str().unwrap()))
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    for deal in deals {
        assert_eq!(deal["in_conflict"], true);
        let subject = deal["deal"].as_str().unwrap();
        assert!(messages.iter().any(|m| m.starts_with(subject)), "{subject} is in no finding: {messages:?}");
    }
}

/// Notes of one deal stated ten times, with dates, and a conflicting pair.
fn notes() -> std::path::PathBuf {
    let dir = tempdir("ledger");
    for i in 1..=10 {
        std::fs::write(
            dir.join(format!("n{i:02}.md")),
            format!("---\ndate: 2025-{i:02}-01\n---\nMicrosoft invested $10 billion in OpenAI in 2023.\n"),
        )
        .unwrap();
    }
    std::fs::write(
        dir.join("a.md"),
        "---\ndate: 2025-02-01\n---\nAmazon invested $4 billion in Anthropic in 2024.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.md"),
        "---\ndate: 2025-01-15\n---\nAmazon reportedly invested $8 billion in Anthropic in 2024.\n",
    )
    .unwrap();
    dir
}

#[test]
fn a_deal_stated_in_ten_notes_shows_once_with_ten_sources() {
    let dir = notes();
    let (stdout, _, code) = output(claimlint().current_dir(&dir).args(["deals", ".", "--format", "csv"]));
    assert_eq!(code, 0);
    let rows: Vec<&str> =
        stdout.lines().filter(|l| l.starts_with("Microsoft's investment in OpenAI,")).collect();
    assert_eq!(rows.len(), 10, "{stdout}");
    assert!(rows.iter().all(|r| r.contains(",2023,$10B,") && r.ends_with(",false")), "{stdout}");
    let (human, _, _) = output(claimlint().current_dir(&dir).args(["deals", "."]));
    assert_eq!(human.matches("Microsoft → OpenAI").count(), 1, "{human}");
    assert!(human.contains("  $10B  10 notes  n01.md:4 (2025-01-01); n02.md:4 (2025-02-01)"), "{human}");
    assert!(human.contains("… and "), "{human}");
}

#[test]
fn party_takes_any_alias_and_shows_the_timeline() {
    let dir = notes();
    let (human, stderr, code) =
        output(claimlint().current_dir(&dir).args(["deals", "--party", "amazon.com"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(!human.contains("OpenAI"), "{human}");
    assert!(human.contains("Amazon → Anthropic · investment · 2024 · CONFLICT"), "{human}");
    // Oldest first: b.md (January) before a.md (February).
    let timeline = &human[human.find("timeline").unwrap()..];
    assert!(timeline.find("2025-01-15").unwrap() < timeline.find("2025-02-01").unwrap(), "{human}");
    assert!(timeline.contains("new figure; before: $8B"), "{human}");
    let (aws, _, _) = output(claimlint().current_dir(&dir).args(["deals", "--party", "Amazon Web Services"]));
    let (upper, _, _) = output(claimlint().current_dir(&dir).args(["deals", "--party", "AWS"]));
    assert_eq!(aws, upper);
}

#[test]
fn an_unknown_party_is_a_usage_error() {
    let (stdout, stderr, code) = output(claimlint().args(["deals", "seeds/", "--party", "Antropic"]));
    assert_eq!((stdout.as_str(), code), ("", 2));
    assert!(
        stderr.contains("`Antropic` is not a name in the lexicon; did you mean `Anthropic`?"),
        "{stderr}"
    );
    let (_, stderr, code) = output(claimlint().args(["deals", "seeds/", "--party", "Zyxwvut Holdings"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a name in the lexicon"), "{stderr}");
}

#[test]
fn conflicts_only() {
    let dir = notes();
    let (human, _, code) = output(claimlint().current_dir(&dir).args(["deals", ".", "--conflicts"]));
    assert_eq!(code, 0);
    assert!(!human.contains("Microsoft"), "{human}");
    assert!(human.ends_with("1 deal, 1 in conflict, from 12 notes\n"), "{human}");
}

#[test]
fn an_unreadable_note_is_reported_and_the_rest_listed() {
    let dir = notes();
    std::fs::write(dir.join("bad.md"), b"Amazon \xff invested\n").unwrap();
    let (stdout, stderr, code) =
        output(claimlint().current_dir(&dir).args(["deals", ".", "--format", "json"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("error: bad.md: not valid UTF-8"), "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["errors"][0]["path"], "bad.md");
    assert_eq!(value["summary"]["deals"], 2);
}

/// The README's sample is what `claimlint deals --demo --conflicts` prints.
#[test]
fn the_readme_sample_is_what_claimlint_prints() {
    let readme = include_str!("../README.md");
    let marker = "<!-- checked: claimlint deals --demo --conflicts -->\n```text\n";
    let start = readme.find(marker).expect("the README has the checked sample") + marker.len();
    let end = start + readme[start..].find("```").unwrap();
    let (stdout, _, code) = output(claimlint().args(["deals", "--demo", "--conflicts"]));
    assert_eq!(code, 0);
    assert_eq!(&readme[start..end], stdout);
}
