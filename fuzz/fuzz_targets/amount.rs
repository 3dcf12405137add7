//! The amount parser on arbitrary text: no panic, spans inside the text, and
//! intervals that are intervals.
#![no_main]

use claimlint::extract::amount::find_amounts;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for a in find_amounts(text) {
        assert!(a.span.start() < a.span.end() && a.span.end() <= text.len());
        assert!(text.is_char_boundary(a.span.start()) && text.is_char_boundary(a.span.end()));
        if let (Some(lo), Some(hi)) = (a.min, a.max) {
            assert!(lo <= hi, "{lo} > {hi} in {:?}", &text[a.span.range()]);
        }
    }
});
