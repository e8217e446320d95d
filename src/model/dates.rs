//! Dates and times as files write them: an ISO 8601 string (`"2026-10-01"`, JSON and TOML) or
//! a native TOML date (`start = 2026-10-01`), so a hand-written TOML file may use either.
//!
//! The TOML deserializer hands native dates over as a one-entry map holding the date's text;
//! these visitors accept that map besides a plain string. Serialization stays chrono's string.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserializer;
use serde::de::{self, MapAccess, Visitor};

/// Reads a calendar date (`2026-10-01`) from a string or a native TOML date.
pub fn naive_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    deserializer.deserialize_any(TextVisitor::<NaiveDate>::new("a date such as 2026-10-01"))
}

/// [`naive_date`] for an optional field (`#[serde(default)]` gives `None` when it is absent).
pub fn optional_naive_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    naive_date(deserializer).map(Some)
}

/// Reads an instant in UTC (`2026-11-03T06:00:00Z`) from a string or a native TOML date-time.
pub fn utc_datetime<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_any(TextVisitor::<DateTime<Utc>>::new(
        "an RFC 3339 date-time such as 2026-11-03T06:00:00Z",
    ))
}

struct TextVisitor<T> {
    expected: &'static str,
    target: PhantomData<T>,
}

impl<T> TextVisitor<T> {
    fn new(expected: &'static str) -> Self {
        TextVisitor {
            expected,
            target: PhantomData,
        }
    }
}

impl<'de, T: FromStr> Visitor<'de> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expected)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        // A native TOML date-time: a single private key whose value is the date's text.
        let Some((_, text)) = map.next_entry::<de::IgnoredAny, String>()? else {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        };
        self.visit_str(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Dated {
        #[serde(deserialize_with = "naive_date")]
        day: NaiveDate,
        #[serde(deserialize_with = "utc_datetime")]
        at: DateTime<Utc>,
    }

    #[test]
    fn reads_strings_and_native_toml_dates_alike() {
        let quoted: Dated =
            toml::from_str("day = \"2026-10-01\"\nat = \"2026-11-03T06:00:00Z\"").unwrap();
        let native: Dated = toml::from_str("day = 2026-10-01\nat = 2026-11-03T06:00:00Z").unwrap();
        let json: Dated =
            serde_json::from_str(r#"{"day":"2026-10-01","at":"2026-11-03T06:00:00Z"}"#).unwrap();
        assert_eq!(quoted.day, NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
        assert_eq!((native.day, native.at), (quoted.day, quoted.at));
        assert_eq!((json.day, json.at), (quoted.day, quoted.at));
    }

    #[test]
    fn names_the_expected_form_for_bad_dates() {
        let err =
            toml::from_str::<Dated>("day = \"2026-13-01\"\nat = 2026-11-03T06:00:00Z").unwrap_err();
        assert!(err.message().contains("a date such as 2026-10-01"), "{err}");
    }
}
