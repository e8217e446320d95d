//! How a quarter's snapshot is made from its three monthly snapshots.
//!
//! The rule (also in `data/README.md` and `docs/snapshot-format.md`):
//!
//! - **Flows are summed**: leads, responses, sales, money, spend, repair orders, pipeline, credits,
//!   customers won and their gross, journey stage counts, revenue, cost and handoffs, conversion
//!   paths (conversions, value, nulls), P&L revenue and margin, hours saved.
//! - **Stocks are taken from the quarter's last month**: a dealer's active owners, owners serviced
//!   in 12 months and sales consultants (from the last month the dealer reported, for a dealer
//!   that closed during the quarter), the stack's seats, active users and dealers adopted, the
//!   maturity assessments, targets, cost to serve and cost per hour, the hierarchy's names.
//! - **A month's gap in the lead feed is carried**: the test drives and quotes of a month in which
//!   a dealer logged no leads go into the quarter's `facts.without_leads` (summed leads hide it).
//! - **Annual tool costs stay annual**: a tool's cost is its annual run rate in every period.
//!
//! Lists are matched by key (actor and role, journey id, stage name, handoff, path touches, value
//! driver) and keep the order in which keys first appear; dealers are listed in id order.

use std::collections::BTreeMap;

use crate::model::{
    Attribution, Credit, Dealer, DriverOutcome, Handoff, Journey, PeriodId, PeriodInfo, PnlInputs,
    Snapshot, Stage, WithoutLeads,
};

/// Adds `part` into the entry of `list` that is `same` as it, or appends it. Compares by
/// reference, so keys are never cloned (paths are compared touch by touch).
fn merge_by<T: Clone>(
    list: &mut Vec<T>,
    part: &T,
    same: impl Fn(&T, &T) -> bool,
    add: impl Fn(&mut T, &T),
) {
    match list.iter_mut().find(|item| same(item, part)) {
        Some(item) => add(item, part),
        None => list.push(part.clone()),
    }
}

fn add_credit(total: &mut Credit, part: &Credit) {
    total.pipeline += part.pipeline;
    total.revenue += part.revenue;
}

/// The test drives and quotes a month's dealer logged without leads, as a quarter carries them.
fn without_leads(month: &Dealer) -> WithoutLeads {
    crate::metrics::LeadGap::of(&month.facts).map_or_else(WithoutLeads::default, |gap| {
        WithoutLeads {
            test_drives: gap.test_drives,
            quotes: gap.quotes,
        }
    })
}

/// A dealer's first month in the quarter: its figures, with its gap in the lead feed carried.
fn first_month(month: &Dealer) -> Dealer {
    let mut dealer = month.clone();
    dealer.facts.without_leads = without_leads(month);
    dealer
}

fn add_dealer(total: &mut Dealer, part: &Dealer) {
    // Stocks come from the later month: keep them aside, sum everything, put them back.
    let consultants = part.facts.sales_consultants;
    let owners = part.customers.active_owners;
    let serviced = part.customers.owners_serviced_12m;
    // A month without leads is hidden once the months' leads are summed: carry its test
    // drives and quotes as the quarter's gap in the lead feed.
    let without_leads = total.facts.without_leads.clone() + without_leads(part);
    total.facts += &part.facts;
    total.facts.without_leads = without_leads;
    total.pipeline += &part.pipeline;
    total.customers += &part.customers;
    total.facts.sales_consultants = consultants;
    total.customers.active_owners = owners;
    total.customers.owners_serviced_12m = serviced;
    total.name.clone_from(&part.name);
    total.group.clone_from(&part.group);
    total.locale = part.locale;
    total.size_band = part.size_band;
    total.ev_certified = part.ev_certified;
    for credit in &part.credits {
        merge_by(
            &mut total.credits,
            credit,
            |a, b| a.actor == b.actor && a.role == b.role,
            add_credit,
        );
    }
}

