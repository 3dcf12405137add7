//! The vocabulary: which words and phrases the claim reader gives which
//! class. The data is `rules/vocabulary.toml`; users add and remove phrases
//! from their configuration. Classes are one character each, and the claim
//! grammar (`grammar/claims.pest`) is written over those characters.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::claims::Hedge;
pub use crate::claims::Ordinal;

/// The class of a token: what the grammar sees of a word, a phrase, a name
/// or an amount. Each class is one ASCII character of the string the
/// grammar parses; [`Class::ALL`] lists them with their names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    // Found by code: names, amounts, numbers, punctuation.
    /// A company, lab or investor from the lexicon.
    Org,
    Cloud,
    Chip,
    /// A model or product: it stands for its maker as a user.
    Model,
    Person,
    /// The "'s" of a possessive.
    Possessive,
    Money,
    Number,
    Year,
    Comma,
    Colon,
    Semicolon,
    Dash,
    QuestionMark,
    /// Any other word.
    Word,
    // From the vocabulary.
    Invest,
    Raise,
    Buy,
    Acquire,
    Lead,
    Sign,
    Use,
    Provide,
    End,
    Tie,
    /// A deal called off, frozen or never signed.
    CalledOff,
    Investment,
    Stake,
    Round,
    Contract,
    Acquisition,
    Part,
    Value,
    Compute,
    Provider,
    Workload,
    Exclusivity,
    Rights,
    Condition,
    Unconditional,
    Exclusive,
    Primary,
    NonExclusive,
    Hedge,
    Negation,
    Obligation,
    Aux,
    Ordinal,
    Cumulative,
    Rate,
    Question,
    Worth,
    TimeLimit,
    Survive,
    Event,
    RelativeYear,
    Month,
    TheCompany,
    Its,
    It,
    Determiner,
    Article,
    Relative,
    And,
    Or,
    In,
    To,
    From,
    With,
    On,
    For,
    By,
    Of,
    Via,
    Over,
    At,
    NumberWord,
}

