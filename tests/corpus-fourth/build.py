#!/usr/bin/env python3
"""Writes tests/corpus-fourth/notes/* and expected.json from one annotated source.

Every note line may carry labels after " ||| ", separated by ";":
  AC01, EX02, CC03, MN04 ...   a location of that planted finding
                               (AC amount-conflict, EX exclusivity-conflict,
                                CC condition-conflict, MN misspelled-name)
  D:<AMT|EXC|CON|MIS>:<kind>   a decoy line for that rule: a near miss that a
                               careful analyst would not report
The labels are stripped from the notes; line numbers are counted after the
front matter / title lines are added, so they cannot drift.

    python3 build.py          # rewrites notes/ and expected.json
"""
import collections
import json
import os
import re
import shutil
import sys

OUT = os.path.dirname(os.path.abspath(__file__))

RULE = {"AC": "amount-conflict", "EX": "exclusivity-conflict",
        "CC": "condition-conflict", "MN": "misspelled-name"}
DECOY = {"AMT": "amount-conflict", "EXC": "exclusivity-conflict",
         "CON": "condition-conflict", "MIS": "misspelled-name"}

# id -> (why, optional)
FINDINGS = {
    "AC01": ("Microsoft's January 2023 investment in OpenAI: $10 billion on four lines of three notes, "
             "a twelve-billion-dollar cheque in the podcast transcript", False),
    "AC02": ("Google's 2023 investment in Anthropic: $2 billion (research summary, timeline) "
             "against $3 billion (reading notes)", False),
    "AC03": ("SoftBank's own share of OpenAI's 2025 round: $30 billion / USD 30 billion in four "
             "notes against a $35bn commitment in the newsletter", False),
    "AC04": ("Nvidia's investment in xAI's 2025 raise: $2 billion (board pre-read, table) "
             "against $3,000 million (newsletter)", False),
    "AC05": ("Meta's June 2025 investment in Scale AI: $14.3 billion on five lines of three notes against "
             "$13.4B in the copied thread (transposed digits)", False),
    "AC06": ("ASML's investment in Mistral AI's Series C: EUR 1.3 billion (press release) "
             "against EUR 1.5B (largest-cheques table)", False),
    "AC07": ("Microsoft's November 2025 investment in Anthropic: up to $5 billion (email, "
             "timeline) against a $6 billion pledge (newsletter)", False),
    "AC08": ("OpenAI's compute contract with Oracle: $300 billion (thread, table, timeline) "
             "against USD 350 billion (call notes)", False),
    "AC09": ("CoreWeave's 2025 acquisition of Weights & Biases: $1.7 billion (transcript) "
             "against $1.2 billion (contracts note)", False),
    "EX01": ("Cohere said to run training and inference exclusively on Oracle OCI, "
             "yet Command A was trained on Google Cloud TPUs", False),
    "EX02": ("Perplexity said to rely exclusively on OpenAI's models (since early 2024), yet in "
             "May 2025 it routed about 40% of Pro queries to Anthropic's Claude", False),
    "EX03": ("Runway said to use AWS exclusively for every Gen-4 training run, yet Gen-4 "
             "was trained on TPU v5p pods in Google Cloud", False),
    "EX04": ("Safe Superintelligence listed as exclusive to Google Cloud (October 2025), yet "
             "running on a CoreWeave capacity contract since June 2025", False),
    "EX05": ("Apple said to rely exclusively on OpenAI's ChatGPT for third-party models, yet "
             "a custom Google Gemini model already runs Siri features", False),
    "CC01": ("Amazon's second $4 billion in Anthropic (November 2024): conditioned on / tied to "
             "Trainium adoption in two notes, no strings and no obligation in the digest", False),
    "CC02": ("SoftBank's 2025 commitment to OpenAI: hinges on / contingent on the for-profit "
             "conversion (transcript, term sheet) against unconditional (call notes)", False),
    "CC03": ("Microsoft's rights under the October 2025 OpenAI agreement: survive an AGI "
             "declaration (earnings call) against end the moment AGI is verified (timeline)", False),
    "CC04": ("Nvidia's up-to-$100 billion investment in OpenAI: lands only as each gigawatt is "
             "deployed (thread, timeline) against unconditional, not dependent on deployments "
             "(podcast)", False),
    "MN01": ("`Mistal` for Mistral (twice on one line)", False),
    "MN02": ("`CoreWeve` for CoreWeave", False),
    "MN03": ("`Inferentai` for Inferentia (transposition)", False),
    "MN04": ("`Anthopic's` for Anthropic's", False),
    "MN05": ("`Cerebas` for Cerebras", False),
}

FILES = collections.OrderedDict()


def md(name, title, date, body):
    FILES[f"notes/{date}-{name}.md"] = ["---", f"title: \"{title}\"", f"date: {date}", "---", ""] + body


def txt(name, title, date, body):
    FILES[f"notes/{date}-{name}.txt"] = [title, f"Date: {date}", ""] + body


# ------------------------------------------------------------------ email thread
txt("anthropic-board-deck-email", "Re: Anthropic figures for the board deck", "2025-11-20", [
    "From: Priya Raman",
    "To: Tom Okafor; Lena Vogt",
    "Subject: Re: Anthropic figures for the board deck",
    "",
    "Tom, corrected numbers below. Please use these rather than last week's draft.",
    "Microsoft will invest up to $5 billion in Anthropic, and Nvidia up to $10 billion, per Tuesday's announcement. ||| AC07",
    "Separately, Anthropic has committed to buy $30 billion of Azure compute capacity; that is a purchase, not part of Microsoft's stake. ||| D:AMT:spending commitment vs investment between the same companies; D:EXC:use of a cloud where no exclusivity is claimed",
    "Amazon remains the largest backer at $8 billion to date, and Anthropic still calls AWS its primary training partner. ||| D:AMT:running total; D:EXC:primary partner is not exclusivity",
    "The deck should show the Google Cloud TPU agreement under compute, not under equity.",
    "Priya",
    "",
    "Priya Raman | Research, Halden Partners | +44 20 7946 0123",
    "",
    "> On 19 Nov 2025, at 17:42, Tom Okafor wrote:",
    "> Do we have a firm Microsoft number? The blogs disagree and I don't want to guess. ||| D:AMT:question with no amount",
    "> And is the Google TPU deal equity or a contract?",
    ">",
    ">> On 19 Nov 2025, at 09:15, Lena Vogt wrote:",
    ">> Google's agreement is for up to one million TPUs, worth tens of billions of dollars. It is a compute contract. ||| D:AMT:vague amount; D:EXC:use of a cloud where no exclusivity is claimed",
    ">> For the record, Anthopic's run-rate revenue was about $7 billion in October. ||| MN04; D:AMT:revenue",
])