fn add_handoff(total: &mut Handoff, part: &Handoff) {
    total.total += part.total;
    total.met += part.met;
}

fn add_journey(total: &mut Journey, part: &Journey) {
    total.revenue += part.revenue;
    total.cost += part.cost;
    total.gross_margin += part.gross_margin;
    for stage in &part.stages {
        merge_by(
            &mut total.stages,
            stage,
            |a, b| a.name == b.name,
            |t: &mut Stage, p| t.count += p.count,
        );
    }
    for handoff in &part.handoffs {
        merge_by(
            &mut total.handoffs,
            handoff,
            |a, b| a.name == b.name && a.from == b.from && a.to == b.to,
            add_handoff,
        );
    }
}

fn add_paths(total: &mut Attribution, part: &Attribution) {
    for path in &part.paths {
        merge_by(
            &mut total.paths,
            path,
            |a, b| a.touches == b.touches,
            |t, p| {
                t.conversions += p.conversions;
                t.value += p.value;
                t.nulls += p.nulls;
            },
        );
    }
}

fn add_pnl(total: &mut PnlInputs, part: &PnlInputs) {
    for driver in &part.drivers {
        merge_by(
            &mut total.drivers,
            driver,
            |a, b| a.driver == b.driver,
            |t: &mut DriverOutcome, p| {
                t.revenue += p.revenue;
                t.gross_margin += p.gross_margin;
                t.attributed_margin += p.attributed_margin;
            },
        );
    }
    total.productivity.hours_saved += part.productivity.hours_saved;
    total.productivity.cost_per_hour = part.productivity.cost_per_hour;
    total.cost_to_serve = part.cost_to_serve.clone();
}

/// The snapshot of `quarter` from its months, earliest first. Provenance and commentary are
/// the last month's until the caller replaces them. `None` when `months` is empty.
pub fn roll_up(quarter: PeriodId, months: &[&Snapshot]) -> Option<Snapshot> {
    let (last, _) = months.split_last()?;
    let mut dealers: BTreeMap<&str, Dealer> = BTreeMap::new();
    // The last day of the last month each dealer reported.
    let mut last_seen: BTreeMap<&str, chrono::NaiveDate> = BTreeMap::new();
    let mut journeys: Vec<Journey> = Vec::new();
    let mut attribution = Attribution::default();
    let mut pnl = PnlInputs::default();
    for month in months {
        for dealer in &month.dealers {
            last_seen.insert(dealer.id.as_str(), month.period.end);
            match dealers.get_mut(dealer.id.as_str()) {
                Some(total) => add_dealer(total, dealer),
                None => {
                    dealers.insert(dealer.id.as_str(), first_month(dealer));
                }
            }
        }
        for journey in &month.journeys {
            merge_by(&mut journeys, journey, |a, b| a.id == b.id, add_journey);
        }
        add_paths(&mut attribution, &month.attribution);
        add_pnl(&mut pnl, &month.pnl);
    }
    Some(Snapshot {
        schema_version: last.schema_version,
        ecosystem: last.ecosystem.clone(),
        period: PeriodInfo {
            id: quarter,
            start: quarter.start(),
            end: quarter.end(),
            fiscal_year_start_month: last.period.fiscal_year_start_month,
        },
        provenance: last.provenance.clone(),
        commentary: last.commentary.clone(),
        regions: last.regions.clone(),
        dealer_groups: last.dealer_groups.clone(),
        dealers: dealers
            .into_iter()
            .map(|(id, mut dealer)| {
                // A dealer missing from the last month closed after the last month it reported.
                dealer.closed_on = last_seen
                    .get(id)
                    .copied()
                    .filter(|&day| day < last.period.end);
                dealer
            })
            .collect(),
        actors: last.actors.clone(),
        channels: last.channels.clone(),
        journeys,
        attribution,
        stack: last.stack.clone(),
        pnl,
        maturity: last.maturity.clone(),
        targets: last.targets.clone(),
    })
}
