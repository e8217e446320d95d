//! Money on the Attribution tab: one scale per table (dollars, thousands or millions) so that
//! the numbers stay readable from the back of the room, and parts of a whole (actors' sourced
//! credit and the unattributed rest; channels' credit under one model) re-apportioned at that
//! scale by the largest remainder method, so the parts shown add up to the total shown.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::app::screen::Cell;
use crate::attribution::credit::apportion_decimal;
use crate::metrics::format::{currency_symbol, fixed};

use super::Context;

/// How a table writes money: `$1,234.56`, `$1,234,567`, `$17,470K` or `$1,074.9M`.
pub(super) struct MoneyText {
    symbol: String,
    unit: Decimal,
    suffix: &'static str,
    dp: u32,
}

impl MoneyText {
    /// The scale that fits the largest of `amounts`; cents only for small amounts that have them.
    pub(super) fn new(ctx: &Context<'_>, amounts: impl IntoIterator<Item = Decimal>) -> MoneyText {
        let symbol = currency_symbol(&ctx.card.snapshot().ecosystem.currency, ctx.ascii);
        MoneyText::with_symbol(symbol, amounts)
    }

    fn with_symbol(symbol: String, amounts: impl IntoIterator<Item = Decimal>) -> MoneyText {
        let (mut largest, mut cents) = (Decimal::ZERO, false);
        for a in amounts {
            largest = largest.max(a.abs());
            cents |= !a.fract().is_zero();
        }
        let (unit, suffix, dp) = if largest < Decimal::from(1_000_000) {
            (Decimal::ONE, "", if cents { 2 } else { 0 })
        } else if largest < Decimal::from(1_000_000_000) {
            (Decimal::ONE_THOUSAND, "K", 0)
        } else {
            (Decimal::from(1_000_000), "M", 1)
        };
        MoneyText {
            symbol,
            unit,
            suffix,
            dp,
        }
    }

    /// `amount` in the table's unit, rounded half away from zero.
    fn scaled(&self, amount: Decimal) -> Decimal {
        let mut shown = (amount / self.unit)
            .round_dp_with_strategy(self.dp, RoundingStrategy::MidpointAwayFromZero);
        shown.rescale(self.dp);
        shown
    }

    /// An amount already in the table's unit, as text: `-$1,074.9M`.
    pub(super) fn text_of_shown(&self, shown: Decimal) -> String {
        if shown.is_zero() {
            // Nothing reads as nothing, whatever the table's scale.
            return format!("{}0", self.symbol);
        }
        let sign = if shown.is_sign_negative() && !shown.is_zero() {
            "-"
        } else {
            ""
        };
        format!(
            "{sign}{}{}{}",
            self.symbol,
            fixed(shown.abs(), self.dp),
            self.suffix
        )
    }

    /// An amount as text, rounded to the table's unit.
    pub(super) fn text(&self, amount: Decimal) -> String {
        self.text_of_shown(self.scaled(amount))
    }

    /// An amount already in the table's unit, back in money.
    pub(super) fn amount_of_shown(&self, shown: Decimal) -> Decimal {
        shown * self.unit
    }

    /// A cell for an amount already in the table's unit; it sorts by the amount shown.
    pub(super) fn cell_of_shown(&self, shown: Decimal) -> Cell {
        Cell::num(self.text_of_shown(shown), Some(shown * self.unit))
            .unit(crate::metrics::Unit::Money.name())
    }

    /// A cell for an amount, rounded to the table's unit.
    pub(super) fn cell(&self, amount: Decimal) -> Cell {
        self.cell_of_shown(self.scaled(amount))
    }

    /// The parts of `total` as shown (in the table's unit), adding up to the total as shown.
    /// Parts that are negative or do not add up to `total` cannot be apportioned: each is then
    /// rounded on its own (the screen says why elsewhere, e.g. over-attribution).
    pub(super) fn partition(&self, total: Decimal, parts: &[Decimal]) -> (Vec<Decimal>, Decimal) {
        let shown_total = self.scaled(total);
        let each = || parts.iter().map(|&p| self.scaled(p)).collect();
        let valid = parts.iter().all(|p| !p.is_sign_negative() || p.is_zero())
            && parts.iter().copied().sum::<Decimal>() == total;
        if !valid {
            return (each(), shown_total);
        }
        let shares: Vec<f64> = parts.iter().map(|p| p.to_f64().unwrap_or(0.0)).collect();
        match apportion_decimal(shown_total, &shares, self.dp) {
            Ok(shown) => (shown, shown_total),
            Err(_) => (each(), shown_total),
        }
    }
}

impl MoneyText {
    /// Signed parts of a sum as shown (in the table's unit), adding up to the sum as shown
    /// (see [`super::scale::apportion_signed`]): walks like a value bridge, where a cost takes
    /// away and the rest adds.
    pub(super) fn signed_partition(&self, parts: &[Decimal]) -> (Vec<Decimal>, Decimal) {
        let scale = super::scale::Scale {
            unit: self.unit,
            suffix: self.suffix,
            dp: self.dp,
        };
        super::scale::apportion_signed(parts, scale)
    }
}

