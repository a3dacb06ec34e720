//! `/api/changes`: propose a change as a commit on a new branch, review it, merge it.
//!
//! `POST /api/changes` commits the files on `nixstudio/<id>-<slug>` from `base_commit`;
//! `GET /api/changes` lists changes; `GET /api/changes/{id}` shows one with its unified
//! diff; `POST /api/changes/{id}/merge` merges it into the branch it was based on. Every
//! change and merge attempt is recorded in the database. The git side is in
//! [`crate::changes`].

use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use git2::{Oid, Repository, Signature};
use shared::api::{
    ChangeCreated, ChangeDetail, ChangeList, ChangeRequest, ChangeSummary, MergeDone, MergeRecord,
};

use super::{AppState, Error, Result, blocking};
use crate::changes::{self, ChangeError, FileWrite, Proposal};
use crate::cli::GitAuthor;
use crate::db::{ChangeRow, MergeRow, NewChange};
use crate::repo::{self, RepoHandle};

/// The largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 5 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/changes", get(list).post(create))
        .route("/changes/{id}", get(detail))
        .route("/changes/{id}/merge", post(merge))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

#[tracing::instrument(skip(state, body))]
async fn create(
    State(state): State<AppState>,
    body: Result<Json<ChangeRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<ChangeCreated>)> {
    let Json(request) = body.map_err(json_rejection)?;
    let title = request.title.trim().to_owned();
    let files = validate(&request, &title)?;

    let handle = state.repo.clone();
    let configured_author = state.git_author.clone();
    let paths: Vec<String> = files.iter().map(|file| file.path.clone()).collect();
    let base_commit = request.base_commit.clone();
    let (base_branch, base, author) = blocking(move || {
        let repository = handle.repository()?;
        let base = changes::find_base(&repository, &base_commit)?;
        let (branch, head) = changes::base_branch(&repository)?;
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        changes::check_base_moved(&repository, &branch, head, base, &paths)?;
        Ok((branch, base, author(&repository, configured_author.as_ref())))
    })
    .await?;

    let author_text = format!("{} <{}>", author.name, author.email);
    let base_text = base.to_string();
    let id = state
        .db
        .insert_change(&NewChange {
            author: &author_text,
            title: &title,
            message: &request.message,
            base_branch: &base_branch,
            base_commit: &base_text,
        })
        .await?;
    let branch = format!("nixstudio/{id}-{}", changes::slug(&title));
    let message = commit_message(&title, &request.message);
    let handle = state.repo.clone();
    let branch_name = branch.clone();
    let committed = blocking(move || {
        let proposal =
            Proposal { base_commit: base, branch: &branch_name, message: &message, files: &files };
        Ok(commit_as(&handle, &author, &proposal))
    })
    .await?;
    let committed = match committed {
        Ok(committed) => committed,
        Err(error) => {
            state.db.fail_change(id, &error.to_string()).await?;
            return Err(error.into());
        }
    };
    let commit = committed.commit.to_string();
    state.db.open_change(id, &branch, &commit, &committed.paths).await?;
    tracing::info!(id, %branch, %commit, "change committed");
    let created = ChangeCreated { id, branch, commit, files_changed: committed.paths };
    Ok((StatusCode::CREATED, Json(created)))
}

#[tracing::instrument(skip(state))]
async fn list(State(state): State<AppState>) -> Result<Json<ChangeList>> {
    let changes = state.db.list_changes().await?.into_iter().map(summary).collect();
    Ok(Json(ChangeList { changes }))
}