impl Class {
    /// Every class: its character in the grammar's input, its name (the
    /// vocabulary's table for the classes read from it), and whether the
    /// vocabulary defines it.
    pub const ALL: &'static [(Class, u8, &'static str, bool)] = &[
        (Class::Org, b'O', "org", false),
        (Class::Cloud, b'C', "cloud", false),
        (Class::Chip, b'H', "chip", false),
        (Class::Model, b'M', "model", false),
        (Class::Person, b'N', "person", false),
        (Class::Possessive, b's', "possessive", false),
        (Class::Money, b'$', "money", false),
        (Class::Number, b'#', "number", false),
        (Class::Year, b'Y', "year", false),
        (Class::Comma, b',', "comma", false),
        (Class::Colon, b':', "colon", false),
        (Class::Semicolon, b';', "semicolon", false),
        (Class::Dash, b'-', "dash", false),
        (Class::QuestionMark, b'?', "question-mark", false),
        (Class::Word, b'_', "word", false),
        (Class::Invest, b'I', "invest", true),
        (Class::Raise, b'R', "raise", true),
        (Class::Buy, b'B', "buy", true),
        (Class::Acquire, b'Q', "acquire", true),
        (Class::Lead, b'L', "lead", true),
        (Class::Sign, b'S', "sign", true),
        (Class::Use, b'U', "use", true),
        (Class::Provide, b'V', "provide", true),
        (Class::End, b'E', "end", true),
        (Class::Tie, b'Z', "tie", true),
        (Class::CalledOff, b'J', "called-off", true),
        (Class::Investment, b'D', "investment", true),
        (Class::Stake, b'F', "stake", true),
        (Class::Round, b'G', "round", true),
        (Class::Contract, b'K', "contract", true),
        (Class::Acquisition, b'A', "acquisition", true),
        (Class::Part, b'T', "part", true),
        (Class::Value, b'W', "value", true),
        (Class::Compute, b'c', "compute", true),
        (Class::Provider, b'p', "provider", true),
        (Class::Workload, b'u', "workload", true),
        (Class::Exclusivity, b'X', "exclusivity", true),
        (Class::Rights, b'*', "rights", true),
        (Class::Condition, b'^', "condition", true),
        (Class::Unconditional, b'!', "unconditional", true),
        (Class::Exclusive, b'x', "exclusive", true),
        (Class::Primary, b'~', "primary", true),
        (Class::NonExclusive, b'z', "non-exclusive", true),
        (Class::Hedge, b'h', "hedge", true),
        (Class::Negation, b'n', "negation", true),
        (Class::Obligation, b'm', "obligation", true),
        (Class::Aux, b'a', "aux", true),
        (Class::Ordinal, b'e', "ordinal", true),
        (Class::Cumulative, b'+', "cumulative", true),
        (Class::Rate, b'/', "rate", true),
        (Class::Question, b'?', "question", true),
        (Class::Worth, b'=', "worth", true),
        (Class::TimeLimit, b'>', "time-limit", true),
        (Class::Survive, b'%', "survive", true),
        (Class::Event, b'{', "event", true),
        (Class::RelativeYear, b'Y', "relative-year", true),
        (Class::Month, b'Y', "month", true),
        (Class::TheCompany, b'@', "the-company", true),
        (Class::Its, b'y', "its", true),
        (Class::It, b'P', "it", true),
        (Class::Determiner, b'd', "determiner", true),
        (Class::Article, b'l', "article", true),
        (Class::Relative, b'r', "relative", true),
        (Class::And, b'&', "and", true),
        (Class::Or, b'|', "or", true),
        (Class::In, b'i', "in", true),
        (Class::To, b't', "to", true),
        (Class::From, b'f', "from", true),
        (Class::With, b'w', "with", true),
        (Class::On, b'o', "on", true),
        (Class::For, b'g', "for", true),
        (Class::By, b'b', "by", true),
        (Class::Of, b'j', "of", true),
        (Class::Via, b'q', "via", true),
        (Class::Over, b'v', "over", true),
        (Class::At, b'k', "at", true),
        (Class::NumberWord, b'#', "number", true),
    ];

    /// The character the grammar reads for this class.
    pub fn byte(self) -> u8 {
        Self::ALL[self as usize].1
    }

    pub fn name(self) -> &'static str {
        Self::ALL[self as usize].2
    }

    /// The class the vocabulary names `name`.
    pub fn from_name(name: &str) -> Option<Class> {
        Self::ALL.iter().find(|(_, _, n, vocab)| *vocab && *n == name).map(|(c, ..)| *c)
    }

    /// Whether this class is a name that can be a party to a claim.
    pub fn is_name(self) -> bool {
        matches!(self, Class::Org | Class::Cloud | Class::Chip | Class::Model | Class::Person)
    }
}

/// What a word says beyond its class: the kind of hedge, the tense of an
/// auxiliary, which part an ordinal names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sense {
    Plain,
    Hedge(Hedge),
    /// "has", "have", "had": with an investment verb, a running total.
    Perfect,
    /// "commits to", "agreed to": a commitment, not yet use.
    Commits,
    /// "contract": an agreement to buy, a spending commitment.
    Spending,
    /// "the lab", "the startup": a reference to a lab, not any company.
    Lab,
    /// "this year" (0), "last year" (-1), "next year" (1): a year relative
    /// to the note's date.
    YearOffset(i8),
    /// "last month" (-1), "this month" (0): a month relative to the note's date.
    MonthOffset(i8),
    /// A month (1 to 12) named without its year.
    Month(u8),
    Ordinal(Ordinal),
}

/// What a table's column holds, from the words of its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Investor,
    Provider,
    /// Who pays, when the table does not say investor or customer: "Party A".
    Payer,
    /// Who is paid: "Party B", "Company", "Recipient".
    Recipient,
    /// What kind of deal: "Type" ("equity", "compute contract").
    Kind,
    Amount,
    /// A running total: "Total to date".
    Total,
    Year,
    Note,
    /// Whether the row's provider is its only one: "Exclusive?" with
    /// "Yes" or "No".
    Exclusive,
}

