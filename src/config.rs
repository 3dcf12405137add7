//! `claimlint.toml`: rules, amounts, lexicon changes, files and corpus.
//!
//! Found by walking up from the working directory (`claimlint.toml`, then
//! `.claimlint.toml`), overridden with `--config FILE`, ignored with
//! `--no-config`. Every error points at the line and key it is about.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::extract::vocab::{Vocabulary, VocabularyChanges, VocabularyError};
use crate::finding::Severity;
use crate::lexicon::{Lexicon, LexiconChanges, LexiconError};
use crate::rules::{self, RuleSettings};

/// The names a configuration file may have, in the order they are looked for.
pub const FILE_NAMES: &[&str] = &["claimlint.toml", ".claimlint.toml"];

/// A configuration file as written.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Notes every checked file is compared against (folders or files,
    /// relative to the configuration file).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corpus: Vec<String>,
    /// Globs of files to check when walking folders (default: every note).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Globs of files never to check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Rule id → `error`, `warning` (or `warn`), `info` or `off`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    pub amount: AmountConfig,
    #[serde(default)]
    pub lexicon: LexiconChanges,
    /// Phrases added to (or removed from) the claim reader's word classes
    /// (`rules/vocabulary.toml`).
    #[serde(default, skip_serializing_if = "vocabulary_unchanged")]
    pub vocabulary: VocabularyChanges,
}

fn vocabulary_unchanged(v: &VocabularyChanges) -> bool {
    v.0.is_empty()
}

/// Why the lexicon or vocabulary a configuration asks for cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("[lexicon]: {0}")]
    Lexicon(#[from] LexiconError),
    #[error("[vocabulary]: {0}")]
    Vocabulary(#[from] VocabularyError),
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AmountConfig {
    /// Relative tolerance around approximate amounts ("about $13B").
    #[serde(default = "default_tolerance")]
    pub tolerance: f64,
    /// Relative difference under which two exact amounts are the same
    /// figure rounded differently.
    #[serde(default)]
    pub rounding: f64,
}

fn default_tolerance() -> f64 {
    RuleSettings::default().approximate_tolerance
}

impl Default for AmountConfig {
    fn default() -> Self {
        Self { tolerance: default_tolerance(), rounding: 0.0 }
    }
}

/// Why a configuration could not be used, with the byte span it is about.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{message}")]
    Invalid { path: String, text: String, span: Option<std::ops::Range<usize>>, message: String },
}

impl ConfigError {
    fn invalid(path: &Path, text: &str, span: Option<std::ops::Range<usize>>, message: String) -> Self {
        ConfigError::Invalid { path: path.display().to_string(), text: text.to_owned(), span, message }
    }
}

/// A loaded configuration and where it came from.
#[derive(Debug)]
pub struct Loaded {
    pub config: Config,
    pub path: Option<PathBuf>,
}

impl Loaded {
    /// The folder relative paths in the file are resolved against.
    pub fn base(&self) -> PathBuf {
        self.path.as_deref().and_then(Path::parent).map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }
}

/// The first configuration file in `start` or a folder above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().flat_map(|dir| FILE_NAMES.iter().map(move |n| dir.join(n))).find(|p| p.is_file())
}

/// Reads and validates a configuration file.
pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
    let text = fs::read_to_string(path)
        .map_err(|source| ConfigError::Read { path: path.display().to_string(), source })?;
    let config = parse(path, &text)?;
    Ok(Loaded { config, path: Some(path.to_path_buf()) })
}

/// Parses and validates configuration text; `path` names it in errors.
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let config: Config = toml::from_str(text)
        .map_err(|e| ConfigError::invalid(path, text, e.span(), e.message().to_owned()))?;
    for (id, severity) in &config.rules {
        if rules::find(id.get_ref()).is_none() {
            let ids: Vec<&str> = rules::RULES.iter().map(|r| r.meta().id).collect();
            let message = format!("unknown rule `{}`; the rules are: {}", id.get_ref(), ids.join(", "));
            return Err(ConfigError::invalid(path, text, Some(id.span()), message));
        }
        if severity.get_ref() != "off" && severity.get_ref().parse::<Severity>().is_err() {
            let message = format!(
                "unknown severity `{}` (expected error, warning, warn, info or off)",
                severity.get_ref()
            );
            return Err(ConfigError::invalid(path, text, Some(severity.span()), message));
        }
    }
    for (key, value) in [("tolerance", config.amount.tolerance), ("rounding", config.amount.rounding)] {
        if !(0.0..1.0).contains(&value) {
            let span = find_key(text, key);
            let message = format!("amount.{key} must be at least 0 and less than 1, not {value}");
            return Err(ConfigError::invalid(path, text, span, message));
        }
    }
    for glob in config.include.iter().chain(&config.exclude) {
        if let Err(e) = ignore::overrides::OverrideBuilder::new(".").add(glob) {
            let span = text.find(glob.as_str()).map(|s| s..s + glob.len());
            return Err(ConfigError::invalid(path, text, span, format!("invalid glob `{glob}`: {e}")));
        }
    }
    // Lexicon and vocabulary changes are checked by building them once.
    config.build_lexicon().map_err(|e| {
        let name = match &e {
            BuildError::Lexicon(e) => lexicon_error_name(e),
            BuildError::Vocabulary(e) => vocabulary_error_name(e),
        };
        let span =
            name.and_then(|n| text.find(&format!("\"{n}\"")).or_else(|| text.find(n))).map(|s| s..s + 1);
        ConfigError::invalid(path, text, span, e.to_string())
    })?;
    Ok(config)
}

