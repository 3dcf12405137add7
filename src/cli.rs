//! Command-line arguments (clap derive).

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "claimlint",
    version,
    about = "Finds claims that contradict each other across analyst notes"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Read this configuration file instead of looking for claimlint.toml.
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file: built-in lexicon and rules only.
    #[arg(long, global = true)]
    pub no_config: bool,
    /// Number of threads (default: one per core). Output is the same for any number.
    #[arg(long, short = 'j', global = true, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check notes against each other and report contradictions.
    Check(CheckArgs),
    /// Print the claims understood in each note: JSON Lines (the default), a
    /// claims file for `check --claims` (`--format claims`), or how each
    /// sentence was read (`--trace`).
    Extract(ExtractArgs),
    /// List every deal the notes state: each figure with its notes (path,
    /// line, date), hedges and conditions, and whether the deal is in
    /// conflict (as `check` reports it).
    ///
    /// Deals are grouped as the rules group them: investor and recipient,
    /// kind of deal, and round or year. With --party, each deal's timeline
    /// follows: its statements by note date, oldest first.
    Deals(DealsArgs),
    /// List every rule: id, default severity and summary.
    Rules,
    /// List the claim reader's word classes and the phrases of each, as the
    /// configuration leaves them (`rules/vocabulary.toml` plus
    /// `[vocabulary]` in claimlint.toml).
    Vocabulary {
        /// Only this class (as listed without it).
        class: Option<String>,
    },
    /// Explain a rule: what it catches, why, an example, how to silence it.
    Explain {
        /// A rule id, as `claimlint rules` lists them.
        rule: String,
    },
    /// Write a commented starter claimlint.toml in the current folder.
    Init {
        /// Replace an existing claimlint.toml.
        #[arg(long)]
        force: bool,
    },
    /// Show the configuration in effect.
    Config {
        /// Print the effective configuration as TOML.
        #[arg(long)]
        show: bool,
    },
    /// Run a language server for editors, over standard input and output.
    ///
    /// Checks open Markdown and text notes as they are edited against the
    /// workspace's notes (the `corpus` of claimlint.toml, else the
    /// workspace folder). README.md, "Editors", has the setup for Neovim,
    /// Helix, VS Code and Zed.
    Lsp,
    /// Print a shell completion script.
    ///
    /// For example, for bash:
    /// `claimlint completions bash > ~/.local/share/bash-completion/completions/claimlint`
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or a subcommand's page.
    ///
    /// For example: `claimlint man > claimlint.1 && man ./claimlint.1`, or
    /// `claimlint man check` for claimlint-check(1).
    Man {
        /// A subcommand, for its own page.
        command: Option<String>,
    },
}

/// Writes the completion script for `shell`. clap_complete panics if a write
/// fails, so the script is built in memory and written here, where a closed
/// pipe is an ordinary error.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> io::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "claimlint", &mut script);
    out.write_all(&script)
}

/// Writes the man page of claimlint, or of one of its subcommands (the
/// pages the main one refers to as claimlint-check(1) and so on).
pub fn man(command: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    // Building names the subcommands `claimlint-check` and so on.
    cli.build();
    let page = match command {
        None => cli,
        Some(name) => match cli.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
                let message = format!("no subcommand `{name}`; the subcommands are: {}", names.join(", "));
                cli.error(clap::error::ErrorKind::InvalidValue, message).exit()
            }
        },
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).source(concat!("claimlint ", env!("CARGO_PKG_VERSION"))).render(&mut roff)?;
    if matches!(command, None | Some("check")) {
        roff = with_sections(roff, EXIT_STATUS_AND_ENVIRONMENT);
    }
    out.write_all(&roff)
}

/// What clap_mangen has no section for: the exit status (as README's "Exit
/// status" table) and every environment variable that changes a run.
const EXIT_STATUS_AND_ENVIRONMENT: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success; for \fBcheck\fR, no finding at or above \fB\-\-fail\-on\fR (default \fBerror\fR; also \fBwarning\fR, \fBinfo\fR, \fBnever\fR).
.TP
\fB1\fR
\fBcheck\fR found at least one finding at or above \fB\-\-fail\-on\fR.
.TP
\fB2\fR
A usage error, an invalid configuration, or a file or folder that could not be read (the others are still checked). A binary file is skipped with a note and does not change the status.
.SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
When set and not empty, \fB\-\-color auto\fR (the default) does not colour human output; \fB\-\-color always\fR still does. See https://no\-color.org.
.TP
\fBRAYON_NUM_THREADS\fR
The number of threads when \fB\-\-threads\fR is not given (default: one per core).
"#;

