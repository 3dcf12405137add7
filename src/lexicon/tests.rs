use super::*;

fn lex() -> &'static Lexicon {
    Lexicon::builtin()
}

/// The names found in `text`, as (text at the span, canonical name).
fn found(text: &str) -> Vec<(&str, &str)> {
    lex().find_entities(text).into_iter().map(|p| (&text[p.span.range()], lex().name(p.entity))).collect()
}

fn id(name: &str) -> EntityId {
    lex().get(name).unwrap_or_else(|| panic!("`{name}` is not in the lexicon"))
}

fn cloud_of(name: &str) -> Option<&'static str> {
    lex().implied_cloud(id(name)).map(|c| lex().name(c))
}

// ---------------------------------------------------------------- find_entities

#[test]
fn finds_names_and_aliases() {
    assert_eq!(
        found("Amazon Web Services hosts Anthropic; Alphabet backs it too."),
        [("Amazon Web Services", "AWS"), ("Anthropic", "Anthropic"), ("Alphabet", "Google")]
    );
}

#[test]
fn leftmost_longest() {
    assert_eq!(
        found("Google Cloud and Google DeepMind"),
        [("Google Cloud", "Google Cloud"), ("Google DeepMind", "DeepMind")]
    );
    assert_eq!(found("on Microsoft Azure"), [("Microsoft Azure", "Azure")]);
    assert_eq!(found("GPT-4o beats GPT-4"), [("GPT-4o", "GPT-4o"), ("GPT-4", "GPT-4")]);
}

#[test]
fn a_failed_longer_name_leaves_the_shorter_one() {
    // "Google Cloud" is not found inside "Google Cloudscape", but Google is.
    assert_eq!(found("Google Cloudscape"), [("Google", "Google")]);
}

#[test]
fn proper_noun_case_rules() {
    assert_eq!(found("NVIDIA and Nvidia"), [("NVIDIA", "Nvidia"), ("Nvidia", "Nvidia")]);
    assert!(found("an nvidia card").is_empty());
    assert_eq!(found("Openai and Coreweave"), [("Openai", "OpenAI"), ("Coreweave", "CoreWeave")]);
    // Ordinary words.
    assert!(found("the meta question, an arm and a leg, an apple, the oracle, gemini season").is_empty());
    assert!(found("a mistral wind; thinking machines").is_empty());
    // Exact-case names match as written or in capitals only.
    assert_eq!(
        found("Meta, META, Arm, ARM"),
        [("Meta", "Meta"), ("META", "Meta"), ("Arm", "Arm"), ("ARM", "Arm")]
    );
    assert!(found("MEta and ORacle").is_empty());
}

#[test]
fn short_acronyms_match_only_in_capitals() {
    assert_eq!(found("AWS, TPU and GCP"), [("AWS", "AWS"), ("TPU", "TPU"), ("GCP", "Google Cloud")]);
    assert!(found("Aws, Tpu, gcp, aws").is_empty());
    assert_eq!(found("xAI, XAI"), [("xAI", "xAI"), ("XAI", "xAI")]);
    assert_eq!(found("a16z and A16Z"), [("a16z", "Andreessen Horowitz"), ("A16Z", "Andreessen Horowitz")]);
}

#[test]
fn lower_case_names_may_be_capitalised() {
    assert_eq!(found("watsonx, Watsonx"), [("watsonx", "watsonx"), ("Watsonx", "watsonx")]);
    assert_eq!(found("SK hynix, SK Hynix"), [("SK hynix", "SK hynix"), ("SK Hynix", "SK hynix")]);
    assert_eq!(found("o1 and o3"), [("o1", "o1"), ("o3", "o3")]);
    assert!(found("an O1 visa").is_empty());
}

#[test]
fn possessives_keep_the_apostrophe_outside() {
    let text = "Amazon's chips, OpenAI’s models, Cerebras' wafers";
    let spans: Vec<&str> = lex().find_entities(text).iter().map(|p| &text[p.span.range()]).collect();
    assert_eq!(spans, ["Amazon", "OpenAI", "Cerebras"]);
}

