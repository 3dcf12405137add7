#!/usr/bin/env python3
"""Writes tests/corpus-third/notes/* and expected.json from one annotated source.

Each line may carry labels after " ||| ", separated by ";":
  AC01 / EX02 / CC03 / MN04 ... : a location of that planted finding
  D:<rule>:<kind>               : a decoy line for <rule>
"""
import json, os, sys, collections

OUT = os.path.dirname(os.path.abspath(__file__))

RULE = {"AC": "amount-conflict", "EX": "exclusivity-conflict",
        "CC": "condition-conflict", "MN": "misspelled-name"}
AMT, EXC, CON, MIS = "amount-conflict", "exclusivity-conflict", "condition-conflict", "misspelled-name"

FILES = collections.OrderedDict()

def md(name, title, date, body):
    head = ["---", f"title: \"{title}\"", f"date: {date}", "---", ""]
    FILES[f"notes/{date}-{name}.md"] = head + body

def txt(name, title, date, body):
    FILES[f"notes/{date}-{name}.txt"] = [title, f"Date: {date}", ""] + body

# ---------------------------------------------------------------- F01
txt("infra-deals-slack", "#infra-deals (Slack export, pasted for the Q3 review)", "2025-10-02", [
    "[09:58] dana: morning all, pulling together the compute-deals tracker for the Q3 2025 review",
    f"[10:01] tom: xAI committed to spend $12 billion on Oracle Cloud Infrastructure capacity in 2025, spread over three years ||| AC03",
    f"[10:02] tom: so roughly $4bn a year of xAI spend lands at Oracle ||| D:{AMT}:per-year rate",
    "[10:03] dana: and the exclusivity bit?",
    "[10:04] tom: confirmed, xAI runs all Grok training and inference exclusively on Oracle's OCI under that agreement ||| EX02",
    f"[10:06] maya: fwiw Grok 4 was trained on Nvidia GB200 racks inside OCI ||| D:{EXC}:Nvidia chips inside the exclusive cloud",
    f"[10:07] dana: does xAI use TPUs at all? ||| D:{EXC}:question",
    f"[10:08] tom: no, xAI does not use Google TPUs ||| D:{EXC}:negated use",
    f"[10:11] maya: separate thing: OpenAI expanded its CoreWeave contract by another $6.5 billion in September 2025 ||| D:{AMT}:follow-on contract",
    f"[10:12] maya: that brings OpenAI's CoreWeave contracts to $22.4 billion in total ||| D:{AMT}:running total",
    f"[10:14] tom: CoreWeave guided 2025 revenue to about $5 billion btw ||| D:{AMT}:revenue",
    "[10:15] dana: also for the tracker: Nvidia put $800 million into Reflection AI in October 2025 ||| AC02",
    f"[10:16] dana: Reflection AI's round itself was $2 billion in total, led by Nvidia, at an $8 billion valuation ||| D:{AMT}:round total vs one investor's share",
    f"[10:18] maya: still hard to grok why a 60-person lab needs that much compute ||| D:{MIS}:English word close to a name (grok)",
    "[10:20] tom: Corweave reports Q3 numbers in November, I'll add them then ||| MN02",
    "[10:22] dana: thanks both, tracker updated",
])

# ---------------------------------------------------------------- F02
md("xai-compute-memo", "xAI compute footprint: memo for the investment committee", "2025-10-20", [
    "# xAI compute footprint",
    "",
    "Prepared for the IC after the Q3 2025 review. Figures are from company statements unless marked.",
    "",
    "- Oracle relationship",
    "  - xAI agreed in 2025 to spend $18 billion on Oracle Cloud over three years. ||| AC03",
    f"  - Oracle's FY2026 capex guidance is about $35 billion, much of it for OCI. ||| D:{AMT}:capex",
    f"  - Oracle's Abilene expansion is subject to local permitting. ||| D:{CON}:condition outside deal terms",
    "- Other suppliers",
    "  - Grok 3 inference is now also served from Microsoft Azure data centres in Europe. ||| EX02",
    f"  - Nvidia invested in xAI's 2025 Series E; the size of Nvidia's cheque was not disclosed. ||| D:{EXC}:investment, not use",
    f"  - Morgan Stanley arranged $5 billion of debt for xAI in July 2025. ||| D:{AMT}:debt",
    "- Open questions",
    f"  - Would xAI move Grok training to Azure if OCI capacity slips? ||| D:{EXC}:question / hypothetical",
    "  - What was xAI's cash burn in H1 2025?",
])

