//! The claim grammar (`grammar/claims.pest`) over one sentence's token
//! classes, and the code that turns each shape it finds into claims whose
//! parties may still have to be read from the note's context.

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;

use crate::claims::{
    Amount, Condition, DealKind, DealPart, Ending, Exclusivity, Hedge, Hedges, Obligation, Party, Term,
    UsageCondition,
};
use crate::dates::Date;
use crate::extract::tokens::Token;
use crate::extract::vocab::{Class, Ordinal, Sense};
use crate::lexicon::{EntityId, EntityKind, Lexicon};
use crate::source::Span;

#[derive(Parser)]
#[grammar = "grammar/claims.pest"]
pub struct ClaimParser;

/// A party as the sentence names it: by name, by reference to the topic
/// ("its", "it", "the company", or no subject at all), or not at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Named(Party),
    /// "its", "it", "the company", an elided subject: the company the
    /// context is about, at this token.
    Topic(Span),
    Missing,
}

impl Slot {
    pub fn party(self) -> Option<Party> {
        match self {
            Slot::Named(p) => Some(p),
            _ => None,
        }
    }
}

/// What kind of deal a shape states, when the words say it; a contract's
/// kind is decided from its parties.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindHint {
    Is(DealKind),
    /// "deal", "agreement", "commitment": spending when a party is a cloud
    /// or compute is named, an investment otherwise.
    Contract,
}

/// A deal named before ("The investment", "The SoftBank money"): the
/// context finds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Antecedent {
    /// The class of the noun: investment, contract, stake, part, acquisition.
    pub head: Class,
    /// A name before the noun: "the SoftBank money".
    pub named: Option<Party>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawDeal {
    pub kind: KindHint,
    pub investor: Slot,
    pub recipient: Slot,
    pub amount: Option<Amount>,
    pub part: DealPart,
    pub ordinal: Option<Ordinal>,
    pub negated: bool,
    pub conditions: Vec<Condition>,
    pub unconditional: bool,
    pub hedges: Hedges,
    pub round: Option<String>,
    pub year: Option<u16>,
    /// "this year", "last year": a year relative to the note's.
    pub year_offset: Option<i8>,
    /// "in November": the latest November before the note.
    pub month: Option<u8>,
    /// "last month": a month relative to the note's.
    pub month_offset: Option<i8>,
    /// Stated in the present or future: the note's news.
    pub current: bool,
    /// Compute or cloud words in the deal's phrase ("a cloud deal").
    pub compute: bool,
    /// The company the deal's first condition binds ("depends on OpenAI
    /// restructuring"): the recipient, when the deal names none.
    pub bound: Option<EntityId>,
    pub antecedent: Option<Antecedent>,
    /// "was called off", "scrapped its investment".
    pub called_off: Option<Ending>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawUsage {
    pub user: Slot,
    pub provider: Party,
    pub obligation: Obligation,
    pub exclusivity: Exclusivity,
    pub hedges: Hedges,
    pub negated: bool,
    /// The text says the exclusivity ended.
    pub ended: Option<Ending>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RawBody {
    Deal(Box<RawDeal>),
    Usage(RawUsage),
}

/// A claim read from a sentence, before its context fills its slots.
#[derive(Clone, Debug, PartialEq)]
pub struct RawClaim {
    pub span: Span,
    /// Named in a question: context for what follows, not a claim.
    pub asked: bool,
    pub body: RawBody,
    /// For a use: the year its sentence says it held ("in 2019", a
    /// timeline's "2019-07"), not one it held since.
    pub year: Option<u16>,
}

/// Auxiliaries that make what follows a possibility, not a fact.
const MODALS: &[&str] = &["could", "may", "might", "would", "should", "can", "will"];

/// The most calls of grammar rules one sentence's parse may make: a
/// hostile sentence ("Amazon, Amazon, …" for 16 KB) would otherwise cost
/// time quadratic in its tokens. A parse that hits it gives no claims.
pub const MAX_PARSE_CALLS: usize = 1_000_000;

/// One sentence, tokenized: the reader's input.
pub struct Sentence<'a> {
    pub tokens: &'a [Token],
    pub amounts: &'a [Amount],
    /// The sentence's text, for condition words, and its offset in the note.
    pub text: &'a str,
    pub base: usize,
}

impl Sentence<'_> {
    /// The text at a document span inside the sentence.
    fn at(&self, span: Span) -> &str {
        &self.text[span.start() - self.base..span.end() - self.base]
    }
}

/// A shape the grammar found: its rule, its token range, and the claims
/// read from it.
#[derive(Debug)]
pub struct Found {
    pub shape: &'static str,
    pub tokens: std::ops::Range<usize>,
    pub claims: Vec<RawClaim>,
}

/// Whether a sentence can hold a claim at all: a name or a reference to
/// one, and a word that starts or carries a claim.
pub fn may_hold_claim(classes: &[u8]) -> bool {
    // "the $10 billion": a deal named before, by its amount; "$10 billion
    // from Microsoft"; a list item "- OpenAI: $300bn with Oracle".
    let lead = classes.len() > 2 && matches!(classes[0], b'O' | b'C') && classes[1] == b':';
    if lead
        || classes.windows(2).any(|w| w == b"d$")
        || classes.windows(3).any(|w| w == b"$fO" || w == b"$fC")
    {
        return true;
    }
    // "The money is released progressively": terms of a deal named before;
    // "The deal was called off": its end.
    let terms = classes.iter().any(|&c| matches!(c, b'^' | b'!' | b'J'));
    if terms && classes.first() == Some(&b'd') {
        return true;
    }
    let named = classes.iter().any(|&c| matches!(c, b'O' | b'C' | b'M' | b'y' | b'P' | b'@'));
    let claim = classes.iter().any(|&c| {
        matches!(
            c,
            b'I' | b'R'
                | b'B'
                | b'Q'
                | b'L'
                | b'S'
                | b'U'
                | b'V'
                | b'E'
                | b'Z'
                | b'D'
                | b'F'
                | b'G'
                | b'K'
                | b'A'
                | b'T'
                | b'^'
                | b'!'
                | b'*'
                | b'x'
                | b'X'
                | b'~'
                | b'z'
        )
    });
    // A name and an amount: "Nvidia's $12 billion into Anthropic".
    named && (claim || classes.contains(&b'$'))
}

