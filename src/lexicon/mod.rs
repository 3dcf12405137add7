//! The industry's names: companies, labs, clouds, chips, models, products,
//! investors and people, with their aliases and who owns what.
//!
//! The data lives in `rules/lexicon.toml` (embedded, parsed once); users add,
//! remove and allow names from their configuration through
//! [`Lexicon::builtin_with_changes`]. Names are found in text by one
//! aho-corasick automaton, leftmost-longest on word boundaries, with the case
//! rules of proper nouns (see [`Lexicon::find_entities`]). Words that look like
//! misspelt names are found by [`Lexicon::near_misses`].

mod english;
mod near_miss;
#[cfg(test)]
mod verify;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

use crate::source::Span;

/// Index of an entity in its lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityId(pub u32);

/// What an entity is. The order is the order of the sections of
/// `rules/lexicon.toml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    Company,
    Lab,
    Cloud,
    Chip,
    Model,
    Product,
    Investor,
    Person,
}

impl EntityKind {
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Company,
        EntityKind::Lab,
        EntityKind::Cloud,
        EntityKind::Chip,
        EntityKind::Model,
        EntityKind::Product,
        EntityKind::Investor,
        EntityKind::Person,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            EntityKind::Company => "company",
            EntityKind::Lab => "lab",
            EntityKind::Cloud => "cloud",
            EntityKind::Chip => "chip",
            EntityKind::Model => "model",
            EntityKind::Product => "product",
            EntityKind::Investor => "investor",
            EntityKind::Person => "person",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry as written in the lexicon file or in a user's configuration.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EntityDef {
    /// The canonical name, as it is usually written.
    pub name: String,
    pub kind: EntityKind,
    /// Other names: former names, long forms, tickers, common stylings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The entity that owns or makes this one (Trainium → AWS → Amazon). A
    /// chip's owner is its maker; a captive chip's owner is its cloud.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The cloud that using this entity implies (Amazon → AWS). Chips and
    /// products owned by a cloud imply it without saying so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud: Option<String>,
    /// For a person: the organisation they lead or work for. Unlike `owner`,
    /// it does not make the person speak or act for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// The name is also an ordinary word ("Meta", "Arm", "Oracle"): it matches
    /// only as written or in capitals, and never in the plural.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exact_case: bool,
    /// Whether the near-miss check may suggest this entity's names as
    /// corrections. Defaults to true, and to false for people, whose names
    /// look like too many other people's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggest: Option<bool>,
    /// What the entry is, for readers of the file and of messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl EntityDef {
    /// An entry with only a name and a kind.
    pub fn new(name: impl Into<String>, kind: EntityKind) -> Self {
        Self {
            name: name.into(),
            kind,
            aliases: Vec::new(),
            owner: None,
            cloud: None,
            affiliation: None,
            exact_case: false,
            suggest: None,
            description: None,
        }
    }

    fn names(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name).chain(&self.aliases)
    }
}

/// The lexicon file: `allow` words, then one `[[entity]]` per entry.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    /// Real words that look like misspelt names but are not ("OpenAPI").
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    entity: Vec<EntityDef>,
}

