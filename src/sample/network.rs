//! The network that does not change from month to month: regions, dealer groups, dealers with
//! their character (size, market, habits), actors and channels.

use crate::model::{
    Actor, ActorId, ActorKind, Channel, ChannelId, DealerGroup, DealerGroupId, DealerId, Locale,
    Region, RegionId, SizeBand, Tier,
};

use super::names::{GROUP_OWNERS, GROUP_SIZES, GROUP_SUFFIXES, REGIONS};
use super::rng::Rng;

/// Stream kinds, so each entity's random stream is distinct (see [`Rng::keyed`]).
pub(crate) mod stream {
    pub const DEALER: u64 = 1;
    pub const DEALER_MONTH: u64 = 2;
    pub const ECOSYSTEM_MONTH: u64 = 3;
    pub const PATHS: u64 = 4;
    pub const PATHS_MONTH: u64 = 5;
}

/// The actors every sample has, by position in [`Network::actors`].
pub(crate) mod actor {
    pub const OEM: usize = 0;
    pub const DEALERS: usize = 1;
    pub const CAPTIVE: usize = 2;
    pub const BANK: usize = 3;
    pub const MARKETPLACE: usize = 4;
    pub const FLEET: usize = 5;
}

/// The group whose lead handling lags the network (index within each cycle of 12 groups).
pub const POOR_SLA_GROUP: usize = 7;

/// One dealer's lasting character; the monthly facts are drawn around it.
#[derive(Clone, Debug)]
pub struct DealerProfile {
    pub id: DealerId,
    pub name: String,
    pub group: usize,
    pub locale: Locale,
    pub size_band: SizeBand,
    pub ev_certified: bool,
    /// Expected new vehicles retailed in an average month.
    pub base_new: f64,
    /// Used vehicles per new vehicle.
    pub used_ratio: f64,
    /// Fleet share of new sales.
    pub fleet_share: f64,
    /// Leads per new vehicle sold.
    pub leads_per_sale: f64,
    /// Share of leads that become a sale.
    pub close_rate: f64,
    /// Share of leads answered within the SLA before the CRM rollout.
    pub sla_base: f64,
    /// Average minutes to first answer before the CRM rollout.
    pub response_base: f64,
    /// How much of the CRM rollout's benefit the dealer takes up (0-1).
    pub rollout_uptake: f64,
    /// Share of recent buyers due for service who come back.
    pub retention_base: f64,
    /// Average CSAT score (0-100).
    pub csat_base: f64,
    /// Share of OEM campaigns joined.
    pub join_rate: f64,
    /// Marketing dollars per new vehicle retailed.
    pub spend_per_new: f64,
    /// Co-op share of marketing spend.
    pub coop_share: f64,
    pub consultants: u64,
    /// Active owners at the start of the sample.
    pub owners_base: f64,
    /// First month index the dealer reports (opened during the sample).
    pub opens_at: Option<usize>,
    /// Last month index the dealer reports (closed during the sample).
    pub closes_after: Option<usize>,
    /// A month index with no leads logged (a CRM sync outage).
    pub zero_leads_at: Option<usize>,
}

impl DealerProfile {
    /// Whether the dealer reports in month index `t`.
    pub fn present(&self, t: usize) -> bool {
        self.opens_at.is_none_or(|o| t >= o) && self.closes_after.is_none_or(|c| t <= c)
    }
}

/// Everything about the sample that is fixed for all its periods.
#[derive(Clone, Debug)]
pub struct Network {
    pub regions: Vec<Region>,
    pub groups: Vec<DealerGroup>,
    pub dealers: Vec<DealerProfile>,
    pub actors: Vec<Actor>,
    pub channels: Vec<Channel>,
}

fn width(n: usize, min: usize) -> usize {
    n.to_string().len().max(min)
}

