//! A ratio kept as its two parts, so roll-ups add parts and divide last.

use rust_decimal::Decimal;

/// A numerator over a denominator. Its value is `None` ("n/a") when the denominator is zero:
/// never 0, NaN or a panic. Keeping both parts lets a screen show the inputs beside the rate
/// and lets a roll-up add parts instead of averaging rates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ratio {
    /// What is counted, e.g. leads answered within SLA.
    pub numerator: Decimal,
    /// What it is counted out of, e.g. all leads.
    pub denominator: Decimal,
}

impl Ratio {
    /// A ratio of any two decimal-convertible parts (counts, `Decimal`s).
    pub fn new(numerator: impl Into<Decimal>, denominator: impl Into<Decimal>) -> Ratio {
        Ratio {
            numerator: numerator.into(),
            denominator: denominator.into(),
        }
    }

    /// The quotient; `None` when the denominator is zero (or the quotient leaves Decimal's
    /// range).
    pub fn value(&self) -> Option<Decimal> {
        if self.denominator.is_zero() {
            return None;
        }
        self.numerator.checked_div(self.denominator)
    }
}

impl std::ops::AddAssign for Ratio {
    /// Adds part to part: the ratio of a sum, never the average of ratios.
    fn add_assign(&mut self, rhs: Ratio) {
        self.numerator += rhs.numerator;
        self.denominator += rhs.denominator;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_denominator_is_not_available() {
        assert_eq!(Ratio::new(5u64, 0u64).value(), None);
        assert_eq!(Ratio::new(0u64, 0u64).value(), None);
        assert_eq!(Ratio::new(0u64, 4u64).value(), Some(Decimal::ZERO));
    }

    #[test]
    fn adding_ratios_adds_parts_not_rates() {
        // 1/2 and 9/10 average to 70 %, but together they are 10 of 12.
        let mut r = Ratio::new(1u64, 2u64);
        r += Ratio::new(9u64, 10u64);
        assert_eq!(r, Ratio::new(10u64, 12u64));
        assert_eq!(r.value(), Some(Decimal::from(10) / Decimal::from(12)));
    }
}
