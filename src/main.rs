use claimlint::{extract, lexicon::Lexicon, source::Document};

fn main() {
    let lex = Lexicon::builtin();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = Document::new(path.clone(), text.clone());
        let ex = extract::extract(&doc, lex);
        for c in &ex.claims {
            println!("{path}:{} {:?}\n    {}", c.span, c.body, &text[c.span.range()]);
        }
    }
}
