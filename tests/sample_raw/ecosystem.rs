//! Per period, the ecosystem-level exports give the snapshot's journeys, conversion paths, stack,
//! P&L and provenance; review.toml holds its words.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::support::{Export, each_period};

fn snake<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

fn table<T: serde::Serialize>(value: &T) -> toml::Table {
    toml::Value::try_from(value)
        .unwrap()
        .as_table()
        .unwrap()
        .clone()
}

#[test]
fn enrollments_ledger_and_handoffs_give_the_journeys() {
    each_period(|x, s| {
        let mut ledger: BTreeMap<&str, [Decimal; 3]> = BTreeMap::new();
        for r in x.table("journey_finance").rows_in("booked_on", s) {
            let t = ledger.entry(r.get("journey_id")).or_default();
            t[0] += r.money("revenue");
            t[1] += r.money("cost");
            t[2] += r.money("gross_margin");
        }
        let want: BTreeMap<&str, [Decimal; 3]> = s
            .journeys
            .iter()
            .map(|j| (j.id.as_str(), [j.revenue.0, j.cost.0, j.gross_margin.0]))
            .collect();
        assert_eq!(ledger, want, "{}", s.period.id);

        let mut furthest: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
        for r in x.table("journey_enrollments").rows_in("enrolled_at", s) {
            furthest
                .entry(r.get("journey_id"))
                .or_default()
                .push(r.num("furthest_stage"));
        }
        let mut stages: BTreeMap<(&str, &str), u64> = BTreeMap::new();
        for r in x.table("journey_stages").rows() {
            let reached = furthest.get(r.get("journey_id")).map_or(0, |f| {
                f.iter().filter(|&&k| k >= r.num("position")).count() as u64
            });
            stages.insert((r.get("journey_id"), r.get("stage")), reached);
        }
        let want: BTreeMap<(&str, &str), u64> = s
            .journeys
            .iter()
            .flat_map(|j| {
                j.stages
                    .iter()
                    .map(|st| ((j.id.as_str(), st.name.as_str()), st.count))
            })
            .collect();
        assert_eq!(stages, want, "{}", s.period.id);

        type Key<'a> = (&'a str, &'a str, &'a str, &'a str);
        let mut handoffs: BTreeMap<Key, [u64; 2]> = x
            .table("journey_handoffs")
            .rows()
            .map(|r| {
                let key = (
                    r.get("journey_id"),
                    r.get("name"),
                    r.get("from_actor"),
                    r.get("to_actor"),
                );
                (key, [0, 0])
            })
            .collect();
        for r in x.table("handoffs").rows_in("occurred_at", s) {
            let key = (
                r.get("journey_id"),
                r.get("name"),
                r.get("from_actor"),
                r.get("to_actor"),
            );
            let t = handoffs
                .get_mut(&key)
                .unwrap_or_else(|| panic!("{key:?} is not tracked"));
            t[0] += 1;
            t[1] += u64::from(r.flag("met"));
        }
        let want: BTreeMap<Key, [u64; 2]> = s
            .journeys
            .iter()
            .flat_map(|j| {
                j.handoffs.iter().map(|h| {
                    let key = (
                        j.id.as_str(),
                        h.name.as_str(),
                        h.from.as_str(),
                        h.to.as_str(),
                    );
                    (key, [h.total, h.met])
                })
            })
            .collect();
        assert_eq!(handoffs, want, "{}", s.period.id);
    });
}

type Touches = Vec<(String, Option<i64>)>;

/// The conversion paths of the period built from touchpoints and outcomes.
fn paths(x: &Export, s: &ebr::model::Snapshot) -> BTreeMap<Touches, (u64, Decimal, u64)> {
    let mut outcomes = BTreeMap::new();
    for r in x.table("path_outcomes").rows_in("outcome_at", s) {
        let at = r.time("outcome_at").unwrap();
        outcomes.insert(
            r.get("journey_instance_id"),
            (at, r.flag("converted"), r.money("value")),
        );
    }
    // Per path instance: (step, channel, days before the outcome).
    type Steps = Vec<(u64, String, Option<i64>)>;
    let mut touches: BTreeMap<&str, Steps> = BTreeMap::new();
    for r in x.table("touchpoints").rows() {
        let Some((at, ..)) = outcomes.get(r.get("journey_instance_id")) else {
            continue;
        };
        let days = r
            .time("touched_at")
            .map(|t| (at.date() - t.date()).num_days());
        touches
            .entry(r.get("journey_instance_id"))
            .or_default()
            .push((r.num("step"), r.get("channel_id").to_owned(), days));
    }
    let mut paths: BTreeMap<Touches, (u64, Decimal, u64)> = BTreeMap::new();
    for (id, (_, converted, value)) in outcomes {
        let mut steps = touches.remove(id).unwrap_or_default();
        steps.sort_by_key(|t| t.0);
        let key = steps.into_iter().map(|(_, c, d)| (c, d)).collect();
        let p = paths.entry(key).or_default();
        if converted {
            p.0 += 1;
            p.1 += value;
        } else {
            p.2 += 1;
        }
    }
    paths
}

#[test]
fn touchpoints_and_outcomes_give_the_conversion_paths_walked() {
    each_period(|x, s| {
        let walked = s
            .attribution
            .paths
            .iter()
            .filter(|p| p.conversions + p.nulls > 0);
        let want: BTreeMap<Touches, (u64, Decimal, u64)> = walked
            .map(|p| {
                let key = p
                    .touches
                    .iter()
                    .map(|t| (t.channel.0.clone(), t.days_before.map(i64::from)))
                    .collect();
                (key, (p.conversions, p.value.0, p.nulls))
            })
            .collect();
        assert_eq!(paths(x, s), want, "{}", s.period.id);
        // Nobody walked the others, and they are worth nothing.
        for p in &s.attribution.paths {
            if p.conversions + p.nulls == 0 {
                assert_eq!(p.value.0, Decimal::ZERO);
            }
        }
    });
}

