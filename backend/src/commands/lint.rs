//! `nixstudio lint`, `nixstudio rules` and `nixstudio explain`.
//!
//! Files are found natively (directories recursively, `.gitignore` respected), linted in
//! parallel with the same engine the browser runs, and reported as human text, JSON or
//! SARIF. `--fix` writes safe fixes in place; with `--dry-run` it prints the diff instead.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use shared::lint::{self, Config, FileReport, Severity, WhichFixes, report};

use super::WriteError;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, print_out, walk, write_atomically};
use crate::cli::{LintArgs, LintFormat};

/// A failure that ends the command with exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum LintError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("{path} does not exist")]
    Missing { path: PathBuf },
    #[error("{path}: {message}")]
    Config { path: PathBuf, message: String },
    #[error("cannot walk {path}: {message}")]
    Walk { path: PathBuf, message: String },
}

pub fn run(args: &LintArgs) -> u8 {
    match lint_paths(args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("nixstudio lint: {error}");
            EXIT_ERROR
        }
    }
}

pub fn rules() -> u8 {
    let catalogue = lint::rules::catalogue();
    let width = catalogue.iter().map(|rule| rule.code.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in catalogue {
        out.push_str(&format!(
            "{:width$}  {:7}  {}\n",
            rule.code,
            rule.default_severity.as_str(),
            rule.summary
        ));
    }
    print_out(&out)
}

pub fn explain(code: &str) -> u8 {
    match lint::rules::explain(code) {
        Some(doc) => print_out(&format!("{doc}\n")),
        None => {
            eprintln!("nixstudio explain: no rule named {code:?}; `nixstudio rules` lists them");
            EXIT_ERROR
        }
    }
}

fn lint_paths(args: &LintArgs) -> Result<u8, LintError> {
    let roots: Vec<PathBuf> = match args.paths.is_empty() {
        true => vec![PathBuf::from(".")],
        false => args.paths.clone(),
    };
    for root in &roots {
        if !root.exists() {
            return Err(LintError::Missing { path: root.clone() });
        }
    }
    let (config, repo_root) = load_config(args.config.as_deref(), &roots[0])?;
    for warning in &config.warnings {
        eprintln!("nixstudio lint: {warning}");
    }
    let files = find_nix_files(&roots, &config, repo_root.as_deref())?;
    let reports = lint_in_parallel(&files, &config)?;

    if args.fix {
        return apply_fixes(&reports, &config, args.dry_run);
    }
    let output = match args.format {
        LintFormat::Human => {
            let color = std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal();
            report::human(&reports, color)
        }
        LintFormat::Json => report::json(&reports),
        LintFormat::Sarif => report::sarif(&reports),
    };
    if print_out(&output) != EXIT_CLEAN {
        return Ok(EXIT_ERROR);
    }
    let fail_on = Severity::from_name(&args.fail_on).unwrap_or(Severity::Warning);
    Ok(match report::exit_code(&reports, fail_on) {
        0 => EXIT_CLEAN,
        _ => EXIT_FINDINGS,
    })
}

/// The configuration: `--config FILE` when given, else the `nixstudio.toml` (or, without
/// one, `statix.toml`) of the repository around `start`. Also returns that repository's
/// root, against which `ignore` globs are matched.
fn load_config(
    explicit: Option<&Path>,
    start: &Path,
) -> Result<(Config, Option<PathBuf>), LintError> {
    let read = |path: &Path| {
        std::fs::read_to_string(path)
            .map_err(|source| LintError::Read { path: path.to_owned(), source })
    };
    let config_error = |path: &Path, error: &dyn std::fmt::Display| LintError::Config {
        path: path.to_owned(),
        message: error.to_string(),
    };
    if let Some(path) = explicit {
        let text = read(path)?;
        let is_statix = path.file_name().is_some_and(|name| name == "statix.toml");
        let config = match is_statix {
            true => Config::from_statix_toml(&text),
            false => Config::from_nixstudio_toml(&text),
        };
        let root = path.parent().map(Path::to_owned);
        return Ok((config.map_err(|error| config_error(path, &error))?, root));
    }
    let Some(root) = find_repo_root(start) else { return Ok((Config::default(), None)) };
    let nixstudio_path = root.join("nixstudio.toml");
    let statix_path = root.join("statix.toml");
    let nixstudio = nixstudio_path.is_file().then(|| read(&nixstudio_path)).transpose()?;
    let statix = statix_path.is_file().then(|| read(&statix_path)).transpose()?;
    let shown = match nixstudio {
        Some(_) => nixstudio_path,
        None => statix_path,
    };
    let config = Config::from_repo_files(nixstudio.as_deref(), statix.as_deref())
        .map_err(|error| config_error(&shown, &error))?;
    Ok((config, Some(root)))
}

/// The nearest folder at or above `start` that holds `nixstudio.toml`, `statix.toml` or
/// `.git`.
fn find_repo_root(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok()?;
    let mut folder = match absolute.is_dir() {
        true => absolute,
        false => absolute.parent()?.to_owned(),
    };
    loop {
        let is_root = ["nixstudio.toml", "statix.toml", ".git"]
            .iter()
            .any(|marker| folder.join(marker).exists());
        if is_root {
            return Some(folder);
        }
        folder = folder.parent()?.to_owned();
    }
}

/// Every `.nix` file named or under a named folder, minus `.gitignore`d and configured
/// `ignore` paths, sorted. Files named explicitly are always linted.
fn find_nix_files(
    roots: &[PathBuf],
    config: &Config,
    repo_root: Option<&Path>,
) -> Result<Vec<PathBuf>, LintError> {
    let mut files = Vec::new();
    for root in roots {
        if root.is_file() {
            files.push(root.clone());
            continue;
        }
        let found = walk::files(root, |path| path.extension().is_some_and(|ext| ext == "nix"))
            .map_err(|error| LintError::Walk { path: root.clone(), message: error.to_string() })?;
        files.extend(found.into_iter().filter(|path| !is_ignored(path, config, repo_root)));
    }
    files.sort();
    files.dedup();
    Ok(files)
}

fn is_ignored(path: &Path, config: &Config, repo_root: Option<&Path>) -> bool {
    let Some(root) = repo_root else { return false };
    let Ok(absolute) = std::path::absolute(path) else { return false };
    let Ok(relative) = absolute.strip_prefix(root) else { return false };
    config.is_ignored(&relative.to_string_lossy().replace('\\', "/"))
}

/// Lints the files on all cores; reports come back in the order of `files`.
fn lint_in_parallel(files: &[PathBuf], config: &Config) -> Result<Vec<FileReport>, LintError> {
    let threads =
        std::thread::available_parallelism().map_or(1, usize::from).min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<FileReport, LintError>>> = Vec::new();
    results.resize_with(files.len(), || None);
    let per_thread: Vec<Vec<(usize, Result<FileReport, LintError>)>> =
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let index = next.fetch_add(1, Ordering::Relaxed);
                            let Some(path) = files.get(index) else { break };
                            done.push((index, lint_file(path, config)));
                        }
                        done
                    })
                })
                .collect();
            workers.into_iter().map(|worker| worker.join().unwrap_or_default()).collect()
        });
    for (index, result) in per_thread.into_iter().flatten() {
        results[index] = Some(result);
    }
    results.into_iter().flatten().collect()
}

