//! One field's text read as its column's kind: the value the checks and the staged file need,
//! or why it cannot be read. The common shapes are read by hand (these run once per field of
//! millions of rows); anything else goes through the general parsers, so what is accepted does
//! not depend on the path taken.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;

use crate::tables::{Column, Kind, MONEY_SCALE};

/// A checked value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Value {
    /// No value (an optional column).
    Empty,
    /// Any text: it is read from the row itself where needed.
    Text,
    /// A whole number of at least 0 that fits an `i64`.
    Count(i64),
    /// An amount in units of 10^-[`MONEY_SCALE`].
    Money(i128),
    /// A UTC time.
    Stamp(NaiveDateTime),
    /// A day.
    Date(NaiveDate),
    /// `true` or `false`.
    Flag(bool),
}

/// Amounts must stay below this many whole units.
const MONEY_LIMIT: i64 = 10_i64.pow(16);

/// `text` read as `column` says, or why not.
pub(crate) fn parse(column: &Column, text: &str) -> Result<Value, String> {
    read(column, text).ok_or_else(|| reason(column, text))
}

fn read(column: &Column, text: &str) -> Option<Value> {
    if text.is_empty() {
        return column.optional.then_some(Value::Empty);
    }
    match column.kind {
        Kind::Text => Some(Value::Text),
        Kind::Count => text
            .parse::<u64>()
            .ok()
            .and_then(|n| i64::try_from(n).ok())
            .map(Value::Count),
        Kind::Money => money(text).map(Value::Money),
        Kind::Timestamp => stamp(text).map(Value::Stamp),
        Kind::Date => date(text).map(Value::Date),
        Kind::Flag => match text {
            "true" => Some(Value::Flag(true)),
            "false" => Some(Value::Flag(false)),
            _ => None,
        },
    }
}

/// Why `text` is not a value of `column` (only asked once [`read`] refused it).
fn reason(column: &Column, text: &str) -> String {
    if text.is_empty() {
        return "empty, a value is required".to_owned();
    }
    let shown = quoted(text);
    match column.kind {
        Kind::Text => format!("found {shown}, expected text"),
        Kind::Count => format!("found {shown}, expected a whole number of at least 0"),
        Kind::Money => match text.parse::<Decimal>() {
            Err(_) => format!("found {shown}, expected an amount such as 1234.56"),
            Ok(d) if d.is_sign_negative() => {
                format!("found {shown}, expected an amount of at least 0")
            }
            Ok(d) if d.scale() > MONEY_SCALE as u32 || text.contains(['e', 'E', '_']) => {
                format!("found {shown}, expected at most {MONEY_SCALE} decimals")
            }
            Ok(_) => format!("found {shown}, expected an amount below 10^16"),
        },
        Kind::Timestamp => format!("found {shown}, expected a UTC time YYYY-MM-DDTHH:MM:SS"),
        Kind::Date => format!("found {shown}, expected a date YYYY-MM-DD"),
        Kind::Flag => format!("found {shown}, expected true or false"),
    }
}

fn money(text: &str) -> Option<i128> {
    if text.contains(['e', 'E', '_']) {
        return None;
    }
    let decimal: Decimal = text.parse().ok()?;
    if decimal.is_sign_negative()
        || decimal.scale() > MONEY_SCALE as u32
        || decimal >= Decimal::from(MONEY_LIMIT)
    {
        return None;
    }
    let widen = 10_i128.pow(MONEY_SCALE as u32 - decimal.scale());
    Some(decimal.mantissa() * widen)
}

/// Two ASCII digits at `at` as a number.
fn two_digits(bytes: &[u8], at: usize) -> Option<u32> {
    let (a, b) = (bytes[at], bytes[at + 1]);
    (a.is_ascii_digit() && b.is_ascii_digit())
        .then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
}

/// `YYYY-MM-DD` at the start of `bytes` (at least 10 long), read by hand.
fn plain_date(bytes: &[u8]) -> Option<NaiveDate> {
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = two_digits(bytes, 0)? * 100 + two_digits(bytes, 2)?;
    NaiveDate::from_ymd_opt(year as i32, two_digits(bytes, 5)?, two_digits(bytes, 8)?)
}

