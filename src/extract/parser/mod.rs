//! The claim grammar (`grammar/claims.pest`) and the code that turns its
//! parse of one sentence into claims.

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;

use crate::claims::{
    Amount, Claim, ClaimBody, Condition, DealClaim, DealKind, DealPart, Exclusivity, Hedge, Obligation,
    Party, UsageClaim, UsageCondition,
};
use crate::lexicon::{EntityKind, Lexicon};
use crate::source::Span;

mod gate;
mod words;

#[derive(Parser)]
#[grammar = "grammar/claims.pest"]
pub struct ClaimParser;

/// Marks a name's first byte and the rest of it in the masked sentence.
const ENTITY_HEAD: u8 = 0x01;
const ENTITY_TAIL: u8 = 0x02;
const AMOUNT_HEAD: u8 = 0x03;
const AMOUNT_TAIL: u8 = 0x04;

/// What a no-break space becomes in the masked sentence (twice: it is two bytes).
const NBSP_BYTE: u8 = 0x1F;
/// What control bytes the grammar neither skips nor reads become.
const OTHER_CONTROL: u8 = 0x7F;

/// A byte of the sentence as the grammar sees it. The grammar's whitespace
/// is one range, tab to space (a single test where a list of five was),
/// so the control bytes inside it that are not whitespace (vertical tab,
/// form feed, U+000E to U+001F) become DEL: like them, it is no letter,
/// digit, space or token, and only `ANY` reads it. Bytes that would read as
/// the name and amount tokens become spaces.
fn grammar_byte(b: u8) -> u8 {
    match b {
        ENTITY_HEAD..=AMOUNT_TAIL => b' ',
        0x0B | 0x0C | 0x0E..=0x1F => OTHER_CONTROL,
        _ => b,
    }
}

/// One sentence, ready to parse: its offset in the document, the names and
/// amounts found in it (with document offsets) and the masked text.
pub struct Sentence<'a> {
    /// The sentence as written.
    pub text: &'a str,
    pub base: usize,
    pub entities: &'a [Party],
    pub amounts: &'a [Amount],
    /// The sentence as the grammar reads it: names and amounts masked,
    /// whitespace and control bytes mapped by [`grammar_byte`].
    pub masked: String,
    /// The masked sentence in lower case and its words, made on first use.
    words: std::cell::OnceCell<Words>,
}

/// What a sentence's words say about the deals in it, read once per
/// sentence: a sentence can hold many deal clauses, and each looks at the
/// words from its own start to the end of the sentence.
struct Words {
    /// A funding round ("series c", "seed") named anywhere in the sentence.
    round: Option<String>,
    /// A year ("2023") named anywhere in the sentence.
    year: Option<u16>,
    /// The last byte offset at which a running-total marker starts ("to
    /// date", "since", "has invested"): a clause starting at or before it
    /// states a running total.
    cumulative_from: Option<usize>,
    /// The last byte offset of a word marking a further part ("another").
    further_from: Option<usize>,
}

