//! What users of the generator rely on: the same spec gives the same bytes, every snapshot obeys
//! the format's rules (parts ≤ wholes, no dangling ids...), and quarters follow the documented
//! flows-summed / stocks-from-last-month rule.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;
use crate::model::{CreditRole, DealStats, Money, Snapshot};

/// Every rule the loader's validation applies, checked independently; returns the breaches.
fn breaches(s: &Snapshot) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok {
            out.push(format!("{}: {what}", s.period.id));
        }
    };
    let p = s.period.id;
    check(
        s.period.start == p.start() && s.period.end == p.end(),
        "period dates".into(),
    );
    check(
        s.provenance.generated_at.date_naive() >= p.start(),
        "generated_at".into(),
    );
    for src in &s.provenance.sources {
        check(src.as_of >= p.start(), format!("as_of of {}", src.name));
    }
    fn unique<'a>(ids: impl Iterator<Item = &'a str>) -> (bool, BTreeSet<&'a str>) {
        let mut set = BTreeSet::new();
        let dupes = ids.filter(|&id| !set.insert(id)).count();
        let all_new = dupes == 0;
        (all_new, set)
    }
    let (ok, regions) = unique(s.regions.iter().map(|r| r.id.as_str()));
    check(ok, "region ids unique".into());
    let (ok, groups) = unique(s.dealer_groups.iter().map(|g| g.id.as_str()));
    check(ok, "group ids unique".into());
    let (ok, _) = unique(s.dealers.iter().map(|d| d.id.as_str()));
    check(ok, "dealer ids unique".into());
    let (ok, actors) = unique(s.actors.iter().map(|a| a.id.as_str()));
    check(ok, "actor ids unique".into());
    let (ok, channels) = unique(s.channels.iter().map(|c| c.id.as_str()));
    check(ok, "channel ids unique".into());
    check(
        unique(s.journeys.iter().map(|j| j.id.as_str())).0,
        "journey ids".into(),
    );
    check(
        unique(s.stack.iter().map(|t| t.id.as_str())).0,
        "tool ids".into(),
    );
    for g in &s.dealer_groups {
        check(
            regions.contains(g.region.as_str()),
            format!("{} region", g.id),
        );
    }
    for c in &s.channels {
        check(actors.contains(c.actor.as_str()), format!("{} owner", c.id));
    }
    let deal_ok = |d: &DealStats| d.won + d.lost <= d.opened && !d.pipeline_value.is_negative();
    for d in &s.dealers {
        let f = &d.facts;
        let id = &d.id;
        check(groups.contains(d.group.as_str()), format!("{id} group"));
        check(
            f.leads_answered_in_sla <= f.leads_responded,
            format!("{id} sla"),
        );
        check(
            f.leads_responded <= f.leads.total(),
            format!("{id} responded"),
        );
        check(f.offers_accepted <= f.offers_made, format!("{id} offers"));
        check(
            f.sales.ev <= f.sales.new && f.sales.fleet <= f.sales.new,
            format!("{id} ev/fleet"),
        );
        check(
            f.sales_from_leads <= f.leads.total(),
            format!("{id} sales from leads"),
        );
        check(
            f.service_customers_retained <= f.service_customers_due,
            format!("{id} retained"),
        );
        check(
            f.campaigns_joined <= f.campaigns_offered,
            format!("{id} campaigns"),
        );
        check(
            f.csat_score_sum <= 100 * f.csat_responses,
            format!("{id} csat"),
        );
        check(
            d.customers.owners_serviced_12m <= d.customers.active_owners,
            format!("{id} owners"),
        );
        let p = &d.pipeline;
        for stats in [&p.partner_sourced, &p.partner_influenced, &p.no_partner] {
            check(deal_ok(stats), format!("{id} deals"));
        }
        let total = p.total();
        let sourced = |f: fn(&crate::model::Credit) -> Money| -> Money {
            d.credits
                .iter()
                .filter(|c| c.role == CreditRole::Sourced)
                .map(f)
                .sum()
        };
        check(
            sourced(|c| c.pipeline) <= total.pipeline_value,
            format!("{id} sourced pipeline"),
        );
        check(
            sourced(|c| c.revenue) <= total.won_revenue,
            format!("{id} sourced revenue"),
        );
        for c in &d.credits {
            check(
                actors.contains(c.actor.as_str()),
                format!("{id} credit actor"),
            );
            check(
                !c.pipeline.is_negative() && !c.revenue.is_negative(),
                format!("{id} credit"),
            );
        }
        for m in [
            f.accessory_revenue,
            f.marketing_spend.local,
            f.marketing_spend.coop,
        ] {
            check(!m.is_negative(), format!("{id} money"));
        }
    }
    for j in &s.journeys {
        check(
            j.stages.windows(2).all(|w| w[1].count <= w[0].count),
            format!("{} funnel", j.id),
        );
        for h in &j.handoffs {
            check(h.met <= h.total, format!("{} handoff", j.id));
            check(
                actors.contains(h.from.as_str()) && actors.contains(h.to.as_str()),
                "handoff actors".into(),
            );
        }
    }
    for path in &s.attribution.paths {
        check(
            !path.touches.is_empty() && path.touches.len() <= 6,
            "path length".into(),
        );
        for t in &path.touches {
            check(
                channels.contains(t.channel.as_str()),
                "touch channel".into(),
            );
        }
    }
    for t in &s.stack {
        check(t.active_users <= t.seats, format!("{} seats", t.id));
        check(
            t.dealers_adopted <= s.dealers.len() as u64,
            format!("{} adoption", t.id),
        );
    }
    for d in &s.pnl.drivers {
        check(
            d.attributed_margin <= d.gross_margin,
            format!("{:?} attributed", d.driver),
        );
    }
    for m in &s.maturity {
        check(
            (1..=3).contains(&m.current) && (1..=3).contains(&m.target),
            m.dimension.clone(),
        );
    }
    out
}

