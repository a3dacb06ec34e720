//! Fleet discovery in WebAssembly finds what it finds natively, and how long it takes.
//!
//! Run with `cargo test -p shared --features generate --target wasm32-unknown-unknown
//! --test wasm_fleet` (Node, through `wasm-bindgen-test-runner`; add `-- --nocapture` to
//! see the timings). The counts are the ones `tests/it/fleet/generated.rs` asserts natively.

#![cfg(target_arch = "wasm32")]

use shared::fleet::{SetRequest, ToggleValue, Value, discover, set_toggles};
use shared::generate::fleet::generate;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

/// Hosts, options, toggles, host values and dependencies of `generate(42)`.
const EXPECTED_COUNTS: [usize; 5] = [40, 2601, 2201, 4714, 380];

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Date)]
    fn now() -> f64;
}

/// The median of `runs` timings of `work`, in milliseconds.
fn median_ms<T>(runs: usize, mut work: impl FnMut() -> T) -> f64 {
    let mut samples: Vec<f64> = (0..runs)
        .map(|_| {
            let start = now();
            std::hint::black_box(work());
            now() - start
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

#[wasm_bindgen_test]
fn wasm_discovery_of_the_generated_fleet_matches_native() {
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

    let lines: usize = generated.files.iter().map(|(_, content)| content.lines().count()).sum();
    let discovery = median_ms(5, || discover(&generated.files));
    console_log!("wasm: discover generated fleet ({lines} lines): {discovery:.1} ms");

    let host = fleet.host(&generated.edit_host).unwrap();
    let current = host.values.get(&generated.edit_option).map(|set| set.value.clone());
    let value = ToggleValue::Bool(current != Some(Value::Bool(true)));
    let request = [SetRequest { option: generated.edit_option.clone(), value }];
    let edit = median_ms(50, || {
        set_toggles(&generated.files, &fleet, &generated.edit_host, &request).unwrap()
    });
    console_log!("wasm: one toggle edit on {}: {edit:.2} ms", host.entry);
}