impl Words {
    fn new(masked: &str) -> Self {
        let lower = masked.to_ascii_lowercase();
        // Byte ranges of the words (letters, digits and hyphens).
        let mut spans = Vec::new();
        let mut start = None;
        for (i, c) in lower.char_indices() {
            let in_word = c.is_alphanumeric() || c == '-';
            match (in_word, start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    spans.push((st, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(st) = start {
            spans.push((st, lower.len()));
        }
        let ws: Vec<&str> = spans.iter().map(|&(s, e)| &lower[s..e]).collect();
        let (round, year) = round_and_year(&ws);

        // A phrase counts for a clause when it starts at or after the
        // clause, so only the last occurrence of each matters.
        let phrases = CUMULATIVE_PHRASES.iter().filter_map(|p| lower.rfind(p));
        let cumulative_words = ws.iter().enumerate().filter_map(|(i, w)| {
            let marks = matches!(*w, "cumulative" | "cumulatively" | "since")
                // The present perfect sums what has happened: "has invested $8 billion".
                || matches!(*w, "has" | "have")
                    && (ws.get(i + 1).is_some_and(|v| is_deal_verb(v))
                        || ws.get(i + 1).is_some_and(|a| a.ends_with("ly"))
                            && ws.get(i + 2).is_some_and(|v| is_deal_verb(v)));
            marks.then_some(spans[i].0)
        });
        let cumulative_from = phrases.chain(cumulative_words).max();
        let further_from =
            ws.iter().zip(&spans).filter(|(w, _)| FURTHER_WORDS.contains(w)).map(|(_, &(s, _))| s).max();
        Self { round, year, cumulative_from, further_from }
    }
}

impl<'a> Sentence<'a> {
    /// Masks every name and amount of `text` (the sentence, starting at
    /// document offset `base`), byte for byte.
    pub fn new(text: &'a str, base: usize, entities: &'a [Party], amounts: &'a [Amount]) -> Self {
        let mut bytes: Vec<u8> = text.bytes().map(grammar_byte).collect();
        // A no-break space is whitespace to the grammar: two bytes of its
        // whitespace range (see `WHITESPACE` in the grammar). C2 A0 is
        // always this character: C2 only ever leads a character.
        for i in 1..bytes.len() {
            if bytes[i - 1] == 0xC2 && bytes[i] == 0xA0 {
                bytes[i - 1] = NBSP_BYTE;
                bytes[i] = NBSP_BYTE;
            }
        }
        let mut mask = |span: Span, head: u8, tail: u8| {
            let (s, e) = (span.start - base, span.end - base);
            bytes[s] = head;
            bytes[s + 1..e].iter_mut().for_each(|b| *b = tail);
        };
        for a in amounts {
            if !entities.iter().any(|e| e.span.overlaps(a.span)) {
                mask(a.span, AMOUNT_HEAD, AMOUNT_TAIL);
            }
        }
        for e in entities {
            mask(e.span, ENTITY_HEAD, ENTITY_TAIL);
        }
        // Whole characters were replaced by ASCII bytes, so this stays UTF-8.
        let masked = String::from_utf8(bytes).expect("masking keeps UTF-8");
        Self { text, base, entities, amounts, masked, words: std::cell::OnceCell::new() }
    }

    fn abs(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.base + s.start(), self.base + s.end())
    }

    /// The masked text of a pair, whose span is in the sentence.
    fn word(&self, pair: &Pair<'_, Rule>) -> &str {
        let span = pair.as_span();
        &self.masked[span.start()..span.end()]
    }

    fn entity_at(&self, pair: &Pair<'_, Rule>) -> Option<Party> {
        let start = self.abs(pair).start;
        self.entities.iter().find(|e| e.span.start == start).copied()
    }

    fn amount_at(&self, pair: &Pair<'_, Rule>) -> Option<Amount> {
        let start = self.abs(pair).start;
        self.amounts.iter().find(|a| a.span.start == start).cloned()
    }
}

/// What the parse of one sentence gave: claims, and tails ("The investment
/// is contingent on ...") that belong to the last deal named before it.
#[derive(Default)]
pub struct SentenceClaims {
    pub claims: Vec<Claim>,
    pub orphan_tails: Vec<Tails>,
}

/// Conditions and their absence, as read after a deal.
#[derive(Clone, Debug, Default)]
pub struct Tails {
    pub conditions: Vec<Condition>,
    pub unconditional: bool,
    pub usages: Vec<UsageClaim>,
}

/// The most calls of grammar rules one sentence's parse may make. pest
/// backtracks without memoising, so a hostile sentence ("Amazon, Amazon, …"
/// for 16 KB) costs time quadratic in its names; real sentences of 16 KB need
/// under half of this. A parse that hits the limit gives no claims.
pub const MAX_PARSE_CALLS: usize = 1_000_000;

pub fn parse_sentence(s: &Sentence<'_>, lexicon: &Lexicon) -> SentenceClaims {
    static LIMIT: std::sync::Once = std::sync::Once::new();
    LIMIT.call_once(|| pest::set_call_limit(std::num::NonZeroUsize::new(MAX_PARSE_CALLS)));
    let mut out = SentenceClaims::default();
    if !gate::may_hold_claim(&s.masked) {
        return out;
    }
    // What the grammar parses: plain words spelt with `q` (see `words.rs`).
    // Pairs are read against `s.masked`, which has the same byte layout.
    let grammar = words::mark_plain_words(&s.masked);
    let Ok(mut pairs) = ClaimParser::parse(Rule::sentence, &grammar) else {
        return out;
    };
    let Some(sentence) = pairs.next() else {
        return out;
    };
    let mut attributed = false;
    for clause in sentence.into_inner() {
        let span = s.abs(&clause);
        match clause.as_rule() {
            Rule::attribution => attributed = true,
            Rule::subject_clause => {
                let shape = clause.clone().into_inner().last().map_or(Rule::EOI, |p| p.as_rule());
                match shape {
                    Rule::p_usage => usage(s, lexicon, clause, &mut out.claims),
                    Rule::p_provider_is => provider_is(s, Rule::provider_is, clause, &mut out.claims),
                    Rule::p_excl_end => exclusivity_change(s, lexicon, clause, &mut out.claims),
                    other => {
                        let rule = match other {
                            Rule::p_raise => Rule::deal_raise,
                            Rule::p_led => Rule::deal_led,
                            Rule::p_make => Rule::deal_make,
                            Rule::p_backed => Rule::deal_backed,
                            _ => Rule::deal_active,
                        };
                        let mut parts = DealParts { rule: Some(rule), ..DealParts::default() };
                        parts.collect(s, lexicon, clause);
                        parts.into_claims(s, lexicon, span, &mut out.claims);
                    }
                }
            }
            Rule::usage | Rule::usage_poss | Rule::usage_by => usage(s, lexicon, clause, &mut out.claims),
            Rule::provider_is | Rule::provider_appositive => {
                let rule = clause.as_rule();
                provider_is(s, rule, clause, &mut out.claims)
            }
            Rule::exclusivity_change => exclusivity_change(s, lexicon, clause, &mut out.claims),
            Rule::anaphor => {
                let mut parts = DealParts::default();
                parts.collect(s, lexicon, clause);
                out.orphan_tails.push(parts.tails);
            }
            Rule::EOI => {}
            rule => {
                let mut parts = DealParts { rule: Some(rule), ..DealParts::default() };
                parts.collect(s, lexicon, clause);
                parts.into_claims(s, lexicon, span, &mut out.claims);
            }
        }
    }
    if attributed {
        for c in &mut out.claims {
            match &mut c.body {
                ClaimBody::Deal(d) => push_hedge(&mut d.hedges, Hedge::Attributed),
                ClaimBody::Usage(u) => push_hedge(&mut u.hedges, Hedge::Attributed),
            }
        }
    }
    out
}

fn push_hedge(hedges: &mut Vec<Hedge>, h: Hedge) {
    if !hedges.contains(&h) {
        hedges.push(h);
    }
}

fn hedge_of(rule: Rule) -> Option<Hedge> {
    Some(match rule {
        Rule::h_reportedly => Hedge::Reportedly,
        Rule::h_proposed => Hedge::Proposed,
        Rule::h_potential => Hedge::Potential,
        Rule::h_planned => Hedge::Planned,
        Rule::talks => Hedge::InTalks,
        _ => return None,
    })
}

/// Specificity of a provider: a chip or a cloud says more than its owner.
fn provider_rank(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Chip => 0,
        EntityKind::Cloud => 1,
        EntityKind::Product | EntityKind::Model => 2,
        _ => 3,
    }
}

/// The most specific name inside a provider phrase.
fn provider_entity(s: &Sentence<'_>, lexicon: &Lexicon, span: Span) -> Option<Party> {
    s.entities
        .iter()
        .filter(|e| span.contains(e.span))
        .min_by_key(|e| (provider_rank(lexicon.entity(e.entity).kind), std::cmp::Reverse(e.span.start)))
        .copied()
}

fn parties(s: &Sentence<'_>, pair: Pair<'_, Rule>) -> Vec<Party> {
    pair.into_inner()
        .flatten()
        .filter(|p| p.as_rule() == Rule::entity)
        .filter_map(|p| s.entity_at(&p))
        .collect()
}

/// Everything a deal clause says, gathered in one walk.
#[derive(Default)]
struct DealParts {
    rule: Option<Rule>,
    subject: Vec<Party>,
    investors: Vec<Party>,
    recipients: Vec<Party>,
    excluded: Vec<Party>,
    /// A name with a possessive after the subject: "SoftBank led OpenAI's round".
    possessor: Option<Party>,
    amount: Option<Amount>,
    kind: Option<DealKind>,
    spend_words: bool,
    hedges: Vec<Hedge>,
    negated: bool,
    tranches: Vec<(Amount, Vec<Condition>)>,
    tails: Tails,
}

impl DealParts {
    fn collect(&mut self, s: &Sentence<'_>, lexicon: &Lexicon, clause: Pair<'_, Rule>) {
        for p in clause.into_inner() {
            self.visit(s, lexicon, p);
        }
    }

    fn visit(&mut self, s: &Sentence<'_>, lexicon: &Lexicon, p: Pair<'_, Rule>) {
        let rule = p.as_rule();
        if let Some(h) = hedge_of(rule) {
            push_hedge(&mut self.hedges, h);
            return;
        }
        match rule {
            Rule::subject | Rule::party_list | Rule::party | Rule::entity_poss if self.subject.is_empty() => {
                self.subject = match rule {
                    Rule::entity_poss => p.into_inner().filter_map(|e| s.entity_at(&e)).take(1).collect(),
                    _ => parties(s, p),
                }
            }
            Rule::investors => self.investors = parties(s, p),
            Rule::entity_poss => self.possessor = p.into_inner().find_map(|e| s.entity_at(&e)),
            Rule::recipients => self.recipients = parties(s, p),
            Rule::excluded => self.excluded = parties(s, p),
            Rule::amount if self.amount.is_none() => self.amount = s.amount_at(&p),
            Rule::negation => self.negated = true,
            Rule::v_spend => self.kind = Some(DealKind::Spending),
            Rule::v_acquire => self.kind = Some(DealKind::Acquisition),
            Rule::deal_noun => {
                let w = s.word(&p).to_ascii_lowercase();
                if matches!(w.as_str(), "acquisition" | "purchase" | "buyout" | "takeover") {
                    self.kind = Some(DealKind::Acquisition);
                } else if w == "contract" {
                    self.kind = Some(DealKind::Spending);
                }
            }
            Rule::mod_word => {
                let w = s.word(&p).to_ascii_lowercase();
                if matches!(
                    w.as_str(),
                    "compute" | "cloud" | "spending" | "capacity" | "infrastructure" | "server"
                ) {
                    self.spend_words = true;
                }
            }
            Rule::tranche => {
                let mut inner = DealParts::default();
                inner.collect(s, lexicon, p);
                if let Some(a) = inner.amount {
                    self.tranches.push((a, inner.tails.conditions));
                }
            }
            Rule::condition | Rule::stipulation => {
                for c in p.into_inner() {
                    if c.as_rule() == Rule::cond_body {
                        let (cond, usage) = condition(s, lexicon, c);
                        self.tails.conditions.push(cond);
                        self.tails.usages.extend(usage);
                    } else {
                        self.visit(s, lexicon, c);
                    }
                }
            }
            Rule::unconditional => self.tails.unconditional = true,
            _ => {
                for c in p.into_inner() {
                    self.visit(s, lexicon, c);
                }
            }
        }
    }

    fn into_claims(self, s: &Sentence<'_>, lexicon: &Lexicon, span: Span, out: &mut Vec<Claim>) {
        let (investors, recipients) = match self.rule {
            Some(Rule::deal_raise) => (self.investors, self.subject),
            Some(Rule::funding_led) => (self.investors, self.subject),
            Some(Rule::deal_by | Rule::deal_noun_phrase) => (self.investors, self.recipients),
            Some(Rule::deal_led) => match self.possessor {
                Some(p) if !self.subject.is_empty() && self.investors.is_empty() => (self.subject, vec![p]),
                _ => (self.investors, self.subject),
            },
            Some(Rule::deal_backed) => (self.investors, self.subject),
            _ => (self.subject, self.recipients),
        };
        // A year or round may open the sentence: "In 2023, Microsoft invested ...".
        let words = s.words.get_or_init(|| Words::new(&s.masked));
        let (round, year) = (&words.round, words.year);
        let make = |investor: Party,
                    recipient: Party,
                    amount: Option<Amount>,
                    part: DealPart,
                    negated: bool,
                    conditions: Vec<Condition>| {
            let kind = self.kind.unwrap_or_else(|| {
                let rk = lexicon.entity(recipient.entity).kind;
                if self.spend_words || matches!(rk, EntityKind::Cloud | EntityKind::Chip) {
                    DealKind::Spending
                } else {
                    DealKind::Investment
                }
            });
            Claim {
                span,
                body: ClaimBody::Deal(DealClaim {
                    kind,
                    investor,
                    recipient,
                    amount,
                    part,
                    negated,
                    conditions,
                    unconditional: self.tails.unconditional,
                    hedges: self.hedges.clone(),
                    round: round.clone(),
                    year,
                }),
                date: None,
            }
        };
        // "... in OpenAI since 2019": the words after the clause count too.
        let part = deal_part(words, span.start - s.base);
        for &r in &recipients {
            for &i in &investors {
                if i.entity == r.entity {
                    continue;
                }
                let amount =
                    if recipients.len() == 1 && investors.len() == 1 { self.amount.clone() } else { None };
                out.push(make(i, r, amount, part, self.negated, self.tails.conditions.clone()));
                for (a, conds) in &self.tranches {
                    out.push(make(i, r, Some(a.clone()), DealPart::Tranche, false, conds.clone()));
                }
            }
            for &i in &self.excluded {
                out.push(make(i, r, None, DealPart::Whole, true, Vec::new()));
            }
        }
        for u in self.tails.usages {
            out.push(Claim { span, body: ClaimBody::Usage(u), date: None });
        }
    }
}

/// Phrases that make an amount a running total: "$13 billion to date".
const CUMULATIVE_PHRASES: &[&str] =
    &["to date", "so far", "in total", "a total of", "all told", "altogether", "in all,"];
/// Words that make an amount a further part: "another $4 billion".
const FURTHER_WORDS: &[&str] =
    &["another", "additional", "further", "extra", "fresh", "follow-on", "second", "third", "more"];

/// What the amount measures, from the clause's words (those from byte
/// `from` to the end of the sentence): a running total ("has invested $13
/// billion to date", "since 2019"), a further part ("another $4 billion",
/// "an additional $2 billion"), or the whole deal.
fn deal_part(words: &Words, from: usize) -> DealPart {
    if words.cumulative_from.is_some_and(|p| p >= from) {
        DealPart::Cumulative
    } else if words.further_from.is_some_and(|p| p >= from) {
        DealPart::Tranche
    } else {
        DealPart::Whole
    }
}

fn is_deal_verb(w: &str) -> bool {
    [
        "invested",
        "committed",
        "poured",
        "put",
        "pledged",
        "plowed",
        "sunk",
        "contributed",
        "spent",
        "funneled",
    ]
    .contains(&w)
}

/// A funding round ("Series C") or a year ("in 2023") stated in the sentence.
fn round_and_year(ws: &[&str]) -> (Option<String>, Option<u16>) {
    let mut round = None;
    let mut year = None;
    for (i, w) in ws.iter().enumerate() {
        if *w == "series" {
            if let Some(next) = ws.get(i + 1).filter(|n| n.len() <= 2) {
                round = Some(format!("series {next}"));
            }
        } else if matches!(*w, "seed" | "pre-seed") {
            round.get_or_insert_with(|| (*w).to_owned());
        } else if w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) {
            year = year.or_else(|| w.parse().ok());
        }
    }
    (round, year)
}

fn condition(s: &Sentence<'_>, lexicon: &Lexicon, body: Pair<'_, Rule>) -> (Condition, Vec<UsageClaim>) {
    let span = s.abs(&body);
    let text = normalise(&s.text[span.start - s.base..span.end - s.base]);
    let mut usages = Vec::new();
    if let Some(cu) = body.clone().into_inner().find(|p| p.as_rule() == Rule::cond_usage) {
        let mut claims = Vec::new();
        usage(s, lexicon, cu, &mut claims);
        usages.extend(claims.into_iter().filter_map(|c| match c.body {
            ClaimBody::Usage(u) => Some(u),
            ClaimBody::Deal(_) => None,
        }));
    }
    let usage = usages.first().map(|u| UsageCondition {
        user: u.user.entity,
        provider: u.provider.entity,
        exclusive: u.exclusivity == Exclusivity::Exclusive,
    });
    (Condition { span, text, usage }, usages)
}

/// Words as written, lower case, single spaces, without closing punctuation.
fn normalise(text: &str) -> String {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    words.join(" ").trim_end_matches(['.', ',', ';', ':', '!', '?']).to_owned()
}

fn usage(s: &Sentence<'_>, lexicon: &Lexicon, clause: Pair<'_, Rule>, out: &mut Vec<Claim>) {
    let span = s.abs(&clause);
    let mut users = Vec::new();
    let mut providers = Vec::new();
    let mut obligation = Obligation::Uses;
    let mut excl = Exclusivity::Unstated;
    let mut hedged_excl = false;
    let mut negated = false;
    let mut hedges = Vec::new();
    for p in clause.into_inner().flatten() {
        let rule = p.as_rule();
        if let Some(h) = hedge_of(rule) {
            push_hedge(&mut hedges, h);
            continue;
        }
        match rule {
            Rule::user | Rule::user_poss | Rule::subject | Rule::party if users.is_empty() => {
                users = p
                    .clone()
                    .into_inner()
                    .flatten()
                    .filter(|e| e.as_rule() == Rule::entity)
                    .filter_map(|e| s.entity_at(&e))
                    .collect();
                // "OpenAI's models": the user is the possessor alone.
                if p.clone().into_inner().flatten().next().is_some_and(|f| f.as_rule() == Rule::entity_poss) {
                    users.truncate(1);
                }
            }
            Rule::provider => providers.extend(provider_entity(s, lexicon, s.abs(&p))),
            Rule::obligation => {
                let w = s.word(&p).to_ascii_lowercase();
                obligation = if w.contains("commit") || w.contains("pledge") || w.contains("agreed") {
                    Obligation::Commits
                } else {
                    Obligation::Must
                };
            }
            Rule::use_verb if s.word(&p).to_ascii_lowercase().starts_with("commit") => {
                obligation = obligation.max(Obligation::Commits);
            }
            Rule::negation => negated = true,
            Rule::excl_yes if excl == Exclusivity::Unstated => excl = Exclusivity::Exclusive,
            Rule::excl_not => excl = Exclusivity::NonExclusive,
            Rule::excl_hedged => hedged_excl = true,
            _ => {}
        }
    }
    if hedged_excl && excl == Exclusivity::Exclusive {
        excl = Exclusivity::Unstated;
    }
    if negated && excl == Exclusivity::Exclusive {
        // "no longer runs exclusively on Azure"
        excl = Exclusivity::Ended;
        negated = false;
    }
    for &user in &users {
        for &provider in &providers {
            if lexicon.root_owner(provider.entity) == lexicon.root_owner(user.entity) {
                continue;
            }
            out.push(Claim {
                span,
                body: ClaimBody::Usage(UsageClaim {
                    user,
                    provider,
                    obligation,
                    exclusivity: excl,
                    hedges: hedges.clone(),
                    negated,
                }),
                date: None,
            });
        }
    }
}

/// "Azure is OpenAI's exclusive cloud provider"; "OpenAI's exclusive cloud provider, Microsoft Azure".
fn provider_is(s: &Sentence<'_>, rule: Rule, clause: Pair<'_, Rule>, out: &mut Vec<Claim>) {
    let span = s.abs(&clause);
    let mut named = Vec::new();
    let mut excl = Exclusivity::Unstated;
    let mut negated = false;
    for p in clause.into_inner().flatten() {
        match p.as_rule() {
            Rule::entity => named.extend(s.entity_at(&p)),
            Rule::excl_yes => excl = Exclusivity::Exclusive,
            Rule::excl_not => excl = Exclusivity::NonExclusive,
            Rule::negation => negated = true,
            _ => {}
        }
    }
    // provider_is names the provider first; the appositive names the user first.
    let (provider, user) = match (rule, named.as_slice()) {
        (Rule::provider_is, [p, u, ..]) => (*p, *u),
        (Rule::provider_appositive, [u, p, ..]) => (*p, *u),
        _ => return,
    };
    if negated && excl == Exclusivity::Exclusive {
        excl = Exclusivity::Ended;
        negated = false;
    }
    out.push(stated_usage(span, user, provider, excl, negated));
}

/// "Microsoft's exclusivity with OpenAI ended": whichever side provides
/// compute is the provider.
fn exclusivity_change(s: &Sentence<'_>, lexicon: &Lexicon, clause: Pair<'_, Rule>, out: &mut Vec<Claim>) {
    let span = s.abs(&clause);
    let named: Vec<Party> = clause
        .into_inner()
        .flatten()
        .filter(|p| p.as_rule() == Rule::entity)
        .filter_map(|p| s.entity_at(&p))
        .collect();
    let [a, b, ..] = named.as_slice() else { return };
    let (user, provider) =
        if lexicon.implied_cloud(a.entity).is_some() && lexicon.implied_cloud(b.entity).is_none() {
            (*b, *a)
        } else {
            (*a, *b)
        };
    out.push(stated_usage(span, user, provider, Exclusivity::Ended, false));
}

/// A usage read from a statement about the arrangement itself (who provides
/// for whom, whether exclusively), with no obligation or hedge of its own.
fn stated_usage(span: Span, user: Party, provider: Party, exclusivity: Exclusivity, negated: bool) -> Claim {
    let usage =
        UsageClaim { user, provider, obligation: Obligation::Uses, exclusivity, hedges: Vec::new(), negated };
    Claim { span, body: ClaimBody::Usage(usage), date: None }
}

#[cfg(test)]
mod tests;