fn date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    (bytes.len() == 10)
        .then(|| plain_date(bytes))
        .flatten()
        .or_else(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
}

fn stamp(text: &str) -> Option<NaiveDateTime> {
    let bytes = text.as_bytes();
    let by_hand = || {
        if bytes[10] != b'T' || bytes[13] != b':' || bytes[16] != b':' {
            return None;
        }
        let time = NaiveTime::from_hms_opt(
            two_digits(bytes, 11)?,
            two_digits(bytes, 14)?,
            two_digits(bytes, 17)?,
        )?;
        Some(plain_date(bytes)?.and_time(time))
    };
    (bytes.len() == 19)
        .then(by_hand)
        .flatten()
        .or_else(|| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").ok())
}

/// A value as a message quotes it: at most 40 characters, control characters escaped.
pub(crate) fn quoted(text: &str) -> String {
    let mut shown: String = text.chars().take(40).flat_map(char::escape_debug).collect();
    if text.chars().count() > 40 {
        shown.push('…');
    }
    format!("`{shown}`")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn column(kind: Kind) -> Column {
        Column {
            name: "c",
            kind,
            optional: false,
        }
    }

    proptest! {
        // The hand-read shapes must accept and read exactly what chrono's parsers do.
        #[test]
        fn times_read_by_hand_are_chronos(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}") {
            prop_assert_eq!(stamp(&text), NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S").ok());
        }

        #[test]
        fn dates_read_by_hand_are_chronos(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9+ -]{8,12}") {
            prop_assert_eq!(date(&text), NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok());
        }

        #[test]
        fn an_amount_is_kept_to_the_ten_thousandth(whole in 0_i64..MONEY_LIMIT, cents in 0_u32..10_000, scale in 0_usize..=4) {
            let fraction = format!("{cents:04}");
            let text = if scale == 0 { whole.to_string() } else { format!("{whole}.{}", &fraction[..scale]) };
            let expected = i128::from(whole) * 10_000
                + i128::from(fraction[..scale].parse::<u32>().unwrap_or(0)) * 10_i128.pow(4 - scale as u32);
            prop_assert_eq!(parse(&column(Kind::Money), &text), Ok(Value::Money(expected)));
        }
    }

    #[test]
    fn what_is_refused_says_why_quoting_the_value() {
        let cases = [
            (
                Kind::Count,
                "-1",
                "found `-1`, expected a whole number of at least 0",
            ),
            (
                Kind::Count,
                "9223372036854775808",
                "found `9223372036854775808`, expected a whole number of at least 0",
            ),
            (
                Kind::Money,
                "12.34567",
                "found `12.34567`, expected at most 4 decimals",
            ),
            (
                Kind::Money,
                "1e3",
                "found `1e3`, expected at most 4 decimals",
            ),
            (
                Kind::Money,
                "-0.01",
                "found `-0.01`, expected an amount of at least 0",
            ),
            (
                Kind::Money,
                "10000000000000000",
                "found `10000000000000000`, expected an amount below 10^16",
            ),
            (
                Kind::Money,
                "ten",
                "found `ten`, expected an amount such as 1234.56",
            ),
            (
                Kind::Timestamp,
                "2026-10-01 12:00:00",
                "found `2026-10-01 12:00:00`, expected a UTC time YYYY-MM-DDTHH:MM:SS",
            ),
            (
                Kind::Timestamp,
                "2026-02-30T12:00:00",
                "found `2026-02-30T12:00:00`, expected a UTC time YYYY-MM-DDTHH:MM:SS",
            ),
            (
                Kind::Date,
                "2026-13-01",
                "found `2026-13-01`, expected a date YYYY-MM-DD",
            ),
            (Kind::Flag, "yes", "found `yes`, expected true or false"),
            (Kind::Text, "", "empty, a value is required"),
        ];
        for (kind, text, expected) in cases {
            assert_eq!(
                parse(&column(kind), text),
                Err(expected.to_owned()),
                "{kind:?} {text}"
            );
        }
    }

    #[test]
    fn a_leap_second_is_read_as_chrono_reads_it() {
        let text = "2026-06-30T23:59:60";
        let chrono = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").ok();
        assert!(chrono.is_some());
        assert_eq!(stamp(text), chrono);
    }
}