/// Parses a sentence's class string and reads the claims of every shape.
pub fn read(s: &Sentence<'_>, classes: &str, lexicon: &Lexicon) -> Vec<Found> {
    static LIMIT: std::sync::Once = std::sync::Once::new();
    LIMIT.call_once(|| pest::set_call_limit(std::num::NonZeroUsize::new(MAX_PARSE_CALLS)));
    let Ok(mut pairs) = ClaimParser::parse(Rule::sentence, classes) else {
        return Vec::new();
    };
    let Some(sentence) = pairs.next() else {
        return Vec::new();
    };
    // What a question takes as known still counts ("how much of the $10
    // billion arrives as cash").
    let mut asking = false;
    let shapes: Vec<Pair<'_, Rule>> = sentence
        .into_inner()
        .flat_map(|p| match p.as_rule() {
            Rule::asked => p.into_inner().collect(),
            Rule::question => {
                asking = true;
                p.into_inner().collect()
            }
            _ => vec![p],
        })
        .filter(|p| p.as_rule() != Rule::EOI)
        .collect();
    // A shape's years are those between the end of the one before and the
    // start of the one after (the words before the first shape count for it).
    let bounds: Vec<(usize, usize)> =
        shapes.iter().map(|p| (p.as_span().start(), p.as_span().end())).collect();
    let attributed = s.tokens.iter().any(|t| t.sense == Sense::Hedge(Hedge::Attributed));
    let mut out = Vec::new();
    for (i, pair) in shapes.into_iter().enumerate() {
        let scope_start = if i == 0 { 0 } else { bounds[i - 1].1 };
        let scope_end = bounds.get(i + 1).map_or(s.tokens.len(), |b| b.0);
        let shape = rule_name(pair.as_rule());
        let tokens = bounds[i].0..bounds[i].1;
        let mut reader = Reader { s, lexicon, claims: Vec::new() };
        reader.shape(pair, scope_start..scope_end);
        let year = stated_year(&s.tokens[..bounds[i].0], scope_start);
        for c in &mut reader.claims {
            if matches!(c.body, RawBody::Usage(_)) {
                c.year = year;
            }
        }
        if attributed {
            for c in &mut reader.claims {
                match &mut c.body {
                    RawBody::Deal(d) => push_hedge(&mut d.hedges, Hedge::Attributed),
                    RawBody::Usage(u) => push_hedge(&mut u.hedges, Hedge::Attributed),
                }
            }
        }
        if asking {
            for c in &mut reader.claims {
                c.asked = true;
            }
        }
        out.push(Found { shape, tokens, claims: reader.claims });
    }
    out
}

/// The grammar rule's name, as the trace and the claims show it.
pub fn rule_name(rule: Rule) -> &'static str {
    // The names are the grammar's; Debug prints them.
    macro_rules! names {
        ($($r:ident),* $(,)?) => {
            match rule {
                $(Rule::$r => stringify!($r),)*
                _ => "other",
            }
        };
    }
    names!(
        fragment,
        if_fallback,
        tie,
        rights_end_once,
        exclusivity_ended,
        provider_is,
        provider_named,
        round_led,
        stake_at,
        deal_off,
        invest,
        invest_passive,
        raise,
        lead_round,
        buy_stake,
        supply,
        spend,
        acquire,
        make_deal,
        usage,
        usage_by,
        usage_paid,
        rights,
        deal_nominal,
        anaphor,
        money_rel,
        anaphor_amount,
        anaphor_it,
        money_from,
        capacity_for,
    )
}

/// The year a sentence says a shape's statement held, from the tokens
/// before the shape (`before`; its own scope starts at `scope_start`): a
/// date that leads the sentence ("2019-07 Azure becomes ...", "In 2019,
/// ..."), or one in the shape's scope before it; never one that starts a
/// span reaching to now ("since 2019", "from 2019") or bounds one ("until
/// 2027", "by 2030"), nor one after the shape ("an agreement signed in
/// 2024" dates the agreement, not the state).
fn stated_year(before: &[Token], scope_start: usize) -> Option<u16> {
    let open = |i: usize| {
        before[..i].iter().rev().find(|b| !matches!(b.class, Class::Word | Class::In)).is_some_and(|b| {
            matches!(
                b.class,
                Class::Cumulative | Class::From | Class::TimeLimit | Class::Via | Class::By | Class::To
            )
        })
    };
    let lead = before.iter().position(|t| t.class != Class::In).filter(|&i| i <= 1);
    if let Some(i) = lead.filter(|&i| before[i].class == Class::Year) {
        return before[i].year();
    }
    (scope_start.min(before.len())..before.len())
        .find(|&i| before[i].class == Class::Year && !open(i))
        .and_then(|i| before[i].year())
}

fn push_hedge(hedges: &mut Hedges, h: Hedge) {
    hedges.push(h);
}

/// The roles of one shape, gathered in one walk of its parse.
#[derive(Default)]
struct Roles<'i> {
    investor: Vec<Slot>,
    recipient: Vec<Slot>,
    leader: Vec<Slot>,
    excluded: Vec<Slot>,
    money: Option<Amount>,
    ordinal: Option<Ordinal>,
    verb_groups: Vec<std::ops::Range<usize>>,
    conditions: Vec<(Condition, Vec<RawUsage>)>,
    unconditional: bool,
    head: Option<Class>,
    /// The deal's noun is a contract: "a $300B contract with Oracle".
    spending_head: bool,
    counterparty: Vec<Slot>,
    providers: Vec<Party>,
    users: Vec<Slot>,
    exclusive: Vec<Class>,
    holder: Vec<Slot>,
    granter: Vec<Slot>,
    event: Option<String>,
    /// The first company a condition's words start with.
    bound: Option<EntityId>,
    /// Parts of the shape that are claims of their own, read afterwards.
    subclaims: Vec<Pair<'i, Rule>>,
    /// The token that says the deal was called off.
    called_off: Option<usize>,
}