impl Network {
    /// Builds the network of `dealers` rooftops for a sample of `months` months.
    pub fn build(seed: u64, dealers: usize, months: usize) -> Network {
        let region_count = dealers.div_ceil(12).clamp(1, REGIONS.len());
        let regions: Vec<Region> = REGIONS[..region_count]
            .iter()
            .map(|r| Region {
                id: RegionId(r.id.to_owned()),
                name: r.name.to_owned(),
            })
            .collect();

        // Dealers fill groups in order, group sizes cycling through GROUP_SIZES.
        let mut group_of = Vec::with_capacity(dealers);
        let mut group_sizes = Vec::new();
        while group_of.len() < dealers {
            let size = GROUP_SIZES[group_sizes.len() % GROUP_SIZES.len()];
            let take = size.min(dealers - group_of.len());
            group_of.extend(std::iter::repeat_n(group_sizes.len(), take));
            group_sizes.push(size);
        }
        // Each group goes to the region with the fewest dealers so far, so regions stay balanced.
        let mut region_load = vec![0usize; regions.len()];
        let region_of: Vec<usize> = group_sizes
            .iter()
            .map(|&size| {
                let r = (0..regions.len())
                    .min_by_key(|&r| (region_load[r], r))
                    .unwrap_or(0);
                region_load[r] += size;
                r
            })
            .collect();
        let gw = width(group_sizes.len(), 2);
        let groups: Vec<DealerGroup> = group_sizes
            .iter()
            .enumerate()
            .map(|(g, &size)| {
                let owner = GROUP_OWNERS[g % GROUP_OWNERS.len()];
                let suffix = GROUP_SUFFIXES[g % GROUP_SUFFIXES.len()];
                let round = g / GROUP_OWNERS.len();
                let name = if round == 0 {
                    format!("{owner} {suffix}")
                } else {
                    format!("{owner} {suffix} {}", round + 1)
                };
                DealerGroup {
                    id: DealerGroupId(format!("g{:0gw$}", g + 1)),
                    name,
                    region: regions[region_of[g]].id.clone(),
                    tier: match size {
                        7.. => Tier::Platinum,
                        5 | 6 => Tier::Gold,
                        _ => Tier::Silver,
                    },
                }
            })
            .collect();

        let dw = width(dealers, 3);
        let mut per_region = vec![0usize; regions.len()];
        let profiles = (0..dealers)
            .map(|i| {
                let g = group_of[i];
                let r = region_of[g];
                let k = per_region[r];
                per_region[r] += 1;
                let cities = REGIONS[r].cities;
                let (city, metro) = cities[k % cities.len()];
                let name = match k / cities.len() {
                    0 => format!("Aurora Motors of {city}"),
                    n => format!("Aurora Motors of {city} {}", n + 1),
                };
                let id = DealerId(format!("d{:0dw$}", i + 1));
                profile(seed, i, id, name, g, metro, groups[g].tier, months)
            })
            .collect();

        Network {
            regions,
            groups,
            dealers: profiles,
            actors: actors(),
            channels: channels(),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn profile(
    seed: u64,
    i: usize,
    id: DealerId,
    name: String,
    group: usize,
    metro: bool,
    tier: Tier,
    months: usize,
) -> DealerProfile {
    let mut rng = Rng::keyed(seed, &[stream::DEALER, i as u64]);
    let large_odds = match tier {
        Tier::Platinum => 0.45,
        Tier::Gold => 0.25,
        Tier::Silver => 0.1,
    };
    let roll = rng.unit();
    let size_band = if roll < large_odds * if metro { 1.0 } else { 0.4 } {
        SizeBand::Large
    } else if roll < 0.75 {
        SizeBand::Medium
    } else {
        SizeBand::Small
    };
    // Monthly new-vehicle volume: small < 500 a year, medium 500-1,500, large > 1,500.
    let base_new = match size_band {
        SizeBand::Small => rng.range(18.0, 38.0),
        SizeBand::Medium => rng.range(50.0, 110.0),
        SizeBand::Large => rng.range(135.0, 210.0),
    };
    let poor = group % GROUP_SIZES.len() == POOR_SLA_GROUP;
    let cycle = i % 60;
    let churn = months >= 4;
    DealerProfile {
        id,
        name,
        group,
        locale: if metro { Locale::Metro } else { Locale::Rural },
        size_band,
        ev_certified: rng.chance(if metro { 0.75 } else { 0.35 }),
        base_new,
        used_ratio: rng.range(0.75, 1.15),
        fleet_share: rng.range(0.02, if metro { 0.09 } else { 0.05 }),
        leads_per_sale: rng.range(3.0, 4.2),
        close_rate: rng.range(0.09, 0.135),
        sla_base: if poor {
            rng.range(0.44, 0.52)
        } else {
            rng.range(0.66, 0.78)
        },
        response_base: if poor {
            rng.range(210.0, 280.0)
        } else {
            rng.range(85.0, 150.0)
        },
        rollout_uptake: if poor {
            rng.range(0.2, 0.35)
        } else {
            rng.range(0.75, 1.0)
        },
        retention_base: rng.range(0.52, 0.63),
        csat_base: rng.range(84.0, 92.0),
        join_rate: match tier {
            Tier::Platinum => rng.range(0.75, 0.95),
            Tier::Gold => rng.range(0.6, 0.8),
            Tier::Silver => rng.range(0.4, 0.65),
        },
        spend_per_new: rng.range(520.0, 690.0),
        coop_share: rng.range(0.25, 0.4),
        consultants: match size_band {
            SizeBand::Small => 4 + rng.below(3),
            SizeBand::Medium => 9 + rng.below(5),
            SizeBand::Large => 18 + rng.below(9),
        },
        owners_base: base_new * 12.0 * rng.range(4.8, 6.2),
        opens_at: (churn && cycle == 59).then_some(months * 7 / 13),
        closes_after: (churn && cycle == 23).then_some(months * 9 / 13),
        zero_leads_at: (churn && cycle == 41).then_some(months * 8 / 13),
    }
}

fn actors() -> Vec<Actor> {
    let a = |id: &str, name: &str, kind| Actor {
        id: ActorId(id.to_owned()),
        name: name.to_owned(),
        kind,
    };
    vec![
        a("aurora-oem", "Aurora Motors (OEM)", ActorKind::Oem),
        a("dealer-network", "Dealer network", ActorKind::Dealer),
        a(
            "aurora-financial",
            "Aurora Financial Services",
            ActorKind::FinancePartner,
        ),
        a(
            "first-harbor-bank",
            "First Harbor Bank",
            ActorKind::FinancePartner,
        ),
        a("drivemarket", "DriveMarket", ActorKind::OtherPartner),
        a("fleetline", "Fleetline Leasing", ActorKind::OtherPartner),
    ]
}

/// Channel ids, names and owners (index into [`actors`]). Order matters: paths refer to it.
pub(crate) const CHANNELS: [(&str, &str, usize); 12] = [
    ("oem-search", "OEM paid search", actor::OEM),
    ("oem-social", "OEM paid social", actor::OEM),
    ("oem-ctv", "OEM connected TV", actor::OEM),
    ("oem-configurator", "Brand site configurator", actor::OEM),
    ("oem-email", "OEM owner email", actor::OEM),
    ("dealer-site", "Dealer website", actor::DEALERS),
    ("dealer-search", "Dealer paid search", actor::DEALERS),
    ("dealer-showroom", "Showroom visit", actor::DEALERS),
    (
        "captive-preapproval",
        "Aurora Financial pre-approval",
        actor::CAPTIVE,
    ),
    ("bank-loan-portal", "First Harbor loan portal", actor::BANK),
    (
        "marketplace-listing",
        "DriveMarket listing",
        actor::MARKETPLACE,
    ),
    ("fleet-portal", "Fleetline fleet portal", actor::FLEET),
];

fn channels() -> Vec<Channel> {
    let actors = actors();
    CHANNELS
        .iter()
        .map(|(id, name, owner)| Channel {
            id: ChannelId((*id).to_owned()),
            name: (*name).to_owned(),
            actor: actors[*owner].id.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_dealers_make_twelve_groups_in_five_regions() {
        let net = Network::build(1, 60, 13);
        assert_eq!(net.groups.len(), 12);
        assert_eq!(net.regions.len(), 5);
        let tiers: Vec<Tier> = net.groups.iter().map(|g| g.tier).collect();
        for tier in [Tier::Platinum, Tier::Gold, Tier::Silver] {
            assert!(tiers.contains(&tier), "{tier:?} missing");
        }
        let names: std::collections::BTreeSet<&str> =
            net.dealers.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names.len(), 60, "dealer names are unique");
    }

    #[test]
    fn one_dealer_opens_and_one_closes_during_the_sample() {
        let net = Network::build(1, 60, 13);
        let opens: Vec<usize> = net.dealers.iter().filter_map(|d| d.opens_at).collect();
        let closes: Vec<usize> = net.dealers.iter().filter_map(|d| d.closes_after).collect();
        assert_eq!(opens, vec![7]);
        assert_eq!(closes, vec![9]);
        let tiny = Network::build(1, 60, 2);
        assert!(tiny.dealers.iter().all(|d| d.present(0) && d.present(1)));
    }
}
