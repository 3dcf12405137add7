//! A note's context: who "its", "it" and an elided subject stand for, which
//! deal "the investment" is, and the party a sentence leaves out.
//!
//! Read in document order, never across notes. A reference resolves to:
//! 1. a company named earlier in the same sentence ("Nvidia, worth $4.3
//!    trillion, has been busy: it agreed to put $5 billion into Intel");
//! 2. the lead of the block ("- Meta: ...", "Q: OpenAI?" then its answers,
//!    "Item 2. Cohere.");
//! 3. the heading above it, when the heading names one company and the
//!    section has named no other subject yet ("## SoftBank" then "Its $30
//!    billion hinges on ...");
//! 4. the subject of the last sentence with a claim in the same section;
//! 5. the company the note's title names, when it names one.
//!
//! A deal's missing party comes from the nearest earlier deal that fits:
//! for "Amazon's pledge of up to $4 billion", the last deal Amazon made, or
//! else the last investment's recipient; "the investment" is the last deal
//! of that kind, and "the SoftBank money" the last one SoftBank made.

use std::sync::Arc;

use crate::claims::{Claim, ClaimBody, DealClaim, DealKind, DealPart, Exclusivity, Party, UsageClaim};
use crate::extract::shapes::{KindHint, RawBody, RawClaim, RawDeal, RawUsage, Slot};
use crate::extract::tokens::Token;
use crate::extract::vocab::{Class, Sense};
use crate::lexicon::{EntityId, EntityKind, Lexicon};
use crate::source::Span;

pub struct Note<'l> {
    lexicon: &'l Lexicon,
    /// Companies the note's title names.
    title: Vec<Party>,
    /// Companies the current heading names, and its level.
    heading: Vec<Party>,
    /// Whether a sentence of the current section has had a claim.
    section_started: bool,
    /// The lead of the current block, or the topic a question set.
    lead: Option<Party>,
    /// Whether `lead` was set by a question, for its answers.
    lead_from_question: bool,
    /// The subject of the last sentence with a claim, in this section.
    last_subject: Option<Party>,
    /// Every claim so far, resolved.
    pub claims: Vec<Claim>,
    /// Every deal so far, claimed or named in a question ("Q: Is Nvidia's
    /// OpenAI money firm?"), in order: what "it" and "the deal" refer to.
    deals: Vec<DealClaim>,
    date: Option<Arc<str>>,
}

impl<'l> Note<'l> {
    pub fn new(lexicon: &'l Lexicon, title: Vec<Party>, date: Option<Arc<str>>) -> Self {
        Self {
            lexicon,
            title: orgs(lexicon, &title),
            heading: Vec::new(),
            section_started: false,
            lead: None,
            lead_from_question: false,
            last_subject: None,
            claims: Vec::new(),
            deals: Vec::new(),
            date,
        }
    }

    /// A heading: what follows is about the companies it names.
    pub fn heading(&mut self, names: &[Party]) {
        self.heading = orgs(self.lexicon, names);
        self.section_started = false;
        self.last_subject = None;
        self.lead = None;
    }

    /// A new block. `lead` is the company it opens with before a colon
    /// ("- Meta: ..."), or the one a question line asks about ("Q:
    /// OpenAI?"), which stays the topic until the next question.
    pub fn block(&mut self, lead: Option<Party>, question: bool) {
        if question || lead.is_some() {
            self.lead = lead;
        } else if !self.lead_from_question {
            self.lead = None;
        }
        self.lead_from_question = question || (self.lead_from_question && lead.is_none());
    }

