//! A deterministic corpus of analyst notes for benchmarks.
//!
//! Note `i` of seed `s` is always the same text, whatever the size of the
//! corpus: each note has its own generator, seeded from `(s, i)`, so the 1k
//! corpus is the first thousand notes of the 20k one and sizes compare like
//! with like.
//!
//! Notes mix the seed notes' paragraphs (verbatim, or with other companies
//! put in), claim sentences from templates that rotate investors, labs,
//! chips, clouds and amounts in many notations, analyst filler, known
//! misspellings ([`MISSPELLINGS`]), and Markdown structure: front matter,
//! headings, lists, quotes, code blocks, inline code, links and tables.
//! About half the notes are plain text. Each deal has one usual amount and
//! year; a few mentions drift from it, as real notes do, so the rules have
//! conflicts to find.
//!
//! The names come from tables here, not from the lexicon, so the corpus stays
//! the same when the lexicon changes and numbers compare across commits.

use std::fmt::Write as _;

/// splitmix64: tiny, fast, and good enough to pick templates.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the modulo bias is irrelevant here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

/// A stable hash of a string, to give each deal its usual amount and year.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The default seed of `gen_corpus` and the stage benchmarks.
pub const DEFAULT_SEED: u64 = 0x636c_6169_6d6c_696e; // "claimlin"

/// An investor, with the cloud and chips it sells when it has them.
struct Investor {
    name: &'static str,
    cloud: Option<&'static str>,
    chips: &'static [&'static str],
}

const fn inv(name: &'static str, cloud: Option<&'static str>, chips: &'static [&'static str]) -> Investor {
    Investor { name, cloud, chips }
}

const HYPERSCALERS: &[Investor] = &[
    inv("Amazon", Some("AWS"), &["Trainium", "Trainium2", "Inferentia", "Trainium3"]),
    inv("Microsoft", Some("Azure"), &["Maia", "Maia 200", "Cobalt"]),
    inv("Google", Some("Google Cloud"), &["TPU", "Trillium", "Ironwood", "TPU v5p"]),
    inv("Oracle", Some("OCI"), &[]),
    inv("Nvidia", Some("DGX Cloud"), &["H100", "B200", "GB200", "Blackwell", "H200"]),
    inv("Alibaba", Some("Alibaba Cloud"), &[]),
    inv("Tencent", Some("Tencent Cloud"), &[]),
];

const OTHER_INVESTORS: &[Investor] = &[
    inv("AMD", None, &["MI300X", "MI355X", "MI450"]),
    inv("Intel", None, &["Gaudi 3", "Xeon"]),
    inv("SoftBank", None, &[]),
    inv("Thrive Capital", None, &[]),
    inv("Sequoia Capital", None, &[]),
    inv("Andreessen Horowitz", None, &[]),
    inv("Salesforce Ventures", None, &[]),
    inv("Menlo Ventures", None, &[]),
    inv("Lightspeed Venture Partners", None, &[]),
    inv("General Catalyst", None, &[]),
    inv("Fidelity", None, &[]),
    inv("Tiger Global", None, &[]),
    inv("MGX", None, &[]),
    inv("Mubadala", None, &[]),
    inv("Cisco", None, &[]),
    inv("Samsung", None, &[]),
    inv("Meta", None, &["MTIA"]),
    inv("Khosla Ventures", None, &[]),
    inv("Founders Fund", None, &[]),
    inv("Kleiner Perkins", None, &[]),
];

