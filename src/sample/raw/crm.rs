//! The CRM's exports (leads, test drives and quotes, the opportunities' status changes) and the
//! finance partners' offers, per dealer and month.

use std::path::Path;

use chrono::{Duration, NaiveDateTime};

use crate::model::{ActorKind, DealStats, Dealer, PeriodId, Snapshot};

use super::super::SampleError;
use super::table::{Split, Table, add_days, part, pick, prefix, spread, sub_days};
use super::{Ctx, RawFile};

pub fn write(ctx: &Ctx, dir: &Path) -> Result<Vec<RawFile>, SampleError> {
    Ok(vec![
        leads(ctx, dir)?,
        activities(ctx, dir)?,
        opportunities(ctx, dir)?,
        offers(ctx, dir)?,
    ])
}

/// The id of lead `k` of a dealer's month: deals and activities refer to leads by it.
pub fn lead_prefix(dealer: &Dealer, period: PeriodId) -> String {
    prefix(dealer.id.as_str(), period, "L")
}

/// The channels a lead of each source can come in through: the OEM's, the dealers', the partners'.
struct LeadChannels<'a> {
    oem: Vec<&'a str>,
    dealer: Vec<&'a str>,
    partner: Vec<&'a str>,
}

impl<'a> LeadChannels<'a> {
    fn of(snapshot: &'a Snapshot) -> LeadChannels<'a> {
        let owned_by = |kinds: &[ActorKind]| -> Vec<&'a str> {
            snapshot
                .channels
                .iter()
                .filter(|c| {
                    snapshot
                        .actors
                        .iter()
                        .any(|a| a.id == c.actor && kinds.contains(&a.kind))
                })
                .map(|c| c.id.as_str())
                .collect()
        };
        LeadChannels {
            oem: owned_by(&[ActorKind::Oem]),
            dealer: owned_by(&[ActorKind::Dealer]),
            partner: owned_by(&[ActorKind::FinancePartner, ActorKind::OtherPartner]),
        }
    }
}

/// The `k`-th entry of `list`, cycling; empty when the list is.
fn cycle<'a>(list: &[&'a str], k: u64) -> &'a str {
    match list.len() {
        0 => "",
        n => list[(k % n as u64) as usize],
    }
}

/// Leads, by source in blocks; responses spread over them, the SLA met by a spread share of the
/// responses. Each responded lead takes an equal share of the month's response minutes; its SLA
/// due time falls on or after the response when met, before it when missed.
fn leads(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "crm_leads",
        &[
            "lead_id",
            "dealer_id",
            "source",
            "channel_id",
            "created_at",
            "first_response_at",
            "sla_due_at",
        ],
    )?;
    let Some(latest) = ctx.latest() else {
        return t.finish();
    };
    let channels = LeadChannels::of(latest);
    for month in &ctx.months {
        let period = month.period.id;
        for d in &month.dealers {
            let f = &d.facts;
            let n = f.leads.total();
            let id = lead_prefix(d, period);
            let responded = f.leads_responded;
            let mut answered = 0;
            for k in 0..n {
                let (source, list) = if k < f.leads.oem {
                    ("oem", &channels.oem)
                } else if k < f.leads.oem + f.leads.dealer {
                    ("dealer", &channels.dealer)
                } else {
                    ("partner", &channels.partner)
                };
                let created = spread(period, k, n);
                let (first, due) = if pick(k, responded, n) {
                    let minutes = part(f.response_minutes_sum, responded, answered);
                    let met = pick(answered, f.leads_answered_in_sla, responded);
                    answered += 1;
                    (Some(plus(created, minutes)), sla_due(created, minutes, met))
                } else {
                    (None, plus(created, 60))
                };
                t.row()
                    .id(&id, k)
                    .str(d.id.as_str())
                    .str(source)
                    .str(cycle(list, k))
                    .at(created)
                    .opt_at(first)
                    .at(due)
                    .end();
            }
        }
    }
    t.finish()
}

fn plus(at: NaiveDateTime, minutes: u64) -> NaiveDateTime {
    at + Duration::minutes(i64::try_from(minutes).unwrap_or(0))
}

/// The SLA due time of a lead answered after `minutes`: the next half hour at or after the
/// answer when the SLA was met, the last half hour before it when it was missed.
fn sla_due(created: NaiveDateTime, minutes: u64, met: bool) -> NaiveDateTime {
    match (met, minutes) {
        (true, m) => plus(created, m.max(1).div_ceil(30) * 30),
        (false, 0) => created - Duration::minutes(1),
        (false, m) => plus(created, (m - 1) / 30 * 30),
    }
}

