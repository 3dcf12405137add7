//! Micro-benchmarks of each stage of the pipeline, on the seed notes plus
//! generated notes (`bench/corpus.rs`, the generator behind `bench/compare.sh`).
//!
//! ```sh
//! cargo bench --bench stages                  # every stage
//! cargo bench --bench stages -- lexicon       # stages whose name contains "lexicon"
//! CLAIMLINT_BENCH_NOTES=2000 cargo bench --bench stages
//! ```
//!
//! Every stage reports `Throughput::Bytes` of the same thing, the corpus's
//! bytes, so the MB/s figures compare directly: a stage at 100 MB/s costs ten
//! times one at 1 GB/s on the same notes. Stages run on one thread; only
//! `check/parallel` uses rayon, as `claimlint check` does.

#[path = "../bench/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use claimlint::claims::{Amount, Extraction, Party};
use claimlint::extract::{self, amount, prose, sentences, shapes, tokens};
use claimlint::lexicon::Lexicon;
use claimlint::report::{self, Run, Sources, Summary};
use claimlint::rules::RuleSettings;
use claimlint::source::{Document, Span};

/// The seed notes and `CLAIMLINT_BENCH_NOTES` generated ones (default 300,
/// about 1 MB).
fn corpus() -> Vec<Document> {
    let notes = std::env::var("CLAIMLINT_BENCH_NOTES").ok().and_then(|n| n.parse().ok()).unwrap_or(300);
    let generator = corpus::Generator::new(corpus::DEFAULT_SEED);
    let mut docs = claimlint::demo::documents();
    docs.extend((0..notes).map(|i| {
        let note = generator.note(i);
        Document::new(note.path, note.text)
    }));
    docs
}

/// A sentence as `extract` hands it to the tokenizer, with owned parts.
struct Parsed {
    text: String,
    base: usize,
    names: Vec<Party>,
    amounts: Vec<Amount>,
}

/// Every sentence of every prose block, and each prepared as
/// `extract::extract` prepares it for the tokenizer.
fn sentences_of(proses: &[prose::Prose], lexicon: &Lexicon) -> (Vec<String>, Vec<Parsed>) {
    let mut all = Vec::new();
    let mut parsed = Vec::new();
    for p in proses {
        let text = p.text.as_str();
        let mut names: Vec<Party> = lexicon.find_entities(text).into_iter().map(Party::from).collect();
        names.extend(lexicon.near_misses(text).iter().map(|n| Party { entity: n.entity, span: n.span }));
        names.sort_by_key(|n| n.span);
        for &block in &p.blocks {
            for s in sentences::split(text, block) {
                let s_text = &text[s.range()];
                all.push(s_text.to_owned());
                let mut amounts = amount::find_amounts(s_text);
                for a in &mut amounts {
                    a.span = a.span.shift(s.start());
                }
                parsed.push(Parsed {
                    text: s_text.to_owned(),
                    base: s.start(),
                    names: within(&names, s).to_vec(),
                    amounts,
                });
            }
        }
    }
    (all, parsed)
}

fn within(names: &[Party], span: Span) -> &[Party] {
    let start = names.partition_point(|p| p.span.start() < span.start());
    let end = names.partition_point(|p| p.span.start() < span.end());
    &names[start..end]
}

fn stages(c: &mut Criterion) {
    let docs = corpus();
    let lexicon = Lexicon::builtin();
    let settings = RuleSettings::default();
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();

    let proses: Vec<prose::Prose> = docs.iter().map(prose::prose).collect();
    let (all_sentences, parsed) = sentences_of(&proses, lexicon);
    let extractions: Vec<Extraction> = docs.iter().map(|d| extract::extract(d, lexicon)).collect();
    let findings = claimlint::check_extractions(&extractions, lexicon, &settings);
    let summary = Summary {
        files: docs.len(),
        claims: extractions.iter().map(|e| e.claims.len()).sum(),
        findings: findings.len(),
        errors: 0,
    };
    eprintln!(
        "stages: {} notes, {bytes} bytes, {} sentences ({} parsed), {} claims, {} findings",
        docs.len(),
        all_sentences.len(),
        parsed.len(),
        summary.claims,
        summary.findings
    );

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);

    g.bench_function("prose", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(prose::prose(black_box(d)));
            }
        })
    });
    g.bench_function("sentences", |b| {
        b.iter(|| {
            for p in &proses {
                for &block in &p.blocks {
                    black_box(sentences::split(black_box(&p.text), block));
                }
            }
        })
    });
    g.bench_function("lexicon/find_entities", |b| {
        b.iter(|| {
            for p in &proses {
                black_box(lexicon.find_entities(black_box(&p.text)));
            }
        })
    });
    g.bench_function("lexicon/near_misses", |b| {
        b.iter(|| {
            for p in &proses {
                black_box(lexicon.near_misses(black_box(&p.text)));
            }
        })
    });
    g.bench_function("amounts", |b| {
        b.iter(|| {
            for s in &all_sentences {
                black_box(amount::find_amounts(black_box(s)));
            }
        })
    });
    let vocab = lexicon.vocabulary();
    let tokenized: Vec<(Vec<tokens::Token>, String)> = parsed
        .iter()
        .map(|p| {
            let t = tokens::tokenize(&p.text, p.base, &p.names, &p.amounts, lexicon, vocab);
            let classes = tokens::class_string(&t);
            (t, classes)
        })
        .collect();
    g.bench_function("tokens", |b| {
        b.iter(|| {
            for p in &parsed {
                black_box(tokens::tokenize(&p.text, p.base, &p.names, &p.amounts, lexicon, vocab));
            }
        })
    });
    g.bench_function("grammar", |b| {
        b.iter(|| {
            for ((toks, classes), p) in tokenized.iter().zip(&parsed) {
                if shapes::may_hold_claim(classes.as_bytes()) {
                    let s =
                        shapes::Sentence { tokens: toks, amounts: &p.amounts, text: &p.text, base: p.base };
                    black_box(shapes::read(&s, classes, lexicon));
                }
            }
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(extract::extract(black_box(d), lexicon));
            }
        })
    });
    g.bench_function("rules", |b| {
        b.iter(|| black_box(claimlint::check_extractions(black_box(&extractions), lexicon, &settings)))
    });
    g.bench_function("render/json", |b| {
        b.iter(|| {
            // Line indexes are built on first use, as in a real run.
            let run = Run { sources: Sources::new(&docs), findings: &findings, errors: &[], summary };
            let mut out = Vec::with_capacity(1 << 20);
            report::json::write(&run, &mut out).expect("writing to a Vec");
            black_box(out)
        })
    });
    g.bench_function("render/human", |b| {
        b.iter(|| {
            let run = Run { sources: Sources::new(&docs), findings: &findings, errors: &[], summary };
            let mut out = Vec::with_capacity(1 << 20);
            let style = report::human::Style { color: false, width: 100, summary: true };
            report::human::write(&run, style, &mut out).expect("writing to a Vec");
            black_box(out)
        })
    });
    g.bench_function("check/parallel", |b| {
        b.iter(|| black_box(claimlint::check(black_box(&docs), lexicon, &settings)))
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
