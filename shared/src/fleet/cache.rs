//! What discovery keeps between runs over successive versions of one repository, so that
//! a run after a small edit redoes only what the edit touched.
//!
//! The browser rediscovers the fleet after every pending edit (a toggle flip, a keystroke):
//! the commit plus its edits is a new [`FileSet`] in which every file nobody touched keeps
//! the very `Arc` it had. Each kept result is therefore tied to the contents it was
//! computed from. A run starts by finding the paths whose `Arc` differs from the last
//! run's ([`Changes`]); only results that read those paths are checked, by comparing the
//! text (an edit that restores a file's committed content gives a new `Arc` with the old
//! text), and forgotten when it differs. Every result kept holds the current `Arc` of each
//! file it read. A result is reused only when its inputs are unchanged, so a run with a
//! cache returns exactly what a fresh run returns; [`super::discover`] is a run with an
//! empty cache.

use std::sync::Arc;

use super::config::FleetConfig;
use super::hash::PathMap;
use super::imports::ImportCache;
use super::values::{KeptValues, Setting};
use super::{Dependency, OptionDecl, OptionKind};
use crate::files::FileSet;

/// What discovery keeps between runs; pass the same one to every
/// [`super::discover_cached`] call on versions of one repository.
#[derive(Default)]
pub struct DiscoveryCache {
    /// The conventions everything below was read with; other conventions start afresh.
    config: Option<FleetConfig>,
    /// The files of the last run, which every result below was read from.
    last_files: FileSet,
    pub(super) parses: FileMemo<rnix::Parse<rnix::Root>>,
    pub(super) imports: ImportCache,
    pub(super) declarations: FileMemo<Vec<OptionDecl>>,
    /// The last run's options catalogue.
    pub(super) options: KeptOptions,
    /// Every setting under the toggle roots at the top of a file ([`super::values::of_file`]).
    pub(super) settings: FileMemo<Vec<Setting>>,
    /// Path, kind and toggle flag of every option, as the assertions below were read
    /// against: which assertions are dependencies depends on them.
    options_read_against: Vec<(String, OptionKind, bool)>,
    pub(super) assertions: FileMemo<Vec<Dependency>>,
    pub(super) path_literals: FileMemo<Vec<String>>,
    /// The file names each module lists under `disabledModules`.
    pub(super) disabled_modules: FileMemo<Vec<String>>,
    /// What each file sets that only other classes than NixOS have.
    pub(super) other_class: FileMemo<super::classes::Evidence>,
    /// Each host's values by host name, as the last run read them.
    pub(super) values: PathMap<String, KeptValues>,
}

impl std::fmt::Debug for DiscoveryCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscoveryCache")
            .field("parsed_files", &self.parses.entries.len())
            .finish_non_exhaustive()
    }
}

impl DiscoveryCache {
    pub fn new() -> DiscoveryCache {
        DiscoveryCache::default()
    }

    /// Prepares a run on `files` with `config`: forgets what was read from files that
    /// changed or are gone, and everything when the conventions changed.
    pub(super) fn start(&mut self, files: &FileSet, config: &FleetConfig) {
        if self.config.as_ref() != Some(config) {
            let (parses, last_files) =
                (std::mem::take(&mut self.parses), std::mem::take(&mut self.last_files));
            *self = DiscoveryCache {
                config: Some(config.clone()),
                last_files,
                parses,
                ..Default::default()
            };
        }
        let changes = Changes(
            self.last_files.changed_paths(files).into_iter().map(ToOwned::to_owned).collect(),
        );
        self.parses.forget_changed(&changes, files);
        self.imports.start_run(&changes, files);
        self.declarations.forget_changed(&changes, files);
        self.settings.forget_changed(&changes, files);
        self.assertions.forget_changed(&changes, files);
        self.path_literals.forget_changed(&changes, files);
        self.disabled_modules.forget_changed(&changes, files);
        self.other_class.forget_changed(&changes, files);
        self.last_files = files.clone();
    }

