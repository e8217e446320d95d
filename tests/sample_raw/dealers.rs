//! Per dealer and period, the events of the dealer-level exports add up to the snapshot's facts,
//! pipeline, customers and credits; stocks are the latest report in the period.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use ebr::model::Snapshot;

use crate::support::{Export, Row, each_period};

/// Sums per dealer over the rows of `file` whose `when` column falls in `s`'s period.
fn per_dealer<T: Default + PartialEq>(
    x: &Export,
    file: &str,
    when: &str,
    s: &Snapshot,
    add: impl Fn(&mut T, &Row),
) -> BTreeMap<String, T> {
    let table = x.table(file);
    let mut sums: BTreeMap<String, T> = BTreeMap::new();
    for row in table.rows_in(when, s) {
        add(
            sums.entry(row.get("dealer_id").to_owned()).or_default(),
            &row,
        );
    }
    sums.retain(|_, v| *v != T::default());
    sums
}

/// The snapshot's figures per dealer, zeros left out as in [`per_dealer`].
fn expected<T: Default + PartialEq>(
    s: &Snapshot,
    f: impl Fn(&ebr::model::Dealer) -> T,
) -> BTreeMap<String, T> {
    let mut map: BTreeMap<String, T> = s.dealers.iter().map(|d| (d.id.0.clone(), f(d))).collect();
    map.retain(|_, v| *v != T::default());
    map
}

#[test]
fn leads_and_crm_activities_add_up_to_each_dealers_facts() {
    each_period(|x, s| {
        let leads = per_dealer(x, "crm_leads", "created_at", s, |t: &mut [u64; 6], r| {
            let source = ["oem", "dealer", "partner"]
                .iter()
                .position(|&k| k == r.get("source"));
            t[source.unwrap_or_else(|| panic!("source {}", r.get("source")))] += 1;
            if let Some(first) = r.time("first_response_at") {
                let created = r.time("created_at").unwrap();
                t[3] += 1;
                t[4] += u64::from(first <= r.time("sla_due_at").unwrap());
                t[5] += u64::try_from((first - created).num_minutes()).unwrap();
            }
        });
        let want = expected(s, |d| {
            let f = &d.facts;
            let l = &f.leads;
            [
                l.oem,
                l.dealer,
                l.partner,
                f.leads_responded,
                f.leads_answered_in_sla,
                f.response_minutes_sum,
            ]
        });
        assert_eq!(leads, want, "{}", s.period.id);

        let acts = per_dealer(
            x,
            "crm_activities",
            "occurred_at",
            s,
            |t: &mut [u64; 2], r| {
                t[usize::from(r.get("kind") == "quote")] += 1;
            },
        );
        let want = expected(s, |d| [d.facts.test_drives, d.facts.quotes]);
        assert_eq!(acts, want, "{}", s.period.id);

        let offers = per_dealer(x, "finance_offers", "made_at", s, |t: &mut [u64; 2], r| {
            t[0] += 1;
            t[1] += u64::from(!r.get("accepted_at").is_empty());
        });
        let want = expected(s, |d| [d.facts.offers_made, d.facts.offers_accepted]);
        assert_eq!(offers, want, "{}", s.period.id);
    });
}