#[test]
fn contracts_and_usage_reports_give_the_stack() {
    each_period(|x, s| {
        let end = s.period.end.to_string();
        let mut latest: BTreeMap<&str, (&str, [u64; 3])> = BTreeMap::new();
        for r in x.table("tool_usage").rows_in("as_of", s) {
            let t = latest.entry(r.get("tool_id")).or_default();
            if r.get("as_of") > t.0 {
                *t = (
                    r.get("as_of"),
                    [
                        r.num("seats"),
                        r.num("active_users"),
                        r.num("dealers_adopted"),
                    ],
                );
            }
        }
        let mut cost: BTreeMap<&str, [Decimal; 3]> = BTreeMap::new();
        for r in x.table("tool_contracts").rows() {
            let to = r.get("valid_to");
            if r.get("valid_from") <= end.as_str() && (to.is_empty() || to >= end.as_str()) {
                let kind = ["licences", "services", "integration"]
                    .iter()
                    .position(|&k| k == r.get("cost_kind"));
                cost.entry(r.get("tool_id")).or_default()[kind.unwrap()] +=
                    r.money("annual_amount");
            }
        }
        let got: BTreeMap<&str, ([u64; 3], [Decimal; 3])> = latest
            .into_iter()
            .map(|(id, (_, usage))| (id, (usage, cost.get(id).copied().unwrap_or_default())))
            .collect();
        let want: BTreeMap<&str, ([u64; 3], [Decimal; 3])> = s
            .stack
            .iter()
            .map(|t| {
                let c = &t.annual_cost;
                let usage = [t.seats, t.active_users, t.dealers_adopted];
                (
                    t.id.as_str(),
                    (usage, [c.licences.0, c.services.0, c.integration.0]),
                )
            })
            .collect();
        assert_eq!(got, want, "{}", s.period.id);
    });
}

#[test]
fn ledgers_and_rates_give_the_pnl() {
    each_period(|x, s| {
        let mut drivers: BTreeMap<String, [Decimal; 3]> = BTreeMap::new();
        for r in x.table("value_driver_ledger").rows_in("booked_on", s) {
            let t = drivers.entry(r.get("driver").to_owned()).or_default();
            t[0] += r.money("revenue");
            t[1] += r.money("gross_margin");
            t[2] += r.money("attributed_margin");
        }
        let want: BTreeMap<String, [Decimal; 3]> = s
            .pnl
            .drivers
            .iter()
            .map(|d| {
                (
                    snake(&d.driver),
                    [d.revenue.0, d.gross_margin.0, d.attributed_margin.0],
                )
            })
            .collect();
        assert_eq!(drivers, want, "{}", s.period.id);

        let hours: u64 = x
            .table("productivity_log")
            .rows_in("logged_on", s)
            .map(|r| r.num("hours_saved"))
            .sum();
        assert_eq!(hours, s.pnl.productivity.hours_saved, "{}", s.period.id);

        let rates = x.table("finance_rates");
        let latest = rates
            .rows_in("as_of", s)
            .max_by_key(|r| r.get("as_of"))
            .unwrap();
        let got = [
            "cost_per_hour",
            "cost_to_serve_before",
            "cost_to_serve_after",
        ]
        .map(|c| latest.money(c));
        let p = &s.pnl;
        let want = [
            p.productivity.cost_per_hour.0,
            p.cost_to_serve.before.0,
            p.cost_to_serve.after.0,
        ];
        assert_eq!(got, want, "{}", s.period.id);
    });
}

#[test]
fn extracts_and_review_give_provenance_commentary_maturity_and_targets() {
    each_period(|x, s| {
        let period = s.period.id.to_string();
        let mut sources: Vec<(String, String, String)> = x
            .table("extracts")
            .rows()
            .filter(|r| r.get("period") == period)
            .map(|r| {
                (
                    r.get("source").to_owned(),
                    r.get("kind").to_owned(),
                    r.get("as_of").to_owned(),
                )
            })
            .collect();
        let mut want: Vec<(String, String, String)> = s
            .provenance
            .sources
            .iter()
            .map(|src| (src.name.clone(), snake(&src.kind), src.as_of.to_string()))
            .collect();
        sources.sort();
        want.sort();
        assert_eq!(sources, want, "{period}");

        let entries = |key: &str| -> Vec<toml::Table> {
            x.review[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_table().unwrap().clone())
                .filter(|t| t.get("period").and_then(|p| p.as_str()) == Some(period.as_str()))
                .map(|mut t| {
                    t.remove("period");
                    t
                })
                .collect()
        };
        let want: Vec<toml::Table> = s.commentary.iter().map(table).collect();
        assert_eq!(entries("commentary"), want, "{period}");
        let want: Vec<toml::Table> = s.maturity.iter().map(table).collect();
        assert_eq!(entries("maturity"), want, "{period}");

        let targets: Vec<ebr::model::MetricTarget> = x.review["targets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.clone().try_into().unwrap())
            .collect();
        assert_eq!(targets, s.targets, "{period}");
        let ecosystem: ebr::model::Ecosystem = x.review["ecosystem"].clone().try_into().unwrap();
        assert_eq!(ecosystem, s.ecosystem);
    });
}
