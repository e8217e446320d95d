//! Opening a huge ecosystem in the real dashboard, on a pseudo-terminal: by default 20,000
//! dealers × 60 months, TOML and JSON mixed, as `ebr sample --dealers 20000 --months 60`
//! writes it (about 4.9 GB). For each build of ebr given it reports:
//!
//! - the time from launch to the first frame;
//! - how long keys take to be answered (a tab switch drawn) while the other periods load, and
//!   after; the time until every period is loaded;
//! - the time from `q` to the end of the process, once loaded and in the middle of loading;
//! - the peak memory (VmHWM) against the size of the files.
//!
//! Run: `cargo bench --bench open_big`. Settings, by environment:
//! `EBR_BIG_DEALERS`, `EBR_BIG_MONTHS` (the size; default 20000 and 60), `EBR_BIG_DIR` (where
//! the files are written once; default `target/tmp/bench-big-<dealers>x<months>`),
//! `EBR_BIG_OPENS` (how many times the folder is opened for the first frame; default 5),
//! `EBR_BIG_BINS` (`label=path,label=path`: the builds to compare, e.g. main's binary copied
//! elsewhere; default the ebr built beside this bench). Not a test: nothing is asserted.

#[path = "../tests/pty_harness/mod.rs"]
mod pty_harness;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pty_harness::Session;

const COLS: u16 = 160;
const ROWS: u16 = 48;
/// The longest any step may take (the builds before this bench needed 40 s and more to draw).
const LIMIT: Duration = Duration::from_secs(600);
/// The tabs pressed in turn, and the tab bar's label of each.
const KEYS: [(u8, &str); 4] = [
    (b'2', "2 Journeys"),
    (b'4', "4 Dealers"),
    (b'6', "6 P&L"),
    (b'1', "1 Overview"),
];
/// The progress line of a folder opened on its periods under review.
const LOADING: &str = "Loading the other periods";

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The folder of files, written once (a marker says it is complete), and its size in bytes.
fn folder(ebr: &str) -> (PathBuf, u64) {
    let dealers = setting("EBR_BIG_DEALERS", 20_000);
    let months = setting("EBR_BIG_MONTHS", 60);
    let dir = std::env::var_os("EBR_BIG_DIR").map_or_else(
        || Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-big-{dealers}x{months}")),
        PathBuf::from,
    );
    let marker = dir.join(".complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!(
            "writing {dealers} dealers × {months} months into {}",
            dir.display()
        );
        let started = Instant::now();
        let status = std::process::Command::new(ebr)
            .args(["sample", "--dealers", &dealers.to_string()])
            .args([
                "--months",
                &months.to_string(),
                "--format",
                "mixed",
                "--out",
            ])
            .arg(&dir)
            .status()
            .expect("run ebr sample");
        assert!(status.success(), "ebr sample failed");
        eprintln!("written in {:.1} s", started.elapsed().as_secs_f64());
        std::fs::write(&marker, "").expect("write the marker");
    }
    let bytes = std::fs::read_dir(&dir)
        .expect("the folder")
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    (dir, bytes)
}

