//! The DMS's exports (vehicles retailed, repair orders, parts invoices, service reminders, the
//! owner base report) and the HR headcount report, per dealer and month.

use std::path::Path;

use rust_decimal::prelude::ToPrimitive;

use crate::model::Money;

use super::super::SampleError;
use super::crm::lead_prefix;
use super::table::{Split, Table, pick, prefix, spread, spread_day};
use super::{Ctx, RawFile};

pub fn write(ctx: &Ctx, dir: &Path) -> Result<Vec<RawFile>, SampleError> {
    Ok(vec![
        deals(ctx, dir)?,
        repair_orders(ctx, dir)?,
        parts_invoices(ctx, dir)?,
        reminders(ctx, dir)?,
        stocks(ctx, dir)?,
        headcount(ctx, dir)?,
    ])
}

/// Vehicles retailed: the new ones first, EVs spread over them from the start, fleet deals from
/// the end; the deals from leads and the repeat customers spread over all deals. A deal from a
/// lead names one of the month's leads, in order.
fn deals(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "dms_deals",
        &[
            "deal_id",
            "dealer_id",
            "sold_at",
            "condition",
            "ev",
            "fleet",
            "lead_id",
            "repeat_customer",
        ],
    )?;
    let mut lead = String::new();
    for month in &ctx.months {
        let period = month.period.id;
        for d in &month.dealers {
            let s = &d.facts.sales;
            let sold = s.new + s.used;
            let id = prefix(d.id.as_str(), period, "S");
            let leads = lead_prefix(d, period);
            let mut from_leads = 0;
            for k in 0..sold {
                let new = k < s.new;
                lead.clear();
                if pick(k, d.facts.sales_from_leads, sold) {
                    lead.push_str(&leads);
                    lead.push_str(&from_leads.to_string());
                    from_leads += 1;
                }
                t.row()
                    .id(&id, k)
                    .str(d.id.as_str())
                    .at(spread(period, k, sold))
                    .str(if new { "new" } else { "used" })
                    .flag(new && pick(k, s.ev, s.new))
                    .flag(new && pick(s.new - 1 - k, s.fleet, s.new))
                    .str(&lead)
                    .flag(pick(k, d.customers.repeat_purchasers, sold))
                    .end();
            }
        }
    }
    t.finish()
}

/// Repair orders: four in five from existing owners (at least one when there is any), whose
/// gross adds up to the owners' service gross; the others carry an owner's average gross.
fn repair_orders(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "dms_repair_orders",
        &[
            "repair_order_id",
            "dealer_id",
            "closed_at",
            "existing_owner",
            "gross",
        ],
    )?;
    for month in &ctx.months {
        let period = month.period.id;
        for d in &month.dealers {
            let n = d.facts.service_repair_orders;
            let owners = if n == 0 { 0 } else { (n * 4 / 5).max(1) };
            let gross = Split::new(d.customers.owner_service_gross, owners);
            let average = gross.line(owners.saturating_sub(1));
            let id = prefix(d.id.as_str(), period, "R");
            let mut owner = 0;
            for k in 0..n {
                let existing = pick(k, owners, n);
                let amount = if existing {
                    owner += 1;
                    gross.line(owner - 1)
                } else {
                    average
                };
                t.row()
                    .id(&id, k)
                    .str(d.id.as_str())
                    .at(spread(period, k, n))
                    .flag(existing)
                    .decimal(amount)
                    .end();
            }
        }
    }
    t.finish()
}

/// How many invoices an amount of accessories makes: about one per $500, at least one.
fn invoices_for(revenue: Money) -> u64 {
    let dollars = revenue.amount().to_u64().unwrap_or(0);
    (dollars / 500).clamp(1, 2_000)
}

/// Parts and accessories invoices: revenue and the owners' gross split over the same invoices.
fn parts_invoices(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "dms_parts_invoices",
        &[
            "invoice_id",
            "dealer_id",
            "invoiced_at",
            "revenue",
            "owner_gross",
        ],
    )?;
    for month in &ctx.months {
        let period = month.period.id;
        for d in &month.dealers {
            let revenue = d.facts.accessory_revenue;
            let owner_gross = d.customers.owner_accessory_gross;
            if revenue == Money::ZERO && owner_gross == Money::ZERO {
                continue;
            }
            let n = invoices_for(revenue);
            let (revenue, owner_gross) = (Split::new(revenue, n), Split::new(owner_gross, n));
            let id = prefix(d.id.as_str(), period, "P");
            for k in 0..n {
                t.row()
                    .id(&id, k)
                    .str(d.id.as_str())
                    .at(spread(period, k, n))
                    .decimal(revenue.line(k))
                    .decimal(owner_gross.line(k))
                    .end();
            }
        }
    }
    t.finish()
}

/// Owners due for service in the month; the retained ones spread over them.
fn reminders(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "service_reminders",
        &["reminder_id", "dealer_id", "due_on", "serviced"],
    )?;
    for month in &ctx.months {
        let period = month.period.id;
        for d in &month.dealers {
            let f = &d.facts;
            let n = f.service_customers_due;
            let id = prefix(d.id.as_str(), period, "M");
            for k in 0..n {
                t.row()
                    .id(&id, k)
                    .str(d.id.as_str())
                    .date(spread_day(period, k, n))
                    .flag(pick(k, f.service_customers_retained, n))
                    .end();
            }
        }
    }
    t.finish()
}

/// The owner base report, at the end of every month a dealer reports.
fn stocks(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "owner_base",
        &["dealer_id", "as_of", "active_owners", "serviced_12m"],
    )?;
    for month in &ctx.months {
        for d in &month.dealers {
            t.row()
                .str(d.id.as_str())
                .date(month.period.end)
                .num(d.customers.active_owners)
                .num(d.customers.owners_serviced_12m)
                .end();
        }
    }
    t.finish()
}

/// Sales consultants on the payroll, at the end of every month a dealer reports.
fn headcount(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "dealer_headcount",
        &["dealer_id", "as_of", "sales_consultants"],
    )?;
    for month in &ctx.months {
        for d in &month.dealers {
            t.row()
                .str(d.id.as_str())
                .date(month.period.end)
                .num(d.facts.sales_consultants)
                .end();
        }
    }
    t.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_one_invoice_per_five_hundred_dollars() {
        assert_eq!(invoices_for(Money::from(0)), 1);
        assert_eq!(invoices_for(Money::from(1_499)), 2);
        assert_eq!(invoices_for(Money::from(10_000_000)), 2_000);
    }
}
