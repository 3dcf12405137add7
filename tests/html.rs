//! `claimlint check --format html` as users run it: the page is parsed with
//! an HTML parser (scraper, on html5ever) and compared with the JSON report
//! of the same run; it must load nothing from anywhere, have the landmarks
//! and labels a keyboard or screen reader needs, and be the same bytes for
//! the same run.

mod common;

use std::path::Path;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use common::{claimlint, output, tempdir};

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// The page and JSON report of one check in `dir`, and the exit code (the
/// same for both).
fn html_and_json(dir: &Path, args: &[&str]) -> (String, Value, i32) {
    let (html, stderr, code) = output(claimlint().current_dir(dir).args(args).args(["--format", "html"]));
    assert!(stderr.lines().all(|l| l.starts_with("error: ") || l.starts_with("note: ")), "stderr: {stderr}");
    let (json, _, json_code) = output(claimlint().current_dir(dir).args(args).args(["--format", "json"]));
    assert_eq!(code, json_code);
    (html, serde_json::from_str(&json).unwrap(), code)
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>()
}

/// What every page must be: parsed without errors, loading nothing, with a
/// language, a title, one `<main>`, a skip link to the findings, headings
/// that skip no level, labelled filters, and one inline script.
fn assert_well_formed(html: &str) -> Html {
    let doc = Html::parse_document(html);
    assert!(doc.errors.is_empty(), "parse errors: {:?}", doc.errors);
    assert!(html.starts_with("<!DOCTYPE html>\n"));
    for pattern in ["<script src", "<link", "http://", "https://", "@import", "url(", "<img", "<iframe"] {
        assert!(!html.contains(pattern), "the page loads something: {pattern}");
    }
    assert_eq!(doc.select(&sel("script[src], link, img, iframe, object, embed")).count(), 0);
    assert_eq!(doc.select(&sel("script")).count(), 1);
    assert_eq!(doc.select(&sel("html")).next().unwrap().value().attr("lang"), Some("en"));
    let title = text(doc.select(&sel("head > title")).next().expect("a title"));
    assert!(title.starts_with("claimlint: "), "{title}");
    assert_eq!(doc.select(&sel("main")).count(), 1);
    let skip = doc.select(&sel("body > a.skip")).next().expect("a skip link");
    let target = skip.value().attr("href").unwrap().trim_start_matches('#');
    assert_eq!(doc.select(&sel(&format!("main #{target}"))).count(), 1, "the skip link's target");
    // Headings in order: one h1 first, and never a level skipped.
    let levels: Vec<usize> =
        doc.select(&sel("h1, h2, h3, h4, h5, h6")).map(|h| h.value().name()[1..].parse().unwrap()).collect();
    assert_eq!(levels.first(), Some(&1));
    assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 1);
    for w in levels.windows(2) {
        assert!(w[1] <= w[0] + 1, "a heading level is skipped: {levels:?}");
    }
    // Every control has a label.
    for control in doc.select(&sel("select, input")) {
        let id = control.value().attr("id").expect("a control with an id");
        assert_eq!(doc.select(&sel(&format!("label[for=\"{id}\"]"))).count(), 1, "label for {id}");
    }
    for id in ["filter-rule", "filter-company"] {
        assert_eq!(doc.select(&sel(&format!("select#{id}"))).count(), 1);
    }
    doc
}

