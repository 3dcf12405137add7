//! Currency tables: ISO 4217 codes, signs, qualified dollars and names.
//!
//! The grammar decides where a currency may stand; these tables decide which
//! currency it is. `None` inside `Some` means "a currency was written but
//! the name alone does not say which" ("francs", "dinars", "pesos").

/// Active ISO 4217 codes, a few pre-euro ones that old newswire still
/// quotes, and `RMB` (not ISO, but how analysts write renminbi).
const CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD",
    "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY",
    "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP",
    "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR",
    "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT",
    "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR",
    "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK",
    "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
    "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP",
    "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES", "VND", "VUV", "WST", "XAF", "XCD",
    "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWL", // Replaced by the euro, still in archives.
    "ATS", "BEF", "DEM", "ESP", "FIM", "FRF", "GRD", "IEP", "ITL", "LUF", "NLG", "PTE",
];

/// Codes that are also English words or common acronyms: read only after a
/// number ("5 TRY"), never before one ("TOP 5 insights", "ALL 5 solutions").
const WORDLIKE_CODES: &[&str] = &[
    "ALL", "BAM", "BOB", "CDF", "CUP", "DOP", "GEL", "MAD", "MOP", "NAD", "PEN", "RON", "SOS", "TMT", "TOP",
    "TRY",
];

/// Codes never read as currencies: "10 AWG" is a wire gauge.
const NEVER_CODES: &[&str] = &["AWG"];

/// Codes that may be written in lower case ("usd", "rmb"); the grammar's
/// `common_code` lists the same ones.
pub(super) const COMMON_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "INR", "KRW", "SEK",
    "NOK", "DKK", "BRL", "MXN", "ZAR", "RUB", "TWD", "SAR", "AED", "ILS", "KWD", "QAR", "EGP", "MYR", "BGN",
    "UAH", "MNT", "LBP", "PLN", "CZK", "HUF", "IDR", "THB", "VND", "NGN", "PKR",
];

/// Where a code stands relative to its number.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Place {
    Before,
    After,
}

/// The ISO code for a written code, if it is one we read at that place.
pub(super) fn code(text: &str, place: Place) -> Option<&'static str> {
    let upper = text.to_ascii_uppercase();
    if upper == "RMB" {
        return Some("CNY");
    }
    let iso = CODES.iter().copied().find(|c| *c == upper)?;
    if NEVER_CODES.contains(&iso) {
        return None;
    }
    let is_upper = text.bytes().all(|b| b.is_ascii_uppercase());
    if !is_upper && !COMMON_CODES.contains(&iso) {
        return None;
    }
    if place == Place::Before && WORDLIKE_CODES.contains(&iso) {
        return None;
    }
    Some(iso)
}

/// Codes the prefilter looks for before a number: upper-case ones, and the
/// common ones in any case.
pub(super) fn prefix_codes() -> impl Iterator<Item = &'static str> {
    CODES
        .iter()
        .copied()
        .filter(|c| !WORDLIKE_CODES.contains(c) && !NEVER_CODES.contains(c))
        .chain(std::iter::once("RMB"))
}

/// `$` with its qualifier: "US$", "C$", "HK $". No qualifier is USD.
pub(super) fn dollar(qualifier: &str) -> Option<&'static str> {
    let q: String =
        qualifier.chars().filter(|c| c.is_ascii_alphabetic()).map(|c| c.to_ascii_lowercase()).collect();
    Some(match q.as_str() {
        "" | "us" | "usd" => "USD",
        "c" | "ca" | "can" | "cad" => "CAD",
        "a" | "au" | "aud" => "AUD",
        "nz" | "nzd" | "n" => {
            if q == "n" {
                "NAD"
            } else {
                "NZD"
            }
        }
        "hk" | "hkd" => "HKD",
        "s" | "sg" | "sgd" => "SGD",
        "nt" | "twd" => "TWD",
        "r" => "BRL",
        "mex" | "mx" | "mxn" => "MXN",
        "bz" => "BZD",
        "jm" => "JMD",
        "tt" => "TTD",
        "ec" => "XCD",
        _ => return None,
    })
}

