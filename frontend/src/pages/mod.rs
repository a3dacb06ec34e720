//! One page per client-side route.

pub mod changes;
pub mod composer;
pub mod file;
pub mod fleet;
pub mod lint;
pub mod not_found;
