//! Benchmark of the lint core: rnix parse alone and the full lint, in the same run, over
//! a generated corpus of at least 5 MB and over one 900-line host file. Plain `main`,
//! medians of repeated runs. When `deadnix` or `statix` is on PATH it is timed on the
//! same corpus too.
//!
//! Run: `cargo bench -p shared --bench lint`.

use std::process::Command;
use std::time::{Duration, Instant};

use shared::generate::corpus::{generate, host_file};
use shared::lint::{Config, lint};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut work: impl FnMut() -> T) -> Duration {
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(work());
            start.elapsed()
        })
        .collect();
    median(samples)
}

fn megabytes_per_second(bytes: usize, duration: Duration) -> f64 {
    bytes as f64 / 1_000_000.0 / duration.as_secs_f64()
}

/// Times an external linter on the corpus written to a temporary folder, if installed.
fn external(tool: &str, arguments: &[&str], files: &[(String, String)]) -> Option<Duration> {
    Command::new(tool).arg("--version").output().ok()?;
    let root = std::env::temp_dir().join(format!("nixstudio-lint-bench-{}", std::process::id()));
    for (path, text) in files {
        let target = root.join(path);
        std::fs::create_dir_all(target.parent()?).ok()?;
        std::fs::write(target, text).ok()?;
    }
    // A crate of the same name that is not the linter answers with a usage error
    // (exit code 2); linters exit 0 when clean and 1 with findings.
    let works = Command::new(tool)
        .args(arguments)
        .arg(&root)
        .output()
        .is_ok_and(|output| matches!(output.status.code(), Some(0 | 1)));
    let duration =
        works.then(|| time(3, || Command::new(tool).args(arguments).arg(&root).output()));
    let _ = std::fs::remove_dir_all(&root);
    duration
}

fn main() {
    let config = Config::default();
    let files = generate(42, 6_000_000);
    let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
    let lines: usize = files.iter().map(|(_, text)| text.lines().count()).sum();
    let findings: usize = files.iter().map(|(_, text)| lint(text, &config).len()).sum();
    println!(
        "corpus: {} files, {lines} lines, {:.2} MB, {findings} findings",
        files.len(),
        bytes as f64 / 1e6
    );

    let parse = time(7, || {
        files.iter().map(|(_, text)| rnix::Root::parse(text).errors().len()).sum::<usize>()
    });
    let full = time(7, || files.iter().map(|(_, text)| lint(text, &config).len()).sum::<usize>());
    println!(
        "corpus parse only: {parse:.2?} ({:.1} MB/s); full lint: {full:.2?} ({:.1} MB/s); lint/parse = {:.2}x (target <= 3x)",
        megabytes_per_second(bytes, parse),
        megabytes_per_second(bytes, full),
        full.as_secs_f64() / parse.as_secs_f64()
    );

    let host = host_file(7, 900);
    let host_parse = time(201, || rnix::Root::parse(&host).errors().len());
    let host_lint = time(201, || lint(&host, &config).len());
    println!(
        "900-line host file ({} lines, {} KB): parse {host_parse:.2?}, full lint {host_lint:.2?} (target <= 5 ms), lint/parse = {:.2}x",
        host.lines().count(),
        host.len() / 1024,
        host_lint.as_secs_f64() / host_parse.as_secs_f64()
    );

    for (tool, arguments) in [("deadnix", &["--fail"][..]), ("statix", &["check"][..])] {
        match external(tool, arguments, &files) {
            Some(duration) => println!(
                "{tool} on the same corpus: {duration:.2?}; nixstudio full lint / {tool} = {:.2}x",
                full.as_secs_f64() / duration.as_secs_f64()
            ),
            None => println!("{tool} not installed or not working: not compared"),
        }
    }
}
