//! The pinned toolchain and how to install each piece when it is missing.
//!
//! Versions live here and nowhere else, except two that other files must state too and
//! that are checked against this one: wasm-bindgen (Cargo.lock, Trunk.toml) and the npm
//! tools (package-lock.json, Trunk.toml).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Failure, run_checked, workspace_root};

pub const TRUNK_VERSION: &str = "0.21.14";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian packages the tests need: a browser and its driver, Nix for the parse oracle,
/// brotli for size reports, PostgreSQL for the second database engine.
pub const TEST_PACKAGES: &[(&str, &str)] = &[
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", "/usr/bin/chromedriver"),
    ("nix-bin", "/usr/bin/nix-instantiate"),
    ("brotli", "/usr/bin/brotli"),
    ("postgresql", "/usr/lib/postgresql"),
];

/// Says what was installed and what was already there.
#[derive(Debug, Default)]
pub struct SetupLog {
    pub installed: Vec<String>,
    pub skipped: Vec<String>,
}

impl SetupLog {
    pub fn print(&self) {
        if !self.skipped.is_empty() {
            println!("xtask: already installed, skipped: {}", self.skipped.join(", "));
        }
        if !self.installed.is_empty() {
            println!("xtask: installed: {}", self.installed.join(", "));
        }
    }
}

/// The version of a package as locked in Cargo.lock.
pub fn locked_version(package: &str) -> Result<String, Failure> {
    let lock_path = workspace_root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .map_err(|error| Failure::new(format!("cannot read {}: {error}", lock_path.display())))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or_else(|| Failure::new(format!("{package} is not in Cargo.lock")))?
        + needle.len();
    let end = lock[start..].find('"').map(|offset| start + offset);
    end.map(|end| lock[start..end].to_owned())
        .ok_or_else(|| Failure::new("Cargo.lock is malformed".to_owned()))
}

/// The `[tools]` value Trunk.toml pins for `key`.
fn trunk_pin(key: &str) -> Result<String, Failure> {
    let path = workspace_root().join("Trunk.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|error| Failure::new(format!("cannot read {}: {error}", path.display())))?;
    text.lines()
        .filter_map(|line| line.split_once('='))
        .find(|(name, _)| name.trim() == key)
        .map(|(_, value)| value.trim().trim_matches('"').to_owned())
        .ok_or_else(|| Failure::new(format!("Trunk.toml pins no {key} under [tools]")))
}

fn cargo_bin() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin")
}

pub fn node_bin() -> PathBuf {
    workspace_root().join("node_modules").join(".bin")
}

/// PATH with the pinned tools first, for Trunk and the wasm test runner.
pub fn tool_path() -> std::ffi::OsString {
    let pinned = [node_bin(), cargo_bin()];
    let mut paths = pinned.to_vec();
    if let Some(current) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&current).filter(|path| !pinned.contains(path)));
    }
    std::env::join_paths(paths).unwrap_or_default()
}

fn output_of(program: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Installs what building the web app needs: the wasm target, wasm-bindgen-cli at the
/// locked version, trunk, and the npm tools.
pub fn ensure_build_tools(log: &mut SetupLog) -> Result<(), Failure> {
    let targets = output_of(Path::new("rustup"), &["target", "list", "--installed"]);
    if targets.is_some_and(|targets| targets.lines().any(|line| line == WASM_TARGET)) {
        log.skipped.push(format!("rust target {WASM_TARGET}"));
    } else {
        run_checked(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
        log.installed.push(format!("rust target {WASM_TARGET}"));
    }

    let bindgen_version = locked_version("wasm-bindgen")?;
    let pinned = trunk_pin("wasm_bindgen")?;
    if pinned != bindgen_version {
        return Err(Failure::new(format!(
            "Trunk.toml pins wasm_bindgen = {pinned:?} but Cargo.lock has {bindgen_version}; make them equal"
        )));
    }
    let installed = output_of(&cargo_bin().join("wasm-bindgen"), &["--version"]);
    if installed.is_some_and(|line| line.trim() == format!("wasm-bindgen {bindgen_version}")) {
        log.skipped.push(format!("wasm-bindgen-cli {bindgen_version}"));
    } else {
        // Not --locked: the CLI's own lockfile pins a crate the registry mirror lacks.
        run_checked(Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &bindgen_version,
            "--force",
        ]))?;
        log.installed.push(format!("wasm-bindgen-cli {bindgen_version}"));
    }

    let trunk = output_of(&cargo_bin().join("trunk"), &["--version"]);
    if trunk.is_some_and(|line| line.trim() == format!("trunk {TRUNK_VERSION}")) {
        log.skipped.push(format!("trunk {TRUNK_VERSION}"));
    } else {
        run_checked(Command::new("cargo").args([
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
            "--force",
        ]))?;
        log.installed.push(format!("trunk {TRUNK_VERSION}"));
    }

    ensure_npm_tools(log)
}

fn ensure_npm_tools(log: &mut SetupLog) -> Result<(), Failure> {
    let tailwind = trunk_pin("tailwindcss")?;
    let wasm_opt = trunk_pin("wasm_opt")?;
    let tailwind_ok = output_of(&node_bin().join("tailwindcss"), &["--help"])
        .is_some_and(|text| text.contains(&format!("v{tailwind}")));
    let wasm_opt_ok = output_of(&node_bin().join("wasm-opt"), &["--version"])
        .is_some_and(|text| text.contains(&format!("({wasm_opt})")));
    if tailwind_ok && wasm_opt_ok {
        log.skipped.push(format!("npm tools (tailwindcss {tailwind}, wasm-opt {wasm_opt})"));
        return Ok(());
    }
    run_checked(
        Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(workspace_root()),
    )?;
    log.installed.push(format!("npm tools (tailwindcss {tailwind}, wasm-opt {wasm_opt})"));
    Ok(())
}

/// Installs the Debian packages the tests need, when missing.
pub fn ensure_test_packages(log: &mut SetupLog) -> Result<(), Failure> {
    let missing: Vec<&str> = TEST_PACKAGES
        .iter()
        .filter(|(_, probe)| !Path::new(probe).exists())
        .map(|(package, _)| *package)
        .collect();
    log.skipped.extend(
        TEST_PACKAGES
            .iter()
            .filter(|(package, _)| !missing.contains(package))
            .map(|(package, _)| format!("apt {package}")),
    );
    if missing.is_empty() {
        return Ok(());
    }
    let is_root = output_of(Path::new("id"), &["-u"]).is_some_and(|uid| uid.trim() == "0");
    if !is_root {
        return Err(Failure::new(format!(
            "the tests need these Debian packages: {}; install them with `sudo apt-get install -y {}`",
            missing.join(", "),
            missing.join(" ")
        )));
    }
    run_checked(Command::new("apt-get").arg("update").arg("-qq"))?;
    run_checked(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    log.installed.extend(missing.iter().map(|package| format!("apt {package}")));
    Ok(())
}