#[test]
fn plurals_keep_the_s_outside() {
    assert_eq!(
        found("TPUs, H100s and Trainiums"),
        [("TPU", "TPU"), ("H100", "H100"), ("Trainium", "Trainium")]
    );
    // Entries that are ordinary words, and people, take no plural.
    assert!(found("Arms race, Oracles, Altmans").is_empty());
}

#[test]
fn word_boundaries() {
    assert!(found("the Metaverse, Amazonian rivers, ChatGPTs4").is_empty());
    assert!(found("xOpenAI, OpenAIx, _Nvidia").is_empty());
    assert_eq!(found("Google-DeeMind-TPU"), [("Google", "Google"), ("TPU", "TPU")]);
    assert_eq!(found("Microsoft/OpenAI"), [("Microsoft", "Microsoft"), ("OpenAI", "OpenAI")]);
    assert_eq!(found("(Amazon)."), [("Amazon", "Amazon")]);
}

#[test]
fn variants_resolve_to_their_own_entry() {
    assert_eq!(found("Trainium2 and Trainium3"), [("Trainium2", "Trainium2"), ("Trainium3", "Trainium3")]);
    // A variant the lexicon lacks is not the family name.
    assert!(found("Trainium9").is_empty());
    // Nor is a dotted version or a domain.
    assert!(found("GPT-4.7, openai.com").is_empty());
    assert_eq!(found("Nvidia. Then"), [("Nvidia", "Nvidia")]);
}

#[test]
fn names_at_the_edges_of_the_text() {
    assert_eq!(found("Anthropic"), [("Anthropic", "Anthropic")]);
    assert_eq!(found("é Anthropic é"), [("Anthropic", "Anthropic")]);
    assert!(found("éAnthropic").is_empty());
}

#[test]
fn disambiguating_entries() {
    assert_eq!(found("Claude Shannon"), [("Claude Shannon", "Claude Shannon")]);
    assert_eq!(found("AWS Lambda"), [("AWS Lambda", "AWS Lambda")]);
    assert_eq!(found("Lambda Labs"), [("Lambda Labs", "Lambda")]);
    assert_eq!(found("Grok on Groq"), [("Grok", "Grok"), ("Groq", "Groq")]);
}

// ---------------------------------------------------------------- ownership

#[test]
fn implied_cloud() {
    assert_eq!(cloud_of("Trainium"), Some("AWS"));
    assert_eq!(cloud_of("Trainium2"), Some("AWS"));
    assert_eq!(cloud_of("Inferentia"), Some("AWS"));
    assert_eq!(cloud_of("TPU"), Some("Google Cloud"));
    assert_eq!(cloud_of("Ironwood"), Some("Google Cloud"));
    assert_eq!(cloud_of("Maia"), Some("Azure"));
    assert_eq!(cloud_of("Amazon"), Some("AWS"));
    assert_eq!(cloud_of("Microsoft"), Some("Azure"));
    assert_eq!(cloud_of("Google"), Some("Google Cloud"));
    assert_eq!(cloud_of("Oracle"), Some("OCI"));
    assert_eq!(cloud_of("AWS"), Some("AWS"));
    assert_eq!(cloud_of("CoreWeave"), Some("CoreWeave"));
    assert_eq!(cloud_of("Vertex AI"), Some("Google Cloud"));
    assert_eq!(cloud_of("Bedrock"), Some("AWS"));
    assert_eq!(cloud_of("Azure OpenAI"), Some("Azure"));
    // Merchant chips, labs, models and a company's products bind to no cloud.
    assert_eq!(cloud_of("Nvidia"), None);
    assert_eq!(cloud_of("H100"), None);
    assert_eq!(cloud_of("MI300X"), None);
    assert_eq!(cloud_of("Ascend"), None);
    assert_eq!(cloud_of("OpenAI"), None);
    assert_eq!(cloud_of("Claude"), None);
    assert_eq!(cloud_of("Copilot"), None);
    assert_eq!(cloud_of("Sam Altman"), None);
}