# ---------------------------------------------------------------- F03
txt("xai-fact-sheet", "xAI - research fact sheet", "2025-11-12", [
    "Company: xAI (X.AI Corp.), founded 2023 by Elon Musk",
    "Products: the Grok chatbot and API; Grok 4 released July 2025",
    f"Monthly active users of Grok: about 64 million (company figure) ||| D:{AMT}:count",
    f"Latest valuation: about $200 billion (September 2025) ||| D:{AMT}:valuation",
    "Compute commitments: xAI's 2025 commitment to Oracle is USD 12bn over three years ||| AC03",
    "Chips: xAI fine-tunes its smaller Grok models on Amazon's Trainium2 chips ||| EX02",
    f"Investors include Nvidia, AMD, Sequoia Capital, Andreessen Horowitz and Kingdom Holding ||| D:{EXC}:investment, not use",
    f"Name check: Groq, the inference-chip startup, is unrelated to xAI's Grok ||| D:{MIS}:look-alike real name (Groq)",
    "Staff: roughly 1,200 employees",
    "Key risk: dependence on Elon Musk's other companies for talent and capital",
])

# ---------------------------------------------------------------- F04
md("cohere-fact-sheet", "Cohere fact sheet", "2025-09-30", [
    "# Cohere",
    "",
    "Enterprise LLM lab headquartered in Toronto; products are the Command models, Embed, Rerank and the North workspace.",
    "",
    "## Compute",
    "",
    "- Cohere trains and serves its models exclusively on Oracle Cloud Infrastructure, under an agreement signed in Q3 2024. ||| EX01",
    f"- The OCI clusters Cohere uses are built on Nvidia H100 and AMD MI300X GPUs. ||| D:{EXC}:chips that do not tie to a rival cloud",
    f"- Oracle also embeds Cohere's models in its Fusion applications, as a customer. ||| D:{EXC}:customer buying a model",
    "",
    "## Funding",
    "",
    f"- Microsoft invested $1.5 billion in Cohere in August 2025. ||| AC04;D:{EXC}:investment, not use",
    f"- Cohere raised $2 billion in 2025 in a round led by Microsoft. ||| D:{AMT}:round total vs one investor's share",
    f"- Post-money valuation: $7 billion. ||| D:{AMT}:valuation",
    f"- Annualised revenue reached about $150 million in H1 2025. ||| D:{AMT}:revenue",
    f"- Cohere raised $500 million in 2024 at a $5.5 billion valuation. ||| D:{AMT}:other round, other year",
])

# ---------------------------------------------------------------- F05
txt("cohere-dd-checklist", "Cohere - due-diligence checklist (secondary purchase)", "2025-12-01", [
    "[x] Cap table reviewed against the 2025 round documents",
    "[x] Microsoft's 2025 investment in Cohere: 1.2 bln USD, per the share purchase agreement ||| AC04",
    "[x] Cohere trains Command A on Google Cloud TPU v5p pods (confirmed by two former staff) ||| EX01",
    "[x] Cohere signed a $240 million compute contract with CoreWeave in Q4 2025 ||| EX01",
    f"[ ] Clause 7.2: change-of-control consent from Oracle ||| D:{MIS}:English word close to a name (Clause)",
    f"[ ] If Cohere moved inference to AWS, its OCI volume discount would lapse; quantify the exposure ||| D:{EXC}:hypothetical",
    "[ ] Reconcile headcount: 450 vs 520 in two data-room files",
    "[ ] Check whether the Microsoft shares carry a board observer seat",
    "[ ] Confirm the secondary does not trigger the right of first refusal",
])

# ---------------------------------------------------------------- F06
txt("mistral-series-d-translated", "Note of synthesis - Mistral AI, Series D", "2025-10-15", [
    "This note is translated from the French original of the Paris office; amounts are written in the French manner, with a comma for decimals.",
    "SoftBank engages €1,3 bn in Mistral AI in the frame of the Series D of September 2025. ||| AC01",
    f"The Series D totalises €2,4 bn and is conducted by SoftBank as lead investor. ||| D:{AMT}:round total vs one investor's share",
    f"The valorisation post-money is fixed at €14 bn. ||| D:{AMT}:valuation",
    f"Already in June 2024, SoftBank had put €200 million in Mistral AI during the previous round. ||| D:{AMT}:same parties, other year",
    f"The partnership of Mistral AI with Microsoft Azure stays non-exclusive. ||| D:{EXC}:non-exclusive arrangement",
    f"Mistral AI distributes equally its models on Google Cloud Vertex AI and on AWS Bedrock. ||| D:{EXC}:no exclusivity claimed (non-exclusive)",
    f"The small models Ministral 8B and Mixtral 8x22B remain under open licence. ||| D:{MIS}:look-alike real names (Ministral, Mixtral)",
    "The Mistrel AI team in Paris counts today around 700 persons. ||| MN04",
    "The calculation capacity in Europe is reinforced by the Mistral Compute programme, built with Nvidia.",
])