fn find_key(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    text.match_indices(key)
        .find(|(i, _)| text[i + key.len()..].trim_start().starts_with('='))
        .map(|(i, _)| i..i + key.len())
}

fn lexicon_error_name(e: &LexiconError) -> Option<&str> {
    match e {
        LexiconError::UnknownReference { target, .. } => Some(target),
        LexiconError::DuplicateAlias { alias, .. } => Some(alias),
        LexiconError::RepeatedName { name, .. } => Some(name),
        LexiconError::NotACloud { target, .. } => Some(target),
        LexiconError::UnknownRemoval { name } => Some(name),
        LexiconError::InvalidName { name, .. } => Some(name),
        _ => None,
    }
}

fn vocabulary_error_name(e: &VocabularyError) -> Option<&str> {
    match e {
        VocabularyError::UnknownClass(class) => Some(class),
        VocabularyError::UnknownSense { sense, .. } => Some(sense),
        VocabularyError::Duplicate { phrase, .. } | VocabularyError::InvalidPhrase { phrase, .. } => {
            Some(phrase)
        }
        VocabularyError::UnknownRemoval(phrase) => Some(phrase),
        VocabularyError::Toml(_) => None,
    }
}

impl Config {
    /// The lexicon with this configuration's changes applied, reading with
    /// this configuration's vocabulary.
    pub fn build_lexicon(&self) -> Result<Lexicon, BuildError> {
        let lexicon = Lexicon::builtin_with_changes(self.lexicon.clone())?;
        if vocabulary_unchanged(&self.vocabulary) {
            return Ok(lexicon);
        }
        Ok(lexicon.with_vocabulary(Vocabulary::builtin_with_changes(&self.vocabulary)?))
    }

    /// Whether the lexicon or its vocabulary differ from the built-in ones.
    pub fn changes_lexicon(&self) -> bool {
        self.lexicon != LexiconChanges::default() || !vocabulary_unchanged(&self.vocabulary)
    }

    /// The rule settings this configuration gives.
    pub fn rule_settings(&self) -> RuleSettings {
        let mut settings = RuleSettings {
            approximate_tolerance: self.amount.tolerance,
            rounding_tolerance: self.amount.rounding,
            ..RuleSettings::default()
        };
        for (id, severity) in &self.rules {
            let Some(rule) = rules::find(id.get_ref()) else { continue };
            let id = rule.meta().id;
            match severity.get_ref().parse::<Severity>() {
                Ok(s) => {
                    settings.severities.insert(id, s);
                }
                Err(_) => {
                    settings.severities.remove(id);
                }
            }
        }
        settings
    }

    /// The configuration as TOML, every setting spelled out.
    pub fn to_toml(&self) -> String {
        let mut effective = self.clone();
        for rule in rules::RULES {
            let id = rule.meta().id;
            if !effective.rules.keys().any(|k| k.get_ref() == id) {
                effective.rules.insert(
                    Spanned::new(0..0, id.to_owned()),
                    Spanned::new(0..0, rule.meta().default_severity.as_str().to_owned()),
                );
            }
        }
        toml::to_string_pretty(&effective).unwrap_or_default()
    }
}

/// The file `claimlint init` writes.
pub const STARTER: &str = r#"# claimlint configuration. Every setting is optional; the values shown
# are the defaults. `claimlint config --show` prints what is in effect.

# Notes every checked file is compared against, relative to this file.
# With a corpus, `claimlint check draft.md` reports only findings that
# involve draft.md. Empty: the files named on the command line only.
corpus = []

# Globs of files to check when walking folders, and files never to check.
include = []
exclude = []

# Severity per rule: "error", "warning" (or "warn"), "info" or "off".
# `claimlint rules` lists them; `claimlint explain <rule>` tells more.
[rules]
# amount-conflict = "error"
# condition-conflict = "error"
# exclusivity-conflict = "error"
# misspelled-name = "error"
# unused-suppression = "warning"

[amount]
# Relative tolerance around approximate amounts ("about $13B").
tolerance = 0.15
# Relative difference under which two exact amounts are one figure rounded
# differently ("$10 billion" and "$10.2 billion" with rounding = 0.05).
rounding = 0.0

# Add to or change the built-in lexicon (rules/lexicon.toml).
[lexicon]
# Names to remove: a canonical name removes its entry, an alias only that alias.
remove = []
# Words the misspelling check must leave alone.
allow = []

# [[lexicon.entity]]
# name = "Acme Cloud"
# kind = "cloud"          # company, lab, cloud, chip, model, product, investor, person
# aliases = ["AcmeCloud"]
# owner = "Acme"          # must be in the lexicon too