/// Labs and other companies that raise money, with a model or product.
const RECIPIENTS: &[(&str, &str)] = &[
    ("OpenAI", "GPT-5"),
    ("Anthropic", "Claude"),
    ("xAI", "Grok"),
    ("Mistral AI", "Codestral"),
    ("Cohere", "Command R"),
    ("Perplexity", "Sonar"),
    ("Safe Superintelligence", "its first model"),
    ("Thinking Machines Lab", "Tinker"),
    ("Reflection AI", "Asimov"),
    ("Moonshot AI", "Kimi"),
    ("Inflection AI", "Pi"),
    ("Character.AI", "its chatbot"),
    ("AI21 Labs", "Jamba"),
    ("Poolside", "its coding model"),
    ("Sakana AI", "its agents"),
    ("World Labs", "Marble"),
    ("Black Forest Labs", "FLUX"),
    ("Liquid AI", "LFM"),
    ("Scale AI", "its data engine"),
    ("Databricks", "DBRX"),
    ("Anysphere", "Cursor"),
    ("CoreWeave", "its GPU cloud"),
    ("Cerebras", "WSE-3"),
    ("Groq", "its LPU"),
    ("Etched", "Sohu"),
    ("Crusoe", "its data centers"),
    ("Lambda", "its GPU cloud"),
    ("Nebius", "its AI cloud"),
    ("Zhipu AI", "GLM"),
    ("DeepSeek", "DeepSeek-V3"),
];

const NEUTRAL_CLOUDS: &[&str] =
    &["CoreWeave", "Lambda", "Crusoe", "Nebius", "Together AI", "Fluidstack", "Nscale"];

const PEOPLE: &[(&str, &str)] = &[
    ("Andy Jassy", "Amazon"),
    ("Matt Garman", "AWS"),
    ("Satya Nadella", "Microsoft"),
    ("Sundar Pichai", "Google"),
    ("Thomas Kurian", "Google Cloud"),
    ("Jensen Huang", "Nvidia"),
    ("Lisa Su", "AMD"),
    ("Sam Altman", "OpenAI"),
    ("Sarah Friar", "OpenAI"),
    ("Dario Amodei", "Anthropic"),
    ("Elon Musk", "xAI"),
    ("Arthur Mensch", "Mistral AI"),
    ("Masayoshi Son", "SoftBank"),
    ("Larry Ellison", "Oracle"),
    ("Mira Murati", "Thinking Machines Lab"),
    ("Mustafa Suleyman", "Microsoft"),
];

/// Misspellings the corpus uses, with the name each stands for. `gen_corpus`
/// writes them as a typos dictionary, so typos looks for the same words.
pub const MISSPELLINGS: &[(&str, &str)] = &[
    ("Tranium", "Trainium"),
    ("Trainum", "Trainium"),
    ("Antrophic", "Anthropic"),
    ("Anthorpic", "Anthropic"),
    ("Nvidea", "Nvidia"),
    ("Microsfot", "Microsoft"),
    ("Mircosoft", "Microsoft"),
    ("Amzaon", "Amazon"),
    ("Inferntia", "Inferentia"),
    ("Perplexty", "Perplexity"),
    ("Cerebars", "Cerebras"),
    ("Databircks", "Databricks"),
    ("Mistarl", "Mistral"),
    ("Trilium", "Trillium"),
    ("Ironwod", "Ironwood"),
    ("Anysphree", "Anysphere"),
    ("Blakcwell", "Blackwell"),
    ("Coreweve", "CoreWeave"),
    ("SoftBnak", "SoftBank"),
];

/// `name` with its first word misspelt, if the table has a misspelling of it.
fn misspelling_of(name: &str, rng: &mut Rng) -> Option<String> {
    let (word, rest) = name.split_at(name.find(' ').unwrap_or(name.len()));
    let first = MISSPELLINGS.iter().position(|(_, right)| *right == word)?;
    let count = MISSPELLINGS[first..].iter().take_while(|(_, right)| *right == word).count();
    Some(format!("{}{rest}", MISSPELLINGS[first + rng.below(count)].0))
}

/// Amounts in billions of US dollars that deals are given.
const BILLIONS: &[f64] =
    &[0.5, 1.0, 1.5, 2.0, 2.75, 3.0, 4.0, 5.0, 6.6, 8.0, 10.0, 13.0, 14.3, 20.0, 30.0, 40.0, 50.0];

