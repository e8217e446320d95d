//! Deltas as plain text for views and exports: "+1.5 pp", "−$1,234", "+12.5 %", and the
//! good/bad glyph ("▲" good, "▼" bad; "+"/"-" in ASCII). The glyph says good or bad, not up
//! or down: a fall in response time gets "▲".

use rust_decimal::Decimal;

use super::delta::{Change, Delta, Verdict};
use crate::metrics::format::fixed;
use crate::metrics::{NOT_AVAILABLE, Style, Unit, format_with};

/// What a delta with no compared value reads as.
pub const NEW: &str = "new";

/// The glyph for a verdict: ▲ good, ▼ bad, = flat, • neutral (ASCII: + - = ~).
pub fn verdict_glyph(verdict: Verdict, ascii: bool) -> &'static str {
    match (verdict, ascii) {
        (Verdict::Good, false) => "▲",
        (Verdict::Bad, false) => "▼",
        (Verdict::Flat, _) => "=",
        (Verdict::Neutral, false) => "•",
        (Verdict::Good, true) => "+",
        (Verdict::Bad, true) => "-",
        (Verdict::Neutral, true) => "~",
    }
}

/// The verdict as a word, so it reads without colour: "better", "worse", "flat", "changed".
pub fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Good => "better",
        Verdict::Bad => "worse",
        Verdict::Flat => "flat",
        Verdict::Neutral => "changed",
    }
}

fn sign(value: Decimal, shown_zero: bool, ascii: bool) -> &'static str {
    if shown_zero {
        ""
    } else if value.is_sign_negative() {
        if ascii { "-" } else { "\u{2212}" }
    } else {
        "+"
    }
}

/// The absolute change in the metric's unit with its sign: rates in percentage points
/// ("+1.5 pp"), money ("−$1,234" or compact "+$1.2M"), counts ("+1,204"), minutes
/// ("−2.5 min"). A change that rounds to zero has no sign ("0.0 pp").
pub fn format_absolute(unit: Unit, absolute: Decimal, currency: &str, style: Style) -> String {
    let mut magnitude = match unit {
        // A change of more than 7.9e26 (Decimal's limit over 100) has no figure in points.
        Unit::Rate => match absolute.abs().checked_mul(Decimal::ONE_HUNDRED) {
            Some(points) => fixed(points, 1),
            None => return NOT_AVAILABLE.to_owned(),
        },
        _ => format_with(unit, Some(absolute.abs()), currency, style),
    };
    if unit == Unit::Rate {
        magnitude.push_str(" pp");
    }
    let shown_zero = !magnitude.bytes().any(|b| (b'1'..=b'9').contains(&b));
    magnitude.insert_str(0, sign(absolute, shown_zero, style.ascii));
    magnitude
}

/// The relative change with its sign, one decimal: "+12.5 %"; "n/a" without a base.
pub fn format_relative(relative: Option<Decimal>, ascii: bool) -> String {
    // A change over a base a hair above zero can be a fraction too large to hold in percent.
    match relative.and_then(|r| Some((r, r.abs().checked_mul(Decimal::ONE_HUNDRED)?))) {
        None => NOT_AVAILABLE.to_owned(),
        Some((r, percent)) => {
            let mut text = fixed(percent, 1);
            let shown_zero = !text.bytes().any(|b| (b'1'..=b'9').contains(&b));
            text.insert_str(0, sign(r, shown_zero, ascii));
            text.push_str(" %");
            text
        }
    }
}

/// The change column of a delta: "▲ +1.5 pp" for a good rate change, "new" when only the
/// current period has a value, "n/a" otherwise.
pub fn format_change(delta: &Delta, currency: &str, style: Style) -> String {
    format_change_in(delta.metric.unit(), &delta.change, currency, style)
}

/// [`format_change`] for a change in any unit (figures outside the metric catalogue).
pub fn format_change_in(unit: Unit, change: &Change, currency: &str, style: Style) -> String {
    match *change {
        Change::Moved {
            absolute, verdict, ..
        } => {
            let mut text = format_absolute(unit, absolute, currency, style);
            text.insert(0, ' ');
            text.insert_str(0, verdict_glyph(verdict, style.ascii));
            text
        }
        Change::New => NEW.to_owned(),
        Change::Removed | Change::NotAvailable => NOT_AVAILABLE.to_owned(),
    }
}

/// The relative column of a delta: "+12.5 %", or "n/a".
pub fn format_change_relative(delta: &Delta, ascii: bool) -> String {
    format_relative(delta.relative(), ascii)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Metric;

    fn d(text: &str) -> Option<Decimal> {
        Some(text.parse().unwrap())
    }

    const ASCII: Style = Style {
        compact: false,
        ascii: true,
    };

    #[test]
    fn rate_changes_read_in_points() {
        let delta = Delta::with_default(Metric::LeadToSale, d("0.135"), d("0.12"));
        assert_eq!(format_change(&delta, "USD", Style::FULL), "▲ +1.5 pp");
        assert_eq!(format_change_relative(&delta, false), "+12.5 %");
        assert_eq!(format_change(&delta, "USD", ASCII), "+ +1.5 pp");
    }

    #[test]
    fn glyph_follows_good_not_up() {
        let faster = Delta::with_default(Metric::ResponseMinutes, d("12.5"), d("15"));
        assert_eq!(
            format_change(&faster, "USD", Style::FULL),
            "▲ \u{2212}2.5 min"
        );
        assert_eq!(format_change(&faster, "USD", ASCII), "+ -2.5 min");
        assert_eq!(format_change_relative(&faster, false), "\u{2212}16.7 %");
        let pricier = Delta::with_default(Metric::CostPerSale, d("650"), d("600"));
        assert_eq!(format_change(&pricier, "USD", Style::FULL), "▼ +$50");
    }

    #[test]
    fn money_counts_and_missing_sides() {
        let won = Delta::with_default(Metric::WonRevenue, d("3400000"), d("2200000"));
        assert_eq!(format_change(&won, "USD", Style::COMPACT), "▲ +$1.20M");
        assert_eq!(format_change(&won, "USD", Style::FULL), "▲ +$1,200,000");
        let leads = Delta::with_default(Metric::Leads, d("10"), d("0"));
        assert_eq!(format_change_relative(&leads, false), "n/a");
        assert_eq!(
            format_change(
                &Delta::with_default(Metric::Csat, d("80"), None),
                "USD",
                Style::FULL
            ),
            "new"
        );
        assert_eq!(
            format_change(
                &Delta::with_default(Metric::Csat, None, d("80")),
                "USD",
                Style::FULL
            ),
            "n/a"
        );
        assert_eq!(
            format_absolute(Unit::Rate, Decimal::new(-1, 5), "USD", Style::FULL),
            "0.0 pp"
        );
    }

    #[test]
    fn a_change_too_large_for_percent_or_points_is_not_available() {
        // 1e27 as a fraction is 1e29 %, past Decimal's 7.9e28: no figure, no panic.
        let huge = Decimal::from_i128_with_scale(10i128.pow(27), 0);
        assert_eq!(format_relative(Some(huge), false), "n/a");
        assert_eq!(format_relative(Some(-huge), true), "n/a");
        assert_eq!(format_absolute(Unit::Rate, huge, "USD", Style::FULL), "n/a");
        assert_eq!(
            format_with(Unit::Rate, Some(huge), "USD", Style::FULL),
            "n/a"
        );
        // Below that limit the figures are written out.
        let big = Decimal::from(10u64.pow(18));
        assert_eq!(
            format_relative(Some(big), true),
            "+100,000,000,000,000,000,000.0 %"
        );
    }
}