# ------------------------------------------------------------------ meeting transcript
md("deals-sync-transcript", "Weekly deals sync - transcript (auto-generated, lightly edited)", "2025-04-03", [
    "**Attendees:** Marcus (chair), Aiko, Ben, Sofía",
    "",
    "Marcus: First item, OpenAI. The round closed on Monday, right?",
    "Aiko: Yes. Forty billion dollars in total, led by SoftBank, at a three hundred billion post-money valuation. ||| D:AMT:round total vs its leader; D:AMT:valuation",
    "Aiko: SoftBank itself is putting in $30 billion of that. ||| AC03",
    "Aiko: The remaining $10 billion is syndicated to Microsoft, Coatue, Altimeter and Thrive. ||| D:AMT:other investors' share of the round; D:MIS:rare correctly spelled investor names",
    "Ben: And the strings?",
    "Aiko: The whole SoftBank commitment hinges on OpenAI converting into a for-profit company by the end of the year. ||| CC02",
    "Marcus: Okay. CoreWeave?",
    "Ben: The IPO priced at $40 a share and raised $1.5 billion, well below the range they'd floated. ||| D:AMT:IPO proceeds",
    "Ben: They're also buying Weights & Biases for $1.7 billion, mostly in cash. ||| AC09",
    "Sofía: And OpenAI's first contract with them is $11.9 billion over five years, plus a $350 million equity stake in CoreWeave. ||| D:AMT:first contract of several; D:AMT:equity stake vs contract; D:EXC:rival cloud use after exclusivity ended",
    "Marcus: Last one, Stargate. Abilene is still subject to permitting for the second phase, so don't model that capacity before 2026. ||| D:CON:condition outside any deal's terms",
    "Sofía: Noted. I'll update the CoreWeve section of the tracker tonight. ||| MN02",
    "Marcus: Thanks all, same time next week.",
])

# ------------------------------------------------------------------ IC memo
md("ic-memo-scale-secondary", "IC memo: secondary offer for Scale AI shares", "2025-07-15", [
    "**To:** Investment Committee | **From:** Growth team | **Re:** secondary block in Scale AI",
    "",
    "## Background",
    "",
    "Meta invested $14.3 billion in Scale AI in June 2025 for a 49% non-voting stake, valuing the company at roughly $29 billion. ||| AC05",
    "Founder Alexandr Wang left to run Meta's new superintelligence unit; Jason Droege is interim CEO. ||| D:MIS:unusual spelling of a person's name",
    "The last primary round, the 2024 Series F, raised $1 billion led by Accel at a $13.8 billion valuation. ||| D:AMT:different round, different investor",
    "Google and OpenAI have since wound down most of their data-labelling work with Scale.",
    "Scale's 2024 revenue was about $870 million; management had guided to $2 billion for 2025 before the Meta deal. ||| D:AMT:revenue",
    "",
    "## Recommendations",
    "",
    "1. Bid for the block at no more than a 20% discount to the price implied by Meta's investment.",
    "2. Do not pay for the Meta cash: the $14.3 billion went largely to existing holders as a distribution. ||| AC05",
    "3. Cap our exposure at $150 million across all vehicles. ||| D:AMT:our own position limit",
    "4. Revisit if customer churn after the Meta deal exceeds 25% of 2024 revenue.",
    "5. Ask counsel whether Meta's stake carries information rights; this memo assumes it carries none. ||| D:CON:right stated with no event",
])

# ------------------------------------------------------------------ press release
txt("mistral-series-c-press-release", "Mistral AI announces EUR 1.7 billion Series C led by ASML", "2025-09-09", [
    "PARIS, September 9, 2025 — Mistral AI, the Paris-based developer of open-weight and commercial AI models, today announced a €1.7 billion Series C funding round led by ASML Holding NV. ||| D:AMT:round total vs its leader",
    "ASML is investing €1.3 billion in the round and will hold approximately 11% of Mistral AI on a fully diluted basis. ||| AC06",
    "The round values Mistral AI at €11.7 billion post-money. ||| D:AMT:valuation",
    "Existing investors DST Global, Andreessen Horowitz, Bpifrance, General Catalyst, Index Ventures, Lightspeed and Nvidia also participated. ||| D:MIS:rare correctly spelled investor names",
    "\"This partnership brings together two European leaders,\" said Arthur Mensch, chief executive officer of Mistral AI. ||| D:MIS:person's name",
    "The proceeds will fund Mistral Compute, the company's own AI infrastructure in the Paris region built on Nvidia Grace Blackwell systems, and further work on models including Magistral, Devstral and Voxtral. ||| D:MIS:rare product names close to Mistral",
    "ASML and Mistral AI have also signed a long-term collaboration agreement covering AI models for ASML's holistic lithography products.",
    "The transaction is subject to customary regulatory approvals. ||| D:CON:customary approvals, no contrary statement anywhere",
    "",
    "About Mistral AI",
    "Founded in 2023, Mistral AI previously raised a €600 million Series B in June 2024 at a €5.8 billion valuation. ||| D:AMT:different round",
    "Media contact: press@mistral.ai",
])

# ------------------------------------------------------------------ social thread
md("openai-compute-thread", "Saved thread: everything OpenAI has signed for compute", "2025-11-04", [
    "Copied from X on Nov 4 (account @gpu_ledger), lightly edited.",
    "",
    "1/ openai's compute shopping list is now absurd. a thread",
    "2/ microsoft: azure was the exclusive cloud until january, when it became a right of first refusal. that exclusivity is over. ||| D:EXC:exclusivity explicitly ended",
    "3/ oracle: a $300 billion contract over roughly five years, starting in 2027 ||| AC08; D:EXC:rival cloud use after exclusivity ended",
    "4/ that's ~$60B a year of OCI capacity, more than oracle's entire cloud revenue today ||| D:AMT:per-year rate; D:MIS:lower-case name that is also a word",
    "5/ coreweave: three contracts this year that bring the total to $22.4B ||| D:AMT:running total; D:MIS:correct name in lower case",
    "6/ nvidia: letter of intent to invest up to $100B, but it only lands as each gigawatt actually gets deployed, ~$10B a step ||| CC04; D:AMT:per-step amount vs the whole",
    "7/ amd: 6 GW of Instinct GPUs, plus warrants for up to 160M amd shares that vest only as deployments and share-price targets are hit ||| D:CON:only one condition stated for this deal",
    "8/ broadcom: 10 GW of custom accelerators, no price disclosed",
    "9/ and yesterday aws: $38B over seven years for GB200s and GB300s on EC2 ||| D:EXC:rival cloud use after exclusivity ended",
    "10/ so the azure-only era is well and truly over. microsoft still has the $250B incremental azure commitment from the restructuring ||| D:EXC:exclusivity explicitly ended; D:AMT:spending commitment",
    "11/ end. follow for more spreadsheets",
])

