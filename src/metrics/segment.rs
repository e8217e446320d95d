//! Segmentations: the same roll-ups cut by a segment attribute instead of the hierarchy.

use super::hierarchy::Scorecard;
use super::rollup::Rollup;
use crate::model::{Locale, SizeBand, Tier};

/// An attribute to cut the dealers by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Segmentation {
    /// By region.
    Region,
    /// By dealer group.
    Group,
    /// By the dealer group's programme tier.
    Tier,
    /// Metro or rural market.
    Locale,
    /// Dealer size by new-vehicle volume.
    SizeBand,
    /// EV-certified or not.
    EvCertified,
}

/// One labelled roll-up of a segmentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Stable key (a region or group id, or a snake_case value such as `platinum`), for
    /// matching segments between periods.
    pub key: String,
    /// A reader's label.
    pub label: String,
    /// The summed parts of the segment's dealers.
    pub rollup: Rollup,
}

/// The key and label of the segment holding dealers whose group or region is unknown; only
/// present when such dealers exist, so the segments always sum to the ecosystem total.
const UNASSIGNED: (&str, &str) = ("unassigned", "Unassigned");

impl Segmentation {
    /// Every segmentation, in menu order.
    pub const ALL: [Segmentation; 6] = [
        Segmentation::Region,
        Segmentation::Group,
        Segmentation::Tier,
        Segmentation::Locale,
        Segmentation::SizeBand,
        Segmentation::EvCertified,
    ];

    /// Stable snake_case key for the command line.
    pub fn key(self) -> &'static str {
        match self {
            Segmentation::Region => "region",
            Segmentation::Group => "group",
            Segmentation::Tier => "tier",
            Segmentation::Locale => "locale",
            Segmentation::SizeBand => "size_band",
            Segmentation::EvCertified => "ev_certified",
        }
    }

    /// A reader's label.
    pub fn label(self) -> &'static str {
        match self {
            Segmentation::Region => "Region",
            Segmentation::Group => "Dealer group",
            Segmentation::Tier => "Tier",
            Segmentation::Locale => "Metro / rural",
            Segmentation::SizeBand => "Size band",
            Segmentation::EvCertified => "EV-certified",
        }
    }

    /// Computes the segments from the scorecard's group and dealer roll-ups. Every value of a
    /// closed attribute is listed even when empty, so columns stay stable between periods.
    pub(super) fn build(self, card: &Scorecard) -> Vec<Segment> {
        let s = &*card.snapshot;
        let months = card.total.period_months;
        let mut segments: Vec<Segment> = match self {
            Segmentation::Region => s
                .regions
                .iter()
                .map(|r| (r.id.as_str(), r.name.as_str()))
                .map(|(k, l)| segment(k, l, months))
                .collect(),
            Segmentation::Group => s
                .dealer_groups
                .iter()
                .map(|g| segment(g.id.as_str(), &g.name, months))
                .collect(),
            Segmentation::Tier => [Tier::Platinum, Tier::Gold, Tier::Silver]
                .map(|t| segment(tier_key(t).0, tier_key(t).1, months))
                .into(),
            Segmentation::Locale => [Locale::Metro, Locale::Rural]
                .map(|l| segment(locale_key(l).0, locale_key(l).1, months))
                .into(),
            Segmentation::SizeBand => [SizeBand::Small, SizeBand::Medium, SizeBand::Large]
                .map(|b| segment(size_key(b).0, size_key(b).1, months))
                .into(),
            Segmentation::EvCertified => vec![
                segment("ev_certified", "EV-certified", months),
                segment("not_ev_certified", "Not EV-certified", months),
            ],
        };
        let mut unassigned = segment(UNASSIGNED.0, UNASSIGNED.1, months);
        let mut add = |slot: Option<usize>, rollup: &Rollup| match slot {
            Some(i) => segments[i].rollup += rollup,
            None => unassigned.rollup += rollup,
        };
        match self {
            // Group-level attributes: add group roll-ups (already summed) and orphan dealers.
            Segmentation::Region | Segmentation::Group | Segmentation::Tier => {
                for (g, rollup) in card.groups.iter().enumerate() {
                    let slot = match self {
                        Segmentation::Region => card.region_of_group[g],
                        Segmentation::Tier => Some(tier_slot(s.dealer_groups[g].tier)),
                        _ => Some(g),
                    };
                    add(slot, rollup);
                }
                for (d, rollup) in card.dealers.iter().enumerate() {
                    if card.group_of_dealer[d].is_none() {
                        add(None, rollup);
                    }
                }
            }
            // Dealer-level attributes: one pass over the dealers.
            Segmentation::Locale | Segmentation::SizeBand | Segmentation::EvCertified => {
                for (dealer, rollup) in s.dealers.iter().zip(&card.dealers) {
                    let slot = match self {
                        Segmentation::Locale => locale_slot(dealer.locale),
                        Segmentation::SizeBand => size_slot(dealer.size_band),
                        _ => usize::from(!dealer.ev_certified),
                    };
                    add(Some(slot), rollup);
                }
            }
        }
        if unassigned.rollup.dealers > 0 {
            segments.push(unassigned);
        }
        segments
    }
}

fn segment(key: &str, label: &str, months: u32) -> Segment {
    Segment {
        key: key.to_owned(),
        label: label.to_owned(),
        rollup: Rollup::default().with_period_months(months),
    }
}

fn tier_slot(tier: Tier) -> usize {
    match tier {
        Tier::Platinum => 0,
        Tier::Gold => 1,
        Tier::Silver => 2,
    }
}

fn locale_slot(locale: Locale) -> usize {
    match locale {
        Locale::Metro => 0,
        Locale::Rural => 1,
    }
}

fn size_slot(band: SizeBand) -> usize {
    match band {
        SizeBand::Small => 0,
        SizeBand::Medium => 1,
        SizeBand::Large => 2,
    }
}

fn tier_key(tier: Tier) -> (&'static str, &'static str) {
    match tier {
        Tier::Platinum => ("platinum", "Platinum"),
        Tier::Gold => ("gold", "Gold"),
        Tier::Silver => ("silver", "Silver"),
    }
}

fn locale_key(locale: Locale) -> (&'static str, &'static str) {
    match locale {
        Locale::Metro => ("metro", "Metro"),
        Locale::Rural => ("rural", "Rural"),
    }
}

fn size_key(band: SizeBand) -> (&'static str, &'static str) {
    match band {
        SizeBand::Small => ("small", "Small (<500 new/yr)"),
        SizeBand::Medium => ("medium", "Medium (500-1,500)"),
        SizeBand::Large => ("large", "Large (>1,500)"),
    }
}
