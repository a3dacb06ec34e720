//! The lint engine in WebAssembly gives exactly the native result on a fixture.
//!
//! Run with `cargo test -p shared --target wasm32-unknown-unknown --test wasm_lint`
//! (Node, through `wasm-bindgen-test-runner`). The expected JSON is committed and
//! asserted natively by `tests/it/lint/wasm_fixture.rs`, so both agree.

#![cfg(target_arch = "wasm32")]

use shared::lint::report::json;
use shared::lint::{Config, FileReport, WhichFixes, fix};
use wasm_bindgen_test::wasm_bindgen_test;

const FIXTURE: &str = include_str!("it/lint/fixtures/host.nix");
const EXPECTED: &str = include_str!("it/lint/fixtures/host.expected.json");

#[wasm_bindgen_test]
fn wasm_lint_of_the_fixture_matches_the_native_json() {
    let report = FileReport::new("host.nix", FIXTURE, &Config::default());
    assert_eq!(json(&[report]), EXPECTED);
}

#[wasm_bindgen_test]
fn wasm_fix_reaches_a_fixpoint() {
    let outcome = fix(FIXTURE, &Config::default(), WhichFixes::Safe);
    assert!(outcome.changed());
    assert!(!fix(&outcome.text, &Config::default(), WhichFixes::Safe).changed());
}
