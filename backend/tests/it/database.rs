//! The database layer on real engines: SQLite always, PostgreSQL when
//! `NIXSTUDIO_TEST_POSTGRES_URL` names a server (`cargo xtask test` starts one).

use backend::db::{self, Database, DbError, Engine, NewChange};

async fn exercise(url: &str, engine: Engine) {
    let database = Database::open(url).await.unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(database.engine(), engine);
    let before = database.count_events("test_event").await.expect("the events table exists");
    database.record_event("test_event", "first").await.expect("an insert");
    database.record_event("test_event", "second").await.expect("an insert");
    database.close().await;

    let reopened = Database::open(url).await.expect("migrations are idempotent");
    assert_eq!(reopened.count_events("test_event").await.expect("a count"), before + 2);
    exercise_changes(&reopened).await;
    reopened.close().await;
}

/// The change record: a change goes pending → open → merged, merge attempts are kept.
async fn exercise_changes(database: &Database) {
    let new = NewChange {
        author: "Alex <alex@example.org>",
        title: "Enable ssh",
        message: "",
        base_branch: "main",
        base_commit: "0123456789abcdef0123456789abcdef01234567",
    };
    let id = database.insert_change(&new).await.expect("a change is inserted");
    let pending = database.find_change(id).await.expect("a query").expect("the change");
    assert_eq!((pending.status.as_str(), pending.branch.as_str()), ("pending", ""));
    assert!(pending.paths.is_empty(), "{pending:?}");

    let paths = ["a.nix".to_owned(), "hosts/hp/default.nix".to_owned()];
    database.open_change(id, "nixstudio/1-enable-ssh", "abc", &paths).await.expect("opened");
    database
        .record_merge(id, "Alex <alex@example.org>", "refused", "", "conflict")
        .await
        .expect("a merge");
    database
        .record_merge(id, "Alex <alex@example.org>", "fast_forward", "abc", "")
        .await
        .expect("a merge");
    database.mark_change_merged(id).await.expect("merged");

    let merged = database.find_change(id).await.expect("a query").expect("the change");
    assert_eq!(merged.status, "merged");
    assert_eq!(merged.branch, "nixstudio/1-enable-ssh");
    assert_eq!(merged.paths, paths);
    assert_eq!(merged.author, new.author);
    let listed = database.list_changes().await.expect("a list");
    assert_eq!(listed.first().map(|change| change.id), Some(id), "newest first");
    let merges = database.merges_of(id).await.expect("merges");
    let results: Vec<&str> = merges.iter().map(|merge| merge.result.as_str()).collect();
    assert_eq!(results, ["refused", "fast_forward"]);
    assert_eq!(merges[1].commit, "abc");
    assert!(database.find_change(id + 1000).await.expect("a query").is_none());
}

#[tokio::test]
async fn sqlite_is_created_migrated_and_reopened() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = db::default_url(dir.path());
    exercise(&url, Engine::Sqlite).await;
    assert!(dir.path().join("nixstudio.db").is_file());
}

#[tokio::test]
async fn postgres_is_migrated_and_reopened() {
    let Ok(url) = std::env::var("NIXSTUDIO_TEST_POSTGRES_URL") else {
        eprintln!("NIXSTUDIO_TEST_POSTGRES_URL is not set; `cargo xtask test` sets it");
        return;
    };
    exercise(&url, Engine::Postgres).await;
}

#[tokio::test]
async fn bad_urls_fail_with_a_message_that_names_the_problem() {
    let error = Database::open("mysql://root@localhost/x").await.expect_err("mysql is refused");
    assert!(matches!(error, DbError::UnsupportedUrl(_)));
    assert!(error.to_string().contains("use sqlite://PATH or postgres://"), "{error}");

    let error = Database::open("sqlite:///nonexistent-folder/deeper/nixstudio.db?mode=rwc")
        .await
        .expect_err("a database in a missing folder cannot be opened");
    let message = error.to_string();
    assert!(message.starts_with("cannot open database sqlite:///nonexistent-folder"), "{message}");

    let redacted = db::redact("postgres://nixstudio:hunter2@127.0.0.1:5432/studio");
    assert_eq!(redacted, "postgres://nixstudio:***@127.0.0.1:5432/studio");
}
