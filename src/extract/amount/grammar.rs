//! The pest parser for `grammar/amount.pest`, and one test per grammar rule:
//! inputs the rule must read whole, and near misses it must not.

#[derive(pest_derive::Parser)]
#[grammar = "grammar/amount.pest"]
pub(crate) struct AmountParser;

#[cfg(test)]
mod tests {
    use pest::{Parser, consumes_to, fails_with, parses_to};

    use super::{AmountParser, Rule};

    /// Whether `rule` reads all of `input`.
    fn whole(rule: Rule, input: &str) -> bool {
        AmountParser::parse(rule, input)
            .map(|mut pairs| pairs.next().is_some_and(|p| p.as_span().end() == input.len()))
            .unwrap_or(false)
    }

    #[track_caller]
    fn accepts(rule: Rule, inputs: &[&str]) {
        for input in inputs {
            assert!(whole(rule, input), "{rule:?} should read all of {input:?}");
        }
    }

    #[track_caller]
    fn rejects(rule: Rule, inputs: &[&str]) {
        for input in inputs {
            assert!(!whole(rule, input), "{rule:?} should not read all of {input:?}");
        }
    }

    #[test]
    fn amount() {
        accepts(
            Rule::amount,
            &[
                "$50B",
                "up to $10 billion",
                "over $4 billion",
                "about $10-$20",
                "between $4bn and $5bn",
                "$10B+",
                "~$5B",
                "multi-billion dollar",
                "billions",
            ],
        );
        rejects(Rule::amount, &["top", "GPT", "$", "between $4bn", "about"]);
    }

    #[test]
    fn amount_single_has_no_ranges() {
        accepts(Rule::amount_single, &["$4 billion", "up to $4 billion", "tens of billions"]);
        rejects(Rule::amount_single, &["$4 billion to $5 billion", "between 1 and 2 dollars"]);
    }

    #[test]
    fn body() {
        accepts(Rule::body, &["$4-5 billion", "$4 billion to $5 billion", "10 dollars"]);
        rejects(Rule::body, &["about $5", "to $5"]);
    }

    #[test]
    fn leads_and_lead() {
        accepts(Rule::leads, &["about ", "up to about ", "just over "]);
        assert!(whole(Rule::amount, "~$5B"));
        rejects(Rule::leads, &["about", "abouts "]);
        accepts(Rule::lead, &["roughly", "as much as", "no less than", "exactly"]);
        rejects(Rule::lead, &["rough", "as much"]);
    }

    #[test]
    fn hedges_and_bounds() {
        accepts(Rule::approx, &["about", "Around", "~", "approx.", "some", "close to"]);
        rejects(Rule::approx, &["aboutness", "somewhat"]);
        accepts(Rule::max_incl, &["up to", "Up to", "as much as", "at most", "no more than"]);
        rejects(Rule::max_incl, &["up", "upto"]);
        accepts(Rule::max_excl, &["under", "less than", "below", "<"]);
        rejects(Rule::max_excl, &["underway", "less"]);
        accepts(Rule::min_incl, &["at least", "no less than", "upwards of", "≥"]);
        rejects(Rule::min_incl, &["at", "least"]);
        accepts(Rule::min_excl, &["more than", "over", "above", "in excess of", ">"]);
        rejects(Rule::min_excl, &["overall", "more"]);
        accepts(Rule::intensifier, &["exactly", "just", "well"]);
        rejects(Rule::intensifier, &["justice"]);
        accepts(Rule::plus, &["+", "-plus"]);
        rejects(Rule::plus, &["plus", "-pluses"]);
    }

    #[test]
    fn ranges() {
        accepts(Rule::range_tail, &["-5 billion", " to $5 billion", " – 5bn", " through 20 dollars"]);
        rejects(Rule::range_tail, &[" and 5", "to 5"]);
        accepts(Rule::between_range, &["between $4bn and $5bn", "between 10 and 20 dollars"]);
        rejects(Rule::between_range, &["between $4bn to $5bn", "betweenness 1 and 2"]);
        accepts(Rule::from_range, &["from 10 dollars to 20 dollars", "from $1-$2"]);
        rejects(Rule::from_range, &["from $1", "fromage 1 to 2"]);
    }

