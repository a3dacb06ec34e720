//! `GET /api/health`: is the server able to read its repository and database.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::api::Health;

use super::{AppState, Result, blocking};
use crate::repo;

pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

#[tracing::instrument(skip(state))]
async fn health(State(state): State<AppState>) -> Result<Json<Health>> {
    state.db.count_events("serve_started").await?;
    let handle = state.repo.clone();
    let head = blocking(move || Ok(repo::head(&handle.repository()?)?)).await?;
    Ok(Json(Health {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        database: state.db.engine().name().to_owned(),
        branch: head.branch,
        commit: head.commit,
    }))
}
