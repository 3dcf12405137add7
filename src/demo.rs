//! The five seed notes, compiled in as the demo corpus (`claimlint check --demo`).

use crate::source::Document;

const SEEDS: &[(&str, &str)] = &[
    ("seeds/000_bb608b4455414188.txt", include_str!("../seeds/000_bb608b4455414188.txt")),
    ("seeds/001_1da43065bb9a495b.txt", include_str!("../seeds/001_1da43065bb9a495b.txt")),
    ("seeds/002_471a74c61799ece3.txt", include_str!("../seeds/002_471a74c61799ece3.txt")),
    ("seeds/003_38496f695f0b3f57.txt", include_str!("../seeds/003_38496f695f0b3f57.txt")),
    ("seeds/004_9c8d1854f396f8d6.txt", include_str!("../seeds/004_9c8d1854f396f8d6.txt")),
];

/// The seed notes as documents.
pub fn documents() -> Vec<Document> {
    SEEDS.iter().map(|(path, text)| Document::new(*path, *text)).collect()
}
