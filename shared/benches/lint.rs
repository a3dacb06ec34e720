//! Benchmark of the lint core.

fn main() {}
