//! The configuration loader on arbitrary text: an error or a configuration,
//! never a panic; an accepted configuration builds its lexicon, and what
//! `config --show` prints of it is accepted again.
#![no_main]

use std::path::Path;

use claimlint::config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(c) = config::parse(Path::new("claimlint.toml"), text) else { return };
    let _ = c.rule_settings();
    assert!(c.build_lexicon().is_ok(), "parse accepted a lexicon that does not build");
    let shown = c.to_toml();
    if let Err(e) = config::parse(Path::new("shown.toml"), &shown) {
        panic!("`config --show` output is rejected: {e}\n{shown}");
    }
});
