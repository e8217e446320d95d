//! The roles ledger: who sourced, influenced and attached the pipeline and revenue of a set of
//! dealers, against the booked total from finance.
//!
//! Sourced credit is a partition of the booked total: each deal has one source, so the actors'
//! sourced credit plus what nobody sourced ("unattributed") is the booked total, exactly.
//! Influenced and attached credit overlap with sourced and with each other, so they are shown
//! beside it and never added to it. The ledger is computed from whatever dealers it is given, so
//! the same function serves the ecosystem, a region, a dealer group and a single dealer.

use std::ops::Add;

use serde::Serialize;

use crate::metrics::Level;
use crate::model::{Actor, ActorId, ActorKind, CreditRole, Dealer, DealerId, Money, Snapshot};

/// Pipeline value and won revenue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Amounts {
    /// Value of the opportunities opened.
    pub pipeline: Money,
    /// Revenue booked on the opportunities won.
    pub revenue: Money,
}

impl Amounts {
    fn checked_add(self, other: Amounts) -> Result<Amounts, LedgerOverflow> {
        Ok(Amounts {
            pipeline: self
                .pipeline
                .checked_add(other.pipeline)
                .ok_or(LedgerOverflow)?,
            revenue: self
                .revenue
                .checked_add(other.revenue)
                .ok_or(LedgerOverflow)?,
        })
    }

    fn checked_sub(self, other: Amounts) -> Result<Amounts, LedgerOverflow> {
        self.checked_add(Amounts {
            pipeline: -other.pipeline,
            revenue: -other.revenue,
        })
    }
}

impl Add for Amounts {
    type Output = Amounts;
    fn add(self, rhs: Amounts) -> Amounts {
        Amounts {
            pipeline: self.pipeline + rhs.pipeline,
            revenue: self.revenue + rhs.revenue,
        }
    }
}

/// One actor's credit in each role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActorRoles {
    /// The actor.
    pub actor: ActorId,
    /// Display name (the id when the actor is not in the snapshot's list).
    pub name: String,
    /// OEM, dealer, finance or other partner; `None` for an actor the snapshot does not list.
    pub kind: Option<ActorKind>,
    /// Credit for deals the actor created (part of the booked total).
    pub sourced: Amounts,
    /// Credit for deals the actor moved (shown beside sourced, never added to it).
    pub influenced: Amounts,
    /// Credit for products attached to deals (shown beside sourced, never added to it).
    pub attached: Amounts,
}

/// A dealer whose sourced credit exceeds its booked total: data validation should have refused
/// it, and the ledger shows it rather than letting other dealers' unattributed amounts hide it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OverAttribution {
    /// The dealer.
    pub dealer: DealerId,
    /// How much sourced credit exceeds the booked total (zero where it does not).
    pub excess: Amounts,
}

/// The roles ledger of a set of dealers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ledger {
    /// Dealers covered.
    pub dealers: usize,
    /// Per actor, in the snapshot's actor order; actors named by credits but not listed follow.
    pub actors: Vec<ActorRoles>,
    /// The booked total from finance: every deal's pipeline value and won revenue.
    pub booked: Amounts,
    /// Sourced credit over all actors.
    pub sourced: Amounts,
    /// Booked minus sourced: what no actor sourced. Negative only when over-attributed.
    pub unattributed: Amounts,
    /// Dealers whose sourced credit exceeds their own booked total.
    pub over_attributed: Vec<OverAttribution>,
}

impl Ledger {
    /// Whether Σ sourced + unattributed = booked, exactly (the reconciliation line).
    pub fn reconciles(&self) -> bool {
        self.sourced + self.unattributed == self.booked
    }

    /// Whether any dealer, or the set as a whole, has more sourced credit than booked.
    pub fn is_over_attributed(&self) -> bool {
        !self.over_attributed.is_empty()
            || self.unattributed.pipeline.is_negative()
            || self.unattributed.revenue.is_negative()
    }
}

/// The sums left the range of a decimal (about 7.9e28): no real ledger gets there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the ledger's sums overflow")]
pub struct LedgerOverflow;

