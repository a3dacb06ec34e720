//! The pure core of nixstudio, shared by the browser app, the backend and the CLI.
//!
//! Nothing here does IO or knows about HTTP, SQL, git or the DOM: every function takes
//! text and returns data, so the same code runs natively and in `wasm32-unknown-unknown`.
//! Functions never panic on input; broken Nix yields reports, not crashes.

pub mod api;
pub mod diff;
pub mod files;
pub mod fleet;
pub mod highlight;
pub mod lint;
pub mod sort;
pub mod text;
mod toml_file;

#[cfg(feature = "generate")]
pub mod generate;