fn lint_file(path: &Path, config: &Config) -> Result<FileReport, LintError> {
    let source = std::fs::read_to_string(path)
        .map_err(|source| LintError::Read { path: path.to_owned(), source })?;
    Ok(FileReport::new(display_path(path), source, config))
}

fn display_path(path: &Path) -> String {
    let shown = path.strip_prefix(".").unwrap_or(path);
    shown.to_string_lossy().into_owned()
}

/// Applies safe fixes (or prints their diff); exits 1 when findings remain.
fn apply_fixes(reports: &[FileReport], config: &Config, dry_run: bool) -> Result<u8, LintError> {
    let mut remaining = 0;
    let mut fixed_files = 0;
    for file in reports {
        let outcome = lint::fix(&file.source, config, WhichFixes::Safe);
        remaining += outcome.remaining.len();
        if !outcome.changed() {
            continue;
        }
        fixed_files += 1;
        if dry_run {
            print_out(&report::dry_run_diff(&file.path, &file.source, &outcome.text));
            continue;
        }
        write_atomically(Path::new(&file.path), &outcome.text)?;
    }
    let verb = if dry_run { "would fix" } else { "fixed" };
    eprintln!("nixstudio lint: {verb} {fixed_files} file(s); {remaining} finding(s) remain");
    Ok(if remaining == 0 { EXIT_CLEAN } else { EXIT_FINDINGS })
}