/// Currency signs other than `$`.
pub(super) fn symbol(sym: &str) -> Option<&'static str> {
    let first = sym.chars().next()?;
    Some(match first {
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        '₹' => "INR",
        '₩' => "KRW",
        '₽' => "RUB",
        '₺' => "TRY",
        '₪' => "ILS",
        '₦' => "NGN",
        '₱' => "PHP",
        '₫' => "VND",
        '₴' => "UAH",
        '₸' => "KZT",
        '₡' => "CRC",
        '₾' => "GEL",
        '₭' => "LAK",
        '฿' => "THB",
        '₮' => "MNT",
        '₲' => "PYG",
        '₵' => "GHS",
        '₼' => "AZN",
        '元' => "CNY",
        _ => return None,
    })
}

/// "Rs", "RM", "LE".
pub(super) fn abbreviation(abbr: &str) -> Option<&'static str> {
    let a: String = abbr.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    match a.to_ascii_lowercase().as_str() {
        "rs" => Some("INR"),
        "rm" => Some("MYR"),
        "le" => Some("EGP"),
        _ => None,
    }
}

/// The currency of a named unit, given its qualifier: `Some(Some(iso))`,
/// `Some(None)` for a currency the name alone leaves open ("francs"), and
/// `None` when the words are not a currency we know ("swiss dollars", a bare
/// "won" or "real", which are far more often verbs and adjectives).
pub(super) fn name(adjective: Option<&str>, noun: &str) -> Option<Option<&'static str>> {
    let noun = noun.to_ascii_lowercase();
    let family = noun_family(&noun)?;
    let Some(adj) = adjective else {
        return family.default;
    };
    let adj: String = adj.to_ascii_lowercase().chars().filter(|c| *c != '.').collect();
    let adj = adj.as_str();
    let iso = match family.name {
        "dollar" => match adj {
            "us" | "united states" | "american" => "USD",
            "canadian" => "CAD",
            "australian" => "AUD",
            "new zealand" => "NZD",
            "hong kong" => "HKD",
            "singapore" | "singaporean" => "SGD",
            "new taiwan" | "taiwan" | "taiwanese" => "TWD",
            "jamaican" => "JMD",
            "trinidad and tobago" => "TTD",
            "belize" => "BZD",
            "east caribbean" => "XCD",
            _ => return None,
        },
        "franc" => match adj {
            "swiss" => "CHF",
            "french" => "FRF",
            "belgian" => "BEF",
            _ => return None,
        },
        "yuan" => match adj {
            "chinese" => "CNY",
            _ => return None,
        },
        "yen" => match adj {
            "japanese" => "JPY",
            _ => return None,
        },
        "rupee" => match adj {
            "indian" => "INR",
            "pakistani" => "PKR",
            "sri lankan" => "LKR",
            "nepalese" => "NPR",
            _ => return None,
        },
        "lira" => match adj {
            "turkish" => "TRY",
            "italian" => "ITL",
            _ => return None,
        },
        "ringgit" => match adj {
            "malaysian" | "malaysia" => "MYR",
            _ => return None,
        },
        "dinar" => match adj {
            "kuwaiti" => "KWD",
            "bahraini" => "BHD",
            "jordanian" => "JOD",
            "iraqi" => "IQD",
            _ => return None,
        },
        "riyal" => match adj {
            "saudi" => "SAR",
            "qatari" => "QAR",
            "omani" => "OMR",
            _ => return None,
        },
        "rial" => match adj {
            "iranian" => "IRR",
            "omani" => "OMR",
            _ => return None,
        },
        "pound" => match adj {
            "british" => "GBP",
            "egyptian" => "EGP",
            "lebanese" => "LBP",
            _ => return None,
        },
        "shekel" => match adj {
            "israeli" | "new israeli" => "ILS",
            _ => return None,
        },
        "won" => match adj {
            "korean" | "south korean" => "KRW",
            _ => return None,
        },
        "ruble" => match adj {
            "russian" => "RUB",
            _ => return None,
        },
        "peso" => match adj {
            "mexican" => "MXN",
            "philippine" => "PHP",
            "argentine" => "ARS",
            "chilean" => "CLP",
            "colombian" => "COP",
            _ => return None,
        },
        "real" => match adj {
            "brazilian" => "BRL",
            _ => return None,
        },
        "rand" => match adj {
            "south african" => "ZAR",
            _ => return None,
        },
        "krona" => match adj {
            "swedish" => "SEK",
            "icelandic" => "ISK",
            _ => return None,
        },
        "krone" => match adj {
            "norwegian" => "NOK",
            "danish" => "DKK",
            _ => return None,
        },
        "guilder" => match adj {
            "dutch" => "NLG",
            _ => return None,
        },
        "markka" => match adj {
            "finnish" => "FIM",
            _ => return None,
        },
        "peseta" => match adj {
            "spanish" => "ESP",
            _ => return None,
        },
        "mark" => match adj {
            "german" | "deutsche" => "DEM",
            _ => return None,
        },
        "zloty" if adj == "polish" => "PLN",
        "koruna" if adj == "czech" => "CZK",
        "forint" if adj == "hungarian" => "HUF",
        "leu" if adj == "romanian" => "RON",
        "lev" if adj == "bulgarian" => "BGN",
        "hryvnia" if adj == "ukrainian" => "UAH",
        "tugrik" if adj == "mongolian" => "MNT",
        "naira" if adj == "nigerian" => "NGN",
        "shilling" if adj == "kenyan" => "KES",
        "cedi" if adj == "ghanaian" => "GHS",
        "rupiah" if adj == "indonesian" => "IDR",
        "baht" if adj == "thai" => "THB",
        "dong" if adj == "vietnamese" => "VND",
        "dirham" => match adj {
            "emirati" | "uae" => "AED",
            "moroccan" => "MAD",
            _ => return None,
        },
        _ => return None,
    };
    Some(Some(iso))
}

