//! Pieces shared by several pages.

pub mod commit;
pub mod composer_edit;
pub mod composer_pane;
pub mod diagnostics;
pub mod diff;
pub mod editor;
pub mod highlight;
pub mod page_header;
pub mod shell;
pub mod status;
pub mod toast;
pub mod toggles;
