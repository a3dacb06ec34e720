//! Fixtures: a demo-fleet git repository in a temporary folder, a fresh SQLite database,
//! and a router to send requests to.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use backend::assets::{self, WebApp};
use backend::cli::GitAuthor;
use backend::db::{self, Database};
use backend::http::{AppState, app};
use backend::repo::{self, RepoHandle};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub struct Fixture {
    _dir: tempfile::TempDir,
    pub repo: RepoHandle,
    pub db: Database,
    pub router: Router,
}

/// A web app stand-in with an index page and one hashed asset, to test routing. The
/// asset's `.br` twin holds marker bytes: the tests check which file is chosen, and the
/// server sends precompressed files as they are.
pub fn tiny_web_app() -> WebApp {
    WebApp::from_files([
        ("index.html", b"<!doctype html><title>app</title>".as_slice()),
        ("frontend-abc123.js", b"console.log(1)".as_slice()),
        ("frontend-abc123.js.br", b"precompressed".as_slice()),
    ])
}

impl Fixture {
    pub async fn new() -> Fixture {
        Fixture::with_git_author(None).await
    }

    /// A fixture whose changes are committed by `git_author`, as `--git-author` sets it.
    pub async fn with_git_author(git_author: Option<GitAuthor>) -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let repo = repo::create_from_files(&dir.path().join("fleet"), assets::demo_fleet(), "demo")
            .expect("the demo fleet becomes a repository");
        let db = Database::open(&db::default_url(dir.path())).await.expect("sqlite opens");
        let state = AppState {
            repo: repo.clone(),
            db: db.clone(),
            web_app: Arc::new(tiny_web_app()),
            git_author,
        };
        Fixture { _dir: dir, repo, db, router: app(state) }
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

    /// Sends `request` and returns the status, the headers and the body as text.
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
        let response = self.router.clone().oneshot(request).await.expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("a body").to_bytes();
        (status, headers, String::from_utf8_lossy(&bytes).into_owned())
    }

    pub async fn post_json(
        &self,
        uri: &str,
        body: &serde_json::Value,
    ) -> (StatusCode, serde_json::Value) {
        let request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("a valid request");
        let (status, _, body) = self.send(request).await;
        let json = serde_json::from_str(&body)
            .unwrap_or_else(|error| panic!("{uri} sent no JSON ({error}): {body}"));
        (status, json)
    }

    /// The head commit id of `branch`, `None` when there is no such branch.
    pub fn branch_head(&self, branch: &str) -> Option<String> {
        let repository = git2::Repository::open(self.repo.path()).expect("a repository");
        let reference = repository.find_branch(branch, git2::BranchType::Local).ok()?;
        Some(reference.get().peel_to_commit().expect("a commit").id().to_string())
    }

    /// Every ref with the commit it points at, sorted by name.
    pub fn refs(&self) -> Vec<(String, String)> {
        let repository = git2::Repository::open(self.repo.path()).expect("a repository");
        let mut refs: Vec<(String, String)> = repository
            .references()
            .expect("refs")
            .filter_map(Result::ok)
            .filter_map(|reference| {
                let name = reference.name().ok()?.to_owned();
                let commit = reference.peel_to_commit().ok()?.id().to_string();
                Some((name, commit))
            })
            .collect();
        refs.sort();
        refs
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
