//! Typed calls to the backend's JSON API.

use std::fmt;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::api::{
    ApiError, ChangeCreated, ChangeDetail, ChangeList, ChangeRequest, Health, MergeDone, RuleList,
    Snapshot,
};

/// Why a call failed, worded for the person looking at the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiFailure {
    /// The HTTP status, or `None` when the server could not be reached.
    pub status: Option<u16>,
    pub message: String,
}

impl ApiFailure {
    /// The server refused because the base branch moved on the same files.
    pub fn is_conflict(&self) -> bool {
        self.status == Some(409)
    }
}

impl fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

async fn send(
    url: &str,
    request: Result<Request, gloo_net::Error>,
) -> Result<Response, ApiFailure> {
    let unreachable = |error: gloo_net::Error| ApiFailure {
        status: None,
        message: format!("cannot reach the nixstudio server: {error}"),
    };
    let response = request.map_err(unreachable)?.send().await.map_err(unreachable)?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let message = match response.json::<ApiError>().await {
        Ok(body) => body.error,
        Err(_) => response.status_text(),
    };
    Err(ApiFailure { status: Some(status), message: format!("{url} answered {status}: {message}") })
}

async fn decode<T: DeserializeOwned>(url: &str, response: Response) -> Result<T, ApiFailure> {
    response.json::<T>().await.map_err(|error| ApiFailure {
        status: Some(response.status()),
        message: format!("{url} sent something unexpected: {error}"),
    })
}

async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, ApiFailure> {
    let response = send(url, RequestBuilder::new(url).build()).await?;
    decode(url, response).await
}

async fn post_json<T: DeserializeOwned>(url: &str, body: &impl Serialize) -> Result<T, ApiFailure> {
    let response = send(url, Request::post(url).json(body)).await?;
    decode(url, response).await
}

/// `GET /api/health`: among others, the commit at the head of the studio's branch.
pub async fn health() -> Result<Health, ApiFailure> {
    get_json("/api/health").await
}

/// `GET /api/snapshot`, at `commit` or at the head of the branch.
pub async fn snapshot(commit: Option<&str>) -> Result<Snapshot, ApiFailure> {
    match commit {
        Some(commit) => get_json(&format!("/api/snapshot?ref={commit}")).await,
        None => get_json("/api/snapshot").await,
    }
}

/// `POST /api/changes`: commits the edits on a new branch.
pub async fn create_change(request: &ChangeRequest) -> Result<ChangeCreated, ApiFailure> {
    post_json("/api/changes", request).await
}

/// `GET /api/changes`, newest first.
pub async fn changes() -> Result<ChangeList, ApiFailure> {
    get_json("/api/changes").await
}

/// `GET /api/changes/{id}`, with its diff.
pub async fn change(id: i64) -> Result<ChangeDetail, ApiFailure> {
    get_json(&format!("/api/changes/{id}")).await
}

/// `POST /api/changes/{id}/merge`.
pub async fn merge(id: i64) -> Result<MergeDone, ApiFailure> {
    post_json(&format!("/api/changes/{id}/merge"), &serde_json::json!({})).await
}

/// `GET /api/rules`: every lint rule with its documentation.
pub async fn rules() -> Result<RuleList, ApiFailure> {
    get_json("/api/rules").await
}
