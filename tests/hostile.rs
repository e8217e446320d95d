//! Valid but extreme, and hostile, files through every command a user runs: each ends, with a
//! result or a clear error. Fixtures in `tests/fixtures/hostile/`.

mod hostile_run;

use hostile_run::ebr;

const CREDIT_28_DIGITS: &str = "tests/fixtures/hostile/credit_28_digits.toml";

#[test]
fn a_path_value_of_28_digits_draws_every_tab() {
    let check = ebr(&["check", CREDIT_28_DIGITS], &[]);
    assert_eq!(check.code, Some(0), "{}", check.stdout());
    for (tab, shown) in [
        ("overview", "Aurora Motors North America"),
        // The ledger of minimal.toml: sourced $900K (OEM) + $81K (AutoTrader) of $2,721K booked.
        ("attribution", "Revenue $981K + $1,740K = $2,721K ✓"),
    ] {
        let out = ebr(
            &["render", CREDIT_28_DIGITS, "--tab", tab, "--size", "120x36"],
            &[],
        );
        assert_eq!(out.code, Some(0), "{tab}: {}", out.stderr());
        assert!(out.stdout().contains(shown), "{tab}: {}", out.stdout());
    }
}

#[test]
fn attribution_of_the_largest_decimal_ends_with_the_total_credited() {
    let out = ebr(
        &[
            "attribution",
            "tests/fixtures/hostile/max_value.csv",
            "--format",
            "csv",
        ],
        &[],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr());
    // The total cannot take cents (it has all 28 digits already): every model credits it whole.
    for model in ["first", "last", "linear", "position", "markov"] {
        let total = format!("{model},total,,2.00,79228162514264337593543950335\n");
        assert!(out.stdout().contains(&total), "{model}: {}", out.stdout());
    }
}

#[test]
fn attribution_of_35_decimals_ends_with_the_total_credited() {
    let out = ebr(
        &[
            "attribution",
            "tests/fixtures/hostile/35_decimals.csv",
            "--format",
            "csv",
        ],
        &[],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr());
    // 1 + 1 with 35 decimals is rounded to the 28 a decimal holds when read.
    let total = "first,total,,3.00,2.0000000000000000000000000000\n";
    assert!(out.stdout().contains(total), "{}", out.stdout());
}
