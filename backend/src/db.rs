//! The studio's database: embedded SQLite by default, Postgres when the URL says so.
//!
//! Git holds configuration; the database holds what the studio itself did (events, changes
//! and merges now, deploys later). Both engines go through sqlx's `Any` driver with one
//! migration set per engine, applied at start.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, any::AnyPoolOptions};

mod changes;

pub use changes::{ChangeRow, MergeRow, NewChange};

/// Which engine a database URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn from_url(url: &str) -> Option<Engine> {
        if url.starts_with("sqlite:") {
            return Some(Engine::Sqlite);
        }
        if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            return Some(Engine::Postgres);
        }
        None
    }

    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }

    fn migrations(self) -> Vec<Migration> {
        let (events, changes) = match self {
            Engine::Sqlite => (
                include_str!("../migrations/sqlite/0001_events.sql"),
                include_str!("../migrations/sqlite/0002_changes.sql"),
            ),
            Engine::Postgres => (
                include_str!("../migrations/postgres/0001_events.sql"),
                include_str!("../migrations/postgres/0002_changes.sql"),
            ),
        };
        vec![
            Migration::new(1, "events".into(), MigrationType::Simple, events.into_sql_str(), false),
            Migration::new(
                2,
                "changes".into(),
                MigrationType::Simple,
                changes.into_sql_str(),
                false,
            ),
        ]
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://USER@HOST/DB")]
    UnsupportedUrl(String),
    #[error("cannot open database {url}: {source}")]
    Open { url: String, source: sqlx::Error },
    #[error("cannot apply migrations to {url}: {source}")]
    Migrate { url: String, source: sqlx::migrate::MigrateError },
    #[error(transparent)]
    Query(#[from] sqlx::Error),
}

/// A connection pool plus the engine it talks to.
#[derive(Debug, Clone)]
pub struct Database {
    pool: AnyPool,
    engine: Engine,
}

/// The default URL for a data directory: a SQLite file created on first use.
pub fn default_url(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("nixstudio.db").display())
}

/// Hides a password in a database URL before it is shown to a person or a log.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let Some((credentials, host)) = rest.split_once('@') else { return url.to_owned() };
    match credentials.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

impl Database {
    /// Opens the database and applies pending migrations.
    pub async fn open(url: &str) -> Result<Database, DbError> {
        let engine = Engine::from_url(url).ok_or_else(|| DbError::UnsupportedUrl(redact(url)))?;
        sqlx::any::install_default_drivers();
        let pool = AnyPoolOptions::new()
            .max_connections(8)
            .connect(url)
            .await
            .map_err(|source| DbError::Open { url: redact(url), source })?;
        Migrator::with_migrations(engine.migrations())
            .run(&pool)
            .await
            .map_err(|source| DbError::Migrate { url: redact(url), source })?;
        Ok(Database { pool, engine })
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Appends an event to the audit log.
    pub async fn record_event(&self, kind: &str, detail: &str) -> Result<(), DbError> {
        sqlx::query("INSERT INTO events (at_ms, kind, detail) VALUES ($1, $2, $3)")
            .bind(now_ms())
            .bind(kind)
            .bind(detail)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The number of events of `kind`; also proves the schema is in place.
    pub async fn count_events(&self, kind: &str) -> Result<i64, DbError> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM events WHERE kind = $1")
            .bind(kind)
            .fetch_one(&self.pool)
            .await?;
        Ok(count)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn now_ms() -> i64 {
    let elapsed = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
}
