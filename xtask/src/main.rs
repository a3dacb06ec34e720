//! `cargo xtask`: nixstudio's automation, in Rust so it runs wherever cargo does.
//!
//! - `run [SERVE ARGS]`: set up, build the release binary, serve the demo fleet.
//! - `build`: set up, build `target/release/nixstudio` with the web app embedded.
//! - `test`: set up (plus browser, Nix, PostgreSQL), then every check and test; ends with
//!   one `N passed, N failed` line.
//! - `bench`: the native benchmarks of the shared core, then the studio's speed in
//!   headless Chromium against the release binary (`e2e/benches/studio.rs`).

mod postgres;
mod test;
mod tools;
mod web;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// A step that failed, with a message for the person at the terminal.
#[derive(Debug)]
pub struct Failure(String);

impl Failure {
    pub fn new(message: String) -> Failure {
        Failure(message)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_owned()
}

/// Where cargo puts what it builds: `CARGO_TARGET_DIR` (relative to the workspace) when set,
/// as helpers sharing a machine do, else the workspace's `target`.
pub fn cargo_target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

/// Runs a command in the foreground and fails unless it exits with 0.
pub fn run_checked(command: &mut Command) -> Result<(), Failure> {
    let shown = format!("{command:?}");
    println!("xtask: $ {shown}");
    let status =
        command.status().map_err(|error| Failure::new(format!("cannot start {shown}: {error}")))?;
    if !status.success() {
        return Err(Failure::new(format!("{shown} failed with {status}")));
    }
    Ok(())
}

const USAGE: &str = "usage: cargo xtask <run [serve args...] | build | test | bench>";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    let result = match command.as_str() {
        "run" => run(&rest),
        "build" => build().map(|_| ()),
        "test" => test::run_all(),
        "bench" => bench(),
        _ => Err(Failure::new(USAGE.to_owned())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("xtask: {failure}");
            ExitCode::FAILURE
        }
    }
}

/// Builds the web app and the release binary that embeds it; returns the binary's path.
fn build() -> Result<PathBuf, Failure> {
    let mut log = tools::SetupLog::default();
    tools::ensure_build_tools(&mut log)?;
    log.print();
    web::build_release()?;
    web::report_sizes();
    run_checked(
        Command::new("cargo")
            .args(["build", "--release", "--package", "backend", "--bin", "nixstudio"])
            .env("NIXSTUDIO_WEB_DIST", web::dist_dir())
            .current_dir(workspace_root()),
    )?;
    let binary = cargo_target_dir().join("release").join("nixstudio");
    println!("xtask: built {}", binary.display());
    Ok(binary)
}

fn run(serve_args: &[String]) -> Result<(), Failure> {
    let binary = build()?;
    println!("xtask: starting nixstudio; open the URL it prints below (Ctrl-C stops it)");
    run_checked(Command::new(binary).arg("serve").args(serve_args))
}

fn bench() -> Result<(), Failure> {
    run_checked(
        Command::new("cargo")
            .args(["bench", "--package", "shared", "--features", "generate"])
            .current_dir(workspace_root()),
    )?;
    let binary = build()?;
    let mut log = tools::SetupLog::default();
    tools::ensure_test_packages(&mut log)?;
    log.print();
    run_checked(
        Command::new("cargo")
            .args(["bench", "--package", "e2e", "--bench", "studio"])
            .env("NIXSTUDIO_BIN", &binary)
            .current_dir(workspace_root()),
    )
}
