//! Writing to the fleet's repository: a change as one commit on a new branch, and its merge.
//!
//! Trees are built in memory from the base commit's tree, never from the working tree or
//! the index of the repository (which may be a person's checkout). Each write becomes
//! visible through exactly one ref update at the end: creating a branch that must not exist
//! yet, or moving the base branch only if it still points where it did when the merge was
//! computed. Anything that fails before that update leaves every ref as it
//! was; the objects already written are unreferenced and git's garbage collection drops them.
//!
//! The checkout is left alone with one exception, as `git push` makes one with
//! `receive.denyCurrentBranch=updateInstead`: a merge into the branch a checkout has checked
//! out brings the merged files into that checkout, so that `git status` there does not show
//! the merge undone (and a later `git commit -a` undo it). It is refused, before anything
//! moves, when the checkout has changes of its own to any of those files.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use git2::{ErrorCode, Index, IndexEntry, IndexTime, ObjectType, Oid, Repository, Signature};

use crate::repo::RepoError;

#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// The request cannot be applied to the base commit as it stands.
    #[error("{0}")]
    Unprocessable(String),
    #[error(
        "the repository's HEAD is detached; nixstudio bases changes on a branch: check one out"
    )]
    DetachedHead,
    #[error(
        "branch {branch} moved since {base_commit} and changed the same files: {}; reload and redo the change on the new head",
        paths.join(", ")
    )]
    BaseMovedOnSameFiles { branch: String, base_commit: String, paths: Vec<String> },
    #[error("branch {0} already exists; nothing was written")]
    BranchExists(String),
    #[error("branch {0} moved while the merge was being written; nothing was changed, try again")]
    BaseMovedDuringUpdate(String),
    #[error("branch {0} no longer exists")]
    BaseBranchGone(String),
    #[error("the change is already part of {0}")]
    AlreadyMerged(String),
    #[error(
        "the change conflicts with {branch} in: {}; {branch} was left unchanged",
        paths.join(", ")
    )]
    MergeConflict { branch: String, paths: Vec<String> },
    #[error(
        "{branch} is checked out in {} with changes not committed to: {}; commit or stash them there, then merge again ({branch} was left unchanged)",
        checkout.display(),
        paths.join(", ")
    )]
    CheckoutHasChanges { branch: String, checkout: PathBuf, paths: Vec<String> },
    #[error(
        "merged into {branch}, but bringing the merge into the checkout {} failed: {message}; run `git checkout -- .` there",
        checkout.display()
    )]
    CheckoutNotUpdated { branch: String, checkout: PathBuf, message: String },
    /// A step was stopped on purpose before the ref update (used by tests).
    #[error("stopped before the ref update: {0}")]
    Stopped(String),
    #[error(transparent)]
    Repo(#[from] RepoError),
    #[error("git: {0}")]
    Git(#[from] git2::Error),
}

/// One file of a change: new content, or `None` to delete it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileWrite {
    /// A normalised path inside the repository.
    pub path: String,
    pub content: Option<String>,
}

/// What to commit, and where.
#[derive(Debug, Clone)]
pub struct Proposal<'a> {
    pub base_commit: Oid,
    /// The short name of the branch to create, e.g. `nixstudio/3-enable-ssh`.
    pub branch: &'a str,
    pub message: &'a str,
    pub files: &'a [FileWrite],
}

/// A change that is now a commit on its own branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    pub commit: Oid,
    /// The paths whose content differs from the base commit, sorted.
    pub paths: Vec<String>,
}

/// How a change reached its base branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeKind {
    FastForward,
    MergeCommit,
}

