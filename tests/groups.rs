//! The claims cache reads back only the corpus notes that share a rule
//! group with the checked notes (`claimlint::rules::group_keys`). That is
//! right only if a note sharing no group can never change a finding about
//! the checked notes: this test holds every rule to it, on every labelled
//! corpus of the repository, each note in turn checked against the rest.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use claimlint::claims::Extraction;
use claimlint::lexicon::Lexicon;
use claimlint::rules::{self, RuleSettings};

fn notes() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folders = [
        "seeds",
        "tests/corpus/notes",
        "tests/corpus-news/notes",
        "tests/corpus-third/notes",
        "tests/corpus-fourth/notes",
    ];
    let folders: Vec<PathBuf> = folders.iter().map(|f| root.join(f)).collect();
    let (files, errors) = claimlint::input::collect(&folders, None);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(files.len() > 100, "{} notes", files.len());
    files
}

#[test]
fn a_note_sharing_no_group_with_the_checked_one_changes_none_of_its_findings() {
    let lexicon = Lexicon::builtin();
    let settings = RuleSettings::default();
    let extractions: Vec<Extraction> = notes()
        .iter()
        .map(|p| claimlint::extract::extract(&claimlint::input::read(p).unwrap(), lexicon))
        .collect();
    let groups: Vec<HashSet<u64>> =
        extractions.iter().map(|e| rules::group_keys(lexicon, e).into_iter().collect()).collect();
    let (mut compared, mut left_out, mut with_findings) = (0, 0, 0);
    for checked in 0..extractions.len() {
        // The checked note first, then the corpus, as a pre-commit run has them.
        let order: Vec<usize> =
            std::iter::once(checked).chain((0..extractions.len()).filter(|&i| i != checked)).collect();
        let all: Vec<Extraction> = order.iter().map(|&i| extractions[i].clone()).collect();
        let focus = &groups[checked];
        let read: Vec<Extraction> = order
            .iter()
            .map(|&i| {
                if i == checked || !groups[i].is_disjoint(focus) {
                    extractions[i].clone()
                } else {
                    left_out += 1;
                    Extraction::default()
                }
            })
            .collect();
        let expected = claimlint::check_extractions_of(&all, 1, lexicon, &settings);
        let found = claimlint::check_extractions_of(&read, 1, lexicon, &settings);
        assert_eq!(found, expected, "checking note {checked}");
        compared += 1;
        with_findings += usize::from(!expected.is_empty());
    }
    // The test means something: notes are left out, and findings are compared.
    assert!(left_out > compared * 10, "{left_out} notes left out over {compared} checks");
    assert!(with_findings > 20, "{with_findings} checks with findings");
}
