//! claimlint: finds claims that contradict each other across analyst notes.
//!
//! The pipeline: [`extract`] reads each document into claims, [`rules`]
//! compares the claims of all documents and returns [`finding::Finding`]s,
//! and `report` renders them. This library never prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod claims;
pub mod extract;
pub mod finding;
pub mod lexicon;
pub mod rules;
pub mod source;
