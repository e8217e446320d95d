//! Properties of the attribution models and of the roles ledger, on random inputs.

use proptest::prelude::*;
use rust_decimal::Decimal;

use ebr::attribution::models::markov::{
    chain::Chain, removal_effects, removal_effects_of, removal_effects_solved, solve,
};
use ebr::attribution::{Model, ModelOptions, ModelRun, PathSet, PathSetBuilder, run};

const NAMES: [&str; 6] = ["search", "display", "social", "email", "dealer", "finance"];

/// One row of a path export, with days before conversion on every touch.
#[derive(Debug, Clone)]
struct Row {
    touches: Vec<(usize, u32)>,
    conversions: u64,
    cents: u64,
    nulls: u64,
}

fn row() -> impl Strategy<Value = Row> {
    (
        prop::collection::vec((0..NAMES.len(), 0..40u32), 1..7),
        prop_oneof![Just(0u64), 1..5u64],
        0..1_000_000u64,
        0..4u64,
    )
        .prop_map(|(touches, conversions, cents, nulls)| Row {
            touches,
            conversions,
            cents: if conversions == 0 { 0 } else { cents },
            nulls,
        })
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(row(), 1..14)
}

fn build(rows: &[Row], names: &[&str]) -> PathSet {
    let mut b = PathSetBuilder::new();
    for (i, r) in rows.iter().enumerate() {
        let touches = r.touches.iter().map(|&(c, days)| (names[c], Some(days)));
        b.push(
            touches,
            r.conversions,
            Decimal::new(r.cents as i64, 2),
            r.nulls,
            i,
        )
        .unwrap();
    }
    b.finish().unwrap()
}

fn run_model(model: Model, set: &PathSet) -> ModelRun {
    run(model, set, &ModelOptions::default()).unwrap()
}