const YEARS: &[u32] = &[2022, 2023, 2024, 2025, 2026];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The seed notes' paragraphs long enough to be prose.
fn seed_paragraphs() -> Vec<String> {
    let mut out = Vec::new();
    for doc in claimlint::demo::documents() {
        for line in doc.text.lines() {
            let line = line.trim();
            if line.len() >= 120 {
                out.push(line.to_owned());
            }
        }
    }
    out
}

/// What every note of a corpus draws from.
pub struct Generator {
    seed: u64,
    seeds: Vec<String>,
}

/// One generated note: its path below the corpus folder, and its text.
pub struct Note {
    pub path: String,
    pub text: String,
}

impl Generator {
    pub fn new(seed: u64) -> Self {
        Self { seed, seeds: seed_paragraphs() }
    }

    /// Note number `index`: the same text for the same seed and index.
    pub fn note(&self, index: u64) -> Note {
        let mut rng = Rng::new(self.seed ^ index.wrapping_mul(0xd134_2543_de82_ef95));
        // Warm the state up so neighbouring indexes diverge at once.
        rng.next_u64();
        let markdown = rng.chance(55);
        let mut w = Writer { rng, out: String::with_capacity(4096), markdown };
        let (investor, recipient) = w.deal_parties();
        let slug = format!("{}-{}", slugify(investor.name), slugify(recipient.0));
        w.write_note(self, investor, recipient);
        let ext = if markdown { "md" } else { "txt" };
        let path = format!("notes/{:03}/{index:06}-{slug}.{ext}", index / 1000);
        Note { path, text: w.out }
    }
}

fn slugify(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else if c == ' ' || c == '.' || c == '-' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

struct Writer {
    rng: Rng,
    out: String,
    markdown: bool,
}

/// A deal's usual terms: the same investor and recipient always get them,
/// except for the occasional drifting mention.
struct Terms {
    billions: f64,
    year: u32,
    /// What the deal is contingent on, or `None` for no strings attached.
    condition: Option<&'static str>,
}

const CONDITIONS: &[&str] =
    &["going public", "achieving AGI", "reaching a revenue milestone", "completing its restructuring"];

fn terms(investor: &str, recipient: &str) -> Terms {
    let h = fnv(&format!("{investor}->{recipient}"));
    let billions = BILLIONS[(h % BILLIONS.len() as u64) as usize];
    // Venture firms write smaller cheques.
    let billions = if HYPERSCALERS.iter().any(|i| i.name == investor) { billions } else { billions / 10.0 };
    let condition = match (h >> 40) % 3 {
        0 => None,
        _ => Some(CONDITIONS[((h >> 44) % CONDITIONS.len() as u64) as usize]),
    };
    Terms { billions, year: YEARS[((h >> 20) % YEARS.len() as u64) as usize], condition }
}

/// The provider whose cloud and chips a lab uses: always the same one.
fn home(recipient: &str) -> &'static Investor {
    // Amazon, Microsoft, Google, Oracle or Nvidia.
    &HYPERSCALERS[(fnv(recipient) % 5) as usize]
}

impl Writer {
    fn deal_parties(&mut self) -> (&'static Investor, &'static (&'static str, &'static str)) {
        let investor =
            if self.rng.chance(60) { self.rng.pick(HYPERSCALERS) } else { self.rng.pick(OTHER_INVESTORS) };
        // A few deals dominate the news.
        let recipient =
            if self.rng.chance(40) { &RECIPIENTS[self.rng.below(3)] } else { self.rng.pick(RECIPIENTS) };
        (investor, recipient)
    }

    /// A name, now and then misspelt.
    fn name(&mut self, name: &str) -> String {
        if self.rng.chance(1) {
            if let Some(wrong) = misspelling_of(name, &mut self.rng) {
                return wrong;
            }
        }
        name.to_owned()
    }

    fn possessive(&mut self, name: &str) -> String {
        if self.rng.chance(15) { format!("{name}\u{2019}s") } else { format!("{name}'s") }
    }