# ------------------------------------------------------------------ research summary with footnotes
md("research-summary-funders", "Research summary: who funds the frontier labs (mid-2025)", "2025-06-30", [
    "## Summary",
    "Microsoft remains OpenAI's largest outside shareholder.",
    "It invested $1 billion in 2019 [1] and a further $2 billion in 2021. ||| D:AMT:different years, same pair",
    "The January 2023 investment, at $10 billion, was by far the largest [2]. ||| AC01",
    "In total Microsoft has put about $13 billion into OpenAI. ||| D:AMT:running total",
    "",
    "Anthropic is backed by both Amazon and Google.",
    "Amazon committed up to $4 billion in September 2023 [3], then another $4 billion in November 2024, for $8 billion in all. ||| D:AMT:follow-on and running total",
    "Google agreed to invest $2 billion in Anthropic in October 2023 [4]. ||| AC02",
    "Of that, $500 million was paid up front and $1.5 billion was to follow over time. ||| D:AMT:tranches of the same deal",
    "Google added another $1 billion in January 2025. ||| D:AMT:different year, same pair",
    "Neither backer has an exclusive claim on Anthropic's compute: Claude is trained on both Trainium and TPUs [5]. ||| D:EXC:exclusivity denied, both providers named",
    "",
    "## Notes",
    "",
    "[1] Microsoft and OpenAI joint announcement, July 22, 2019.",
    "[2] Microsoft blog, \"Microsoft and OpenAI extend partnership\", January 23, 2023.",
    "[3] Amazon press release, September 25, 2023.",
    "[4] The Wall Street Journal, October 27, 2023.",
    "[5] Anthropic and Google Cloud customer announcements, 2024.",
])

# ------------------------------------------------------------------ FAQ
txt("faq-microsoft-openai", "FAQ: what changed between Microsoft and OpenAI in January 2025", "2025-02-10", [
    "Q: Is Azure still OpenAI's exclusive cloud?",
    "A: No. Azure was exclusive from 2019, but that exclusivity ended in January 2025; Microsoft now holds a right of first refusal on new capacity. ||| D:EXC:exclusivity explicitly ended",
    "",
    "Q: So OpenAI can buy compute from Oracle?",
    "A: Yes, and it is doing so through Stargate, the joint venture with SoftBank, Oracle and MGX. ||| D:EXC:rival cloud use after exclusivity ended",
    "",
    "Q: How big is Stargate?",
    "A: $100 billion to start, and up to $500 billion over four years. ||| D:AMT:size of a joint venture",
    "A: SoftBank and OpenAI are each expected to put $19 billion of equity into it. ||| D:AMT:commitment to a joint venture, not to OpenAI",
    "",
    "Q: How much has Microsoft invested in OpenAI?",
    "A: About $13 billion to date, of which $10 billion came in January 2023. ||| AC01",
    "",
    "Q: Is Microsoft's 2023 money conditional on anything? ||| D:CON:question",
    "A: Part of the $10 billion was paid as Azure compute credits, released as OpenAI drew on them. ||| AC01; D:CON:condition on a part, no contrary statement",
    "",
    "Q: Does Microsoft lose anything at AGI?",
    "A: Under the 2019 agreement, as extended in 2023, Microsoft's licence to OpenAI's technology ends once OpenAI's board declares AGI. ||| D:CON:rights term of an earlier contract, later renegotiated",
])

# ------------------------------------------------------------------ timeline
md("anthropic-timeline", "Timeline: Anthropic's money and compute, 2021-2025", "2025-12-01", [
    "- 2021-05: Series A, $124 million, led by Jaan Tallinn. ||| D:AMT:different round; D:MIS:person's name",
    "- 2023-09: Amazon commits up to $4 billion; AWS becomes Anthropic's primary cloud provider. ||| D:EXC:primary provider is not exclusivity",
    "- 2023-10: Google agrees to invest $2 billion. ||| AC02",
    "- 2024-03: Amazon completes its first $4 billion with a $2.75 billion tranche. ||| D:AMT:tranche vs total",
    "- 2024-11: Amazon invests a second $4 billion; the money is conditioned on Anthropic training its largest models on Trainium. ||| CC01",
    "- 2025-01: Google adds $1 billion. ||| D:AMT:different year, same pair",
    "- 2025-03: Series E, $3.5 billion, led by Lightspeed, at a $61.5 billion valuation. ||| D:AMT:round total vs its leader; D:AMT:valuation",
    "- 2025-09: Series F, $13 billion, led by ICONIQ, at $183 billion post-money. ||| D:AMT:different round",
    "- 2025-10: Google Cloud deal for up to one million TPUs, worth tens of billions of dollars. ||| D:AMT:vague amount; D:EXC:use of a second cloud where no exclusivity is claimed",
    "- 2025-11: Microsoft (up to $5 billion) and Nvidia (up to $10 billion) invest; Anthropic commits $30 billion to Azure. ||| AC07",
    "",
    "Anthropic is now the only frontier lab training at scale on Trainium, TPUs and Nvidia GPUs at once. ||| D:EXC:'only' describes the lab, not an exclusive provider",
])

# ------------------------------------------------------------------ comparison table
md("compute-contracts-table", "Compute contracts compared (October 2025)", "2025-10-20", [
    "Buyer-side view of the large cloud contracts we track. Values are whole contracts, not annual spend.",
    "",
    "| Buyer | Provider | Contract value | Term | Exclusive? |",
    "|---|---|---|---|---|",
    "| OpenAI | Oracle (OCI) | $300 billion | 5 years from 2027 | No | ||| AC08; D:EXC:rival cloud use after exclusivity ended",
    "| OpenAI | CoreWeave | $22.4 billion in total (three contracts) | to 2030 | No | ||| D:AMT:running total; D:EXC:rival cloud use after exclusivity ended",
    "| Meta | CoreWeave | $14.2 billion | to 2031 | No | ||| D:AMT:different buyer, same provider",
    "| Meta | Google Cloud | more than $10 billion | 6 years | No | ||| D:AMT:different pair; D:EXC:non-exclusive",
    "| Safe Superintelligence | Google Cloud (TPUs) | undisclosed | multi-year | Yes, exclusive | ||| EX04",
    "| Character.AI | Google Cloud | undisclosed | multi-year | No, though nearly all training runs there | ||| D:EXC:hedged, explicitly not exclusive",
    "| xAI | Oracle | talks ended in 2024 | n/a | n/a | ||| D:EXC:ended talks, not use",
    "",
    "Notes on the table:",
    "",
    "- The Oracle figure works out at roughly $60 billion a year once the ramp is complete. ||| D:AMT:per-year rate",
    "- CoreWeave's own acquisition of Weights & Biases, for $1.2 billion, is not a compute contract and is left out. ||| AC09",
    "- Meta's Google Cloud deal is explicitly non-exclusive; Meta also buys from Oracle and CoreWeave. ||| D:EXC:non-exclusive",
])