/// Percent shares of a whole to one decimal, adding up to 100.0 % (largest remainder); `None`
/// when the whole is zero or a part is negative.
pub(super) fn percent_shares(parts: &[Decimal]) -> Option<Vec<Decimal>> {
    let total: Decimal = parts.iter().copied().sum();
    if total <= Decimal::ZERO || parts.iter().any(|p| p.is_sign_negative() && !p.is_zero()) {
        return None;
    }
    let shares: Vec<f64> = parts.iter().map(|p| p.to_f64().unwrap_or(0.0)).collect();
    apportion_decimal(Decimal::new(1000, 1), &shares, 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn money(amounts: &[Decimal]) -> MoneyText {
        MoneyText::with_symbol("$".to_owned(), amounts.iter().copied())
    }

    #[test]
    fn the_scale_follows_the_largest_amount() {
        let d = |n: i64, dp: u32| Decimal::new(n, dp);
        assert_eq!(money(&[d(123_456, 2)]).text(d(123_456, 2)), "$1,234.56");
        assert_eq!(money(&[d(999_999, 0)]).text(d(5, 1)), "$1");
        assert_eq!(
            money(&[d(17_470_000, 0)]).text(d(17_470_000, 0)),
            "$17,470K"
        );
        assert_eq!(
            money(&[d(1_074_947_198, 0)]).text(d(36_152_982, 0)),
            "$36.2M"
        );
        assert_eq!(money(&[d(1_074_947_198, 0)]).text(Decimal::ZERO), "$0");
        assert_eq!(money(&[d(5_000_000, 0)]).text(d(-2_500_000, 0)), "-$2,500K");
    }

    #[test]
    fn thirds_are_shown_adding_up() {
        let m = money(&[Decimal::from(10_000_000)]);
        let third = Decimal::from(10_000_000) / Decimal::from(3);
        let (parts, total) = m.partition(Decimal::from(10_000_000), &[third, third, third]);
        // 3,333.33K each: the unit left goes to the first; 3,334 + 3,333 + 3,333 = 10,000.
        assert_eq!(
            parts,
            [
                Decimal::from(3334),
                Decimal::from(3333),
                Decimal::from(3333)
            ]
        );
        assert_eq!(total, Decimal::from(10_000));
    }

    #[test]
    fn parts_that_do_not_add_up_are_rounded_one_by_one() {
        let m = money(&[Decimal::from(100)]);
        let (parts, total) = m.partition(
            Decimal::from(100),
            &[Decimal::from(120), Decimal::from(-20)],
        );
        assert_eq!(
            (parts, total),
            (
                vec![Decimal::from(120), Decimal::from(-20)],
                Decimal::from(100)
            )
        );
        assert_eq!(percent_shares(&[Decimal::ONE, Decimal::NEGATIVE_ONE]), None);
        assert_eq!(percent_shares(&[Decimal::ZERO]), None);
    }

    #[test]
    fn a_walk_with_a_cost_adds_up_as_shown() {
        // -726,000.4 + 1,530,400.6 + 236,100.6 = 1,040,500.8 → $1,041K; each part rounded on
        // its own would read -726 + 1,530 + 236 = 1,040.
        let parts = [
            Decimal::new(-7_260_004, 1),
            Decimal::new(15_304_006, 1),
            Decimal::new(2_361_006, 1),
        ];
        let m = money(&parts);
        let (shown, total) = m.signed_partition(&parts);
        assert_eq!(total, Decimal::from(1_041));
        assert_eq!(
            shown,
            [
                Decimal::from(-726),
                Decimal::from(1_531),
                Decimal::from(236)
            ]
        );
    }

    proptest! {
        #[test]
        fn signed_parts_add_up_to_the_shown_sum(cents in prop::collection::vec(-50_000_000_000i64..50_000_000_000, 1..8)) {
            let parts: Vec<Decimal> = cents.iter().map(|&c| Decimal::new(c, 2)).collect();
            let m = money(&parts);
            let (shown, total) = m.signed_partition(&parts);
            prop_assert_eq!(shown.iter().copied().sum::<Decimal>(), total);
        }

        #[test]
        fn shown_parts_add_up_to_the_shown_total(cents in prop::collection::vec(0i64..50_000_000_000, 1..8)) {
            let parts: Vec<Decimal> = cents.iter().map(|&c| Decimal::new(c, 2)).collect();
            let total: Decimal = parts.iter().copied().sum();
            let m = money(&parts);
            let (shown, shown_total) = m.partition(total, &parts);
            prop_assert_eq!(shown.iter().copied().sum::<Decimal>(), shown_total);
            if let Some(shares) = percent_shares(&parts) {
                prop_assert_eq!(shares.iter().copied().sum::<Decimal>(), Decimal::ONE_HUNDRED);
            }
        }
    }
}
