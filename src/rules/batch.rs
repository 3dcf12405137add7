//! The rules over many notes, a batch of rule groups at a time, with the
//! claims held packed in between.
//!
//! Every claim a rule compares is in one [`Group`], and no rule looks past
//! a group (see [`Group`]). So the notes' claims can be held encoded, by
//! group bucket ([`Packed`]: bincode, about a fifth of a decoded claim's
//! size), and the rules run on one batch of buckets after another, the
//! largest first, each batch's claims decoded only while it runs. A run's
//! memory is then the packed claims and one batch, not every claim at once. Findings are the
//! same as [`super::run`]'s, in the same order: suppressions are applied
//! and places capped per batch, as they are per finding; the unused
//! suppressions are found once all batches have run; the sort decides the
//! order whatever the batch a finding came from. Misspellings are read in
//! the first batch run only.

use std::sync::Arc;

use bincode::Options;
use rayon::prelude::*;
use serde::Serialize;

use super::{Context, Group, RuleSettings, finish, run_rules, settle, unused_suppression};
use crate::claims::{Claim, ClaimBody, DealClaim, Extraction, UsageClaim};
use crate::finding::Finding;
use crate::lexicon::{Lexicon, NearMiss};
use crate::source::Span;
use crate::store::cache::Body;

/// Claims are packed into this many buckets by group; a batch is a set of
/// buckets.
const BUCKETS: u8 = 64;

/// About this many claims decoded at once: fewer, and the notes are walked
/// once more for each batch; more, and memory holds more claims.
const CLAIMS_PER_BATCH: usize = 32_768;

/// One note's claims that the rules compare, encoded, by bucket: a header
/// (its length, then each non-empty bucket in order with its number of
/// claims and their length in bytes, as variable-length integers), then
/// the claims (bincode). One allocation for the lot: a run holds one per
/// note.
#[derive(Debug, Default)]
pub struct Packed {
    bytes: Box<[u8]>,
    /// The dates the claims carry, each once (a note's claims share one).
    dates: Box<[Arc<str>]>,
    /// Every claim read from the note, those compared in no group included.
    claims: u32,
}

/// The claims cache's encoding (variable-length integers) without its
/// size limit: a limit makes every encoding measure itself first, and these
/// bytes never leave the process.
fn codec() -> impl Options {
    bincode::DefaultOptions::new().with_varint_encoding()
}

