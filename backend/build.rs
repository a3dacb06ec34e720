//! Embeds the built web app and the demo fleet into the `nixstudio` binary, so the binary
//! alone is the product.
//!
//! The web app comes from `NIXSTUDIO_WEB_DIST` or, failing that, `<workspace>/target/dist`
//! (where `cargo xtask build` puts Trunk's output). When neither exists the binary is built
//! without a web app and says so at `/`.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets this"));
    let workspace = manifest_dir.parent().expect("backend lives in the workspace").to_owned();
    println!("cargo::rerun-if-env-changed=NIXSTUDIO_WEB_DIST");
    let web_dist = match env::var_os("NIXSTUDIO_WEB_DIST") {
        Some(dir) => PathBuf::from(dir),
        None => workspace.join("target").join("dist"),
    };
    println!("cargo::rerun-if-changed={}", web_dist.display());
    let demo_fleet = workspace.join("examples").join("demo-fleet");
    println!("cargo::rerun-if-changed={}", demo_fleet.display());

    let mut code = String::new();
    code.push_str("/// The built web app: path relative to the dist folder, and bytes.\n");
    code.push_str("pub static WEB_APP: &[(&str, &[u8])] = &[\n");
    if web_dist.join("index.html").is_file() {
        push_entries(&mut code, &web_dist);
    }
    code.push_str("];\n\n/// The bundled demo fleet repository: path and bytes.\n");
    code.push_str("pub static DEMO_FLEET: &[(&str, &[u8])] = &[\n");
    push_entries(&mut code, &demo_fleet);
    code.push_str("];\n");

    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets this")).join("embedded.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

fn push_entries(code: &mut String, root: &Path) {
    let mut files = Vec::new();
    collect_files(root, root, &mut files);
    files.sort();
    for (relative, absolute) in files {
        writeln!(code, "    ({relative:?}, include_bytes!({absolute:?})),")
            .expect("writing to a String");
    }
}

fn collect_files(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(root, &path, files);
        } else if path.is_file() {
            let relative = path.strip_prefix(root).expect("walked from root");
            let relative = relative.to_string_lossy().replace('\\', "/");
            files.push((relative, path.to_string_lossy().into_owned()));
        }
    }
}
