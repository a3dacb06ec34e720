//! Benchmark of the fleet core.

fn main() {}
