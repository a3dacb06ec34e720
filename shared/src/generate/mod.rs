//! Deterministic generators of large, realistic synthetic Nix repositories, used by the
//! benchmarks and by tests that must hold at fleet scale. Same seed, same bytes.

pub mod corpus;
pub mod fleet;