    /// An amount of `billions` in one of the notations notes use.
    fn amount(&mut self, billions: f64) -> String {
        let b = trim_number(billions);
        let m = trim_number(billions * 1000.0);
        let small = billions < 1.0;
        match self.rng.below(if small { 4 } else { 12 }) {
            0 if small => format!("${m} million"),
            1 if small => format!("${m}M"),
            2 if small => format!("US${m} million"),
            _ if small => format!("${m}m"),
            0..=3 => format!("${b} billion"),
            4 | 5 => format!("${b}B"),
            6 => format!("${b}bn"),
            7 => format!("US${b} billion"),
            8 => format!("${m} million"),
            9 => format!("{b} billion dollars"),
            10 => format!("\u{20ac}{} billion", trim_number(billions * 0.92)),
            _ => format!("${b} billion"),
        }
    }

    /// The amount of a deal of `billions`: usually that, sometimes hedged,
    /// vague or (one time in a hundred) another figure.
    fn deal_amount(&mut self, billions: f64) -> String {
        match self.rng.below(100) {
            0 => {
                let other = *self.rng.pick(BILLIONS);
                self.amount(if billions < 0.5 { other / 10.0 } else { other })
            }
            1..=5 => format!("up to {}", self.amount(billions)),
            6..=9 => format!("more than {}", self.amount(billions * 0.8)),
            10..=13 => format!("about {}", self.amount(billions)),
            14..=17 => "billions".to_owned(),
            18 => "tens of billions of dollars".to_owned(),
            _ => self.amount(billions),
        }
    }

    fn write_note(&mut self, g: &Generator, investor: &'static Investor, recipient: &'static (&str, &str)) {
        let paragraphs = if self.rng.chance(8) { self.rng.range(18, 36) } else { self.rng.range(4, 12) };
        if self.markdown && self.rng.chance(40) {
            let t = terms(investor.name, recipient.0);
            let month = self.rng.range(1, 12);
            let day = self.rng.range(1, 28);
            let _ = write!(
                self.out,
                "---\ntitle: \"{} and {}\"\ndate: {}-{month:02}-{day:02}\ntags: [ai, cloud, deals]\n---\n\n",
                investor.name, recipient.0, t.year
            );
        }
        let title = self.title(investor, recipient);
        if self.markdown {
            let _ = writeln!(self.out, "# {title}\n");
        } else {
            let _ = writeln!(self.out, "{title}\n");
        }
        if !self.markdown && self.rng.chance(30) {
            self.out.push_str("Get your free personalized podcast brief\n\n");
        }
        for p in 0..paragraphs {
            if self.markdown && p > 0 && self.rng.chance(25) {
                let h = self.heading(investor, recipient);
                let _ = writeln!(self.out, "## {h}\n");
            } else if !self.markdown && p > 0 && self.rng.chance(10) {
                self.out.push_str("Related Insights\n\n");
            }
            let kind = self.rng.below(100);
            match kind {
                0..=17 => self.seed_paragraph(g, recipient),
                18..=27 => self.list(investor, recipient),
                28..=33 if self.markdown => self.code_block(investor, recipient),
                34..=37 if self.markdown => self.quote(investor, recipient),
                38..=39 if self.markdown => self.table(investor, recipient),
                40..=41 if self.markdown => self.html(investor, recipient),
                _ => self.prose_paragraph(investor, recipient),
            }
            self.out.push('\n');
        }
    }

    fn title(&mut self, i: &Investor, r: &(&str, &str)) -> String {
        let forms = [
            format!("{} bets on {}", i.name, r.0),
            format!("Why {} needs {}", r.0, i.name),
            format!("The {}\u{2013}{} deal, explained", i.name, r.0),
            format!("\u{26a1} The AI Alliance Blueprint: {} and {}", i.name, r.0),
            format!("Compute, capital and {}", r.0),
            "Weekly AI infrastructure notes".to_owned(),
        ];
        self.rng.pick(&forms).clone()
    }

    fn heading(&mut self, i: &Investor, r: &(&str, &str)) -> String {
        let forms = [
            "Beyond the headline".to_owned(),
            "What the deal says".to_owned(),
            format!("Why {} matters", r.0),
            format!("{} and the chip question", i.name),
            "Risks".to_owned(),
            "Key takeaways".to_owned(),
            "Sources".to_owned(),
        ];
        self.rng.pick(&forms).clone()
    }

