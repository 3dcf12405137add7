//! The industry's names: companies, clouds, chips, models, their aliases and
//! who owns what. The data lives in `rules/lexicon.toml`; users extend it from
//! their configuration.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

use crate::claims::{NearMiss, Party};
use crate::source::Span;

/// Index of an entity in its lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// One entry as written in the lexicon file.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EntityDef {
    pub name: String,
    pub kind: EntityKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The entity that owns or makes this one (Trainium → AWS → Amazon).
    pub owner: Option<String>,
    /// The cloud that using this entity implies (Trainium → AWS; Amazon → AWS).
    pub cloud: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    entity: Vec<EntityDef>,
}

#[derive(Clone, Debug)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub owner: Option<EntityId>,
    pub cloud: Option<EntityId>,
}

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("invalid lexicon: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("`{name}` names `{target}` as its {field}, which is not in the lexicon")]
    UnknownReference { name: String, field: &'static str, target: String },
    #[error("the alias `{alias}` is given to both `{first}` and `{second}`")]
    DuplicateAlias { alias: String, first: String, second: String },
}

pub struct Lexicon {
    entities: Vec<Entity>,
    by_name: HashMap<String, EntityId>,
    patterns: Vec<(EntityId, String)>,
    matcher: AhoCorasick,
}

static BUILTIN_SOURCE: &str = include_str!("../../rules/lexicon.toml");
static BUILTIN: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::from_toml(BUILTIN_SOURCE).expect("the built-in lexicon is valid"));

impl Lexicon {
    /// The lexicon compiled into the binary.
    pub fn builtin() -> &'static Lexicon {
        &BUILTIN
    }

    pub fn from_toml(src: &str) -> Result<Self, LexiconError> {
        let file: LexiconFile = toml::from_str(src)?;
        Self::from_defs(file.entity)
    }

    /// The built-in entries plus `extra`.
    pub fn builtin_with(extra: Vec<EntityDef>) -> Result<Self, LexiconError> {
        let mut defs: LexiconFile = toml::from_str(BUILTIN_SOURCE)?;
        defs.entity.extend(extra);
        Self::from_defs(defs.entity)
    }

    pub fn from_defs(defs: Vec<EntityDef>) -> Result<Self, LexiconError> {
        let mut by_name = HashMap::new();
        for (i, def) in defs.iter().enumerate() {
            for n in std::iter::once(&def.name).chain(&def.aliases) {
                if let Some(prev) = by_name.insert(n.to_lowercase(), EntityId(i as u32)) {
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
            entities.push(Entity {
                name: def.name.clone(),
                kind: def.kind,
                aliases: def.aliases.clone(),
                owner: resolve(def, "owner", &def.owner)?,
                cloud: resolve(def, "cloud", &def.cloud)?,
            });
        }
        let patterns: Vec<(EntityId, String)> = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                std::iter::once(&e.name).chain(&e.aliases).map(move |n| (EntityId(i as u32), n.clone()))
            })
            .collect();
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(patterns.iter().map(|(_, p)| p))
            .expect("lexicon patterns build");
        Ok(Self { entities, by_name, patterns, matcher })
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

    /// The entity with this canonical name or alias, in any case.
    pub fn get(&self, name: &str) -> Option<EntityId> {
        self.by_name.get(&name.to_lowercase()).copied()
    }

    /// Every lexicon name in `text`, leftmost-longest, on word boundaries.
    /// Spans are relative to `text`.
    pub fn find_entities(&self, text: &str) -> Vec<Party> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for m in self.matcher.find_iter(text) {
            let (id, pattern) = &self.patterns[m.pattern().as_usize()];
            let found = &text[m.range()];
            let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
            let before_ok = m.start() == 0 || !word(bytes[m.start() - 1]);
            let after_ok = m.end() == bytes.len() || !word(bytes[m.end()]);
            if before_ok && after_ok && case_matches(pattern, found) {
                out.push(Party { entity: *id, span: Span::new(m.start(), m.end()) });
            }
        }
        out
    }

    /// The cloud that using this entity implies: a cloud is its own, a
    /// captive chip or a hyperscaler names its cloud, otherwise the owner's.
    pub fn implied_cloud(&self, id: EntityId) -> Option<EntityId> {
        let mut cur = Some(id);
        let mut depth = 0;
        while let Some(c) = cur {
            let e = self.entity(c);
            if e.kind == EntityKind::Cloud {
                return Some(c);
            }
            if e.cloud.is_some() {
                return e.cloud;
            }
            if e.kind != EntityKind::Chip && e.kind != EntityKind::Product {
                return None;
            }
            cur = e.owner;
            depth += 1;
            if depth > 8 {
                return None;
            }
        }
        None
    }

    /// The top of the ownership chain (Trainium → AWS → Amazon).
    pub fn root_owner(&self, id: EntityId) -> EntityId {
        let mut cur = id;
        for _ in 0..8 {
            match self.entity(cur).owner {
                Some(o) => cur = o,
                None => break,
            }
        }
        cur
    }

    /// Words in `text` that look like misspellings of lexicon names.
    pub fn near_misses(&self, _text: &str) -> Vec<NearMiss> {
        Vec::new()
    }
}

/// A name matches if written as in the lexicon, or capitalised the same way
/// at its first letter ("NVIDIA" and "Nvidia"; not "amazon").
fn case_matches(pattern: &str, found: &str) -> bool {
    if pattern == found {
        return true;
    }
    let all_caps = pattern.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
    if all_caps && pattern.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return false;
    }
    let p0 = pattern.chars().next();
    let f0 = found.chars().next();
    p0 == f0
}