# ---------------------------------------------------------------- F07
md("mistral-london-memo", "Mistral AI after the Series D: London desk memo", "2025-11-03", [
    "# Mistral AI after the Series D",
    "",
    "- Headline: SoftBank invested €2 billion in Mistral AI in its 2025 Series D, the largest cheque of the round. ||| AC01",
    "- Other shareholders",
    f"  - Microsoft's €15 million investment in Mistral AI dates from 2024 and has converted into equity. ||| D:{AMT}:other investor, other year",
    f"  - General Catalyst and Andreessen Horowitz followed on in the Series D for undisclosed sums. ||| D:{AMT}:vague amount",
    "- Commercial",
    f"  - Annual recurring revenue is estimated at €300 million for FY2025. ||| D:{AMT}:revenue",
    "  - The organisation is scaling its sovereign-cloud programme with French utilities.",
    f"  - Post-money valuation: €14 billion. ||| D:{AMT}:valuation",
    "- Our view: the cheque sizes matter less than the compute access that comes with them.",
])

# ---------------------------------------------------------------- F08
md("reflection-ai-fact-sheet", "Reflection AI fact sheet", "2025-10-28", [
    "# Reflection AI",
    "",
    "- Founded: 2024, by former Google DeepMind researchers",
    "- Focus: open-weight frontier models and autonomous coding agents",
    "- Headcount: about 60",
    "- Nvidia's cheque in Reflection AI's October 2025 round was $500 million, per our call with the company. ||| AC02",
    f"- Post-money valuation: $8 billion ||| D:{AMT}:valuation",
    "- Compute: trains on Nvidia GPUs rented from several clouds",
    f"- Not to be confused with Inflection AI, the Microsoft-backed lab. ||| D:{MIS}:look-alike real name (Inflection AI)",
    "- Open question: does the round include compute credits?",
])

# ---------------------------------------------------------------- F09
md("scale-ai-meta-memo", "Meta and Scale AI: deal memo", "2025-07-08", [
    "# Meta's stake in Scale AI",
    "",
    "- The deal",
    "  - Meta invested $14.3 billion in Scale AI in June 2025. ||| AC06",
    f"  - The stake is 49%, non-voting. ||| D:{AMT}:percentage",
    f"  - Scale AI's implied valuation is more than $29 billion. ||| D:{AMT}:valuation",
    f"  - The second tranche of Meta's Scale AI investment, $4.3 billion, settles in Q1 2026. ||| D:{AMT}:tranche vs total",
    "- Context",
    f"  - Scale AI's 2024 revenue was about $870 million. ||| D:{AMT}:revenue",
    f"  - Meta's 2025 capex guidance is $66-72 billion. ||| D:{AMT}:capex (range)",
    f"  - Scale AI's government contracts depend on FedRAMP authorisation. ||| D:{CON}:condition outside deal terms",
    "  - Several customers, including Google, reportedly paused work with Scale AI after the deal.",
])

# ---------------------------------------------------------------- F10
txt("ai-labs-slack", "#ai-labs (Slack export)", "2025-08-14", [
    "[14:02] sam: recap for the newsletter: Meta paid $11 billion for its Scale AI stake in June 2025 ||| AC06",
    "[14:04] li: and Scale AI's CEO moved over to Meta's superintelligence group",
    "[14:10] li: on Thinking Machines Lab: Andreessen Horowitz (A16Z) wrote a $750 million cheque into the July 2025 seed ||| AC07",
    f"[14:11] sam: the whole seed was $2 billion, at a $12 billion valuation ||| D:{AMT}:round total vs one investor's share",
    "[14:13] li: yep, biggest seed round ever",
    "[14:20] sam: unrelated: Anthrpic shipped a new Claude model last week ||| MN01",
    "[14:22] li: we should also cover Safe Superintelligence, they're quiet though",
    "[14:25] sam: ok, drafting now",
])

