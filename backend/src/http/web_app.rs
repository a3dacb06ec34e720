//! Serves the embedded web app. Hashed assets are cached forever; every other path that is
//! not a file gets `index.html`, so client-side routes can be bookmarked and reloaded.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};

use super::{AppState, status_text};
use crate::assets::content_type;

/// Shown at `/` when the binary was built without the web app.
const NOT_BUILT: &str = "<!doctype html><title>nixstudio</title><h1>nixstudio</h1>\
<p>This binary was built without its web app. Build it with <code>cargo xtask build</code>; \
the JSON API under <a href=\"/api/health\">/api</a> works either way.</p>";

pub fn router() -> Router<AppState> {
    Router::new().fallback(serve)
}

async fn serve(State(state): State<AppState>, uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if let Some(bytes) = state.web_app.get(path).filter(|_| !path.is_empty()) {
        let cache = match path {
            "index.html" | "manifest.webmanifest" | "favicon.svg" => "no-cache",
            _ => "public, max-age=31536000, immutable",
        };
        return (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type(path))),
                (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            ],
            bytes,
        )
            .into_response();
    }
    // Trunk writes the app's files flat, so only a top-level name with a dot can be a
    // missing asset; deeper paths such as `/files/hosts/x.nix` are client routes.
    let looks_like_asset = !path.contains('/') && path.contains('.');
    if looks_like_asset {
        return (StatusCode::NOT_FOUND, status_text(StatusCode::NOT_FOUND)).into_response();
    }
    match state.web_app.get("index.html") {
        Some(index) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8")),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            ],
            index,
        )
            .into_response(),
        None => Html(NOT_BUILT).into_response(),
    }
}
