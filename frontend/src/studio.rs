//! The studio's state, shared by every page through context: the snapshot of one commit,
//! the person's pending edits on top of it (kept in `localStorage`, with undo and redo),
//! and what the shared core derives from both in the browser — the fleet and the lint
//! findings.
//!
//! Pending edits are whole file contents by path (`None` deletes). A file whose pending
//! content equals its committed content is not pending: flipping a toggle back leaves
//! nothing to commit. Pending edits belong to the commit they were made on; after a reload
//! the studio loads that commit again, so nothing is rebased behind the person's back.

use std::collections::{BTreeMap, HashMap};
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::api::{ChangeCreated, ChangeRequest, FileChange, Snapshot};
use shared::files::FileSet;
use shared::fleet::{self, DiscoveryCache, Fleet};
use shared::lint::{self, Diagnostic};

use crate::api::{self, ApiFailure};
use crate::browser;

/// Where pending edits are kept between visits.
const STORAGE_KEY: &str = "nixstudio.pending.v1";
/// How many steps undo remembers.
const HISTORY_LIMIT: usize = 200;
/// How long pending edits wait before they are written to `localStorage`.
const PERSIST_DELAY_MS: u64 = 300;

/// A value compared by identity, so memos of big derived data are cheap to compare.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Arc::new(value))
    }
}

/// One commit of the repository, as the snapshot API sent it.
#[derive(Debug, Default)]
pub struct Base {
    pub commit: String,
    pub branch: Option<String>,
    pub files: FileSet,
    /// `.age` files: present, never sent.
    pub secrets: Vec<String>,
}

impl Base {
    fn from_snapshot(snapshot: Snapshot) -> Base {
        Base {
            commit: snapshot.commit,
            branch: snapshot.branch,
            files: snapshot.files.into_iter().map(|file| (file.path, file.content)).collect(),
            secrets: snapshot.secrets,
        }
    }
}

/// Where loading the repository stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    Loading,
    Ready(Shared<Base>),
    Failed(String),
}

/// Pending edits: the new content of each changed file by path; `None` deletes it.
pub type Edits = BTreeMap<String, Option<String>>;

/// What is kept in `localStorage`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Stored {
    base_commit: String,
    files: Edits,
}

/// One step of the undo history.
#[derive(Debug, Clone)]
struct Step {
    label: String,
    edits: Edits,
}

#[derive(Debug, Clone, Default)]
struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

/// The lint results of one file, with the text and configuration they were computed on.
#[derive(Debug, Clone)]
struct Linted {
    content: Arc<str>,
    /// The address of the configuration used; configurations are shared and replaced,
    /// never changed in place.
    config: usize,
    diagnostics: Arc<Vec<Diagnostic>>,
}

/// The repository-wide lint results, filled file by file without blocking the page.
#[derive(Debug, Clone, Default)]
pub struct Sweep {
    pub results: BTreeMap<String, Arc<Vec<Diagnostic>>>,
    /// Files linted so far and files to lint.
    pub done: usize,
    pub total: usize,
    /// How long the last complete sweep took, from its start to its last file.
    pub elapsed_ms: Option<f64>,
}

impl Sweep {
    pub fn is_complete(&self) -> bool {
        self.done == self.total
    }
}

/// The studio's state; `Copy`, so every closure can hold it.
#[derive(Debug, Clone, Copy)]
pub struct Studio {
    pub load: RwSignal<Load>,
    /// The head commit of the studio's branch, when known; differs from the base commit
    /// when the branch moved since the pending edits were started.
    pub head: RwSignal<Option<String>>,
    pub edits: RwSignal<Edits>,
    history: RwSignal<History>,
    /// Base files with the pending edits applied.
    pub files: Memo<Shared<FileSet>>,
    pub fleet: Memo<Shared<Fleet>>,
    pub lint_config: Memo<Shared<lint::Config>>,
    /// Why the repository's lint configuration could not be read, if it could not.
    pub lint_config_error: Memo<Option<String>>,
    lint_cache: StoredValue<HashMap<String, Linted>, LocalStorage>,
    discovery: StoredValue<DiscoveryCache, LocalStorage>,
    pub sweep: RwSignal<Sweep>,
    sweep_generation: StoredValue<u64>,
    /// Whether the commit dialog is open (the shell owns it; any page may open it).
    pub commit_open: RwSignal<bool>,
}