    /// Assertions are read against the options catalogue; when it differs from the one
    /// they were read against, they are read again.
    pub(super) fn options_are(&mut self, options: &[OptionDecl]) {
        let same = self.options_read_against.len() == options.len()
            && self.options_read_against.iter().zip(options).all(
                |((path, kind, toggle), option)| {
                    (path, kind, *toggle) == (&option.path, &option.kind, option.toggle)
                },
            );
        if same {
            return;
        }
        self.options_read_against = options
            .iter()
            .map(|option| (option.path.clone(), option.kind.clone(), option.toggle))
            .collect();
        self.assertions = FileMemo::default();
    }
}

/// The options catalogue of the last run, handed out again while it stays the same: an
/// edit that declares nothing (a toggle flip) then copies and frees no declaration.
#[derive(Default)]
pub struct KeptOptions(Option<Arc<[OptionDecl]>>);

impl KeptOptions {
    /// The catalogue of `declared` and `undeclared` options, sorted by path (no path is in
    /// both): the kept one when equal to it, else a new one, kept for the next run.
    pub(super) fn share(
        &mut self,
        declared: &[&OptionDecl],
        undeclared: &[OptionDecl],
    ) -> Arc<[OptionDecl]> {
        let mut options: Vec<&OptionDecl> = declared.iter().copied().chain(undeclared).collect();
        crate::sort::sort_by(&mut options, |left, right| left.path.cmp(&right.path));
        if let Some(kept) = &self.0
            && kept.iter().eq(options.iter().copied())
        {
            return Arc::clone(kept);
        }
        let options: Arc<[OptionDecl]> = options.into_iter().cloned().collect();
        self.0 = Some(Arc::clone(&options));
        options
    }
}

/// Values computed from one file's content alone, kept while that content stays the same.
pub struct FileMemo<T> {
    entries: PathMap<String, (Arc<str>, T)>,
}

impl<T> Default for FileMemo<T> {
    fn default() -> FileMemo<T> {
        FileMemo { entries: PathMap::default() }
    }
}

impl<T> FileMemo<T> {
    /// The value kept for `path` if it was computed from `content`.
    pub fn get(&self, path: &str, content: &Arc<str>) -> Option<&T> {
        let (kept_content, value) = self.entries.get(path)?;
        same_content(kept_content, content).then_some(value)
    }

    pub fn insert(&mut self, path: &str, content: &Arc<str>, value: T) {
        self.entries.insert(path.to_owned(), (Arc::clone(content), value));
    }

    /// The value for `path` with `content`, computed by `compute` unless kept. A kept value
    /// costs no allocation: discovery looks up every file of every host on each run.
    pub fn get_or_insert_with(
        &mut self,
        path: &str,
        content: &Arc<str>,
        compute: impl FnOnce() -> T,
    ) -> &T {
        if self.get(path, content).is_none() {
            self.insert(path, content, compute());
        }
        &self.entries[path].1
    }

    /// Forgets the values of files that changed or are gone. A value whose text comes back
    /// in a new `Arc` (an undone edit, a reloaded commit) is kept with the new `Arc`, so
    /// that every later lookup compares pointers, not texts.
    fn forget_changed(&mut self, changes: &Changes, files: &FileSet) {
        for path in &changes.0 {
            let Some((content, _)) = self.entries.get_mut(path) else { continue };
            if !files.get_shared(path).is_some_and(|current| still_same(content, current)) {
                self.entries.remove(path);
            }
        }
    }
}

/// The paths whose `Arc` differs from the last run's, sorted: files added, removed,
/// edited, or holding their old text in a new `Arc`.
pub struct Changes(Vec<String>);

impl Changes {
    fn contains(&self, path: &str) -> bool {
        self.0.binary_search_by(|changed| changed.as_str().cmp(path)).is_ok()
    }

    /// Whether a path below `folder` (`""` is the root) changed.
    fn any_under(&self, folder: &str) -> bool {
        self.0.iter().any(|changed| {
            folder.is_empty()
                || changed.strip_prefix(folder).is_some_and(|rest| rest.starts_with('/'))
        })
    }
}