/// What a user's configuration changes in the built-in lexicon.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconChanges {
    /// Entries to add, written as in `rules/lexicon.toml` (`[[lexicon.entity]]`).
    #[serde(default)]
    pub entity: Vec<EntityDef>,
    /// Names to remove: a canonical name removes its entry, an alias only
    /// that alias. Removals apply before additions, so an entry can be
    /// replaced by removing it and adding it again.
    #[serde(default)]
    pub remove: Vec<String>,
    /// Words the near-miss check must leave alone.
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub owner: Option<EntityId>,
    pub cloud: Option<EntityId>,
    pub affiliation: Option<EntityId>,
    pub exact_case: bool,
    /// Whether the near-miss check suggests this entity's names.
    pub suggest: bool,
    pub description: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("invalid lexicon: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("`{name}` names `{target}` as its {field}, which is not in the lexicon")]
    UnknownReference { name: String, field: &'static str, target: String },
    #[error("the alias `{alias}` is given to both `{first}` and `{second}`")]
    DuplicateAlias { alias: String, first: String, second: String },
    #[error("`{entry}` lists `{name}` twice (names are compared without regard to case)")]
    RepeatedName { entry: String, name: String },
    #[error("`{name}` names `{target}` as its cloud, but `{target}` is a {kind}, not a cloud")]
    NotACloud { name: String, target: String, kind: EntityKind },
    #[error("ownership goes round in a circle: {}", .cycle.join(" → "))]
    OwnershipCycle { cycle: Vec<String> },
    #[error("cannot remove `{name}`: no entry has that name or alias")]
    UnknownRemoval { name: String },
    #[error("invalid name `{name}` in `{entry}`: {reason}")]
    InvalidName { entry: String, name: String, reason: &'static str },
}

/// One searchable spelling of an entity.
#[derive(Debug)]
struct Pattern {
    entity: EntityId,
    text: String,
    exact_case: bool,
    /// A trailing "s" still finds the name ("TPUs", "H100s").
    plural: bool,
}

pub struct Lexicon {
    entities: Vec<Entity>,
    /// Every name and alias, lower-cased.
    by_name: HashMap<String, EntityId>,
    patterns: Vec<Pattern>,
    matcher: AhoCorasick,
    /// Words the near-miss check leaves alone, lower-cased.
    allow: HashSet<String>,
    fuzzy: near_miss::FuzzyIndex,
    /// The words the claim reader classes: the built-in vocabulary unless a
    /// configuration changed it (see `Lexicon::vocabulary`).
    pub(crate) vocab: Option<std::sync::Arc<crate::extract::vocab::Vocabulary>>,
}

impl fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lexicon").field("entities", &self.entities.len()).finish_non_exhaustive()
    }
}

static BUILTIN_SOURCE: &str = include_str!("../../rules/lexicon.toml");
static BUILTIN: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::from_toml(BUILTIN_SOURCE).expect("the built-in lexicon is valid"));

/// How far ownership chains are followed; the data has no cycles, this only
/// bounds the walk.
const MAX_CHAIN: usize = 16;