/// The page with `sections` before its VERSION section, where man pages
/// keep them (or at its end, if it has none).
fn with_sections(page: Vec<u8>, sections: &str) -> Vec<u8> {
    let page = String::from_utf8_lossy(&page).into_owned();
    let at = page.find("\n.SH VERSION\n").map_or(page.len(), |i| i + 1);
    format!("{}{sections}{}", &page[..at], &page[at..]).into_bytes()
}

#[derive(Debug, Args)]
pub struct Input {
    /// Files and folders to read (folders are walked, respecting .gitignore);
    /// `-` reads one note from standard input. Default: `.`
    pub paths: Vec<PathBuf>,
    /// The path of the note read from standard input (`-`): how it is shown,
    /// whether it is Markdown, and which corpus note it stands for.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Read the five seed notes compiled into claimlint instead of files.
    #[arg(long, conflicts_with = "paths")]
    pub demo: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: Input,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// When to use colour in human output (auto: on a terminal, unless
    /// NO_COLOR is set to a non-empty value).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Compare the named files with these notes too, and report only findings
    /// that involve a named file. Default: `corpus` from claimlint.toml.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub against: Vec<PathBuf>,
    /// Compare the named files with the notes under PATH when neither
    /// --against nor `corpus` in claimlint.toml names others, and report only
    /// findings that involve a named file. The pre-commit hook passes `.`,
    /// the repository root: a staged note is checked against every note.
    #[arg(long, value_name = "PATH")]
    pub default_corpus: Option<PathBuf>,
    /// Run the rules on claims already extracted (`extract --format claims`)
    /// instead of reading notes; notes with findings are re-read to show them.
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with_all = ["paths", "demo", "against", "fix", "diff"])]
    pub claims: Vec<PathBuf>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Apply the fixes of fixable findings (misspellings), atomically.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Show the fixes as a unified diff, without writing: the patch alone on
    /// standard output (for `git apply`), a summary on standard error, and
    /// the report only with --output-file.
    #[arg(long)]
    pub diff: bool,
    /// Print findings only: no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Succeed when there is no note to check (by default a warning and exit
    /// status 2, since a mistyped folder is not a clean result).
    #[arg(long)]
    pub allow_empty: bool,
    /// Neither read nor write the claims cache (`.claimlint-cache/` beside
    /// claimlint.toml, or at the root of the git repository; used when a run
    /// reads 100 notes or more).
    #[arg(long)]
    pub no_cache: bool,
    /// Keep the claims cache in this folder instead (made if missing; a
    /// folder holding other files is not used).
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    pub cache_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: Input,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    /// Also print every recognised name and money amount.
    #[arg(long)]
    pub mentions: bool,
    /// Show how each sentence was read instead: its tokens and their
    /// classes, the claim shapes that matched, and the claims they gave.
    #[arg(long, conflicts_with_all = ["format", "mentions"])]
    pub trace: bool,
}

#[derive(Debug, Args)]
pub struct DealsArgs {
    #[command(flatten)]
    pub input: Input,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DealsFormat::Human)]
    pub format: DealsFormat,
    /// Only deals this company (or one it owns: Amazon takes in AWS) is a
    /// side of; any name or alias of the lexicon, in any case. Adds each
    /// deal's timeline to human output.
    #[arg(long, value_name = "NAME")]
    pub party: Option<String>,
    /// Only deals in conflict.
    #[arg(long)]
    pub conflicts: bool,
    /// Neither read nor write the claims cache.
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DealsFormat {
    /// A table for people, 100 columns wide: one block per deal.
    Human,
    /// One JSON document (see README for its shape).
    Json,
    /// One row per note stating a figure, with a header row.
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics for people, with the source line of every location.
    Human,
    /// One JSON document (see README for its shape).
    Json,
    /// SARIF 2.1.0, for code-scanning services and SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: one annotation per finding.
    Github,
    /// One line per finding: `path:line:col: rule message`.
    Concise,
    /// GitLab Code Quality (a JSON array), for `artifacts: reports: codequality`.
    Gitlab,
    /// A GitHub-flavoured Markdown summary, for `$GITHUB_STEP_SUMMARY` or a
    /// pull-request comment (links go to the commit on GitHub when
    /// GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA are set).
    Markdown,
    /// One self-contained HTML page: the findings with each side's line of
    /// the note, and the deal ledger with each deal's timeline; filters by
    /// rule and company, pages for large runs (for a CI artifact).
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One claim a line, for people and scripts.
    Jsonl,
    /// Every document's full extraction, for `check --claims` (a map/reduce
    /// over many machines).
    Claims,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}