/// How a computation looked at a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Look {
    /// Only whether it exists (a path resolved to it).
    Presence,
    /// What it holds (read or parsed), or that it is absent.
    Content,
    /// The files below it: the path is a folder's (`modules/`, or `/` for the root).
    Listing,
    /// Which files could define the flake's own modules, and what they hold (see
    /// [`FlakeModuleFiles`]); noted under the path `""`, which no file has.
    FlakeModules,
}

/// The `.nix` files that could define one of the flake's own modules (those naming
/// `flake`), with their texts, in path order: what the index of those modules was read
/// from. One run's list is shared by every computation that looked the index up, and a
/// result holds while no changed file is, or becomes, one of them.
pub type FlakeModuleFiles = Arc<[(String, Arc<str>)]>;

/// Whether a file could define one of the flake's own modules.
pub fn could_define_flake_modules(path: &str, text: &str) -> bool {
    path.ends_with(".nix") && text.contains("flake")
}

/// The files a computation looked at and what it saw of each: its result holds for as
/// long as they show the same.
#[derive(Debug, Default)]
pub struct Reads(Vec<(String, Seen)>);

#[derive(Debug)]
enum Seen {
    Presence(bool),
    Content(Option<Arc<str>>),
    Listing(Vec<String>),
    FlakeModules(FlakeModuleFiles),
}

impl Reads {
    /// What `looked_at` shows in `files`; `flake_modules` gives the run's
    /// [`FlakeModuleFiles`] when they were looked at.
    pub fn new(
        looked_at: impl IntoIterator<Item = (String, Look)>,
        files: &FileSet,
        flake_modules: impl Fn() -> FlakeModuleFiles,
    ) -> Reads {
        let seen = looked_at.into_iter().map(|(path, look)| {
            let seen = match look {
                Look::Presence => Seen::Presence(files.contains(&path)),
                Look::Content => Seen::Content(files.get_shared(&path).cloned()),
                Look::Listing => Seen::Listing(listing(files, &path)),
                Look::FlakeModules => Seen::FlakeModules(flake_modules()),
            };
            (path, seen)
        });
        Reads(seen.collect())
    }

    /// Whether every file looked at still shows what it showed, checking only what
    /// `changes` touch. A text seen again in a new `Arc` is remembered by that `Arc`, as
    /// [`FileMemo`] does.
    pub fn still_hold(&mut self, changes: &Changes, files: &FileSet) -> bool {
        self.0.iter_mut().all(|(path, seen)| match seen {
            Seen::Presence(_) | Seen::Content(_) if !changes.contains(path) => true,
            Seen::Presence(present) => files.contains(path) == *present,
            Seen::Content(seen) => match (seen, files.get_shared(path)) {
                (Some(seen), Some(current)) => still_same(seen, current),
                (None, None) => true,
                _ => false,
            },
            Seen::Listing(seen) => {
                let folder = folder_of_listing(path);
                !changes.any_under(folder) || files.paths_under(folder).eq(seen)
            }
            Seen::FlakeModules(candidates) => changes.0.iter().all(|changed| {
                let current = files.get_shared(changed);
                match candidates.binary_search_by(|(path, _)| path.as_str().cmp(changed)) {
                    Ok(index) => {
                        current.is_some_and(|text| same_content(&candidates[index].1, text))
                    }
                    Err(_) => {
                        !current.is_some_and(|text| could_define_flake_modules(changed, text))
                    }
                }
            }),
        })
    }
}

/// The paths below the folder a [`Look::Listing`] names.
fn listing(files: &FileSet, path: &str) -> Vec<String> {
    files.paths_under(folder_of_listing(path)).map(ToOwned::to_owned).collect()
}

fn folder_of_listing(path: &str) -> &str {
    path.trim_end_matches('/')
}

/// Whether `kept` holds `current`'s text. Found equal in another `Arc`, `kept` becomes that
/// `Arc`, so the next check compares pointers only.
fn still_same(kept: &mut Arc<str>, current: &Arc<str>) -> bool {
    if Arc::ptr_eq(kept, current) {
        return true;
    }
    if **kept != **current {
        return false;
    }
    *kept = Arc::clone(current);
    true
}

fn same_content(left: &Arc<str>, right: &Arc<str>) -> bool {
    Arc::ptr_eq(left, right) || left == right
}