impl Lexicon {
    /// The lexicon compiled into the binary.
    pub fn builtin() -> &'static Lexicon {
        &BUILTIN
    }

    /// A lexicon read from a file in the format of `rules/lexicon.toml`.
    pub fn from_toml(src: &str) -> Result<Self, LexiconError> {
        let file: LexiconFile = toml::from_str(src)?;
        Self::build(file.entity, file.allow)
    }

    /// The built-in entries plus `extra`.
    pub fn builtin_with(extra: Vec<EntityDef>) -> Result<Self, LexiconError> {
        Self::builtin_with_changes(LexiconChanges { entity: extra, ..LexiconChanges::default() })
    }

    /// The built-in lexicon with a user's removals, additions and allowed
    /// words. Errors name the entries involved.
    pub fn builtin_with_changes(changes: LexiconChanges) -> Result<Self, LexiconError> {
        let mut file: LexiconFile = toml::from_str(BUILTIN_SOURCE)?;
        for name in &changes.remove {
            remove_name(&mut file.entity, name)?;
        }
        file.entity.extend(changes.entity);
        file.allow.extend(changes.allow);
        Self::build(file.entity, file.allow)
    }

    /// A lexicon of exactly these entries.
    pub fn from_defs(defs: Vec<EntityDef>) -> Result<Self, LexiconError> {
        Self::build(defs, Vec::new())
    }

    fn build(defs: Vec<EntityDef>, allow: Vec<String>) -> Result<Self, LexiconError> {
        let mut by_name: HashMap<String, EntityId> = HashMap::new();
        for (i, def) in defs.iter().enumerate() {
            for n in def.names() {
                check_name(def, n)?;
                if let Some(prev) = by_name.insert(n.to_lowercase(), EntityId(i as u32)) {
                    if prev.0 as usize == i {
                        return Err(LexiconError::RepeatedName { entry: def.name.clone(), name: n.clone() });
                    }
                    return Err(LexiconError::DuplicateAlias {
                        alias: n.clone(),
                        first: defs[prev.0 as usize].name.clone(),
                        second: def.name.clone(),
                    });
                }
            }
        }
        let resolve = |def: &EntityDef, field: &'static str, target: &Option<String>| match target {
            None => Ok(None),
            Some(t) => by_name.get(&t.to_lowercase()).copied().map(Some).ok_or_else(|| {
                LexiconError::UnknownReference { name: def.name.clone(), field, target: t.clone() }
            }),
        };
        let mut entities = Vec::with_capacity(defs.len());
        for def in &defs {
            let cloud = resolve(def, "cloud", &def.cloud)?;
            if let Some(c) = cloud {
                let target = &defs[c.0 as usize];
                if target.kind != EntityKind::Cloud {
                    return Err(LexiconError::NotACloud {
                        name: def.name.clone(),
                        target: target.name.clone(),
                        kind: target.kind,
                    });
                }
            }
            entities.push(Entity {
                name: def.name.clone(),
                kind: def.kind,
                aliases: def.aliases.clone(),
                owner: resolve(def, "owner", &def.owner)?,
                cloud,
                affiliation: resolve(def, "affiliation", &def.affiliation)?,
                exact_case: def.exact_case,
                suggest: def.suggest.unwrap_or(def.kind != EntityKind::Person),
                description: def.description.clone(),
            });
        }
        check_cycles(&entities)?;

        let patterns: Vec<Pattern> = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                std::iter::once(&e.name).chain(&e.aliases).map(move |n| Pattern {
                    entity: EntityId(i as u32),
                    text: n.clone(),
                    exact_case: e.exact_case,
                    plural: !e.exact_case
                        && e.kind != EntityKind::Person
                        && n.chars().last().is_some_and(|c| c.is_alphanumeric() && !matches!(c, 's' | 'S')),
                })
            })
            .collect();
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(patterns.iter().map(|p| &p.text))
            .expect("lexicon patterns build");
        let fuzzy = near_miss::FuzzyIndex::new(&entities);
        let allow = allow.iter().map(|w| w.to_lowercase()).collect();
        Ok(Self { entities, by_name, patterns, matcher, allow, fuzzy, vocab: None })
    }

    /// This lexicon reading with another vocabulary.
    pub fn with_vocabulary(mut self, vocab: crate::extract::vocab::Vocabulary) -> Self {
        self.vocab = Some(std::sync::Arc::new(vocab));
        self
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    pub fn name(&self, id: EntityId) -> &str {
        &self.entity(id).name
    }

    /// Every entity with its id, in lexicon order.
    pub fn entities(&self) -> impl Iterator<Item = (EntityId, &Entity)> {
        self.entities.iter().enumerate().map(|(i, e)| (EntityId(i as u32), e))
    }

    /// The entity with this canonical name or alias, in any case.
    pub fn get(&self, name: &str) -> Option<EntityId> {
        self.by_name.get(&name.to_lowercase()).copied()
    }

    /// Whether the near-miss check must leave this word alone.
    pub fn is_allowed(&self, word: &str) -> bool {
        self.allow.contains(&word.to_lowercase())
    }

    /// Every lexicon name in `text`, in text order. Spans are relative to
    /// `text` and cover the name only.
    ///
    /// - Leftmost-longest: "Amazon Web Services" is one name, not "Amazon".
    /// - On word boundaries: "Metaverse" does not contain Meta, nor
    ///   "Trainium2" Trainium (unless the lexicon has Trainium2). A name
    ///   followed by a dot and a letter or digit ("GPT-4.5", "openai.com") is
    ///   not found either.
    /// - Possessives and plurals: "Amazon's", "OpenAI’s", "TPUs" and "H100s"
    ///   find the name; the "'s" or "s" stays outside the span. Entries with
    ///   `exact_case` and people take no plural ("Arms" is not Arm).
    /// - Case: a name matches as written or in capitals ("NVIDIA"). Names of
    ///   four letters or fewer written in capitals (AWS, TPU, GCP) match only
    ///   so, and `exact_case` entries ("Meta", "Arm", "Oracle") match only as
    ///   written or in capitals. Other names also match when each word starts
    ///   with the same case as in the lexicon ("Openai", "Coreweave"), so
    ///   "meta", "arm" and "thinking machines" are not names.
    pub fn find_entities(&self, text: &str) -> Vec<NameMatch> {
        let mut found: Vec<(usize, usize, EntityId)> = self
            .matcher
            .find_overlapping_iter(text)
            .filter_map(|m| {
                let p = &self.patterns[m.pattern().as_usize()];
                p.accepts(text, m.start(), m.end()).then_some((m.start(), m.end(), p.entity))
            })
            .collect();
        found.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
        let mut out = Vec::new();
        let mut next = 0;
        for (start, end, entity) in found {
            if start >= next {
                out.push(NameMatch { entity, span: Span::new(start, end) });
                next = end;
            }
        }
        out
    }

    /// The cloud that using this entity implies, if any:
    /// - a cloud implies itself, and an entity's own `cloud` field is used
    ///   (Amazon → AWS, Microsoft → Azure);
    /// - a chip, product or model owned by a cloud implies that cloud, through
    ///   chips and products owned by chips and products (Trainium → AWS, TPU →
    ///   Google Cloud, Maia → Azure, Vertex AI → Google Cloud);
    /// - otherwise nothing: merchant chips (Nvidia, H100, MI300X) and a
    ///   company's products do not bind their users to the company's cloud.
    pub fn implied_cloud(&self, id: EntityId) -> Option<EntityId> {
        let e = self.entity(id);
        if e.kind == EntityKind::Cloud {
            return Some(id);
        }
        if e.cloud.is_some() {
            return e.cloud;
        }
        let mut cur = e;
        for _ in 0..MAX_CHAIN {
            if !matches!(cur.kind, EntityKind::Chip | EntityKind::Product | EntityKind::Model) {
                return None;
            }
            let owner_id = cur.owner?;
            let owner = self.entity(owner_id);
            if owner.kind == EntityKind::Cloud {
                return Some(owner_id);
            }
            if matches!(owner.kind, EntityKind::Chip | EntityKind::Product) && owner.cloud.is_some() {
                return owner.cloud;
            }
            cur = owner;
        }
        None
    }

    /// The top of the ownership chain (Trainium → AWS → Amazon); the entity
    /// itself when it has no owner.
    pub fn root_owner(&self, id: EntityId) -> EntityId {
        let mut cur = id;
        for _ in 0..MAX_CHAIN {
            match self.entity(cur).owner {
                Some(o) => cur = o,
                None => break,
            }
        }
        cur
    }

    /// Words in `text` that look like misspellings of lexicon names
    /// ("Tranium" for Trainium). Spans are relative to `text`; see
    /// `near_miss.rs` for what is and is not flagged.
    pub fn near_misses(&self, text: &str) -> Vec<NearMiss> {
        near_miss::find(self, text, &self.find_entities(text))
    }

    /// [`Lexicon::near_misses`] when the names in `text` are already known:
    /// `names` must be [`Lexicon::find_entities`] of the same `text`.
    pub fn near_misses_among(&self, text: &str, names: &[NameMatch]) -> Vec<NearMiss> {
        near_miss::find(self, text, names)
    }
}