impl Studio {
    /// Creates the state, provides it as context and starts loading the repository.
    pub fn provide() -> Studio {
        let load = RwSignal::new(Load::Loading);
        let edits = RwSignal::new(Edits::new());
        let files = Memo::new(move |_| {
            let base = match load.get() {
                Load::Ready(base) => base,
                _ => return Shared::new(FileSet::new()),
            };
            edits.with(|edits| Shared::new(apply(&base.files, edits)))
        });
        // Kept between runs: after an edit, discovery re-reads only the edited files (every
        // other file keeps its `Arc` in `files`), so a flip on a large fleet stays quick.
        let discovery = StoredValue::new_local(DiscoveryCache::new());
        let fleet = Memo::new(move |_| {
            files.with(|files| {
                let fleet = browser::timed("nixstudio:discover", || {
                    discovery
                        .try_update_value(|cache| fleet::discover_cached(files, cache))
                        .unwrap_or_else(|| fleet::discover(files))
                });
                Shared::new(fleet)
            })
        });
        // Only the two configuration files matter, so typing in a `.nix` file keeps the
        // same configuration and the lint cache stays warm.
        let config_texts = Memo::new(move |_| {
            files.with(|files| {
                let text = |path: &str| files.get(path).map(str::to_owned);
                (text("nixstudio.toml"), text("statix.toml"))
            })
        });
        let parsed_config = Memo::new(move |_| {
            config_texts.with(|(nixstudio, statix)| {
                match lint::Config::from_repo_files(nixstudio.as_deref(), statix.as_deref()) {
                    Ok(config) => (Shared::new(config), None),
                    Err(error) => (Shared::new(lint::Config::default()), Some(error.to_string())),
                }
            })
        });
        let studio = Studio {
            load,
            head: RwSignal::new(None),
            edits,
            history: RwSignal::new(History::default()),
            files,
            fleet,
            lint_config: Memo::new(move |_| parsed_config.with(|(config, _)| config.clone())),
            lint_config_error: Memo::new(move |_| parsed_config.with(|(_, error)| error.clone())),
            lint_cache: StoredValue::new_local(HashMap::new()),
            discovery,
            sweep: RwSignal::new(Sweep::default()),
            sweep_generation: StoredValue::new(0),
            commit_open: RwSignal::new(false),
        };
        provide_context(studio);
        studio.persist();
        studio.start_sweeps();
        studio.reload();
        studio
    }

    /// Loads the commit the stored pending edits belong to, or the branch head.
    pub fn reload(self) {
        let stored = read_stored();
        self.load.set(Load::Loading);
        leptos::task::spawn_local(async move {
            let head = api::health().await.map(|health| health.commit).ok();
            self.head.set(head);
            let wanted = stored.as_ref().map(|stored| stored.base_commit.clone());
            match api::snapshot(wanted.as_deref()).await {
                Ok(snapshot) => {
                    self.edits.set(stored.map(|stored| stored.files).unwrap_or_default());
                    self.load.set(Load::Ready(Shared::new(Base::from_snapshot(snapshot))));
                }
                Err(failure) => {
                    let message = match wanted {
                        Some(commit) => format!(
                            "Your pending edits were made on commit {}, which could not be loaded: {failure}",
                            short(&commit)
                        ),
                        None => failure.to_string(),
                    };
                    self.load.set(Load::Failed(message));
                }
            }
        });
    }

