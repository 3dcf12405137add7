//! From a document's text to claims: prose segments, sentences, names,
//! amounts, and the grammar that reads claim shapes.

pub mod amount;
