//! `cargo xtask test`: every check and test the project has, in one run, ending with a
//! single `N passed, N failed` line. A check (fmt, clippy, the web build) counts as one.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::postgres::TempPostgres;
use crate::{Failure, cargo_target_dir, tools, web, workspace_root};

#[derive(Debug, Default)]
struct Tally {
    passed: u64,
    failed: u64,
    failed_steps: Vec<String>,
}

impl Tally {
    /// A step that is one check: it passes when the command exits with 0.
    fn check(&mut self, name: &str, command: &mut Command) {
        let outcome = stream(command);
        match outcome.success {
            true => self.passed += 1,
            false => {
                self.failed += 1;
                self.failed_steps.push(name.to_owned());
            }
        }
        announce(name, outcome.success);
    }

    /// A step that runs tests: every test counts; a run that fails without reporting a
    /// failed test (a compile error, a crash) counts as one failure.
    fn tests(&mut self, name: &str, command: &mut Command) {
        let outcome = stream(command);
        self.passed += outcome.passed;
        self.failed += outcome.failed;
        if !outcome.success {
            if outcome.failed == 0 {
                self.failed += 1;
            }
            self.failed_steps.push(name.to_owned());
        }
        announce(name, outcome.success);
    }
}

fn announce(step: &str, success: bool) {
    let verdict = if success { "ok" } else { "FAILED" };
    println!("xtask: {verdict}: {step}");
}

struct Outcome {
    success: bool,
    passed: u64,
    failed: u64,
}

/// Runs a command, echoing its output, and reads libtest's `test result:` lines.
fn stream(command: &mut Command) -> Outcome {
    println!("xtask: $ {command:?}");
    let mut child = match command.stdout(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(error) => {
            eprintln!("xtask: cannot start {command:?}: {error}");
            return Outcome { success: false, passed: 0, failed: 0 };
        }
    };
    let (mut passed, mut failed) = (0, 0);
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some((line_passed, line_failed)) = parse_result_line(&line) {
                passed += line_passed;
                failed += line_failed;
            }
        }
    }
    let success = child.wait().is_ok_and(|status| status.success());
    Outcome { success, passed, failed }
}

/// `test result: ok. 8 passed; 0 failed; ...` → (8, 0).
fn parse_result_line(line: &str) -> Option<(u64, u64)> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let count = |word: &str| -> Option<u64> {
        let end = rest.find(&format!(" {word}"))?;
        let start = rest[..end].rfind(' ').map_or(0, |space| space + 1);
        rest[start..end].parse().ok()
    };
    Some((count("passed")?, count("failed")?))
}

fn cargo(args: &[&str]) -> Command {
    let mut command = Command::new("cargo");
    command.args(args).current_dir(workspace_root()).env("PATH", tools::tool_path());
    command
}

pub fn run_all() -> Result<(), Failure> {
    let started = Instant::now();
    let mut log = tools::SetupLog::default();
    tools::ensure_build_tools(&mut log)?;
    tools::ensure_test_packages(&mut log)?;
    log.print();
    let mut tally = Tally::default();

    tally.check("cargo fmt", &mut cargo(&["fmt", "--all", "--check"]));
    tally.check(
        "clippy (native)",
        &mut cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ]),
    );
    tally.check(
        "clippy (wasm32)",
        &mut cargo(&[
            "clippy",
            "--package",
            "shared",
            "--package",
            "frontend",
            "--target",
            tools::WASM_TARGET,
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ]),
    );
    let web_built = web::build_release();
    announce("web app build", web_built.is_ok());
    match &web_built {
        Ok(()) => tally.passed += 1,
        Err(failure) => {
            eprintln!("xtask: {failure}");
            tally.failed += 1;
            tally.failed_steps.push("web app build".to_owned());
        }
    }

    let postgres = TempPostgres::start()?;
    tally.tests(
        "unit and integration tests",
        cargo(&["test", "--workspace", "--exclude", "e2e", "--all-features"])
            .env("NIXSTUDIO_TEST_POSTGRES_URL", &postgres.url),
    );
    drop(postgres);

    for wasm_test in wasm_test_targets() {
        tally.tests(
            &format!("wasm tests {wasm_test}"),
            &mut cargo(&[
                "test",
                "--package",
                "shared",
                "--features",
                "generate",
                "--target",
                tools::WASM_TARGET,
                "--test",
                &wasm_test,
            ]),
        );
    }

    if web_built.is_ok() {
        let binary_built = stream(
            cargo(&["build", "--package", "backend", "--bin", "nixstudio"])
                .env("NIXSTUDIO_WEB_DIST", web::dist_dir()),
        );
        let binary = cargo_target_dir().join("debug").join("nixstudio");
        match binary_built.success {
            true => tally.tests(
                "browser end-to-end tests",
                cargo(&["test", "--package", "e2e"]).env("NIXSTUDIO_BIN", &binary),
            ),
            false => {
                tally.failed += 1;
                tally.failed_steps.push("nixstudio binary for e2e".to_owned());
            }
        }
    }
    web::report_sizes();

    println!("xtask: finished in {:.0} s", started.elapsed().as_secs_f64());
    if !tally.failed_steps.is_empty() {
        println!("xtask: failed steps: {}", tally.failed_steps.join(", "));
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    match tally.failed {
        0 => Ok(()),
        failed => Err(Failure::new(format!("{failed} failed"))),
    }
}

/// The wasm-only test targets: `shared/tests/wasm_*.rs`.
fn wasm_test_targets() -> Vec<String> {
    let directory = workspace_root().join("shared").join("tests");
    let Ok(entries) = std::fs::read_dir(&directory) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".rs")?;
            stem.starts_with("wasm_").then(|| stem.to_owned())
        })
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::parse_result_line;

    #[test]
    fn reads_libtest_summary_lines() {
        let ok = "test result: ok. 8 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out";
        assert_eq!(parse_result_line(ok), Some((8, 0)));
        let failed = "test result: FAILED. 7 passed; 12 failed; 0 ignored; 0 measured";
        assert_eq!(parse_result_line(failed), Some((7, 12)));
        assert_eq!(parse_result_line("running 3 tests"), None);
    }
}
