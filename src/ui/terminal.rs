//! The live terminal: raw mode and the alternate screen, an event loop that redraws only when
//! something changed, and every way out restoring the terminal: `q`, Ctrl-C, an error, a panic,
//! SIGTERM, SIGHUP, and a terminal that went away.
//!
//! Why a signal thread and a watchdog: crossterm 0.29's Unix reader loops forever when the tty
//! read returns 0 or an error (an SSH connection dropped), so the main thread may never come
//! back from `poll`. The process is therefore ended from another thread: on SIGHUP/SIGTERM
//! (signal-hook), or when the terminal stops being a terminal (checked four times a second).
//! Neither spins: one blocks on signals, the other sleeps.

use std::io::{self, IsTerminal, Stdout, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Action, App};
use crate::ui::{effects, keymap};

/// Whether the terminal is in raw mode on the alternate screen (so restoring has work to do).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Held while a frame is written, so a restore from another thread never lands mid-frame.
static OUTPUT: Mutex<()> = Mutex::new(());

/// How long the main loop waits for an event before checking whether to stop.
const TICK: Duration = Duration::from_millis(250);
/// How long the main loop waits for a key between two pieces of idle work.
const IDLE_POLL: Duration = Duration::from_millis(1);

/// Puts the terminal back: main screen, cursor shown, raw mode off. Safe to call twice and from
/// any thread; does nothing when the terminal was not taken.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    // Wait briefly for a frame being written, but never hang on a stalled terminal.
    let mut guard = None;
    for _ in 0..20 {
        if let Ok(g) = OUTPUT.try_lock() {
            guard = Some(g);
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let mut out = io::stdout();
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
    let _ = crossterm::terminal::disable_raw_mode();
    drop(guard);
}

/// Restores the terminal, then runs the previous hook (color-eyre's report), so a panic's
/// message lands on a usable screen.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Ends the process from a helper thread on SIGTERM, SIGHUP, SIGINT or SIGQUIT, after
/// restoring the terminal; the exit code is 128 + the signal, as a shell would report it.
fn spawn_signal_thread() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("ebr-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                restore();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Ends the process when stdin or stdout stops being a terminal (the terminal hung up), in
/// case no SIGHUP arrives. Sleeps between checks.
fn spawn_watchdog() -> io::Result<()> {
    std::thread::Builder::new()
        .name("ebr-watchdog".into())
        .spawn(|| {
            loop {
                std::thread::sleep(TICK);
                if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
                    restore();
                    std::process::exit(129);
                }
            }
        })?;
    Ok(())
}

/// Runs the dashboard until the user quits. The caller has checked that stdin and stdout are
/// terminals and installed color-eyre. `context` serves the effects (copy, export) the app
/// asks for.
pub fn run(app: App, context: &effects::Context) -> io::Result<()> {
    run_with(app, context, &mut |_| {})
}

/// Like [`run`], and calls `observe` with the app after every turn of the event loop (at least
/// four times a second): presenter mode tells its followers where it is from there. `observe`
/// must not block.
pub fn run_with(
    mut app: App,
    context: &effects::Context,
    observe: &mut dyn FnMut(&App),
) -> io::Result<()> {
    install_panic_hook();
    spawn_signal_thread()?;
    crossterm::terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let result = take_and_loop(&mut app, context, observe);
    restore();
    // The process ends right after: freeing the data (gigabytes for a big folder) would only
    // keep the user waiting for the shell prompt.
    std::mem::forget(app);
    result
}

fn take_and_loop(
    app: &mut App,
    context: &effects::Context,
    observe: &mut dyn FnMut(&App),
) -> io::Result<()> {
    // Reloads replace the data files' digests, which exports name.
    let mut context = context.clone();
    let mut out = io::stdout();
    // Mouse reporting is never enabled: selecting text with the mouse keeps working.
    execute!(out, EnterAlternateScreen, cursor::Hide)?;
    spawn_watchdog()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let (cols, rows) = crossterm::terminal::size()?;
    app.update(Action::Resize(cols, rows));
    let mut dirty = true;
    // The clock of presenter mode, given to the app as data.
    let started = Instant::now();
    while app.running() {
        if app.presentation().is_some() {
            let shown = app.cue().map(|c| c.elapsed_secs);
            app.update(Action::Tick(started.elapsed()));
            dirty |= app.cue().map(|c| c.elapsed_secs) != shown;
        }
        dirty |= take_reloads(app, &mut context);
        observe(app);
        if dirty {
            draw(&mut terminal, app)?;
            dirty = false;
        }
        // While screens the user may open next are unbuilt, build one between polls that
        // hardly wait: a key pressed meanwhile waits for one build at most. (Not zero: the
        // terminal reader ebr uses, see Cargo.toml, does not look at the terminal at all when
        // asked to wait for nothing.)
        let wait = if app.has_idle_work() { IDLE_POLL } else { TICK };
        if !event::poll(wait)? {
            if app.has_idle_work() {
                app.update(Action::Idle);
            }
            continue;
        }
        match event::read()? {
            Event::Key(event) => {
                for key in keymap::as_typed(app, event) {
                    injected_fault(key);
                    if let Some(action) = keymap::action_for(app, key) {
                        app.update(action);
                        carry_out(app, &context);
                        dirty = true;
                    }
                }
            }
            Event::Resize(cols, rows) => {
                app.update(Action::Resize(cols, rows));
                terminal.autoresize()?;
                dirty = true;
            }
            Event::FocusGained | Event::FocusLost | Event::Mouse(_) | Event::Paste(_) => {}
        }
    }
    Ok(())
}

/// Hands the app what the watch loaded since the last turn (new data or a problem); true when
/// the screen may have changed.
fn take_reloads(app: &mut App, context: &mut effects::Context) -> bool {
    let Some(watch) = context.watch.clone() else {
        return false;
    };
    let mut changed = false;
    while let Some(outcome) = watch.try_next() {
        if let Some(files) = outcome.files {
            context.files = files;
        }
        if let Some(action) = outcome.action {
            app.update(action);
            changed = true;
        }
    }
    changed
}

/// Carries out the effects the app asked for (outside `App::update`, which does no I/O) and
/// tells the app how each went. A clipboard sequence is written between frames, under the
/// output lock.
fn carry_out(app: &mut App, context: &effects::Context) {
    for effect in app.take_effects() {
        let status = {
            let _guard = OUTPUT
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            effects::run(effect, app, context, &mut io::stdout())
        };
        app.update(Action::Status(status));
    }
}

/// Debug builds only, for the PTY tests: with `EBR_TEST_PANIC_KEY=!` set, that key panics, so
/// the test can see the terminal restored after a panic. Release builds have no such key.
#[cfg(debug_assertions)]
fn injected_fault(key: event::KeyEvent) {
    let wanted = std::env::var("EBR_TEST_PANIC_KEY").ok();
    if let (Some(wanted), event::KeyCode::Char(c)) = (wanted, key.code)
        && wanted.chars().eq(std::iter::once(c))
    {
        panic!("injected by EBR_TEST_PANIC_KEY");
    }
}

#[cfg(not(debug_assertions))]
fn injected_fault(_key: event::KeyEvent) {}

/// One frame, wrapped in synchronized output so the terminal shows it whole. Ratatui writes
/// only the cells that changed since the last frame.
fn draw(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &App) -> io::Result<()> {
    let _guard = OUTPUT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| {
        let area = frame.area();
        crate::ui::render(app, area, frame.buffer_mut());
    })?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Ok(())
}
