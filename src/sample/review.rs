//! The review's words and frame for a period: provenance, targets and commentary per view.

use chrono::{Days, NaiveTime};
use rust_decimal::Decimal;

use crate::model::{
    Commentary, Matrix, MetricTarget, PeriodId, Provenance, ReviewView, Source, SourceKind,
};

use super::maturity::moved_in;
use super::network::{Network, POOR_SLA_GROUP};
use super::stack::RETIRE_CANDIDATE_NAMES;
use super::timeline::{Month, rollout_start};
use super::totals::Totals;

/// When the snapshot was generated and how fresh each source is: the CRM, MAP and ad data run
/// to the period's last day; the DMS feed lags two days every fourth month; the PRM lags four.
pub fn provenance(period: PeriodId, lag_days: u64, dms_late: bool) -> Provenance {
    let end = period.end();
    let back = |days: u64| end.checked_sub_days(Days::new(days)).unwrap_or(end);
    let source = |name: &str, kind, as_of| Source {
        name: name.to_owned(),
        kind,
        as_of,
    };
    let generated = end
        .checked_add_days(Days::new(lag_days))
        .unwrap_or(end)
        .and_time(NaiveTime::from_hms_opt(6, 0, 0).unwrap_or_default())
        .and_utc();
    Provenance {
        generated_at: generated,
        sources: vec![
            source("Pinnacle Dealer CRM", SourceKind::Crm, end),
            source(
                "DMS Connect feed",
                SourceKind::Dms,
                back(if dms_late { 2 } else { 0 }),
            ),
            source("Relay Marketing Automation", SourceKind::Map, end),
            source("Search and Social Ads Manager", SourceKind::AdPlatform, end),
            source("PartnerLink PRM", SourceKind::Prm, back(4)),
        ],
    }
}

/// Targets and "too small to matter" thresholds, keyed as in the metric catalogue.
pub fn targets() -> Vec<MetricTarget> {
    let t = |metric: &str, target: Decimal, flat: Decimal| MetricTarget {
        metric: metric.to_owned(),
        target: Some(target),
        flat_threshold: Some(flat),
    };
    let d = Decimal::new;
    vec![
        t("sla_adherence", d(85, 2), d(5, 3)),
        t("response_minutes", d(45, 0), d(2, 0)),
        t("lead_to_sale", d(12, 2), d(2, 3)),
        t("offer_acceptance", d(70, 2), d(5, 3)),
        t("service_retention", d(65, 2), d(5, 3)),
        t("ev_share", d(8, 2), d(2, 3)),
        t("campaign_participation", d(75, 2), d(1, 2)),
        t("csat", d(90, 0), d(5, 1)),
    ]
}

fn note(view: ReviewView, text: String) -> Commentary {
    Commentary { view, text }
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "n/a".to_owned()
    } else {
        format!("{:.1} %", part as f64 * 100.0 / whole as f64)
    }
}

