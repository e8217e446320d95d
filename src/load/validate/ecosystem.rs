//! Snapshot-wide checks: currency, period dates, freshness of sources, journeys, the stack,
//! the P&L inputs, maturity, and the shape of the hierarchy.

use std::collections::HashSet;

use chrono::Days;

use super::Checker;
use super::refs::Ids;
use crate::model::Snapshot;

/// A source whose data ends more than this many days before the period ends is stale.
pub const STALE_AFTER_DAYS: u64 = 7;

/// Currency, period and provenance.
pub(super) fn check(c: &mut Checker, s: &Snapshot) {
    let currency = &s.ecosystem.currency;
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        c.within("ecosystem", |c| {
            c.error(
                "currency",
                format!("found `{currency}`, expected an ISO 4217 code of three upper-case letters such as `USD`"),
            );
        });
    }

    let period = s.period.id;
    let (start, end) = (period.start(), period.end());
    c.within("period", |c| {
        if s.period.start != start {
            c.error(
                "start",
                format!(
                    "found {}, expected the first day of {period}: {start}",
                    s.period.start
                ),
            );
        }
        if s.period.end != end {
            c.error(
                "end",
                format!(
                    "found {}, expected the last day of {period}: {end}",
                    s.period.end
                ),
            );
        }
        if let Some(month) = s.period.fiscal_year_start_month
            && !(1..=12).contains(&month)
        {
            c.error(
                "fiscal_year_start_month",
                format!("found {month}, expected a month number from 1 to 12"),
            );
        }
    });

    c.within("provenance", |c| {
        let generated = s.provenance.generated_at.date_naive();
        let generated_text = s
            .provenance
            .generated_at
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
        if generated < start {
            c.error(
                "generated_at",
                format!("found {generated_text}, expected a time on or after the period start {start}: a snapshot cannot be generated before its period begins"),
            );
        } else if generated <= end {
            c.warn(
                "generated_at",
                format!("found {generated_text}, before the period is over (it ends on {end}): the figures cover part of the period only"),
            );
        }
        let stale_before = end.checked_sub_days(Days::new(STALE_AFTER_DAYS));
        c.within("sources", |c| {
            for (i, source) in s.provenance.sources.iter().enumerate() {
                c.within(i, |c| {
                    if source.as_of < start {
                        c.error(
                            "as_of",
                            format!("found {}, expected a date on or after the period start {start}: the source has no data for {period}", source.as_of),
                        );
                    } else if stale_before.is_some_and(|limit| source.as_of < limit) {
                        let days = (end - source.as_of).num_days();
                        c.warn(
                            "as_of",
                            format!("found {}, {days} days before the period ends on {end}: `{}` may be stale (more than {STALE_AFTER_DAYS} days)", source.as_of, source.name),
                        );
                    }
                });
            }
        });
    });
}

