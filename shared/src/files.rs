//! A repository's files at one commit, keyed by normalised relative path.
//!
//! The backend and the CLI fill a [`FileSet`] from git or disk; the browser fills it from
//! the snapshot API. Everything downstream (fleet discovery, lint) reads only this.
//!
//! Paths and contents are shared (`Arc<str>`), so the browser can derive "the commit plus
//! one edited file" on every keystroke without copying the repository.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::Arc;

/// Relative, `/`-separated paths (no leading `/`, no `.` or `..` parts) to file contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSet {
    files: BTreeMap<Arc<str>, Arc<str>>,
}

impl FileSet {
    pub fn new() -> FileSet {
        FileSet::default()
    }

    /// Adds a file; the path is normalised, and a path that leaves the repository is
    /// refused with `Err` carrying the path as given.
    pub fn insert(&mut self, path: &str, content: impl Into<Arc<str>>) -> Result<(), String> {
        let normalised = normalize(path).ok_or_else(|| path.to_owned())?;
        self.files.insert(normalised.into(), content.into());
        Ok(())
    }

    /// Removes a file; returns whether it was there.
    pub fn remove(&mut self, path: &str) -> bool {
        self.files.remove(path).is_some()
    }

    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(|content| &**content)
    }

    /// The shared content of a file: two sets derived from one another hold the same
    /// `Arc` for every file neither changed, so unchanged files are found by pointer.
    pub fn get_shared(&self, path: &str) -> Option<&Arc<str>> {
        self.files.get(path)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Paths and contents in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(path, content)| (&**path, &**content))
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(|path| &**path)
    }

    /// The paths below `folder` (`""` is the root), in path order.
    pub fn paths_under<'a>(&'a self, folder: &str) -> impl Iterator<Item = &'a str> + use<'a> {
        let prefix = match folder {
            "" => String::new(),
            folder => format!("{folder}/"),
        };
        self.files
            .range::<str, _>((Bound::Included(prefix.as_str()), Bound::Unbounded))
            .map(|(path, _)| &**path)
            .take_while(move |path| path.starts_with(&prefix))
    }

    /// The paths `self` and `newer` differ in, in path order: files added, removed, or
    /// holding another `Arc` (a file set derived from another keeps the `Arc` of every
    /// file it did not touch, so this is a walk over both with a pointer check per file).
    pub fn changed_paths<'a>(&'a self, newer: &'a FileSet) -> Vec<&'a str> {
        let mut changed = Vec::new();
        let (mut old, mut new) = (self.files.iter().peekable(), newer.files.iter().peekable());
        loop {
            let order = match (old.peek(), new.peek()) {
                (None, None) => return changed,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some((old_path, _)), Some((new_path, _))) if Arc::ptr_eq(old_path, new_path) => {
                    Ordering::Equal
                }
                (Some((old_path, _)), Some((new_path, _))) => old_path.cmp(new_path),
            };
            match order {
                Ordering::Less => changed.extend(old.next().map(|(path, _)| &**path)),
                Ordering::Greater => changed.extend(new.next().map(|(path, _)| &**path)),
                Ordering::Equal => {
                    if let (Some((_, before)), Some((path, after))) = (old.next(), new.next())
                        && !Arc::ptr_eq(before, after)
                    {
                        changed.push(&**path);
                    }
                }
            }
        }
    }
}

impl FromIterator<(String, String)> for FileSet {
    /// Collects files, silently dropping paths that leave the repository.
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> FileSet {
        let mut set = FileSet::new();
        for (path, content) in iter {
            // A path that escapes the repository is not part of it; dropping it is the
            // documented behaviour of collecting.
            let _ = set.insert(&path, content);
        }
        set
    }
}

/// Normalises a relative path: `/` separators, no empty, `.` or `..` parts. Returns `None`
/// for an absolute path, an empty path, or one whose `..` parts climb above the root.
pub fn normalize(path: &str) -> Option<String> {
    if path.starts_with('/') || path.contains('\\') || path.contains('\0') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(parts.join("/"))
}

/// Resolves `relative` (as written in a Nix path literal, e.g. `../../modules/x.nix`)
/// against the directory of the file `from`. `None` when it leaves the repository.
pub fn resolve(from: &str, relative: &str) -> Option<String> {
    let directory = match from.rfind('/') {
        Some(slash) => &from[..slash],
        None => "",
    };
    if directory.is_empty() {
        return normalize(relative);
    }
    normalize(&format!("{directory}/{relative}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_refuses_escapes() {
        assert_eq!(
            normalize("hosts/./p620//configuration.nix").as_deref(),
            Some("hosts/p620/configuration.nix")
        );
        assert_eq!(normalize("hosts/../flake.nix").as_deref(), Some("flake.nix"));
        assert_eq!(normalize("../../etc/passwd"), None);
        assert_eq!(normalize("/etc/passwd"), None);
        assert_eq!(normalize(""), None);
        assert_eq!(normalize("a/../.."), None);
    }

    #[test]
    fn resolves_relative_to_the_importing_file() {
        assert_eq!(
            resolve("hosts/p620/configuration.nix", "../../modules/x.nix").as_deref(),
            Some("modules/x.nix")
        );
        assert_eq!(resolve("flake.nix", "./hosts/p620").as_deref(), Some("hosts/p620"));
        assert_eq!(resolve("hosts/a.nix", "../../x.nix"), None);
    }

    #[test]
    fn insert_refuses_paths_outside_the_repository() {
        let mut files = FileSet::new();
        assert_eq!(files.insert("../x.nix", String::new()), Err("../x.nix".to_owned()));
        files.insert("./a/b.nix", "{ }".to_owned()).unwrap();
        assert_eq!(files.get("a/b.nix"), Some("{ }"));
    }

    #[test]
    fn changed_paths_lists_what_a_derived_set_added_removed_or_replaced() {
        let committed: FileSet = ["a.nix", "b.nix", "c.nix", "d.nix"]
            .into_iter()
            .map(|path| (path.to_owned(), format!("# {path}")))
            .collect();
        let mut edited = committed.clone();
        assert!(committed.changed_paths(&edited).is_empty());
        edited.insert("b.nix", "# edited").unwrap();
        edited.remove("c.nix");
        edited.insert("bb.nix", "# new").unwrap();
        // The same text in a new `Arc` counts: only pointers are compared.
        edited.insert("d.nix", "# d.nix").unwrap();
        assert_eq!(committed.changed_paths(&edited), ["b.nix", "bb.nix", "c.nix", "d.nix"]);
        assert_eq!(edited.changed_paths(&committed), ["b.nix", "bb.nix", "c.nix", "d.nix"]);
        assert_eq!(FileSet::new().changed_paths(&committed), ["a.nix", "b.nix", "c.nix", "d.nix"]);
    }
}
