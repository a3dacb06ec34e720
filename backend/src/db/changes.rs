//! The record of changes and merges: who asked for what, when, and what came of it.
//!
//! A change row is written before its commit (its id names the branch) as `pending`, then
//! becomes `open` with its branch and commit, or `failed` with the reason. A merge row is
//! written for every merge attempt, refused or not.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Database, DbError, now_ms};

/// What is known about a change before it is committed.
#[derive(Debug, Clone)]
pub struct NewChange<'a> {
    pub author: &'a str,
    pub title: &'a str,
    pub message: &'a str,
    pub base_branch: &'a str,
    pub base_commit: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRow {
    pub id: i64,
    pub created_ms: i64,
    pub author: String,
    pub title: String,
    pub message: String,
    pub base_branch: String,
    pub base_commit: String,
    /// `pending`, `open`, `merged` or `failed`.
    pub status: String,
    /// Empty until committed.
    pub branch: String,
    /// Empty until committed.
    pub commit: String,
    pub paths: Vec<String>,
    /// Why a change failed; empty otherwise.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeRow {
    pub id: i64,
    pub change_id: i64,
    pub at_ms: i64,
    pub author: String,
    /// `fast_forward`, `merge_commit` or `refused`.
    pub result: String,
    /// The base branch's head after the merge; empty when refused.
    pub commit: String,
    pub detail: String,
}

/// The columns [`change_row`] reads, in a macro so queries stay `&'static str`.
macro_rules! select_changes {
    ($rest:literal) => {
        concat!(
            "SELECT id, created_ms, author, title, message, base_branch, base_commit, status, \
             branch, commit_id, paths, detail FROM changes ",
            $rest
        )
    };
}

impl Database {
    /// Records a change about to be committed; returns its id.
    pub async fn insert_change(&self, change: &NewChange<'_>) -> Result<i64, DbError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO changes (created_ms, author, title, message, base_branch, base_commit, \
             status, branch, commit_id, paths, detail) \
             VALUES ($1, $2, $3, $4, $5, $6, 'pending', '', '', '', '') RETURNING id",
        )
        .bind(now_ms())
        .bind(change.author)
        .bind(change.title)
        .bind(change.message)
        .bind(change.base_branch)
        .bind(change.base_commit)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// Marks a change committed on `branch`.
    pub async fn open_change(
        &self,
        id: i64,
        branch: &str,
        commit: &str,
        paths: &[String],
    ) -> Result<(), DbError> {
        sqlx::query(
            "UPDATE changes SET status = 'open', branch = $1, commit_id = $2, paths = $3 \
             WHERE id = $4",
        )
        .bind(branch)
        .bind(commit)
        .bind(paths.join("\n"))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Marks a change that could not be committed, with the reason.
    pub async fn fail_change(&self, id: i64, detail: &str) -> Result<(), DbError> {
        sqlx::query("UPDATE changes SET status = 'failed', detail = $1 WHERE id = $2")
            .bind(detail)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn mark_change_merged(&self, id: i64) -> Result<(), DbError> {
        sqlx::query("UPDATE changes SET status = 'merged' WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Every change, newest first.
    pub async fn list_changes(&self) -> Result<Vec<ChangeRow>, DbError> {
        let rows = sqlx::query(select_changes!("ORDER BY id DESC")).fetch_all(&self.pool).await?;
        rows.iter().map(change_row).collect()
    }

    pub async fn find_change(&self, id: i64) -> Result<Option<ChangeRow>, DbError> {
        let row = sqlx::query(select_changes!("WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(change_row).transpose()
    }

    /// Records one merge attempt of change `change_id`.
    pub async fn record_merge(
        &self,
        change_id: i64,
        author: &str,
        result: &str,
        commit: &str,
        detail: &str,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO merges (change_id, at_ms, author, result, commit_id, detail) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(change_id)
        .bind(now_ms())
        .bind(author)
        .bind(result)
        .bind(commit)
        .bind(detail)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The merge attempts of a change, oldest first.
    pub async fn merges_of(&self, change_id: i64) -> Result<Vec<MergeRow>, DbError> {
        let rows = sqlx::query(
            "SELECT id, change_id, at_ms, author, result, commit_id, detail FROM merges \
             WHERE change_id = $1 ORDER BY id",
        )
        .bind(change_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(MergeRow {
                    id: row.try_get("id")?,
                    change_id: row.try_get("change_id")?,
                    at_ms: row.try_get("at_ms")?,
                    author: row.try_get("author")?,
                    result: row.try_get("result")?,
                    commit: row.try_get("commit_id")?,
                    detail: row.try_get("detail")?,
                })
            })
            .collect()
    }
}

fn change_row(row: &AnyRow) -> Result<ChangeRow, DbError> {
    let paths: String = row.try_get("paths")?;
    Ok(ChangeRow {
        id: row.try_get("id")?,
        created_ms: row.try_get("created_ms")?,
        author: row.try_get("author")?,
        title: row.try_get("title")?,
        message: row.try_get("message")?,
        base_branch: row.try_get("base_branch")?,
        base_commit: row.try_get("base_commit")?,
        status: row.try_get("status")?,
        branch: row.try_get("branch")?,
        commit: row.try_get("commit_id")?,
        paths: paths.lines().map(str::to_owned).collect(),
        detail: row.try_get("detail")?,
    })
}