impl MergeKind {
    pub fn name(self) -> &'static str {
        match self {
            MergeKind::FastForward => "fast_forward",
            MergeKind::MergeCommit => "merge_commit",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub kind: MergeKind,
    /// The base branch's new head.
    pub commit: Oid,
}

/// Runs just before the one ref update of a write; an error aborts the write. Production
/// passes [`no_hook`]; tests pass a failure or a concurrent move of the base branch.
pub type BeforeRefUpdate<'a> = &'a mut dyn FnMut(&Repository) -> Result<(), ChangeError>;

pub fn no_hook(_: &Repository) -> Result<(), ChangeError> {
    Ok(())
}

/// The branch changes are based on and merged into (the repository HEAD's branch), and
/// its head commit.
pub fn base_branch(repository: &Repository) -> Result<(String, Oid), ChangeError> {
    let head = repository.head()?;
    if !head.is_branch() {
        return Err(ChangeError::DetachedHead);
    }
    let name = head.shorthand().map_err(|_| ChangeError::DetachedHead)?.to_owned();
    let commit = head.peel_to_commit()?.id();
    Ok((name, commit))
}

/// The commit `base_commit` names, or a 422-worthy explanation.
pub fn find_base(repository: &Repository, base_commit: &str) -> Result<Oid, ChangeError> {
    let unknown = || {
        ChangeError::Unprocessable(format!(
            "base_commit {base_commit:?} is not a commit of this repository; send the commit \
             id of the snapshot the change was made on"
        ))
    };
    let oid = Oid::from_str(base_commit).map_err(|_| unknown())?;
    let commit = repository.find_commit(oid).map_err(|_| unknown())?;
    Ok(commit.id())
}

/// The paths that differ between two commits, sorted.
pub fn changed_paths(
    repository: &Repository,
    from: Oid,
    to: Oid,
) -> Result<Vec<String>, ChangeError> {
    let old_tree = repository.find_commit(from)?.tree()?;
    let new_tree = repository.find_commit(to)?.tree()?;
    let diff = repository.diff_tree_to_tree(Some(&old_tree), Some(&new_tree), None)?;
    let mut paths = BTreeSet::new();
    for delta in diff.deltas() {
        for file in [delta.old_file(), delta.new_file()] {
            if let Some(path) = file.path().and_then(Path::to_str) {
                paths.insert(path.to_owned());
            }
        }
    }
    Ok(paths.into_iter().collect())
}

/// Refuses a change whose base is behind `branch_head` when the commits in between touched
/// any of `paths`. A base that moved on other files is fine: the merge brings both together.
pub fn check_base_moved(
    repository: &Repository,
    branch: &str,
    branch_head: Oid,
    base_commit: Oid,
    paths: &[&str],
) -> Result<(), ChangeError> {
    if base_commit == branch_head {
        return Ok(());
    }
    let moved = changed_paths(repository, base_commit, branch_head)?;
    let overlapping: Vec<String> =
        moved.into_iter().filter(|path| paths.contains(&path.as_str())).collect();
    if overlapping.is_empty() {
        return Ok(());
    }
    Err(ChangeError::BaseMovedOnSameFiles {
        branch: branch.to_owned(),
        base_commit: base_commit.to_string(),
        paths: overlapping,
    })
}

/// Commits `proposal` on top of its base commit and creates its branch, which must not
/// exist yet. Refs change only at the very end, and only by creating that branch.
pub fn commit_change(
    repository: &Repository,
    proposal: &Proposal<'_>,
    author: &Signature<'_>,
    before_ref_update: BeforeRefUpdate<'_>,
) -> Result<Committed, ChangeError> {
    let base = repository.find_commit(proposal.base_commit)?;
    let base_tree = base.tree()?;
    let mut index = Index::new()?;
    index.read_tree(&base_tree)?;
    for file in proposal.files {
        check_fits_tree(&base_tree, file)?;
        match &file.content {
            Some(content) => {
                let blob = repository.blob(content.as_bytes())?;
                index.add(&index_entry(&base_tree, &file.path, blob, content.len()))?;
            }
            None => index.remove_path(Path::new(&file.path))?,
        }
    }
    let tree_id = index.write_tree_to(repository)?;
    if tree_id == base_tree.id() {
        return Err(ChangeError::Unprocessable(
            "the change leaves every file as it is at base_commit; there is nothing to commit"
                .to_owned(),
        ));
    }
    let tree = repository.find_tree(tree_id)?;
    let commit = repository.commit(None, author, author, proposal.message, &tree, &[&base])?;
    let paths = changed_paths(repository, proposal.base_commit, commit)?;
    before_ref_update(repository)?;
    let ref_name = format!("refs/heads/{}", proposal.branch);
    let log_message = format!("nixstudio: change on {}", proposal.base_commit);
    repository.reference(&ref_name, commit, false, &log_message).map_err(|error| {
        match error.code() {
            ErrorCode::Exists => ChangeError::BranchExists(proposal.branch.to_owned()),
            _ => ChangeError::Git(error),
        }
    })?;
    Ok(Committed { commit, paths })
}

/// Refuses writes the tree cannot take: a file where the base has a folder, a file below
/// another file, or deleting a file that is not there.
fn check_fits_tree(base_tree: &git2::Tree<'_>, file: &FileWrite) -> Result<(), ChangeError> {
    let path = file.path.as_str();
    let mut prefix_end = 0;
    while let Some(slash) = path[prefix_end..].find('/') {
        let parent = &path[..prefix_end + slash];
        if let Ok(entry) = base_tree.get_path(Path::new(parent))
            && entry.kind() != Some(ObjectType::Tree)
        {
            return Err(ChangeError::Unprocessable(format!(
                "{path} cannot be written: {parent} is a file at base_commit, not a folder"
            )));
        }
        prefix_end += slash + 1;
    }
    let existing = base_tree.get_path(Path::new(path)).ok().and_then(|entry| entry.kind());
    match (existing, &file.content) {
        (Some(ObjectType::Tree), _) => Err(ChangeError::Unprocessable(format!(
            "{path} is a folder at base_commit; name the files inside it instead"
        ))),
        (None, None) => Err(ChangeError::Unprocessable(format!(
            "{path} cannot be deleted: it does not exist at base_commit"
        ))),
        _ => Ok(()),
    }
}

/// An index entry for a new blob at `path`, keeping the file mode (e.g. executable) the
/// path has in the base tree.
fn index_entry(base_tree: &git2::Tree<'_>, path: &str, blob: Oid, size: usize) -> IndexEntry {
    const REGULAR_FILE: u32 = 0o100_644;
    let mode = match base_tree.get_path(Path::new(path)) {
        Ok(entry) if entry.kind() == Some(ObjectType::Blob) => {
            u32::try_from(entry.filemode()).unwrap_or(REGULAR_FILE)
        }
        _ => REGULAR_FILE,
    };
    IndexEntry {
        ctime: IndexTime::new(0, 0),
        mtime: IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode,
        uid: 0,
        gid: 0,
        file_size: u32::try_from(size).unwrap_or(u32::MAX),
        id: blob,
        flags: 0,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}

/// Brings `change_commit` into `base_branch`: a fast-forward when the branch has not moved
/// since the change was made, else a merge commit when the three-way merge is clean. The
/// branch is moved only if it still points where it did when the merge was computed.
pub fn merge_change(
    repository: &Repository,
    base_branch: &str,
    change_commit: Oid,
    message: &str,
    author: &Signature<'_>,
    before_ref_update: BeforeRefUpdate<'_>,
) -> Result<Merged, ChangeError> {
    let ref_name = format!("refs/heads/{base_branch}");
    let base_head = match repository.find_reference(&ref_name) {
        Ok(reference) => reference.peel_to_commit()?.id(),
        Err(error) if error.code() == ErrorCode::NotFound => {
            return Err(ChangeError::BaseBranchGone(base_branch.to_owned()));
        }
        Err(error) => return Err(error.into()),
    };
    if base_head == change_commit || repository.graph_descendant_of(base_head, change_commit)? {
        return Err(ChangeError::AlreadyMerged(base_branch.to_owned()));
    }
    let (kind, target) = if repository.graph_descendant_of(change_commit, base_head)? {
        (MergeKind::FastForward, change_commit)
    } else {
        let ours = repository.find_commit(base_head)?;
        let theirs = repository.find_commit(change_commit)?;
        let mut index = repository.merge_commits(&ours, &theirs, None)?;
        if index.has_conflicts() {
            return Err(ChangeError::MergeConflict {
                branch: base_branch.to_owned(),
                paths: conflicting_paths(&index)?,
            });
        }
        let tree = repository.find_tree(index.write_tree_to(repository)?)?;
        let merge = repository.commit(None, author, author, message, &tree, &[&ours, &theirs])?;
        (MergeKind::MergeCommit, merge)
    };
    let checkout = checked_out_at(repository, &ref_name)?;
    let merged_paths = match &checkout {
        Some(checkout) => {
            let paths = changed_paths(repository, base_head, target)?;
            let dirty = with_changes(repository, &paths)?;
            if !dirty.is_empty() {
                return Err(ChangeError::CheckoutHasChanges {
                    branch: base_branch.to_owned(),
                    checkout: checkout.clone(),
                    paths: dirty,
                });
            }
            paths
        }
        None => Vec::new(),
    };
    before_ref_update(repository)?;
    let log_message = format!("nixstudio: merge {change_commit} ({})", kind.name());
    repository.reference_matching(&ref_name, target, true, base_head, &log_message).map_err(
        |error| match error.code() {
            ErrorCode::Modified | ErrorCode::Locked | ErrorCode::NotFound => {
                ChangeError::BaseMovedDuringUpdate(base_branch.to_owned())
            }
            _ => ChangeError::Git(error),
        },
    )?;
    if let Some(checkout) = checkout {
        bring_into_checkout(repository, &checkout, target, &merged_paths).map_err(|error| {
            ChangeError::CheckoutNotUpdated {
                branch: base_branch.to_owned(),
                checkout,
                message: error.to_string(),
            }
        })?;
    }
    Ok(Merged { kind, commit: target })
}

/// The working tree of a checkout whose HEAD is the branch `ref_name`.
fn checked_out_at(repository: &Repository, ref_name: &str) -> Result<Option<PathBuf>, ChangeError> {
    let Some(workdir) = repository.workdir() else { return Ok(None) };
    let head = repository.find_reference("HEAD")?;
    let on_branch = matches!(head.symbolic_target(), Ok(Some(target)) if target == ref_name);
    Ok(on_branch.then(|| workdir.to_owned()))
}

/// Which of `paths` the checkout's index or working tree changed from its HEAD (an untracked
/// file where the merge adds one counts).
fn with_changes(repository: &Repository, paths: &[String]) -> Result<Vec<String>, ChangeError> {
    let mut dirty = Vec::new();
    for path in paths {
        match repository.status_file(Path::new(path)) {
            Ok(status) if status.is_empty() || status == git2::Status::IGNORED => {}
            Ok(_) => dirty.push(path.clone()),
            Err(error) if error.code() == ErrorCode::NotFound => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(dirty)
}

/// Writes the merged content of `paths` into the checkout and its index: each file as the
/// commit `target` has it, or removed where the merge deleted it.
fn bring_into_checkout(
    repository: &Repository,
    checkout: &Path,
    target: Oid,
    paths: &[String],
) -> Result<(), ChangeError> {
    let tree = repository.find_commit(target)?.tree()?;
    let mut index = repository.index()?;
    for path in paths {
        let file = checkout.join(path);
        match tree.get_path(Path::new(path)) {
            Ok(entry) => {
                let blob = entry.to_object(repository)?.peel_to_blob()?;
                if let Some(parent) = file.parent() {
                    fs::create_dir_all(parent).map_err(|error| io_error(&file, &error))?;
                }
                fs::write(&file, blob.content()).map_err(|error| io_error(&file, &error))?;
                index.add_path(Path::new(path))?;
            }
            Err(error) if error.code() == ErrorCode::NotFound => {
                match fs::remove_file(&file) {
                    Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                        return Err(io_error(&file, &error));
                    }
                    _ => {}
                }
                index.remove_path(Path::new(path))?;
            }
            Err(error) => return Err(error.into()),
        }
    }
    index.write()?;
    Ok(())
}

fn io_error(file: &Path, error: &std::io::Error) -> ChangeError {
    ChangeError::Git(git2::Error::from_str(&format!("{}: {error}", file.display())))
}

fn conflicting_paths(index: &Index) -> Result<Vec<String>, ChangeError> {
    let mut paths = BTreeSet::new();
    for conflict in index.conflicts()? {
        let conflict = conflict?;
        for entry in [conflict.ancestor, conflict.our, conflict.their].into_iter().flatten() {
            paths.insert(String::from_utf8_lossy(&entry.path).into_owned());
        }
    }
    Ok(paths.into_iter().collect())
}

/// The part of a branch name that describes a change: lowercase ASCII letters and digits
/// joined by single dashes, at most 40 characters; `change` when the title has none.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    for character in title.chars() {
        if character.is_ascii_alphanumeric() {
            if slug.len() >= 40 {
                break;
            }
            slug.push(character.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() { "change".to_owned() } else { slug.to_owned() }
}
