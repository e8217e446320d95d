use proptest::prelude::*;

use super::*;
use crate::model::{Credit, CreditRole, Money};

fn minimal() -> Snapshot {
    toml::from_str(include_str!("../../../tests/fixtures/valid/minimal.toml")).unwrap()
}

fn problems(s: &Snapshot) -> Vec<(Severity, String, String)> {
    validate(s)
        .into_iter()
        .map(|i| (i.severity, i.path.to_string(), i.message))
        .collect()
}

fn errors(s: &Snapshot) -> Vec<String> {
    problems(s)
        .into_iter()
        .filter(|p| p.0 == Severity::Error)
        .map(|p| format!("{}: {}", p.1, p.2))
        .collect()
}

#[test]
fn the_minimal_fixture_is_clean() {
    assert_eq!(problems(&minimal()), vec![]);
}

#[test]
fn reports_every_part_larger_than_its_whole() {
    let mut s = minimal();
    let f = &mut s.dealers[1].facts;
    f.offers_accepted = 19;
    f.leads_answered_in_sla = 71;
    f.sales.ev = 15;
    f.csat_score_sum = 6001;
    s.dealers[1].pipeline.no_partner.lost = 23;
    s.journeys[0].stages[2].count = 700;
    s.stack[1].active_users = 26;
    s.stack[1].dealers_adopted = 3;
    assert_eq!(
        errors(&s),
        vec![
            "dealers[1].facts.sales.ev: found 15, expected at most sales.new = 14",
            "dealers[1].facts.leads_answered_in_sla: found 71, expected at most leads_responded = 70",
            "dealers[1].facts.offers_accepted: found 19, expected at most offers_made = 18",
            "dealers[1].facts.csat_score_sum: found 6001, expected at most 100 × csat_responses (each score is 0-100) = 6000",
            "dealers[1].pipeline.no_partner.won: found won + lost = 8 + 23 = 31, expected at most opened = 30",
            "journeys[0].stages[2].count: found 700, expected at most 640, the count of the stage before (`lead`): a funnel never widens",
            "stack[1].active_users: found 26, expected at most seats = 25",
            "stack[1].dealers_adopted: found 3, expected at most the number of dealers in the snapshot = 2",
        ]
    );
}

#[test]
fn reports_duplicates_and_dangling_references_with_suggestions() {
    let mut s = minimal();
    s.dealers[1].id = s.dealers[0].id.clone();
    s.dealers[1].group = "harbor-motor".into();
    s.channels[0].actor = "nobody".into();
    assert_eq!(
        errors(&s),
        vec![
            "dealers[1].id: found `d-001` again, expected each dealer id once (first used by dealers[0])",
            "dealers[1].group: found `harbor-motor`, expected the id of one of the dealer_groups: `pacific-auto`, `harbor-motors`; did you mean `harbor-motors`?",
            "channels[0].actor: found `nobody`, expected the id of one of the actors: `oem`, `dealers`, `aurora-finance`, `autotrader`",
        ]
    );
}

#[test]
fn every_dangling_reference_is_reported_even_when_repeated() {
    let mut s = minimal();
    for d in &mut s.dealers {
        d.group = "gone".into();
        for credit in &mut d.credits {
            credit.actor = "nobody".into();
        }
    }
    let found = errors(&s);
    let at = |prefix: &str| found.iter().filter(|e| e.starts_with(prefix)).count();
    assert_eq!(at("dealers[0].group: found `gone`"), 1, "{found:?}");
    assert_eq!(at("dealers[1].group: found `gone`"), 1, "{found:?}");
    assert_eq!(
        at("dealers[0].credits[1].actor: found `nobody`"),
        1,
        "{found:?}"
    );
    assert_eq!(
        at("dealers[1].credits[1].actor: found `nobody`"),
        1,
        "{found:?}"
    );
}

#[test]
fn sourced_credit_cannot_exceed_the_booked_total() {
    let mut s = minimal();
    // Booked revenue of d-002 is 81000 + 160000 + 300000 = 541000.
    s.dealers[1].credits.push(Credit {
        actor: "oem".into(),
        role: CreditRole::Sourced,
        pipeline: Money::from(0),
        revenue: Money::from(460_001),
    });
    assert_eq!(
        errors(&s),
        vec![
            "dealers[1].credits: sourced credit on revenue sums to 541001, expected at most the booked revenue = 541000 (won_revenue of all deals): a deal has one source"
        ]
    );
    // Influenced credit is reported beside sourced, never added to it.
    s.dealers[1].credits[2].role = CreditRole::Influenced;
    assert_eq!(errors(&s), Vec::<String>::new());
}