    #[test]
    fn sides() {
        accepts(Rule::side, &["$10B", "10 billion dollars", "5"]);
        rejects(Rule::side, &["$", "dollars"]);
        accepts(
            Rule::prefixed,
            &[
                "$10B",
                "US$ 4.7 billion",
                "EUR 5 million",
                "Rs. 20",
                "¥300 billion yuan",
                "$20 and 43c",
                "USD115",
            ],
        );
        rejects(Rule::prefixed, &["10 dollars", "$ $5"]);
        accepts(
            Rule::suffixed,
            &["10 billion dollars", "20€", "10 grand", "34 cents", "115USD", "12-cent", "3.14US$"],
        );
        rejects(Rule::suffixed, &["dollars 10", "$10"]);
        accepts(Rule::minor_tail, &[" and 43c", " 50 cents", " and forty-five cents"]);
        rejects(Rule::minor_tail, &[" and 43", " 150 cents"]);
        accepts(Rule::minor_qty, &["43", "forty-five"]);
        rejects(Rule::minor_qty, &["forty-", "a"]);
        accepts(Rule::small_digits, &["4", "43"]);
        rejects(Rule::small_digits, &["430", ""]);
        accepts(Rule::grand, &["grand", "Grand"]);
        rejects(Rule::grand, &["grandson"]);
    }

    #[test]
    fn currencies() {
        accepts(Rule::prefix_cur, &["$", "US$", "€", "Rs", "ringgit", "USD"]);
        rejects(Rule::prefix_cur, &["dollars", "usdollar"]);
        accepts(Rule::suffix_cur, &["$", "dollars", "US dollars", "USD", "€", "LE", "RM"]);
        rejects(Rule::suffix_cur, &["dollarsign", "us"]);
        accepts(Rule::cur_name_or_code, &["dollars", "USD"]);
        rejects(Rule::cur_name_or_code, &["$"]);
        accepts(
            Rule::dollar_sign,
            &["$", "US$", "us $", "C$", "c $", "HK$", "u.s $", "Mex$", "A$", "usd$", "CA$"],
        );
        rejects(Rule::dollar_sign, &["a $", "s $", "US"]);
        accepts(Rule::dollar_qual, &["US", "us ", "hk", "CA", "A"]);
        rejects(Rule::dollar_qual, &["a", "xyz"]);
        accepts(Rule::dollar_suffix, &["$", "US$"]);
        rejects(Rule::dollar_suffix, &["$5", "dollar"]);
        accepts(Rule::dollar_qual_tight, &["US", "C"]);
        rejects(Rule::dollar_qual_tight, &["c", "hkd"]);
        accepts(Rule::cur_symbol, &["€", "£", "¥", "₹", "€ur", "元"]);
        rejects(Rule::cur_symbol, &["$", "E"]);
        accepts(Rule::cur_abbr, &["Rs", "Rs.", "RM"]);
        rejects(Rule::cur_abbr, &["rm", "Rsvp"]);
        accepts(Rule::egp_abbr, &["LE", "L.E", "l.e."]);
        rejects(Rule::egp_abbr, &["led"]);
        accepts(Rule::iso_code, &["USD", "usd", "KWD", "rmb"]);
        rejects(Rule::iso_code, &["USDT", "for", "US"]);
        accepts(
            Rule::cur_name,
            &["dollars", "US dollars", "Swiss francs", "pounds sterling", "new zealand dollars"],
        );
        rejects(Rule::cur_name, &["dollarsign", "swiss", "u.s."]);
        accepts(Rule::prefix_name, &["ringgit", "malaysian ringgits"]);
        rejects(Rule::prefix_name, &["dollars", "malaysian"]);
        accepts(Rule::ringgit, &["ringgit", "Ringgits"]);
        rejects(Rule::ringgit, &["ringgitx"]);
        accepts(Rule::cur_adj, &["US", "u.s.", "canadian", "hong kong", "trinidad and tobago"]);
        rejects(Rule::cur_adj, &["usa", "canada"]);
        accepts(Rule::cur_noun, &["dollars", "Euro", "yen", "rupees", "shekels"]);
        rejects(Rule::cur_noun, &["dollarish", "eurozone"]);
        accepts(Rule::minor_unit, &["cents", "c", "¢", "pence", "sens", "kopiykas"]);
        rejects(Rule::minor_unit, &["C", "centimes", "cad"]);
    }

