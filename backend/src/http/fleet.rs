//! `GET /api/fleet[?ref=]`: the hosts of the fleet at a commit.

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use shared::api::{Fleet, HostSummary};

use super::{AppState, AtRef, Result, blocking};
use crate::repo;

pub fn router() -> Router<AppState> {
    Router::new().route("/fleet", get(fleet))
}

#[tracing::instrument(skip(state))]
async fn fleet(State(state): State<AppState>, Query(at): Query<AtRef>) -> Result<Json<Fleet>> {
    let handle = state.repo.clone();
    let fleet = blocking(move || {
        let repository = handle.repository()?;
        let head = repo::head(&repository)?;
        let commit = repo::resolve(&repository, at.reference.as_deref())?;
        let files = repo::configuration(&repository, commit)?;
        let model = shared::fleet::discover(&files);
        Ok(Fleet {
            commit: commit.to_string(),
            branch: head.branch,
            hosts: model
                .hosts
                .iter()
                .map(|host| HostSummary { name: host.name.clone(), entry: host.entry.clone() })
                .collect(),
            problems: model.problems.iter().map(ToString::to_string).collect(),
        })
    })
    .await?;
    Ok(Json(fleet))
}
