//! `--format sarif`: a SARIF 2.1.0 log with one run, for code-scanning
//! services and SARIF viewers.
//!
//! - `tool.driver.rules` lists every registered rule, in registry order, so
//!   `ruleIndex` is the rule's place in [`rules::RULES`].
//! - A result's first location is the finding's primary location; the others
//!   are `relatedLocations` with ids 1, 2, …, each linked from the message
//!   text (`[label](id)`), which is how GitHub code scanning shows them.
//! - Regions carry 1-based lines, columns in Unicode code points
//!   (`run.columnKind`), end-exclusive end columns, and the byte range.
//! - `partialFingerprints["claimlint/v2"]` is the finding's baseline
//!   identity ([`baseline::fingerprint`]: FNV-1a over the rule, the subject
//!   and the distinct sides; no counts, lines or paths), then the note's
//!   path for a finding about one place, so code scanning and `--baseline`
//!   agree on what counts as the same finding. A `:n` suffix numbers
//!   identical findings in a run, as GitHub's own line hashes do.
//! - Files that could not be read become `toolExecutionNotifications`;
//!   `executionSuccessful` is false if any was more than a skipped binary.
//!
//! The wire types below mirror the SARIF object names; fields that are
//! `None` are left out.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Resolved, Run};
use crate::baseline;
use crate::finding::{Finding, Location, Severity};
use crate::rules::{self, RuleMeta};
use crate::source::SourceKind;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [SarifRun; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun {
    tool: Tool,
    invocations: [Invocation; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<HashMap<&'static str, BaseUri>>,
    artifacts: Vec<Artifact>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: MultiformatText,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

impl Text {
    fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }
}

#[derive(Serialize)]
struct MultiformatText {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: [NotificationLocation; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: FileOnly,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileOnly {
    artifact_location: ArtifactLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    location: ArtifactLocation,
    length: usize,
    mime_type: &'static str,
    encoding: &'static str,
    roles: [&'static str; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    /// `%SRCROOT%` for a relative path: the folder claimlint ran in.
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<u32>,
}

/// The base of relative paths, defined in `originalUriBaseIds` when known.
const SRCROOT: &str = "%SRCROOT%";

impl ArtifactLocation {
    fn new(path: &str, index: Option<u32>) -> Self {
        let uri = path_to_uri(path);
        let uri_base_id = (!uri.starts_with("file:")).then_some(SRCROOT);
        Self { uri, uri_base_id, index }
    }
}

#[derive(Serialize)]
struct BaseUri {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<SarifLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation>,
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "claimlint/v2")]
    v1: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
    snippet: Snippet,
}

#[derive(Serialize)]
struct Snippet {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: [Replacement; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: ByteRegion,
    inserted_content: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: usize,
    byte_length: usize,
}

/// SARIF's `level` for a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `amount-conflict` → `AmountConflict`.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

/// The explanation without the one-space indent that `///` comments leave.
fn dedent(text: &str) -> String {
    text.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n")
}

/// The first paragraph under `## What it catches`, on one line; the summary
/// if there is none.
fn full_description(meta: &RuleMeta) -> String {
    let text = dedent(meta.explanation);
    let body = text.split_once("## What it catches").map_or("", |(_, rest)| rest);
    let para: Vec<&str> = body
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    if para.is_empty() || para == ["TODO"] { meta.summary.to_owned() } else { para.join(" ") }
}

fn descriptor(meta: &RuleMeta) -> ReportingDescriptor {
    let explanation = dedent(meta.explanation);
    ReportingDescriptor {
        id: meta.id,
        name: pascal_case(meta.id),
        short_description: Text::new(meta.summary),
        full_description: Text::new(full_description(meta)),
        help: MultiformatText { text: explanation.clone(), markdown: explanation },
        default_configuration: Configuration { level: level(meta.default_severity) },
    }
}

/// Whether `b` may stand unencoded in a URI path: RFC 3986 unreserved
/// characters and the segment separator. Everything else is percent-encoded,
/// which is always allowed, and keeps a `:` in the first segment from being
/// read as a scheme.
fn is_uri_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
}

fn percent_encode(path: &str, out: &mut String) {
    for &b in path.as_bytes() {
        if is_uri_safe(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// A path as a URI reference: relative paths stay relative (with forward
/// slashes), absolute ones become `file:` URIs.
pub fn path_to_uri(path: &str) -> String {
    let path = if cfg!(windows) { path.replace('\\', "/") } else { path.to_owned() };
    let mut uri = String::with_capacity(path.len() + 8);
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if drive && cfg!(windows) {
        // `C:/notes/a.md` → `file:///C:/notes/a.md`
        uri.push_str("file:///");
        uri.push_str(&path[..2]);
        percent_encode(&path[2..], &mut uri);
    } else if path.starts_with('/') {
        uri.push_str("file://");
        percent_encode(&path, &mut uri);
    } else {
        percent_encode(&path, &mut uri);
    }
    uri
}

/// Escapes text for a SARIF plain-text message, where `[…](n)` is a link.
fn escape_message(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn region(at: Resolved<'_>) -> Region {
    Region {
        start_line: at.line,
        start_column: at.column,
        end_line: at.end_line,
        end_column: at.end_column,
        byte_offset: at.byte_start,
        byte_length: at.byte_end - at.byte_start,
        snippet: Snippet { text: at.text },
    }
}

fn location(run: &Run<'_>, loc: &Location, id: Option<usize>) -> SarifLocation {
    let at = run.sources.resolve(loc.doc, loc.span);
    SarifLocation {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation::new(at.path, Some(loc.doc)),
            region: region(at),
        },
        message: Text::new(loc.label.to_string()),
    }
}

/// The message, then a link to each related location, e.g.
/// `… Also: [seeds/a.txt:3:17](1), [seeds/b.txt:9:2](2).`
fn message_text(run: &Run<'_>, f: &Finding) -> String {
    let mut text = escape_message(&f.message);
    for (i, loc) in f.locations.iter().enumerate().skip(1) {
        let at = run.sources.resolve(loc.doc, loc.span);
        text.push_str(if i == 1 { ". Also: " } else { ", " });
        let place = format!("{}:{}:{}", at.path, at.line, at.column);
        text.push_str(&format!("[{}]({i})", escape_message(&place)));
    }
    if f.locations.len() > 1 {
        text.push('.');
    }
    text
}

fn result(run: &Run<'_>, f: &Finding, fingerprint: String) -> SarifResult {
    let rule_index = rules::RULES.iter().position(|r| r.meta().id == f.rule);
    let mut locs = f.locations.iter().enumerate().map(|(i, l)| location(run, l, Some(i)));
    let primary = locs.next().map(|mut l| {
        l.id = None;
        l
    });
    let fixes = f
        .fix
        .iter()
        .map(|fix| SarifFix {
            description: Text::new(format!("Replace with `{}`", fix.replacement)),
            artifact_changes: [ArtifactChange {
                artifact_location: ArtifactLocation::new(&run.sources.doc(fix.doc).path, Some(fix.doc)),
                replacements: [Replacement {
                    deleted_region: ByteRegion { byte_offset: fix.span.start(), byte_length: fix.span.len() },
                    inserted_content: Text::new(fix.replacement.clone()),
                }],
            }],
        })
        .collect();
    SarifResult {
        rule_id: f.rule,
        rule_index,
        level: level(f.severity),
        message: Text::new(message_text(run, f)),
        locations: primary.into_iter().collect(),
        related_locations: locs.collect(),
        partial_fingerprints: Fingerprints { v1: fingerprint },
        fixes,
    }
}

fn artifact(doc: &crate::source::Document) -> Artifact {
    Artifact {
        location: ArtifactLocation::new(&doc.path, None),
        length: doc.len(),
        mime_type: match doc.kind {
            SourceKind::Markdown => "text/markdown",
            SourceKind::Text => "text/plain",
        },
        encoding: "utf-8",
        roles: ["analysisTarget"],
    }
}

/// One fingerprint per finding: the baseline fingerprint, then `:n` for the
/// n-th finding of the run with that fingerprint. Findings are sorted by
/// position, so moving unrelated lines does not renumber them.
pub(crate) fn fingerprints(run: &Run<'_>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    run.findings
        .iter()
        .map(|f| {
            let fp = match baseline::place(f, &run.sources) {
                Some(path) => format!("{}:{path}", baseline::fingerprint(f)),
                None => baseline::fingerprint(f),
            };
            let n = seen.entry(fp.clone()).or_insert(0);
            *n += 1;
            format!("{fp}:{n}")
        })
        .collect()
}

pub fn write(run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    write_rooted(run, None, out)
}

/// [`write`], with relative paths said to be relative to `root` (the
/// folder claimlint ran in) in `originalUriBaseIds`, so that a viewer
/// finds the files wherever the log is opened.
pub fn write_rooted(run: &Run<'_>, root: Option<&std::path::Path>, out: &mut dyn Write) -> io::Result<()> {
    let original_uri_base_ids = root.map(|root| {
        let mut uri = path_to_uri(&root.to_string_lossy());
        if !uri.ends_with('/') {
            uri.push('/');
        }
        HashMap::from([(SRCROOT, BaseUri { uri })])
    });
    let fingerprints = fingerprints(run);
    let results = run.findings.iter().zip(fingerprints).map(|(f, fp)| result(run, f, fp)).collect();
    let notifications = run
        .errors
        .iter()
        .map(|e| Notification {
            level: if e.is_skip() { "note" } else { "error" },
            message: Text::new(e.to_string()),
            locations: [NotificationLocation {
                physical_location: FileOnly { artifact_location: ArtifactLocation::new(e.path(), None) },
            }],
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [SarifRun {
            tool: Tool {
                driver: Driver {
                    name: "claimlint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: rules::RULES.iter().map(|r| descriptor(r.meta())).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: run.errors.iter().all(|e| e.is_skip()),
                tool_execution_notifications: notifications,
            }],
            original_uri_base_ids,
            artifacts: run.sources.docs.iter().map(artifact).collect(),
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Fix;
    use crate::input::InputError;
    use crate::report::{Sources, Summary};
    use crate::source::{Document, Span};

    #[test]
    fn uris_are_percent_encoded_references() {
        assert_eq!(path_to_uri("seeds/000_a.txt"), "seeds/000_a.txt");
        assert_eq!(path_to_uri("my notes/#1 [draft].md"), "my%20notes/%231%20%5Bdraft%5D.md");
        assert_eq!(path_to_uri("a:b.md"), "a%3Ab.md");
        assert_eq!(path_to_uri("notes/café.md"), "notes/caf%C3%A9.md");
        assert_eq!(path_to_uri("100%.md"), "100%25.md");
        if !cfg!(windows) {
            assert_eq!(path_to_uri("/tmp/x y.md"), "file:///tmp/x%20y.md");
        }
    }

    #[test]
    fn names_and_levels() {
        assert_eq!(pascal_case("amount-conflict"), "AmountConflict");
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(escape_message(r"a [b] \c"), r"a \[b\] \\c");
    }

    fn render(docs: &[Document], findings: &[Finding], errors: &[InputError]) -> serde_json::Value {
        let run = Run { sources: Sources::new(docs), findings, errors, summary: Summary::default() };
        let mut out = Vec::new();
        write(&run, &mut out).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn results_carry_regions_related_locations_and_fixes() {
        let docs = [Document::new("a.md", "é Tranium chips\n"), Document::new("b b.txt", "x\n$5B\n")];
        let findings = [Finding {
            rule: "misspelled-name",
            severity: Severity::Warning,
            message: "`Tranium` [sic] looks like `Trainium`".into(),
            locations: vec![
                Location { doc: 0, span: Span::new(3, 10), label: "here".into() },
                Location { doc: 1, span: Span::new(2, 5), label: "there".into() },
            ],
            fix: Some(Fix { doc: 0, span: Span::new(3, 10), replacement: "Trainium".into() }),
            omitted: 0,
            subject: String::new(),
            sides: Vec::new(),
        }];
        let log = render(&docs, &findings, &[]);
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
        let r = &run["results"][0];
        assert_eq!(r["ruleId"], "misspelled-name");
        assert_eq!(
            run["tool"]["driver"]["rules"][r["ruleIndex"].as_u64().unwrap() as usize]["id"],
            r["ruleId"]
        );
        assert_eq!(r["level"], "warning");
        assert_eq!(r["message"]["text"], r"`Tranium` \[sic\] looks like `Trainium`. Also: [b b.txt:2:1](1).");
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!((region["startColumn"].as_u64(), region["endColumn"].as_u64()), (Some(3), Some(10)));
        assert_eq!((region["byteOffset"].as_u64(), region["byteLength"].as_u64()), (Some(3), Some(7)));
        assert_eq!(region["snippet"]["text"], "Tranium");
        let related = &r["relatedLocations"][0];
        assert_eq!(related["id"], 1);
        assert_eq!(related["message"]["text"], "there");
        assert_eq!(related["physicalLocation"]["artifactLocation"]["uri"], "b%20b.txt");
        let replacement = &r["fixes"][0]["artifactChanges"][0]["replacements"][0];
        assert_eq!(replacement["deletedRegion"]["byteOffset"], 3);
        assert_eq!(replacement["deletedRegion"]["byteLength"], 7);
        assert_eq!(replacement["insertedContent"]["text"], "Trainium");
        assert!(r["partialFingerprints"]["claimlint/v2"].as_str().unwrap().ends_with(":1"));
    }

    /// Code-scanning services keep alerts by fingerprint: a change here makes
    /// every known finding look new (and invalidates baselines), so it must
    /// be deliberate, with a new key (as `claimlint/v2` replaced `claimlint/v1`). The expected values
    /// were computed apart from this code, from FNV-1a's definition.
    #[test]
    fn fingerprints_are_stable_and_number_repeats() {
        let docs = [Document::new("a.md", "$4B and $8B\n"), Document::new("b.md", "\n\nTranium\n")];
        let finding = |rule, doc, span, subject: &str, sides: &[&str]| Finding {
            rule,
            severity: Severity::Error,
            message: "m".into(),
            locations: vec![Location { doc, span, label: "l".into() }],
            fix: None,
            omitted: 0,
            subject: subject.into(),
            sides: sides.iter().map(|s| s.to_string()).collect(),
        };
        let deal = |doc, span| finding("amount-conflict", doc, span, "Amazon → Anthropic", &["$4B", "$8B"]);
        let typo = |doc, span| finding("misspelled-name", doc, span, "Tranium → Trainium", &[]);
        let findings = [deal(0, Span::new(0, 3)), deal(1, Span::new(2, 5)), typo(1, Span::new(2, 9))];
        let run = Run {
            sources: Sources::new(&docs),
            findings: &findings,
            errors: &[],
            summary: Summary::default(),
        };
        let fps = fingerprints(&run);
        // The same sides wherever they are said: one identity, numbered.
        assert_eq!(fps[0], "1e51d1cce6476b86:1");
        assert_eq!(fps[1], "1e51d1cce6476b86:2");
        // A finding about one place carries its note.
        assert_eq!(fps[2], "bec9d8276d106fce:b.md:1");
    }

    #[test]
    fn unreadable_files_are_notifications() {
        let errors = [
            InputError::NotUtf8 { path: "bad.md".into(), offset: 3 },
            InputError::Binary { path: "bin.txt".into() },
        ];
        let log = render(&[], &[], &errors);
        let invocation = &log["runs"][0]["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
        assert_eq!(notes[0]["level"], "error");
        assert_eq!(notes[1]["level"], "note");
        assert_eq!(notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "bad.md");
        assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
    }

    #[test]
    fn every_rule_is_described() {
        let log = render(&[], &[], &[]);
        let described = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(described.len(), rules::RULES.len());
        let amount = &described[0];
        assert_eq!(amount["name"], "AmountConflict");
        assert_eq!(amount["defaultConfiguration"]["level"], "error");
        assert!(amount["help"]["markdown"].as_str().unwrap().starts_with("## What it catches"));
        assert!(amount["fullDescription"]["text"].as_str().unwrap().starts_with("The same deal"));
    }
}