    /// The loaded commit, if any.
    /// The fleet of `base` without the pending edits (the studio's `fleet` when nothing is
    /// pending). It goes through the same discovery cache, so only the files the edits
    /// touch are read again.
    pub fn committed_fleet(self, base: &Base) -> Shared<Fleet> {
        if self.edits.with_untracked(Edits::is_empty) {
            return self.fleet.get_untracked();
        }
        let fleet = self
            .discovery
            .try_update_value(|cache| fleet::discover_cached(&base.files, cache))
            .unwrap_or_else(|| fleet::discover(&base.files));
        Shared::new(fleet)
    }

    pub fn base(self) -> Option<Shared<Base>> {
        match self.load.get() {
            Load::Ready(base) => Some(base),
            _ => None,
        }
    }

    /// Whether the branch moved on since the commit the studio shows.
    pub fn is_behind(self) -> bool {
        match (self.base(), self.head.get()) {
            (Some(base), Some(head)) => base.commit != head,
            _ => false,
        }
    }

    /// The branch head moved to `commit` (a merge from the studio): without pending edits
    /// the studio shows the new head; with them it keeps their commit and says it is behind.
    pub fn branch_moved(self, commit: String) {
        self.head.set(Some(commit));
        if self.pending_count() == 0 {
            self.reload();
        }
    }

    /// Replaces the pending content of some files, as one undoable step. Files set back
    /// to their committed content stop being pending.
    pub fn apply(self, label: impl Into<String>, changes: Edits) {
        self.record(label.into(), false);
        self.merge_edits(changes);
    }

    /// Sets one file's content as typed in the editor: consecutive typing in the same file
    /// is one undo step.
    pub fn type_into(self, path: &str, content: String) {
        self.record(format!("edit {path}"), true);
        self.merge_edits(Edits::from([(path.to_owned(), Some(content))]));
    }

    /// Forgets every pending edit (undoable).
    pub fn discard(self) {
        self.record("discard all edits".to_owned(), false);
        self.edits.set(Edits::new());
    }

    /// Forgets pending edits after they were committed (not undoable: they live in the
    /// change now).
    fn clear_committed(self) {
        self.history.set(History::default());
        self.edits.set(Edits::new());
    }

    pub fn can_undo(self) -> bool {
        self.history.with(|history| !history.undo.is_empty())
    }

    pub fn can_redo(self) -> bool {
        self.history.with(|history| !history.redo.is_empty())
    }

    /// The label of the step undo would revert.
    pub fn undo_label(self) -> Option<String> {
        self.history.with(|history| history.undo.last().map(|step| step.label.clone()))
    }

    pub fn undo(self) {
        let current = self.edits.get_untracked();
        let mut step = None;
        self.history.update(|history| {
            if let Some(previous) = history.undo.pop() {
                history.redo.push(Step { label: previous.label.clone(), edits: current });
                step = Some(previous);
            }
        });
        if let Some(step) = step {
            self.edits.set(step.edits);
        }
    }

    pub fn redo(self) {
        let current = self.edits.get_untracked();
        let mut step = None;
        self.history.update(|history| {
            if let Some(next) = history.redo.pop() {
                history.undo.push(Step { label: next.label.clone(), edits: current });
                step = Some(next);
            }
        });
        if let Some(step) = step {
            self.edits.set(step.edits);
        }
    }

    fn record(self, label: String, coalesce: bool) {
        self.history.update(|history| {
            history.redo.clear();
            let same_step = coalesce && history.undo.last().is_some_and(|step| step.label == label);
            if !same_step {
                // Copied only for a new step: typing on in one file copies nothing.
                history.undo.push(Step { label, edits: self.edits.get_untracked() });
                if history.undo.len() > HISTORY_LIMIT {
                    history.undo.remove(0);
                }
            }
        });
    }

