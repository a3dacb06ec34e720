//! How the Composer's controls change a host: every control runs one of the shared core's
//! edit operations on the files as they are now (pending edits included) and applies the
//! resulting `ChangeSet` as one undoable step. What else the edit changed (required
//! toggles, added imports) is kept so the change pane can say it in words.

use leptos::prelude::*;
use shared::files::FileSet;
use shared::fleet::{ChangeSet, EditError, Fleet};

use crate::studio::{Edits, Studio};

/// The last step a Composer control applied, with what the edit changed beyond the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub label: String,
    pub notes: Vec<String>,
}

/// What a control needs to edit the host the page shows; `Copy`, so every handler can hold it.
#[derive(Debug, Clone, Copy)]
pub struct HostEditor {
    pub studio: Studio,
    pub host_name: Memo<String>,
    pub applied: RwSignal<Option<Applied>>,
}

impl HostEditor {
    pub fn new(studio: Studio, host_name: Memo<String>) -> HostEditor {
        HostEditor { studio, host_name, applied: RwSignal::new(None) }
    }

    /// Runs `operation` (one of `shared::fleet`'s edits) for this host and applies its
    /// result as one undoable step labelled `what` (the label becomes the suggested commit
    /// title, so it starts with the host's name). A refusal is returned for the control to
    /// show next to itself; nothing changes then.
    pub fn run(
        self,
        what: &str,
        operation: impl FnOnce(&FileSet, &Fleet, &str) -> Result<ChangeSet, EditError>,
    ) -> Result<(), EditError> {
        let host_name = self.host_name.get_untracked();
        let files = self.studio.files.get_untracked();
        let fleet = self.studio.fleet.get_untracked();
        let change = operation(&files, &fleet, &host_name)?;
        self.apply(format!("{host_name}: {what}"), change);
        Ok(())
    }

    /// Records `change` as one undoable step. Apart from `run`, which is compiled once per
    /// operation, so that the code of this part is not.
    fn apply(self, label: String, change: ChangeSet) {
        if change.is_empty() {
            return;
        }
        let mut edits = Edits::new();
        edits.extend(change.files.into_iter().map(|(path, content)| (path, Some(content))));
        edits.extend(change.deleted.into_iter().map(|path| (path, None)));
        self.studio.apply(label.clone(), edits);
        self.applied.set(Some(Applied { label, notes: change.notes }));
    }

    /// The notes of the last applied step while it is still the step undo would revert:
    /// after an undo or an edit elsewhere they no longer describe the pending state.
    pub fn current_notes(self) -> Vec<String> {
        let Some(applied) = self.applied.get() else { return Vec::new() };
        match self.studio.undo_label() == Some(applied.label) {
            true => applied.notes,
            false => Vec::new(),
        }
    }
}
