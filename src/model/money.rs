//! Money: a decimal amount in the snapshot's currency.
//!
//! Money is `rust_decimal::Decimal` end to end and is rounded only for display. In files it is
//! written as a decimal string (`"1234.50"`), so no binary float ever touches it; integers and
//! plain decimal numbers are accepted on input for hand-written files and converted exactly from
//! their text.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount of money in the snapshot's currency.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub Decimal);

impl Money {
    /// No money at all.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// The amount as a plain decimal.
    pub fn amount(self) -> Decimal {
        self.0
    }

    /// Whether the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// Adds without overflowing; `None` when the sum leaves Decimal's range.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }
}

impl From<Decimal> for Money {
    fn from(value: Decimal) -> Self {
        Money(value)
    }
}

impl From<i64> for Money {
    fn from(value: i64) -> Self {
        Money(Decimal::from(value))
    }
}

impl FromStr for Money {
    type Err = rust_decimal::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimal::from_str_exact(s.trim()).map(Money)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Normalised so that "10.50" and "10.5" written by the generator compare equal as text.
        serializer.collect_str(&self.0.normalize())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MoneyVisitor)
    }
}

struct MoneyVisitor;

impl Visitor<'_> for MoneyVisitor {
    type Value = Money;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount of money as a decimal string such as \"1234.50\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
        Money::from_str(v).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
        Ok(Money(Decimal::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
        Ok(Money(Decimal::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
        // The shortest text that round-trips is what the author typed, so convert from it.
        if !v.is_finite() {
            return Err(E::invalid_value(de::Unexpected::Float(v), &self));
        }
        Decimal::from_str(&v.to_string())
            .map(Money)
            .map_err(|_| E::invalid_value(de::Unexpected::Float(v), &self))
    }
}

impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An amount in the snapshot's currency: a decimal string such as \"1234.50\" (numbers are accepted too).",
            "anyOf": [
                { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" },
                { "type": "number" }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strings_integers_and_floats_exactly() {
        let m: Money = serde_json::from_str("\"1234.50\"").unwrap();
        assert_eq!(m, Money(Decimal::new(123450, 2)));
        let m: Money = serde_json::from_str("12").unwrap();
        assert_eq!(m, Money::from(12));
        let m: Money = serde_json::from_str("0.1").unwrap();
        assert_eq!(m, Money(Decimal::new(1, 1)));
    }

    #[test]
    fn writes_normalised_strings() {
        let m = Money(Decimal::new(1050, 2));
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"10.5\"");
    }

    #[test]
    fn rejects_text_that_is_not_a_number() {
        let err = serde_json::from_str::<Money>("\"12,50\"").unwrap_err();
        assert!(err.to_string().contains("decimal string"), "{err}");
    }
}