# ------------------------------------------------------------------ long parenthetical asides
txt("cohere-notes-asides", "Cohere: notes after the August round (with too many asides, sorry)", "2025-08-12", [
    "Cohere raised $500 million this month at a $6.8 billion valuation (led by Radical Ventures and Inovia, not by Nvidia as one trade paper had it; Nvidia, AMD Ventures and Salesforce Ventures only followed on). ||| D:AMT:round total vs its leaders; D:AMT:valuation",
    "The July 2024 round was also $500 million (a coincidence that has confused at least two of our own trackers) but at a $5.5 billion valuation. ||| D:AMT:same amount, different round",
    "Compute is simple: Cohere runs training and inference exclusively on Oracle Cloud Infrastructure (Aidan Gomez repeated this on the call, unprompted, which I took as a sign that investors had asked). ||| EX01; D:MIS:person's name",
    "Those OCI clusters are Nvidia H100s with some H200s (nothing exotic, and Cohere has never trained on AMD parts, whatever AMD Ventures' cheque might suggest). ||| D:EXC:Nvidia chips inside the exclusive cloud; D:EXC:investment is not use",
    "Revenue run-rate is about $100 million (management's number, and they were careful to say \"annualised\", which tells you something). ||| D:AMT:revenue",
    "The new money goes mostly to agentic products, North in particular, and to the Command A family (the Aya multilingual models stay open-weight, for now). ||| D:MIS:rare product names",
    "One hire worth noting: Joelle Pineau, formerly of Meta (she ran FAIR for years), joins as chief AI officer. ||| D:MIS:person's name",
    "Coherent, the optics company (no relation, though the ticker confusion never ends), is not in our coverage. ||| D:MIS:ordinary-looking company name close to Cohere",
    "Next check-in: after the Q3 numbers (Cohere doesn't publish them, so \"numbers\" is generous).",
])

# ------------------------------------------------------------------ earnings call 1
txt("msft-earnings-call-excerpts", "Microsoft FY26 Q1 earnings call: excerpts we care about", "2025-10-30", [
    "Satya Nadella: We closed a new definitive agreement with OpenAI this week, which sets up the next chapter of our partnership.",
    "Satya Nadella: Our IP rights now run through 2032, include models after AGI, and survive an AGI declaration, which an independent expert panel will verify. ||| CC03",
    "Satya Nadella: OpenAI has contracted an incremental $250 billion of Azure services, and we no longer hold a right of first refusal as its compute provider. ||| D:AMT:spending commitment vs investment; D:EXC:preference ended",
    "Amy Hood: That Azure commitment is not tied to our investment in any way. ||| D:CON:different deal between the same companies",
    "Amy Hood: Our stake in OpenAI Group PBC is roughly 27 percent on an as-converted diluted basis, worth around $135 billion. ||| D:AMT:value of a stake",
    "Amy Hood: Other income includes a $3.1 billion net loss from our equity-method investment in OpenAI. ||| D:AMT:accounting loss, not an investment",
    "Amy Hood: Total revenue was $77.7 billion, up 18 percent, and Azure grew 40 percent. ||| D:AMT:revenue",
    "Keith Weiss, Morgan Stanley: Does the new agreement change your cumulative funding commitment? ||| D:AMT:question",
    "Amy Hood: No. Our total commitment remains $13 billion. ||| D:AMT:running total",
    "Satya Nadella: On silicon, Maia 100 is in production in our own datacenters and Cobalt 100 instances are generally available. ||| D:MIS:rare correctly spelled chip names",
    "Satya Nadella: We're also running Anthropic's models in Microsoft 365 Copilot alongside OpenAI's. ||| D:EXC:customer uses several labs' models, no exclusivity claimed",
])

# ------------------------------------------------------------------ earnings call 2
md("amazon-q3-call-notes", "Amazon Q3 2025 call: my notes", "2025-10-31", [
    "Headline: AWS revenue $33.0 billion, up 20% year on year; backlog $200 billion. ||| D:AMT:revenue and backlog",
    "",
    "Jassy on custom silicon: Trainium2 is fully subscribed and is now a multibillion-dollar business, up 150% quarter on quarter. ||| D:AMT:vague amount; D:MIS:chip name with a version number",
    "Project Rainier went live with nearly 500,000 Trainium2 chips, which Anthropic uses to train and serve Claude. ||| D:EXC:use where no exclusivity is claimed",
    "He expects Anthropic to be on more than one million Trainium2 chips by year-end.",
    "Inferentai gets much less airtime than Trainium these days; nobody asked about it. ||| MN03",
    "On Anthropic: Amazon has invested $8 billion in total and marks the stake at fair value; it booked a $9.5 billion pre-tax gain on it this quarter. ||| D:AMT:running total; D:AMT:accounting gain",
    "On OpenAI: Jassy declined to comment on reports of a large compute deal. ||| D:EXC:no use stated",
    "Capex: about $125 billion for 2025, most of it for AI infrastructure. ||| D:AMT:capital spending",
    "Graviton4 and the Trainium3 preview came up only in passing. ||| D:MIS:rare correctly spelled chip names",
])

# ------------------------------------------------------------------ newsletter digest 1
md("compute-ledger-47", "The Compute Ledger, issue 47", "2025-11-24", [
    "**This week in five items.**",
    "",
    "**1. Anthropic's new backers.** Microsoft pledged $6 billion and Nvidia $10 billion to Anthropic, which in turn will spend $30 billion on Azure. ||| AC07",
    "The new money puts Anthropic at about $350 billion. ||| D:AMT:valuation",
    "",
    "**2. Apple and Gemini.** Apple is paying Google roughly $1 billion a year for a custom Gemini model that already runs Siri's summarisation features on Private Cloud Compute. ||| EX05; D:AMT:per-year rate",
    "",
    "**3. SoftBank's sale.** SoftBank, whose $35bn commitment to OpenAI's 2025 round is the largest single cheque in venture history, sold its entire Nvidia stake for $5.8 billion to fund the rest. ||| AC03",
    "",
    "**4. SSI's other cloud.** Safe Superintelligence has been running on a $1.5 billion, three-year capacity contract with CoreWeave since June. ||| EX04",
    "",
    "**5. Nvidia's year of cheques.** Nvidia's $3,000 million investment in xAI earlier this year now looks small next to its Anthropic and OpenAI commitments. ||| AC04",
    "xAI is said to be raising $15 billion at a $230 billion valuation, though Elon Musk called the report false. ||| D:AMT:rumour explicitly denied; D:AMT:valuation",
    "Not to be confused: Groq, the inference-chip maker, raised $750 million in September. ||| D:MIS:real name close to Grok; D:AMT:different company",
])

