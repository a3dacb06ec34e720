//! One page per client-side route.

pub mod changes;
pub mod composer;
pub mod fleet;
pub mod not_found;
