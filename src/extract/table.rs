//! Markdown tables of deals, read row by row: the header says what each
//! column holds (`[column]` in `rules/vocabulary.toml`), and each row with a
//! company and an amount is a deal with the company the note is about.
//!
//! | Investor  | Amount | Year | Note                          |
//! |-----------|--------|------|-------------------------------|
//! | SoftBank  | $30B   | 2025 | hinges on the for-profit ...  |
//!
//! is SoftBank's $30 billion investment in (the note's company) in 2025,
//! contingent on the for-profit conversion. A "Provider" column makes the
//! rows spending commitments; a "Total" column makes them running totals.

use crate::claims::{Amount, Condition, DealKind, DealPart, Exclusivity, Hedges, Obligation, Party};
use crate::extract::shapes::{KindHint, RawBody, RawClaim, RawDeal, RawUsage, Slot, normalise};
use crate::extract::tokens::{Token, What};
use crate::extract::vocab::{Class, Column, Sense};
use crate::lexicon::Lexicon;
use crate::source::Span;

struct Cell {
    row: u32,
    col: u32,
    span: Span,
    tokens: Vec<Token>,
    amounts: Vec<Amount>,
}

/// The cells of the table being read.
#[derive(Default)]
pub struct Table {
    id: Option<u32>,
    cells: Vec<Cell>,
}

