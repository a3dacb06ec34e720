//! `nixstudio fleet` and `nixstudio set`: the fleet model of a repository on disk, and
//! toggle edits written back in place (or shown as a diff).

use std::path::Path;

use shared::files::FileSet;
use shared::fleet::{self, edit::ChangeSet, report};

use super::{EXIT_CLEAN, EXIT_ERROR, print_out, walk, write_atomically};
use crate::cli::{FleetArgs, SetArgs};
use crate::repo;

/// `path` relative to `root`, `/`-separated, as repository paths are written.
fn relative_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// The repository's configuration files, keyed by path relative to `root`.
fn read_repository(root: &Path) -> Result<FileSet, String> {
    if !root.is_dir() {
        return Err(format!("{} is not a folder", root.display()));
    }
    let paths = walk::files(root, |path| repo::is_configuration(&relative_path(root, path)))
        .map_err(|error| format!("cannot walk {}: {error}", root.display()))?;
    let mut files = FileSet::new();
    for path in paths {
        let relative = relative_path(root, &path);
        let bytes = std::fs::read(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        // A configuration file that is not UTF-8 cannot be Nix; the model reports the
        // files it has, and this one is left out.
        let Ok(content) = String::from_utf8(bytes) else { continue };
        files.insert(&relative, content).map_err(|path| format!("{path} leaves the repository"))?;
    }
    Ok(files)
}

pub fn run_fleet(args: &FleetArgs) -> u8 {
    let files = match read_repository(&args.path) {
        Ok(files) => files,
        Err(message) => return fail("fleet", &message),
    };
    let model = fleet::discover(&files);
    if let Some(host) = &args.host {
        return match report::host_toggles(&model, host) {
            Ok(text) => print_out(&text),
            Err(message) => fail("fleet", &message),
        };
    }
    if args.json {
        return match serde_json::to_string_pretty(&model) {
            Ok(json) => print_out(&format!("{json}\n")),
            Err(error) => fail("fleet", &format!("cannot write JSON: {error}")),
        };
    }
    print_out(&report::summary(&model))
}

pub fn run_set(args: &SetArgs) -> u8 {
    match set(args) {
        Ok(code) => code,
        Err(message) => fail("set", &message),
    }
}

fn set(args: &SetArgs) -> Result<u8, String> {
    let original = read_repository(&args.path)?;
    let model = fleet::discover(&original);
    let requests = args
        .assignments
        .iter()
        .map(|assignment| fleet::edit::parse_request(&model, assignment))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| error.to_string())?;
    let mut current = original.clone();
    if !requests.is_empty() {
        let change = fleet::edit::set_toggles(&original, &model, &args.host, &requests)
            .map_err(|error| error.to_string())?;
        report_notes(&change);
        current = apply_to(&current, &change);
    }
    for option in &args.unset {
        let model_now = fleet::discover(&current);
        let change = fleet::edit::unset_toggle(&current, &model_now, &args.host, option)
            .map_err(|error| error.to_string())?;
        report_notes(&change);
        current = apply_to(&current, &change);
    }
    let changed: Vec<(&str, &str)> =
        current.iter().filter(|(path, content)| original.get(path) != Some(*content)).collect();
    if changed.is_empty() {
        eprintln!("nixstudio set: nothing to change; {} already has these values", args.host);
        return Ok(EXIT_CLEAN);
    }
    if args.dry_run {
        let diff: String = changed
            .iter()
            .map(|(path, content)| shared::diff::unified(path, original.get(path), Some(content)))
            .collect();
        return Ok(print_out(&diff));
    }
    for (path, content) in &changed {
        write_atomically(&args.path.join(path), content).map_err(|error| error.to_string())?;
    }
    let paths: Vec<&str> = changed.iter().map(|(path, _)| *path).collect();
    eprintln!("nixstudio set: changed {}", paths.join(", "));
    Ok(EXIT_CLEAN)
}

fn report_notes(change: &ChangeSet) {
    for note in &change.notes {
        eprintln!("nixstudio set: {note}");
    }
}

/// The files as they are after `change`.
fn apply_to(files: &FileSet, change: &ChangeSet) -> FileSet {
    let mut after = files.clone();
    for (path, content) in &change.files {
        // Paths in a change set come from the file set itself, so they are inside it.
        let _ = after.insert(path, content.clone());
    }
    after
}

fn fail(command: &str, message: &str) -> u8 {
    eprintln!("nixstudio {command}: {message}");
    EXIT_ERROR
}
