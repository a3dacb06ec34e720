//! Building the web app with Trunk, and reporting its size.

use std::path::PathBuf;
use std::process::Command;

use crate::{Failure, run_checked, tools, workspace_root};

pub fn dist_dir() -> PathBuf {
    workspace_root().join("target").join("dist")
}

/// `trunk build --release` into `target/dist`, with the pinned tools on PATH.
pub fn build_release() -> Result<(), Failure> {
    run_checked(
        Command::new("trunk")
            .args(["build", "--release"])
            .env("PATH", tools::tool_path())
            // Trunk reads NO_COLOR as a boolean flag and rejects the common `NO_COLOR=1`.
            .env_remove("NO_COLOR")
            .current_dir(workspace_root()),
    )?;
    precompress();
    Ok(())
}

/// Writes `NAME.br` (brotli, quality 11) next to every text and wasm file of the web app,
/// so the server sends them without compressing on each request. Without the `brotli`
/// command the server compresses on the fly, faster but larger; the build says so.
fn precompress() {
    let Ok(entries) = std::fs::read_dir(dist_dir()) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let compressible =
            path.extension().and_then(|extension| extension.to_str()).is_some_and(|extension| {
                matches!(extension, "wasm" | "js" | "css" | "html" | "svg" | "webmanifest")
            });
        if !compressible {
            continue;
        }
        let status = Command::new("brotli").args(["-q", "11", "-f", "-k"]).arg(&path).status();
        if !status.is_ok_and(|status| status.success()) {
            println!(
                "xtask: could not precompress {} (is `brotli` installed?); the server will compress it on the fly",
                path.display()
            );
            return;
        }
    }
}

/// The budget for the shipped wasm + js + css, brotli-compressed.
const SIZE_BUDGET: u64 = 300_000;

/// Prints the raw and brotli sizes of the web app's wasm, js and css.
pub fn report_sizes() {
    let Ok(entries) = std::fs::read_dir(dist_dir()) else { return };
    let mut total_raw = 0;
    let mut total_brotli = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let shipped = path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| matches!(extension, "wasm" | "js" | "css"));
        if !shipped {
            continue;
        }
        let raw = entry.metadata().map(|metadata| metadata.len()).unwrap_or(0);
        let compressed = Command::new("brotli")
            .args(["-c", "-q", "11"])
            .arg(&path)
            .output()
            .ok()
            .filter(|output| output.status.success())
            .map(|output| output.stdout.len() as u64);
        total_raw += raw;
        let shown = match compressed {
            Some(bytes) => {
                total_brotli += bytes;
                format!("{bytes} B brotli")
            }
            None => "brotli not installed".to_owned(),
        };
        println!("xtask: web app {}: {raw} B raw, {shown}", path.display());
    }
    let verdict = match total_brotli <= SIZE_BUDGET {
        true => "ok",
        false => "MISSED",
    };
    println!(
        "xtask: web app wasm+js+css: {total_raw} B raw, {total_brotli} B brotli (target ≤ {SIZE_BUDGET} B) {verdict}"
    );
}
