//! Fuzzing every loader a user feeds files to: snapshots (TOML and JSON), `ebr attribution`'s
//! path exports, agendas, the config file and rehearsals. Valid files mutated and random bytes
//! must load or be refused with errors that say where, never panic, never hang, and what loads
//! must draw and compute without panicking. `EBR_FUZZ_CASES=20000 cargo test --release --test
//! fuzz` runs longer (see docs/fuzzing.md); every input that ever failed is replayed from
//! `tests/fixtures/fuzz/<loader>/`.

mod fuzz_kit;

use ebr::load::Format;
use std::sync::Arc;

use fuzz_kit::{Check, Failure, Outcome, extremes, fuzz, replay, run, run_within, targets};

#[test]
fn snapshot_toml() {
    fuzz(targets::snapshot(Format::Toml));
}

#[test]
fn snapshot_json() {
    fuzz(targets::snapshot(Format::Json));
}

#[test]
fn path_exports() {
    fuzz(targets::paths());
}

#[test]
fn agendas() {
    fuzz(targets::agenda());
}

#[test]
fn config_files() {
    fuzz(targets::config());
}

#[test]
fn rehearsals() {
    fuzz(targets::rehearsal());
}

/// Every input that ever failed, kept in `tests/fixtures/fuzz/<loader>/`, still passes.
#[test]
fn every_input_that_ever_failed() {
    let loaders: [(&str, &str, Check); 6] = [
        (
            "snapshot-toml",
            "toml",
            Arc::new(|b| targets::check_snapshot(b, Format::Toml)),
        ),
        (
            "snapshot-json",
            "json",
            Arc::new(|b| targets::check_snapshot(b, Format::Json)),
        ),
        ("paths", "csv", Arc::new(targets::check_paths)),
        ("agenda", "toml", Arc::new(targets::check_agenda)),
        ("config", "toml", Arc::new(targets::check_config)),
        ("rehearsal", "toml", Arc::new(targets::check_rehearsal)),
    ];
    let replayed: usize = loaders
        .into_iter()
        .map(|(loader, ext, check)| replay(loader, ext, check))
        .sum();
    assert!(
        replayed > 0,
        "the fixtures of tests/fixtures/fuzz/ were found"
    );
}

/// Each number of a month compared with the next one, alone at a unit in the 28th decimal (of
/// either sign) or at the largest amount of money accepted: the change to the next month and its
/// relative size are a quotient over that value, and ebr shows them without a panic.
#[test]
fn every_number_of_a_compared_month_at_the_ends_of_what_loads() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/compare/2026-08.toml"),
    )
    .expect("the compare fixture");
    let values = [
        "0.0000000000000000000000000001",
        "-0.0000000000000000000000000001",
        "1000000000000000",
    ];
    let inputs = extremes::each_number_swapped(&text, &values);
    let cases = inputs.len();
    let check: Check = Arc::new(|b| targets::check_snapshot(b, Format::Toml));
    let Outcome { ran, loaded, found } = run("snapshot-toml", "toml", check, inputs.into_iter());
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(ran, cases);
    // Most fields are money and take the values; counts refuse decimals, with a location.
    assert!(
        cases > 400 && loaded > 100,
        "{cases} cases, {loaded} loaded"
    );
}

/// The runner itself: a case that panics or never ends is reported with its input saved, and
/// the cases before it count as run.
#[test]
fn a_panic_and_a_hang_are_caught_with_their_input() {
    let check: Check = Arc::new(|bytes: &[u8]| match bytes {
        b"panic" => panic!("boom"),
        b"hang" => loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        },
        _ => Ok(true),
    });
    let inputs = ["fine", "panic", "fine", "hang", "never reached"]
        .map(|s| (format!("case-{s}"), s.as_bytes().to_vec()));
    let Outcome { ran, loaded, found } = run_within(
        std::time::Duration::from_secs(2),
        "runner-self-test",
        "txt",
        check,
        inputs.into_iter(),
    );
    assert_eq!((ran, loaded), (3, 2));
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].case, "case-panic");
    assert_eq!(found[0].failure, Failure::Panicked("boom".into()));
    assert_eq!(found[1].case, "case-hang");
    assert_eq!(found[1].failure, Failure::Hung);
    let saved = found[1].saved.as_ref().expect("the hanging input is saved");
    assert_eq!(std::fs::read(saved).expect("readable"), b"hang");
}