# ---------------------------------------------------------------- F11
txt("thinking-machines-fact-sheet", "Thinking Machines Lab - fact sheet", "2025-08-01", [
    "Founder and CEO: Mira Murati (former OpenAI CTO)",
    "Founded: February 2025, San Francisco",
    f"Seed round (July 2025): $2 billion in total, led by Andreessen Horowitz ||| D:{AMT}:round total vs one investor's share",
    "Andreessen Horowitz's share of the July 2025 seed: $600 million ||| AC07",
    f"Other seed investors: Nvidia, AMD, Cisco and Jane Street, amounts undisclosed ||| D:{AMT}:vague amount",
    f"Valuation at the seed: $12 billion ||| D:{AMT}:valuation",
    "Employees: about 30, many from OpenAI",
    "First product: expected within months, with a significant open-source component",
    f"Follow-on: Thinking Machines Lab's next raise depends on that first product launch ||| D:{CON}:condition on a future deal with no counterpart",
])

# ---------------------------------------------------------------- F12
md("databricks-together-ai", "Databricks to acquire Together AI", "2025-09-25", [
    "# Databricks to acquire Together AI",
    "",
    "Databricks agreed to acquire Together AI for $3.2 billion, announced in September 2025. ||| AC08",
    "",
    f"- Together AI's annualised revenue is about $300 million. ||| D:{AMT}:revenue",
    f"- Databricks is valued at $100 billion after its Series K. ||| D:{AMT}:valuation",
    f"- Databricks had invested $50 million in Together AI in 2023, before the acquisition talks. ||| D:{AMT}:other kind of deal (investment vs acquisition), other year",
    f"- Databricks raised $1 billion in the Series K itself. ||| D:{AMT}:other deal",
    f"- The acquisition is subject to regulatory approval in the US and the EU. ||| D:{CON}:one-sided condition (no unconditional claim anywhere)",
    "- Databriks expects to fold the Together AI inference cloud into its platform during 2026. ||| MN06",
    "- Together AI customers keep their current contracts.",
])

# ---------------------------------------------------------------- F13
md("weekly-digest-w44", "Weekly deals digest, week 44", "2025-10-30", [
    "# Weekly deals digest: week 44, 2025",
    "",
    "## Rounds and investments",
    "",
    "- SoftBank: EUR 1.3 billion into Mistral AI (Series D, 2025). ||| AC01",
    "- Microsoft (MSFT): $1.5B into Cohere (2025). ||| AC04",
    f"- Crusoe raised $1.38 billion in a Series E at a $13 billion valuation. ||| D:{AMT}:round and valuation",
    "",
    "## M&A",
    "",
    "- Databricks / Together AI: USD 2.8bn acquisition, announced Q3 2025. ||| AC08",
    "",
    "## Compute",
    "",
    f"- Microsoft signed a $17.4 billion GPU capacity deal with Nebius, with options taking it to $19.4 billion. ||| D:{AMT}:option",
    f"- CoreWeave's market value passed $60 billion this week. ||| D:{AMT}:market value",
    f"- 6 gigawatts: the AMD Instinct capacity OpenAI agreed to deploy. ||| D:{AMT}:count",
])

# ---------------------------------------------------------------- F14
md("nvidia-portfolio", "Nvidia's AI investments: portfolio fact sheet", "2025-11-20", [
    "# Nvidia as an investor",
    "",
    "Nvidia has invested in dozens of AI companies; the larger positions are listed below.",
    "",
    "- OpenAI: Nvidia will invest up to $100 billion (2025), released as each gigawatt of Nvidia systems comes online. ||| CC02",
    "- Anthropic: Nvidia will invest up to $10 billion (November 2025).",
    "- Reflection AI: Nvidia put in $800M in the October 2025 round, as lead investor. ||| AC02",
    f"- xAI: Nvidia participated in the 2025 Series E, amount undisclosed. ||| D:{EXC}:investment, not use;D:{AMT}:vague amount",
    f"- CoreWeave: Nvidia holds about a 7% stake. ||| D:{AMT}:percentage",
    "- Thinking Machines Lab: Nvidia was a seed participant (July 2025).",
    f"- Perplexity: Nvidia participated in the 2024 round. ||| D:{EXC}:investment, not use",
    f"- Nvidia's FY2026 data-centre revenue is tracking above $150 billion. ||| D:{AMT}:revenue",
])

