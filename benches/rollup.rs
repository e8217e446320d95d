//! Roll-up and compare costs on a 5,000-dealer ecosystem: building a period's scorecard, what
//! one frame of the dealers table reads, switching the compared period in a 36-month folder,
//! and trends over all months.
//!
//! Run: `cargo bench --bench rollup`. The snapshots are synthetic (a deterministic builder
//! below), so this bench does not depend on the sample generator.

use std::hint::black_box;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;

use ebr::compare::{Comparison, PeriodPair, Scorecards, trend};
use ebr::metrics::{Level, Metric, Scorecard, Segmentation};
use ebr::model::{
    Customers, DealStats, Dealer, DealerFacts, DealerGroup, Ecosystem, Granularity, Library,
    Locale, Money, PeriodId, Pipeline, Region, SizeBand, Snapshot, Tier,
};

const DEALERS: usize = 5_000;
const GROUPS: usize = 500;
const REGIONS: usize = 8;
const MONTHS: usize = 36;

/// A tiny deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % below.max(1)
    }

    fn money(&mut self, below: u64) -> Money {
        Money(Decimal::new(self.next(below * 100) as i64, 2))
    }

    fn deals(&mut self) -> DealStats {
        DealStats {
            opened: self.next(80),
            pipeline_value: self.money(3_000_000),
            won: self.next(20),
            lost: self.next(40),
            won_revenue: self.money(900_000),
            days_to_close_sum: self.next(600),
        }
    }
}

fn dealer(rng: &mut Rng, d: usize) -> Dealer {
    let mut facts = DealerFacts::default();
    facts.leads.oem = rng.next(300);
    facts.leads.dealer = rng.next(200);
    facts.leads.partner = rng.next(100);
    let leads = facts.leads.total();
    facts.leads_responded = rng.next(leads + 1);
    facts.leads_answered_in_sla = rng.next(facts.leads_responded + 1);
    facts.response_minutes_sum = facts.leads_responded * rng.next(60);
    facts.test_drives = rng.next(leads / 3 + 1);
    facts.quotes = rng.next(leads / 2 + 1);
    facts.sales.new = rng.next(120);
    facts.sales.used = rng.next(80);
    facts.sales.ev = rng.next(facts.sales.new / 10 + 1);
    facts.sales_from_leads = rng.next(leads / 8 + 1);
    facts.service_customers_due = rng.next(900);
    facts.service_customers_retained = rng.next(facts.service_customers_due + 1);
    facts.accessory_revenue = rng.money(80_000);
    facts.csat_responses = rng.next(200);
    facts.csat_score_sum = facts.csat_responses * (70 + rng.next(30));
    facts.marketing_spend.local = rng.money(60_000);
    facts.marketing_spend.coop = rng.money(20_000);
    facts.sales_consultants = 3 + rng.next(20);
    Dealer {
        id: format!("d{d:05}").as_str().into(),
        name: format!("Dealer {d}"),
        group: format!("g{:03}", d % GROUPS).as_str().into(),
        locale: if d.is_multiple_of(3) {
            Locale::Rural
        } else {
            Locale::Metro
        },
        size_band: [SizeBand::Small, SizeBand::Medium, SizeBand::Large][d % 3],
        ev_certified: d.is_multiple_of(2),
        facts,
        pipeline: Pipeline {
            partner_sourced: rng.deals(),
            partner_influenced: rng.deals(),
            no_partner: rng.deals(),
        },
        customers: Customers {
            active_owners: 2_000 + rng.next(8_000),
            owners_serviced_12m: rng.next(2_000),
            repeat_purchasers: rng.next(40),
            new_customers: rng.next(60),
            owner_service_gross: rng.money(200_000),
            owner_accessory_gross: rng.money(30_000),
            conquest_spend: rng.money(40_000),
            loyalty_spend: rng.money(15_000),
        },
        credits: Vec::new(),
        closed_on: None,
    }
}