struct Family {
    name: &'static str,
    /// The currency of the bare noun.
    default: Option<Option<&'static str>>,
}

fn noun_family(noun: &str) -> Option<Family> {
    let f = |name, default: Option<Option<&'static str>>| Some(Family { name, default });
    let iso = |name, code| Some(Family { name, default: Some(Some(code)) });
    let open = |name| Some(Family { name, default: Some(None) });
    match noun {
        "dollar" | "dollars" | "buck" | "bucks" => iso("dollar", "USD"),
        "euro" | "euros" => iso("euro", "EUR"),
        "pound" | "pounds" | "pounds sterling" | "sterling" => iso("pound", "GBP"),
        "yen" => iso("yen", "JPY"),
        "yuan" | "renminbi" => iso("yuan", "CNY"),
        "rupee" | "rupees" => iso("rupee", "INR"),
        "franc" | "francs" => open("franc"),
        "lira" | "liras" => iso("lira", "TRY"),
        "lire" => iso("lira", "ITL"),
        "ringgit" | "ringgits" => iso("ringgit", "MYR"),
        "dinar" | "dinars" => open("dinar"),
        "riyal" | "riyals" => open("riyal"),
        "rial" | "rials" => open("rial"),
        "shekel" | "shekels" => iso("shekel", "ILS"),
        "won" => f("won", None),
        "ruble" | "rubles" | "rouble" | "roubles" => iso("ruble", "RUB"),
        "peso" | "pesos" => open("peso"),
        "reais" => iso("real", "BRL"),
        "real" => f("real", None),
        "rand" => iso("rand", "ZAR"),
        "krona" | "kronor" => iso("krona", "SEK"),
        "krone" | "kroner" => open("krone"),
        "zloty" | "zlotys" => iso("zloty", "PLN"),
        "forint" | "forints" => iso("forint", "HUF"),
        "koruna" => iso("koruna", "CZK"),
        "leu" | "lei" => iso("leu", "RON"),
        "lev" | "leva" => iso("lev", "BGN"),
        "hryvnia" | "hryvnias" => iso("hryvnia", "UAH"),
        "tugrik" | "tugriks" => iso("tugrik", "MNT"),
        "naira" => iso("naira", "NGN"),
        "shilling" | "shillings" => open("shilling"),
        "cedi" | "cedis" => iso("cedi", "GHS"),
        "rupiah" => iso("rupiah", "IDR"),
        "baht" => iso("baht", "THB"),
        "dong" => iso("dong", "VND"),
        "dirham" | "dirhams" => open("dirham"),
        "markka" | "markkaa" => iso("markka", "FIM"),
        "guilder" | "guilders" => iso("guilder", "NLG"),
        "peseta" | "pesetas" => iso("peseta", "ESP"),
        "mark" | "marks" => f("mark", None),
        "egyptianpound" | "egyptianpounds" => iso("egyptianpound", "EGP"),
        "saudiriyal" | "saudiriyals" => iso("saudiriyal", "SAR"),
        _ => None,
    }
}