impl Column {
    fn from_name(name: &str) -> Option<Column> {
        Some(match name {
            "investor" => Column::Investor,
            "provider" => Column::Provider,
            "payer" => Column::Payer,
            "recipient" => Column::Recipient,
            "kind" => Column::Kind,
            "amount" => Column::Amount,
            "total" => Column::Total,
            "year" => Column::Year,
            "note" => Column::Note,
            "exclusive" => Column::Exclusive,
            _ => return None,
        })
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The table of the vocabulary that names table columns rather than a class.
const COLUMN_TABLE: &str = "column";

impl Sense {
    /// The sense's key in the vocabulary file.
    pub fn name(self) -> String {
        match self {
            Sense::Plain => "words".to_owned(),
            Sense::Hedge(h) => match h {
                Hedge::Reportedly => "reportedly",
                Hedge::Proposed => "proposed",
                Hedge::Potential => "potential",
                Hedge::InTalks => "in-talks",
                Hedge::Attributed => "attributed",
                Hedge::Planned => "planned",
            }
            .to_owned(),
            Sense::Perfect => "perfect".to_owned(),
            Sense::Commits => "commits".to_owned(),
            Sense::Spending => "spending".to_owned(),
            Sense::Lab => "lab".to_owned(),
            Sense::YearOffset(o) => match o {
                0 => "this",
                o if o < 0 => "last",
                _ => "next",
            }
            .to_owned(),
            Sense::MonthOffset(o) => if o < 0 { "last-month" } else { "this-month" }.to_owned(),
            Sense::Month(m) => {
                MONTHS.get(usize::from(m).saturating_sub(1)).copied().unwrap_or("month").to_owned()
            }
            Sense::Ordinal(o) => format!("{o:?}").to_lowercase(),
        }
    }
}

/// The senses a class may list, by name; `words` is the plain sense.
fn sense(class: Class, name: &str) -> Option<Sense> {
    Some(match (class, name) {
        (_, "words") => Sense::Plain,
        (Class::Hedge, "attributed") => Sense::Hedge(Hedge::Attributed),
        (Class::Hedge, "in-talks") => Sense::Hedge(Hedge::InTalks),
        (Class::Hedge, "planned") => Sense::Hedge(Hedge::Planned),
        (Class::Hedge, "potential") => Sense::Hedge(Hedge::Potential),
        (Class::Hedge, "proposed") => Sense::Hedge(Hedge::Proposed),
        (Class::Hedge, "reportedly") => Sense::Hedge(Hedge::Reportedly),
        (Class::Aux, "perfect") => Sense::Perfect,
        (Class::Obligation, "commits") => Sense::Commits,
        (Class::Contract, "spending") => Sense::Spending,
        (Class::TheCompany, "lab") => Sense::Lab,
        (Class::RelativeYear, "this") => Sense::YearOffset(0),
        (Class::RelativeYear, "last") => Sense::YearOffset(-1),
        (Class::RelativeYear, "next") => Sense::YearOffset(1),
        (Class::RelativeYear, "last-month") => Sense::MonthOffset(-1),
        (Class::RelativeYear, "this-month") => Sense::MonthOffset(0),
        (Class::Month, m) => return MONTHS.iter().position(|n| *n == m).map(|i| Sense::Month(i as u8 + 1)),
        (Class::Ordinal, "another") => Sense::Ordinal(Ordinal::Another),
        (Class::Ordinal, "first") => Sense::Ordinal(Ordinal::First),
        (Class::Ordinal, "second") => Sense::Ordinal(Ordinal::Second),
        (Class::Ordinal, "third") => Sense::Ordinal(Ordinal::Third),
        (Class::Ordinal, "final") => Sense::Ordinal(Ordinal::Final),
        _ => return None,
    })
}

/// A vocabulary file, or a configuration's `[vocabulary]`: class name →
/// sense name → phrases.
pub type VocabularyFile = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// What a configuration changes: phrases added under each class and sense,
/// and `remove` lists of phrases to take out of the built-in vocabulary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(transparent)]
pub struct VocabularyChanges(pub VocabularyFile);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VocabularyError {
    #[error("invalid vocabulary: {0}")]
    Toml(String),
    #[error("`{0}` is not a vocabulary class (see `claimlint vocabulary`)")]
    UnknownClass(String),
    #[error("`{class}` has no sense `{sense}`")]
    UnknownSense { class: String, sense: String },
    #[error("`{phrase}` is listed under both `{first}` and `{second}`")]
    Duplicate { phrase: String, first: String, second: String },
    #[error("`{phrase}` in `{class}`: {reason}")]
    InvalidPhrase { class: String, phrase: String, reason: &'static str },
    #[error("cannot remove `{0}`: no class lists it")]
    UnknownRemoval(String),
}

/// One entry: a phrase's words after the first, and what it means.
#[derive(Clone, Debug)]
struct Entry {
    rest: Vec<String>,
    class: Class,
    sense: Sense,
    /// The phrase as listed, with its braces expanded.
    phrase: String,
}

/// Phrases by first word, longest first, for the tokenizer's lookup.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    by_first: FxHashMap<String, Vec<Entry>>,
    /// Table header phrases, longest first.
    columns: Vec<(Vec<String>, Column)>,
}

/// A vocabulary match: how many words it takes, and what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Meaning {
    pub words: usize,
    pub class: Class,
    pub sense: Sense,
}

static BUILTIN: LazyLock<Vocabulary> = LazyLock::new(|| {
    Vocabulary::from_toml(include_str!("../../../rules/vocabulary.toml"), &VocabularyChanges::default())
        .expect("the built-in vocabulary is valid")
});

impl Vocabulary {
    pub fn builtin() -> &'static Vocabulary {
        &BUILTIN
    }