struct Reader<'a, 'l> {
    s: &'a Sentence<'a>,
    lexicon: &'l Lexicon,
    claims: Vec<RawClaim>,
}

impl<'a> Reader<'a, '_> {
    fn tok(&self, i: usize) -> &'a Token {
        &self.s.tokens[i]
    }

    fn range(pair: &Pair<'_, Rule>) -> std::ops::Range<usize> {
        pair.as_span().start()..pair.as_span().end()
    }

    /// The document span of a token range (empty ranges: the token after).
    fn span_of(&self, r: std::ops::Range<usize>) -> Span {
        let toks = self.s.tokens;
        if r.is_empty() {
            let at = toks.get(r.start).or(toks.last()).map_or(0, |t| t.span.start());
            return Span::new(at, at);
        }
        toks[r.start].span.cover(toks[r.end - 1].span)
    }

    /// The parties named in a token range: names, and references to the topic.
    fn slots(&self, r: std::ops::Range<usize>, users: bool) -> Vec<Slot> {
        let mut out = Vec::new();
        let toks = &self.s.tokens[r.clone()];
        for (i, t) in toks.iter().enumerate() {
            // "its Anthropic stake": a determiner, when a name follows.
            if t.class == Class::Its && toks[i + 1..].iter().any(|n| n.party().is_some()) {
                continue;
            }
            match t.class {
                Class::Org | Class::Cloud => out.extend(t.party().map(Slot::Named)),
                Class::Model if users => {
                    // A product stands for its maker: Claude is Anthropic's.
                    if let Some(p) = t.party() {
                        let owner = self.maker(p.entity);
                        out.push(Slot::Named(Party { entity: owner, span: p.span }));
                    }
                }
                Class::It | Class::Its | Class::TheCompany => out.push(Slot::Topic(t.span)),
                // "Ilya Sutskever's lab": the person's organisation.
                Class::Person if !users => {
                    if let Some(org) = t.party().and_then(|p| self.lexicon.entity(p.entity).affiliation) {
                        out.push(Slot::Named(Party { entity: org, span: t.span }));
                    }
                }
                _ => {}
            }
        }
        if out.is_empty() && r.is_empty() {
            // An elided subject: the heading's or the previous sentence's.
            out.push(Slot::Topic(self.span_of(r)));
        }
        out
    }

    /// The company that makes a model or product.
    fn maker(&self, id: EntityId) -> EntityId {
        let mut cur = id;
        for _ in 0..4 {
            let e = self.lexicon.entity(cur);
            match (e.kind, e.owner) {
                (EntityKind::Model | EntityKind::Product, Some(o)) => cur = o,
                _ => break,
            }
        }
        cur
    }

    /// The providers a phrase names: every name but the owner of another
    /// ("Amazon's Trainium chips" is Trainium; "CoreWeave's GB200 systems"
    /// is CoreWeave and GB200).
    fn providers_in(&self, r: std::ops::Range<usize>) -> Vec<Party> {
        let names: Vec<Party> = self.s.tokens[r].iter().filter_map(Token::party).collect();
        let owns = |a: EntityId, b: EntityId| a != b && self.is_owner(a, b);
        names.iter().copied().filter(|p| !names.iter().any(|q| owns(p.entity, q.entity))).collect()
    }

    /// Whether `a` owns `b`, directly or through its owners.
    fn is_owner(&self, a: EntityId, b: EntityId) -> bool {
        let mut cur = b;
        for _ in 0..8 {
            match self.lexicon.entity(cur).owner {
                Some(o) if o == a => return true,
                Some(o) => cur = o,
                None => return false,
            }
        }
        false
    }

    fn amount(&self, i: usize) -> Option<Amount> {
        match self.tok(i).what {
            crate::extract::tokens::What::Amount(a) => self.s.amounts.get(a).cloned(),
            _ => None,
        }
    }

    fn collect<'i>(&self, pair: Pair<'i, Rule>, roles: &mut Roles<'i>) {
        let r = Self::range(&pair);
        match pair.as_rule() {
            Rule::investor => roles.investor.extend(self.slots(r, false)),
            Rule::recipient
            | Rule::recipient_np
            | Rule::raiser
            | Rule::round_owner
            | Rule::owner_mod
            | Rule::anaphor_mod => {
                roles.recipient.extend(self.slots(r, false));
            }
            Rule::leader => roles.leader.extend(self.slots(r, false)),
            Rule::excluded => roles.excluded.extend(self.slots(r, false)),
            Rule::maker | Rule::payer | Rule::buyer | Rule::owner | Rule::lead | Rule::payer_of_supplier => {
                roles.investor.extend(self.slots(r, false));
            }
            Rule::counterparty
            | Rule::other
            | Rule::bought
            | Rule::counterparty_mod
            | Rule::payee_direct
            | Rule::customer
            | Rule::lead_other => {
                roles.counterparty.extend(self.slots(r, false));
            }
            Rule::payee => {
                roles.counterparty.extend(self.providers_in(r).into_iter().take(1).map(Slot::Named))
            }
            Rule::money => {
                if roles.money.is_none() {
                    roles.money = self.amount(r.start);
                }
            }
            Rule::ordinal => {
                if let Sense::Ordinal(o) = self.tok(r.start).sense {
                    roles.ordinal.get_or_insert(o);
                }
            }
            Rule::verb_group | Rule::aux_group | Rule::invest_verb | Rule::use_verbs => {
                roles.verb_groups.push(r)
            }
            // "is not contingent on", "does not depend on": no condition is
            // stated (nor that there is none).
            Rule::condition if r.start > 0 && self.tok(r.start - 1).class == Class::Negation => {}
            Rule::condition | Rule::cond_words_before | Rule::cond_body => {
                let body =
                    if pair.as_rule() == Rule::condition { pair.into_inner().next() } else { Some(pair) };
                if roles.bound.is_none() {
                    let at = body.as_ref().map_or(r.start, |b| b.as_span().start());
                    roles.bound = self
                        .s
                        .tokens
                        .get(at)
                        .filter(|t| matches!(t.class, Class::Org | Class::Cloud))
                        .and_then(Token::party)
                        .map(|p| p.entity);
                }
                roles.conditions.push(self.condition(body, r));
            }
            Rule::unconditional => roles.unconditional = true,
            // "was called off", but not "may be called off" nor "was not called off".
            Rule::off_tail | Rule::called_off => {
                let at = r.end - 1;
                if !self.doubts(&self.s.tokens[r]) {
                    roles.called_off.get_or_insert(at);
                }
            }
            Rule::of_which => roles.head = Some(Class::Part),
            Rule::deal_head | Rule::anaphor_head | Rule::part_head if roles.head != Some(Class::Part) => {
                let t = self.tok(r.start);
                roles.head = Some(t.class);
                roles.spending_head |= t.sense == Sense::Spending;
            }
            Rule::provider | Rule::provider_head => roles.providers.extend(self.providers_in(r)),
            Rule::user | Rule::served | Rule::poss_user => {
                let mut users = self.slots(r, true);
                // "OpenAI's models", "Perplexity's Sonar inference": the possessor alone.
                if pair.as_str().contains('s') {
                    users.truncate(1);
                }
                roles.users.extend(users);
                // "all of its models": the quantifier says exclusively.
                for p in pair.into_inner().filter(|p| matches!(p.as_rule(), Rule::exclusive | Rule::all_of)) {
                    roles.exclusive.push(self.tok(p.as_span().start()).class);
                }
            }
            Rule::exclusive | Rule::all_of => roles.exclusive.push(self.tok(r.start).class),
            Rule::holder | Rule::holder_poss => roles.holder.extend(self.slots(r, false)),
            Rule::granter => roles.granter.extend(self.slots(r, false)),
            Rule::event => roles.event = Some(event_words(self.s.at(self.span_of(r)))),
            Rule::and_investor | Rule::and_invest | Rule::part_tail | Rule::total_tail | Rule::split_part => {
                roles.subclaims.push(pair);
            }
            _ => {
                for inner in pair.into_inner() {
                    self.collect(inner, roles);
                }
            }
        }
    }

    /// A condition's words, and the usage it requires if it is one.
    fn condition(
        &self,
        body: Option<Pair<'_, Rule>>,
        marker: std::ops::Range<usize>,
    ) -> (Condition, Vec<RawUsage>) {
        let r = body.as_ref().map_or(marker.clone(), Self::range);
        let span = self.span_of(r);
        let text = normalise(self.s.at(span));
        let mut usages = Vec::new();
        if let Some(body) = body {
            if let Some(cu) = body.into_inner().find(|p| p.as_rule() == Rule::cond_usage) {
                let mut roles = Roles::default();
                for inner in cu.into_inner() {
                    self.collect(inner, &mut roles);
                }
                usages = self.usages(&roles);
                let v = self.verbs(&roles);
                for u in &mut usages {
                    u.obligation = v.obligation;
                    u.negated = v.negated;
                }
            }
        }
        let usage = usages.iter().find_map(|u| {
            let user = u.user.party()?;
            Some(UsageCondition {
                user: user.entity,
                provider: u.provider.entity,
                exclusive: u.exclusivity == Exclusivity::Exclusive,
            })
        });
        (Condition { span, text, usage, term: None }, usages)
    }

    /// What the verb groups of a shape say: hedges, negation, obligation,
    /// and whether an investment verb is in the perfect ("has invested").
    fn verbs(&self, roles: &Roles<'_>) -> Verbs {
        let mut v = Verbs::default();
        for r in &roles.verb_groups {
            let toks = &self.s.tokens[r.clone()];
            for t in toks {
                match (t.class, t.sense) {
                    (Class::Hedge, Sense::Hedge(h)) => push_hedge(&mut v.hedges, h),
                    (Class::Negation, _) => v.negated = true,
                    (Class::Obligation, Sense::Commits) => {
                        v.obligation = v.obligation.max(Obligation::Commits)
                    }
                    (Class::Obligation, _) => v.obligation = v.obligation.max(Obligation::Must),
                    _ => {}
                }
            }
        }
        // "has invested", "has now put": a running total.
        for r in &roles.verb_groups {
            if self.s.tokens.get(r.start).is_some_and(|t| t.class == Class::Invest) {
                let before = self.s.tokens[..r.start].iter().rev().skip_while(|t| {
                    t.class == Class::Aux && t.sense != Sense::Perfect || t.class == Class::Hedge
                });
                if before.take(1).any(|t| t.sense == Sense::Perfect) {
                    v.perfect = true;
                }
            }
        }
        v
    }

    /// Whether an arrangement is stated as over: in the past tense ("was
    /// OpenAI's exclusive cloud provider"), bounded ("until January"), or
    /// followed by its end ("..., when the companies replaced exclusivity").
    fn past(&self, roles: &Roles<'_>, from: usize) -> bool {
        let past_aux = roles.verb_groups.iter().flat_map(|r| &self.s.tokens[r.clone()]).any(|t| {
            t.class == Class::Aux
                && matches!(self.s.at(t.span).to_ascii_lowercase().as_str(), "was" | "were" | "had")
        });
        past_aux || self.end_word(from).is_some()
    }

    /// The first word from token `from` on that ends an arrangement:
    /// "ended", "replaced", "until".
    fn end_word(&self, from: usize) -> Option<usize> {
        self.s.tokens.iter().enumerate().skip(from).find_map(|(i, t)| {
            let ends = t.class == Class::End
                || t.class == Class::TimeLimit
                    && matches!(self.s.at(t.span).to_ascii_lowercase().as_str(), "until" | "till");
            ends.then_some(i)
        })
    }

    /// Whether the text says an arrangement ended, not only that it held
    /// once: "no longer", an ending word after it, or a shape of its end.
    /// The ending carries the date the text gives for it.
    fn ending(&self, roles: &Roles<'_>, shape: std::ops::Range<usize>, shape_of_end: bool) -> Option<Ending> {
        let no_longer = roles
            .verb_groups
            .iter()
            .flat_map(|r| &self.s.tokens[r.clone()])
            .any(|t| t.class == Class::Negation && self.s.at(t.span).eq_ignore_ascii_case("no longer"));
        match self.end_word(shape.start) {
            Some(at) => Some(Ending { when: self.date_of_end(at, shape.end) }),
            None => (no_longer || shape_of_end)
                .then(|| Ending { when: self.date_of_end(shape.end.max(1) - 1, shape.end) }),
        }
    }

    /// Whether `tokens` put what they say in doubt: a negation, a hedge or
    /// a modal ("was not called off", "may be scrapped").
    fn doubts(&self, tokens: &[Token]) -> bool {
        tokens.iter().any(|t| {
            matches!(t.class, Class::Negation | Class::Hedge)
                || t.class == Class::Aux && MODALS.contains(&self.s.at(t.span).to_ascii_lowercase().as_str())
        })
    }

    /// The date of an end said at token `at`: right after it ("ended in
    /// January 2025"), else right after the shape, which ends before
    /// `shape_end` ("froze its investment in Anthropic in April 2025").
    fn date_of_end(&self, at: usize, shape_end: usize) -> Option<Date> {
        self.date_after(at).or_else(|| self.date_after(shape_end.max(at + 1) - 1))
    }

    /// The date right after token `at`, as "2025", "2025-01" or
    /// "2025-01-15": "ended in January 2025", "was called off on 2025-03-04".
    fn date_after(&self, at: usize) -> Option<Date> {
        let mut month = None;
        for t in self.s.tokens.iter().skip(at + 1).take(4) {
            match (t.class, t.sense) {
                (Class::Month, Sense::Month(m)) => month = Some(m),
                // "May" is read as the modal; before a year it is the month.
                _ if self.s.at(t.span) == "May" => month = Some(5),
                (Class::Year, _) => {
                    let text = self.s.at(t.span);
                    let year = t.year()?;
                    // A whole ISO date ("2025-03-04") says more than a month before it.
                    return if text.len() > 4 { Date::parse(text) } else { Date::of_month(year, month) };
                }
                (Class::In | Class::On | Class::At | Class::Word | Class::Article | Class::Number, _) => {}
                _ => return None,
            }
        }
        None
    }

    /// The claims of one shape.
    fn shape(&mut self, pair: Pair<'_, Rule>, scope: std::ops::Range<usize>) {
        let rule = pair.as_rule();
        let whole = Self::range(&pair);
        let span = self.span_of(whole.clone());
        let mut roles = Roles::default();
        for inner in pair.into_inner() {
            self.collect(inner, &mut roles);
        }
        let mut verbs = self.verbs(&roles);
        // "Amazon's proposed $50B investment": hedges before the deal's noun
        // too, but not those inside its condition.
        let own = whole.start
            ..roles.conditions.iter().map(|(c, _)| c.span.start()).min().map_or(whole.end, |start| {
                self.s
                    .tokens
                    .iter()
                    .position(|t| t.span.start() >= start)
                    .unwrap_or(whole.end)
                    .max(whole.start)
            });
        for t in &self.s.tokens[own] {
            if let Sense::Hedge(h) = t.sense {
                if h != Hedge::Attributed {
                    push_hedge(&mut verbs.hedges, h);
                }
            }
        }
        let compute =
            self.s.tokens[whole.clone()].iter().any(|t| matches!(t.class, Class::Compute | Class::Provider));
        // "... to date", "... in total": after the shape too, but not in a
        // part of it that is a claim of its own ("bringing its total to").
        let own_end =
            roles.subclaims.iter().map(|p| p.as_span().start()).min().unwrap_or(scope.end).max(whole.start);
        // ... and not past another amount ("$4 billion more, on top of the
        // $4 billion it committed in 2023, for a cumulative $8 billion").
        // "$30 billion of that total" is a share of a total, not one.
        let toks = &self.s.tokens[whole.start..own_end];
        let cumulative_words = toks
            .iter()
            .enumerate()
            .take_while(|&(i, t)| t.class != Class::Money || whole.start + i < whole.end)
            .any(|(i, t)| {
                let of = |j: usize| i >= j && toks[i - j].class == Class::Of;
                t.class == Class::Cumulative && !(of(1) || of(2) && toks[i - 1].class == Class::Determiner)
            });
        // "... was called off in March 2025" dates the end, not the deal.
        let period_end = roles.called_off.map_or(scope.end, |at| at.clamp(scope.start, scope.end));
        let period = self.period(scope.start..period_end, &roles.subclaims);
        let current = self.current(whole.clone());
        let mut base = RawDeal {
            kind: KindHint::Is(DealKind::Investment),
            investor: Slot::Missing,
            recipient: Slot::Missing,
            amount: roles.money.clone(),
            part: DealPart::Whole,
            ordinal: roles.ordinal,
            negated: false,
            conditions: roles.conditions.iter().map(|(c, _)| c.clone()).collect(),
            unconditional: roles.unconditional,
            hedges: verbs.hedges,
            round: period.round,
            year: period.year,
            year_offset: period.year_offset,
            month: period.month,
            month_offset: period.month_offset,
            current,
            compute,
            bound: roles.bound,
            antecedent: None,
            called_off: roles.called_off.map(|at| Ending { when: self.date_of_end(at, whole.end) }),
        };
        // An ordinal alone names a follow-on deal ("another $4 billion",
        // "the second $4 billion"); a tranche is named as one ("the second
        // tranche", "a $35B portion").
        if roles.head == Some(Class::Part) {
            base.part = DealPart::Tranche;
        }
        if verbs.perfect || cumulative_words {
            base.part = DealPart::Cumulative;
        }
        match rule {
            Rule::invest
            | Rule::invest_passive
            | Rule::tie
            | Rule::if_fallback
            | Rule::stake_at
            | Rule::buy_stake
            | Rule::money_rel
            | Rule::money_from => {
                base.negated = verbs.negated;
                if rule == Rule::if_fallback {
                    base.part = DealPart::Whole;
                    base.ordinal = None;
                    base.amount = None;
                }
                if matches!(roles.head, Some(Class::Part)) {
                    base.part = DealPart::Tranche;
                }
                let recipients =
                    if roles.recipient.is_empty() { vec![Slot::Missing] } else { roles.recipient.clone() };
                let investors =
                    if roles.investor.is_empty() { vec![Slot::Missing] } else { roles.investor.clone() };
                self.deals(span, &base, &investors, &recipients);
                self.subclaims(&roles, &base, &investors, &recipients, scope.end);
            }
            Rule::raise | Rule::round_led | Rule::lead_round => {
                let recipients =
                    if roles.recipient.is_empty() { vec![Slot::Missing] } else { roles.recipient.clone() };
                // The round's total is not any one investor's; an amount
                // "from" several investors is not one investor's either.
                let mut each = base.clone();
                each.amount = None;
                if rule != Rule::raise {
                    each.amount = roles.money.clone().filter(|_| rule == Rule::lead_round);
                }
                self.deals(span, &each, &roles.leader, &recipients);
                let mut backers = base.clone();
                backers.amount =
                    if roles.investor.len() == 1 && rule == Rule::raise { base.amount.clone() } else { None };
                self.deals(span, &backers, &roles.investor, &recipients);
                let mut out = base.clone();
                out.amount = None;
                out.negated = true;
                self.deals(span, &out, &roles.excluded, &recipients);
                // "... led the round and put in $1 billion of it".
                let mut each = base.clone();
                each.part = DealPart::Whole;
                self.subclaims(&roles, &each, &roles.leader, &recipients, scope.end);
            }
            Rule::make_deal | Rule::deal_nominal | Rule::fragment | Rule::acquire | Rule::deal_off => {
                if rule == Rule::deal_off {
                    // "did not abandon", "may have scrapped": not called off, and no other claim.
                    let doubted = roles.verb_groups.iter().any(|r| self.doubts(&self.s.tokens[r.clone()]));
                    if doubted || base.called_off.is_none() {
                        return;
                    }
                }
                base.kind = match (rule, roles.head) {
                    (Rule::acquire, _) | (_, Some(Class::Acquisition)) => KindHint::Is(DealKind::Acquisition),
                    (_, Some(Class::Investment | Class::Stake)) => KindHint::Is(DealKind::Investment),
                    (_, Some(Class::Part)) => {
                        base.part = DealPart::Tranche;
                        KindHint::Is(DealKind::Investment)
                    }
                    (Rule::fragment, None) => KindHint::Contract,
                    (_, Some(Class::Contract)) => KindHint::Contract,
                    _ => KindHint::Is(DealKind::Investment),
                };
                if rule == Rule::acquire {
                    base.negated = verbs.negated;
                }
                let others = if roles.counterparty.is_empty() {
                    // "Amazon's pledge of up to $4 billion": the recipient is the context's.
                    roles.recipient.clone()
                } else {
                    roles.counterparty.clone()
                };
                let others = if others.is_empty() { vec![Slot::Missing] } else { others };
                let owners =
                    if roles.investor.is_empty() { vec![Slot::Missing] } else { roles.investor.clone() };
                // "the $4 billion Amazon cheque": the name is the investor's;
                // "the USD 38 billion AWS agreement": the other party's.
                let named = |v: &[Slot]| if v.is_empty() { vec![Slot::Missing] } else { v.to_vec() };
                let (owners, others) = if rule == Rule::deal_nominal && roles.investor.is_empty() {
                    if matches!(roles.head, Some(Class::Investment)) {
                        // "the $4 billion Amazon cheque (to Anthropic)"
                        (roles.recipient.clone(), named(&roles.counterparty))
                    } else if roles.recipient.is_empty() {
                        (vec![Slot::Missing], others)
                    } else {
                        // "the $83 billion AWS deal (with OpenAI)"
                        (named(&roles.counterparty), roles.recipient.clone())
                    }
                } else {
                    (owners, others)
                };
                if roles.spending_head {
                    // A contract with a cloud or a chip maker buys compute.
                    base.kind = KindHint::Is(DealKind::Spending);
                    base.compute = true;
                }
                // "- OpenAI: $300bn with Oracle": money "with" a cloud's owner is a contract for its cloud.
                let with = self.s.tokens[whole.clone()].iter().any(|t| t.class == Class::With);
                let cloud_side = others
                    .iter()
                    .filter_map(|p| p.party())
                    .any(|p| self.lexicon.implied_cloud(p.entity).is_some());
                if rule == Rule::fragment && with && cloud_side {
                    base.compute = true;
                }
                if rule == Rule::fragment && !roles.providers.is_empty() {
                    // "- Apple: Trainium2 capacity for pretraining".
                    let r = Roles {
                        users: owners.clone(),
                        providers: roles.providers.clone(),
                        ..Roles::default()
                    };
                    for u in self.usages(&r) {
                        self.push(span, RawBody::Usage(u));
                    }
                    return;
                }
                self.deals(span, &base, &owners, &others);
                self.subclaims(&roles, &base, &owners, &others, scope.end);
            }
            Rule::supply => {
                base.kind = KindHint::Is(DealKind::Spending);
                base.compute = true;
                let providers = roles.investor.clone();
                let customers = roles.counterparty.clone();
                self.deals(span, &base, &customers, &providers);
            }
            Rule::spend => {
                base.kind = KindHint::Is(DealKind::Spending);
                base.negated = verbs.negated;
                let payers = roles.investor.clone();
                let payees = roles.counterparty.clone();
                self.deals(span, &base, &payers, &payees);
            }
            Rule::anaphor => {
                let head = roles.head.unwrap_or(Class::Contract);
                base.kind = match head {
                    Class::Acquisition => KindHint::Is(DealKind::Acquisition),
                    Class::Investment | Class::Stake => KindHint::Is(DealKind::Investment),
                    _ => KindHint::Contract,
                };
                if head == Class::Part {
                    base.part = DealPart::Tranche;
                }
                base.antecedent =
                    Some(Antecedent { head, named: roles.recipient.first().and_then(|s| s.party()) });
                self.push(span, RawBody::Deal(Box::new(base)));
                for (_, usages) in &roles.conditions {
                    for u in usages {
                        self.push(span, RawBody::Usage(u.clone()));
                    }
                }
                return;
            }
            Rule::anaphor_amount | Rule::anaphor_it => {
                base.kind = KindHint::Contract;
                let head = if rule == Rule::anaphor_amount { Class::Money } else { Class::Contract };
                base.antecedent = Some(Antecedent { head, named: None });
                self.push(span, RawBody::Deal(Box::new(base)));
                for (_, usages) in &roles.conditions {
                    for u in usages {
                        self.push(span, RawBody::Usage(u.clone()));
                    }
                }
                return;
            }
            Rule::usage | Rule::capacity_for | Rule::usage_by | Rule::usage_paid => {
                let mut r = roles;
                if rule == Rule::usage_paid {
                    // Paying a company for something is not using it ("Meta
                    // paid $11 billion for its Scale AI stake").
                    r.providers.retain(|p| {
                        let kind = self.lexicon.entity(p.entity).kind;
                        !matches!(kind, EntityKind::Company | EntityKind::Lab | EntityKind::Investor)
                            || self.lexicon.implied_cloud(p.entity).is_some()
                    });
                }
                let mut usages = self.usages(&r);
                let past = self.past(&r, whole.start);
                let ending = self.ending(&r, whole.clone(), false);
                for u in &mut usages {
                    u.hedges = verbs.hedges;
                    u.negated = verbs.negated;
                    u.obligation = verbs.obligation;
                    if (u.negated || past) && u.exclusivity == Exclusivity::Exclusive {
                        // "no longer runs exclusively on Azure"; "ran only on Azure until January"
                        u.exclusivity = Exclusivity::Ended;
                        u.negated = false;
                        u.ended = ending.clone();
                    }
                }
                r.subclaims.clear();
                for u in usages {
                    self.push(span, RawBody::Usage(u));
                }
                return;
            }
            Rule::provider_is | Rule::provider_named | Rule::exclusivity_ended => {
                let ended =
                    rule == Rule::exclusivity_ended || verbs.negated || self.past(&roles, whole.start);
                let mut roles = roles;
                if roles.providers.is_empty() && roles.users.len() == 2 {
                    // "Microsoft's exclusivity with OpenAI": the side with a cloud provides.
                    let cloud =
                        |s: &Slot| s.party().is_some_and(|p| self.lexicon.implied_cloud(p.entity).is_some());
                    if let Some(i) = roles.users.iter().position(cloud) {
                        let p = roles.users.remove(i);
                        roles.providers.extend(p.party().and_then(|p| {
                            self.lexicon.implied_cloud(p.entity).map(|c| Party { entity: c, span: p.span })
                        }));
                    }
                }
                let ending = self.ending(&roles, whole.clone(), rule == Rule::exclusivity_ended);
                let mut usages = self.usages(&roles);
                for u in &mut usages {
                    if ended {
                        u.exclusivity = Exclusivity::Ended;
                        u.ended = ending.clone();
                    }
                }
                for u in usages {
                    self.push(span, RawBody::Usage(u));
                }
                return;
            }
            Rule::rights | Rule::rights_end_once => {
                let survives = self.s.tokens[whole.clone()].iter().any(|t| t.class == Class::Survive);
                let Some(event) = roles.event.clone() else { return };
                let term = Term { event, survives };
                let text = normalise(self.s.at(span));
                base.conditions = vec![Condition { span, text, usage: None, term: Some(term) }];
                base.amount = None;
                base.part = DealPart::Whole;
                base.current = false;
                let holders =
                    if roles.holder.is_empty() { vec![Slot::Missing] } else { roles.holder.clone() };
                let granters =
                    if roles.granter.is_empty() { vec![Slot::Missing] } else { roles.granter.clone() };
                self.deals(span, &base, &holders[..1], &granters[..1]);
                return;
            }
            _ => {}
        }
        // The usages a deal's conditions require are claims too.
        for (_, usages) in &roles.conditions {
            for u in usages {
                self.push(span, RawBody::Usage(u.clone()));
            }
        }
    }

    /// The year and round stated in a shape's scope: the first year not
    /// bounding a period ("starting in 2027", "through 2032", "fiscal 2028").
    fn period(&self, scope: std::ops::Range<usize>, subclaims: &[Pair<'_, Rule>]) -> Period {
        let end = subclaims.iter().map(|p| p.as_span().start()).min().unwrap_or(scope.end).max(scope.start);
        let toks = &self.s.tokens[scope.start..end];
        let mut period = Period::default();
        for (i, t) in toks.iter().enumerate() {
            if !matches!(t.class, Class::Year | Class::RelativeYear | Class::Month) {
                continue;
            }
            let before = toks[..i].iter().rev().find(|b| !matches!(b.class, Class::Word | Class::In));
            let bounded = before
                .is_some_and(|b| matches!(b.class, Class::TimeLimit | Class::Via | Class::By | Class::To));
            if bounded {
                continue;
            }
            match (t.year(), t.sense) {
                (Some(y), _) => {
                    period.year = Some(y);
                    break;
                }
                (None, Sense::YearOffset(o)) => {
                    period.year_offset.get_or_insert(o);
                }
                (None, Sense::Month(m)) => {
                    period.month.get_or_insert(m);
                }
                (None, Sense::MonthOffset(o)) => {
                    period.month_offset.get_or_insert(o);
                }
                _ => {}
            }
        }
        if period.year.is_some() {
            period.year_offset = None;
            period.month = None;
            period.month_offset = None;
        }
        period.round = toks.iter().find(|t| t.class == Class::Round).and_then(|t| {
            let w = self.s.at(t.span).to_lowercase();
            (w.starts_with("series ") || w.starts_with("seed")).then(|| w.replace(" round", ""))
        });
        period
    }

    /// Whether a shape states its deal as current: a present or future
    /// verb ("is investing", "will invest", "intends to", "hinges on"),
    /// not a past one ("invested", "agreed to invest").
    fn current(&self, r: std::ops::Range<usize>) -> bool {
        let mut current = false;
        for t in &self.s.tokens[r] {
            let w = self.s.at(t.span).to_ascii_lowercase();
            let last = w.rsplit(' ').next().unwrap_or(&w);
            match t.class {
                Class::Aux => match last {
                    "was" | "were" | "had" | "did" => return false,
                    "will" | "is" | "are" | "am" | "to" | "shall" | "now" => current = true,
                    _ => {}
                },
                Class::Hedge => {
                    if matches!(t.sense, Sense::Hedge(Hedge::Planned | Hedge::InTalks | Hedge::Potential)) {
                        current = true;
                    }
                }
                Class::Invest
                | Class::Raise
                | Class::Buy
                | Class::Sign
                | Class::Lead
                | Class::Acquire
                | Class::Condition
                | Class::Unconditional
                | Class::Obligation => {
                    if last.ends_with("ed")
                        || matches!(
                            last,
                            "put" | "led" | "made" | "took" | "sank" | "paid" | "spent" | "bought" | "struck"
                        )
                    {
                        // "put" is present too, but a past reading is the safe one.
                        if t.class != Class::Condition {
                            return false;
                        }
                    } else if (last.ends_with('s') && !last.ends_with("ss")) || last.ends_with("ing") {
                        current = true;
                    }
                }
                _ => {}
            }
        }
        current
    }

    fn deals(&mut self, span: Span, base: &RawDeal, investors: &[Slot], recipients: &[Slot]) {
        let single = investors.len() == 1 && recipients.len() == 1;
        for &r in recipients {
            for &i in investors {
                if let (Some(a), Some(b)) = (i.party(), r.party()) {
                    if a.entity == b.entity {
                        continue;
                    }
                }
                let mut d = base.clone();
                d.investor = i;
                d.recipient = r;
                if !single {
                    d.amount = None;
                }
                self.push(span, RawBody::Deal(Box::new(d)));
            }
        }
    }

    /// Claims that share a shape's parties: "and Nvidia up to $10 billion",
    /// "and added another $1 billion", ", starting with an initial $1.25
    /// billion", ", bringing its total investment to $8 billion".
    fn subclaims(
        &mut self,
        roles: &Roles<'_>,
        base: &RawDeal,
        investors: &[Slot],
        recipients: &[Slot],
        scope_end: usize,
    ) {
        for (k, sub) in roles.subclaims.iter().enumerate() {
            let rule = sub.as_rule();
            let r = Self::range(sub);
            let span = self.span_of(r.clone());
            let mut inner = Roles::default();
            for p in sub.clone().into_inner() {
                self.collect(p, &mut inner);
            }
            let next = roles.subclaims.get(k + 1).map_or(scope_end, |p| p.as_span().start());
            let period = self.period(r.start..next, &[]);
            let mut d = base.clone();
            d.amount = inner.money.clone();
            d.conditions = inner.conditions.iter().map(|(c, _)| c.clone()).collect();
            d.unconditional = false;
            d.ordinal = inner.ordinal;
            d.part = base.part;
            if period.year.is_some()
                || period.year_offset.is_some()
                || period.month.is_some()
                || period.month_offset.is_some()
            {
                d.year = period.year;
                d.year_offset = period.year_offset;
                d.month = period.month;
                d.month_offset = period.month_offset;
            }
            if period.round.is_some() {
                d.round = period.round;
            }
            let (inv, rec): (Vec<Slot>, Vec<Slot>) = match rule {
                Rule::and_investor => (inner.investor.clone(), recipients.to_vec()),
                Rule::and_invest => (
                    investors.to_vec(),
                    if inner.recipient.is_empty() { recipients.to_vec() } else { inner.recipient.clone() },
                ),
                Rule::total_tail => {
                    d.part = DealPart::Cumulative;
                    d.ordinal = None;
                    (investors.to_vec(), recipients.to_vec())
                }
                _ => {
                    d.part = DealPart::Tranche;
                    (investors.to_vec(), recipients.to_vec())
                }
            };
            self.deals(span, &d, &inv, &rec);
        }
    }

    /// Usage claims: every user with every provider, exclusive when the
    /// shape says so (and not only "primarily").
    fn usages(&self, roles: &Roles<'_>) -> Vec<RawUsage> {
        let exclusivity = if roles.exclusive.contains(&Class::NonExclusive) {
            Exclusivity::NonExclusive
        } else if roles.exclusive.contains(&Class::Primary) {
            Exclusivity::Unstated
        } else if roles.exclusive.contains(&Class::Exclusive) {
            Exclusivity::Exclusive
        } else {
            Exclusivity::Unstated
        };
        let mut out = Vec::new();
        for &user in &roles.users {
            for &provider in &roles.providers {
                if let Some(u) = user.party() {
                    if self.lexicon.root_owner(u.entity) == self.lexicon.root_owner(provider.entity) {
                        continue;
                    }
                }
                out.push(RawUsage {
                    user,
                    provider,
                    obligation: Obligation::Uses,
                    exclusivity,
                    hedges: Hedges::default(),
                    negated: false,
                    ended: None,
                });
            }
        }
        out
    }

    fn push(&mut self, span: Span, body: RawBody) {
        self.claims.push(RawClaim { span, body, asked: false, year: None });
    }
}

