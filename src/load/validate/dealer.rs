//! One dealer's facts: bounds, signs, and parts never larger than their wholes.

use super::{Checker, sum_money};
use crate::model::{CreditRole, DealStats, Dealer, DealerFacts};

/// Checks one dealer (the checker is at `dealers[i]`).
pub(super) fn check(c: &mut Checker, d: &Dealer) {
    if d.facts == DealerFacts::default() {
        c.warn(
            "facts",
            "every fact is 0: expected figures for an active dealer (was the dealer missing from the feed?)"
                .to_owned(),
        );
    }
    if let Some(gap) = crate::metrics::LeadGap::of(&d.facts) {
        if crate::metrics::LeadGap::no_leads_at_all(&d.facts) {
            let message = format!(
                "no leads logged but {} test drives and {} quotes: a gap in the lead feed (CRM \
                 outage?); they are kept out of lead-based rates",
                d.facts.test_drives, d.facts.quotes
            );
            c.within("facts", |c| c.warn("leads", message));
        } else {
            let message = format!(
                "{} test drives and {} quotes logged in months with no leads logged: a gap in \
                 the lead feed (CRM outage?); they are kept out of lead-based rates",
                gap.test_drives, gap.quotes
            );
            c.within("facts", |c| c.warn("without_leads", message));
        }
    }
    c.within("facts", |c| facts(c, &d.facts));
    c.within("pipeline", |c| {
        c.within("partner_sourced", |c| deals(c, &d.pipeline.partner_sourced));
        c.within("partner_influenced", |c| {
            deals(c, &d.pipeline.partner_influenced)
        });
        c.within("no_partner", |c| deals(c, &d.pipeline.no_partner));
    });
    c.within("customers", |c| {
        let k = &d.customers;
        c.count("active_owners", k.active_owners);
        c.count("owners_serviced_12m", k.owners_serviced_12m);
        c.count("repeat_purchasers", k.repeat_purchasers);
        c.count("new_customers", k.new_customers);
        c.at_most(
            "owners_serviced_12m",
            k.owners_serviced_12m,
            "active_owners",
            k.active_owners,
        );
        // Gross profit can be a loss; spend cannot be negative.
        c.money("owner_service_gross", k.owner_service_gross, true);
        c.money("owner_accessory_gross", k.owner_accessory_gross, true);
        c.money("conquest_spend", k.conquest_spend, false);
        c.money("loyalty_spend", k.loyalty_spend, false);
    });
    credits(c, d);
}

/// A dealer's closing day, if any, lies in the period and before its last day (a dealer open at
/// the end has none).
pub(super) fn closed_on(c: &mut Checker, d: &Dealer, period: &crate::model::PeriodInfo) {
    if let Some(day) = d.closed_on
        && (day < period.start || day >= period.end)
    {
        c.error(
            "closed_on",
            format!(
                "found {day}: a dealer's closing day lies in the period and before its last day \
                 ({} to {}); a dealer open at the end has no closed_on",
                period.start, period.end
            ),
        );
    }
}