/// Appends `v` in LEB128: seven bits a byte, the high bit set on all but
/// the last.
fn put(out: &mut Vec<u8>, mut v: usize) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads what [`put`] wrote; 0 from nothing.
fn take(rest: &mut &[u8]) -> usize {
    let (mut v, mut shift) = (0usize, 0);
    while let Some((&b, tail)) = rest.split_first() {
        *rest = tail;
        v |= usize::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    v
}

/// [`Body`] by reference: encoded the same way, without a copy.
#[derive(Serialize)]
enum BodyRef<'a> {
    Deal(&'a DealClaim),
    Usage(&'a UsageClaim),
}

impl Packed {
    /// Takes `extraction`'s claims and packs those a rule compares: a
    /// claim in no group (said not to happen) is counted, not kept.
    pub fn pack(lexicon: &Lexicon, extraction: &mut Extraction) -> Self {
        let claims = std::mem::take(&mut extraction.claims);
        let mut dates: Vec<Arc<str>> = Vec::new();
        for d in claims.iter().filter_map(|c| c.date.as_ref()) {
            if !dates.contains(d) {
                dates.push(d.clone());
            }
        }
        let mut keyed: Vec<(u8, &Claim)> = claims
            .iter()
            .filter_map(|c| Group::of(lexicon, c).map(|g| ((g.key() % u64::from(BUCKETS)) as u8, c)))
            .collect();
        // Stable: a group's claims keep the note's order.
        keyed.sort_by_key(|&(bucket, _)| bucket);
        // About 43 bytes a claim: one allocation for most notes.
        let mut body = Vec::with_capacity(keyed.len() * 48);
        // Each non-empty bucket: its number, claims and bytes.
        let mut runs: Vec<(u8, usize, usize)> = Vec::new();
        for (bucket, claim) in keyed {
            let body_ref = match &claim.body {
                ClaimBody::Deal(d) => BodyRef::Deal(d),
                ClaimBody::Usage(u) => BodyRef::Usage(u),
            };
            let date = claim.date.as_ref().and_then(|d| dates.iter().position(|x| x == d)).map(|i| i as u32);
            let before = body.len();
            codec()
                .serialize_into(&mut body, &(claim.span, body_ref, date))
                .expect("a claim encodes into memory");
            let len = body.len() - before;
            match runs.last_mut() {
                Some(run) if run.0 == bucket => {
                    run.1 += 1;
                    run.2 += len;
                }
                _ => runs.push((bucket, 1, len)),
            }
        }
        let mut header = Vec::with_capacity(runs.len() * 4);
        for &(bucket, claims, len) in &runs {
            header.push(bucket);
            put(&mut header, claims);
            put(&mut header, len);
        }
        let mut bytes = Vec::with_capacity(header.len() + body.len() + 2);
        if !runs.is_empty() {
            put(&mut bytes, header.len());
            bytes.extend_from_slice(&header);
            bytes.extend_from_slice(&body);
        }
        Self {
            bytes: bytes.into(),
            dates: dates.into(),
            claims: u32::try_from(claims.len()).unwrap_or(u32::MAX),
        }
    }

    /// Each non-empty bucket: its number, how many claims, and where they
    /// are in `bytes`.
    fn runs(&self) -> impl Iterator<Item = (u8, usize, std::ops::Range<usize>)> + '_ {
        let mut rest: &[u8] = &self.bytes;
        let header_len = take(&mut rest).min(rest.len());
        let (mut header, body) = rest.split_at(header_len);
        let mut start = self.bytes.len() - body.len();
        std::iter::from_fn(move || {
            let (&bucket, tail) = header.split_first()?;
            header = tail;
            let claims = take(&mut header);
            let end = (start + take(&mut header)).min(self.bytes.len());
            let range = start..end;
            start = end;
            Some((bucket, claims, range))
        })
    }

    /// How many claims were read from the note.
    pub fn claims(&self) -> usize {
        self.claims as usize
    }

    /// The note's date, as [`super::run`] takes it from the claims.
    pub fn date(&self) -> Option<&str> {
        self.dates.iter().map(|d| &**d).max()
    }

    /// Appends the claims of `batch`'s buckets to `out`.
    fn unpack(&self, batch: Batch, out: &mut Vec<Claim>) {
        let wanted: usize = self.runs().filter(|r| batch.has(r.0)).map(|r| r.1).sum();
        if wanted == 0 {
            return;
        }
        out.reserve_exact(wanted);
        for (_, _, range) in self.runs().filter(|r| batch.has(r.0)) {
            let mut rest = &self.bytes[range];
            while !rest.is_empty() {
                let (span, body, date): (Span, Body, Option<u32>) =
                    codec().deserialize_from(&mut rest).expect("packed claims decode as encoded");
                let body = match body {
                    Body::Deal(d) => ClaimBody::Deal(d),
                    Body::Usage(u) => ClaimBody::Usage(u),
                };
                let date = date.map(|i| self.dates[i as usize].clone());
                out.push(Claim { span, body, date });
            }
        }
    }
}

/// The buckets `b` with `b % of == index`.
#[derive(Clone, Copy, Debug)]
struct Batch {
    index: u8,
    of: u8,
}

impl Batch {
    fn has(self, bucket: u8) -> bool {
        bucket % self.of == self.index
    }

    /// As many batches as keep each near [`CLAIMS_PER_BATCH`] claims: a
    /// power of two up to [`BUCKETS`].
    fn count(claims: usize) -> u8 {
        let wanted = claims.div_ceil(CLAIMS_PER_BATCH).max(1).next_power_of_two();
        wanted.min(usize::from(BUCKETS)) as u8
    }
}

/// Runs every enabled rule over `notes`, whose claims are in `packed` (one
/// each, in the same order; the notes' own `claims` are empty), and returns
/// the findings as [`super::run`] would over the claims unpacked. The first
/// `checked` notes are the ones checked, as in [`Context::checked`].
pub fn run(
    notes: &mut [Extraction],
    packed: &[Packed],
    checked: usize,
    lexicon: &Lexicon,
    settings: &RuleSettings,
) -> Vec<Finding> {
    let total = packed.iter().map(Packed::claims).sum();
    run_in(Batch::count(total), notes, packed, checked, lexicon, settings)
}

fn run_in(
    batches: u8,
    notes: &mut [Extraction],
    packed: &[Packed],
    checked: usize,
    lexicon: &Lexicon,
    settings: &RuleSettings,
) -> Vec<Finding> {
    assert_eq!(notes.len(), packed.len(), "one packing per note");
    // Misspellings are per note, not per group: the first batch reports
    // them. Kept aside for the others (few notes have any).
    let mut misses: Vec<(usize, Vec<NearMiss>)> = notes
        .iter_mut()
        .enumerate()
        .filter(|(_, n)| !n.near_misses.is_empty())
        .map(|(i, n)| (i, std::mem::take(&mut n.near_misses)))
        .collect();
    // The largest batch first, while the findings of the others are not
    // yet held: the peak is the claims held throughout plus one batch.
    let mut sizes = vec![0usize; usize::from(BUCKETS)];
    for p in packed {
        for (bucket, claims, _) in p.runs() {
            sizes[usize::from(bucket)] += claims;
        }
    }
    let mut order: Vec<u8> = (0..batches).collect();
    let size = |index: u8| -> usize {
        (0..BUCKETS).filter(|&b| Batch { index, of: batches }.has(b)).map(|b| sizes[usize::from(b)]).sum()
    };
    order.sort_by_key(|&index| std::cmp::Reverse(size(index)));
    let mut used = None;
    let mut out = Vec::new();
    for (turn, index) in order.into_iter().enumerate() {
        let first = turn == 0;
        let batch = Batch { index, of: batches };
        notes.par_iter_mut().zip(packed).for_each(|(note, p)| p.unpack(batch, &mut note.claims));
        if first {
            swap_misses(notes, &mut misses);
        }
        let cx = Context::new(notes, checked, lexicon, settings);
        let used = used.get_or_insert_with(|| unused_suppression::Used::of(&cx));
        let mut found = Vec::new();
        run_rules(&cx, &mut found);
        settle(&cx, &mut found, used, |doc| packed[doc as usize].date());
        out.append(&mut found);
        drop(cx);
        if first {
            swap_misses(notes, &mut misses);
        }
        for note in notes.iter_mut() {
            note.claims = Vec::new();
        }
    }
    swap_misses(notes, &mut misses);
    let cx = Context::new(notes, checked, lexicon, settings);
    let used = used.unwrap_or_else(|| unused_suppression::Used::of(&cx));
    finish(&cx, &used, out)
}

fn swap_misses(notes: &mut [Extraction], misses: &mut [(usize, Vec<NearMiss>)]) {
    for (i, m) in misses {
        std::mem::swap(&mut notes[*i].near_misses, m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Document;

    /// The seeds, the notes of every labelled corpus in the repository and
    /// the rules' fixtures, then notes of our own with suppressions, used
    /// and not, in groups of their own.
    fn notes() -> Vec<Document> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let folders: Vec<_> = [
            "seeds",
            "tests/corpus/notes",
            "tests/corpus-news/notes",
            "tests/corpus-third/notes",
            "tests/corpus-fourth/notes",
            "tests/fixtures",
        ]
        .iter()
        .map(|f| root.join(f))
        .collect();
        let (files, errors) = crate::input::collect(&folders, None);
        assert!(errors.is_empty(), "{errors:?}");
        let mut docs: Vec<Document> = files.iter().filter_map(|p| crate::input::read(p).ok()).collect();
        let own = [
            "Nvidia is investing $3 billion in Cohere.",
            "<!-- claimlint-disable-next-line amount-conflict -->\nNvidia is investing $5 billion in Cohere.",
            "Nvidia is investing $7 billion in Cohere.",
            "<!-- claimlint-disable-next-line misspelled-name -->\nCohere runs only on Oracle's clould.",
            "<!-- claimlint-disable-next-line exclusivity-conflict -->\nCohere runs exclusively on Google Cloud.",
            "Cohere trains its models on AWS.",
        ];
        docs.extend(own.iter().enumerate().map(|(i, t)| Document::new(format!("own{i}.md"), *t)));
        docs
    }

    fn packed(docs: &[Document], lexicon: &Lexicon) -> (Vec<Extraction>, Vec<Packed>) {
        let mut notes = crate::extract_all(docs, lexicon);
        let packed = notes.iter_mut().map(|n| Packed::pack(lexicon, n)).collect();
        (notes, packed)
    }

    #[test]
    fn packing_keeps_every_compared_claim_and_counts_the_rest() {
        let lexicon = Lexicon::builtin();
        let docs = notes();
        let whole = crate::extract_all(&docs, lexicon);
        let (_, packed) = packed(&docs, lexicon);
        for (w, p) in whole.iter().zip(&packed) {
            let mut back = Vec::new();
            for index in 0..BUCKETS {
                p.unpack(Batch { index, of: BUCKETS }, &mut back);
            }
            let mut kept: Vec<&Claim> = w.claims.iter().filter(|c| Group::of(lexicon, c).is_some()).collect();
            let key = |c: &Claim| (c.span.start(), c.span.end(), format!("{c:?}"));
            kept.sort_by_key(|c| key(c));
            back.sort_by_key(key);
            assert_eq!(kept, back.iter().collect::<Vec<_>>());
            assert_eq!(p.claims(), w.claims.len());
            assert_eq!(p.date(), super::super::note_date(w));
        }
    }

    #[test]
    fn findings_are_the_same_in_any_number_of_batches() {
        let lexicon = Lexicon::builtin();
        let docs = notes();
        assert!(docs.len() > 100, "the labelled corpora are there");
        let settings = RuleSettings::default();
        let whole = crate::extract_all(&docs, lexicon);
        let expected = crate::check_extractions(&whole, lexicon, &settings);
        assert!(expected.len() > 50, "{} findings", expected.len());
        // Our own notes: a suppression that suppresses, one that does not.
        let own = |f: &Finding| f.locations.iter().any(|l| docs[l.doc as usize].path.starts_with("own"));
        let rules: Vec<&str> = expected.iter().filter(|f| own(f)).map(|f| f.rule).collect();
        assert!(rules.contains(&"unused-suppression") && !rules.contains(&"amount-conflict"), "{rules:?}");
        let (mut notes, packed) = packed(&docs, lexicon);
        for batches in [1, 2, 4, 8, 16] {
            let all = notes.len();
            let got = run_in(batches, &mut notes, &packed, all, lexicon, &settings);
            assert_eq!(got, expected, "in {batches} batches");
        }
        // Against a corpus: the first notes checked, the others compared.
        for checked in [1, 7] {
            let expected = crate::check_extractions_of(&whole, checked, lexicon, &settings);
            for batches in [1, 4, 16] {
                let got = run_in(batches, &mut notes, &packed, checked, lexicon, &settings);
                assert_eq!(got, expected, "{checked} checked, in {batches} batches");
            }
        }
        // The notes are as they were given, near misses included.
        assert!(notes.iter().zip(&whole).all(|(n, w)| n.near_misses == w.near_misses && n.claims.is_empty()));
    }

    #[test]
    fn batches_cover_every_bucket_once() {
        for of in [1, 2, 4, 8, 16] {
            for bucket in 0..BUCKETS {
                assert_eq!((0..of).filter(|&index| Batch { index, of }.has(bucket)).count(), 1);
            }
        }
        assert_eq!(Batch::count(0), 1);
        assert_eq!(Batch::count(CLAIMS_PER_BATCH), 1);
        assert_eq!(Batch::count(CLAIMS_PER_BATCH + 1), 2);
        assert_eq!(Batch::count(usize::MAX / 2), BUCKETS);
    }
}