#[test]
fn the_bundled_sample_obeys_every_rule_and_has_its_shape() {
    let all = generate(&SampleSpec::bundled());
    let problems: Vec<String> = all.iter().flat_map(breaches).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let ids: Vec<String> = all.iter().map(|s| s.period.id.to_string()).collect();
    assert_eq!(ids.len(), 17, "{ids:?}");
    assert_eq!(ids.first().map(String::as_str), Some("2025-10"));
    for q in ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"] {
        assert!(ids.iter().any(|i| i == q), "{q} missing from {ids:?}");
    }
    let last = all.iter().rfind(|s| s.period.id.to_string() == "2026-10");
    let last = last.unwrap_or_else(|| panic!("no 2026-10"));
    assert_eq!(last.dealer_groups.len(), 12);
    assert!(last.regions.len() >= 4);
    assert_eq!(last.journeys.len(), 6);
    assert_eq!(last.stack.len(), 10);
    assert_eq!(last.maturity.len(), 11);
    assert!(last.attribution.paths.len() >= 200);
}

#[test]
fn the_same_spec_writes_the_same_bytes() {
    let spec = SampleSpec {
        dealers: 25,
        months: 4,
        ..SampleSpec::bundled()
    };
    let a = render(&spec).unwrap_or_else(|e| panic!("{e}"));
    let b = render(&spec).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a, b);
    let other = render(&SampleSpec { seed: 1, ..spec }).unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(a, other, "another seed gives other figures");
}

#[test]
fn a_quarter_sums_its_months_flows_and_keeps_the_last_months_stocks() {
    let all = generate(&SampleSpec::bundled());
    let find = |id: &str| all.iter().find(|s| s.period.id.to_string() == id);
    let q = find("2026-Q2").unwrap_or_else(|| panic!("no Q2"));
    let months: Vec<&Snapshot> = ["2026-04", "2026-05", "2026-06"]
        .iter()
        .filter_map(|id| find(id))
        .collect();
    let leads = |s: &Snapshot| -> u64 { s.dealers.iter().map(|d| d.facts.leads.total()).sum() };
    let spend = |s: &Snapshot| -> Money {
        s.dealers
            .iter()
            .map(|d| d.facts.marketing_spend.total())
            .sum()
    };
    assert_eq!(leads(q), months.iter().map(|m| leads(m)).sum::<u64>());
    assert_eq!(spend(q), months.iter().map(|m| spend(m)).sum::<Money>());
    let conversions =
        |s: &Snapshot| -> u64 { s.attribution.paths.iter().map(|p| p.conversions).sum() };
    assert_eq!(
        conversions(q),
        months.iter().map(|m| conversions(m)).sum::<u64>()
    );
    let june = months[2];
    assert_eq!(
        q.stack, june.stack,
        "seats, adoption and annual costs as in June"
    );
    assert_eq!(q.maturity, june.maturity);
    for d in &june.dealers {
        let qd = q
            .dealers
            .iter()
            .find(|x| x.id == d.id)
            .unwrap_or_else(|| panic!("{}", d.id));
        assert_eq!(qd.customers.active_owners, d.customers.active_owners);
        assert_eq!(qd.facts.sales_consultants, d.facts.sales_consultants);
    }
}

#[test]
fn the_network_changes_during_the_year() {
    let all = generate(&SampleSpec::bundled());
    let dealer_ids = |i: usize| -> BTreeSet<String> {
        all[i].dealers.iter().map(|d| d.id.to_string()).collect()
    };
    let first = dealer_ids(0);
    let last = dealer_ids(all.len() - 1);
    assert!(last.difference(&first).count() == 1, "one dealer opened");
    assert!(first.difference(&last).count() == 1, "one dealer closed");
    let zero_lead_months = all
        .iter()
        .filter(|s| s.period.id.granularity() == crate::model::Granularity::Month)
        .filter(|s| s.dealers.iter().any(|d| d.facts.leads.total() == 0))
        .count();
    assert_eq!(zero_lead_months, 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_spec_makes_valid_snapshots(
        dealers in 1usize..130,
        months in 1usize..16,
        seed in any::<u64>(),
        year in 2000i32..2040,
        month in 1u8..=12,
    ) {
        let end = PeriodId::month(year, month).unwrap_or_else(|| unreachable!());
        let spec = SampleSpec { dealers, months, seed, end, format: Format::Mixed };
        let all = generate(&spec);
        let monthly = all.iter().filter(|s| s.period.id.granularity() == crate::model::Granularity::Month).count();
        prop_assert_eq!(monthly, months);
        for s in &all {
            let problems = breaches(s);
            prop_assert!(problems.is_empty(), "{:#?}", problems);
        }
    }
}

#[test]
fn the_rule_check_itself_catches_a_broken_snapshot() {
    let mut s = generate(&SampleSpec {
        dealers: 3,
        months: 1,
        ..SampleSpec::bundled()
    })
    .remove(0);
    assert!(breaches(&s).is_empty());
    s.dealers[0].facts.offers_accepted = s.dealers[0].facts.offers_made + 1;
    s.dealers[1].group = "nowhere".into();
    assert_eq!(breaches(&s).len(), 2, "{:?}", breaches(&s));
}
