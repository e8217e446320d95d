//! A small seeded fuzzer on stable Rust: inputs made from valid files by mutation (see
//! [`mutate`]) or from random bytes, each run on a worker thread that the test thread watches,
//! so a panic is caught with its input and a hang shows as a failure instead of a stuck test.
//!
//! `EBR_FUZZ_CASES` sets the cases per loader (default [`DEFAULT_CASES`], what `cargo test`
//! runs), `EBR_FUZZ_SEED` the run's seed (default 0, so `cargo test` is the same every time).
//! A failing input is written under `target/tmp/fuzz-failures/`; copied into
//! `tests/fixtures/fuzz/<loader>/` it becomes a regression case.

pub mod extremes;
pub mod mutate;
pub mod targets;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// Cases per loader in `cargo test`: the whole fuzz test stays well under 20 s in a debug build
/// on a busy machine.
pub const DEFAULT_CASES: usize = 200;

/// How long one case may take before it counts as a hang. Generous: a case takes milliseconds;
/// this only has to tell "slow on a busy machine" from "never ends".
pub const DEADLINE: Duration = Duration::from_secs(30);

/// How many failing inputs one run keeps before it stops looking.
const MAX_FAILURES: usize = 10;

/// What one case checks: `Ok` when the loader kept its promise (`true` when it loaded the
/// input, `false` when it refused it as it should), `Err` saying how it broke it (an unlocated
/// error, say). A panic is caught by the runner.
pub type Check = Arc<dyn Fn(&[u8]) -> Result<bool, String> + Send + Sync>;

/// A loader under test: its name (also its fixture folder), the extension of its files, the
/// valid files mutations start from, words of its format worth inserting, and the check.
pub struct Target {
    pub name: &'static str,
    pub ext: &'static str,
    pub seeds: Vec<Vec<u8>>,
    pub words: &'static [&'static str],
    pub check: Check,
}