    /// A seed paragraph, verbatim or with the deal's parties put in.
    fn seed_paragraph(&mut self, g: &Generator, r: &(&str, &str)) {
        let p = self.rng.pick(&g.seeds).clone();
        // Paragraphs with amounts stay as written: their figures belong to
        // their deals, and moving them would invent conflicts.
        if p.contains('$') || self.rng.chance(50) {
            self.out.push_str(&p);
        } else {
            // The lab's own provider, so that its cloud stays the same.
            let provider = home(r.0);
            let cloud = provider.cloud.unwrap_or("CoreWeave");
            let chip = provider.chips.first().copied().unwrap_or("H100");
            let swapped = p
                .replace("Amazon's", "\u{1}")
                .replace("Amazon", provider.name)
                .replace('\u{1}', &format!("{}'s", provider.name))
                .replace("OpenAI", r.0)
                .replace("AWS", cloud)
                .replace("Trainium", chip);
            self.out.push_str(&swapped);
        }
        self.out.push('\n');
    }

    fn prose_paragraph(&mut self, i: &'static Investor, r: &'static (&str, &str)) {
        let n = self.rng.range(2, 7);
        for k in 0..n {
            if k > 0 {
                self.out.push(' ');
            }
            let s = if self.rng.chance(35) { self.claim(i, r) } else { self.filler(i, r) };
            self.out.push_str(&s);
        }
        self.out.push('\n');
    }

    fn list(&mut self, i: &'static Investor, r: &'static (&str, &str)) {
        let n = self.rng.range(3, 6);
        if self.rng.chance(50) {
            let intro = format!("What we know about {} and {}:", i.name, r.0);
            let _ = writeln!(self.out, "{intro}\n");
        }
        let numbered = self.rng.chance(30);
        for k in 0..n {
            let s = if self.rng.chance(50) { self.claim(i, r) } else { self.filler(i, r) };
            let bullet = if numbered {
                format!("{}.", k + 1)
            } else if !self.markdown && self.rng.chance(50) {
                "\u{2022}".to_owned()
            } else {
                "-".to_owned()
            };
            let _ = writeln!(self.out, "{bullet} {s}");
        }
    }

    fn code_block(&mut self, i: &Investor, r: &(&str, &str)) {
        let chip = i.chips.first().copied().unwrap_or("H100");
        let forms = [
            format!(
                "```python\nimport boto3\nclient = boto3.client(\"bedrock-runtime\")  # {} on {}\nresp = client.invoke_model(modelId=\"anthropic.claude-3\", body=body)\nprint(resp[\"usage\"])\n```\n",
                r.0,
                i.cloud.unwrap_or("AWS")
            ),
            format!(
                "```bash\n# Trainium instances for {}\naws ec2 describe-instances --filters Name=instance-type,Values=trn1.32xlarge\nkubectl get nodes -l accelerator={}\n```\n",
                r.0,
                chip.to_lowercase()
            ),
            format!(
                "```json\n{{\"investor\": \"{}\", \"recipient\": \"{}\", \"amount_usd\": 4000000000, \"chip\": \"Tranium\"}}\n```\n",
                i.name, r.0
            ),
            "```\n$ claimlint check notes/ --format json | jq '.summary'\n```\n".to_owned(),
        ];
        let block = self.rng.pick(&forms).clone();
        self.out.push_str(&block);
    }

    fn quote(&mut self, i: &'static Investor, r: &'static (&str, &str)) {
        let (person, org) = *self.rng.pick(PEOPLE);
        let s = self.filler(i, r);
        let _ = writeln!(self.out, "> \u{201c}{s}\u{201d} \u{2014} {person}, {org}");
    }

    fn table(&mut self, i: &Investor, r: &(&str, &str)) {
        let t = terms(i.name, r.0);
        let amount = self.amount(t.billions);
        let chip = i.chips.first().copied().unwrap_or("H100");
        let _ = writeln!(
            self.out,
            "| Investor | Recipient | Amount | Chip |\n|---|---|---|---|\n| {} | {} | {amount} | {chip} |",
            i.name, r.0
        );
    }

