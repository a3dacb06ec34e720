//! Fuzz target: parse → lint → fix on arbitrary bytes. Fails on a panic, on an offered
//! fix whose result does not parse, and on a `fix` that is not idempotent.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::lint::{Config, WhichFixes, fix, lint};
use shared::text::apply_edits;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    let config = Config::default();
    for diagnostic in lint(source, &config) {
        if let Some(offered) = &diagnostic.fix {
            let fixed = apply_edits(source, &offered.edits).expect("offered edits apply");
            assert!(
                rnix::Root::parse(&fixed).errors().is_empty(),
                "{} fix does not parse",
                diagnostic.rule.code()
            );
        }
    }
    let outcome = fix(source, &config, WhichFixes::All);
    if outcome.changed() {
        assert!(rnix::Root::parse(&outcome.text).errors().is_empty(), "fixed text does not parse");
    }
    if outcome.rounds < 16 {
        assert!(!fix(&outcome.text, &config, WhichFixes::Safe).changed(), "fix is not idempotent");
    }
});
