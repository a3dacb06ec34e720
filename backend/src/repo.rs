//! The fleet's git repository: the source of truth for configuration.
//!
//! Everything is read from commits, never from the working tree, so uncommitted edits on
//! disk are invisible to the studio. git2 handles are not `Sync`, so a [`RepoHandle`] only
//! holds the path and each blocking task opens its own handle.

use std::fs;
use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository, Signature, TreeWalkMode, TreeWalkResult};
use shared::files::FileSet;

#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error("{path} is not a git repository: {source}")]
    NotARepository { path: PathBuf, source: git2::Error },
    #[error("the repository at {path} has no commits yet: commit your configuration first")]
    NoCommits { path: PathBuf },
    #[error("unknown ref {0:?}")]
    UnknownRef(String),
    #[error("cannot create the demo repository at {path}: {message}")]
    Demo { path: PathBuf, message: String },
    #[error("git: {0}")]
    Git(#[from] git2::Error),
}

/// Where the repository lives; cheap to clone into request handlers.
#[derive(Debug, Clone)]
pub struct RepoHandle {
    path: PathBuf,
}

/// The branch and commit configuration is read from by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The short branch name, or `HEAD` when detached.
    pub branch: String,
    pub commit: String,
}

impl RepoHandle {
    /// Checks that `path` is a git repository with at least one commit.
    pub fn open(path: &Path) -> Result<RepoHandle, RepoError> {
        let handle = RepoHandle { path: path.to_owned() };
        let repository = handle.repository()?;
        head(&repository).map_err(|_| RepoError::NoCommits { path: path.to_owned() })?;
        Ok(handle)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A fresh git2 handle, for one blocking task.
    pub fn repository(&self) -> Result<Repository, RepoError> {
        Repository::open(&self.path)
            .map_err(|source| RepoError::NotARepository { path: self.path.clone(), source })
    }
}

pub fn head(repository: &Repository) -> Result<Head, RepoError> {
    let reference = repository.head()?;
    let branch = match reference.shorthand() {
        Ok(name) if reference.is_branch() => name.to_owned(),
        _ => "HEAD".to_owned(),
    };
    let commit = reference.peel_to_commit()?.id().to_string();
    Ok(Head { branch, commit })
}

/// The commit a ref names (a branch, tag, or commit id); the head when `None`.
pub fn resolve(repository: &Repository, reference: Option<&str>) -> Result<Oid, RepoError> {
    let Some(reference) = reference else {
        return Ok(repository.head()?.peel_to_commit()?.id());
    };
    let object = repository
        .revparse_single(reference)
        .map_err(|_| RepoError::UnknownRef(reference.to_owned()))?;
    let commit =
        object.peel_to_commit().map_err(|_| RepoError::UnknownRef(reference.to_owned()))?;
    Ok(commit.id())
}

/// Every file path in the commit's tree, sorted.
pub fn list_paths(repository: &Repository, commit: Oid) -> Result<Vec<String>, RepoError> {
    let tree = repository.find_commit(commit)?.tree()?;
    let mut paths = Vec::new();
    tree.walk(TreeWalkMode::PreOrder, |directory, entry| {
        if entry.kind() == Some(ObjectType::Blob)
            && let Ok(name) = entry.name()
        {
            paths.push(format!("{directory}{name}"));
        }
        TreeWalkResult::Ok
    })?;
    paths.sort();
    Ok(paths)
}

/// The bytes of `path` in the commit, `None` when there is no such file.
pub fn read_file(
    repository: &Repository,
    commit: Oid,
    path: &str,
) -> Result<Option<Vec<u8>>, RepoError> {
    let tree = repository.find_commit(commit)?.tree()?;
    let Ok(entry) = tree.get_path(Path::new(path)) else { return Ok(None) };
    if entry.kind() != Some(ObjectType::Blob) {
        return Ok(None);
    }
    let blob = repository.find_blob(entry.id())?;
    Ok(Some(blob.content().to_vec()))
}

/// Whether the studio treats a path as configuration (sent to the browser, linted,
/// searched for hosts and options).
pub fn is_configuration(path: &str) -> bool {
    path.ends_with(".nix") || path == "nixstudio.toml" || path == "statix.toml"
}

/// The configuration files of a commit. Files that are not UTF-8 are skipped.
pub fn configuration(repository: &Repository, commit: Oid) -> Result<FileSet, RepoError> {
    let mut files = FileSet::new();
    for path in list_paths(repository, commit)? {
        if !is_configuration(&path) {
            continue;
        }
        let Some(bytes) = read_file(repository, commit, &path)? else { continue };
        if let Ok(content) = String::from_utf8(bytes) {
            files.insert(&path, content).map_err(RepoError::UnknownRef)?;
        }
    }
    Ok(files)
}

/// Writes `files` into a new folder `path`, makes it a git repository on branch `main`,
/// and commits everything. Refuses a path that already exists.
pub fn create_from_files(
    path: &Path,
    files: &[(&str, &[u8])],
    message: &str,
) -> Result<RepoHandle, RepoError> {
    let demo_error = |message: String| RepoError::Demo { path: path.to_owned(), message };
    if path.exists() {
        return Err(demo_error("the folder already exists".to_owned()));
    }
    for (relative, bytes) in files {
        let target = path.join(relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|error| demo_error(error.to_string()))?;
        }
        fs::write(&target, bytes).map_err(|error| demo_error(error.to_string()))?;
    }
    let mut options = git2::RepositoryInitOptions::new();
    options.initial_head("main");
    let repository = Repository::init_opts(path, &options)?;
    let mut index = repository.index()?;
    index.add_all(["*"], git2::IndexAddOption::DEFAULT, None)?;
    index.write()?;
    let tree = repository.find_tree(index.write_tree()?)?;
    let signature = Signature::now("nixstudio", "nixstudio@localhost")?;
    repository.commit(Some("HEAD"), &signature, &signature, message, &tree, &[])?;
    RepoHandle::open(path)
}