# ------------------------------------------------------------------ newsletter digest 2
txt("friday-digest-week-48", "Friday digest, week 48 (2024)", "2024-12-02", [
    "Amazon doubles down on Anthropic. Amazon is investing another $4 billion in Anthropic, bringing its total to $8 billion. ||| D:AMT:follow-on and running total",
    "The new $4 billion comes with no strings attached: Anthropic is under no obligation to use Trainium or any other AWS chip. ||| CC01",
    "Anthropic does name AWS its primary training partner, but that is a description, not a contract term. ||| D:CON:description, not a condition; D:EXC:primary partner is not exclusivity",
    "(The 2023 commitment, for its part, also came with no conditions on chip choice.) ||| D:CON:earlier deal of the same pair",
    "xAI raised $6 billion in a Series B in May at a $24 billion valuation; a second $6 billion round is reported to be close. ||| D:AMT:different rounds with the same amount",
    "Databricks is said to be raising about $10 billion at a $62 billion valuation. ||| D:AMT:rumoured round of another company",
    "Nvidia's market cap ended the week near $3.4 trillion. ||| D:AMT:market capitalisation",
    "AWS re:Invent: Trainium2 instances are generally available and Trainium3 is announced for late 2025. ||| D:MIS:chip names with version numbers",
    "Project Rainier, the Trainium2 cluster being built for Anthropic, was named at the same event.",
    "OpenAI's $6.6 billion October round, led by Thrive Capital, included $500 million from SoftBank. ||| D:AMT:round total vs its leader; D:AMT:different year, same pair",
    "Reading: Dario Amodei's \"Machines of Loving Grace\" essay, if you missed it in October. ||| D:MIS:person's name",
])

# ------------------------------------------------------------------ email thread 2 (markdown)
md("mistral-microsoft-email", "Fwd: client question on Mistral and Microsoft", "2025-03-18", [
    "**From:** Julien Marchand  ",
    "**To:** Coverage team  ",
    "**Subject:** Fwd: client question on Mistral and Microsoft",
    "",
    "Forwarding with my answer below; shout if anything's off.",
    "",
    "No. Microsoft's €15 million investment in February 2024 came with a distribution agreement that is explicitly non-exclusive. ||| D:EXC:non-exclusive",
    "Mistral's models are also on Amazon Bedrock and Google Vertex AI, and Mistal trains on its own Nvidia clusters, so Mistal's compute doesn't depend on Azure at all. ||| MN01; D:EXC:several providers, no exclusivity",
    "The €15 million converts into equity at Mistral's next priced round; it is not a stake today. ||| D:AMT:convertible note, consistent amount",
    "The June 2024 Series B was €600 million, led by General Catalyst, at €5.8 billion. ||| D:AMT:different round",
    "",
    "Best, Julien",
    "",
    "Julien Marchand, Senior Analyst, European AI (writing from Marseille, where the mistral is blowing hard) ||| D:MIS:ordinary word spelled like a name",
    "",
    "> **From:** client (redacted)",
    "> Is Mistral's deal with Microsoft exclusive? We've heard its models can only be served from Azure. ||| D:EXC:hearsay, answered no",
])

# ------------------------------------------------------------------ press release 2
txt("meta-scale-press-release", "Meta and Scale AI announce strategic partnership and investment", "2025-06-12", [
    "MENLO PARK, Calif., June 12, 2025 — Meta Platforms, Inc. and Scale AI today announced a significant new investment and an expanded commercial partnership.",
    "Meta will invest $14.3 billion in Scale AI in exchange for a 49% non-voting equity stake. ||| AC05",
    "The investment values Scale AI at more than $29 billion. ||| D:AMT:valuation",
    "Scale AI founder and chief executive Alexandr Wang will join Meta to work on its superintelligence efforts and will remain on Scale's board. ||| D:MIS:unusual spelling of a person's name",
    "Jason Droege, Scale's chief strategy officer, will serve as interim chief executive.",
    "Scale will use a substantial part of the proceeds to return capital to shareholders and vested equity holders.",
    "\"Scale will remain an independent company,\" Droege said.",
    "The transaction is expected to close in the third quarter, subject to customary closing conditions. ||| D:CON:customary closing conditions, no contrary statement",
    "",
    "About Scale AI",
    "Scale AI provides data and evaluation for frontier AI models. Its last primary round, in May 2024, raised $1 billion led by Accel. ||| D:AMT:different round, different investor",
    "Media: press@scale.com",
])

# ------------------------------------------------------------------ podcast transcript
txt("compute-hour-ep112-transcript", "Compute Hour, episode 112: transcript excerpt", "2025-09-25", [
    "HOST: Let's talk about the Nvidia and OpenAI letter of intent. Up to a hundred billion dollars.",
    "GUEST (Dana Whitfield, fund manager): What people miss is that Nvidia's money is unconditional. It's straight equity, no strings attached. ||| CC04",
    "HOST: Isn't it tied to how many gigawatts OpenAI actually deploys? ||| D:CON:question",
    "GUEST: No. That's a misreading of the announcement; the investment doesn't depend on deployments at all. ||| CC04",
    "GUEST: The first gigawatt is planned on Vera Rubin systems in the second half of 2026, that's all. ||| D:CON:timing, not a term; D:MIS:chip name that looks like a person's name",
    "HOST: For scale, Microsoft wrote OpenAI a twelve-billion-dollar cheque in January 2023. ||| AC01",
    "GUEST: Right, and Nvidia is worth about four and a half trillion dollars now, so a hundred billion is about two percent of its market cap. ||| D:AMT:market capitalisation",
    "HOST: Is Nvidia also in xAI's round? ||| D:AMT:question",
    "GUEST: It is, I'm told, though nobody has confirmed the size to me.",
    "HOST: And OpenAI's chips? Is it all Nvidia from here on? ||| D:EXC:question",
    "GUEST: Not at all. They're doing Broadcom custom silicon, and I'd expect AMD to get a slice.",
    "HOST: We'll leave it there. Thanks, Dana.",
])

