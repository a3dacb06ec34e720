//! One page per client-side route.

pub mod fleet;
pub mod not_found;