fn facts(c: &mut Checker, f: &DealerFacts) {
    c.within("leads", |c| {
        c.count("oem", f.leads.oem);
        c.count("dealer", f.leads.dealer);
        c.count("partner", f.leads.partner);
    });
    let counts = [
        ("leads_responded", f.leads_responded),
        ("leads_answered_in_sla", f.leads_answered_in_sla),
        ("response_minutes_sum", f.response_minutes_sum),
        ("test_drives", f.test_drives),
        ("quotes", f.quotes),
        ("offers_made", f.offers_made),
        ("offers_accepted", f.offers_accepted),
        ("sales_from_leads", f.sales_from_leads),
        ("service_repair_orders", f.service_repair_orders),
        ("service_customers_due", f.service_customers_due),
        ("service_customers_retained", f.service_customers_retained),
        ("campaigns_offered", f.campaigns_offered),
        ("campaigns_joined", f.campaigns_joined),
        ("csat_responses", f.csat_responses),
        ("csat_score_sum", f.csat_score_sum),
        ("sales_consultants", f.sales_consultants),
    ];
    for (field, value) in counts {
        c.count(field, value);
    }
    c.within("without_leads", |c| {
        let w = &f.without_leads;
        c.count("test_drives", w.test_drives);
        c.count("quotes", w.quotes);
        c.at_most(
            "test_drives",
            w.test_drives,
            "facts.test_drives",
            f.test_drives,
        );
        c.at_most("quotes", w.quotes, "facts.quotes", f.quotes);
    });
    c.within("sales", |c| {
        c.count("new", f.sales.new);
        c.count("used", f.sales.used);
        c.count("ev", f.sales.ev);
        c.count("fleet", f.sales.fleet);
        c.at_most("ev", f.sales.ev, "sales.new", f.sales.new);
        c.at_most("fleet", f.sales.fleet, "sales.new", f.sales.new);
    });
    // Saturating: the bound checks above report absurd figures; the sum must not panic.
    let leads = f
        .leads
        .oem
        .saturating_add(f.leads.dealer)
        .saturating_add(f.leads.partner);
    let leads_name = "the leads received (leads.oem + leads.dealer + leads.partner)";
    c.at_most("leads_responded", f.leads_responded, leads_name, leads);
    c.at_most(
        "leads_answered_in_sla",
        f.leads_answered_in_sla,
        "leads_responded",
        f.leads_responded,
    );
    c.at_most(
        "offers_accepted",
        f.offers_accepted,
        "offers_made",
        f.offers_made,
    );
    c.at_most("sales_from_leads", f.sales_from_leads, leads_name, leads);
    c.at_most(
        "service_customers_retained",
        f.service_customers_retained,
        "service_customers_due",
        f.service_customers_due,
    );
    c.at_most(
        "campaigns_joined",
        f.campaigns_joined,
        "campaigns_offered",
        f.campaigns_offered,
    );
    c.at_most(
        "csat_score_sum",
        f.csat_score_sum,
        "100 × csat_responses (each score is 0-100)",
        f.csat_responses.saturating_mul(100),
    );
    c.money("accessory_revenue", f.accessory_revenue, false);
    c.within("marketing_spend", |c| {
        c.money("local", f.marketing_spend.local, false);
        c.money("coop", f.marketing_spend.coop, false);
    });
}

fn deals(c: &mut Checker, s: &DealStats) {
    c.count("opened", s.opened);
    c.count("won", s.won);
    c.count("lost", s.lost);
    c.count("days_to_close_sum", s.days_to_close_sum);
    c.money("pipeline_value", s.pipeline_value, false);
    c.money("won_revenue", s.won_revenue, false);
    let closed = s.won.saturating_add(s.lost);
    if closed > s.opened {
        c.error(
            "won",
            format!(
                "found won + lost = {} + {} = {closed}, expected at most opened = {}",
                s.won, s.lost, s.opened
            ),
        );
    }
}

/// Credit amounts are not negative, and sourced credit stays within the booked totals.
fn credits(c: &mut Checker, d: &Dealer) {
    c.within("credits", |c| {
        for (i, credit) in d.credits.iter().enumerate() {
            c.within(i, |c| {
                c.money("pipeline", credit.pipeline, false);
                c.money("revenue", credit.revenue, false);
            });
        }
    });
    let sourced = || d.credits.iter().filter(|k| k.role == CreditRole::Sourced);
    if sourced().next().is_none() {
        return;
    }
    let p = &d.pipeline;
    let parts = [&p.partner_sourced, &p.partner_influenced, &p.no_partner];
    let booked_pipeline = sum_money(parts.iter().map(|s| &s.pipeline_value));
    let booked_revenue = sum_money(parts.iter().map(|s| &s.won_revenue));
    let credited_pipeline = sum_money(sourced().map(|k| &k.pipeline));
    let credited_revenue = sum_money(sourced().map(|k| &k.revenue));
    // `None` means an amount out of bounds, already reported.
    if let (Some(credited), Some(booked)) = (credited_pipeline, booked_pipeline)
        && credited > booked
    {
        c.error(
            "credits",
            format!("sourced credit on pipeline sums to {credited}, expected at most the booked pipeline value = {booked} (pipeline_value of all deals): a deal has one source"),
        );
    }
    if let (Some(credited), Some(booked)) = (credited_revenue, booked_revenue)
        && credited > booked
    {
        c.error(
            "credits",
            format!("sourced credit on revenue sums to {credited}, expected at most the booked revenue = {booked} (won_revenue of all deals): a deal has one source"),
        );
    }
}