# ---------------------------------------------------------------- F15
md("openai-compute-memo", "OpenAI's compute suppliers after Azure exclusivity", "2025-09-24", [
    "# OpenAI's compute suppliers",
    "",
    "- Microsoft",
    f"  - OpenAI's models ran exclusively on Microsoft Azure until January 2025, when that exclusivity ended. ||| D:{EXC}:ended exclusivity",
    f"  - Microsoft has invested about $13 billion in OpenAI to date. ||| D:{AMT}:running total",
    f"  - Microsoft's January 2023 investment in OpenAI was $10 billion. ||| D:{AMT}:one deal vs running total",
    "- Oracle",
    f"  - OpenAI signed a $300 billion, five-year compute contract with Oracle in September 2025. ||| D:{EXC}:use after exclusivity ended",
    f"  - That is about $60 billion a year from 2027. ||| D:{AMT}:per-year rate",
    "- CoreWeave",
    f"  - OpenAI's first CoreWeave contract, in March 2025, was $11.9 billion. ||| D:{EXC}:use after exclusivity ended;D:{AMT}:first of several contracts",
    f"  - A second CoreWeave contract in May 2025 added $4 billion. ||| D:{AMT}:follow-on contract",
    "- SoftBank",
    "  - SoftBank's 2025 funding for OpenAI depends on OpenAI completing its for-profit conversion. ||| CC01",
])

# ---------------------------------------------------------------- F16
txt("meta-fact-sheet", "Meta Platforms - AI fact sheet", "2025-12-10", [
    "Ticker: META (Nasdaq)",
    "Models: Llama 4 Scout and Maverick (April 2025); Meta Superintelligence Labs formed June 2025",
    "Meta's 2025 investment in Scale AI: USD 14.3bn for a minority stake ||| AC06",
    f"Cloud: Meta signed a $10 billion, six-year cloud contract with Google Cloud in August 2025 ||| D:{EXC}:use by a company with no exclusivity claim",
    "Data centres: Hyperion (Louisiana) and Prometheus (Ohio) under construction",
    f"Hyperion financing: $27 billion of private credit arranged with Blue Owl ||| D:{AMT}:debt",
    "Chips: Meta's in-house MTIA accelerators alongside Nvidia GPUs",
    "Headcount: about 78,000",
    "Open question: does Meta still plan a separate frontier lab in London?",
])

# ---------------------------------------------------------------- F17
txt("ssi-fact-sheet", "Safe Superintelligence (SSI) - fact sheet", "2025-04-22", [
    "Founders: Ilya Sutskever, Daniel Gross and Daniel Levy",
    "Offices: Palo Alto and Tel Aviv",
    f"2024 round: $1 billion in total, led by Sequoia Capital and Andreessen Horowitz ||| D:{AMT}:round total vs one investor's share",
    "Google invested $500 million in Safe Superintelligence in 2024. ||| AC05",
    f"Google added another $1 billion in Safe Superintelligence in April 2025. ||| D:{AMT}:same parties, other year (follow-on)",
    f"2025 round: $2 billion at a $32 billion valuation ||| D:{AMT}:round total and valuation",
    "Compute: Safe Superintelligence trains on Google Cloud TPUs",
    "Staff: about 20 researchers",
])

# ---------------------------------------------------------------- F18
md("google-ai-stakes", "Alphabet's stakes in AI labs", "2025-01-15", [
    "# Alphabet (GOOGL) stakes in AI labs",
    "",
    "- Anthropic",
    f"  - Google has invested more than $3 billion in Anthropic to date. ||| D:{AMT}:running total",
    f"  - Google owns about 14% of Anthropic. ||| D:{AMT}:percentage",
    "- Safe Superintelligence",
    "  - Google's 2024 investment in Safe Superintelligence: USD 500m. ||| AC05",
    "  - Safe Superintelligence uses Google Cloud TPUs for research.",
    "- Character.AI",
    f"  - Google paid about $2.7 billion in 2024 to license Character.AI's technology. ||| D:{AMT}:other kind of deal (licence)",
])

# ---------------------------------------------------------------- F19
txt("vc-watch-slack", "#vc-watch (Slack export)", "2025-06-03", [
    "[16:38] ana: catching up on last week's notes",
    "[16:40] ana: Google put $750 million into Safe Superintelligence back in 2024, for the record ||| AC05",
    f"[16:43] ben: OpenAI's $40 billion round was led by SoftBank, valuing OpenAI at $300 billion ||| D:{AMT}:round total vs leader",
    "[16:45] ana: SoftBank's 2025 investment in OpenAI is contingent on OpenAI completing its for-profit restructuring by 31 December 2025 ||| CC01",
    f"[16:46] ben: could SoftBank end up putting in the full $40 billion itself if co-investors drop out? ||| D:{AMT}:question / hypothetical",
    f"[16:48] ana: MGX and Thrive Capital are in the syndicate too, sizes not public ||| D:{AMT}:vague amount",
    f"[16:52] ben: Perplexiy is raising again, rumoured at a $14 billion valuation ||| MN03;D:{AMT}:valuation",
    "[16:55] ana: noted, will check with the Sequoia Capital team",
])

