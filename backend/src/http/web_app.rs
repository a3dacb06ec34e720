//! Serves the embedded web app. Hashed assets are cached forever; every other path that is
//! not a file gets `index.html`, so client-side routes can be bookmarked and reloaded.
//! When the build put a brotli-compressed `NAME.br` next to an asset (`cargo xtask build`
//! does, at the highest quality) and the browser accepts `br`, that file is sent as is.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
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

async fn serve(State(state): State<AppState>, uri: Uri, request_headers: HeaderMap) -> Response {
    let path = uri.path().trim_start_matches('/');
    if let Some(bytes) = state.web_app.get(path).filter(|_| !path.is_empty()) {
        let cache = match path {
            "index.html" | "manifest.webmanifest" | "favicon.svg" => "no-cache",
            _ => "public, max-age=31536000, immutable",
        };
        let headers = [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type(path))),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            (header::VARY, HeaderValue::from_static("accept-encoding")),
        ];
        let precompressed = state.web_app.get(&format!("{path}.br"));
        return match precompressed.filter(|_| accepts_brotli(&request_headers)) {
            Some(compressed) => {
                (headers, [(header::CONTENT_ENCODING, HeaderValue::from_static("br"))], compressed)
                    .into_response()
            }
            None => (headers, bytes).into_response(),
        };
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

/// Whether `Accept-Encoding` lists `br` with a quality above zero.
fn accepts_brotli(headers: &HeaderMap) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|value| value.to_str().ok()).any(
        |value| {
            value.split(',').any(|coding| {
                let mut parts = coding.split(';').map(str::trim);
                let name = parts.next().unwrap_or_default();
                let refused = parts.any(|parameter| {
                    parameter.strip_prefix("q=").is_some_and(|q| q.parse::<f32>() == Ok(0.0))
                });
                name.eq_ignore_ascii_case("br") && !refused
            })
        },
    )
}