    /// Resolves a sentence's raw claims and keeps them. `tokens` are the
    /// sentence's, for the subjects a reference may stand for.
    pub fn sentence(&mut self, raw: Vec<RawClaim>, tokens: &[Token]) {
        let here = Here::of(tokens);
        let names = &here;
        let mut subject = None;
        for rc in raw {
            if rc.asked {
                if let RawBody::Deal(d) = rc.body {
                    if let Some(Claim { body: ClaimBody::Deal(d), .. }) = self.deal(rc.span, *d, names) {
                        self.deals.push(d);
                    }
                }
                continue;
            }
            let (claim, usage) = match rc.body {
                RawBody::Deal(d) => {
                    let compute = d.compute;
                    let claim = self.deal(rc.span, *d, names);
                    let usage = claim.as_ref().and_then(|c| self.compute_usage(c, compute));
                    (claim, usage)
                }
                RawBody::Usage(u) => (self.usage(rc.span, u, rc.year, names), None),
            };
            for c in claim.into_iter().chain(usage) {
                if subject.is_none() {
                    subject = match &c.body {
                        ClaimBody::Deal(d) => Some(d.investor),
                        ClaimBody::Usage(u) => Some(u.user),
                    };
                }
                if let ClaimBody::Deal(d) = &c.body {
                    self.deals.push(d.clone());
                }
                self.claims.push(c);
            }
        }
        if subject.is_some() {
            self.last_subject = subject;
            self.section_started = true;
        }
    }

    /// The company a reference at `at` stands for, other than `not` (the
    /// claim's other party: "Nvidia will pour $10 billion into the
    /// company" is not Nvidia). "its" and "it" look first at the sentence's
    /// subjects before them; "the company" and "the lab" at any company it
    /// named before them, "the lab" only at labs.
    fn topic(&self, at: Span, names: &Here, not: Option<EntityId>) -> Option<Party> {
        let here = |p: Party| Party { entity: p.entity, span: at };
        let lab = names.labs.contains(&at);
        let fits = |p: &Party| {
            Some(p.entity) != not && (!lab || self.lexicon.entity(p.entity).kind == EntityKind::Lab)
        };
        let single = |v: &[Party]| {
            let rest: Vec<&Party> = v.iter().filter(|p| fits(p)).collect();
            (rest.len() == 1).then(|| *rest[0])
        };
        let before = if names.definite.contains(&at) { &names.orgs } else { &names.subjects };
        before
            .iter()
            .rev()
            .find(|p| p.span.end() <= at.start() && self.is_org(p.entity) && fits(p))
            .copied()
            .or_else(|| self.lead.filter(fits))
            .or_else(|| single(&self.heading))
            .or_else(|| self.last_subject.filter(fits))
            .or_else(|| single(&self.title))
            .map(here)
    }

    fn is_org(&self, id: EntityId) -> bool {
        matches!(
            self.lexicon.entity(id).kind,
            EntityKind::Company | EntityKind::Lab | EntityKind::Investor | EntityKind::Cloud
        )
    }

    fn slot(&self, slot: Slot, names: &Here, not: Option<EntityId>) -> Option<Party> {
        match slot {
            Slot::Named(p) => Some(p),
            Slot::Topic(at) => self.topic(at, names, not),
            Slot::Missing => None,
        }
    }

    /// Deals so far, nearest first.
    /// Deals so far, nearest first: those claimed, and those a question
    /// named, in the order they came.
    fn earlier_deals(&self) -> impl Iterator<Item = &DealClaim> {
        self.deals.iter().rev().filter(|d| !d.negated)
    }

    /// A company the note is about that is not `not`: the block's lead, the
    /// heading's or the title's only other company.
    fn other_topic(&self, not: EntityId, at: Span) -> Option<Party> {
        let other = |v: &[Party]| {
            let rest: Vec<&Party> = v.iter().filter(|p| p.entity != not).collect();
            (rest.len() == 1).then(|| Party { entity: rest[0].entity, span: at })
        };
        self.lead
            .filter(|l| l.entity != not)
            .map(|l| Party { entity: l.entity, span: at })
            .or_else(|| other(&self.heading))
            .or_else(|| other(&self.title))
    }

