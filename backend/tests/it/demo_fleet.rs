//! The demo fleet built into the binary: every `.nix` file parses with real Nix, and the
//! anti-patterns its README promises are listed where tests can read them.

use std::process::Command;

use backend::assets;

fn nix_instantiate_available() -> bool {
    Command::new("nix-instantiate").arg("--version").output().is_ok_and(|out| out.status.success())
}

#[test]
fn every_demo_nix_file_parses_with_nix_instantiate() {
    if !nix_instantiate_available() {
        eprintln!(
            "nix-instantiate is not installed (Debian nix-bin); `cargo xtask test` installs it"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut checked = 0;
    let mut failures = Vec::new();
    for (path, bytes) in assets::demo_fleet() {
        if !path.ends_with(".nix") {
            continue;
        }
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().expect("a parent")).expect("writable");
        std::fs::write(&file, bytes).expect("writable");
        let output =
            Command::new("nix-instantiate").arg("--parse").arg(&file).output().expect("runs");
        if !output.status.success() {
            failures.push(format!("{path}: {}", String::from_utf8_lossy(&output.stderr)));
        }
        checked += 1;
    }
    assert!(checked >= 60, "the demo fleet has only {checked} .nix files");
    assert!(failures.is_empty(), "Nix rejects demo files:\n{}", failures.join("\n"));
}

#[test]
fn the_demo_readme_lists_planted_anti_patterns_with_existing_files() {
    let readme = assets::demo_fleet()
        .iter()
        .find(|(path, _)| *path == "README.md")
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .expect("the demo fleet has a README");
    let start = readme.find("<!-- planted-anti-patterns:start -->").expect("a start marker");
    let end = readme.find("<!-- planted-anti-patterns:end -->").expect("an end marker");
    let rows: Vec<(String, String)> = readme[start..end]
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            match cells.as_slice() {
                ["", rule, file, _, ""]
                    if !rule.is_empty() && *rule != "rule" && !rule.starts_with('-') =>
                {
                    Some(((*rule).to_owned(), (*file).to_owned()))
                }
                _ => None,
            }
        })
        .collect();
    assert!(rows.len() >= 10, "too few planted anti-patterns: {rows:?}");
    for (rule, file) in &rows {
        assert!(
            assets::demo_fleet().iter().any(|(path, _)| path == file),
            "{rule} is planted in {file}, which the demo fleet does not have"
        );
    }
}
