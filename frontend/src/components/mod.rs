//! Pieces shared by several pages.

pub mod commit;
pub mod diff;
pub mod shell;
pub mod status;
pub mod toast;
