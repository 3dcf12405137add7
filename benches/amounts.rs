//! Throughput of money-amount recognition over prose built from the seed
//! notes, against a single-regex baseline that only finds money-looking text
//! (no values, no bounds, no ranges, no vague amounts).
//!
//! `cargo bench --bench amounts`

use std::hint::black_box;

use claimlint::extract::amount::find_amounts;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use regex::Regex;

/// The seed notes, concatenated.
fn corpus() -> String {
    [
        include_str!("../seeds/000_bb608b4455414188.txt"),
        include_str!("../seeds/001_1da43065bb9a495b.txt"),
        include_str!("../seeds/002_471a74c61799ece3.txt"),
        include_str!("../seeds/003_38496f695f0b3f57.txt"),
        include_str!("../seeds/004_9c8d1854f396f8d6.txt"),
    ]
    .join("\n\n")
}

/// One regex for "money-looking" text, written for the regex crate's DFA
/// (ASCII word boundaries and digits): a sign or code with a number and an
/// optional magnitude, or a number with a magnitude and a currency word.
fn baseline() -> Regex {
    Regex::new(
        r"(?xi)
        (?: (?:US|C|A|HK)?[$€£¥₹] | (?-u:\b)(?:USD|EUR|GBP|JPY|CNY)\x20? ) \x20?[0-9][0-9,]*(?:\.[0-9]+)?
            (?:\x20?(?:k|m|mn|mm|b|bn|t|tn|thousand|million|billion|trillion)(?-u:\b))?
        | (?-u:\b)[0-9][0-9,]*(?:\.[0-9]+)?\x20?(?:(?:thousand|million|billion|trillion)\x20)?
            (?:dollars?|euros?|pounds?|yen|yuan|USD|EUR|GBP)(?-u:\b)
        | (?-u:\b)(?:tens\x20of\x20|hundreds\x20of\x20)?(?:millions|billions|trillions)(?-u:\b)
        ",
    )
    .expect("valid baseline regex")
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let re = baseline();
    let mut group = c.benchmark_group("amounts");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("find_amounts", |b| b.iter(|| find_amounts(black_box(&text)).len()));
    group.bench_function("regex_baseline", |b| b.iter(|| re.find_iter(black_box(&text)).count()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
