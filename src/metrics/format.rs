//! Numbers as text for views and exports alike: "n/a", "12.5 %", "$1,234,567", "$1.23M",
//! "14.2 min", "1.8×". Values are rounded here and only here, for display.

use rust_decimal::{Decimal, RoundingStrategy};

use super::catalogue::{Metric, Unit};

/// What a value without a value reads as: never 0.
pub const NOT_AVAILABLE: &str = "n/a";

/// How to write numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Short forms for cards and narrow columns: "$1.23M", "45.6K", "23.4 d".
    pub compact: bool,
    /// Only ASCII: "1.8x", "EUR 1,200" instead of "1.8×", "€1,200" (for TERM=dumb, old
    /// consoles, CSV readers that mangle UTF-8).
    pub ascii: bool,
}

impl Style {
    /// Full numbers with Unicode symbols.
    pub const FULL: Style = Style {
        compact: false,
        ascii: false,
    };
    /// Compact numbers with Unicode symbols.
    pub const COMPACT: Style = Style {
        compact: true,
        ascii: false,
    };
}

/// A value in its unit, full form: "n/a", "12.5 %", "$1,234,567", "14.2 min", "1.8×".
pub fn format_value(unit: Unit, value: Option<Decimal>, currency: &str) -> String {
    format_with(unit, value, currency, Style::FULL)
}

/// A value in its unit, compact form for cards: "$1.23M", "45.6K".
pub fn format_compact(unit: Unit, value: Option<Decimal>, currency: &str) -> String {
    format_with(unit, value, currency, Style::COMPACT)
}

/// A metric's value in the metric's unit.
pub fn format_metric(
    metric: Metric,
    value: Option<Decimal>,
    currency: &str,
    style: Style,
) -> String {
    format_with(metric.unit(), value, currency, style)
}

/// A value in its unit and style.
pub fn format_with(unit: Unit, value: Option<Decimal>, currency: &str, style: Style) -> String {
    let Some(value) = value else {
        return NOT_AVAILABLE.to_owned();
    };
    let one_dp = |v: Decimal| fixed(v, 1);
    match unit {
        Unit::Count if style.compact => scaled(value),
        Unit::Count => fixed(value, 0),
        Unit::Number | Unit::Score => one_dp(value),
        Unit::Money => {
            let symbol = currency_symbol(currency, style.ascii);
            let digits = if style.compact {
                scaled(value.abs())
            } else {
                fixed(value.abs(), 0)
            };
            let sign = if is_negative_when_shown(value, style.compact) {
                "-"
            } else {
                ""
            };
            format!("{sign}{symbol}{digits}")
        }
        // A rate above 7.9e26 (Decimal's limit over 100) has no figure in percent.
        Unit::Rate => match value.checked_mul(Decimal::ONE_HUNDRED) {
            Some(percent) => suffixed(one_dp(percent), " %"),
            None => NOT_AVAILABLE.to_owned(),
        },
        Unit::Minutes => suffixed(one_dp(value), " min"),
        Unit::Days if style.compact => format!("{} d", one_dp(value)),
        Unit::Days => format!("{} days", one_dp(value)),
        Unit::Years if style.compact => format!("{} y", one_dp(value)),
        Unit::Years => format!("{} yrs", one_dp(value)),
        Unit::Multiple => format!("{}{}", fixed(value, 1), if style.ascii { "x" } else { "×" }),
    }
}

