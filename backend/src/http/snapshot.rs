//! `GET /api/snapshot[?ref=]`: every configuration file of a commit in one response.
//!
//! The browser loads the whole fleet at once and works on it locally. The response is
//! identified by its commit id (the ETag), so a browser that already has that commit gets
//! a 304 and no body. `.age` secrets are listed by path; their contents are never sent.

use axum::Json;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use git2::{BranchType, Repository};

use shared::api::{Snapshot, SnapshotFile};

use super::{AppState, AtRef, Error, Result, blocking};
use crate::repo;

pub fn router() -> Router<AppState> {
    Router::new().route("/snapshot", get(snapshot))
}

#[tracing::instrument(skip(state, headers))]
async fn snapshot(
    State(state): State<AppState>,
    Query(at): Query<AtRef>,
    headers: HeaderMap,
) -> Result<Response> {
    let if_none_match = headers.get(header::IF_NONE_MATCH).cloned();
    let handle = state.repo.clone();
    let read = blocking(move || {
        let repository = handle.repository()?;
        let commit = repo::resolve(&repository, at.reference.as_deref())?;
        let etag = format!("\"{commit}\"");
        if if_none_match.as_ref().is_some_and(|value| etag_matches(value, &etag)) {
            return Ok(Read::Unchanged { etag });
        }
        let branch = branch_of(&repository, at.reference.as_deref())?;
        let files = repo::configuration(&repository, commit)?
            .iter()
            .map(|(path, content)| SnapshotFile {
                path: path.to_owned(),
                content: content.to_owned(),
            })
            .collect();
        let secrets = repo::list_paths(&repository, commit)?
            .into_iter()
            .filter(|path| path.ends_with(".age"))
            .collect();
        let snapshot = Snapshot { commit: commit.to_string(), branch, files, secrets };
        Ok(Read::Snapshot { etag, snapshot })
    })
    .await?;
    let (status, etag, body) = match read {
        Read::Unchanged { etag } => (StatusCode::NOT_MODIFIED, etag, None),
        Read::Snapshot { etag, snapshot } => (StatusCode::OK, etag, Some(Json(snapshot))),
    };
    let etag = HeaderValue::from_str(&etag)
        .map_err(|error| Error::Internal(format!("commit id is not a header value: {error}")))?;
    // A branch's snapshot changes when the branch moves, so caches must ask every time;
    // the ETag makes asking cheap.
    let headers =
        [(header::ETAG, etag), (header::CACHE_CONTROL, HeaderValue::from_static("no-cache"))];
    Ok(match body {
        Some(json) => (status, headers, json).into_response(),
        None => (status, headers).into_response(),
    })
}

enum Read {
    Unchanged { etag: String },
    Snapshot { etag: String, snapshot: Snapshot },
}

/// Whether an `If-None-Match` value names `etag`: `*`, or a list of (possibly weak) tags.
fn etag_matches(if_none_match: &HeaderValue, etag: &str) -> bool {
    let Ok(value) = if_none_match.to_str() else { return false };
    value.split(',').map(str::trim).any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag)
}

fn branch_of(repository: &Repository, reference: Option<&str>) -> Result<Option<String>> {
    let Some(reference) = reference else {
        let head = repo::head(repository)?;
        return Ok(match head.branch.as_str() {
            "HEAD" => None,
            _ => Some(head.branch),
        });
    };
    Ok(repository.find_branch(reference, BranchType::Local).ok().map(|_| reference.to_owned()))
}
