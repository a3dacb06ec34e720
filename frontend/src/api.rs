//! Typed calls to the backend's JSON API.

use std::fmt;

use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use shared::api::{ApiError, Fleet};

/// Why a call failed, worded for the person looking at the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiFailure(pub String);

impl fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, ApiFailure> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|error| ApiFailure(format!("cannot reach the nixstudio server: {error}")))?;
    if !response.ok() {
        let status = response.status();
        let message = match response.json::<ApiError>().await {
            Ok(body) => body.error,
            Err(_) => response.status_text(),
        };
        return Err(ApiFailure(format!("{url} answered {status}: {message}")));
    }
    response
        .json::<T>()
        .await
        .map_err(|error| ApiFailure(format!("{url} sent something unexpected: {error}")))
}

/// `GET /api/fleet`.
pub async fn fleet() -> Result<Fleet, ApiFailure> {
    get_json("/api/fleet").await
}
