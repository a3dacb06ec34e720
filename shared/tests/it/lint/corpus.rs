//! The demo fleet corpus: every planted anti-pattern listed in its README is found,
//! and no file of the fleet has a syntax error.

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use shared::lint::{Config, Rule, lint};

fn fleet_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/demo-fleet")
}

fn nix_files(directory: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(directory) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            nix_files(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "nix") {
            out.push(path);
        }
    }
}

/// `(rule, file)` rows between the README's planted-anti-patterns markers.
fn planted(readme: &str) -> Vec<(String, String)> {
    let start = readme.find("<!-- planted-anti-patterns:start -->").expect("start marker");
    let end = readme.find("<!-- planted-anti-patterns:end -->").expect("end marker");
    readme[start..end]
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let (rule, file) = (cells.get(1)?, cells.get(2)?);
            let is_row = !rule.is_empty() && *rule != "rule" && !rule.starts_with("---");
            is_row.then(|| ((*rule).to_owned(), (*file).to_owned()))
        })
        .collect()
}

#[test]
fn every_planted_anti_pattern_of_the_demo_fleet_is_found() {
    let root = fleet_root();
    let readme =
        std::fs::read_to_string(root.join("README.md")).expect("the demo fleet has a README");
    let read = |name: &str| std::fs::read_to_string(root.join(name)).ok();
    let config =
        Config::from_repo_files(read("nixstudio.toml").as_deref(), read("statix.toml").as_deref())
            .expect("the demo fleet's config is valid");
    let mut files = Vec::new();
    nix_files(&root, &mut files);
    assert!(files.len() > 10, "found {} .nix files", files.len());
    let mut found: Vec<(String, String)> = Vec::new();
    for path in &files {
        let relative = path
            .strip_prefix(&root)
            .expect("inside the fleet")
            .to_string_lossy()
            .replace('\\', "/");
        if config.is_ignored(&relative) {
            continue;
        }
        let source = std::fs::read_to_string(path).expect("readable");
        let diagnostics = lint(&source, &config);
        let syntax_errors: Vec<_> =
            diagnostics.iter().filter(|d| d.rule == Rule::SyntaxError).collect();
        assert!(syntax_errors.is_empty(), "{relative}: {syntax_errors:?}");
        found.extend(diagnostics.iter().map(|d| (d.rule.code().to_owned(), relative.clone())));
    }
    let expected = planted(&readme);
    assert!(expected.len() >= 19, "the README lists {} planted anti-patterns", expected.len());
    let missing: Vec<_> = expected.iter().filter(|pair| !found.contains(pair)).collect();
    assert!(missing.is_empty(), "planted but not found: {missing:#?}");
}