/// A value rounded as [`format_with`] shows it (a rate to a tenth of a percent, an average to
/// one decimal, a count to the unit), so a judgement on it (a target status) agrees with the
/// digits on screen. Money is returned as is: its compact display varies with the amount.
pub fn as_shown(unit: Unit, value: Decimal) -> Decimal {
    let dp = match unit {
        Unit::Count => 0,
        Unit::Rate => 3,
        Unit::Number | Unit::Score | Unit::Minutes | Unit::Days | Unit::Years | Unit::Multiple => 1,
        Unit::Money => return value,
    };
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// `text` followed by `suffix`, reusing its allocation.
fn suffixed(mut text: String, suffix: &str) -> String {
    text.push_str(suffix);
    text
}

/// The symbol written before an amount: `$` for USD, `€` for EUR (or `EUR ` in ASCII), and
/// the ISO code followed by a space for currencies without a well-known symbol.
pub fn currency_symbol(currency: &str, ascii: bool) -> String {
    match (currency, ascii) {
        ("USD", _) => "$".to_owned(),
        ("EUR", false) => "€".to_owned(),
        ("GBP", false) => "£".to_owned(),
        ("JPY", false) => "¥".to_owned(),
        (code, _) => format!("{code} "),
    }
}

fn round(value: Decimal, dp: u32) -> Decimal {
    let rounded = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    // -0.04 rounds to -0.0: show it as 0.0.
    if rounded.is_zero() {
        Decimal::ZERO
    } else {
        rounded
    }
}

fn is_negative_when_shown(value: Decimal, compact: bool) -> bool {
    value.is_sign_negative() && !round(value, if compact { 2 } else { 0 }).is_zero()
}

/// `value` rounded to `dp` decimals with thousands separators: `1,234,567.5`.
pub fn fixed(value: Decimal, dp: u32) -> String {
    let mut rounded = round(value, dp);
    rounded.rescale(dp);
    if rounded.scale() != dp {
        return fixed_by_text(rounded, dp);
    }
    // Digits straight from the mantissa into one string: tables of thousands of cells call
    // this for every number they show.
    let magnitude = rounded.mantissa().unsigned_abs();
    let pow = 10u128.pow(dp);
    let (int, frac) = (magnitude / pow, magnitude % pow);
    let mut digits = [0u8; 40];
    let mut n = 0;
    let mut rest = int;
    loop {
        digits[n] = b'0' + (rest % 10) as u8;
        n += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut out = String::with_capacity(n + n / 3 + dp as usize + 2);
    if rounded.is_sign_negative() && !rounded.is_zero() {
        out.push('-');
    }
    for i in (0..n).rev() {
        out.push(char::from(digits[i]));
        if i > 0 && i % 3 == 0 {
            out.push(',');
        }
    }
    if dp > 0 {
        out.push('.');
        let frac = frac.to_string();
        for _ in frac.len()..dp as usize {
            out.push('0');
        }
        out.push_str(&frac);
    }
    out
}

/// [`fixed`] through the decimal's own text, for values whose scale cannot be set.
fn fixed_by_text(rounded: Decimal, dp: u32) -> String {
    let text = format!("{:.*}", dp as usize, rounded);
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match unsigned.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (unsigned, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match frac {
        Some(frac) => format!("{sign}{grouped}.{frac}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Three significant digits with a K/M/B suffix: `1.23M`, `45.6K`, `612`.
fn scaled(value: Decimal) -> String {
    const SUFFIXES: [(&str, i64); 4] = [
        ("T", 1_000_000_000_000),
        ("B", 1_000_000_000),
        ("M", 1_000_000),
        ("K", 1_000),
    ];
    let magnitude = value.abs();
    // From the largest unit down; a value that rounds up to 1000 of a unit (999.96K) is
    // caught by the larger unit first because we test the rounded figure.
    for (i, &(suffix, size)) in SUFFIXES.iter().enumerate() {
        let size = Decimal::from(size);
        if magnitude < size {
            continue;
        }
        let scaled = value / size;
        let text = three_significant(scaled);
        if i > 0 && round(scaled.abs(), dp_for(scaled)) >= Decimal::ONE_THOUSAND {
            let (bigger, bigger_size) = SUFFIXES[i - 1];
            return format!(
                "{}{bigger}",
                three_significant(value / Decimal::from(bigger_size))
            );
        }
        return format!("{text}{suffix}");
    }
    let rounded = round(value, 0);
    if rounded.abs() >= Decimal::ONE_THOUSAND {
        return format!("{}K", three_significant(value / Decimal::ONE_THOUSAND));
    }
    fixed(value, 0)
}

fn dp_for(value: Decimal) -> u32 {
    let magnitude = value.abs();
    if magnitude < Decimal::TEN {
        2
    } else if magnitude < Decimal::ONE_HUNDRED {
        1
    } else {
        0
    }
}

fn three_significant(value: Decimal) -> String {
    fixed(value, dp_for(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Option<Decimal> {
        Some(text.parse().unwrap())
    }

    proptest::proptest! {
        /// The fast path writes what the decimal's own text, grouped, writes.
        #[test]
        fn fixed_matches_the_decimals_text(m in proptest::num::i64::ANY, scale in 0u32..12, dp in 0u32..4) {
            let value = Decimal::new(m, scale);
            proptest::prop_assert_eq!(fixed(value, dp), fixed_by_text(round(value, dp), dp));
        }
    }

    #[test]
    fn values_read_as_a_user_expects() {
        assert_eq!(format_value(Unit::Rate, d("0.125"), "USD"), "12.5 %");
        assert_eq!(format_value(Unit::Rate, None, "USD"), "n/a");
        assert_eq!(
            format_value(Unit::Money, d("1234567.49"), "USD"),
            "$1,234,567"
        );
        assert_eq!(format_value(Unit::Money, d("-1234.5"), "USD"), "-$1,235");
        assert_eq!(format_value(Unit::Money, d("-0.4"), "USD"), "$0");
        assert_eq!(format_value(Unit::Money, d("980"), "EUR"), "€980");
        assert_eq!(format_value(Unit::Money, d("980"), "CHF"), "CHF 980");
        assert_eq!(format_value(Unit::Minutes, d("14.25"), "USD"), "14.3 min");
        assert_eq!(format_value(Unit::Multiple, d("1.84"), "USD"), "1.8×");
        assert_eq!(format_value(Unit::Count, d("12345"), "USD"), "12,345");
        assert_eq!(format_value(Unit::Score, d("86.25"), "USD"), "86.3");
        assert_eq!(format_value(Unit::Days, d("23.44"), "USD"), "23.4 days");
        assert_eq!(format_value(Unit::Rate, d("-0.0004"), "USD"), "0.0 %");
    }

    #[test]
    fn compact_money_keeps_three_significant_digits() {
        assert_eq!(format_compact(Unit::Money, d("1234567"), "USD"), "$1.23M");
        assert_eq!(format_compact(Unit::Money, d("45600"), "USD"), "$45.6K");
        assert_eq!(format_compact(Unit::Money, d("612.4"), "USD"), "$612");
        assert_eq!(format_compact(Unit::Money, d("999.6"), "USD"), "$1.00K");
        assert_eq!(format_compact(Unit::Money, d("999960"), "USD"), "$1.00M");
        assert_eq!(format_compact(Unit::Money, d("-2500000"), "USD"), "-$2.50M");
        assert_eq!(
            format_compact(Unit::Money, d("3210000000"), "USD"),
            "$3.21B"
        );
        assert_eq!(format_compact(Unit::Count, d("12345"), "USD"), "12.3K");
    }

    #[test]
    fn ascii_style_avoids_symbols_outside_ascii() {
        let ascii = Style {
            compact: false,
            ascii: true,
        };
        assert_eq!(format_with(Unit::Multiple, d("1.8"), "USD", ascii), "1.8x");
        assert_eq!(
            format_with(Unit::Money, d("1200"), "EUR", ascii),
            "EUR 1,200"
        );
    }
}
