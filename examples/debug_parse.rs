//! Prints the parse tree of each sentence given on the command line.
use claimlint::extract::{amount, parser};
use claimlint::lexicon::Lexicon;
use pest::Parser;

fn main() {
    let lex = Lexicon::builtin();
    for s in std::env::args().skip(1) {
        let ents = lex.find_entities(&s);
        let amounts = amount::find_amounts(&s);
        let sent = parser::Sentence::new(&s, 0, &ents, &amounts);
        println!(
            "{}",
            sent.masked.replace('\x01', "E").replace('\x02', "e").replace('\x03', "A").replace('\x04', "a")
        );
        match parser::ClaimParser::parse(parser::Rule::sentence, &sent.masked) {
            Ok(p) => {
                for pair in p.flatten() {
                    if !matches!(pair.as_rule(), parser::Rule::sentence | parser::Rule::EOI) {
                        let depth = 0;
                        let _ = depth;
                        println!(
                            "  {:?} {:?}",
                            pair.as_rule(),
                            pair.as_str().replace(['\x01', '\x02'], "E").replace(['\x03', '\x04'], "A")
                        );
                    }
                }
            }
            Err(e) => println!("{e}"),
        }
        try_rule(&sent.masked);
        let out = parser::parse_sentence(&sent, lex);
        for c in out.claims {
            println!("=> {:?}", c.body);
        }
    }
}

#[allow(dead_code)]
pub fn try_rule(masked: &str) {
    for r in [parser::Rule::deal_possessive, parser::Rule::entity_poss, parser::Rule::recipients] {
        println!("{r:?}: {:?}", parser::ClaimParser::parse(r, masked).map(|p| p.as_str().len()));
    }
}
