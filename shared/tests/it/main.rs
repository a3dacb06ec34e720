//! Integration tests of the shared core, one binary for the whole crate.

mod fleet;
mod lint;