    /// The built-in vocabulary with a configuration's changes.
    pub fn builtin_with_changes(changes: &VocabularyChanges) -> Result<Vocabulary, VocabularyError> {
        Self::from_toml(include_str!("../../../rules/vocabulary.toml"), changes)
    }

    pub fn from_toml(src: &str, changes: &VocabularyChanges) -> Result<Vocabulary, VocabularyError> {
        let file: VocabularyFile = toml::from_str(src).map_err(|e| VocabularyError::Toml(e.to_string()))?;
        let mut phrases: BTreeMap<String, (Class, Sense, String)> = BTreeMap::new();
        let mut columns: BTreeMap<String, Column> = BTreeMap::new();
        let mut removals = Vec::new();
        for (source, is_change) in [(&file, false), (&changes.0, true)] {
            for (class_name, senses) in source {
                if class_name == COLUMN_TABLE {
                    for (name, list) in senses {
                        let column = Column::from_name(name).ok_or_else(|| {
                            VocabularyError::UnknownSense { class: class_name.clone(), sense: name.clone() }
                        })?;
                        for phrase in list.iter().flat_map(|p| expand(p)) {
                            let phrase = normalise(&phrase).map_err(|reason| {
                                VocabularyError::InvalidPhrase { class: class_name.clone(), phrase, reason }
                            })?;
                            columns.insert(phrase, column);
                        }
                    }
                    continue;
                }
                let class = Class::from_name(class_name)
                    .ok_or_else(|| VocabularyError::UnknownClass(class_name.clone()))?;
                for (sense_name, list) in senses {
                    if is_change && sense_name == "remove" {
                        removals.extend(list.iter().flat_map(|p| expand(p)));
                        continue;
                    }
                    let sense = sense(class, sense_name).ok_or_else(|| VocabularyError::UnknownSense {
                        class: class_name.clone(),
                        sense: sense_name.clone(),
                    })?;
                    for listed in list {
                        for phrase in expand(listed) {
                            let phrase = normalise(&phrase).map_err(|reason| {
                                VocabularyError::InvalidPhrase { class: class_name.clone(), phrase, reason }
                            })?;
                            let label = format!("{class_name}.{sense_name}");
                            if let Some((_, _, first)) = phrases.get(&phrase) {
                                // A configuration may move a phrase to another class.
                                if !is_change {
                                    return Err(VocabularyError::Duplicate {
                                        phrase,
                                        first: first.clone(),
                                        second: label,
                                    });
                                }
                            }
                            phrases.insert(phrase, (class, sense, label));
                        }
                    }
                }
            }
        }
        for r in removals {
            let key = normalise(&r).unwrap_or(r);
            if phrases.remove(&key).is_none() {
                return Err(VocabularyError::UnknownRemoval(key));
            }
        }
        let mut by_first: FxHashMap<String, Vec<Entry>> = FxHashMap::default();
        for (phrase, (class, sense, _)) in phrases {
            let mut words = phrase.split(' ').map(str::to_owned);
            let first = words.next().unwrap_or_default();
            by_first.entry(first).or_default().push(Entry { rest: words.collect(), class, sense, phrase });
        }
        for entries in by_first.values_mut() {
            entries.sort_by(|a, b| b.rest.len().cmp(&a.rest.len()).then_with(|| a.phrase.cmp(&b.phrase)));
        }
        let mut columns: Vec<(Vec<String>, Column)> =
            columns.into_iter().map(|(p, c)| (p.split(' ').map(str::to_owned).collect(), c)).collect();
        columns.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
        Ok(Vocabulary { by_first, columns })
    }

