//! Browser end-to-end tests: the real `nixstudio` binary (with its web app built in) on a
//! temporary data directory, driven in headless Chromium through chromedriver.
//!
//! Run through `cargo xtask test`, which builds the binary and sets `NIXSTUDIO_BIN`.
//! On failure each test leaves a screenshot and the page HTML in `target/e2e-artifacts/`.

mod composer;
mod composer_rules;
mod editor;
mod fleet;
mod harness;
