//! The JSON shapes of nixstudio's HTTP API, shared by the backend and the browser app so
//! both sides agree by construction.

use serde::{Deserialize, Serialize};

/// `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// `"ok"` when the database answers and the repository has a readable head.
    pub status: String,
    pub version: String,
    /// Which database backs the server: `"sqlite"` or `"postgres"`.
    pub database: String,
    /// The branch the studio reads configuration from.
    pub branch: String,
    /// The commit at the head of that branch.
    pub commit: String,
}

/// One host of the fleet, as the Fleet page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostSummary {
    pub name: String,
    /// The host's entry file, relative to the repository root.
    pub entry: String,
}

/// `GET /api/fleet`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fleet {
    pub commit: String,
    pub branch: String,
    pub hosts: Vec<HostSummary>,
    /// Problems met while discovering hosts, for a person to read.
    pub problems: Vec<String>,
}

/// `GET /api/files`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileList {
    pub commit: String,
    pub paths: Vec<String>,
}

/// `GET /api/files/{path}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileContent {
    pub commit: String,
    pub path: String,
    pub content: String,
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub error: String,
}