#[test]
fn root_owner() {
    let root = |n: &str| lex().name(lex().root_owner(id(n)));
    assert_eq!(root("Trainium"), "Amazon");
    assert_eq!(root("AWS"), "Amazon");
    assert_eq!(root("Maia"), "Microsoft");
    assert_eq!(root("TPU"), "Google");
    assert_eq!(root("Gemini"), "Google");
    assert_eq!(root("Llama"), "Meta");
    assert_eq!(root("H100"), "Nvidia");
    assert_eq!(root("OpenAI"), "OpenAI");
    // People are affiliated, not owned.
    assert_eq!(root("Andy Jassy"), "Andy Jassy");
    assert_eq!(lex().entity(id("Andy Jassy")).affiliation, Some(id("Amazon")));
}

#[test]
fn get_is_case_insensitive_over_names_and_aliases() {
    assert_eq!(lex().get("amazon web services"), Some(id("AWS")));
    assert_eq!(lex().get("GCP"), Some(id("Google Cloud")));
    assert_eq!(lex().get("Tranium"), None);
}

// ---------------------------------------------------------------- user changes

fn def(name: &str, kind: EntityKind) -> EntityDef {
    EntityDef::new(name, kind)
}

#[test]
fn builtin_with_adds_entries() {
    let mut e = def("Acme Compute", EntityKind::Cloud);
    e.aliases.push("ACMC".into());
    let mut chip = def("Acme X1", EntityKind::Chip);
    chip.owner = Some("Acme Compute".into());
    let lexicon = Lexicon::builtin_with(vec![e, chip]).unwrap();
    assert_eq!(lexicon.len(), lex().len() + 2);
    let x1 = lexicon.get("acme x1").unwrap();
    assert_eq!(lexicon.implied_cloud(x1), lexicon.get("Acme Compute"));
    let parties = lexicon.find_entities("ACMC runs Acme X1 chips");
    assert_eq!(parties.len(), 2);
}

#[test]
fn an_added_entry_may_not_reuse_a_name() {
    let mut e = def("Acme", EntityKind::Company);
    e.aliases.push("aws".into());
    let err = Lexicon::builtin_with(vec![e]).unwrap_err();
    assert!(
        matches!(&err, LexiconError::DuplicateAlias { first, second, .. } if first == "AWS" && second == "Acme")
    );
    assert_eq!(err.to_string(), "the alias `aws` is given to both `AWS` and `Acme`");
}

#[test]
fn unknown_references_name_the_entry() {
    let mut e = def("Acme", EntityKind::Chip);
    e.owner = Some("Nobody Inc".into());
    let err = Lexicon::builtin_with(vec![e]).unwrap_err();
    assert_eq!(err.to_string(), "`Acme` names `Nobody Inc` as its owner, which is not in the lexicon");
}

#[test]
fn a_cloud_must_be_a_cloud() {
    let mut e = def("Acme", EntityKind::Company);
    e.cloud = Some("Nvidia".into());
    let err = Lexicon::builtin_with(vec![e]).unwrap_err();
    assert_eq!(err.to_string(), "`Acme` names `Nvidia` as its cloud, but `Nvidia` is a company, not a cloud");
}

#[test]
fn ownership_cycles_are_errors() {
    let mut a = def("Alpha", EntityKind::Company);
    a.owner = Some("Beta".into());
    let mut b = def("Beta", EntityKind::Company);
    b.owner = Some("Alpha".into());
    let err = Lexicon::from_defs(vec![a, b]).unwrap_err();
    assert_eq!(err.to_string(), "ownership goes round in a circle: Alpha → Beta → Alpha");
}

#[test]
fn invalid_names_are_errors() {
    let mut e = def("Acme", EntityKind::Company);
    e.aliases.push(" Acme Corp".into());
    assert!(matches!(Lexicon::from_defs(vec![e]), Err(LexiconError::InvalidName { .. })));
    assert!(matches!(
        Lexicon::from_defs(vec![def("", EntityKind::Company)]),
        Err(LexiconError::InvalidName { .. })
    ));
}

#[test]
fn removing_an_entry_or_an_alias() {
    let changes = LexiconChanges {
        remove: vec!["Lambda Labs".into(), "Claude Shannon".into()],
        ..LexiconChanges::default()
    };
    let lexicon = Lexicon::builtin_with_changes(changes).unwrap();
    assert_eq!(lexicon.len(), lex().len() - 1);
    assert!(lexicon.get("Claude Shannon").is_none());
    assert!(lexicon.get("Lambda Labs").is_none());
    assert!(lexicon.get("Lambda").is_some());
}