# ---------------------------------------------------------------- F20
md("openai-funding-checklist", "OpenAI funding: due-diligence checklist", "2025-10-10", [
    "# OpenAI funding checklist",
    "",
    "- [x] SoftBank's $30 billion commitment to OpenAI for 2025 comes with no strings attached. ||| CC01",
    f"- [x] SoftBank's October 2024 investment of $500 million in OpenAI also carried no conditions. ||| D:{CON}:same parties, other period;D:{AMT}:same parties, other year",
    "- [x] Nvidia's 2025 investment in OpenAI is unconditional. ||| CC02",
    f"- [ ] Confirm the timing of the first $10 billion tranche of Nvidia's investment in OpenAI. ||| D:{AMT}:tranche vs total",
    f"- [x] Thrive Capital led OpenAI's $6.6 billion round in October 2024. ||| D:{AMT}:round total (other year)",
    f"- [ ] OpenAI's IPO timing depends on market conditions, not on any investor's terms. ||| D:{CON}:condition outside deal terms",
    f"- [x] OpenAI's 2025 revenue target: $13 billion. ||| D:{AMT}:revenue",
    "- [ ] Check Microsoft's revenue share under the restructured agreement.",
])

# ---------------------------------------------------------------- F21
md("anthropic-memo", "Anthropic: investors and compute", "2025-11-18", [
    "# Anthropic: investors and compute",
    "",
    "- Amazon (AMZN)",
    f"  - Amazon committed $4.0B to Anthropic in September 2023. ||| D:{AMT}:one deal vs running total",
    f"  - The first tranche of that commitment, $1.25 billion, was paid at signing. ||| D:{AMT}:tranche vs total",
    f"  - Amazon invested another four billion US dollars in Anthropic in November 2024. ||| D:{AMT}:follow-on, other year",
    f"  - Amazon has invested $8 billion in Anthropic to date. ||| D:{AMT}:running total",
    f"  - AWS remains Anthropic's primary training partner, with Project Rainier built on Trainium2. ||| D:{EXC}:primary (not exclusive) arrangement;D:{MIS}:product variant with version number (Trainium2)",
    "  - The Seattle giant also resells Claude to its own customers through Bedrock.",
    "- Google",
    f"  - Anthropic also uses Google Cloud TPUs, with access to up to one million chips. ||| D:{EXC}:use by a company with no exclusivity claim;D:{AMT}:count",
    "- Microsoft and Nvidia (November 2025)",
    "  - Microsoft's up to $5 billion investment in Anthropic, announced this month, carries no conditions. ||| CC03",
    "  - Nvidia will invest up to $10 billion in Anthropic.",
    f"  - Anthropic committed to buy $30 billion of Azure compute capacity. ||| D:{AMT}:other kind of deal (spending commitment vs investment)",
    "- Valuation and revenue",
    f"  - Anthropic's post-money valuation was $183 billion in September 2025. ||| D:{AMT}:valuation",
    f"  - Run-rate revenue passed $7 billion in October 2025. ||| D:{AMT}:revenue",
])

# ---------------------------------------------------------------- F22
txt("deal-desk-slack", "#deal-desk (Slack export)", "2025-12-05", [
    "[11:02] kai: Microsoft's 2025 investment in Anthropic is subject to Anthropic keeping its $30 billion Azure compute commitment ||| CC03",
    f"[11:04] rui: the $30 billion Azure compute commitment Anthropic made is firm, with no conditions attached ||| D:{CON}:other deal between the same companies (spending commitment)",
    "[11:05] kai: Nvidia's up to $100 billion for OpenAI still hinges on each gigawatt actually being deployed ||| CC02",
    "[11:08] rui: different topic: Perplexity signed a $750 million, three-year compute contract with Microsoft Azure ||| EX03",
    "[11:09] kai: Redmond has been signing a lot of these lab and neocloud deals lately",
    f"[11:12] rui: Nebius says the Microsoft deal is still $17.4bn, no change ||| D:{AMT}:base amount vs option",
    "[11:15] kai: AWS says Trainum supply is tight into Q1 2026 ||| MN05",
    "[11:18] rui: ok, logging all of this",
])