/// When a shape says its deal happened.
#[derive(Default)]
struct Period {
    year: Option<u16>,
    year_offset: Option<i8>,
    month: Option<u8>,
    month_offset: Option<i8>,
    round: Option<String>,
}

#[derive(Default)]
struct Verbs {
    hedges: Hedges,
    negated: bool,
    obligation: Obligation,
    perfect: bool,
}

/// Words as written, single spaces, without closing punctuation. The case
/// is kept: the text is shown in findings ("contingent on Anthropic using
/// Trainium"); comparisons lower-case it themselves.
pub fn normalise(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ").trim_end_matches(['.', ',', ';', ':', '!', '?']).to_owned()
}

/// The event a right ends or survives at, as a key: its words without
/// articles and the verbs that declare it ("an AGI declaration", "OpenAI
/// declares AGI" → "agi").
fn event_words(text: &str) -> String {
    const LEAVE_OUT: &[&str] = &[
        "a",
        "an",
        "the",
        "its",
        "declaration",
        "declares",
        "declared",
        "declare",
        "is",
        "achieves",
        "achieved",
        "reaches",
        "reached",
        "board",
        "of",
    ];
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty() && !LEAVE_OUT.contains(w))
        .collect();
    // The last word names the event ("OpenAI declares AGI" → agi).
    words.last().map_or_else(String::new, |w| (*w).to_owned())
}

#[cfg(test)]
mod tests;
