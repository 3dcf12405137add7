use crate::claims::NearMiss;
use crate::finding::{Finding, Fix, Location};
use crate::lexicon::Lexicon;
use crate::rules::{Context, Rule, RuleMeta, declare_rule};
use crate::source::DocId;

declare_rule! {
    /// ## What it catches
    /// A word that looks like a misspelling of a known industry name: a
    /// capitalised word one typo away from a name of 5 to 8 letters, or two
    /// from a longer one, with the same first letter, that is neither a known
    /// name nor an ordinary English word. "Tranium" for Trainium, "DeeMind"
    /// for DeepMind, "Antrhopic" for Anthropic, "Nvidea" for Nvidia.
    /// Lower-case words are held to stricter tests (six letters or more, a
    /// slip of the hand or the ear, a name that is not also an ordinary
    /// word): "tranium", "corewave" for CoreWeave, "antropic" for Anthropic,
    /// and "nvidea" in a note that names Nvidia. The finding carries the
    /// correction as a fix, written as the lexicon writes the name.
    ///
    /// ## Why it matters
    /// A misspelt name is not recognised, so the claims around it are not
    /// compared with anyone else's: a note that says OpenAI must use "Tranium"
    /// chips never conflicts with one that says OpenAI runs only on Azure.
    /// The typo also reads badly in a note meant for others.
    ///
    /// ## Example
    /// ```text
    /// Amazon's $50B funding was contingent on OpenAI adopting its Tranium chips.
    /// ```
    /// is reported as "`Tranium` looks like a misspelling of `Trainium` (chip,
    /// AWS)", with the fix `Trainium`.
    ///
    /// ## Not flagged
    /// - names in the lexicon, in any case, with their possessives and
    ///   plurals ("Trainium's", "TPUs"), and real names that look alike
    ///   (Groq and Grok are both names);
    /// - product variants ("Trainium2", "GPT-4o"): a word with a version
    ///   number is checked on its letters only, and "Trainium" is a name;
    /// - ordinary English words and common proper names ("Training",
    ///   "Clause", "Mistrial", "Hooper"), in any case;
    /// - lower-case words shorter than six letters ("nvdia"), with digits or
    ///   capitals ("tranium2", "coreWave"), written as code anywhere in the
    ///   note ("minmax.h" makes "minmax" an identifier), derived from a name
    ///   ("coreweaver"), or changed otherwise than by a slip ("nebrius",
    ///   "tendent"); lower-case words near a name that the lexicon marks as
    ///   an ordinary word ("gemeni", "lamdba", "oracel") or near a ticker
    ///   ("googol");
    /// - a lower-case word near a name the dictionary also lists ("nvidia",
    ///   "perplexity", "bedrock"), unless the note names that entity and never
    ///   writes the word in lower case: "perplexty" beside "model perplexity"
    ///   is left alone;
    /// - words on the lexicon's `allow` list ("OpenAPI", "Azur");
    /// - URLs, e-mail addresses, paths, and words joined to code punctuation
    ///   (`_`, backticks, `::`, a dotted name such as `tranium.ai`);
    /// - names shorter than five letters (AWS, Grok, Qwen) and people's names,
    ///   which are never suggested as corrections;
    /// - a word close to two different names.
    ///
    /// ## Known limits
    /// - Precision comes first, so some typos are missed: one in the first
    ///   letter ("Nivdia"), more edits than the threshold, a change of a short
    ///   name's last letter only ("Nvidi"), a replaced letter that is neither
    ///   a vowel, nor a neighbouring key, nor a letter that sounds alike, the
    ///   plural of a misspelling ("Traniums"), and a misspelling that is
    ///   itself an English word or common name ("Cloud" for Claude).
    /// - A real name absent from both the lexicon and the dictionary can be
    ///   taken for a misspelling of a name it resembles; add it to the
    ///   lexicon or to its `allow` list. In lower case the same holds for
    ///   identifiers written as prose ("Add minmax." for MiniMax).
    /// - The dictionary lists famous names and ordinary words alike, so a
    ///   lower-case misspelling of Nvidia or Google is caught only in a note
    ///   that names it, and one of the word "perplexity" in a note that
    ///   names Perplexity and never writes "perplexity" is taken for the lab.
    /// - Only the capitalisation of the whole word is carried to the fix
    ///   ("TRANIUM" → "TRAINIUM"); otherwise the fix is the lexicon's spelling.
    ///
    /// ## Silencing
    /// Put `<!-- claimlint-disable-next-line misspelled-name -- reason -->` on
    /// the line before, add the word to the lexicon's `allow` list in your
    /// configuration, or add it to the lexicon as a name of its own.
    pub static MISSPELLED_NAME = {
        id: "misspelled-name",
        severity: Error,
        summary: "A word looks like a misspelling of a known industry name",
    };
}

