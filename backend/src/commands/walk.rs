//! Finding files under a folder the way a person expects: recursively, honouring
//! `.gitignore` (also outside git checkouts), including dot-folders other than `.git`.

use std::path::{Path, PathBuf};

/// Files under `root` whose path satisfies `wanted`, in walk order.
pub fn files(root: &Path, wanted: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, ignore::Error> {
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .filter_entry(|entry| entry.file_name() != ".git")
        .build();
    for entry in walker {
        let entry = entry?;
        if entry.file_type().is_some_and(|kind| kind.is_file()) && wanted(entry.path()) {
            found.push(entry.into_path());
        }
    }
    Ok(found)
}