#[test]
fn opportunity_history_gives_the_pipeline_per_partner_role() {
    each_period(|x, s| {
        type Stats = (u64, Decimal, u64, u64, Decimal, u64);
        let got = per_dealer(
            x,
            "crm_opportunity_history",
            "occurred_at",
            s,
            |t: &mut [Stats; 3], r| {
                let role = ["sourced", "influenced", "none"]
                    .iter()
                    .position(|&k| k == r.get("partner_role"));
                let b = &mut t[role.unwrap()];
                match r.get("event") {
                    "opened" => {
                        b.0 += 1;
                        b.1 += r.money("amount");
                    }
                    "won" => {
                        b.2 += 1;
                        b.4 += r.money("amount");
                        let closed = r.time("occurred_at").unwrap().date();
                        b.5 +=
                            u64::try_from((closed - r.date("lead_created_on").unwrap()).num_days())
                                .unwrap();
                    }
                    "lost" => {
                        b.3 += 1;
                        assert_eq!(r.money("amount"), Decimal::ZERO);
                    }
                    other => panic!("event {other}"),
                }
            },
        );
        let want = expected(s, |d| {
            let p = &d.pipeline;
            [&p.partner_sourced, &p.partner_influenced, &p.no_partner].map(|b| {
                (
                    b.opened,
                    b.pipeline_value.0,
                    b.won,
                    b.lost,
                    b.won_revenue.0,
                    b.days_to_close_sum,
                )
            })
        });
        assert_eq!(got, want, "{}", s.period.id);
    });
}

#[test]
fn dms_exports_give_sales_service_and_customers() {
    each_period(|x, s| {
        let deals = per_dealer(x, "dms_deals", "sold_at", s, |t: &mut [u64; 7], r| {
            let new = r.get("condition") == "new";
            t[usize::from(!new)] += 1;
            t[2] += u64::from(new && r.flag("ev"));
            t[3] += u64::from(new && r.flag("fleet"));
            t[4] += u64::from(!r.get("lead_id").is_empty());
            t[5] += u64::from(r.flag("repeat_customer"));
            t[6] += u64::from(!r.flag("repeat_customer"));
        });
        let want = expected(s, |d| {
            let (f, c) = (&d.facts, &d.customers);
            [
                f.sales.new,
                f.sales.used,
                f.sales.ev,
                f.sales.fleet,
                f.sales_from_leads,
                c.repeat_purchasers,
                c.new_customers,
            ]
        });
        assert_eq!(deals, want, "{}", s.period.id);

        let orders = per_dealer(
            x,
            "dms_repair_orders",
            "closed_at",
            s,
            |t: &mut (u64, Decimal), r| {
                t.0 += 1;
                if r.flag("existing_owner") {
                    t.1 += r.money("gross");
                }
            },
        );
        let want = expected(s, |d| {
            (
                d.facts.service_repair_orders,
                d.customers.owner_service_gross.0,
            )
        });
        assert_eq!(orders, want, "{}", s.period.id);

        let parts = per_dealer(
            x,
            "dms_parts_invoices",
            "invoiced_at",
            s,
            |t: &mut [Decimal; 2], r| {
                t[0] += r.money("revenue");
                t[1] += r.money("owner_gross");
            },
        );
        let want = expected(s, |d| {
            [
                d.facts.accessory_revenue.0,
                d.customers.owner_accessory_gross.0,
            ]
        });
        assert_eq!(parts, want, "{}", s.period.id);

        let due = per_dealer(
            x,
            "service_reminders",
            "due_on",
            s,
            |t: &mut [u64; 2], r| {
                t[0] += 1;
                t[1] += u64::from(r.flag("serviced"));
            },
        );
        let want = expected(s, |d| {
            [
                d.facts.service_customers_due,
                d.facts.service_customers_retained,
            ]
        });
        assert_eq!(due, want, "{}", s.period.id);
    });
}