/// Test drives and quotes; the first ones of the month belong to its leads, the others are
/// walk-ins without a lead.
fn activities(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "crm_activities",
        &["activity_id", "dealer_id", "lead_id", "kind", "occurred_at"],
    )?;
    let mut lead = String::new();
    for month in &ctx.months {
        let period = month.period.id;
        for d in &month.dealers {
            let f = &d.facts;
            let id = prefix(d.id.as_str(), period, "A");
            let leads = lead_prefix(d, period);
            let mut serial = 0;
            for (kind, n) in [("test_drive", f.test_drives), ("quote", f.quotes)] {
                for k in 0..n {
                    lead.clear();
                    if k < f.leads.total() {
                        lead.push_str(&leads);
                        lead.push_str(&k.to_string());
                    }
                    t.row()
                        .id(&id, serial)
                        .str(d.id.as_str())
                        .str(&lead)
                        .str(kind)
                        .at(spread(period, k, n))
                        .end();
                    serial += 1;
                }
            }
        }
    }
    t.finish()
}

/// Opportunities opened in the month per partner role, the won and lost ones among them closing
/// in the same month: won after an equal share of the month's days to close, counted from the
/// lead's creation.
fn opportunities(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "crm_opportunity_history",
        &[
            "opportunity_id",
            "dealer_id",
            "partner_role",
            "event",
            "occurred_at",
            "amount",
            "lead_created_on",
        ],
    )?;
    for month in &ctx.months {
        let period = month.period.id;
        for d in &month.dealers {
            let p = &d.pipeline;
            for (role, code, stats) in [
                ("sourced", "OS", &p.partner_sourced),
                ("influenced", "OI", &p.partner_influenced),
                ("none", "ON", &p.no_partner),
            ] {
                let id = prefix(d.id.as_str(), period, code);
                bucket(&mut t, d, period, role, &id, stats);
            }
        }
    }
    t.finish()
}

fn bucket(t: &mut Table, d: &Dealer, period: PeriodId, role: &str, id: &str, s: &DealStats) {
    let pipeline = Split::new(s.pipeline_value, s.opened);
    let revenue = Split::new(s.won_revenue, s.won);
    let zero = rust_decimal::Decimal::ZERO;
    let (mut won, mut other) = (0, 0);
    for j in 0..s.opened {
        let opened = spread(period, j, s.opened);
        let row = |t: &mut Table, event, at: NaiveDateTime, amount, lead| {
            t.row()
                .id(id, j)
                .str(d.id.as_str())
                .str(role)
                .str(event)
                .at(at)
                .decimal(amount)
                .opt_date(lead)
                .end();
        };
        row(t, "opened", opened, pipeline.line(j), None);
        if pick(j, s.won, s.opened) {
            let days = part(s.days_to_close_sum, s.won, won);
            let closed = add_days(opened.date(), days).min(period.end());
            let at = closed.and_time(opened.time());
            row(
                t,
                "won",
                at,
                revenue.line(won),
                Some(sub_days(closed, days)),
            );
            won += 1;
        } else {
            if pick(other, s.lost, s.opened - s.won) {
                let closed = add_days(opened.date(), 14).min(period.end());
                row(t, "lost", closed.and_time(opened.time()), zero, None);
            }
            other += 1;
        }
    }
}

/// Finance offers made in the month, alternating between the finance partners; the accepted
/// ones (spread over them) accepted a day later.
fn offers(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "finance_offers",
        &[
            "offer_id",
            "dealer_id",
            "partner_id",
            "made_at",
            "accepted_at",
        ],
    )?;
    let Some(latest) = ctx.latest() else {
        return t.finish();
    };
    let partners: Vec<&str> = latest
        .actors
        .iter()
        .filter(|a| a.kind == ActorKind::FinancePartner)
        .map(|a| a.id.as_str())
        .collect();
    for month in &ctx.months {
        let period = month.period.id;
        for d in &month.dealers {
            let f = &d.facts;
            let id = prefix(d.id.as_str(), period, "F");
            for k in 0..f.offers_made {
                let made = spread(period, k, f.offers_made);
                let accepted =
                    pick(k, f.offers_accepted, f.offers_made).then(|| made + Duration::days(1));
                t.row()
                    .id(&id, k)
                    .str(d.id.as_str())
                    .str(cycle(&partners, k))
                    .at(made)
                    .opt_at(accepted)
                    .end();
            }
        }
    }
    t.finish()
}