    fn deal(&self, span: Span, d: RawDeal, names: &Here) -> Option<Claim> {
        let mut investor = self.slot(d.investor, names, d.recipient.party().map(|p| p.entity));
        // "... into the company": the company the last investment went to.
        let last_recipient = |not: Option<Party>| {
            self.earlier_deals()
                .find(|e| e.kind == DealKind::Investment && Some(e.recipient.entity) != not.map(|p| p.entity))
                .map(|e| Party { entity: e.recipient.entity, span })
        };
        let mut recipient = match d.recipient {
            Slot::Topic(_) if d.kind == KindHint::Is(DealKind::Investment) => {
                last_recipient(investor).or_else(|| self.slot(d.recipient, names, investor.map(|p| p.entity)))
            }
            other => self.slot(other, names, investor.map(|p| p.entity)),
        };
        let mut kind = d.kind;
        let note_year: Option<u16> =
            self.date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
        let note_month: Option<u8> =
            self.date.as_deref().and_then(|d| d.get(5..7)).and_then(|m| m.parse().ok());
        let stated = d
            .year
            .or_else(|| Some((i32::from(note_year?) + i32::from(d.year_offset?)) as u16))
            .or_else(|| Some(note_year? - u16::from(d.month? > note_month?)))
            .or_else(|| {
                // "last month" in a January note is last year's December.
                let months =
                    i32::from(note_year?) * 12 + i32::from(note_month?) - 1 + i32::from(d.month_offset?);
                Some((months / 12) as u16)
            });
        let (mut year, mut round, mut part, mut ordinal) = (stated, d.round.clone(), d.part, d.ordinal);
        let mut current = d.current;
        if let Some(ante) = d.antecedent {
            // "The investment", "the SoftBank money": the nearest deal that fits.
            // "the $10 billion": only a deal of that very amount.
            let amount = d.amount.as_ref().filter(|_| ante.head == Class::Money);
            let fits = |e: &&DealClaim| {
                let kind_fits = match kind {
                    KindHint::Is(k) => e.kind == k,
                    KindHint::Contract => true,
                };
                let amount_fits = amount.is_none_or(|a| {
                    e.amount.as_ref().is_some_and(|b| b.min == a.min && b.max == a.max && !a.vague)
                });
                kind_fits
                    && amount_fits
                    && e.part != DealPart::Cumulative
                    && ante
                        .named
                        .is_none_or(|n| e.investor.entity == n.entity || e.recipient.entity == n.entity)
            };
            let e = self.earlier_deals().find(fits)?;
            investor = Some(Party { entity: e.investor.entity, span });
            recipient = Some(Party { entity: e.recipient.entity, span });
            kind = KindHint::Is(e.kind);
            year = year.or(e.year);
            round = round.or_else(|| e.round.clone());
            current |= e.current;
            if part == DealPart::Whole {
                part = e.part;
                ordinal = ordinal.or(e.ordinal);
            }
        }
        let kind_now = |inv: Option<Party>, rec: Option<Party>| {
            match kind {
                KindHint::Is(k) => Some(k),
                KindHint::Contract => None,
            }
            .or_else(|| {
                // Money to a cloud, or to a company that sells one ("a $30
                // billion commitment to Oracle"), buys compute; money to a
                // lab from a hyperscaler ("Google's $2 billion commitment")
                // does not.
                let cloud_kind = [inv, rec]
                    .into_iter()
                    .flatten()
                    .any(|p| self.lexicon.entity(p.entity).kind == EntityKind::Cloud);
                let to_cloud = rec.is_some_and(|p| self.lexicon.implied_cloud(p.entity).is_some());
                Some(if d.compute || cloud_kind || to_cloud {
                    DealKind::Spending
                } else {
                    DealKind::Investment
                })
            })
        };
        match (investor, recipient) {
            (Some(_), Some(_)) => {}
            (Some(i), None) => {
                let k = kind_now(Some(i), None);
                // "Its $22 billion depends on OpenAI restructuring", "Amazon
                // tied the $4 billion to Anthropic using Trainium": the party
                // the terms bind is the one the money goes to.
                let bound = d
                    .bound
                    .filter(|e| *e != i.entity && self.is_org(*e))
                    .map(|entity| Party { entity, span })
                    // "... is with CoreWeave: Meta's $12.4 billion commitment":
                    // a cloud the sentence names is the other side of a contract.
                    .or_else(|| {
                        (k == Some(DealKind::Spending) || kind == KindHint::Contract)
                            .then(|| {
                                names.orgs.iter().find(|p| {
                                    p.entity != i.entity && self.lexicon.implied_cloud(p.entity).is_some()
                                })
                            })
                            .flatten()
                            .map(|p| Party { entity: p.entity, span })
                    })
                    // "- Mistral AI: Microsoft's €15 million stake": the block's lead.
                    .or_else(|| {
                        self.lead.filter(|l| l.entity != i.entity).map(|l| Party { entity: l.entity, span })
                    });
                recipient = bound.or_else(|| {
                    self.earlier_deals()
                        .find(|e| {
                            Some(e.kind) == k
                                && e.investor.entity == i.entity
                                && e.recipient.entity != i.entity
                        })
                        .map(|e| e.recipient)
                        .or_else(|| {
                            self.earlier_deals()
                                .find(|e| {
                                    Some(e.kind) == k
                                        && e.kind == DealKind::Investment
                                        && e.recipient.entity != i.entity
                                })
                                .map(|e| e.recipient)
                        })
                        .or_else(|| self.other_topic(i.entity, span))
                        .or_else(|| {
                            self.last_subject
                                .filter(|s| s.entity != i.entity && k == Some(DealKind::Investment))
                        })
                        .map(|p| Party { entity: p.entity, span })
                });
            }
            (None, Some(r)) => {
                let k = kind_now(None, Some(r));
                // "Nebius followed with a $3 billion contract to supply Meta":
                // the sentence's subject is the other side.
                let subject = (k == Some(DealKind::Spending))
                    .then(|| {
                        names.subjects.iter().find(|p| p.entity != r.entity && p.span.start() < span.start())
                    })
                    .flatten()
                    .map(|p| Party { entity: p.entity, span });
                investor = subject.or_else(|| {
                    self.earlier_deals()
                        .find(|e| {
                            Some(e.kind) == k
                                && (e.recipient.entity == r.entity || e.investor.entity == r.entity)
                        })
                        .map(|e| if e.recipient.entity == r.entity { e.investor } else { e.recipient })
                        .or_else(|| {
                            (k == Some(DealKind::Spending))
                                .then(|| self.other_topic(r.entity, span))
                                .flatten()
                        })
                        .map(|p| Party { entity: p.entity, span })
                });
            }
            (None, None) => return None,
        }
        let (investor, recipient) = (investor?, recipient?);
        if investor.entity == recipient.entity {
            return None;
        }
        let kind = kind_now(Some(investor), Some(recipient))?;
        Some(Claim {
            span,
            body: ClaimBody::Deal(DealClaim {
                kind,
                investor,
                recipient,
                amount: d.amount,
                part,
                ordinal,
                negated: d.negated,
                conditions: d.conditions,
                unconditional: d.unconditional,
                hedges: d.hedges,
                round,
                year,
                current,
                called_off: d.called_off,
            }),
            date: self.date.clone(),
        })
    }