#[test]
fn programmes_give_campaigns_csat_spend_and_credits() {
    each_period(|x, s| {
        let campaigns = per_dealer(
            x,
            "campaign_participation",
            "offered_on",
            s,
            |t: &mut [u64; 2], r| {
                t[0] += 1;
                t[1] += u64::from(!r.get("joined_on").is_empty());
            },
        );
        let want = expected(s, |d| [d.facts.campaigns_offered, d.facts.campaigns_joined]);
        assert_eq!(campaigns, want, "{}", s.period.id);

        let csat = per_dealer(
            x,
            "csat_responses",
            "responded_at",
            s,
            |t: &mut [u64; 2], r| {
                let score = r.num("score");
                assert!(score <= 100, "score {score}");
                t[0] += 1;
                t[1] += score;
            },
        );
        let want = expected(s, |d| [d.facts.csat_responses, d.facts.csat_score_sum]);
        assert_eq!(csat, want, "{}", s.period.id);

        let spend = per_dealer(
            x,
            "marketing_spend",
            "spent_on",
            s,
            |t: &mut [Decimal; 4], r| {
                let amount = r.money("amount");
                assert!(amount >= Decimal::ZERO, "{amount}");
                t[usize::from(r.get("program") == "coop")] += amount;
                t[2 + usize::from(r.get("audience") == "loyalty")] += amount;
            },
        );
        let want = expected(s, |d| {
            let (m, c) = (&d.facts.marketing_spend, &d.customers);
            [m.local.0, m.coop.0, c.conquest_spend.0, c.loyalty_spend.0]
        });
        assert_eq!(spend, want, "{}", s.period.id);

        let credits = per_dealer(
            x,
            "prm_credits",
            "credited_on",
            s,
            |t: &mut BTreeMap<(String, String), (Decimal, Decimal)>, r| {
                let c = t
                    .entry((r.get("actor_id").to_owned(), r.get("role").to_owned()))
                    .or_default();
                c.0 += r.money("pipeline");
                c.1 += r.money("revenue");
            },
        );
        let want = expected(s, |d| {
            d.credits
                .iter()
                .map(|c| {
                    let role = serde_json::to_value(c.role)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_owned();
                    ((c.actor.0.clone(), role), (c.pipeline.0, c.revenue.0))
                })
                .collect::<BTreeMap<_, _>>()
        });
        assert_eq!(credits, want, "{}", s.period.id);
    });
}

#[test]
fn stocks_are_the_latest_report_in_the_period() {
    each_period(|x, s| {
        for (file, f) in [
            (
                "owner_base",
                (|d| [d.customers.active_owners, d.customers.owners_serviced_12m])
                    as fn(&ebr::model::Dealer) -> [u64; 2],
            ),
            ("dealer_headcount", |d| [d.facts.sales_consultants, 0]),
        ] {
            let latest = per_dealer(x, file, "as_of", s, |t: &mut (String, [u64; 2]), r| {
                if r.get("as_of") > t.0.as_str() {
                    t.0 = r.get("as_of").to_owned();
                    t.1 = if file == "owner_base" {
                        [r.num("active_owners"), r.num("serviced_12m")]
                    } else {
                        [r.num("sales_consultants"), 0]
                    };
                }
            });
            let got: BTreeMap<String, [u64; 2]> =
                latest.into_iter().map(|(k, v)| (k, v.1)).collect();
            let mut want: BTreeMap<String, [u64; 2]> =
                s.dealers.iter().map(|d| (d.id.0.clone(), f(d))).collect();
            want.retain(|_, v| *v != [0, 0]);
            assert_eq!(got, want, "{file} {}", s.period.id);
        }
    });
}

/// The dealers open on a day of the period, with their attributes.
#[test]
fn dealers_in_a_period_are_those_open_in_it() {
    each_period(|x, s| {
        let start = s.period.start.to_string();
        let end = s.period.end.to_string();
        let t = x.table("dealers");
        let got: BTreeSet<(String, String, String)> = t
            .rows()
            .filter(|r| {
                let opened = r.get("opened_on");
                let closed = r.get("closed_on");
                (opened.is_empty() || opened <= end.as_str())
                    && (closed.is_empty() || closed >= start.as_str())
            })
            .map(|r| {
                (
                    r.get("dealer_id").to_owned(),
                    r.get("group_id").to_owned(),
                    r.get("size_band").to_owned(),
                )
            })
            .collect();
        let want: BTreeSet<(String, String, String)> = s
            .dealers
            .iter()
            .map(|d| {
                let band = serde_json::to_value(d.size_band)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned();
                (d.id.0.clone(), d.group.0.clone(), band)
            })
            .collect();
        assert_eq!(got, want, "{}", s.period.id);
    });
}
