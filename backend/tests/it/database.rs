//! The database layer on real engines: SQLite always, PostgreSQL when
//! `NIXSTUDIO_TEST_POSTGRES_URL` names a server (`cargo xtask test` starts one).

use backend::db::{self, Database, DbError, Engine};

async fn exercise(url: &str, engine: Engine) {
    let database = Database::open(url).await.unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(database.engine(), engine);
    let before = database.count_events("test_event").await.expect("the events table exists");
    database.record_event("test_event", "first").await.expect("an insert");
    database.record_event("test_event", "second").await.expect("an insert");
    database.close().await;

    let reopened = Database::open(url).await.expect("migrations are idempotent");
    assert_eq!(reopened.count_events("test_event").await.expect("a count"), before + 2);
    reopened.close().await;
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