# ------------------------------------------------------------------ board pre-read
md("xai-board-preread", "Board pre-read: our xAI exposure", "2025-10-10", [
    "## Where things stand",
    "",
    "1. xAI is raising about $20 billion: roughly $7.5 billion of equity and $12.5 billion of debt through a special-purpose vehicle that buys Nvidia GPUs for Colossus 2. ||| D:AMT:round total including debt",
    "2. Nvidia is investing $2 billion of the equity. ||| AC04",
    "3. The earlier rounds were $6 billion in May 2024 and $6 billion in December 2024. ||| D:AMT:different rounds",
    "4. Since the merger with X in March 2025 the combined company has been valued at $113 billion; talk of $200 billion for this round has been called inaccurate by Musk. ||| D:AMT:valuation; D:AMT:rumour explicitly denied",
    "5. xAI trains Grok on its own Colossus cluster in Memphis; it dropped Oracle as a supplier in 2024 and rents nothing from the hyperscalers today. ||| D:EXC:own cluster, earlier supplier dropped; D:MIS:real name close to Groq",
    "6. Groq, the inference-chip company, is unrelated; the two names get mixed up in our own tracker. ||| D:MIS:real name close to Grok",
    "",
    "## Recommendations",
    "",
    "1. Hold the position; do not participate in the SPV debt.",
    "2. Ask management whether Nvidia's $2 billion carries any GPU purchase commitments. ||| AC04; D:CON:question",
    "3. Revisit after the Colossus 2 power agreements are signed; the Southaven site is subject to state permits. ||| D:CON:condition outside any deal's terms",
])

# ------------------------------------------------------------------ interview Q&A
md("perplexity-call-notes", "Call notes: Perplexity partnerships lead (background only)", "2025-08-05", [
    "**Q: Which models power the answer engine today?**",
    "",
    "A: Generation is OpenAI only: Perplexity relies exclusively on OpenAI's GPT models, and has done since early 2024. ||| EX02",
    "",
    "**Q: Per-token pricing or a committed contract?**",
    "",
    "A: A committed contract, about $100 million a year, though they wouldn't confirm the number. ||| D:AMT:per-year rate, unconfirmed",
    "",
    "**Q: Fundraising?**",
    "",
    "A: The latest round valued Perplexity at $20 billion; the $34.5 billion offer for Google's Chrome was a bid, not a raise. ||| D:AMT:valuation; D:AMT:acquisition offer, not an investment",
    "",
    "**Q: Cloud?**",
    "",
    "A: AWS, mostly, with some Nvidia DGX Cloud capacity for experiments. ||| D:EXC:cloud use vs an exclusivity of models",
])

# ------------------------------------------------------------------ timeline 2
txt("openai-compute-timeline", "OpenAI compute and funding timeline", "2025-11-10", [
    "2019-07  Microsoft invests $1 billion; Azure becomes OpenAI's exclusive cloud provider. ||| D:AMT:different year, same pair; D:EXC:exclusivity that later ended",
    "2023-01  $10 billion invested by Microsoft, its largest single investment in the company. ||| AC01",
    "2024-10  $6.6 billion round led by Thrive Capital at a $157 billion valuation. ||| D:AMT:round total vs its leader",
    "2025-01  Azure exclusivity ends; Microsoft keeps a right of first refusal. Stargate announced with SoftBank, Oracle and MGX. ||| D:EXC:exclusivity explicitly ended",
    "2025-03  CoreWeave contract, $11.9 billion over five years. SoftBank leads a $40 billion round at $300 billion. ||| D:AMT:first contract of several; D:AMT:round total vs its leader; D:EXC:rival cloud use after exclusivity ended",
    "2025-05  CoreWeave contract expanded by $4 billion. ||| D:AMT:follow-on contract",
    "2025-06  Google Cloud added as a capacity supplier. ||| D:EXC:rival cloud use after exclusivity ended",
    "2025-09  Oracle contract, $300 billion over five years from 2027; Nvidia letter of intent, up to $100 billion, tied to each gigawatt deployed. ||| AC08; CC04; D:EXC:rival cloud use after exclusivity ended",
    "2025-10  Restructuring closes. Microsoft takes about 27%; its access to OpenAI's models ends the moment the expert panel verifies AGI. ||| CC03",
    "2025-11  AWS, $38 billion over seven years. ||| D:EXC:rival cloud use after exclusivity ended",
])

# ------------------------------------------------------------------ comparison tables 2
md("funding-rounds-2025-table", "Frontier lab funding in 2025: rounds and the biggest single cheques", "2025-09-30", [
    "| Lab | Round | Lead | Size | Post-money |",
    "|---|---|---|---|---|",
    "| OpenAI | March | SoftBank | $40B | $300B | ||| D:AMT:round total vs its leader",
    "| Anthropic | Series F (September) | ICONIQ | $13B | $183B | ||| D:AMT:different round",
    "| Mistral AI | Series C (September) | ASML | €1.7B | €11.7B | ||| D:AMT:round total vs its leader",
    "| Safe Superintelligence | April | Greenoaks | $2B | $32B | ||| D:AMT:round total vs its leader",
    "| Thinking Machines Lab | Seed (July) | Andreessen Horowitz | $2B | $12B | ||| D:AMT:same amount, different company",
    "",
    "## Largest single cheques",
    "",
    "| Investor | Recipient | Amount | When |",
    "|---|---|---|---|",
    "| SoftBank | OpenAI | $30B | 2025 round | ||| AC03",
    "| Meta | Scale AI | $14.3B | June | ||| AC05",
    "| ASML | Mistral AI | €1.5B | Series C | ||| AC06",
    "| Nvidia | xAI | $2B | 2025 raise | ||| AC04",
    "| Google | Anthropic | $1B | January | ||| D:AMT:different year, same pair",
    "",
    "Single cheques exclude debt and compute contracts; the SoftBank figure is its whole commitment, of which $7.5 billion was paid in April. ||| D:AMT:tranche vs total",
    "Scale AI, backed by $14.3 billion from Meta, is left out of the rounds table because it was not a priced round. ||| AC05",
])

# ------------------------------------------------------------------ reading notes with footnotes
txt("reading-notes-four-reports", "Reading notes: four reports on who trains where", "2025-12-05", [
    "1. The best account of how Anthropic uses Trainium2 at scale is the Project Rainier piece [1].",
    "2. Confirmed by [1]: Amazon's second $4 billion, in November 2024, was tied to Anthropic adopting Trainium for its frontier training runs. ||| CC01",
    "3. Google invested $3 billion in Anthropic in 2023 [2], which is why its stake is about 14%. ||| AC02",
    "4. Google has since added $1 billion (January 2025) and signed the October 2025 TPU agreement, which is a cloud contract rather than equity [3]. ||| D:AMT:different year, same pair",
    "5. None of the reports suggests either backer has exclusivity; Anthropic told [3] it will keep using all three chip platforms. ||| D:EXC:exclusivity denied",
    "6. Our estimate of Amazon's mark on its stake is above $60 billion; that is a valuation, not new money. ||| D:AMT:value of a stake",
    "7. Runway's Gen-4 technical report [4] says the model was trained on TPU v5p pods in Google Cloud. ||| EX03",
    "8. The same report thanks Google and Nvidia, both Runway investors since 2023. ||| D:EXC:investment is not use",
    "",
    "[1] The Information, \"Inside Project Rainier\", October 2025.",
    "[2] Company filings summarised by Reuters, November 2025.",
    "[3] Anthropic blog, \"Expanding our use of Google Cloud TPUs\", October 23, 2025.",
    "[4] Runway Research, \"Gen-4 technical report\", April 2025.",
])