    fn html(&mut self, i: &'static Investor, r: &'static (&str, &str)) {
        let s = self.claim(i, r);
        let _ = writeln!(
            self.out,
            "<details><summary>{} filing</summary>\n\n{s}\n\n</details>\n\n<!-- source: https://example.com/{} -->",
            i.name,
            slugify(r.0)
        );
    }

    /// A sentence that states a deal, a usage or a condition. A lab's
    /// cloud, chips and exclusivity, and a deal's amount and conditions, are
    /// the same in every note but for one mention in a hundred or so.
    fn claim(&mut self, i: &'static Investor, r: &'static (&str, &str)) -> String {
        // Now and then the claim is about another deal than the note's.
        let (i, r) = if self.rng.chance(25) { self.deal_parties() } else { (i, r) };
        let drift = self.rng.chance(1);
        let t = terms(i.name, r.0);
        let provider = if drift { self.rng.pick(HYPERSCALERS) } else { home(r.0) };
        let condition = match (drift, t.condition) {
            (true, Some(_)) => None,
            (true, None) => Some(*self.rng.pick(CONDITIONS)),
            (false, c) => c,
        };
        let inv = self.name(i.name);
        let lab = self.name(r.0);
        let amount = self.deal_amount(t.billions);
        let inv_s = self.possessive(&inv);
        let lab_s = self.possessive(&lab);
        let prov_s = self.possessive(provider.name);
        let cloud = provider.cloud.unwrap_or("CoreWeave");
        // A lab uses one chip of its provider's.
        let chip = match provider.chips {
            [] => "H100".to_owned(),
            chips => {
                let c = chips[(fnv(r.0) % chips.len() as u64) as usize];
                self.name(c)
            }
        };
        let spend = terms(r.0, cloud).billions * 3.0;
        let month = *self.rng.pick(MONTHS);
        let year = if self.rng.chance(8) { *self.rng.pick(YEARS) } else { t.year };
        match self.rng.below(22) {
            0 => format!("{inv} invested {amount} in {lab}."),
            1 => format!("{inv} is investing {amount} in {lab}."),
            2 => format!("{inv_s} proposed {amount} investment in {lab} is split into tranches."),
            3 => format!("{lab} raised {amount} in a round led by {inv}."),
            4 => format!("In {month} {year}, {inv} made a {amount} investment in {lab}."),
            5 => format!(
                "According to reports, {inv} is in early discussions to invest up to {} in {lab}, the creator of {}.",
                self.amount(t.billions),
                r.1
            ),
            6 => match condition {
                Some(c) => {
                    format!("{inv_s} {amount} funding for {lab} was reportedly contingent on {lab} {c}.")
                }
                None => format!("{inv_s} {amount} funding for {lab} comes with no strings attached."),
            },
            7 => format!("{lab} must use {prov_s} {chip}s."),
            8 => format!("{lab_s} core AI models are contractually obligated to run exclusively on {cloud}."),
            9 => {
                format!("{lab} will spend {} on {cloud} over the next seven years.", self.deal_amount(spend))
            }
            10 => format!(
                "{lab} must use {prov_s} proprietary {chip} chips, people familiar with the deal say."
            ),
            11 => match condition {
                Some(c) => {
                    format!("{inv} invested {amount} in {lab}. The investment is contingent on {lab} {c}.")
                }
                None => format!("{inv_s} investment in {lab} comes with no strings attached."),
            },
            12 => match condition {
                Some(c) => format!("{inv_s} {amount} investment in {lab} is contingent on {lab} {c}."),
                None => format!("{inv_s} {amount} investment in {lab} is unconditional."),
            },
            13 => format!("{lab} runs {} exclusively on {cloud}.", r.1),
            14 => format!("{inv}, which has invested {amount} in {lab}, declined to comment."),
            15 => format!("a {amount} investment in {lab} by {inv} was confirmed in {month}."),
            16 => {
                let other = self.rng.pick(OTHER_INVESTORS).name;
                format!(
                    "{lab_s} record-breaking funding round, led by {inv} and {other}, signals a strategic shift."
                )
            }
            17 => format!("{lab} committed to use {chip} chips for training {}.", r.1),
            18 => format!("{inv} backed {lab} with {amount} in {year}."),
            19 => format!("{lab} is training its next model on {cloud} and {chip} capacity."),
            20 => {
                format!("{lab} plans to spend {} with {} on compute.", self.deal_amount(spend), provider.name)
            }
            _ => match condition {
                Some(c) => format!("{inv} has committed {amount} to {lab}, contingent on {lab} {c}."),
                None => format!("{inv} has committed {amount} to {lab} without conditions."),
            },
        }
    }