    #[test]
    fn vague_amounts() {
        accepts(
            Rule::vague,
            &[
                "billions",
                "tens of billions of dollars",
                "multi-billion dollar",
                "multibillion-dollar",
                "trillion-dollar",
                "several billion dollars",
            ],
        );
        rejects(Rule::vague, &["billion", "tens", "multi"]);
        accepts(Rule::vague_tens, &["tens of billions", "hundreds of millions"]);
        rejects(Rule::vague_tens, &["tens of billion", "dozens of billions"]);
        accepts(Rule::tens_of, &["tens", "Hundreds"]);
        rejects(Rule::tens_of, &["tensor"]);
        accepts(Rule::vague_plural, &["billions", "Millions", "trillions", "thousands"]);
        rejects(Rule::vague_plural, &["billion", "billionsx"]);
        accepts(Rule::vague_multi, &["multi-billion", "multibillion", "multi billion", "multi - billion"]);
        rejects(Rule::vague_multi, &["multi-year", "multibillions"]);
        accepts(Rule::vague_several, &["several billion", "a few million", "a couple of billion"]);
        rejects(Rule::vague_several, &["several", "a few billions"]);
        accepts(Rule::several, &["several", "a few", "a couple of"]);
        rejects(Rule::several, &["few", "a couple"]);
        accepts(Rule::vague_adj, &["billion-dollar", "trillion-dollar", "million - dollar"]);
        rejects(Rule::vague_adj, &["billion dollar", "billion-strong"]);
        accepts(Rule::vague_cur, &[" of dollars", " dollar", "-dollar", " of US dollars"]);
        rejects(Rule::vague_cur, &[" of users", "dollars"]);
        accepts(Rule::scale_word, &["billion", "Thousand"]);
        rejects(Rule::scale_word, &["bn", "billions"]);
    }

    #[test]
    fn quantities() {
        accepts(
            Rule::quantity,
            &[
                "10",
                "1.5bn",
                "10,000 million",
                "a hundred million",
                "twenty-one trillion and three hundred",
                "three lakh crore",
                "one and a half billion",
                "half a billion",
                "3 million and a half",
                "one billion and a half million",
                "4 thousand 3 hundred and 21",
                "one point five billion",
            ],
        );
        rejects(Rule::quantity, &["ten million and twenty million", "$4bn and 5bn", "4bn and 5", "a"]);
        accepts(Rule::q_mult, &["one and a half", "three quarters", "10", "a hundred"]);
        rejects(Rule::q_mult, &["and a half", "hundred"]);
        accepts(Rule::q_num, &["two hundred and two", "12.5", "one point three", "forty five"]);
        rejects(Rule::q_num, &["a", "point five"]);
        accepts(
            Rule::q_hundreds,
            &["two hundred", "a hundred", "3 hundred and 21", "nine hundred ninety-nine"],
        );
        rejects(Rule::q_hundreds, &["hundred", "1000 hundred"]);
        accepts(Rule::hundred, &["hundred", "Hundred"]);
        rejects(Rule::hundred, &["hundreds"]);
        accepts(
            Rule::scale_chain,
            &[
                "billion",
                "bn",
                "million two thousand",
                "lakh crore",
                "crore and two hundred",
                "trillion and a half",
            ],
        );
        rejects(Rule::scale_chain, &["billion and 5 billion", "bns"]);
        accepts(Rule::rest_t, &[" three hundred", " and two billion"]);
        rejects(Rule::rest_t, &[" two trillion"]);
        accepts(Rule::rest_b, &[" and a half million", " and a half"]);
        rejects(Rule::rest_b, &[" and five billion"]);
        accepts(Rule::rest_m, &[" two thousand two hundred"]);
        rejects(Rule::rest_m, &[" and 500"]);
        accepts(Rule::rest_k, &[" and two hundred"]);
        rejects(Rule::rest_k, &[" two thousand"]);
        accepts(Rule::group_b, &["two billion", "5bn"]);
        rejects(Rule::group_b, &["two million"]);
        accepts(Rule::group_m, &["a half million", "5m"]);
        rejects(Rule::group_m, &["two billion"]);
        accepts(Rule::group_k, &["two thousand", "5k"]);
        rejects(Rule::group_k, &["two hundred"]);
    }