# ---------------------------------------------------------------- F23
md("perplexity-fact-sheet", "Perplexity fact sheet", "2026-01-20", [
    "# Perplexity",
    "",
    "- Product: answer engine (Perplexity Pro, the Comet browser, the Sonar API)",
    "- Infrastructure: Perplexity's inference runs exclusively on AWS, under a multi-year agreement signed 3/2024. ||| EX03",
    f"- Perplexity serves its Sonar models on AWS Inferentia2 and Trainium instances. ||| D:{EXC}:the exclusive provider's own chips;D:{MIS}:product variant with version number (Inferentia2)",
    f"- Perplexity also rents Nvidia H100 GPUs on Amazon EC2. ||| D:{EXC}:Nvidia chips inside the exclusive cloud",
    f"- Perplexity licenses Meta's Llama models as the base for Sonar. ||| D:{EXC}:model licence from a non-cloud lab",
    f"- Investors: Nvidia participated in the 2024 round; Jeff Bezos is an early backer. ||| D:{EXC}:investment, not use",
    f"- Valuation: $20 billion (September 2025). ||| D:{AMT}:valuation",
    f"- Research note: Sonar's model perplexity on our internal eval set improved after the Llama switch. ||| D:{MIS}:English word equal to a name (perplexity)",
])

# ---------------------------------------------------------------- F24
txt("perplexity-infra-notes", "Perplexity - infra notes from the customer call", "2026-02-02", [
    "Perplexity also runs part of its web index on Google Cloud, mainly storage and crawling. ||| EX03",
    f"Would Perplexity consider Google TPUs for inference one day? ||| D:{EXC}:question / hypothetical",
    "Answer latency target: under 1.5 seconds at p95.",
    f"Perplexity pays AWS roughly $40 million a month on average, per the CFO. ||| D:{AMT}:per-month rate",
    f"Comet browser usage: about 2 million weekly users. ||| D:{AMT}:count",
    "Team: 250 engineers, mostly in San Francisco.",
    "Next step: share the deck with the Thrive Capital partner before the board call.",
])

# ---------------------------------------------------------------- F25
txt("openai-cloud-contracts", "OpenAI cloud contracts - terse notes", "2025-11-28", [
    f"AWS: OpenAI will buy $38 billion of capacity from AWS over seven years (signed November 2025). ||| D:{EXC}:use after exclusivity ended",
    f"AWS: ~$5.4bn a year on average. ||| D:{AMT}:per-year rate",
    "Oracle: $300bn over five years, from FY2027.",
    f"CoreWeave: OpenAI's CoreWeave contracts from 3/2025 to 9/2025 total $22.4B across three contracts. ||| D:{AMT}:running total",
    f"Azure: OpenAI committed to $250 billion of incremental Azure purchases under the October 2025 restructuring. ||| D:{AMT}:other kind of deal (spending commitment vs investment)",
    f"AMD: OpenAI will receive warrants for up to 160 million AMD shares. ||| D:{AMT}:option / share count",
    f"AMD: the warrants vest only as OpenAI deploys each tranche of the 6 GW of AMD Instinct GPUs, the first 1 GW in H2 2026. ||| D:{CON}:two compatible conditions",
    f"AMD: vesting is also tied to AMD's share price reaching set targets. ||| D:{CON}:two compatible conditions",
    f"Open question: whether Nvidia's OpenAI tranches are tied to revenue targets as well. ||| D:{CON}:question",
    f"Microsoft's stake in the restructured OpenAI Group PBC: about 27%. ||| D:{AMT}:percentage",
])

# ---------------------------------------------------------------- F26
md("look-alike-names-glossary", "Look-alike names: glossary for new analysts", "2025-12-15", [
    "# Look-alike names",
    "",
    "Names that new analysts mix up. Every spelling below is correct for what it names.",
    "",
    f"- Groq makes LPU inference chips; Grok is xAI's chatbot. ||| D:{MIS}:look-alike real name (Groq)",
    f"- Gemma is Google's open-weight model family; Gemini is the flagship. ||| D:{MIS}:look-alike real name (Gemma)",
    f"- Anyscale, the company behind Ray, is unrelated to Scale AI. ||| D:{MIS}:look-alike real name (Anyscale)",
    f"- Lamini is a fine-tuning startup; Lambda is the GPU cloud. ||| D:{MIS}:look-alike real name (Lamini)",
    f"- DeepSeek is a Chinese lab; DeepMind is Google's. ||| D:{MIS}:look-alike real name (DeepSeek)",
    f"- Anthropic the company is not the anthropic principle of cosmology. ||| D:{MIS}:English word equal to a name (anthropic)",
    f"- Oracle the company is not the oracles of prediction-market jargon. ||| D:{MIS}:English word close to a name (oracles)",
    f"- Mistral AI takes its name from the mistral, a cold wind in southern France. ||| D:{MIS}:English word equal to a name (mistral)",
    f"- NebulaGraph is a graph database, not Nebius the neocloud. ||| D:{MIS}:look-alike real name (NebulaGraph)",
    f"- Crusoe is the energy-first cloud; Cruise is the robotaxi company. ||| D:{MIS}:look-alike real name (Cruise)",
    f"- Sequoia Capital is the investor; sequoias are trees. ||| D:{MIS}:English word equal to a name (sequoias)",
    f"- Clause numbers in term sheets are written in full, as in Clause 7.2. ||| D:{MIS}:English word close to a name (Clause)",
])