const HEURISTICS: [Model; 5] = [
    Model::FirstTouch,
    Model::LastTouch,
    Model::Linear,
    Model::PositionBased,
    Model::TimeDecay,
];
const MARKOV: [Model; 3] = [Model::Markov1, Model::Markov2, Model::Markov3];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_model_hands_out_exactly_the_totals(rows in rows()) {
        let set = build(&rows, &NAMES);
        let conversions: u64 = rows.iter().map(|r| r.conversions).sum();
        let value = Decimal::new(rows.iter().map(|r| r.cents as i64).sum(), 2);
        for model in Model::ALL {
            let run = run_model(model, &set);
            let c = &run.credits;
            prop_assert_eq!(c.total_conversions, Decimal::from(conversions));
            prop_assert_eq!(c.total_value.0, value);
            prop_assert_eq!(c.conversions.iter().sum::<Decimal>(), c.total_conversions, "{}", model);
            prop_assert_eq!(c.value.iter().map(|m| m.0).sum::<Decimal>(), value, "{}", model);
            prop_assert!(c.conversions.iter().all(|x| x.scale() == 2 && !x.is_sign_negative()));
            let raw: f64 = run.raw_conversions.iter().sum();
            prop_assert!((raw - conversions as f64).abs() <= 1e-9 * (1.0 + conversions as f64));
            // Each shown part is its unrounded credit to within one unit (0.01).
            for (shown, raw) in c.conversions.iter().zip(&run.raw_conversions) {
                let shown: f64 = (*shown).try_into().unwrap();
                prop_assert!((shown - raw).abs() <= 0.01 + 1e-9, "{}: {} vs {}", model, shown, raw);
            }
        }
    }

    #[test]
    fn heuristics_give_nothing_to_channels_in_no_converting_path(rows in rows()) {
        let set = build(&rows, &NAMES);
        let converting: Vec<bool> = set
            .channels()
            .iter()
            .map(|name| {
                rows.iter().any(|r| r.conversions > 0 && r.touches.iter().any(|&(c, _)| NAMES[c] == name))
            })
            .collect();
        for model in HEURISTICS {
            let run = run_model(model, &set);
            for (i, &converts) in converting.iter().enumerate() {
                if !converts {
                    prop_assert!(run.credits.conversions[i].is_zero(), "{} {}", model, set.channels()[i]);
                    prop_assert!(run.credits.value[i].0.is_zero());
                    prop_assert_eq!(run.raw_conversions[i], 0.0);
                }
            }
        }
    }

    /// Markov can credit a channel that is in no converting path (first order pools every
    /// journey through a state, see the worked example), so what holds at every order is
    /// narrower: a channel that only ever ends non-converting journeys leads nowhere but null,
    /// its removal changes nothing, and it gets zero.
    #[test]
    fn markov_gives_nothing_to_a_channel_that_only_ends_non_converting_paths(
        mut rows in rows(),
        dead_ends in prop::collection::vec((prop::collection::vec(0..NAMES.len(), 0..3), 1..4u64), 1..4),
    ) {
        let mut names = NAMES.to_vec();
        names.push("dead end");
        for (before, nulls) in dead_ends {
            let mut touches: Vec<(usize, u32)> = before.into_iter().map(|c| (c, 1)).collect();
            touches.push((NAMES.len(), 0));
            rows.push(Row { touches, conversions: 0, cents: 0, nulls });
        }
        let set = build(&rows, &names);
        let dead = set.channels().iter().position(|c| c == "dead end").unwrap();
        for model in MARKOV {
            let run = run_model(model, &set);
            prop_assert!(run.credits.conversions[dead].is_zero(), "{}", model);
            prop_assert!(run.credits.value[dead].0.is_zero());
            prop_assert_eq!(run.markov.unwrap().removal_effects[dead], 0.0);
        }
    }

    #[test]
    fn relabelling_channels_permutes_credits(
        rows in rows(),
        relabel in Just(NAMES.to_vec()).prop_shuffle(),
    ) {
        let set = build(&rows, &NAMES);
        let renamed = build(&rows, &relabel);
        for model in Model::ALL {
            let (a, b) = (run_model(model, &set), run_model(model, &renamed));
            for (i, name) in NAMES.iter().enumerate() {
                let (Some(x), Some(y)) = (
                    set.channels().iter().position(|c| c == name),
                    renamed.channels().iter().position(|c| *c == relabel[i]),
                ) else {
                    prop_assert_eq!(
                        set.channels().iter().any(|c| c == name),
                        renamed.channels().iter().any(|c| *c == relabel[i])
                    );
                    continue;
                };
                let scale = 1.0 + a.raw_value[x].abs();
                prop_assert!((a.raw_conversions[x] - b.raw_conversions[y]).abs() <= 1e-9 * (1.0 + a.raw_conversions[x]));
                prop_assert!((a.raw_value[x] - b.raw_value[y]).abs() <= 1e-9 * scale, "{}", model);
                // Rounding ties between equal channels may break the other way: one unit at most.
                prop_assert!((a.credits.conversions[x] - b.credits.conversions[y]).abs() <= Decimal::new(1, 2));
                prop_assert!((a.credits.value[x].0 - b.credits.value[y].0).abs() <= Decimal::new(1, 2));
            }
        }
    }

    #[test]
    fn results_do_not_depend_on_row_order(
        (rows, shuffled) in rows().prop_flat_map(|r| (Just(r.clone()), Just(r).prop_shuffle())),
    ) {
        let (a, b) = (build(&rows, &NAMES), build(&shuffled, &NAMES));
        for model in Model::ALL {
            let (x, y) = (run_model(model, &a), run_model(model, &b));
            prop_assert_eq!(&x.credits, &y.credits, "{}", model);
            // Bit for bit, not merely close: the chain is built in a canonical order.
            prop_assert_eq!(&x.raw_conversions, &y.raw_conversions);
            prop_assert_eq!(&x.raw_value, &y.raw_value);
            prop_assert_eq!(&x.markov, &y.markov);
        }
    }

    #[test]
    fn markov_conversion_probability_is_conversions_over_journeys(rows in rows()) {
        let set = build(&rows, &NAMES);
        let totals = set.totals();
        let journeys = (totals.conversions + totals.nulls) as f64;
        prop_assume!(journeys > 0.0);
        for order in 1..=3 {
            let details = removal_effects(&set, order).unwrap();
            let expected = totals.conversions as f64 / journeys;
            prop_assert!((details.conversion_probability - expected).abs() < 1e-12);
            prop_assert!(details.removal_effects.iter().all(|e| (0.0..=1.0).contains(e)));
        }
    }

    #[test]
    fn iteration_agrees_with_elimination(rows in rows(), order in 1..=3usize, removed_channel in 0..NAMES.len()) {
        let set = build(&rows, &NAMES);
        let chain = Chain::build(&set, order);
        let mut removed = vec![false; chain.len()];
        if let Some(states) = chain.states_with_channel(set.channels().len()).get(removed_channel) {
            states.iter().for_each(|&s| removed[s as usize] = true);
        }
        for mask in [vec![false; chain.len()], removed] {
            let (iterated, _) = solve::solve(&chain, &mask, None).unwrap();
            let eliminated = solve::eliminate(&chain, &mask).unwrap();
            for (x, y) in iterated.iter().zip(&eliminated) {
                prop_assert!((x[0] - y[0]).abs() <= 1e-12, "{:?} vs {:?}", x, y);
                prop_assert!((x[1] - y[1]).abs() <= 1e-9 * (1.0 + y[1].abs()));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// First order: every removal effect from one inversion (the conversions flowing through
    /// the channel) equals the one found by solving the chain again without the channel.
    #[test]
    fn first_order_removal_effects_equal_one_solve_per_channel(rows in rows()) {
        let set = build(&rows, &NAMES);
        let chain = Chain::build(&set, 1);
        let channels = set.channels().len();
        let fast = removal_effects_of(&chain, channels, 1).unwrap();
        let solved = removal_effects_solved(&chain, channels, 1).unwrap();
        prop_assert_eq!(fast.removal_effects.len(), channels);
        for (x, y) in fast.removal_effects.iter().zip(&solved.removal_effects) {
            prop_assert!((x - y).abs() <= 1e-12, "{:?} vs {:?}", fast, solved);
        }
        for (x, y) in fast.value_removal_effects.iter().zip(&solved.value_removal_effects) {
            prop_assert!((x - y).abs() <= 1e-12, "{:?} vs {:?}", fast, solved);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Small alphabets index states in a dense table and keep successors in short lists; large
    /// ones (here 110 channels, 98 of them unused) hash both. The chain must not care.
    #[test]
    fn large_alphabets_build_the_same_chain(rows in rows(), order in 1..=3usize) {
        let small = build(&rows, &NAMES);
        let mut declared: Vec<String> = small.channels().to_vec();
        declared.extend((0..104).map(|i| format!("unused {i:03}")));
        let mut b = PathSetBuilder::with_channels(&declared);
        for (i, r) in rows.iter().enumerate() {
            let touches = r.touches.iter().map(|&(c, days)| (NAMES[c], Some(days)));
            b.push(touches, r.conversions, Decimal::new(r.cents as i64, 2), r.nulls, i).unwrap();
        }
        let large = b.finish().unwrap();
        prop_assert_eq!(large.channels().len(), small.channels().len() + 104);
        let (x, y) = (removal_effects(&small, order).unwrap(), removal_effects(&large, order).unwrap());
        prop_assert_eq!(x.states, y.states);
        prop_assert_eq!(x.conversion_probability, y.conversion_probability);
        prop_assert_eq!(&x.removal_effects[..], &y.removal_effects[..small.channels().len()]);
        prop_assert!(y.removal_effects[small.channels().len()..].iter().all(|&e| e == 0.0));
    }
}

#[test]
fn nothing_converts_nothing_is_credited() {
    let rows = vec![Row {
        touches: vec![(0, 3), (1, 0)],
        conversions: 0,
        cents: 0,
        nulls: 5,
    }];
    let set = build(&rows, &NAMES);
    for model in Model::ALL {
        let run = run_model(model, &set);
        assert!(
            run.credits.conversions.iter().all(Decimal::is_zero),
            "{model}"
        );
        assert!(run.credits.value.iter().all(|m| m.0.is_zero()));
    }
}

mod ledger {
    //! The roles ledger: a worked example, over-attribution, and reconciliation at every level
    //! of a random hierarchy.

    use proptest::prelude::*;
    use rust_decimal::Decimal;

    use ebr::attribution::ledger::{Amounts, Ledger, OverAttribution, ledger};
    use ebr::model::{
        Actor, ActorId, ActorKind, Credit, CreditRole, Customers, DealStats, Dealer, DealerFacts,
        Locale, Money, Pipeline, SizeBand,
    };

    fn money(cents: i64) -> Money {
        Money(Decimal::new(cents, 2))
    }

    fn actors() -> Vec<Actor> {
        [
            ("oem", ActorKind::Oem),
            ("dealers", ActorKind::Dealer),
            ("captive", ActorKind::FinancePartner),
            ("market", ActorKind::OtherPartner),
        ]
        .into_iter()
        .map(|(id, kind)| Actor {
            id: ActorId::from(id),
            name: id.to_uppercase(),
            kind,
        })
        .collect()
    }

    /// A dealer whose deals add up to `pipeline` and `revenue` (cents), split over the three
    /// partner buckets, with `credits` as (actor, role, pipeline cents, revenue cents).
    fn dealer(
        id: &str,
        group: &str,
        pipeline: i64,
        revenue: i64,
        credits: &[(&str, CreditRole, i64, i64)],
    ) -> Dealer {
        let stats = |p: i64, r: i64| DealStats {
            pipeline_value: money(p),
            won_revenue: money(r),
            ..DealStats::default()
        };
        Dealer {
            id: id.into(),
            name: id.to_owned(),
            group: group.into(),
            locale: Locale::Metro,
            size_band: SizeBand::Medium,
            ev_certified: false,
            facts: DealerFacts::default(),
            pipeline: Pipeline {
                partner_sourced: stats(pipeline / 2, revenue / 3),
                partner_influenced: stats(pipeline / 4, revenue / 3),
                no_partner: stats(
                    pipeline - pipeline / 2 - pipeline / 4,
                    revenue - 2 * (revenue / 3),
                ),
            },
            customers: Customers::default(),
            credits: credits
                .iter()
                .map(|&(actor, role, p, r)| Credit {
                    actor: actor.into(),
                    role,
                    pipeline: money(p),
                    revenue: money(r),
                })
                .collect(),
            closed_on: None,
        }
    }

    fn amounts(pipeline: i64, revenue: i64) -> Amounts {
        Amounts {
            pipeline: money(pipeline),
            revenue: money(revenue),
        }
    }

    /// Two dealers (amounts in currency units):
    ///
    /// | dealer | booked pipeline / revenue | sourced                          | influenced     | attached      |
    /// |--------|---------------------------|----------------------------------|----------------|---------------|
    /// | d1     | 1000 / 400                | OEM 600/250, MARKET 300/100      | CAPTIVE 500/200 | CAPTIVE 0/40 |
    /// | d2     | 500 / 200                 | DEALERS 200/120                  | OEM 100/50     |               |
    ///
    /// Booked 1500 / 600. Sourced: OEM 600/250 + MARKET 300/100 + DEALERS 200/120 = 1100/470.
    /// Unattributed = 1500 - 1100 = 400 pipeline, 600 - 470 = 130 revenue.
    /// Influenced (CAPTIVE 500/200, OEM 100/50) and attached (CAPTIVE 0/40) are beside it: adding
    /// them would claim 1700 of a 1500 pipeline.
    #[test]
    fn worked_example() {
        use CreditRole::*;
        let dealers = [
            dealer(
                "d1",
                "g1",
                100_000,
                40_000,
                &[
                    ("oem", Sourced, 60_000, 25_000),
                    ("market", Sourced, 30_000, 10_000),
                    ("captive", Influenced, 50_000, 20_000),
                    ("captive", Attached, 0, 4_000),
                ],
            ),
            dealer(
                "d2",
                "g1",
                50_000,
                20_000,
                &[
                    ("dealers", Sourced, 20_000, 12_000),
                    ("oem", Influenced, 10_000, 5_000),
                ],
            ),
        ];
        let l = ledger(&dealers, &actors()).unwrap();
        assert_eq!(l.dealers, 2);
        assert_eq!(l.booked, amounts(150_000, 60_000));
        assert_eq!(l.sourced, amounts(110_000, 47_000));
        assert_eq!(l.unattributed, amounts(40_000, 13_000));
        assert!(l.reconciles() && !l.is_over_attributed());
        let row = |id: &str| l.actors.iter().find(|a| a.actor.as_str() == id).unwrap();
        assert_eq!(row("oem").sourced, amounts(60_000, 25_000));
        assert_eq!(row("oem").influenced, amounts(10_000, 5_000));
        assert_eq!(row("captive").sourced, amounts(0, 0));
        assert_eq!(row("captive").influenced, amounts(50_000, 20_000));
        assert_eq!(row("captive").attached, amounts(0, 4_000));
        assert_eq!(
            l.actors
                .iter()
                .map(|a| a.actor.as_str())
                .collect::<Vec<_>>(),
            ["oem", "dealers", "captive", "market"]
        );
    }

    /// d1 books 100 of pipeline but its sources claim 120; d2 books 100 and its sources claim
    /// 50. Together 170 of 200, which alone would look fine: the ledger still names d1, over by
    /// 20, and keeps reconciling (sourced 170 + unattributed 30 = booked 200). An actor the
    /// snapshot does not list is shown by its id, not dropped.
    #[test]
    fn over_attribution_is_reported_not_hidden() {
        use CreditRole::*;
        let dealers = [
            dealer(
                "d1",
                "g1",
                10_000,
                10_000,
                &[("oem", Sourced, 12_000, 5_000)],
            ),
            dealer(
                "d2",
                "g1",
                10_000,
                10_000,
                &[("ghost", Sourced, 5_000, 5_000)],
            ),
        ];
        let l = ledger(&dealers, &actors()).unwrap();
        assert!(l.reconciles());
        assert!(l.is_over_attributed());
        assert_eq!(l.unattributed, amounts(3_000, 10_000));
        assert_eq!(
            l.over_attributed,
            [OverAttribution {
                dealer: "d1".into(),
                excess: amounts(2_000, 0)
            }]
        );
        let ghost = l.actors.last().unwrap();
        assert_eq!((ghost.actor.as_str(), ghost.kind), ("ghost", None));
        assert_eq!(ghost.sourced, amounts(5_000, 5_000));
    }

    /// Per dealer: booked pipeline and revenue, and per actor a sourced fraction (in
    /// thousandths, scaled so sourced never exceeds booked) plus influenced and attached amounts.
    /// (actor, sourced weight in thousandths, influenced cents, attached cents).
    type RandomCredit = (usize, u32, i64, i64);
    /// (booked pipeline cents, booked revenue cents, credits).
    type RandomDealer = (i64, i64, Vec<RandomCredit>);

    fn random_dealer() -> impl Strategy<Value = RandomDealer> {
        (
            0..10_000_000i64,
            0..5_000_000i64,
            prop::collection::vec(
                (0..4usize, 0..1000u32, 0..1_000_000i64, 0..1_000_000i64),
                0..6,
            ),
        )
    }

    fn build(region_groups: &[Vec<Vec<RandomDealer>>]) -> Vec<(usize, usize, Dealer)> {
        let ids = ["oem", "dealers", "captive", "market"];
        let mut out = Vec::new();
        for (r, groups) in region_groups.iter().enumerate() {
            for (g, dealers) in groups.iter().enumerate() {
                for (d, (pipeline, revenue, credits)) in dealers.iter().enumerate() {
                    // Sourced shares are scaled to at most the booked total: Σ weight ≤ 1000.
                    let weight: i64 = credits
                        .iter()
                        .map(|c| i64::from(c.1))
                        .sum::<i64>()
                        .max(1000);
                    let mut list = Vec::new();
                    for &(actor, w, influenced, attached) in credits {
                        let w = i64::from(w);
                        list.push((
                            ids[actor],
                            CreditRole::Sourced,
                            pipeline * w / weight,
                            revenue * w / weight,
                        ));
                        list.push((
                            ids[actor],
                            CreditRole::Influenced,
                            influenced,
                            influenced / 2,
                        ));
                        list.push((ids[actor], CreditRole::Attached, 0, attached));
                    }
                    let id = format!("r{r}g{g}d{d}");
                    out.push((
                        r,
                        g,
                        dealer(&id, &format!("r{r}g{g}"), *pipeline, *revenue, &list),
                    ));
                }
            }
        }
        out
    }

    fn check(l: &Ledger) -> Result<(), TestCaseError> {
        prop_assert!(l.reconciles());
        prop_assert!(!l.is_over_attributed());
        prop_assert!(
            !l.unattributed.pipeline.is_negative() && !l.unattributed.revenue.is_negative()
        );
        let sourced = l.actors.iter().fold(Amounts::default(), |a, r| Amounts {
            pipeline: a.pipeline + r.sourced.pipeline,
            revenue: a.revenue + r.sourced.revenue,
        });
        prop_assert_eq!(sourced, l.sourced);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn reconciles_at_every_level_and_rolls_up(
            hierarchy in prop::collection::vec(
                prop::collection::vec(prop::collection::vec(random_dealer(), 1..4), 1..4), 1..4),
        ) {
            let dealers = build(&hierarchy);
            let actors = actors();
            let all = ledger(dealers.iter().map(|(_, _, d)| d), &actors).unwrap();
            check(&all)?;
            let mut regions = Vec::new();
            for (r, groups) in hierarchy.iter().enumerate() {
                let region = ledger(dealers.iter().filter(|x| x.0 == r).map(|x| &x.2), &actors).unwrap();
                check(&region)?;
                let mut groups_total = Vec::new();
                for g in 0..groups.len() {
                    let in_group = dealers.iter().filter(|x| x.0 == r && x.1 == g).map(|x| &x.2);
                    let group = ledger(in_group.clone(), &actors).unwrap();
                    check(&group)?;
                    for dealer in in_group {
                        check(&ledger([dealer], &actors).unwrap())?;
                    }
                    groups_total.push(group);
                }
                prop_assert_eq!(region.clone(), sum(&groups_total, &actors));
                regions.push(region);
            }
            // The ecosystem is the sum of its regions, actor by actor and role by role.
            prop_assert_eq!(all, sum(&regions, &actors));
        }
    }

    /// Adds ledgers of disjoint dealer sets, actor by actor.
    fn sum(parts: &[Ledger], actors: &[Actor]) -> Ledger {
        let mut total = ledger([], actors).unwrap();
        for part in parts {
            total.dealers += part.dealers;
            total.booked = total.booked + part.booked;
            total.sourced = total.sourced + part.sourced;
            total.unattributed = total.unattributed + part.unattributed;
            for (t, p) in total.actors.iter_mut().zip(&part.actors) {
                t.sourced = t.sourced + p.sourced;
                t.influenced = t.influenced + p.influenced;
                t.attached = t.attached + p.attached;
            }
        }
        total
    }
}