pub struct MisspelledName;

impl Rule for MisspelledName {
    fn meta(&self) -> &'static RuleMeta {
        &MISSPELLED_NAME
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (doc, extraction) in cx.docs.iter().enumerate() {
            if !cx.in_focus(doc as DocId) {
                continue;
            }
            for miss in &extraction.near_misses {
                out.push(finding(cx.lexicon, doc as DocId, miss));
            }
        }
    }
}

fn finding(lexicon: &Lexicon, doc: DocId, miss: &NearMiss) -> Finding {
    Finding {
        rule: MISSPELLED_NAME.id,
        severity: MISSPELLED_NAME.default_severity,
        message: format!(
            "`{}` looks like a misspelling of `{}` ({})",
            miss.word,
            miss.replacement,
            describe(lexicon, miss)
        ),
        locations: vec![Location {
            doc,
            span: miss.span,
            label: format!("did you mean `{}`?", miss.replacement).into(),
        }],
        fix: Some(Fix { doc, span: miss.span, replacement: miss.replacement.clone() }),
        omitted: 0,
        subject: format!("{} → {}", miss.word, miss.replacement),
        sides: Vec::new(),
    }
}

/// "chip, AWS": the kind and the owner; the entity's own name first when the
/// replacement is an alias or a word of a longer name ("Google, company").
fn describe(lexicon: &Lexicon, miss: &NearMiss) -> String {
    let entity = lexicon.entity(miss.entity);
    let mut parts = Vec::new();
    if !entity.name.eq_ignore_ascii_case(&miss.replacement) {
        parts.push(entity.name.clone());
    }
    parts.push(entity.kind.to_string());
    if let Some(owner) = entity.owner {
        parts.push(lexicon.name(owner).to_owned());
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Extraction;
    use crate::finding::Severity;
    use crate::rules::RuleSettings;
    use crate::source::Span;

    /// The rule's findings on documents whose near misses come from
    /// `Lexicon::near_misses`, as the extractor fills them.
    fn check(texts: &[&str]) -> Vec<Finding> {
        let lexicon = Lexicon::builtin();
        let docs: Vec<Extraction> = texts
            .iter()
            .map(|t| Extraction { near_misses: lexicon.near_misses(t), ..Extraction::default() })
            .collect();
        let settings = RuleSettings::default();
        let cx = Context::new(&docs, docs.len(), lexicon, &settings);
        let mut out = Vec::new();
        MisspelledName.check(&cx, &mut out);
        out
    }

    fn messages(text: &str) -> Vec<String> {
        check(&[text]).into_iter().map(|f| f.message).collect()
    }

    /// Applies every fix to the text.
    fn fixed(text: &str) -> String {
        let mut fixes: Vec<Fix> = check(&[text]).into_iter().filter_map(|f| f.fix).collect();
        fixes.sort_by_key(|f| std::cmp::Reverse(f.span.start()));
        let mut out = text.to_owned();
        for f in fixes {
            out.replace_range(f.span.range(), &f.replacement);
        }
        out
    }

    fn assert_clean(text: &str) {
        assert_eq!(messages(text), Vec::<String>::new(), "in `{text}`");
    }

    #[test]
    fn flags_tranium() {
        let text = "OpenAI adopting Amazon's custom Tranium AI chips";
        let findings = check(&[text]);
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!(f.rule, "misspelled-name");
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.message, "`Tranium` looks like a misspelling of `Trainium` (chip, AWS)");
        let at = text.find("Tranium").unwrap();
        let span = Span::new(at, at + "Tranium".len());
        assert_eq!(f.locations, [Location { doc: 0, span, label: "did you mean `Trainium`?".into() }]);
        assert_eq!(f.fix, Some(Fix { doc: 0, span, replacement: "Trainium".into() }));
    }

    #[test]
    fn flags_a_word_in_a_hyphenated_compound() {
        assert_eq!(
            messages("Microsoft-OpenAI-Nvidia, Google-DeeMind-TPU, and Amazon-OpenAI-Trainium"),
            ["`DeeMind` looks like a misspelling of `DeepMind` (lab, Google)"]
        );
    }

    #[test]
    fn flags_in_every_document_with_its_doc_id() {
        let findings = check(&["Tranium", "nothing here", "Antrhopic"]);
        let docs: Vec<DocId> = findings.iter().map(|f| f.locations[0].doc).collect();
        assert_eq!(docs, [0, 2]);
        assert_eq!(findings[1].fix.as_ref().unwrap().doc, 2);
    }

    #[test]
    fn flags_a_possessive_without_its_s() {
        assert_eq!(fixed("Tranium's roadmap and Tranium’s price"), "Trainium's roadmap and Trainium’s price");
    }

    #[test]
    fn flags_capitals_with_a_capital_fix() {
        assert_eq!(fixed("WHY TRANIUM MATTERS"), "WHY TRAINIUM MATTERS");
    }

    #[test]
    fn flags_an_alias_with_its_entity() {
        assert_eq!(
            messages("Alphabett's results"),
            ["`Alphabett` looks like a misspelling of `Alphabet` (Google, company)"]
        );
    }

    #[test]
    fn flags_a_word_of_a_longer_name() {
        assert_eq!(
            messages("Andreesen Horowitz led the round"),
            ["`Andreesen` looks like a misspelling of `Andreessen` (Andreessen Horowitz, investor)"]
        );
    }

    #[test]
    fn fixes_a_whole_sentence() {
        assert_eq!(
            fixed("Antrhopic trains on Tranium2 and Goolge TPUs; Nvidai sells to Mircosoft."),
            "Anthropic trains on Trainium2 and Google TPUs; Nvidia sells to Microsoft."
        );
    }

    #[test]
    fn dont_flag_names() {
        assert_clean("Trainium, Inferentia, DeepMind, Anthropic, OpenAI, NVIDIA, Coreweave, SambaNova");
    }

    #[test]
    fn dont_flag_real_names_that_look_alike() {
        assert_clean("Grok runs on Groq; Mixtral and Mistral; Ministral; LaMDA");
    }

    #[test]
    fn dont_flag_variants() {
        assert_clean("Trainium2, Trainium3, Trainium 2, GPT-4o, GPT-5, H100s, MI355X, Inferentia2");
    }

    #[test]
    fn dont_flag_possessives_and_plurals() {
        assert_clean("Trainium's and Trainium’s chips; Trainiums; Nvidia's GPUs; TPUs");
    }

    #[test]
    fn dont_flag_ordinary_words() {
        assert_clean("Training and inference. Infer it. Clause 4. Mistrial. Gemini season. Cloud. Cohesion.");
        assert_clean("Perplexing. Inflections. Oracles. Amazons. Apply. Intern. Trainer. Coherent.");
    }

    #[test]
    fn flags_lower_case_words_with_the_names_spelling() {
        assert_eq!(
            fixed("the tranium and deemind and antrhopic typos are lower case"),
            "the Trainium and DeepMind and Anthropic typos are lower case"
        );
    }

    #[test]
    fn dont_flag_lower_case_words_near_ordinary_names() {
        assert_clean("gemeni season, a lamdba function, the nvidea deal, model perplexty, nvdia");
    }

    #[test]
    fn dont_flag_urls_and_addresses() {
        assert_clean("https://aws.amazon.com/Tranium/ and www.Tranium.com and Tranium@example.com");
    }

    #[test]
    fn dont_flag_code_like_tokens() {
        assert_clean("`Tranium` Tranium_v2 Tranium.build() crate::Tranium $Tranium");
    }

    #[test]
    fn dont_flag_allowed_names() {
        assert_clean("OpenAPI and Googlers in Côte d'Azur admire Gaudí");
    }

    #[test]
    fn dont_flag_short_names_or_people() {
        assert_clean("Grak and Qwan; Altmann and Jassi; Nadela");
    }

    #[test]
    fn dont_flag_the_words_of_known_names() {
        assert_clean("Thinking Machines Lab and Safe Superintelligence");
    }
}