/// Builds the ledger of `dealers`, naming actors from `actors`.
pub fn ledger<'a>(
    dealers: impl IntoIterator<Item = &'a Dealer>,
    actors: &[Actor],
) -> Result<Ledger, LedgerOverflow> {
    let mut rows: Vec<ActorRoles> = actors
        .iter()
        .map(|a| ActorRoles {
            actor: a.id.clone(),
            name: a.name.clone(),
            kind: Some(a.kind),
            sourced: Amounts::default(),
            influenced: Amounts::default(),
            attached: Amounts::default(),
        })
        .collect();
    let listed = rows.len();
    let mut ledger = Ledger {
        dealers: 0,
        actors: Vec::new(),
        booked: Amounts::default(),
        sourced: Amounts::default(),
        unattributed: Amounts::default(),
        over_attributed: Vec::new(),
    };
    for dealer in dealers {
        ledger.dealers += 1;
        let deals = dealer.pipeline.total();
        let booked = Amounts {
            pipeline: deals.pipeline_value,
            revenue: deals.won_revenue,
        };
        let mut sourced = Amounts::default();
        for credit in &dealer.credits {
            let amounts = Amounts {
                pipeline: credit.pipeline,
                revenue: credit.revenue,
            };
            let i = match rows.iter().position(|r| r.actor == credit.actor) {
                Some(i) => i,
                None => {
                    rows.push(ActorRoles {
                        actor: credit.actor.clone(),
                        name: credit.actor.to_string(),
                        kind: None,
                        sourced: Amounts::default(),
                        influenced: Amounts::default(),
                        attached: Amounts::default(),
                    });
                    rows.len() - 1
                }
            };
            let row = &mut rows[i];
            let slot = match credit.role {
                CreditRole::Sourced => {
                    sourced = sourced.checked_add(amounts)?;
                    &mut row.sourced
                }
                CreditRole::Influenced => &mut row.influenced,
                CreditRole::Attached => &mut row.attached,
            };
            *slot = slot.checked_add(amounts)?;
        }
        let excess = sourced.checked_sub(booked)?;
        // A dealer can be over in one measure and under in the other: report only what is over.
        if excess.pipeline > Money::ZERO || excess.revenue > Money::ZERO {
            ledger.over_attributed.push(OverAttribution {
                dealer: dealer.id.clone(),
                excess: Amounts {
                    pipeline: excess.pipeline.max(Money::ZERO),
                    revenue: excess.revenue.max(Money::ZERO),
                },
            });
        }
        ledger.booked = ledger.booked.checked_add(booked)?;
        ledger.sourced = ledger.sourced.checked_add(sourced)?;
    }
    rows[listed..].sort_by(|a, b| a.actor.cmp(&b.actor));
    ledger.actors = rows;
    ledger.unattributed = ledger.booked.checked_sub(ledger.sourced)?;
    Ok(ledger)
}

/// The dealers under a drill level: all of them for the ecosystem, those of the region's groups,
/// of the group, or the one dealer. A dealer whose group is unknown counts only in the ecosystem,
/// as in the metrics' roll-ups.
pub fn dealers_at<'a>(
    snapshot: &'a Snapshot,
    level: &'a Level,
) -> impl Iterator<Item = &'a Dealer> + 'a {
    snapshot.dealers.iter().filter(move |dealer| match level {
        Level::Ecosystem => true,
        Level::Region(region) => snapshot
            .dealer_groups
            .iter()
            .any(|g| g.id == dealer.group && &g.region == region),
        Level::Group(group) => &dealer.group == group,
        Level::Dealer(id) => &dealer.id == id,
    })
}

/// The ledger of the dealers under `level` (see [`dealers_at`]), naming the snapshot's actors.
pub fn ledger_at(snapshot: &Snapshot, level: &Level) -> Result<Ledger, LedgerOverflow> {
    ledger(dealers_at(snapshot, level), &snapshot.actors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::test_support::{dealer, empty_snapshot, group, region};
    use crate::model::{Credit, Tier};

    /// West has groups g1 (d1, d2) and g2 (d3); East has g3 (d4). d5's group is unknown.
    /// Each dealer books 100 of pipeline; d1..d5 have 10, 20, 30, 40, 50 sourced by the OEM.
    #[test]
    fn each_drill_level_covers_its_dealers() {
        let mut s = empty_snapshot("2026-10");
        region(&mut s, "west", "West");
        region(&mut s, "east", "East");
        group(&mut s, "g1", "G1", "west", Tier::Gold);
        group(&mut s, "g2", "G2", "west", Tier::Gold);
        group(&mut s, "g3", "G3", "east", Tier::Gold);
        for (i, g) in ["g1", "g1", "g2", "g3", "nowhere"].into_iter().enumerate() {
            let id = format!("d{}", i + 1);
            dealer(&mut s, &id, &id, g, 0, 0, 0);
            let d = s.dealers.last_mut().unwrap();
            d.pipeline.no_partner.pipeline_value = Money::from(100);
            d.credits.push(Credit {
                actor: "oem".into(),
                role: CreditRole::Sourced,
                pipeline: Money::from(10 * (i as i64 + 1)),
                revenue: Money::ZERO,
            });
        }
        let sourced = |level: Level| {
            let l = ledger_at(&s, &level).unwrap();
            assert!(l.reconciles());
            (l.dealers, l.booked.pipeline, l.sourced.pipeline)
        };
        let m = Money::from;
        assert_eq!(sourced(Level::Ecosystem), (5, m(500), m(150)));
        assert_eq!(sourced(Level::Region("west".into())), (3, m(300), m(60)));
        assert_eq!(sourced(Level::Region("east".into())), (1, m(100), m(40)));
        assert_eq!(sourced(Level::Group("g1".into())), (2, m(200), m(30)));
        assert_eq!(sourced(Level::Dealer("d3".into())), (1, m(100), m(30)));
        assert_eq!(sourced(Level::Dealer("gone".into())), (0, m(0), m(0)));
    }
}