    #[test]
    fn magnitudes() {
        accepts(Rule::trillion_w, &["trillion", "TRILLION"]);
        rejects(Rule::trillion_w, &["trillions"]);
        accepts(Rule::billion_w, &["billion", "Billion"]);
        rejects(Rule::billion_w, &["billionaire"]);
        accepts(Rule::million_w, &["million"]);
        rejects(Rule::million_w, &["millionth"]);
        accepts(Rule::thousand_w, &["thousand"]);
        rejects(Rule::thousand_w, &["thousands"]);
        accepts(Rule::lakh, &["lakh", "lakhs", "lac"]);
        rejects(Rule::lakh, &["lake"]);
        accepts(Rule::crore, &["crore", "crores", "cr"]);
        rejects(Rule::crore, &["crorepati"]);
        accepts(Rule::trillion_a, &["t", "T", "tn", "trn"]);
        rejects(Rule::trillion_a, &["tons", "t-shirts"]);
        accepts(Rule::billion_a, &["b", "B", "bn", "Bn", "bln"]);
        assert!(whole(Rule::amount, "$5bn-plus"));
        rejects(Rule::billion_a, &["bar", "b's"]);
        accepts(Rule::million_a, &["m", "M", "mm", "MM", "mn", "mil", "mln"]);
        rejects(Rule::million_a, &["miles", "M&A"]);
        accepts(Rule::thousand_a, &["k", "K"]);
        rejects(Rule::thousand_a, &["km"]);
    }

    #[test]
    fn fractions() {
        accepts(Rule::frac_lead, &["one and a half", "1 and a half", "a quarter", "three quarters"]);
        rejects(Rule::frac_lead, &["one and", "and a half"]);
        accepts(Rule::fraction, &["half", "a half", "one half", "three quarters", "three-quarters"]);
        assert!(whole(Rule::quantity, "a quarter of a billion"));
        assert!(whole(Rule::quantity, "half a billion"));
        rejects(Rule::fraction, &["halfway", "quarters"]);
        accepts(Rule::half, &["half"]);
        rejects(Rule::half, &["halves"]);
        accepts(Rule::quarter, &["quarter"]);
        rejects(Rule::quarter, &["quarterly"]);
        accepts(Rule::three_quarters, &["three quarters", "three-quarters"]);
        rejects(Rule::three_quarters, &["three quarter"]);
        accepts(Rule::frac_tail, &[" and a half", " and three quarters"]);
        rejects(Rule::frac_tail, &[" a half", "and a half"]);
        accepts(Rule::point_part, &[" point five", " point 1", " point two five"]);
        rejects(Rule::point_part, &[" point", "point five"]);
        accepts(Rule::point_digits, &["5", "125"]);
        rejects(Rule::point_digits, &["five"]);
        accepts(Rule::digit_w, &["zero", "oh", "nine"]);
        rejects(Rule::digit_w, &["ten"]);
    }

    #[test]
    fn digits() {
        accepts(Rule::dec_number, &["10", "10,000", "1,674,200.5", "12,34,567.89", "2.75", "007"]);
        rejects(Rule::dec_number, &["1,5", "1.000.000", "1,2345", "1234567890123456789012345"]);
        accepts(Rule::dec_int, &["3", "300"]);
        rejects(Rule::dec_int, &["3000", "3.5"]);
    }

    #[test]
    fn number_words() {
        accepts(Rule::below_100, &["twenty-one", "forty five", "thirteen", "nine", "ninety"]);
        rejects(Rule::below_100, &["twentyone", "hundred"]);
        accepts(Rule::unit_w, &["one", "Nine"]);
        rejects(Rule::unit_w, &["eighteen", "ones"]);
        accepts(Rule::teen_w, &["ten", "eighteen"]);
        rejects(Rule::teen_w, &["tens"]);
        accepts(Rule::tens_w, &["twenty", "fourty"]);
        rejects(Rule::tens_w, &["twentieth"]);
        accepts(Rule::n_a, &["a", "A"]);
        rejects(Rule::n_a, &["an", "as"]);
    }

    #[test]
    fn token_structure() {
        parses_to! {
            parser: AmountParser,
            input: "$10B",
            rule: Rule::side,
            tokens: [
                side(0, 4, [
                    prefixed(0, 4, [
                        prefix_cur(0, 1, [dollar_sign(0, 1)]),
                        quantity(1, 4, [
                            q_mult(1, 3, [q_num(1, 3, [dec_number(1, 3)])]),
                            scale_chain(3, 4, [billion_a(3, 4)])
                        ])
                    ])
                ])
            ]
        };
        parses_to! {
            parser: AmountParser,
            input: "up to",
            rule: Rule::lead,
            tokens: [lead(0, 5, [max_incl(0, 5)])]
        };
        fails_with! {
            parser: AmountParser,
            input: "GPT",
            rule: Rule::side,
            positives: vec![Rule::q_mult],
            negatives: vec![],
            // "GPT" has the shape of a code; the number it needs is missing.
            pos: 3
        };
        // A sign with no number after it.
        fails_with! {
            parser: AmountParser,
            input: "$ dollars",
            rule: Rule::side,
            positives: vec![Rule::q_mult],
            negatives: vec![],
            pos: 2
        };
    }
}
