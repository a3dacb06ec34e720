//! `GET /api/files` and `GET /api/files/{path}`: the repository's files at a commit.
//!
//! Paths are normalised and may not leave the repository; `.age` secrets are listed but
//! their contents are never served.

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use shared::api::{FileContent, FileList};

use super::{AppState, AtRef, Error, Result, blocking};
use crate::repo;

pub fn router() -> Router<AppState> {
    Router::new().route("/files", get(list)).route("/files/{*path}", get(read))
}

#[tracing::instrument(skip(state))]
async fn list(State(state): State<AppState>, Query(at): Query<AtRef>) -> Result<Json<FileList>> {
    let handle = state.repo.clone();
    let list = blocking(move || {
        let repository = handle.repository()?;
        let commit = repo::resolve(&repository, at.reference.as_deref())?;
        let paths = repo::list_paths(&repository, commit)?;
        Ok(FileList { commit: commit.to_string(), paths })
    })
    .await?;
    Ok(Json(list))
}

#[tracing::instrument(skip(state))]
async fn read(
    State(state): State<AppState>,
    Path(requested): Path<String>,
    Query(at): Query<AtRef>,
) -> Result<Json<FileContent>> {
    let path = shared::files::normalize(&requested).ok_or_else(|| {
        Error::BadRequest(format!("{requested:?} is not a path inside the repository"))
    })?;
    if path.ends_with(".age") {
        return Err(Error::Forbidden(format!(
            "{path} is an encrypted secret; nixstudio never serves secret contents"
        )));
    }
    let handle = state.repo.clone();
    let content = blocking(move || {
        let repository = handle.repository()?;
        let commit = repo::resolve(&repository, at.reference.as_deref())?;
        let Some(bytes) = repo::read_file(&repository, commit, &path)? else {
            return Err(Error::NotFound(format!("{path} does not exist at commit {commit}")));
        };
        let content = String::from_utf8(bytes)
            .map_err(|_| Error::BadRequest(format!("{path} is not a text file")))?;
        Ok(FileContent { commit: commit.to_string(), path, content })
    })
    .await?;
    Ok(Json(content))
}
