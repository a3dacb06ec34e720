//! The HTTP surface: the JSON API under `/api` and the web app for every other path.

mod changes;
mod error;
mod files;
mod fleet;
mod health;
mod rules;
mod snapshot;
mod web_app;

use std::sync::Arc;

use axum::Router;
use axum::http::StatusCode;
use serde::Deserialize;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::trace::TraceLayer;

pub use error::{Error, Result};

use crate::assets::WebApp;
use crate::cli::GitAuthor;
use crate::db::Database;
use crate::repo::RepoHandle;

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub repo: RepoHandle,
    pub db: Database,
    pub web_app: Arc<WebApp>,
    /// Who commits changes; the repository's git config when `None`.
    pub git_author: Option<GitAuthor>,
}

/// `?ref=` on the read endpoints: a branch, tag or commit; the head when absent.
#[derive(Debug, Default, Deserialize)]
pub struct AtRef {
    #[serde(rename = "ref")]
    pub reference: Option<String>,
}

pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .merge(health::router())
        .merge(fleet::router())
        .merge(files::router())
        .merge(snapshot::router())
        .merge(changes::router())
        .merge(rules::router())
        .fallback(|| async { Error::NotFound("no such API endpoint".to_owned()) });
    Router::new()
        .nest("/api", api)
        .merge(web_app::router())
        .with_state(state)
        // Brotli's default quality (11) takes seconds on a large snapshot; 4 compresses
        // about as well as gzip at a fraction of the time. The web app's own files are
        // served precompressed at 11 when the build left `.br` files (see web_app).
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(TraceLayer::new_for_http())
}

/// Runs blocking git work off the async runtime.
async fn blocking<T, F>(work: F) -> Result<T>
where
    F: FnOnce() -> Result<T> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(work).await?
}

fn status_text(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or("error")
}