    /// A compute contract is a use of its provider: "OpenAI will buy $38
    /// billion of capacity from AWS" is OpenAI using AWS. The provider is
    /// the side that is a cloud (or a chip, or a company with a cloud when
    /// the other side has none).
    fn compute_usage(&self, claim: &Claim, compute: bool) -> Option<Claim> {
        let ClaimBody::Deal(d) = &claim.body else { return None };
        if d.kind != DealKind::Spending || d.negated {
            return None;
        }
        let kind = |p: Party| self.lexicon.entity(p.entity).kind;
        let supplies = |p: Party| matches!(kind(p), EntityKind::Cloud | EntityKind::Chip);
        let (user, provider) = match (supplies(d.investor), supplies(d.recipient)) {
            (false, true) => (d.investor, d.recipient),
            (true, false) => (d.recipient, d.investor),
            (false, false) if compute => {
                let cloud = |p: Party| self.lexicon.implied_cloud(p.entity).is_some();
                match (cloud(d.investor), cloud(d.recipient)) {
                    (false, true) => (d.investor, d.recipient),
                    (true, false) => (d.recipient, d.investor),
                    _ => return None,
                }
            }
            _ => return None,
        };
        let usage = RawUsage {
            user: Slot::Named(user),
            provider,
            obligation: crate::claims::Obligation::Commits,
            exclusivity: Exclusivity::Unstated,
            hedges: d.hedges,
            negated: false,
            ended: None,
        };
        self.usage(provider.span, usage, None, &Here::default()).map(|mut c| {
            c.span = claim.span;
            c
        })
    }