impl Pattern {
    /// Whether a match of this pattern at `start..end` is the name: on word
    /// boundaries, in an accepted case.
    fn accepts(&self, text: &str, start: usize, end: usize) -> bool {
        let before = text[..start].chars().next_back();
        if before.is_some_and(is_word_char) {
            return false;
        }
        if !case_matches(&self.text, &text[start..end], self.exact_case) {
            return false;
        }
        let mut after = text[end..].chars();
        match after.next() {
            None => true,
            Some('s') if self.plural => after.next().is_none_or(|c| !is_word_char(c)),
            Some('.') => after.next().is_none_or(|c| !c.is_alphanumeric()),
            Some(c) => !is_word_char(c),
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A lexicon name found in a text: which entity, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NameMatch {
    pub entity: EntityId,
    pub span: Span,
}

/// A word that looks like a misspelling of a lexicon name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NearMiss {
    pub span: Span,
    pub entity: EntityId,
    /// The word with its spelling corrected, case kept as written.
    pub replacement: String,
    /// The word as written (the text at `span`).
    pub word: String,
}

/// The case rules of [`Lexicon::find_entities`]. `found` equals `pattern` up
/// to ASCII case.
fn case_matches(pattern: &str, found: &str, exact_case: bool) -> bool {
    if pattern == found {
        return true;
    }
    let letters = pattern.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && found == pattern.to_uppercase() {
        return true;
    }
    let acronym = !pattern.chars().any(char::is_lowercase);
    if exact_case || (acronym && letters <= 4) {
        return false;
    }
    // Each word of the name must start with the same case, except that a
    // word the lexicon writes in lower case may be capitalised ("watsonx",
    // "SK hynix"), as long as the name has some length.
    let mut prev_alnum = false;
    let mut first = true;
    for (p, f) in pattern.chars().zip(found.chars()) {
        if p.is_alphabetic() && !prev_alnum {
            let ok =
                if p.is_uppercase() { f.is_uppercase() } else { f.is_lowercase() || !first || letters >= 4 };
            if !ok {
                return false;
            }
            first = false;
        }
        prev_alnum = p.is_alphanumeric();
    }
    true
}

fn check_name(def: &EntityDef, name: &str) -> Result<(), LexiconError> {
    let err = |reason| LexiconError::InvalidName { entry: def.name.clone(), name: name.to_owned(), reason };
    if name.is_empty() {
        return Err(err("a name cannot be empty"));
    }
    if name.trim() != name || name.contains("  ") || name.contains(['\n', '\t', '\r']) {
        return Err(err("a name has no surrounding, double or special spaces"));
    }
    if !name.chars().next().is_some_and(char::is_alphanumeric)
        || !name.chars().last().is_some_and(|c| c.is_alphanumeric() || c == '+' || c == '.')
    {
        return Err(err("a name starts with a letter or digit"));
    }
    Ok(())
}

/// Removes the entry named `name`, or the alias `name` from its entry.
fn remove_name(defs: &mut Vec<EntityDef>, name: &str) -> Result<(), LexiconError> {
    let lower = name.to_lowercase();
    if let Some(i) = defs.iter().position(|d| d.name.to_lowercase() == lower) {
        defs.remove(i);
        return Ok(());
    }
    for def in defs.iter_mut() {
        if let Some(i) = def.aliases.iter().position(|a| a.to_lowercase() == lower) {
            def.aliases.remove(i);
            return Ok(());
        }
    }
    Err(LexiconError::UnknownRemoval { name: name.to_owned() })
}

fn check_cycles(entities: &[Entity]) -> Result<(), LexiconError> {
    for (i, _) in entities.iter().enumerate() {
        let mut chain = vec![i];
        let mut cur = i;
        while let Some(owner) = entities[cur].owner {
            let o = owner.0 as usize;
            if let Some(at) = chain.iter().position(|&c| c == o) {
                let mut cycle: Vec<String> = chain[at..].iter().map(|&c| entities[c].name.clone()).collect();
                cycle.push(entities[o].name.clone());
                return Err(LexiconError::OwnershipCycle { cycle });
            }
            chain.push(o);
            cur = o;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
