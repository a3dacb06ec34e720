//! The native half of the wasm test: the fixture's findings as JSON, committed, so the
//! wasm run (`tests/wasm_lint.rs`) provably sees the same.

use shared::lint::report::json;
use shared::lint::{Config, FileReport};

pub(crate) const FIXTURE: &str = include_str!("fixtures/host.nix");
const EXPECTED: &str = include_str!("fixtures/host.expected.json");

#[test]
fn native_lint_of_the_fixture_matches_the_committed_json() {
    let report = FileReport::new("host.nix", FIXTURE, &Config::default());
    let actual = json(&[report]);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let path =
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/lint/fixtures/host.expected.json");
        std::fs::write(path, &actual).expect("fixture folder is writable");
        return;
    }
    assert_eq!(actual, EXPECTED);
}
