//! The claims each shape reads, with the roles it gives: a wrong role fails.

use crate::extract::extract;
use crate::lexicon::Lexicon;
use crate::report::trace::describe;
use crate::source::Document;

/// Every claim of a note, described.
fn claims(text: &str) -> Vec<String> {
    let lexicon = Lexicon::builtin();
    let ex = extract(&Document::new("note.md", text), lexicon);
    ex.claims.iter().map(|c| describe(c, lexicon)).collect()
}

#[test]
fn debug_condition_usage() {
    let c = claims("Amazon invested $10 billion in OpenAI. The investment is reportedly contingent on OpenAI committing to use Amazon's custom AI chips, the Trainium and Inferentia processors, for its massive computational workloads.");
    assert_eq!(c, Vec::<String>::new());
}

#[test]
fn debug_pairs() {
    use pest::Parser;
    let p = super::ClaimParser::parse(super::Rule::sentence, "dDah^OmUOs__c,dH&H_,gy__u").unwrap();
    panic!("{:#?}", p.flatten().map(|x| (x.as_rule(), x.as_str().to_owned())).collect::<Vec<_>>());
}

#[test]
fn debug_q_lead() {
    let c = claims_in("n.txt", "Call notes\nQ: OpenAI?\nA: The USD 38 billion AWS agreement is Nvidia capacity today; Trainium3 would be a separate negotiation.\n");
    assert_eq!(c, Vec::<String>::new());
}

fn claims_in(path: &str, text: &str) -> Vec<String> {
    let lexicon = Lexicon::builtin();
    let ex = extract(&Document::new(path, text), lexicon);
    ex.claims.iter().map(|c| describe(c, lexicon)).collect()
}
