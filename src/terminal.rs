//! What the terminal gets besides the report: the progress bar of long
//! runs, and whether human output is coloured.

use std::ffi::OsStr;
use std::io::{self, IsTerminal};

use indicatif::{HumanCount, ProgressBar, ProgressState, ProgressStyle};

/// Whether `NO_COLOR` (its value, if set) asks for no colour: only when it
/// is not empty, as <https://no-color.org> defines it, so `NO_COLOR=` in a
/// script that clears it does not turn colour off.
pub fn no_color(value: Option<&OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

/// A progress bar on stderr for runs of 2,000 notes or more, only when
/// stderr is a terminal.
///
/// Ctrl-C while it is up would leave the half-drawn bar on the screen, under
/// the shell's next prompt: a handler (the `ctrlc` crate, which only wakes
/// its own thread from the signal) clears the bar and exits with 130, the
/// status a shell gives a run stopped by Ctrl-C. It is installed only with
/// a bar, so other runs keep the default behaviour. What a stopped run
/// leaves in the claims cache is harmless (see `cache`).
pub fn progress_bar(files: usize, quiet: bool) -> ProgressBar {
    const LONG_RUN: usize = 2_000;
    if quiet || files < LONG_RUN || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files as u64);
    let style =
        ProgressStyle::with_template("{bar:40} {pos}/{len} notes read ({rate}, {eta})").map(|style| {
            style.with_key("rate", |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&rate(state.per_sec()));
            })
        });
    if let Ok(style) = style {
        bar.set_style(style);
    }
    let shown = bar.clone();
    // Fails only if a handler is installed already: then Ctrl-C does what
    // that one does.
    let _ = ctrlc::set_handler(move || {
        shown.finish_and_clear();
        std::process::exit(130);
    });
    bar
}

/// A check's progress, drawn by [`progress_bar`] once the number of notes
/// is known.
pub struct Bar {
    quiet: bool,
    bar: std::sync::OnceLock<ProgressBar>,
}

impl Bar {
    pub fn new(quiet: bool) -> Self {
        Self { quiet, bar: std::sync::OnceLock::new() }
    }
}

impl claimlint::workflow::Progress for Bar {
    fn start(&self, notes: usize) {
        let _ = self.bar.set(progress_bar(notes, self.quiet));
    }

    fn read_one(&self) {
        if let Some(bar) = self.bar.get() {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

/// Notes per second as a whole number with thousands separated
/// ("2,433/s"); indicatif's `{per_sec}` shows "2,433.2349/s".
fn rate(per_sec: f64) -> String {
    // `as` saturates: NaN (no time elapsed yet) is 0, infinity the largest.
    format!("{}/s", HumanCount(per_sec.round() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_is_a_whole_number_of_notes_per_second() {
        assert_eq!(rate(2433.2349), "2,433/s");
        assert_eq!(rate(999.5), "1,000/s");
        assert_eq!(rate(12.0), "12/s");
        assert_eq!(rate(0.2), "0/s");
        assert_eq!(rate(f64::NAN), "0/s");
    }

    #[test]
    fn only_a_non_empty_no_color_turns_colour_off() {
        assert!(!no_color(None));
        assert!(!no_color(Some(OsStr::new(""))), "set but empty is as if unset");
        assert!(no_color(Some(OsStr::new("1"))));
        assert!(no_color(Some(OsStr::new("0"))), "any value, even 0");
    }
}