impl Table {
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Adds a cell. A cell of another table starts afresh (the caller
    /// reads a finished table before a block that is not a cell).
    pub fn cell(
        &mut self,
        table: u32,
        row: u32,
        col: u32,
        span: Span,
        tokens: Vec<Token>,
        amounts: Vec<Amount>,
    ) {
        if self.id != Some(table) {
            self.cells.clear();
            self.id = Some(table);
        }
        self.cells.push(Cell { row, col, span, tokens, amounts });
    }

    /// From the table's first cell to its last.
    pub fn span(&self) -> Span {
        match (self.cells.first(), self.cells.last()) {
            (Some(a), Some(b)) => a.span.cover(b.span),
            _ => Span::new(0, 0),
        }
    }

    /// The amounts of the last cell added.
    pub fn last_amounts(&self) -> Vec<Amount> {
        self.cells.last().map(|c| c.amounts.clone()).unwrap_or_default()
    }

    /// The deals of the table's rows.
    pub fn claims(self, text: &str, lexicon: &Lexicon) -> Vec<RawClaim> {
        let vocab = lexicon.vocabulary();
        let columns: Vec<(u32, Column)> = self
            .cells
            .iter()
            .filter(|c| c.row == 0)
            .filter_map(|c| vocab.column(&text[c.span.range()]).map(|k| (c.col, k)))
            .collect();
        let role = |col: u32| columns.iter().find(|(c, _)| *c == col).map(|(_, k)| *k);
        let has = |k: Column| columns.iter().any(|(_, c)| *c == k);
        // Who pays (an investor, a customer) and who is paid (a company, a
        // provider); the side a table does not name is the note's company.
        if !has(Column::Investor) && !has(Column::Provider) && !has(Column::Payer) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let last_row = self.cells.iter().map(|c| c.row).max().unwrap_or(0);
        for row in 1..=last_row {
            let cells: Vec<&Cell> = self.cells.iter().filter(|c| c.row == row).collect();
            let Some(first) = cells.first() else { continue };
            let span = first.span.cover(cells.last().map_or(first.span, |c| c.span));
            let (mut payer, mut payee) = (None, None);
            let mut kind_words = Vec::new();
            let mut amount = None;
            let mut part = DealPart::Whole;
            let mut year = None;
            let mut conditions = Vec::new();
            let mut unconditional = false;
            let mut exclusive = false;
            for cell in &cells {
                match role(cell.col) {
                    Some(c @ (Column::Investor | Column::Provider | Column::Payer | Column::Recipient)) => {
                        let party = cell
                            .tokens
                            .iter()
                            .find(|t| matches!(t.class, Class::Org | Class::Cloud))
                            .and_then(Token::party);
                        if matches!(c, Column::Investor | Column::Payer) {
                            payer = payer.or(party);
                        } else {
                            payee = payee.or(party);
                        }
                    }
                    Some(Column::Kind) => kind_words.extend(cell.tokens.iter().map(|t| (t.class, t.sense))),
                    Some(k @ (Column::Amount | Column::Total)) => {
                        // A vague amount or a count ("10 GW") is no deal amount.
                        let found = cell.tokens.iter().find_map(|t| match t.what {
                            What::Amount(i) => cell.amounts.get(i).cloned(),
                            _ => None,
                        });
                        if found.is_some() && amount.is_none() {
                            amount = found;
                            if k == Column::Total {
                                part = DealPart::Cumulative;
                            }
                        }
                    }
                    Some(Column::Year) => year = cell.tokens.iter().find_map(Token::year),
                    // "Yes", "Yes, exclusive"; not "No", "non-exclusive", "not since 2025".
                    Some(Column::Exclusive) => {
                        let words = text[cell.span.range()].trim().to_ascii_lowercase();
                        let yes = words.starts_with("yes")
                            || words == "exclusive"
                            || words.starts_with("exclusive,");
                        exclusive = yes && !cell.tokens.iter().any(|t| t.class == Class::Negation);
                    }
                    Some(Column::Note) => {
                        for (i, t) in cell.tokens.iter().enumerate() {
                            match t.class {
                                Class::Condition => {
                                    let end = cell.tokens[i..]
                                        .iter()
                                        .find(|e| e.class == Class::Semicolon)
                                        .map_or(cell.span.end(), |e| e.span.start());
                                    // The condition's words, after its marker, without the
                                    // space before a semicolon ("subject to approval ; ...").
                                    let words = cell.tokens[i + 1..].first().map_or(end, |n| n.span.start());
                                    let start = words.min(end);
                                    let span = Span::new(start, start + text[start..end].trim_end().len());
                                    let text = normalise(&text[span.range()]);
                                    conditions.push(Condition { span, text, usage: None, term: None });
                                }
                                Class::Unconditional => unconditional = true,
                                _ => {}
                            }
                        }
                    }
                    None => {}
                }
            }
            if payer.is_none() && payee.is_none() {
                continue;
            }
            // The row's provider is its buyer's only one.
            if let Some(provider) = payee.filter(|_| exclusive) {
                let usage = RawUsage {
                    user: payer.map_or(Slot::Missing, Slot::Named),
                    provider,
                    obligation: Obligation::Uses,
                    exclusivity: Exclusivity::Exclusive,
                    hedges: Hedges::default(),
                    negated: false,
                    ended: None,
                };
                out.push(RawClaim { span, body: RawBody::Usage(usage), asked: false, year: None });
            }
            // "$22.4B | across three contracts": a sum of deals, not one.
            let summed = cells.iter().flat_map(|c| &c.tokens).any(|t| {
                t.class == Class::Cumulative
                    || matches!(t.class, Class::Contract | Class::Round | Class::Investment)
                        && text[t.span.range()].ends_with('s')
            });
            if summed {
                part = DealPart::Cumulative;
            }
            if amount.is_none() && conditions.is_empty() && !unconditional {
                continue;
            }
            // "compute contract", "cloud" in a Type column: spending;
            // "equity", "investment", "round": an investment.
            let spending = kind_words.iter().any(|&(c, sense)| {
                matches!(c, Class::Compute | Class::Provider)
                    || c == Class::Contract && sense == Sense::Spending
            });
            let investing =
                kind_words.iter().any(|&(c, _)| matches!(c, Class::Investment | Class::Stake | Class::Round));
            let kind = if spending || (has(Column::Provider) && !investing) {
                KindHint::Is(DealKind::Spending)
            } else if investing || has(Column::Investor) {
                KindHint::Is(DealKind::Investment)
            } else {
                KindHint::Contract
            };
            let slot = |p: Option<Party>| p.map_or(Slot::Missing, Slot::Named);
            let deal = RawDeal {
                kind,
                investor: slot(payer),
                recipient: slot(payee),
                amount,
                part,
                ordinal: None,
                negated: false,
                conditions,
                unconditional,
                hedges: Hedges::default(),
                round: None,
                year,
                year_offset: None,
                month: None,
                month_offset: None,
                current: false,
                compute: kind == KindHint::Is(DealKind::Spending),
                bound: None,
                antecedent: None,
                called_off: None,
            };
            out.push(RawClaim { span, body: RawBody::Deal(Box::new(deal)), asked: false, year: None });
        }
        out
    }
}
