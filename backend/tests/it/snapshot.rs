//! `GET /api/snapshot`: all configuration of a commit, secrets listed but never sent,
//! cached by commit id.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::support::Fixture;

/// `find examples/demo-fleet -name '*.nix' | wc -l`; it has no TOML configuration.
const DEMO_NIX_FILES: usize = 72;

#[tokio::test]
async fn snapshot_has_every_nix_file_and_lists_secrets_without_content() {
    let fixture = Fixture::new().await;
    let (status, snapshot) = fixture.get_json("/api/snapshot").await;
    assert_eq!(status, StatusCode::OK, "{snapshot}");
    let (_, health) = fixture.get_json("/api/health").await;
    assert_eq!(snapshot["commit"], health["commit"], "the snapshot is of the head commit");
    assert_eq!(snapshot["branch"], "main");

    let files = snapshot["files"].as_array().expect("a file list");
    let paths: Vec<&str> = files.iter().filter_map(|file| file["path"].as_str()).collect();
    let (_, list) = fixture.get_json("/api/files").await;
    let nix_paths: Vec<&str> = list["paths"]
        .as_array()
        .expect("paths")
        .iter()
        .filter_map(|path| path.as_str())
        .filter(|path| path.ends_with(".nix"))
        .collect();
    assert_eq!(nix_paths.len(), DEMO_NIX_FILES, "{nix_paths:?}");
    assert_eq!(paths, nix_paths, "every .nix file, and nothing else, in path order");
    let flake = files.iter().find(|file| file["path"] == "flake.nix").expect("flake.nix");
    assert!(flake["content"].as_str().unwrap_or("").contains("nixosConfigurations"));

    let secrets: Vec<&str> = snapshot["secrets"]
        .as_array()
        .expect("secrets")
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    assert!(secrets.contains(&"secrets/grafana-admin.age"), "{secrets:?}");
    assert_eq!(secrets.len(), 8, "all eight demo secrets are listed: {secrets:?}");
    assert!(!paths.iter().any(|path| path.ends_with(".age")), "no secret is sent: {paths:?}");
}

#[tokio::test]
async fn snapshot_is_cached_by_commit_id() {
    let fixture = Fixture::new().await;
    let request = Request::get("/api/snapshot").body(Body::empty()).expect("a request");
    let (status, headers, _) = fixture.send(request).await;
    assert_eq!(status, StatusCode::OK);
    let etag = headers.get(header::ETAG).expect("an ETag").to_str().expect("ASCII").to_owned();
    let head = fixture.branch_head("main").expect("main");
    assert_eq!(etag, format!("\"{head}\""), "the ETag is the quoted commit id");

    let request = Request::get("/api/snapshot")
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .expect("a request");
    let (status, headers, body) = fixture.send(request).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED, "{body}");
    assert!(body.is_empty(), "a 304 has no body: {body}");
    assert_eq!(
        headers.get(header::ETAG).and_then(|value| value.to_str().ok()),
        Some(etag.as_str())
    );

    fixture.commit_file("hosts/hp/variables.nix", "{ ... }: { hostName = \"hp\"; }\n");
    let request = Request::get("/api/snapshot")
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .expect("a request");
    let (status, headers, body) = fixture.send(request).await;
    assert_eq!(status, StatusCode::OK, "a new commit is a new snapshot");
    assert_ne!(
        headers.get(header::ETAG).and_then(|value| value.to_str().ok()),
        Some(etag.as_str())
    );
    assert!(body.contains("hostName = \\\"hp\\\"; }"), "the new content is sent");
}

#[tokio::test]
async fn snapshot_is_compressed_when_the_client_accepts_it() {
    let fixture = Fixture::new().await;
    let request = Request::get("/api/snapshot")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .expect("a request");
    let (status, headers, _) = fixture.send(request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers.get(header::CONTENT_ENCODING).and_then(|value| value.to_str().ok()),
        Some("gzip")
    );
}

#[tokio::test]
async fn snapshot_at_an_older_commit_and_an_unknown_ref() {
    let fixture = Fixture::new().await;
    let first = fixture.branch_head("main").expect("main");
    fixture.commit_file("hosts/hp/variables.nix", "{ ... }: { hostName = \"hp\"; }\n");
    let (status, snapshot) = fixture.get_json(&format!("/api/snapshot?ref={first}")).await;
    assert_eq!(status, StatusCode::OK, "{snapshot}");
    assert_eq!(snapshot["commit"], first.as_str());
    assert_eq!(snapshot["branch"], serde_json::Value::Null, "a commit id is not a branch");
    let hp = snapshot["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|file| file["path"] == "hosts/hp/variables.nix")
        .expect("hp's variables");
    assert!(hp["content"].as_str().unwrap_or("").contains("lanAddress"), "the old content");

    let (status, body) = fixture.get_json("/api/snapshot?ref=no-such-branch").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert!(body["error"].as_str().unwrap_or("").contains("no-such-branch"), "{body}");
}