#[test]
fn dates_must_match_the_period_and_stale_sources_warn() {
    let mut s = minimal();
    s.period.end = chrono::NaiveDate::from_ymd_opt(2026, 10, 30).unwrap();
    s.provenance.sources[1].as_of = chrono::NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
    s.provenance.sources[0].as_of = chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
    assert_eq!(
        problems(&s),
        vec![
            (Severity::Error, "period.end".into(), "found 2026-10-30, expected the last day of 2026-10: 2026-10-31".into()),
            (Severity::Error, "provenance.sources[0].as_of".into(), "found 2026-09-30, expected a date on or after the period start 2026-10-01: the source has no data for 2026-10".into()),
            (Severity::Warning, "provenance.sources[1].as_of".into(), "found 2026-10-20, 11 days before the period ends on 2026-10-31: `CDK Drive` may be stale (more than 7 days)".into()),
        ]
    );
}

#[test]
fn an_unsupported_version_is_the_only_problem_reported() {
    let mut s = minimal();
    s.schema_version = 7;
    s.ecosystem.currency = "usd".into();
    assert_eq!(
        errors(&s),
        vec![
            "schema_version: found 7, expected a supported schema version: this build reads version 1 only"
        ]
    );
}

#[test]
fn negative_money_and_bad_currency_are_errors_but_a_negative_margin_is_not() {
    let mut s = minimal();
    s.dealers[0].facts.marketing_spend.coop = Money::from(-5);
    s.journeys[0].gross_margin = Money::from(-1000);
    s.ecosystem.currency = "usd".into();
    assert_eq!(
        errors(&s),
        vec![
            "ecosystem.currency: found `usd`, expected an ISO 4217 code of three upper-case letters such as `USD`",
            "dealers[0].facts.marketing_spend.coop: found -5, expected an amount of 0 or more: this amount cannot be negative",
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any figures at all, even absurd ones, are checked without a panic, and a part above
    /// its whole is reported exactly when it is above.
    #[test]
    fn any_figures_are_checked_without_panicking(
        oem in any::<u64>(), dealer in any::<u64>(), partner in any::<u64>(),
        responded in any::<u64>(), made in 0u64..100, accepted in 0u64..100,
        csat in any::<u64>(), score in any::<u64>(), money in any::<i64>(),
    ) {
        let mut s = minimal();
        let f = &mut s.dealers[0].facts;
        f.leads.oem = oem;
        f.leads.dealer = dealer;
        f.leads.partner = partner;
        f.leads_responded = responded;
        f.offers_made = made;
        f.offers_accepted = accepted;
        f.csat_responses = csat;
        f.csat_score_sum = score;
        f.accessory_revenue = Money::from(money);
        s.dealers[0].credits[0].revenue = Money::from(money);
        let found = errors(&s);
        let reported = found.iter().any(|e| e.starts_with("dealers[0].facts.offers_accepted: found"));
        prop_assert_eq!(reported, accepted > made);
        let too_big = [oem, dealer, partner, responded, csat, score].iter().any(|v| *v > MAX_COUNT);
        prop_assert_eq!(found.iter().any(|e| e.contains("implausible")), too_big || money.unsigned_abs() > MAX_MONEY as u64);
    }
}

#[test]
fn a_closing_day_lies_in_the_period_before_its_last_day_and_a_gap_in_leads_warns() {
    let mut s = minimal();
    let (start, end) = (s.period.start, s.period.end);
    s.dealers[0].closed_on = Some(start);
    assert_eq!(errors(&s), Vec::<String>::new());
    s.dealers[0].closed_on = Some(end);
    let found = errors(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(&format!("dealers[0].closed_on: found {end}")),
        "{found:?}"
    );
    // A dealer with quotes but no leads: a warning, not an error.
    let mut s = minimal();
    let f = &mut s.dealers[0].facts;
    f.leads = Default::default();
    f.leads_responded = 0;
    f.leads_answered_in_sla = 0;
    f.response_minutes_sum = 0;
    f.sales_from_leads = 0;
    f.quotes = 12;
    let warned: Vec<_> = problems(&s)
        .into_iter()
        .filter(|p| p.0 == Severity::Warning && p.1 == "dealers[0].facts.leads")
        .collect();
    assert_eq!(warned.len(), 1, "{:?}", problems(&s));
}
