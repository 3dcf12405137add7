//! claimlint: finds claims that contradict each other across analyst notes.
//!
//! The pipeline: [`input`] finds and reads notes, [`extract`] reads each
//! one into claims, [`rules`] compares the claims of all notes and returns
//! [`finding::Finding`]s, and [`report`] renders them. This library never
//! prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod claims;
pub mod claims_file;
pub mod config;
pub mod demo;
pub mod extract;
pub mod finding;
pub mod fix;
pub mod input;
pub mod lexicon;
pub mod report;
pub mod rules;
pub mod source;
pub mod suppress;

use rayon::prelude::*;

use claims::Extraction;
use finding::Finding;
use lexicon::Lexicon;
use rules::RuleSettings;
use source::Document;

/// Extracts every document, in parallel, in document order.
pub fn extract_all(docs: &[Document], lexicon: &Lexicon) -> Vec<Extraction> {
    extract_all_with(docs, lexicon, &|| {})
}

/// [`extract_all`], calling `done` after each document (for a progress bar).
pub fn extract_all_with(docs: &[Document], lexicon: &Lexicon, done: &(dyn Fn() + Sync)) -> Vec<Extraction> {
    docs.par_iter()
        .map(|d| {
            let e = extract::extract(d, lexicon);
            done();
            e
        })
        .collect()
}

/// Runs the enabled rules over extracted documents.
pub fn check_extractions(
    extractions: &[Extraction],
    lexicon: &Lexicon,
    settings: &RuleSettings,
) -> Vec<Finding> {
    rules::run(&rules::Context { docs: extractions, lexicon, settings })
}

/// Extracts and checks documents.
pub fn check(
    docs: &[Document],
    lexicon: &Lexicon,
    settings: &RuleSettings,
) -> (Vec<Extraction>, Vec<Finding>) {
    check_with(docs, lexicon, settings, &|| {})
}

/// [`check`], calling `done` after each document is extracted.
pub fn check_with(
    docs: &[Document],
    lexicon: &Lexicon,
    settings: &RuleSettings,
    done: &(dyn Fn() + Sync),
) -> (Vec<Extraction>, Vec<Finding>) {
    let extractions = extract_all_with(docs, lexicon, done);
    let findings = check_extractions(&extractions, lexicon, settings);
    (extractions, findings)
}