/// The currency of a minor unit standing alone ("34 cents", "470 pence").
/// Cents and pennies are taken as the default dollar's.
pub(super) fn minor(unit: &str) -> Option<&'static str> {
    let u = unit.to_ascii_lowercase();
    Some(match u.as_str() {
        "c" | "¢" | "cent" | "cents" | "penny" | "pennies" => "USD",
        "pence" => "GBP",
        "sen" | "sens" => "MYR",
        "kopiyka" | "kopiykas" => "UAH",
        "kopeck" | "kopecks" | "kopek" | "kopeks" => "RUB",
        "paisa" | "paise" => "INR",
        _ => return None,
    })
}

/// Whether two currencies are both dollars, so that "$5 Canadian dollars"
/// can take its currency from the name.
pub(super) fn is_dollar(iso: &str) -> bool {
    matches!(
        iso,
        "USD" | "CAD" | "AUD" | "NZD" | "HKD" | "SGD" | "TWD" | "JMD" | "TTD" | "BZD" | "XCD" | "NAD"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_within_their_groups_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in CODES {
            assert!(seen.insert(*c), "duplicate code {c}");
            assert_eq!(c.len(), 3);
            assert!(c.bytes().all(|b| b.is_ascii_uppercase()));
        }
        for c in WORDLIKE_CODES.iter().chain(NEVER_CODES).chain(COMMON_CODES) {
            assert!(*c == "RMB" || CODES.contains(c), "{c} is not in CODES");
        }
    }

    #[test]
    fn codes_by_case_and_place() {
        assert_eq!(code("USD", Place::Before), Some("USD"));
        assert_eq!(code("usd", Place::After), Some("USD"));
        assert_eq!(code("rmb", Place::After), Some("CNY"));
        assert_eq!(code("KWD", Place::After), Some("KWD"));
        assert_eq!(code("kwd", Place::After), Some("KWD"));
        assert_eq!(code("bdt", Place::After), None);
        assert_eq!(code("TOP", Place::Before), None);
        assert_eq!(code("TRY", Place::After), Some("TRY"));
        assert_eq!(code("AWG", Place::After), None);
        assert_eq!(code("AWS", Place::After), None);
    }

    #[test]
    fn names_resolve_with_their_qualifier() {
        assert_eq!(name(None, "Dollars"), Some(Some("USD")));
        assert_eq!(name(Some("U.S."), "dollars"), Some(Some("USD")));
        assert_eq!(name(Some("australian"), "dollars"), Some(Some("AUD")));
        assert_eq!(name(Some("swiss"), "francs"), Some(Some("CHF")));
        assert_eq!(name(None, "francs"), Some(None));
        assert_eq!(name(None, "won"), None);
        assert_eq!(name(Some("south korean"), "won"), Some(Some("KRW")));
        assert_eq!(name(Some("swiss"), "dollars"), None);
        assert_eq!(name(None, "marks"), None);
    }

    #[test]
    fn dollar_qualifiers() {
        assert_eq!(dollar(""), Some("USD"));
        assert_eq!(dollar("u.s "), Some("USD"));
        assert_eq!(dollar("C"), Some("CAD"));
        assert_eq!(dollar("hk "), Some("HKD"));
        assert_eq!(dollar("Mex"), Some("MXN"));
        assert_eq!(dollar("xx"), None);
    }
}