/// The commentary of month `m`, written from its totals and what happened in it.
pub fn month_commentary(net: &Network, tot: &Totals, m: &Month) -> Vec<Commentary> {
    let f = &tot.facts;
    let label = m.period.label();
    let mut notes = vec![note(
        ReviewView::Overview,
        format!(
            "{label}: {} new and {} used vehicles retailed across {} dealers; EV share of new sales {}.",
            f.sales.new,
            f.sales.used,
            tot.dealers,
            percent(f.sales.ev, f.sales.new)
        ),
    )];
    let start = rollout_start(m.total);
    let rollout = if m.rollout >= 1.0 {
        "The Pinnacle CRM rollout is complete: leads are routed and timed in one system.".to_owned()
    } else if m.rollout > 0.0 {
        format!(
            "Pinnacle CRM rollout wave {} of 3 is live; SLA figures mix old and new lead routing.",
            m.t + 1 - start
        )
    } else {
        "Lead routing still runs through dealer inboxes; the Pinnacle CRM rollout is scheduled."
            .to_owned()
    };
    notes.push(note(
        ReviewView::Journeys,
        format!(
            "{rollout} Lead SLA adherence this month: {}.",
            percent(f.leads_answered_in_sla, f.leads.total())
        ),
    ));

    let mut dealers = Vec::new();
    if let Some(g) = net.groups.get(POOR_SLA_GROUP) {
        dealers.push(format!(
            "{} still answers leads more slowly than the network; a coaching plan is agreed with its general managers.",
            g.name
        ));
    }
    dealers.extend(dealer_events(net, m, false));
    notes.push(note(ReviewView::Dealers, dealers.join(" ")));

    notes.push(note(
        ReviewView::Pnl,
        format!(
            "Candidate to retire: {} (dealer-paid, low adoption, overlapping with the co-op fund manager on dealer productivity). {} is barely used but earns its share of the cost-to-serve savings: under review.",
            RETIRE_CANDIDATE_NAMES[1], RETIRE_CANDIDATE_NAMES[0]
        ),
    ));
    let moves = moved_in(m);
    let maturity = if moves.is_empty() {
        "No dimension changed stage this month.".to_owned()
    } else {
        moves
            .iter()
            .map(|(name, matrix, stage)| {
                let names = matrix.stage_names();
                let matrix = match matrix {
                    Matrix::Automotive => "automotive",
                    Matrix::EcosystemMarketing => "ecosystem marketing",
                };
                let to = names.get(usize::from(*stage) - 1).copied().unwrap_or("?");
                format!("{name} ({matrix} matrix) moved up to stage {stage}, {to}.")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    notes.push(note(ReviewView::Maturity, maturity));
    notes.push(note(
        ReviewView::Attribution,
        "Sourced credit reconciles to the booked total (about 4 % has no known source); influenced and attached credit is shown beside it, never added.".to_owned(),
    ));
    notes
}

/// What happened to single dealers in month `m` (openings, closures, months without leads),
/// told for a monthly review or, with `in_quarter`, for the quarter's review.
fn dealer_events(net: &Network, m: &Month, in_quarter: bool) -> Vec<String> {
    let label = m.period.label();
    let mut events = Vec::new();
    for d in &net.dealers {
        let name = &d.name;
        if d.opens_at == Some(m.t) {
            events.push(match in_quarter {
                false => format!("{name} opened this month."),
                true => format!("{name} opened in {label}."),
            });
        }
        if d.closes_after == Some(m.t) {
            events.push(match in_quarter {
                false => format!("{name} reports for the last time; it closes at month end."),
                true => format!("{name} closed at the end of {label}."),
            });
        }
        if d.zero_leads_at == Some(m.t) {
            events.push(match in_quarter {
                false => format!(
                    "{name} logged no leads (CRM sync outage): its lead ratios show n/a this month."
                ),
                true => format!("{name} logged no leads in {label} (CRM sync outage)."),
            });
        }
    }
    events
}

/// The commentary of a quarter made of `months`.
pub fn quarter_commentary(
    period: PeriodId,
    tot: &Totals,
    net: &Network,
    months: &[Month],
) -> Vec<Commentary> {
    let f = &tot.facts;
    let events: Vec<String> = months
        .iter()
        .flat_map(|m| dealer_events(net, m, true))
        .collect();
    let mut notes = vec![
        note(
            ReviewView::Overview,
            format!(
                "{}: quarterly deep dive. {} new and {} used vehicles retailed; lead SLA adherence {}; service retention {}.",
                period.label(),
                f.sales.new,
                f.sales.used,
                percent(f.leads_answered_in_sla, f.leads.total()),
                percent(f.service_customers_retained, f.service_customers_due)
            ),
        ),
        note(
            ReviewView::Segments,
            "Quarter figures: flows are the sum of the three months; owners, consultants, seats and maturity are as at the quarter's last month.".to_owned(),
        ),
    ];
    if !events.is_empty() {
        notes.push(note(ReviewView::Dealers, events.join(" ")));
    }
    notes
}