/// SplitMix64: small, fast and the same on every platform, so a seed names one input.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Cases per loader: `EBR_FUZZ_CASES`, else [`DEFAULT_CASES`].
pub fn cases() -> usize {
    std::env::var("EBR_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// The run's seed: `EBR_FUZZ_SEED`, else 0.
pub fn run_seed() -> u64 {
    std::env::var("EBR_FUZZ_SEED")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// How a case went wrong.
#[derive(Debug, PartialEq)]
pub enum Failure {
    /// The check said the loader broke its promise.
    Broken(String),
    /// Something panicked.
    Panicked(String),
    /// No answer within [`DEADLINE`].
    Hung,
}

/// One failing input, and where it was saved.
#[derive(Debug)]
pub struct Found {
    pub case: String,
    pub failure: Failure,
    pub saved: Option<PathBuf>,
}

enum Event {
    Started(Arc<Vec<u8>>),
    Finished(Result<bool, Failure>),
}

/// How a run went: cases run, how many of them loaded, and the failures.
pub struct Outcome {
    pub ran: usize,
    pub loaded: usize,
    pub found: Vec<Found>,
}

/// Runs `inputs` through `check` on a worker thread and returns every failure (at most
/// [`MAX_FAILURES`]; a hang ends the run, as the worker is stuck in it). `inputs` yields a
/// label for each case (its seed or fixture name) and the bytes.
pub fn run(
    loader: &str,
    ext: &str,
    check: Check,
    inputs: impl Iterator<Item = (String, Vec<u8>)> + Send + 'static,
) -> Outcome {
    run_within(DEADLINE, loader, ext, check, inputs)
}

/// [`run`] with another deadline for one case.
pub fn run_within(
    deadline: Duration,
    loader: &str,
    ext: &str,
    check: Check,
    inputs: impl Iterator<Item = (String, Vec<u8>)> + Send + 'static,
) -> Outcome {
    quiet_panics();
    let (tx, rx) = mpsc::channel();
    let worker = thread::Builder::new()
        .name(format!("fuzz {loader}"))
        .spawn(move || {
            for (label, input) in inputs {
                let input = Arc::new(input);
                if tx
                    .send((label, Event::Started(Arc::clone(&input))))
                    .is_err()
                {
                    return;
                }
                let outcome = match catch_unwind(AssertUnwindSafe(|| check(&input))) {
                    Ok(Ok(loaded)) => Ok(loaded),
                    Ok(Err(why)) => Err(Failure::Broken(why)),
                    Err(panic) => Err(Failure::Panicked(panic_message(&*panic))),
                };
                let label = String::new();
                if tx.send((label, Event::Finished(outcome))).is_err() {
                    return;
                }
            }
        })
        .expect("a worker thread");
    let mut found = Vec::new();
    let mut ran = 0;
    let mut loaded = 0;
    let mut current: Option<(String, Arc<Vec<u8>>)> = None;
    loop {
        match rx.recv_timeout(deadline) {
            Ok((label, Event::Started(input))) => current = Some((label, input)),
            Ok((_, Event::Finished(outcome))) => {
                ran += 1;
                let case = current.take();
                if outcome == Ok(true) {
                    loaded += 1;
                }
                if let (Err(failure), Some((label, input))) = (outcome, case) {
                    let saved = save(loader, ext, &label, &input);
                    found.push(Found {
                        case: label,
                        failure,
                        saved,
                    });
                    if found.len() >= MAX_FAILURES {
                        break;
                    }
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Some((label, input)) = current.take() {
                    let saved = save(loader, ext, &label, &input);
                    found.push(Found {
                        case: label,
                        failure: Failure::Hung,
                        saved,
                    });
                }
                // The worker is stuck in the case; it is left behind and ends with the process.
                return Outcome { ran, loaded, found };
            }
        }
    }
    drop(rx);
    let _ = worker.join();
    Outcome { ran, loaded, found }
}

/// `cases` generated inputs for `target`, from the run's seed.
pub fn generated(target: &Target, cases: usize, seed: u64) -> Vec<(String, u64)> {
    let salt = target.name.bytes().fold(0xCBF2_9CE4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
    });
    (0..cases as u64)
        .map(|i| {
            let case_seed = Rng::new(seed ^ salt ^ i.wrapping_mul(0x2545_F491_4F6C_DD1D)).next();
            (format!("{case_seed:016x}"), case_seed)
        })
        .collect()
}

/// Fuzzes `target` with `cases` inputs; panics listing the failures, if any.
pub fn fuzz(target: Target) {
    let cases = cases();
    let seed = run_seed();
    let plan = generated(&target, cases, seed);
    let seeds = Arc::new(target.seeds);
    let words = target.words;
    let inputs = plan.into_iter().map(move |(label, case_seed)| {
        let input = mutate::input(&mut Rng::new(case_seed), &seeds, words);
        (label, input)
    });
    let Outcome { ran, loaded, found } = run(target.name, target.ext, target.check, inputs);
    eprintln!(
        "fuzz {}: {ran} of {cases} cases run, {loaded} loaded (seed {seed})",
        target.name
    );
    assert_none_found(target.name, &found);
    assert_eq!(ran, cases, "{}: every case ran", target.name);
}

/// Runs every fixture of `tests/fixtures/fuzz/<loader>/` through `check`; returns how many.
pub fn replay(loader: &str, ext: &str, check: Check) -> usize {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(loader);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let inputs: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.display().to_string(), bytes)
        })
        .collect();
    let count = inputs.len();
    let Outcome { ran, found, .. } = run(loader, ext, check, inputs.into_iter());
    assert_none_found(loader, &found);
    assert_eq!(ran, count);
    count
}

fn assert_none_found(loader: &str, found: &[Found]) {
    if found.is_empty() {
        return;
    }
    let list: Vec<String> = found
        .iter()
        .map(|f| {
            let saved = f
                .saved
                .as_ref()
                .map_or(String::new(), |p| format!(" (saved as {})", p.display()));
            let what = match &f.failure {
                Failure::Broken(why) => format!("broke the promise: {why}"),
                Failure::Panicked(message) => format!("panicked: {message}"),
                Failure::Hung => format!("no answer within {DEADLINE:?}"),
            };
            format!("  {}{saved}: {what}", f.case)
        })
        .collect();
    panic!(
        "{loader}: {} failing case(s); copy each saved file into tests/fixtures/fuzz/{loader}/\n{}",
        found.len(),
        list.join("\n")
    );
}

/// Writes a failing input where a developer finds it: `target/tmp/fuzz-failures/`.
fn save(loader: &str, ext: &str, label: &str, input: &[u8]) -> Option<PathBuf> {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures");
    std::fs::create_dir_all(&folder).ok()?;
    let stem: String = label
        .rsplit('/')
        .next()
        .unwrap_or(label)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = folder.join(format!("{loader}-{stem}.{ext}"));
    std::fs::write(&path, input).ok()?;
    Some(path)
}

/// Panics print their place and message but no backtrace: resolving one takes seconds on a
/// busy machine, which would read as a hang, and the failure report names the input anyway.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|info| eprintln!("{info}"))));
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}
