//! The one error type of the HTTP API. Client errors carry a message a person can act on;
//! internal errors are logged once and answered with a generic 500.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use shared::api::ApiError;

use crate::changes::ChangeError;
use crate::db::DbError;
use crate::repo::RepoError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// 400: the request is malformed, e.g. a path that leaves the repository.
    #[error("{0}")]
    BadRequest(String),
    /// 403: the request names something the studio never serves, e.g. a secret.
    #[error("{0}")]
    Forbidden(String),
    /// 404: no such file, ref or resource.
    #[error("{0}")]
    NotFound(String),
    /// 409: the request is valid but collides with the repository's current state, e.g.
    /// the base branch moved on the same files, or a merge conflicts.
    #[error("{0}")]
    Conflict(String),
    /// 413: the request body is larger than the server accepts.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// 422: the request is well-formed JSON but cannot be applied, e.g. a `.nix` file that
    /// does not parse or a path outside the repository.
    #[error("{0}")]
    Unprocessable(String),
    /// 500: a bug or an environment failure; details go to the log only.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Conflict(_) => StatusCode::CONFLICT,
            Error::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let message = match &self {
            Error::Internal(detail) => {
                tracing::error!(%detail, "request failed");
                "internal error; the server log has the details".to_owned()
            }
            client_error => client_error.to_string(),
        };
        (self.status(), Json(ApiError { error: message })).into_response()
    }
}

impl From<RepoError> for Error {
    fn from(error: RepoError) -> Error {
        match error {
            RepoError::UnknownRef(_) => Error::NotFound(error.to_string()),
            other => Error::Internal(other.to_string()),
        }
    }
}

impl From<ChangeError> for Error {
    fn from(error: ChangeError) -> Error {
        match error {
            ChangeError::Unprocessable(_) => Error::Unprocessable(error.to_string()),
            ChangeError::DetachedHead
            | ChangeError::BaseMovedOnSameFiles { .. }
            | ChangeError::BranchExists(_)
            | ChangeError::BaseMovedDuringUpdate(_)
            | ChangeError::BaseBranchGone(_)
            | ChangeError::AlreadyMerged(_)
            | ChangeError::MergeConflict { .. }
            | ChangeError::CheckoutHasChanges { .. } => Error::Conflict(error.to_string()),
            ChangeError::Repo(repo_error) => repo_error.into(),
            ChangeError::Stopped(_)
            | ChangeError::Git(_)
            | ChangeError::CheckoutNotUpdated { .. } => Error::Internal(error.to_string()),
        }
    }
}

impl From<DbError> for Error {
    fn from(error: DbError) -> Error {
        Error::Internal(error.to_string())
    }
}

impl From<tokio::task::JoinError> for Error {
    fn from(error: tokio::task::JoinError) -> Error {
        Error::Internal(format!("a background task failed: {error}"))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