/// Journeys, attribution paths, the stack, P&L inputs, maturity and hierarchy warnings.
pub(super) fn check_parts(c: &mut Checker, s: &Snapshot, ids: &Ids<'_>) {
    c.within("journeys", |c| {
        for (i, j) in s.journeys.iter().enumerate() {
            c.within(i, |c| {
                c.money("revenue", j.revenue, false);
                c.money("cost", j.cost, false);
                c.money("gross_margin", j.gross_margin, true);
                c.within("stages", |c| {
                    let mut before: Option<(&str, u64)> = None;
                    for (k, stage) in j.stages.iter().enumerate() {
                        c.within(k, |c| {
                            c.count("count", stage.count);
                            if let Some((name, count)) = before
                                && stage.count > count
                            {
                                c.error(
                                    "count",
                                    format!("found {}, expected at most {count}, the count of the stage before (`{name}`): a funnel never widens", stage.count),
                                );
                            }
                        });
                        before = Some((&stage.name, stage.count));
                    }
                });
                c.within("handoffs", |c| {
                    for (k, h) in j.handoffs.iter().enumerate() {
                        c.within(k, |c| {
                            c.count("total", h.total);
                            c.count("met", h.met);
                            c.at_most("met", h.met, "total", h.total);
                        });
                    }
                });
            });
        }
    });

    c.within("attribution", |c| {
        c.within("paths", |c| {
            for (i, p) in s.attribution.paths.iter().enumerate() {
                c.within(i, |c| {
                    if p.touches.is_empty() {
                        c.error(
                            "touches",
                            "found no touches, expected at least one touch on a conversion path"
                                .to_owned(),
                        );
                    }
                    c.count("conversions", p.conversions);
                    c.count("nulls", p.nulls);
                    c.money("value", p.value, false);
                });
            }
        });
    });

    let dealers = u64::try_from(s.dealers.len()).unwrap_or(u64::MAX);
    c.within("stack", |c| {
        for (i, tool) in s.stack.iter().enumerate() {
            c.within(i, |c| {
                c.within("annual_cost", |c| {
                    c.money("licences", tool.annual_cost.licences, false);
                    c.money("services", tool.annual_cost.services, false);
                    c.money("integration", tool.annual_cost.integration, false);
                });
                c.count("seats", tool.seats);
                c.count("active_users", tool.active_users);
                c.at_most("active_users", tool.active_users, "seats", tool.seats);
                c.at_most(
                    "dealers_adopted",
                    tool.dealers_adopted,
                    "the number of dealers in the snapshot",
                    dealers,
                );
            });
        }
    });

    c.within("pnl", |c| {
        let mut drivers = HashSet::new();
        c.within("drivers", |c| {
            for (i, d) in s.pnl.drivers.iter().enumerate() {
                c.within(i, |c| {
                    if !drivers.insert(d.driver) {
                        c.error(
                            "driver",
                            format!(
                                "found {:?} again, expected each value driver once",
                                d.driver
                            ),
                        );
                    }
                    c.money("revenue", d.revenue, false);
                    c.money("gross_margin", d.gross_margin, true);
                    c.money("attributed_margin", d.attributed_margin, true);
                    if d.attributed_margin > d.gross_margin {
                        c.error(
                            "attributed_margin",
                            format!(
                                "found {}, expected at most gross_margin = {}",
                                d.attributed_margin, d.gross_margin
                            ),
                        );
                    }
                });
            }
        });
        c.within("productivity", |c| {
            c.count("hours_saved", s.pnl.productivity.hours_saved);
            c.money("cost_per_hour", s.pnl.productivity.cost_per_hour, false);
        });
        c.within("cost_to_serve", |c| {
            c.money("before", s.pnl.cost_to_serve.before, false);
            c.money("after", s.pnl.cost_to_serve.after, false);
        });
    });

    c.within("maturity", |c| {
        let mut seen = HashSet::new();
        for (i, m) in s.maturity.iter().enumerate() {
            c.within(i, |c| {
                if !seen.insert((m.matrix, m.dimension.as_str())) {
                    c.error(
                        "dimension",
                        format!(
                            "found `{}` again, expected each dimension of a matrix once",
                            m.dimension
                        ),
                    );
                }
                for (field, stage) in [("current", m.current), ("target", m.target)] {
                    if !(1..=3).contains(&stage) {
                        c.error(
                            field,
                            format!("found {stage}, expected a stage from 1 to 3"),
                        );
                    }
                }
            });
        }
    });

    hierarchy_warnings(c, s, ids);
}

/// Regions without dealer groups and dealer groups without dealers are legal but suspicious.
fn hierarchy_warnings(c: &mut Checker, s: &Snapshot, ids: &Ids<'_>) {
    let used_regions: HashSet<&str> = s.dealer_groups.iter().map(|g| g.region.as_str()).collect();
    c.within("regions", |c| {
        for (i, r) in s.regions.iter().enumerate() {
            if ids.regions.get(r.id.as_str()) == Some(&i) && !used_regions.contains(r.id.as_str()) {
                c.within(i, |c| {
                    c.warn("id", format!("region `{}` has no dealer groups", r.id))
                });
            }
        }
    });
    c.within("dealer_groups", |c| {
        for (i, g) in s.dealer_groups.iter().enumerate() {
            if ids.dealer_groups.get(g.id.as_str()) == Some(&i) && !ids.groups_used[i] {
                c.within(i, |c| {
                    c.warn("id", format!("dealer group `{}` has no dealers", g.id))
                });
            }
        }
    });
    if s.dealers.is_empty() {
        c.warn(
            "dealers",
            "found no dealers, expected at least one: every scorecard will be empty".to_owned(),
        );
    }
}