    fn usage(&self, span: Span, u: RawUsage, year: Option<u16>, names: &Here) -> Option<Claim> {
        let user = match u.user {
            Slot::Missing => {
                // "The deal brings capacity ...": the last user of this provider's rival or peer.
                return None;
            }
            s => self.slot(s, names, Some(u.provider.entity))?,
        };
        if self.lexicon.root_owner(user.entity) == self.lexicon.root_owner(u.provider.entity) {
            return None;
        }
        // "2019-07 Azure becomes OpenAI's exclusive cloud": an exclusivity
        // stated for a year before the note's says what held then, not now.
        let note_year: Option<u16> =
            self.date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
        let past = year.zip(note_year).is_some_and(|(y, n)| y < n);
        let exclusivity = match u.exclusivity {
            Exclusivity::Exclusive if past => Exclusivity::Ended,
            e => e,
        };
        Some(Claim {
            span,
            body: ClaimBody::Usage(UsageClaim {
                user,
                provider: u.provider,
                obligation: u.obligation,
                exclusivity,
                hedges: u.hedges,
                negated: u.negated && exclusivity != Exclusivity::Ended,
                ended: u.ended.filter(|_| exclusivity == Exclusivity::Ended),
            }),
            date: self.date.clone(),
        })
    }
}

/// What the sentence being read names, for the references in it.
#[derive(Default)]
struct Here {
    /// Companies that can be the subject a later "its" or "it" refers to.
    subjects: Vec<Party>,
    /// Every company named.
    orgs: Vec<Party>,
    /// The spans of "the company", "the lab" ...
    definite: Vec<Span>,
    /// ... and of those that refer to a lab.
    labs: Vec<Span>,
}

impl Here {
    fn of(tokens: &[Token]) -> Self {
        let orgs =
            tokens.iter().filter(|t| matches!(t.class, Class::Org | Class::Cloud)).filter_map(Token::party);
        let definite = tokens.iter().filter(|t| t.class == Class::TheCompany);
        Here {
            subjects: subjects(tokens),
            orgs: orgs.collect(),
            definite: definite.clone().map(|t| t.span).collect(),
            labs: definite.filter(|t| t.sense == Sense::Lab).map(|t| t.span).collect(),
        }
    }
}

/// The names in a sentence that can be the subject a later "its" or "it"
/// refers to: a company that opens the sentence, or one directly followed
/// by a verb ("By committing to AWS, OpenAI secures ... its partnership":
/// OpenAI, not AWS).
fn subjects(tokens: &[Token]) -> Vec<Party> {
    let is_verb = |c: Class| {
        matches!(
            c,
            Class::Invest
                | Class::Raise
                | Class::Buy
                | Class::Acquire
                | Class::Lead
                | Class::Sign
                | Class::Use
                | Class::Provide
                | Class::End
                | Class::Tie
        )
    };
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Some(p) = t.party() else { continue };
        if !matches!(t.class, Class::Org | Class::Cloud) {
            continue;
        }
        // A clause starts here: at the start, or after punctuation.
        let opens = i == 0
            || matches!(tokens[i - 1].class, Class::Comma | Class::Colon | Class::Semicolon | Class::Dash);
        let next = tokens[i + 1..].iter().find(|n| {
            !matches!(n.class, Class::Aux | Class::Hedge | Class::Negation | Class::Obligation | Class::Word)
        });
        let owned = tokens.get(i + 1).is_some_and(|n| n.class == Class::Possessive);
        // "$10 billion invested by Microsoft": a passive's agent does it.
        let agent = i >= 2 && tokens[i - 1].class == Class::By && is_verb(tokens[i - 2].class);
        if !owned && (opens || agent || next.is_some_and(|n| is_verb(n.class))) {
            out.push(p);
        }
    }
    out
}

/// The companies (not chips, models or people) among names, once each.
fn orgs(lexicon: &Lexicon, names: &[Party]) -> Vec<Party> {
    let mut out: Vec<Party> = Vec::new();
    for p in names {
        let kind = lexicon.entity(p.entity).kind;
        let org =
            matches!(kind, EntityKind::Company | EntityKind::Lab | EntityKind::Investor | EntityKind::Cloud);
        if org && !out.iter().any(|o| o.entity == p.entity) {
            out.push(*p);
        }
    }
    out
}