fn snapshot(period: PeriodId, seed: u64) -> Snapshot {
    let mut rng = Rng(seed);
    let ecosystem = Ecosystem {
        id: "bench".into(),
        name: "Bench Motors".into(),
        oem: "Bench".into(),
        currency: "USD".into(),
    };
    let generated_at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let mut snapshot = Snapshot::empty(ecosystem, period, generated_at);
    snapshot.regions = (0..REGIONS)
        .map(|r| Region {
            id: format!("r{r}").as_str().into(),
            name: format!("Region {r}"),
        })
        .collect();
    snapshot.dealer_groups = (0..GROUPS)
        .map(|g| DealerGroup {
            id: format!("g{g:03}").as_str().into(),
            name: format!("Group {g}"),
            region: format!("r{}", g % REGIONS).as_str().into(),
            tier: [Tier::Platinum, Tier::Gold, Tier::Silver][g % 3],
        })
        .collect();
    snapshot.dealers = (0..DEALERS).map(|d| dealer(&mut rng, d)).collect();
    snapshot
}

const COLUMNS: [Metric; 8] = [
    Metric::Leads,
    Metric::SlaAdherence,
    Metric::ResponseMinutes,
    Metric::LeadToSale,
    Metric::SalesTotal,
    Metric::ServiceRetention,
    Metric::WonRevenue,
    Metric::CostPerSale,
];

fn months() -> Vec<PeriodId> {
    let first = PeriodId::month(2024, 1).unwrap();
    std::iter::successors(Some(first), |p| p.next())
        .take(MONTHS)
        .collect()
}

fn benches(c: &mut Criterion) {
    let one = Arc::new(snapshot(PeriodId::month(2026, 10).unwrap(), 7));
    c.bench_function("scorecard_new_5000_dealers", |b| {
        b.iter(|| Scorecard::new(black_box(Arc::clone(&one))))
    });

    let card = Scorecard::new(Arc::clone(&one));
    c.bench_function("frame_all_5000_dealer_rows_x8_metrics", |b| {
        b.iter(|| {
            let rows = card.dealers_under(black_box(&Level::Ecosystem));
            let mut shown = 0usize;
            for row in &rows {
                for metric in COLUMNS {
                    shown += usize::from(row.value(metric).is_some());
                }
            }
            shown
        })
    });
    c.bench_function("frame_40_visible_rows_x8_metrics_plus_cards", |b| {
        b.iter(|| {
            let rows = card.dealers_under(black_box(&Level::Ecosystem));
            let mut shown = 0usize;
            for row in rows.iter().take(40) {
                for metric in COLUMNS {
                    shown += usize::from(row.value(metric).is_some());
                }
            }
            for metric in COLUMNS {
                shown += usize::from(card.value(&Level::Ecosystem, metric).is_some());
            }
            shown
        })
    });
    c.bench_function("segments_all_six_first_use", |b| {
        b.iter_batched(
            || Scorecard::new(Arc::clone(&one)),
            |card| {
                for seg in Segmentation::ALL {
                    black_box(card.segments(seg));
                }
                card
            },
            BatchSize::LargeInput,
        )
    });

    let periods = months();
    let mut library = Library::new();
    for (i, &p) in periods.iter().enumerate() {
        library.insert(snapshot(p, i as u64)).unwrap();
    }
    let library = Arc::new(library);
    let current = *periods.last().unwrap();
    c.bench_function("switch_compared_period_36_months", |b| {
        let mut k = 0usize;
        b.iter_batched(
            || {
                // A folder already open on the current period; the compared one not built.
                let cards = Scorecards::new(Arc::clone(&library));
                cards.get(current);
                k = (k + 1) % (MONTHS - 1);
                (cards, periods[k])
            },
            |(cards, compared)| {
                let pair = PeriodPair {
                    current,
                    compared: Some(compared),
                };
                let cmp = Comparison::open(&cards, pair).unwrap();
                for metric in COLUMNS {
                    black_box(cmp.delta(&Level::Ecosystem, metric));
                }
                black_box(cmp.children(&Level::Ecosystem).len());
                cards
            },
            BatchSize::LargeInput,
        )
    });
    c.bench_function("trend_36_months_warm_all_then_series", |b| {
        b.iter_batched(
            || Scorecards::new(Arc::clone(&library)),
            |cards| {
                cards.warm(Granularity::Month);
                black_box(trend(
                    &cards,
                    Granularity::Month,
                    &Level::Ecosystem,
                    Metric::LeadToSale,
                ));
                cards
            },
            BatchSize::LargeInput,
        )
    });
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(group);