    /// A sentence of analysis: names now and then, no claim shape.
    fn filler(&mut self, i: &'static Investor, r: &'static (&str, &str)) -> String {
        let cloud =
            i.cloud.unwrap_or_else(|| NEUTRAL_CLOUDS[(fnv(i.name) % NEUTRAL_CLOUDS.len() as u64) as usize]);
        let chip = i.chips.first().copied().unwrap_or("H100");
        let (person, org) = *self.rng.pick(PEOPLE);
        let n = self.rng.range(2, 40);
        match self.rng.below(24) {
            0 => "This vendor financing model locks in a major customer while funding the lab's massive compute needs.".to_owned(),
            1 => "The economics of frontier training runs remain opaque, and margins depend on utilisation.".to_owned(),
            2 => format!("This positions {cloud} as the ultimate \u{201c}picks and shovels\u{201d} play in the AI gold rush."),
            3 => format!("{person} of {org} said demand for accelerators still exceeds supply."),
            4 => format!("Analysts expect gross margins to compress as {chip} supply improves in {}.", self.rng.pick(MONTHS)),
            5 => "It creates a confusing web of reciprocal deals, blurring traditional competitive lines.".to_owned(),
            6 => format!("Power, not chips, is now the binding constraint for new data centers of {n}0 megawatts or more."),
            7 => format!("{} has been steadily diversifying away from a single provider.", r.0),
            8 => "Circular deals inflate growth metrics with non-organic activity, some investors argue.".to_owned(),
            9 => "Whether the revenue follows is the open question for the next two years.".to_owned(),
            10 => format!("Custom silicon like {chip} is crucial for long-term profitability in the AI era."),
            11 => "The twist? The money comes back as cloud revenue.".to_owned(),
            12 => format!("{} reported {n}% growth in its cloud segment last quarter.", i.name),
            13 => "Regulators in the U.S. and the E.U. are watching these arrangements closely.".to_owned(),
            14 => "Inference, not training, will dominate spending by the end of the decade.".to_owned(),
            15 => format!("The deal gives {} a marquee customer for its infrastructure.", i.name),
            16 => "Nobody outside the companies knows the exact terms, e.g. the discount on compute.".to_owned(),
            17 => "Open-weight models keep pressure on prices for every provider.".to_owned(),
            18 => format!("{} engineers have spent the past year porting kernels away from CUDA.", r.0),
            19 => "Capacity is booked years in advance, so contracts matter more than list prices.".to_owned(),
            20 => format!("Sovereign funds from the Gulf now appear in almost every round over ${n} billion."),
            21 => "The market rewarded the announcement; the stock rose about 4% on the day.".to_owned(),
            22 => format!("See the filing at https://www.sec.gov/cgi-bin/browse-edgar?company={} for details.", slugify(i.name)),
            _ => format!(
                "Read more in [{} announcement](https://example.com/{}/news) and run `{} --list-models` to try it.",
                self.possessive(r.0),
                slugify(r.0),
                slugify(r.0)
            ),
        }
    }
}

/// `4.0` as "4", `6.6` as "6.6", `14.299999` as "14.3".
fn trim_number(x: f64) -> String {
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_owned()
}
