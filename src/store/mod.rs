//! What claimlint keeps on disk between runs, each with a version in it
//! and refused (or rebuilt) when another version wrote it: the claims cache,
//! claims files for a map/reduce over many machines, and baselines.

pub mod baseline;
pub mod cache;
pub mod claims_file;