# ------------------------------------------------------------------ social thread 2
txt("meta-scale-thread", "Thread copied from Bluesky: @labelling_watch on Meta and Scale", "2025-06-20", [
    "1/ Meta just poured $13.4B into Scale AI for 49% of the company. Not an acquisition, officially. ||| AC05",
    "2/ That implies ~$29B for Scale, roughly double last year's $13.8B valuation. ||| D:AMT:valuation",
    "3/ Alexandr Wang goes to Meta to run the new superintelligence lab. ||| D:MIS:unusual spelling of a person's name",
    "4/ Google was Scale's biggest customer, at ~$150M this year; it's reportedly pulling that work. ||| D:AMT:customer spend",
    "5/ OpenAI says it had been winding down Scale work for months anyway.",
    "6/ The rumour that Meta would buy the rest of Scale for another $15B is false; both companies denied it on the record. ||| D:AMT:rumour explicitly denied",
    "7/ Compare: Microsoft's 2024 Inflection deal was $650M, mostly a licence fee. ||| D:AMT:licence fee, different pair",
    "8/ Net: Meta paid up for talent and data, and the FTC will look at it.",
    "9/ end",
])

# ------------------------------------------------------------------ call notes (bullets)
md("oracle-sellside-call-notes", "Call with a sell-side Oracle analyst: notes", "2025-09-15", [
    "- OpenAI agreed to pay Oracle USD 350 billion over five years, starting in 2027. ||| AC08; D:EXC:rival cloud use after exclusivity ended",
    "- That one contract is most of the jump in Oracle's remaining performance obligations, now $455 billion. ||| D:AMT:backlog",
    "- Before 2027, OpenAI's Oracle capacity comes through Stargate sites such as Abilene. ||| D:EXC:rival cloud use after exclusivity ended",
    "- Abilene's later phases remain subject to permitting and grid hookups. ||| D:CON:condition outside any deal's terms",
    "- SoftBank's $30 billion for OpenAI is unconditional; it does not depend on the for-profit conversion. ||| AC03; CC02",
    "- Oracle's market cap briefly topped $900 billion after the print. ||| D:AMT:market capitalisation",
    "- Capex guidance for FY26 is $35 billion. ||| D:AMT:capital spending",
    "- OCI revenue: $18 billion this fiscal year, rising to $144 billion in four years, per guidance. ||| D:AMT:revenue",
    "- Meta is negotiating a roughly $20 billion OCI contract; not signed. ||| D:AMT:unsigned contract, different buyer",
    "- He has been our oracle on OCI for two years, so I'd weight this. ||| D:MIS:ordinary word spelled like a name",
])

# ------------------------------------------------------------------ corrections log
md("corrections-november", "Corrections and clarifications, November 2025", "2025-11-28", [
    "We correct errors in published notes here rather than silently. Newest first.",
    "",
    "- **Nov 21, xAI note.** We said xAI's December 2024 Series C was $5 billion. It was $6 billion. ||| D:AMT:retracted figure",
    "- **Nov 14, chips primer.** We said OpenAI runs exclusively on Azure. That ended in January 2025; OpenAI now also buys from Oracle, CoreWeave, Google Cloud and AWS. ||| D:EXC:retracted exclusivity, explicitly ended",
    "- **Nov 7, Anthropic profile.** The profile implied Anthropic trains only on AWS. It has never been exclusive: it trains on Trainium, TPUs and Nvidia GPUs. ||| D:EXC:retracted exclusivity",
    "- **Nov 3, weekly.** A headline called CoreWeave's purchase of Core Scientific a $6 billion deal. The all-stock deal was valued at about $9 billion when announced. ||| D:AMT:retracted figure of another acquisition",
    "- **Oct 30, earnings wrap.** Cerebras was spelled \"Cerebrus\" in two places; both are fixed. ||| D:MIS:quoted misspelling in a correction",
    "- **Oct 24, digest.** Nebius and Crusoe were listed as hyperscalers; they are GPU clouds. ||| D:MIS:rare correctly spelled company names",
])

# ------------------------------------------------------------------ glossary
md("glossary-chips-clouds-models", "Team glossary: chips, clouds and models (August 2025)", "2025-08-01", [
    "Short definitions for names that keep coming up. Spellings are the companies' own.",
    "",
    "- **Trainium, Trainium2, Trainium3**: AWS's training chips; Trainium2 powers Project Rainier. ||| D:MIS:chip names with version numbers",
    "- **Inferentia2**: AWS's inference chip, rarely discussed now. ||| D:MIS:rare correctly spelled chip name",
    "- **TPU v5e, v5p, Trillium (v6e), Ironwood (v7)**: Google's tensor processing units, rented only through Google Cloud. ||| D:MIS:rare chip names; D:EXC:'only' about where a chip is sold",
    "- **Maia 100, Cobalt 100**: Microsoft's own accelerator and CPU, used only inside Azure. ||| D:MIS:rare chip names; D:EXC:'only' about where a chip is used",
    "- **Axion, Graviton4**: Google's and AWS's Arm server CPUs. ||| D:MIS:rare chip names",
    "- **Blackwell (B200, GB200, GB300), Vera Rubin**: Nvidia's current and next GPU platforms. ||| D:MIS:chip names that look like people's names",
    "- **MI355X**: AMD's current Instinct accelerator.",
    "- **Cerebras WSE-3, Groq LPU, SambaNova SN40L**: wafer-scale and inference-first alternatives. ||| D:MIS:rare correctly spelled company names",
    "- **Grok**: xAI's chatbot and model family; not to be confused with Groq, the chipmaker. ||| D:MIS:real names one letter apart",
    "- **Gemini, Gemma**: Google DeepMind's closed and open model families. ||| D:MIS:real name close to Gemini",
    "- **Claude (Opus, Sonnet, Haiku)**: Anthropic's models; sonnet and haiku are ordinary words too, which confuses search. ||| D:MIS:ordinary words used as names",
    "- **Magistral, Devstral, Codestral**: Mistral's reasoning and coding models. ||| D:MIS:real names close to Mistral",
    "- **Llama**: Meta's open-weight models (the llama on the team slides is unrelated). ||| D:MIS:ordinary word spelled like a name",
    "- **Nebius, Crusoe, Lambda, Fluidstack**: GPU clouds that rent Nvidia capacity. ||| D:MIS:rare correctly spelled company names",
])

