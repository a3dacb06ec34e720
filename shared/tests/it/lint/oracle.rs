//! The oracle: every fix result must be accepted by real Nix (`nix-instantiate
//! --parse`) when it is installed. Without Nix the test checks nothing and says so.

#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

use shared::lint::{Config, WhichFixes, fix, lint};
use shared::text::apply_edits;

use super::properties::SEEDS;

/// Asks Nix to parse `text`. The text is wrapped in `with { }; ( ... )` so that free
/// variables (which `--parse` would reject, as the fixtures have many) are deferred to
/// evaluation and only syntax is checked.
fn nix_parses(text: &str) -> Option<Result<(), String>> {
    let wrapped = format!("with {{ }}; (\n{text}\n)");
    let mut child = Command::new("nix-instantiate")
        .args(["--parse", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(wrapped.as_bytes()).ok()?;
    let output = child.wait_with_output().ok()?;
    Some(if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    })
}

#[test]
fn every_fix_result_parses_with_real_nix() {
    if nix_parses("1").is_none() {
        eprintln!("nix-instantiate not found: the oracle test checked nothing");
        return;
    }
    let mut sources: Vec<String> = SEEDS.iter().map(|seed| (*seed).to_owned()).collect();
    sources.push(super::wasm_fixture::FIXTURE.to_owned());
    assert!(
        nix_parses("{ a = 1 }").is_some_and(|result| result.is_err()),
        "the oracle rejects broken Nix"
    );
    let mut checked = 0;
    for source in &sources {
        let mut results = Vec::new();
        for diagnostic in lint(source, &Config::default()) {
            if let Some(fix) = &diagnostic.fix {
                results.push((
                    diagnostic.rule.code().to_owned(),
                    apply_edits(source, &fix.edits).expect("applies"),
                ));
            }
        }
        results
            .push(("fix --all".to_owned(), fix(source, &Config::default(), WhichFixes::All).text));
        for (what, text) in results {
            if let Some(Err(error)) = nix_parses(&text) {
                panic!("{what} produced text Nix rejects:\n{text}\n{error}");
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "checked {checked} fix results");
}