/// Waits until `check` holds for the screen text; `None` after [`LIMIT`].
fn until(s: &Session, check: impl Fn(&str) -> bool) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < LIMIT {
        if check(&s.contents()) {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    None
}

/// The first frame: the header's comparison is drawn.
fn first_frame(screen: &str) -> bool {
    screen.contains("(MoM)")
}

/// The process's peak resident memory in bytes (VmHWM), on Linux.
fn peak_rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Presses `q` and waits for the process to end.
fn quit(s: &mut Session) -> Duration {
    s.send(b"q");
    let start = Instant::now();
    while !s.exited() && start.elapsed() < LIMIT {
        std::thread::sleep(Duration::from_millis(1));
    }
    start.elapsed()
}

/// One key's round trip: pressed, until the tab bar shows its tab.
fn press(s: &mut Session, key: u8, label: &str) -> Duration {
    let start = Instant::now();
    s.send(&[key]);
    while s.active_tab() != label && start.elapsed() < LIMIT {
        std::thread::sleep(Duration::from_micros(500));
    }
    start.elapsed()
}

#[derive(Default)]
struct Figures {
    /// One per opening: the first of the full run, then those of the openings quit early.
    first_frame: Vec<Duration>,
    while_loading: Vec<Duration>,
    after: Vec<Duration>,
    all_loaded: Duration,
    exit_loaded: Duration,
    exit_loading: Vec<Duration>,
    peak: u64,
}

fn measure(program: &str, dir: &Path) -> Figures {
    let dir = dir.display().to_string();
    let mut f = Figures::default();

    let mut s = Session::spawn_program(program, &["view", &dir], COLS, ROWS, &[]);
    f.first_frame
        .push(until(&s, first_frame).expect("a first frame"));
    let mut turn = 0;
    // Keys while the other periods load (none for a build that loads everything first).
    while s.contents().contains(LOADING) && turn < 400 {
        let (key, label) = KEYS[turn % KEYS.len()];
        let took = press(&mut s, key, label);
        if s.contents().contains(LOADING) {
            f.while_loading.push(took);
        }
        turn += 1;
        std::thread::sleep(Duration::from_millis(150));
    }
    until(&s, |screen| !screen.contains(LOADING));
    f.all_loaded = s.started.elapsed();
    for _ in 0..KEYS.len() * 2 {
        let (key, label) = KEYS[turn % KEYS.len()];
        f.after.push(press(&mut s, key, label));
        turn += 1;
        std::thread::sleep(Duration::from_millis(150));
    }
    // Whatever the load left to do in the background (digests) has its chance to peak.
    std::thread::sleep(Duration::from_secs(3));
    f.peak = peak_rss(s.pid()).unwrap_or(0);
    f.exit_loaded = quit(&mut s);
    s.drain();

    // More openings, each quit half a second after its first frame: a single first frame is
    // at the mercy of one noisy moment of a shared machine.
    for _ in 1..setting("EBR_BIG_OPENS", 5) {
        let mut s = Session::spawn_program(program, &["view", &dir], COLS, ROWS, &[]);
        f.first_frame
            .push(until(&s, first_frame).expect("a first frame"));
        std::thread::sleep(Duration::from_millis(500));
        f.exit_loading.push(quit(&mut s));
        s.drain();
    }
    f
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn median_max(times: &[Duration], what: &str) -> String {
    if times.is_empty() {
        return "none".to_owned();
    }
    let mut sorted = times.to_vec();
    sorted.sort();
    format!(
        "{} / {} ({} {what})",
        ms(sorted[sorted.len() / 2]),
        ms(sorted[sorted.len() - 1]),
        sorted.len()
    )
}

fn main() {
    let builds: Vec<(String, String)> = match std::env::var("EBR_BIG_BINS") {
        Ok(list) => list
            .split(',')
            .filter_map(|pair| pair.split_once('='))
            .map(|(label, path)| (label.to_owned(), path.to_owned()))
            .collect(),
        Err(_) => vec![("this build".to_owned(), pty_harness::ebr().to_owned())],
    };
    let generator = builds
        .last()
        .map_or(pty_harness::ebr(), |(_, p)| p.as_str());
    let (dir, bytes) = folder(generator);
    let gb = bytes as f64 / 1e9;
    println!("{} ({gb:.2} GB)\n", dir.display());
    println!(
        "| build | first frame: median / max | keys while loading: median / max | keys after | all loaded | q → exit (loaded) | q → exit (loading): median / max | peak memory | ÷ files |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for (label, program) in &builds {
        let f = measure(program, &dir);
        println!(
            "| {label} | {} | {} | {} | {:.1} s | {} | {} | {:.2} GB | {:.2}× |",
            median_max(&f.first_frame, "opens"),
            median_max(&f.while_loading, "keys"),
            median_max(&f.after, "keys"),
            f.all_loaded.as_secs_f64(),
            ms(f.exit_loaded),
            median_max(&f.exit_loading, "quits"),
            f.peak as f64 / 1e9,
            f.peak as f64 / bytes as f64,
        );
    }
}