# ------------------------------------------------------------------ term sheet summary
txt("softbank-openai-term-sheet", "Term sheet summary: SoftBank / OpenAI 2025 round (as we understand it)", "2025-04-22", [
    "Round size: USD 40 billion at USD 300 billion post-money. ||| D:AMT:round total; D:AMT:valuation",
    "SoftBank: USD 30 billion. Co-investors: USD 10 billion. ||| AC03",
    "First closing (April): USD 10 billion, of which SoftBank USD 7.5 billion. ||| D:AMT:tranche vs total",
    "Second closing (December): USD 30 billion, of which SoftBank USD 22.5 billion. ||| D:AMT:tranche vs total",
    "Condition: SoftBank's commitment is contingent on OpenAI completing its restructuring into a for-profit entity by December 31, 2025. ||| CC02",
    "Fallback: if the restructuring is not completed in time, SoftBank may reduce its total to USD 20 billion. ||| CC02; D:AMT:fallback amount under a condition",
    "Use of proceeds: compute (including Stargate), research and general corporate purposes.",
    "Board: no new SoftBank seat. Information rights: standard. ||| D:CON:right stated with no event",
    "Microsoft takes part in the co-investor tranche; its existing rights are unchanged by this round. ||| D:CON:right stated with no event",
    "Open question: whether the December money arrives in one wire or in monthly drawdowns. ||| D:CON:question",
])

# ------------------------------------------------------------------ live blog
md("infra-panel-liveblog", "Live notes: 'Who owns the compute?' panel, AI Infra Summit", "2025-05-08", [
    "Typed live, so expect typos; quotes are close but not verbatim.",
    "",
    "14:02 Panel: Cohere's head of infrastructure, Perplexity's CTO, Runway's VP of engineering and Safe Superintelligence's operations lead; the moderator is from The Information.",
    "14:05 Cohere: Command A was trained on Google Cloud TPU v5e pods, and they \"still like TPUs for the big runs\". ||| EX01",
    "14:09 Perplexity showed a routing dashboard: about 40% of Pro queries go to Anthropic's Claude, most of the rest to OpenAI's GPT-4.1. ||| EX02",
    "14:14 Runway: every Gen-4 training run happens on AWS; Runway uses AWS exclusively, on Trainium2 and H100 instances. ||| EX03",
    "14:18 SSI wouldn't say whether Google is its only cloud; \"we like TPUs\" was all we got. ||| D:EXC:question left unanswered",
    "14:23 The moderator asked about Cerebas and Groq for inference; nobody on stage uses either yet. ||| MN05; D:EXC:negated use",
    "14:27 Runway's 2023 cheque from Google and Nvidia came up; Runway said the investment \"doesn't buy them our workloads\". ||| D:EXC:investment is not use",
    "14:31 Cohere also called its OCI relationship \"deep\", which I read as most inference, not all of it. ||| D:EXC:hedged",
    "14:40 Q&A was mostly about power prices; nothing new.",
])

# ------------------------------------------------------------------ email thread 3
txt("apple-vendors-email", "Re: Apple Intelligence model vendors", "2025-12-08", [
    "From: Sam Whitaker",
    "To: Hana Ito",
    "Subject: Re: Apple Intelligence model vendors",
    "",
    "Hana,",
    "",
    "Short version for the client: Apple relies exclusively on OpenAI's ChatGPT for third-party models in Apple Intelligence. ||| EX05",
    "It does not use Anthropic's Claude anywhere in the product, whatever the rumours said in the spring. ||| D:EXC:negated use",
    "No money changes hands in the OpenAI arrangement, as far as anyone has reported. ||| D:AMT:no amount",
    "Apple also sat out OpenAI's 2024 round after early talks, so it is not an investor either. ||| D:AMT:investment that did not happen",
    "",
    "Sam",
    "",
    "Sam Whitaker | Consumer Tech Research",
    "",
    "> On 5 Dec 2025, Hana Ito wrote:",
    "> The client wants to know whether Apple uses more than one model vendor. ||| D:EXC:question",
    "> Also: is Perplexity still on OpenAI only? ||| D:EXC:question",
])

# ------------------------------------------------------------------ build


LABEL = re.compile(r"^(AC|EX|CC|MN)\d\d$")


def main():
    notes_dir = os.path.join(OUT, "notes")
    if os.path.isdir(notes_dir):
        shutil.rmtree(notes_dir)
    os.makedirs(notes_dir)
    locations = collections.defaultdict(list)
    decoys = []
    for path, lines in FILES.items():
        text = []
        for n, line in enumerate(lines, 1):
            body, sep, labels = line.partition(" ||| ")
            text.append(body.rstrip())
            if not sep:
                continue
            for label in (l.strip() for l in labels.split(";")):
                if not label:
                    continue
                if LABEL.match(label):
                    if label not in FINDINGS:
                        sys.exit(f"{path}:{n}: unknown finding {label}")
                    locations[label].append({"path": path, "line": n})
                elif label.startswith("D:"):
                    _, rule, kind = label.split(":", 2)
                    decoys.append({"rule": DECOY[rule], "path": path, "line": n, "kind": kind})
                else:
                    sys.exit(f"{path}:{n}: bad label {label!r}")
        with open(os.path.join(OUT, path), "w", encoding="utf-8") as f:
            f.write("\n".join(text) + "\n")
    findings = []
    for fid, (why, optional) in FINDINGS.items():
        locs = locations.get(fid)
        if not locs:
            sys.exit(f"finding {fid} has no location")
        rule = RULE[fid[:2]]
        if rule != "misspelled-name" and len({l["path"] for l in locs}) < 2:
            sys.exit(f"finding {fid} is not across two notes")
        findings.append({"id": fid, "rule": rule, "locations": locs, "optional": optional, "why": why})
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"findings": findings, "decoys": decoys}, f, indent=1, ensure_ascii=False)
        f.write("\n")

    # summary for the README
    per_rule = collections.Counter(f["rule"] for f in findings)
    nlocs = sum(len(f["locations"]) for f in findings)
    drule = collections.Counter(d["rule"] for d in decoys)
    dlines = len({(d["path"], d["line"]) for d in decoys})
    sizes = [len(v) for v in FILES.values()]
    nmd = sum(p.endswith(".md") for p in FILES)
    print(f"{len(FILES)} notes ({nmd} .md, {len(FILES) - nmd} .txt), {min(sizes)}-{max(sizes)} lines each, {sum(sizes)} lines")
    print(f"{len(findings)} findings, {nlocs} locations: " + ", ".join(f"{per_rule[r]} {r}" for r in RULE.values()))
    print(f"{len(decoys)} decoy labels on {dlines} lines: " + ", ".join(f"{drule[r]} {r}" for r in RULE.values()))


if __name__ == "__main__":
    main()