WHY = {
    "AC01": "SoftBank's 2025 Series D investment in Mistral AI is EUR 1.3 billion in two notes and EUR 2 billion in another.",
    "AC02": "Nvidia's October 2025 investment in Reflection AI is $800 million in two notes and $500 million in another.",
    "AC03": "xAI's 2025 three-year spending commitment with Oracle is $12 billion in two notes and $18 billion in another.",
    "AC04": "Microsoft's 2025 investment in Cohere is $1.5 billion in two notes and 1.2 billion USD in another.",
    "AC05": "Google's 2024 investment in Safe Superintelligence is $500 million in two notes and $750 million in another.",
    "AC06": "Meta's June 2025 investment in Scale AI is $14.3 billion in two notes and $11 billion in another.",
    "AC07": "Andreessen Horowitz's share of Thinking Machines Lab's July 2025 seed is $600 million in one note and $750 million in another.",
    "AC08": "Databricks' 2025 acquisition of Together AI is priced at $3.2 billion in one note and USD 2.8 billion in another.",
    "EX01": "Cohere is said to train and serve exclusively on Oracle's OCI, yet trains on Google Cloud TPUs and signed a compute contract with CoreWeave.",
    "EX02": "xAI is said to run all training and inference exclusively on OCI, yet Grok is served from Azure and xAI fine-tunes on Trainium2.",
    "EX03": "Perplexity's inference is said to run exclusively on AWS, yet it signed an Azure compute contract and runs part of its index on Google Cloud.",
    "CC01": "SoftBank's 2025 investment in OpenAI comes with no strings attached in one note and depends on the for-profit conversion in two others.",
    "CC02": "Nvidia's 2025 investment in OpenAI is unconditional in one note and released per gigawatt deployed in two others.",
    "CC03": "Microsoft's 2025 investment in Anthropic carries no conditions in one note and is subject to Anthropic's Azure commitment in another.",
    "MN01": "'Anthrpic' is a misspelling of Anthropic.",
    "MN02": "'Corweave' is a misspelling of CoreWeave.",
    "MN03": "'Perplexiy' is a misspelling of Perplexity.",
    "MN04": "'Mistrel' is a misspelling of Mistral (Mistral AI).",
    "MN05": "'Trainum' is a misspelling of Trainium.",
    "MN06": "'Databriks' is a misspelling of Databricks.",
}

def main():
    os.makedirs(f"{OUT}/notes", exist_ok=True)
    findings = collections.OrderedDict((k, []) for k in WHY)
    decoys = []
    for path, lines in FILES.items():
        plain = []
        for i, raw in enumerate(lines, 1):
            text, _, labels = raw.partition(" ||| ")
            assert "|||" not in text, raw
            plain.append(text)
            for lab in filter(None, (l.strip() for l in labels.split(";"))):
                if lab.startswith("D:"):
                    _, rule, kind = lab.split(":", 2)
                    decoys.append({"rule": rule, "path": path, "line": i, "kind": kind})
                else:
                    findings[lab].append({"path": path, "line": i})
        with open(f"{OUT}/{path}", "w", encoding="utf-8") as f:
            f.write("\n".join(plain) + "\n")
        n = len(plain)
        assert 10 <= n <= 35, (path, n)
    out = {"findings": [], "decoys": decoys}
    for fid, locs in findings.items():
        assert locs, fid
        out["findings"].append({"id": fid, "rule": RULE[fid[:2]], "locations": locs,
                                "optional": False, "why": WHY[fid]})
    with open(f"{OUT}/expected.json", "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    # summary
    md_n = sum(p.endswith(".md") for p in FILES); txt_n = len(FILES) - md_n
    print(f"files {len(FILES)} (md {md_n}, txt {txt_n})")
    for fid, locs in findings.items():
        print(fid, [(l['path'].split('/')[-1], l['line']) for l in locs])
    c = collections.Counter(d["rule"] for d in decoys)
    print("decoys", len(decoys), dict(c))

main()
