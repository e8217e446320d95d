//! Splitting money into parts that add back to the whole exactly, in cents.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::Money;

/// Money rounded to cents (half away from zero): the precision allocations are kept at.
pub fn cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Splits `amount` into `n` equal shares in cents; the last share takes the rounding
/// remainder, so the shares always add up to `amount` exactly. Empty when `n` is 0.
pub fn split_equally(amount: Money, n: usize) -> Vec<Money> {
    if n == 0 {
        return Vec::new();
    }
    let share = cents(amount.amount() / Decimal::from(n));
    let mut shares = vec![Money(share); n];
    let given = share * Decimal::from(n - 1);
    shares[n - 1] = Money(amount.amount() - given);
    shares
}

/// The part of an annual amount that falls in a period of `months` months, in cents.
pub fn period_share(annual: Money, months: u32) -> Money {
    Money(cents(
        annual.amount() * Decimal::from(months) / Decimal::from(12),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_back_to_the_whole() {
        let shares = split_equally(Money::from(100), 3);
        assert_eq!(
            shares,
            [
                Money(Decimal::new(3333, 2)),
                Money(Decimal::new(3333, 2)),
                Money(Decimal::new(3334, 2))
            ]
        );
        assert_eq!(shares.iter().sum::<Money>(), Money::from(100));
        assert!(split_equally(Money::from(5), 0).is_empty());
    }

    #[test]
    fn a_month_is_a_twelfth_and_a_quarter_a_quarter() {
        assert_eq!(period_share(Money::from(120_000), 1), Money::from(10_000));
        assert_eq!(period_share(Money::from(120_000), 3), Money::from(30_000));
        assert_eq!(
            period_share(Money::from(100), 1),
            Money(Decimal::new(833, 2))
        );
    }
}