#[test]
fn html_for_the_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (html, json, code) = html_and_json(root, &["check", "seeds/"]);
    assert_eq!(code, 1);
    let doc = assert_well_formed(&html);
    // Every finding of the JSON report, in its order, with its rule,
    // severity, message and sides (the first ten) as path:line.
    let findings = json["findings"].as_array().unwrap();
    let articles: Vec<ElementRef<'_>> = doc.select(&sel("article.finding")).collect();
    assert_eq!(articles.len(), findings.len());
    for (f, article) in findings.iter().zip(&articles) {
        assert_eq!(article.value().attr("data-rule"), f["rule"].as_str());
        let heading = text(article.select(&sel("h3")).next().unwrap());
        assert!(heading.contains(f["rule"].as_str().unwrap()), "{heading}");
        assert!(heading.contains(f["severity"].as_str().unwrap()), "{heading}");
        assert_eq!(text(article.select(&sel("p.message")).next().unwrap()), f["message"].as_str().unwrap());
        let places: Vec<String> = article.select(&sel("ul.sides .at")).map(text).collect();
        let expected: Vec<String> = f["locations"]
            .as_array()
            .unwrap()
            .iter()
            .take(10)
            .map(|l| format!("{}:{}", l["path"].as_str().unwrap(), l["line"]))
            .collect();
        assert_eq!(places, expected);
        for (l, quote) in
            f["locations"].as_array().unwrap().iter().zip(article.select(&sel("pre.quote mark")))
        {
            assert_eq!(text(quote), l["text"].as_str().unwrap());
        }
    }
    // The rule filter offers exactly the rules found; every finding and
    // deal row says which companies it concerns.
    let mut rules: Vec<&str> = findings.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    rules.sort_unstable();
    rules.dedup();
    let options: Vec<String> = doc
        .select(&sel("#filter-rule option"))
        .filter_map(|o| o.value().attr("value").map(str::to_owned))
        .collect();
    assert_eq!(options[0], "");
    assert_eq!(options[1..], rules);
    let companies: Vec<String> = doc.select(&sel("#filter-company option")).map(text).collect();
    assert!(companies.contains(&"Amazon".to_owned()), "{companies:?}");
    for tagged in doc.select(&sel("article.finding, table.ledger tbody tr")) {
        assert!(tagged.value().attr("data-parties").is_some());
    }
    // The ledger: as many rows as `claimlint deals` has deals, with a
    // timeline each; the seeds are undated.
    let (deals, _, _) = output(claimlint().current_dir(root).args(["deals", "seeds/", "--format", "json"]));
    let deals: Value = serde_json::from_str(&deals).unwrap();
    let rows: Vec<ElementRef<'_>> = doc.select(&sel("table.ledger tbody tr")).collect();
    assert_eq!(rows.len(), deals["deals"].as_array().unwrap().len());
    assert!(rows.len() > 1);
    assert_eq!(doc.select(&sel("table.ledger tbody tr details.timeline ol.timeline")).count(), rows.len());
    let first = text(doc.select(&sel("ol.timeline li")).next().expect("a statement in a timeline"));
    assert!(first.starts_with("undated "), "{first}");
    assert!(
        text(rows[0]).contains(deals["deals"][0]["investor"].as_str().unwrap()),
        "the deals in the ledger's order"
    );
    let conflicts = doc.select(&sel("table.ledger .conflict")).count();
    assert_eq!(conflicts as u64, deals["summary"]["in_conflict"].as_u64().unwrap());
    // The same run, the same bytes; -o writes them.
    let dir = tempdir("html");
    let file = dir.join("report.html");
    let (_, _, again) =
        output(claimlint().current_dir(root).args(["check", "seeds/", "--format", "html", "-o"]).arg(&file));
    assert_eq!(again, 1);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), html);
}

#[test]
fn html_for_a_small_folder() {
    let dir = tempdir("html");
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::write(
        dir.join("notes/talks.md"),
        "---\ndate: 2025-12-03\n---\n# Amazon & OpenAI <talks>\n\nAmazon will invest up to $10 billion in OpenAI.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("notes/deal.md"),
        "---\ndate: 2025-12-20\n---\nAmazon is investing $50 billion in \"OpenAI\".\n\nOpenAI will train on Tranium chips.\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes/old.txt"), "Amazon is investing $50 billion in OpenAI.\n").unwrap();
    let (html, json, code) = html_and_json(&dir, &["check", "notes", "--no-cache"]);
    assert_eq!(code, 1);
    let doc = assert_well_formed(&html);
    assert_eq!(doc.select(&sel("article.finding")).count(), json["findings"].as_array().unwrap().len());
    // The timeline is by date, oldest first, the undated note last.
    let dates: Vec<String> = doc.select(&sel("ol.timeline .date")).map(text).collect();
    assert!(dates.windows(2).any(|w| w[0] == "2025-12-03" && w[1] == "2025-12-20"), "{dates:?}");
    assert_eq!(dates.last().map(String::as_str), Some("undated"));
    let version = format!("claimlint {}", env!("CARGO_PKG_VERSION"));
    insta::assert_snapshot!(html.replace(&version, "claimlint [version]"));
}

#[test]
fn html_without_findings_says_so() {
    let dir = tempdir("html");
    std::fs::write(dir.join("a.md"), "Amazon invested $4 billion in Anthropic.\n").unwrap();
    std::fs::write(dir.join("b.md"), "The weather was fine.\n").unwrap();
    let (html, json, code) = html_and_json(&dir, &["check", ".", "--no-cache"]);
    assert_eq!(code, 0);
    assert_eq!(json["findings"].as_array().unwrap().len(), 0);
    let doc = assert_well_formed(&html);
    assert_eq!(text(doc.select(&sel("h1")).next().unwrap()), "claimlint: no findings in 2 notes");
    assert_eq!(doc.select(&sel("article.finding")).count(), 0);
    assert!(html.contains("<p>No findings: the notes do not contradict each other.</p>"));
    // The one deal is still in the ledger, not in conflict.
    assert_eq!(doc.select(&sel("table.ledger tbody tr")).count(), 1);
    assert_eq!(doc.select(&sel("table.ledger .conflict")).count(), 0);
}

#[test]
fn html_names_the_files_it_could_not_read() {
    let dir = tempdir("html");
    std::fs::write(dir.join("good.md"), "Amazon invested $4 billion in Anthropic.\n").unwrap();
    std::fs::write(dir.join("bad.md"), b"Amazon \xff <invested>\n").unwrap();
    let (html, _, code) = html_and_json(&dir, &["check", ".", "--fail-on", "never", "--no-cache"]);
    assert_eq!(code, 2);
    let doc = assert_well_formed(&html);
    let errors: Vec<String> = doc.select(&sel("#errors + ul li")).map(text).collect();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with("error: bad.md: not valid UTF-8"), "{errors:?}");
}
