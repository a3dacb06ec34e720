//! The nixstudio backend: the only part that knows HTTP, SQL, git and processes.
//!
//! `main.rs` wires the command line to these modules; tests use them directly.

pub mod assets;
pub mod changes;
pub mod cli;
pub mod commands;
pub mod db;
pub mod http;
pub mod repo;
pub mod serve;
