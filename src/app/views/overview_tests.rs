//! The Overview's figures on the review fixture, computed here from its raw parts.

use super::*;
use crate::app::views::review_fixture;

fn cards_at(level: &Level) -> Vec<Card> {
    let card = review_fixture::card();
    let ctx = Context {
        level,
        ..review_fixture::context(&card, None)
    };
    match build(&ctx).blocks.into_iter().next() {
        Some(Block::Cards(cards)) => cards,
        _ => panic!("cards first"),
    }
}

fn titled<'a>(cards: &'a [Card], title: &str) -> &'a Card {
    cards.iter().find(|c| c.title == title).expect("card")
}

#[test]
fn hours_saved_exist_only_for_the_ecosystem_and_say_so_when_drilled() {
    // 1,200 hours saved is an ecosystem figure (the P&L inputs carry no dealer).
    let top = cards_at(&Level::Ecosystem);
    assert!(
        titled(&top, "Sales/consultant")
            .detail
            .contains(&"1,200 h saved by martech".to_owned())
    );
    let dealer = cards_at(&Level::Dealer("d1".into()));
    let card = titled(&dealer, "Sales/consultant");
    assert!(
        card.detail
            .contains(&"ecosystem: 1,200 h saved by martech".to_owned()),
        "{:?}",
        card.detail
    );
    assert!(!card.detail.contains(&"1,200 h saved by martech".to_owned()));
    // The ROI and cost to serve are the ecosystem's too, and say so first.
    assert_eq!(titled(&dealer, "Martech ROI").detail[0], "ecosystem-wide");
    assert_eq!(titled(&dealer, "Cost to serve").detail[0], "ecosystem-wide");
}

#[test]
fn the_roi_card_is_on_total_value_with_the_margin_only_roi() {
    let top = cards_at(&Level::Ecosystem);
    let roi = titled(&top, "Martech ROI");
    // Value 25,000.01 + 51,000 (1,200 h × 42.50) against 15,000.08 a month: 406.7 %; margin
    // only (25,000.01 - 15,000.08) / 15,000.08 = 66.7 %; payback 180,001 / 76,000.01 = 2.4.
    assert_eq!(roi.value, "406.7 %");
    assert_eq!(
        roi.detail,
        [
            "value $76.0K / cost $15.0K",
            "margin-only 66.7 %",
            "payback 2.4 months"
        ]
    );
}