#[test]
fn removing_what_others_reference_is_an_error() {
    let changes = LexiconChanges { remove: vec!["aws".into()], ..LexiconChanges::default() };
    let err = Lexicon::builtin_with_changes(changes).unwrap_err();
    assert!(matches!(&err, LexiconError::UnknownReference { target, .. } if target == "AWS"), "{err}");
}

#[test]
fn removing_an_unknown_name_is_an_error() {
    let changes = LexiconChanges { remove: vec!["Nobody Inc".into()], ..LexiconChanges::default() };
    let err = Lexicon::builtin_with_changes(changes).unwrap_err();
    assert_eq!(err.to_string(), "cannot remove `Nobody Inc`: no entry has that name or alias");
}

#[test]
fn replacing_an_entry() {
    let mut e = def("Groq", EntityKind::Cloud);
    e.description = Some("now a cloud".into());
    let changes =
        LexiconChanges { remove: vec!["Groq".into()], entity: vec![e], ..LexiconChanges::default() };
    let lexicon = Lexicon::builtin_with_changes(changes);
    // LPU names Groq as its owner, so the re-added entry satisfies it.
    let lexicon = lexicon.unwrap();
    assert_eq!(lexicon.entity(lexicon.get("Groq").unwrap()).kind, EntityKind::Cloud);
}

#[test]
fn changes_deserialize_from_config_and_reject_unknown_fields() {
    let changes: LexiconChanges = toml::from_str(
        r#"
        remove = ["Claude Shannon"]
        allow = ["Tranium"]
        [[entity]]
        name = "Acme Cloud"
        kind = "cloud"
        "#,
    )
    .unwrap();
    let lexicon = Lexicon::builtin_with_changes(changes).unwrap();
    assert!(lexicon.get("Acme Cloud").is_some());
    assert!(lexicon.near_misses("Amazon's Tranium chips").is_empty());
    assert!(toml::from_str::<LexiconChanges>("add = []").is_err());
    assert!(
        toml::from_str::<LexiconChanges>("[[entity]]\nname = \"A\"\nkind = \"chip\"\nmaker = \"B\"").is_err()
    );
}

// ---------------------------------------------------------------- near misses

