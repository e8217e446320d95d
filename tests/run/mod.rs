//! Runs the real `ebr` binary to completion (no terminal) and reads what it printed.

#![allow(dead_code)]

use std::process::{Command, Output};

/// `ebr args...`, waited for.
pub fn ebr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ebr"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run ebr: {e}"))
}

/// Standard output of a run that must have succeeded (its stderr in the panic otherwise).
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap_or_else(|e| panic!("{e}"))
}