# Add to or change the words the claim reader knows (rules/vocabulary.toml;
# `claimlint vocabulary` lists the classes). `{a,b}` spells alternatives.
# [vocabulary.invest]
# words = ["shovel{,s,led,ling}", "bankroll{,s,ed,ing}"]
# [vocabulary.condition]
# words = ["predicated on"]
# remove = ["if"]
"#;

/// `s` as a TOML basic string, quotes included: for the configuration
/// edits claimlint writes (the language server's allow list) and the
/// lexicon's canonical form.
pub(crate) fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (String, Option<String>) {
        match parse(Path::new("claimlint.toml"), text) {
            Err(ConfigError::Invalid { message, span, text, .. }) => {
                (message, span.map(|s| text[s].to_owned()))
            }
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn starter_file_is_valid_and_default() {
        let c = parse(Path::new("claimlint.toml"), STARTER).unwrap();
        assert!(!c.changes_lexicon());
        let s = c.rule_settings();
        assert_eq!(s.severities, RuleSettings::default().severities);
    }

    #[test]
    fn the_starter_names_every_severity_accepted() {
        for severity in ["error", "warning", "warn", "info", "off"] {
            assert!(STARTER.contains(&format!("\"{severity}\"")), "{severity}");
            let text = format!("[rules]\nmisspelled-name = \"{severity}\"\n");
            assert!(parse(Path::new("c"), &text).is_ok(), "{severity}");
        }
        let (message, _) = err("[rules]\nmisspelled-name = \"warnings\"\n");
        assert!(message.contains("error, warning, warn, info or off"), "{message}");
    }

    #[test]
    fn severities_and_off() {
        let c = parse(Path::new("c"), "[rules]\nmisspelled-name = \"warning\"\namount-conflict = \"off\"\n")
            .unwrap();
        let s = c.rule_settings();
        assert_eq!(s.severities.get("misspelled-name"), Some(&Severity::Warning));
        assert!(!s.is_enabled("amount-conflict"));
    }

    #[test]
    fn unknown_rule_points_at_the_key() {
        let (message, at) = err("[rules]\namount-conflicts = \"error\"\n");
        assert!(message.contains("unknown rule `amount-conflicts`"), "{message}");
        assert_eq!(at.as_deref(), Some("amount-conflicts"));
    }

    #[test]
    fn unknown_key_and_wrong_type() {
        let (message, at) = err("corpse = []\n");
        assert!(message.contains("unknown field `corpse`"), "{message}");
        assert!(at.is_some_and(|a| a.contains("corpse")));
        let (message, _) = err("[amount]\ntolerance = \"ten\"\n");
        assert!(message.contains("invalid type"), "{message}");
        let (message, at) = err("[amount]\ntolerance = 3.0\n");
        assert!(message.contains("less than 1"), "{message}");
        assert_eq!(at.as_deref(), Some("tolerance"));
    }

    #[test]
    fn lexicon_collisions_are_errors() {
        let (message, _) =
            err("[[lexicon.entity]]\nname = \"Acme\"\nkind = \"company\"\naliases = [\"AWS\"]\n");
        assert!(message.contains("AWS"), "{message}");
        let (message, _) =
            err("[[lexicon.entity]]\nname = \"Acme\"\nkind = \"company\"\nowner = \"Nobody Inc\"\n");
        assert!(message.contains("Nobody Inc"), "{message}");
    }

    #[test]
    fn vocabulary_extension_is_used() {
        let c = parse(
            Path::new("claimlint.toml"),
            "[vocabulary.invest]\nwords = [\"shovel{,s,led}\"]\n[vocabulary.condition]\nremove = [\"if\"]\n",
        )
        .unwrap();
        assert!(c.changes_lexicon());
        let lex = c.build_lexicon().unwrap();
        let doc = crate::source::Document::new("a.md", "Amazon shovelled $5 billion into Anthropic.");
        let ex = crate::extract::extract(&doc, &lex);
        assert_eq!(ex.claims.len(), 1, "{:?}", ex.claims);
        assert!(crate::extract::extract(&doc, Lexicon::builtin()).claims.is_empty());
    }

    #[test]
    fn vocabulary_mistakes_point_at_the_phrase() {
        let (message, at) = err("[vocabulary.invest]\nwords = [\"a$b\"]\n");
        assert!(message.contains("[vocabulary]") && message.contains("a$b"), "{message}");
        assert!(at.is_some());
        let (message, _) = err("[vocabulary.investing]\nwords = [\"x\"]\n");
        assert!(message.contains("investing"), "{message}");
    }

    #[test]
    fn lexicon_extension_is_used() {
        let c = parse(
            Path::new("c"),
            "[[lexicon.entity]]\nname = \"Acme Cloud\"\nkind = \"cloud\"\naliases = [\"AcmeCloud\"]\n",
        )
        .unwrap();
        let lex = c.build_lexicon().unwrap();
        assert!(lex.get("AcmeCloud").is_some());
    }

    #[test]
    fn show_lists_every_rule() {
        let shown = Config::default().to_toml();
        for rule in rules::RULES {
            assert!(shown.contains(rule.meta().id), "{shown}");
        }
        parse(Path::new("shown"), &shown).unwrap();
    }
}