    fn merge_edits(self, changes: Edits) {
        let Some(base) = self.load.with_untracked(|load| match load {
            Load::Ready(base) => Some(base.clone()),
            _ => None,
        }) else {
            return;
        };
        self.edits.update(|edits| {
            for (path, content) in changes {
                match base.files.get(&path) == content.as_deref() {
                    true => edits.remove(&path),
                    false => edits.insert(path, content),
                };
            }
        });
    }

    /// Paths with pending edits, sorted.
    pub fn pending_paths(self) -> Vec<String> {
        self.edits.with(|edits| edits.keys().cloned().collect())
    }

    pub fn pending_count(self) -> usize {
        self.edits.with(BTreeMap::len)
    }

    /// The unified diff of every pending edit, in path order.
    pub fn diff(self) -> String {
        let Some(base) = self.base() else { return String::new() };
        self.edits.with(|edits| {
            edits
                .iter()
                .map(|(path, content)| {
                    shared::diff::unified(path, base.files.get(path), content.as_deref())
                })
                .collect()
        })
    }

    /// The lint findings of one file as it is now (pending edits included); empty for a
    /// missing file. Results are cached by content, so calling this often is cheap.
    pub fn diagnostics(self, path: &str) -> Arc<Vec<Diagnostic>> {
        let config = self.lint_config.get();
        self.files.with(|files| match files.get(path) {
            Some(text) => self.lint_text(path, text, &config),
            None => Arc::new(Vec::new()),
        })
    }

    /// Lints `text` as the content of `path`, through the cache; not reactive.
    pub fn lint_text(self, path: &str, text: &str, config: &lint::Config) -> Arc<Vec<Diagnostic>> {
        self.lint_cached(path, config, |content| &**content == text, || Arc::from(text))
    }

    /// Like [`Studio::lint_text`] for content shared with a [`FileSet`]: an unchanged file
    /// is recognised by pointer, without reading it.
    fn lint_shared(
        self,
        path: &str,
        content: &Arc<str>,
        config: &lint::Config,
    ) -> Arc<Vec<Diagnostic>> {
        self.lint_cached(
            path,
            config,
            |cached| Arc::ptr_eq(cached, content) || **cached == **content,
            || content.clone(),
        )
    }

    fn lint_cached(
        self,
        path: &str,
        config: &lint::Config,
        same: impl Fn(&Arc<str>) -> bool,
        content: impl FnOnce() -> Arc<str>,
    ) -> Arc<Vec<Diagnostic>> {
        if !path.ends_with(".nix") || config.is_ignored(path) {
            return Arc::new(Vec::new());
        }
        let config_id = config as *const lint::Config as usize;
        let cached = self.lint_cache.with_value(|cache| {
            cache
                .get(path)
                .filter(|linted| linted.config == config_id && same(&linted.content))
                .map(|linted| linted.diagnostics.clone())
        });
        if let Some(diagnostics) = cached {
            return diagnostics;
        }
        let content = content();
        let diagnostics =
            Arc::new(browser::timed("nixstudio:lint", || lint::lint(&content, config)));
        self.lint_cache.update_value(|cache| {
            let linted = Linted { content, config: config_id, diagnostics: diagnostics.clone() };
            cache.insert(path.to_owned(), linted);
        });
        diagnostics
    }

    /// Commits the pending edits as a change. On success the edits are cleared (they live
    /// on the change's branch); on failure they stay, whatever the reason.
    pub async fn commit(self, title: String, message: String) -> Result<ChangeCreated, ApiFailure> {
        let base = self.base().ok_or_else(|| ApiFailure {
            status: None,
            message: "the repository is not loaded yet".to_owned(),
        })?;
        let files = self
            .edits
            .get_untracked()
            .into_iter()
            .map(|(path, content)| FileChange { path, content })
            .collect();
        let request = ChangeRequest {
            base_commit: base.commit.clone(),
            title,
            message,
            files,
            allow_unparseable: false,
        };
        let created = api::create_change(&request).await?;
        self.clear_committed();
        Ok(created)
    }

