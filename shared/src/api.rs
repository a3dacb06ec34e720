//! The JSON shapes of nixstudio's HTTP API, shared by the backend and the browser app so
//! both sides agree by construction.

use serde::{Deserialize, Serialize};

/// `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// `"ok"` when the database answers and the repository has a readable head.
    pub status: String,
    pub version: String,
    /// Which database backs the server: `"sqlite"` or `"postgres"`.
    pub database: String,
    /// The branch the studio reads configuration from.
    pub branch: String,
    /// The commit at the head of that branch.
    pub commit: String,
}

/// One host of the fleet, as the Fleet page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostSummary {
    pub name: String,
    /// The host's entry file, relative to the repository root.
    pub entry: String,
}

/// `GET /api/fleet`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fleet {
    pub commit: String,
    pub branch: String,
    pub hosts: Vec<HostSummary>,
    /// Problems met while discovering hosts, for a person to read.
    pub problems: Vec<String>,
}

/// `GET /api/files`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileList {
    pub commit: String,
    pub paths: Vec<String>,
}

/// `GET /api/files/{path}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileContent {
    pub commit: String,
    pub path: String,
    pub content: String,
}

/// `GET /api/snapshot[?ref=]`: the configuration of one commit, in one response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub commit: String,
    /// The branch the snapshot was read from: the ref when it names a local branch, the
    /// head's branch when no ref was given, else `None` (a tag, a commit id, a detached
    /// head).
    pub branch: Option<String>,
    /// Every `.nix`, `nixstudio.toml` and `statix.toml` file, sorted by path. Files that
    /// are not UTF-8 are left out.
    pub files: Vec<SnapshotFile>,
    /// The paths of the `.age` secrets, sorted; their contents are never sent.
    pub secrets: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotFile {
    pub path: String,
    pub content: String,
}

/// `POST /api/changes`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeRequest {
    /// The commit the edits were made on (a snapshot's `commit`).
    pub base_commit: String,
    /// One line; also names the branch.
    pub title: String,
    /// The rest of the commit message; may be empty.
    #[serde(default)]
    pub message: String,
    pub files: Vec<FileChange>,
    /// Commit `.nix` files even when they do not parse.
    #[serde(default)]
    pub allow_unparseable: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileChange {
    pub path: String,
    /// The whole new content; `null` deletes the file.
    pub content: Option<String>,
}

/// The answer to `POST /api/changes` (201).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeCreated {
    pub id: i64,
    pub branch: String,
    pub commit: String,
    /// The paths that differ from the base commit, sorted.
    pub files_changed: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeSummary {
    pub id: i64,
    pub created_at_ms: i64,
    pub author: String,
    pub title: String,
    pub message: String,
    pub base_branch: String,
    pub base_commit: String,
    /// `pending`, `open`, `merged` or `failed`.
    pub status: String,
    pub branch: Option<String>,
    pub commit: Option<String>,
    pub files_changed: Vec<String>,
    /// Why a change failed.
    pub error: Option<String>,
}

/// `GET /api/changes`, newest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeList {
    pub changes: Vec<ChangeSummary>,
}

/// `GET /api/changes/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeDetail {
    #[serde(flatten)]
    pub change: ChangeSummary,
    /// The unified diff of every changed file against the base commit.
    pub diff: String,
    pub merges: Vec<MergeRecord>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MergeRecord {
    pub at_ms: i64,
    pub author: String,
    /// `fast_forward`, `merge_commit` or `refused`.
    pub result: String,
    pub commit: Option<String>,
    pub detail: String,
}

/// The answer to `POST /api/changes/{id}/merge`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MergeDone {
    pub id: i64,
    /// `fast_forward` or `merge_commit`.
    pub result: String,
    /// The branch the change was merged into, and its new head.
    pub branch: String,
    pub commit: String,
}

/// `GET /api/rules`: every lint rule with its documentation, for the Lint page and the
/// editor's explanations. Served rather than compiled into the web app, whose size would
/// grow by every rule's source text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleList {
    /// In catalogue order.
    pub rules: Vec<RuleDoc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleDoc {
    /// The stable snake_case code, as in diagnostics and suppression comments.
    pub code: String,
    /// `error`, `warning` or `info`, before any repository configuration.
    pub default_severity: String,
    /// The first line of `doc`.
    pub summary: String,
    /// Markdown: what the rule finds, why it matters, an example, whether its fix is safe.
    pub doc: String,
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub error: String,
}