    /// What a table column holds, from its header's text.
    pub fn column(&self, header: &str) -> Option<Column> {
        let words: Vec<String> = header
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        self.columns
            .iter()
            .find(|(phrase, _)| words.windows(phrase.len()).any(|w| w == phrase.as_slice()))
            .map(|(_, c)| *c)
    }

    /// The longest phrase that starts with `words[0]` (each word lower case,
    /// with straight apostrophes).
    pub fn lookup<S: AsRef<str>>(&self, words: &[S]) -> Option<Meaning> {
        let first = words.first()?.as_ref();
        let entries = self.by_first.get(first)?;
        entries.iter().find_map(|e| {
            let matches = e.rest.len() < words.len()
                && e.rest.iter().zip(&words[1..]).all(|(want, got)| want == got.as_ref());
            matches.then_some(Meaning { words: 1 + e.rest.len(), class: e.class, sense: e.sense })
        })
    }

    /// Every phrase with its class and sense, sorted by phrase.
    pub fn phrases(&self) -> Vec<(&str, Class, Sense)> {
        let mut out: Vec<(&str, Class, Sense)> =
            self.by_first.values().flatten().map(|e| (e.phrase.as_str(), e.class, e.sense)).collect();
        out.sort_by(|a, b| a.0.cmp(b.0));
        out
    }
}

/// Expands `{a,b}` groups: "invest{,s,ed}" → invest, invests, invested.
pub fn expand(phrase: &str) -> Vec<String> {
    let Some(open) = phrase.find('{') else {
        return vec![phrase.to_owned()];
    };
    let Some(close) = phrase[open..].find('}').map(|c| open + c) else {
        return vec![phrase.to_owned()];
    };
    let (head, tail) = (&phrase[..open], &phrase[close + 1..]);
    phrase[open + 1..close].split(',').flat_map(|alt| expand(&format!("{head}{alt}{tail}"))).collect()
}

/// A phrase as it is looked up: lower case, single spaces, straight
/// apostrophes; an error for what no word of a sentence could match.
fn normalise(phrase: &str) -> Result<String, &'static str> {
    let words: Vec<String> = phrase.split_whitespace().map(|w| w.to_lowercase().replace('’', "'")).collect();
    if words.is_empty() {
        return Err("a phrase needs at least one word");
    }
    if phrase.contains(['{', '}']) {
        return Err("unbalanced braces");
    }
    for w in &words {
        if !w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '\'') {
            return Err("words are letters, digits, hyphens and apostrophes");
        }
    }
    Ok(words.join(" "))
}

#[cfg(test)]
mod tests;