    /// Writes pending edits to `localStorage` shortly after they change, and at once when
    /// the page is hidden or left, so typing does not serialise every file per keystroke
    /// and a reload still finds the last edit.
    fn persist(self) {
        let dirty = StoredValue::new(false);
        let write = move || {
            if !dirty.get_value() {
                return;
            }
            dirty.set_value(false);
            let Load::Ready(base) = self.load.get_untracked() else { return };
            let stored = self.edits.with_untracked(|edits| {
                (!edits.is_empty())
                    .then(|| Stored { base_commit: base.commit.clone(), files: edits.clone() })
            });
            browser::store(
                STORAGE_KEY,
                stored.and_then(|stored| serde_json::to_string(&stored).ok()),
            );
        };
        Effect::new(move |_| {
            self.edits.track();
            if matches!(self.load.get(), Load::Ready(_)) && !dirty.get_value() {
                dirty.set_value(true);
                set_timeout(write, Duration::from_millis(PERSIST_DELAY_MS));
            }
        });
        browser::on_page_hide(write);
    }

    /// Re-lints the whole repository whenever its files change, a slice at a time so
    /// typing and scrolling never wait for it. Unchanged files come from the cache.
    fn start_sweeps(self) {
        Effect::new(move |_| {
            let files = self.files.get();
            let config = self.lint_config.get();
            let generation = self.sweep_generation.get_value() + 1;
            self.sweep_generation.set_value(generation);
            let paths: Vec<String> =
                files.paths().filter(|path| path.ends_with(".nix")).map(str::to_owned).collect();
            let sweep_started = browser::now_ms();
            self.sweep.update(|sweep| {
                sweep.total = paths.len();
                sweep.done = 0;
                sweep.elapsed_ms = None;
                sweep.results.retain(|path, _| files.contains(path));
            });
            leptos::task::spawn_local(async move {
                // The edit that started this sweep reaches the screen first: the
                // sweep's slices would otherwise hold back the frame that shows it.
                browser::after_paint().await;
                let mut slice = BTreeMap::new();
                let mut started = browser::now_ms();
                for (index, path) in paths.iter().enumerate() {
                    if self.sweep_generation.get_value() != generation {
                        return;
                    }
                    if let Some(content) = files.get_shared(path) {
                        slice.insert(path.clone(), self.lint_shared(path, content, &config));
                    }
                    if browser::now_ms() - started > 8.0 || index + 1 == paths.len() {
                        let done = index + 1;
                        let finished = std::mem::take(&mut slice);
                        self.sweep.update(|sweep| {
                            sweep.results.extend(finished);
                            sweep.done = done;
                            if sweep.is_complete() {
                                sweep.elapsed_ms = Some(browser::now_ms() - sweep_started);
                            }
                        });
                        browser::next_tick().await;
                        started = browser::now_ms();
                    }
                }
            });
        });
    }
}

/// The studio state provided by [`Studio::provide`].
pub fn use_studio() -> Studio {
    expect_context::<Studio>()
}

/// The commit's files with the pending edits applied; unchanged files share their
/// content with the commit.
fn apply(base: &FileSet, edits: &Edits) -> FileSet {
    let mut files = base.clone();
    for (path, content) in edits {
        match content {
            Some(content) => {
                // Pending paths come from the fleet model or the editor, both normalised.
                let _ = files.insert(path, content.as_str());
            }
            None => {
                files.remove(path);
            }
        }
    }
    files
}

fn read_stored() -> Option<Stored> {
    let text = browser::load(STORAGE_KEY)?;
    let stored: Stored = serde_json::from_str(&text).ok()?;
    (!stored.files.is_empty()).then_some(stored)
}

/// The first 12 characters of a commit id.
pub fn short(commit: &str) -> String {
    commit.chars().take(12).collect()
}