/// (word, replacement) for every near miss in `text`.
fn misses(text: &str) -> Vec<(String, String)> {
    lex()
        .near_misses(text)
        .into_iter()
        .map(|m| {
            assert_eq!(&text[m.span.range()], m.word, "the span covers the word");
            (m.word, m.replacement)
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|&(a, b)| (a.to_owned(), b.to_owned())).collect()
}

#[test]
fn near_misses_of_names() {
    assert_eq!(misses("Amazon's custom Tranium AI chips"), pairs(&[("Tranium", "Trainium")]));
    assert_eq!(misses("Google-DeeMind-TPU"), pairs(&[("DeeMind", "DeepMind")]));
    assert_eq!(
        misses("Antrhopic and Mircosoft"),
        pairs(&[("Antrhopic", "Anthropic"), ("Mircosoft", "Microsoft")])
    );
    assert_eq!(misses("Nvidai GPUs"), pairs(&[("Nvidai", "Nvidia")]));
    // One replaced letter: a vowel, a neighbouring key, a letter that sounds alike.
    assert_eq!(
        misses("Nvidea, Gemeni, Anthropik, Qualxomm"),
        pairs(&[
            ("Nvidea", "Nvidia"),
            ("Gemeni", "Gemini"),
            ("Anthropik", "Anthropic"),
            ("Qualxomm", "Qualcomm")
        ])
    );
    // Two edits on a long name, when they move letters rather than replace them.
    assert_eq!(
        misses("Antrophic, Perpelxity"),
        pairs(&[("Antrophic", "Anthropic"), ("Perpelxity", "Perplexity")])
    );
}

#[test]
fn near_misses_keep_capitals() {
    assert_eq!(misses("TRANIUM CHIPS"), pairs(&[("TRANIUM", "TRAINIUM")]));
}

#[test]
fn near_miss_entity_and_span() {
    let text = "on Tranium’s roadmap";
    let m = &lex().near_misses(text)[0];
    assert_eq!(m.entity, id("Trainium"));
    assert_eq!(&text[m.span.range()], "Tranium");
}

#[test]
fn near_misses_of_versions() {
    assert_eq!(misses("Tranium2 racks"), pairs(&[("Tranium", "Trainium")]));
}

#[test]
fn near_misses_of_a_word_in_a_multi_word_name() {
    assert_eq!(misses("Andreesen Horowitz led"), pairs(&[("Andreesen", "Andreessen")]));
    assert_eq!(misses("Thinkng Machines Lab"), pairs(&[("Thinkng", "Thinking")]));
    // Without the rest of the name, the word is nobody's near miss.
    assert!(misses("Thinkng about it").is_empty());
}

#[test]
fn not_near_misses() {
    for text in [
        // Names, their variants, plurals and possessives.
        "Trainium, Trainium2, Trainium3, Trainiums, Trainium's, GPT-4o, Grok, Groq, DeepMind's",
        // Ordinary words near names.
        "Training, Infer, Clause, Mistrial, Gemini, Cohesion, Inflections, Perplexing, Oracles",
        // Lower-case words shorter than six letters, or near an exact-case
        // name (see `lower_case_words_left_alone`).
        "nvdia, gemeni, lamdba",
        // Real names that look like names: allowed, too short, or only
        // changed at the end.
        "OpenAPI specs, Googlers, Côte d'Azur, Gaudí, Appel, Codec, Claudet, Rubini",
        // Code-like words, URLs and addresses.
        "see https://tranium.dev/Tranium or mail Tranium@example.com; run `Tranium` or Tranium_x or tranium.Tranium",
        // People's names are never suggested.
        "Altmann and Jassi",
        // Two edits must keep the name's last letter and replace at most
        // one letter.
        "Codeweavers, CodeStar, Sambasiva, Altepeter",
        // A replaced letter that is neither a vowel, nor a neighbouring key,
        // nor a letter that sounds alike.
        "Michon, Micrhn",
        // Short names are never suggested.
        "Grak, Qwan, AWZ",
        // Real names that the dictionary knows.
        "Hooper, Cohen",
    ] {
        assert_eq!(misses(text), [], "in `{text}`");
    }
}

#[test]
fn lower_case_near_misses_of_names() {
    // Names of every kind, written carelessly in lower case: the fix is the
    // name as the lexicon writes it.
    assert_eq!(
        misses("we expect corewave to host antropic on tranium racks"),
        pairs(&[("corewave", "CoreWeave"), ("antropic", "Anthropic"), ("tranium", "Trainium")])
    );
    assert_eq!(
        misses("deepmnid and deemind; databrick and tenstorent; sagemakr and chatgtp; inferentai"),
        pairs(&[
            ("deepmnid", "DeepMind"),
            ("deemind", "DeepMind"),
            ("databrick", "Databricks"),
            ("tenstorent", "Tenstorrent"),
            ("sagemakr", "SageMaker"),
            ("chatgtp", "ChatGPT"),
            ("inferentai", "Inferentia"),
        ])
    );
    // A cloud, a model and an investor's name in its phrase.
    assert_eq!(
        misses("nebuis and mixtrl; andreesen horowitz led"),
        pairs(&[("nebuis", "Nebius"), ("mixtrl", "Mixtral"), ("andreesen", "Andreessen")])
    );
    // A doubled letter, or one typed beside its neighbour.
    assert_eq!(
        misses("coreweavve and anthropoic"),
        pairs(&[("coreweavve", "CoreWeave"), ("anthropoic", "Anthropic")])
    );
}

#[test]
fn lower_case_near_miss_entity_and_span() {
    let text = "on corewave's roadmap";
    let m = &lex().near_misses(text)[0];
    assert_eq!(m.entity, id("CoreWeave"));
    assert_eq!(&text[m.span.range()], "corewave");
}

#[test]
fn lower_case_near_misses_of_names_the_dictionary_lists() {
    // "nvidia" is listed (as "perplexity" and "micron" are): the text must
    // name the entity.
    assert_eq!(misses("the nvidea deal"), []);
    assert_eq!(misses("Nvidia said the nvidea deal"), pairs(&[("nvidea", "Nvidia")]));
    assert_eq!(misses("Micron said micorn chips"), pairs(&[("micorn", "Micron")]));
    // ... and not use the word as a word.
    assert_eq!(misses("Nvidia and an nvidia card; the nvidea deal"), []);
    assert_eq!(misses("Perplexity cut model perplexity; perplexty fell"), []);
    assert_eq!(misses("Micron sells chips; a few microns; micorn"), []);
    assert_eq!(misses("the model's perplexty fell"), []);
    assert_eq!(misses("an inflecton point"), []);
    assert_eq!(misses("Inflection AI at an inflection point, an inflecton point"), []);
}

#[test]
fn lower_case_words_left_alone() {
    for text in [
        // English words near names, and names that are English words.
        "coherent inflection anthropos magistral cristal training trained trainer maize",
        "scaled cerebral deepest nebula gemini mistral oracle azure lambda meta",
        "perplexity perplexing inflections bedrock colossal instinctive claudes",
        // Short words and names.
        "groq grok infer maia nvdia gemma",
        // Near exact-case names, which the lexicon marks as ordinary words,
        // even where the text names them.
        "Gemini, Lambda, Oracle, Cohere, Blackwell: gemeni lamdba oracel coheer blackwel colosus",
        // Words that derive from names, and plurals of names.
        "coreweaver coreweaved googled googling nvidias coreweaves trainiums openais anthropics",
        // A ticker and an acronym.
        "googol ernei",
        // The industry's jargon.
        "hyperscaler neocloud inferencing agentic multimodal tokenizer finetuning pretraining",
        "datacenter gigawatt teraflops chatbot copilots deepfake opensource anthropomorphic",
        "grokking deepspeed megatron nemotron tensorrt pytorch tensorflow huggingface",
        "safetensors quantized supercomputer devstral mistralai openrouter anyscale deepinfra",
    ] {
        assert_eq!(misses(text), [], "in `{text}`");
    }
}

#[test]
fn lower_case_edits_must_be_slips() {
    // Edits that a capitalised word may have, but a lower-case one not: a
    // letter added out of place, a neighbouring key alone, two edits that
    // replace a letter.
    for (capitalised, lower) in [("Nebrius", "nebrius"), ("Tendent", "tendent"), ("Anhtropoc", "anhtropoc")] {
        assert_eq!(misses(capitalised).len(), 1, "`{capitalised}` is flagged");
        assert_eq!(misses(lower), [], "`{lower}` is not");
    }
}

#[test]
fn lower_case_code_is_left_alone() {
    for text in [
        "libs/algorithm/minmax/* and `.minmax()` and x.minmax",
        "minmax() and gl/minmax and --enable-runpid and -fcorewave",
        "corewave_v2 corewave.io tranium2 coreWave trainIum `tranium`",
        // Written as code once, an identifier everywhere in the text.
        "Include minmax.h.\nAdd minmax.",
        "see https://github.com/nebrius/corewave or corewave@example.com",
    ] {
        assert_eq!(misses(text), [], "in `{text}`");
    }
    // Written as code elsewhere in another text does not count.
    assert_eq!(misses("Add minmax."), pairs(&[("minmax", "MiniMax")]));
}

#[test]
fn the_seeds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("seeds/").map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut all = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for (n, line) in text.lines().enumerate() {
            for m in lex().near_misses(line) {
                all.push(format!(
                    "{} {}:{} {} -> {}",
                    &name[..3],
                    n + 1,
                    m.span.start(),
                    m.word,
                    m.replacement
                ));
            }
        }
    }
    assert_eq!(
        all,
        [
            "000 7:233 Tranium -> Trainium",
            "000 12:126 Tranium -> Trainium",
            "001 23:126 Tranium -> Trainium",
            "002 11:65 Tranium -> Trainium",
            "002 27:126 Tranium -> Trainium",
            "003 27:126 Tranium -> Trainium",
            "004 18:151 DeeMind -> DeepMind",
        ]
    );
}