#[tracing::instrument(skip(state))]
async fn detail(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ChangeDetail>> {
    let change = find_change(&state, &id).await?;
    let merges = state.db.merges_of(change.id).await?.into_iter().map(merge_record).collect();
    let handle = state.repo.clone();
    let (base_commit, commit, paths) =
        (change.base_commit.clone(), change.commit.clone(), change.paths.clone());
    let diff = blocking(move || {
        if commit.is_empty() {
            return Ok(String::new());
        }
        let repository = handle.repository()?;
        unified_diff(&repository, &base_commit, &commit, &paths)
    })
    .await?;
    Ok(Json(ChangeDetail { change: summary(change), diff, merges }))
}

#[tracing::instrument(skip(state))]
async fn merge(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<MergeDone>> {
    let change = find_change(&state, &id).await?;
    match change.status.as_str() {
        "open" => {}
        "merged" => {
            return Err(Error::Conflict(format!(
                "change {} is already merged into {}",
                change.id, change.base_branch
            )));
        }
        "pending" => {
            return Err(Error::Conflict(format!(
                "change {} is still being committed; try again in a moment",
                change.id
            )));
        }
        _ => {
            return Err(Error::Conflict(format!(
                "change {} failed and has no commit to merge: {}",
                change.id, change.detail
            )));
        }
    }
    let handle = state.repo.clone();
    let configured_author = state.git_author.clone();
    let (base_branch, commit) = (change.base_branch.clone(), change.commit.clone());
    let message =
        format!("Merge change {}: {}\n\nBranch {}.", change.id, change.title, change.branch);
    let (author_text, merged) = blocking(move || {
        let repository = handle.repository()?;
        let author = author(&repository, configured_author.as_ref());
        let author_text = format!("{} <{}>", author.name, author.email);
        let change_commit = Oid::from_str(&commit).map_err(|_| {
            Error::Internal(format!("the database holds a bad commit id {commit:?}"))
        })?;
        let merged = Signature::now(&author.name, &author.email)
            .map_err(ChangeError::from)
            .and_then(|signature| {
                changes::merge_change(
                    &repository,
                    &base_branch,
                    change_commit,
                    &message,
                    &signature,
                    &mut changes::no_hook,
                )
            });
        Ok((author_text, merged))
    })
    .await?;
    let merged = match merged {
        Ok(merged) => merged,
        Err(error) => {
            state
                .db
                .record_merge(change.id, &author_text, "refused", "", &error.to_string())
                .await?;
            return Err(error.into());
        }
    };
    let result = merged.kind.name();
    let commit = merged.commit.to_string();
    state.db.record_merge(change.id, &author_text, result, &commit, "").await?;
    state.db.mark_change_merged(change.id).await?;
    tracing::info!(id = change.id, result, %commit, "change merged");
    Ok(Json(MergeDone {
        id: change.id,
        result: result.to_owned(),
        branch: change.base_branch,
        commit,
    }))
}

/// Commits `proposal` as `author`; every failure is a [`ChangeError`], so the caller can
/// record it against the change.
fn commit_as(
    handle: &RepoHandle,
    author: &GitAuthor,
    proposal: &Proposal<'_>,
) -> Result<changes::Committed, ChangeError> {
    let repository = handle.repository()?;
    let signature = Signature::now(&author.name, &author.email)?;
    changes::commit_change(&repository, proposal, &signature, &mut changes::no_hook)
}

async fn find_change(state: &AppState, id: &str) -> Result<ChangeRow> {
    let not_found = || Error::NotFound(format!("there is no change {id:?}"));
    let Ok(number) = id.parse::<i64>() else { return Err(not_found()) };
    state.db.find_change(number).await?.ok_or_else(not_found)
}

/// Checks what can be checked without the repository, and normalises the paths.
fn validate(request: &ChangeRequest, title: &str) -> Result<Vec<FileWrite>> {
    if title.is_empty() || title.contains('\n') {
        return Err(Error::Unprocessable("title must be one non-empty line".to_owned()));
    }
    if request.files.is_empty() {
        return Err(Error::Unprocessable(
            "files is empty; a change needs at least one file".to_owned(),
        ));
    }
    let mut writes: Vec<FileWrite> = Vec::with_capacity(request.files.len());
    for file in &request.files {
        let path = validate_path(&file.path)?;
        if writes.iter().any(|write| write.path == path) {
            return Err(Error::Unprocessable(format!(
                "{path} appears twice in files; send it once"
            )));
        }
        if let Some(content) = &file.content
            && path.ends_with(".nix")
            && !request.allow_unparseable
        {
            check_parses(&path, content)?;
        }
        writes.push(FileWrite { path, content: file.content.clone() });
    }
    for write in &writes {
        let folder = format!("{}/", write.path);
        if let Some(inside) = writes.iter().find(|other| other.path.starts_with(&folder)) {
            return Err(Error::Unprocessable(format!(
                "{} cannot be both a file and the folder of {}; send one of them",
                write.path, inside.path
            )));
        }
    }
    Ok(writes)
}

fn validate_path(requested: &str) -> Result<String> {
    let Some(path) = shared::files::normalize(requested) else {
        return Err(Error::Unprocessable(format!(
            "{requested:?} is not a path inside the repository; use a relative path like hosts/hp/default.nix"
        )));
    };
    if path.split('/').any(|part| part.eq_ignore_ascii_case(".git")) {
        return Err(Error::Unprocessable(format!(
            "{path} is inside .git, which nixstudio never writes"
        )));
    }
    if path.ends_with(".age") {
        return Err(Error::Unprocessable(format!(
            "{path} is an encrypted secret; nixstudio never writes secrets, change it with agenix"
        )));
    }
    Ok(path)
}

fn check_parses(path: &str, content: &str) -> Result<()> {
    let parse = rnix::Root::parse(content);
    let Some(first) = parse.errors().first() else { return Ok(()) };
    Err(Error::Unprocessable(format!(
        "{path} does not parse as Nix ({first}); fix it, or send \"allow_unparseable\": true to commit it anyway"
    )))
}

/// The configured author, else the repository's git config user, else nixstudio itself.
fn author(repository: &Repository, configured: Option<&GitAuthor>) -> GitAuthor {
    if let Some(author) = configured {
        return author.clone();
    }
    if let Ok(signature) = repository.signature()
        && let (Ok(name), Ok(email)) = (signature.name(), signature.email())
    {
        return GitAuthor { name: name.to_owned(), email: email.to_owned() };
    }
    GitAuthor { name: "nixstudio".to_owned(), email: "nixstudio@localhost".to_owned() }
}

fn commit_message(title: &str, message: &str) -> String {
    let body = message.trim();
    if body.is_empty() { format!("{title}\n") } else { format!("{title}\n\n{body}\n") }
}

/// The unified diff of `paths` between two commits, file after file.
fn unified_diff(
    repository: &Repository,
    base_commit: &str,
    commit: &str,
    paths: &[String],
) -> Result<String> {
    let bad_id = |id: &str| Error::Internal(format!("the database holds a bad commit id {id:?}"));
    let base = Oid::from_str(base_commit).map_err(|_| bad_id(base_commit))?;
    let head = Oid::from_str(commit).map_err(|_| bad_id(commit))?;
    let mut diff = String::new();
    for path in paths {
        let old = repo::read_file(repository, base, path)?.map(lossy);
        let new = repo::read_file(repository, head, path)?.map(lossy);
        diff.push_str(&shared::diff::unified(path, old.as_deref(), new.as_deref()));
    }
    Ok(diff)
}

fn lossy(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).into_owned()
}

fn json_rejection(rejection: JsonRejection) -> Error {
    let status = rejection.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return Error::PayloadTooLarge(format!(
            "the change is larger than {} MiB; split it into smaller changes",
            MAX_BODY_BYTES / (1024 * 1024)
        ));
    }
    let detail = rejection.body_text();
    match status {
        StatusCode::BAD_REQUEST | StatusCode::UNSUPPORTED_MEDIA_TYPE => Error::BadRequest(format!(
            "{detail}; send JSON {{\"base_commit\", \"title\", \"message\", \"files\": [{{\"path\", \"content\"}}]}}"
        )),
        _ => Error::Unprocessable(detail),
    }
}

fn summary(row: ChangeRow) -> ChangeSummary {
    ChangeSummary {
        id: row.id,
        created_at_ms: row.created_ms,
        author: row.author,
        title: row.title,
        message: row.message,
        base_branch: row.base_branch,
        base_commit: row.base_commit,
        status: row.status,
        branch: non_empty(row.branch),
        commit: non_empty(row.commit),
        files_changed: row.paths,
        error: non_empty(row.detail),
    }
}

fn merge_record(row: MergeRow) -> MergeRecord {
    MergeRecord {
        at_ms: row.at_ms,
        author: row.author,
        result: row.result,
        commit: non_empty(row.commit),
        detail: row.detail,
    }
}

/// `None` for the empty string the database uses for an absent value.
fn non_empty(text: String) -> Option<String> {
    if text.is_empty() { None } else { Some(text) }
}
