//! Integration tests of the backend, one binary: the real router on a real git repository
//! and a real database, and the real `nixstudio` binary as a process.

mod api;
mod changes;
mod cli;
mod database;
mod demo_fleet;
mod process;
mod snapshot;
mod support;
