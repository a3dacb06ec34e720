//! Fixtures: a demo-fleet git repository in a temporary folder, a fresh SQLite database,
//! and a router to send requests to.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use backend::assets::{self, WebApp};
use backend::db::{self, Database};
use backend::http::{AppState, app};
use backend::repo::{self, RepoHandle};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub struct Fixture {
    _dir: tempfile::TempDir,
    pub repo: RepoHandle,
    pub router: Router,
}

/// A web app stand-in with an index page and one hashed asset, to test routing.
pub fn tiny_web_app() -> WebApp {
    WebApp::from_files([
        ("index.html", b"<!doctype html><title>app</title>".as_slice()),
        ("frontend-abc123.js", b"console.log(1)".as_slice()),
    ])
}

impl Fixture {
    pub async fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let repo = repo::create_from_files(&dir.path().join("fleet"), assets::demo_fleet(), "demo")
            .expect("the demo fleet becomes a repository");
        let db = Database::open(&db::default_url(dir.path())).await.expect("sqlite opens");
        let state = AppState { repo: repo.clone(), db, web_app: Arc::new(tiny_web_app()) };
        Fixture { _dir: dir, repo, router: app(state) }
    }

    pub async fn get(&self, uri: &str) -> (StatusCode, String) {
        let request = Request::get(uri).body(Body::empty()).expect("a valid request");
        let response = self.router.clone().oneshot(request).await.expect("the router answers");
        let status = response.status();
        let bytes = response.into_body().collect().await.expect("a body").to_bytes();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    pub async fn get_json(&self, uri: &str) -> (StatusCode, serde_json::Value) {
        let (status, body) = self.get(uri).await;
        let json = serde_json::from_str(&body)
            .unwrap_or_else(|error| panic!("{uri} sent no JSON ({error}): {body}"));
        (status, json)
    }

    /// Commits `content` at `path` on the current branch, as a person would with git.
    pub fn commit_file(&self, path: &str, content: &str) -> String {
        commit_file(self.repo.path(), path, content)
    }
}

pub fn commit_file(repo_path: &Path, path: &str, content: &str) -> String {
    std::fs::write(repo_path.join(path), content).expect("the working tree is writable");
    let repository = git2::Repository::open(repo_path).expect("a repository");
    let mut index = repository.index().expect("an index");
    index.add_path(Path::new(path)).expect("the file is added");
    index.write().expect("the index is written");
    let tree = repository.find_tree(index.write_tree().expect("a tree")).expect("the tree");
    let parent = repository.head().and_then(|head| head.peel_to_commit()).expect("a head commit");
    let signature = git2::Signature::now("Test", "test@localhost").expect("a signature");
    let commit = repository
        .commit(Some("HEAD"), &signature, &signature, "test change", &tree, &[&parent])
        .expect("the commit is made");
    commit.to_string()
}
