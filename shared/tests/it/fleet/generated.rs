//! Discovery on the large generated fleet: the counts `tests/wasm_fleet.rs` asserts too.

use shared::fleet::discover;
use shared::generate::fleet::generate;

/// Hosts, options, toggles, host values and dependencies of `generate(42)`.
pub const EXPECTED_COUNTS: [usize; 5] = [40, 2601, 2201, 4714, 380];

#[test]
fn generated_fleet_counts() {
    let generated = generate(42);
    let fleet = discover(&generated.files);
    let values: usize = fleet.hosts.iter().map(|host| host.values.len()).sum();
    let counts = [
        fleet.hosts.len(),
        fleet.options.len(),
        fleet.toggles().count(),
        values,
        fleet.dependencies.len(),
    ];
    assert_eq!(counts, EXPECTED_COUNTS);
    assert!(fleet.problems.is_empty(), "{:?}", fleet.problems);
    let host = fleet.host(&generated.edit_host).unwrap();
    assert!(fleet.option(&generated.edit_option).is_some_and(|option| host.has(option)));
    for option in fleet.options.iter() {
        let found = fleet.option(&option.path).map(|found| &found.path);
        assert_eq!(found, Some(&option.path), "looking up {}", option.path);
    }
    assert!(fleet.option("no.such.option").is_none());
}
