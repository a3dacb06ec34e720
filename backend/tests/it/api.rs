//! The JSON API and the web-app routing, through the real router.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::support::Fixture;

#[tokio::test]
async fn health_reports_database_branch_and_commit() {
    let fixture = Fixture::new().await;
    let (status, health) = fixture.get_json("/api/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health["status"], "ok");
    assert_eq!(health["database"], "sqlite");
    assert_eq!(health["branch"], "main");
    assert_eq!(health["commit"].as_str().map(str::len), Some(40));
}

#[tokio::test]
async fn fleet_lists_the_six_demo_hosts_with_their_entry_files() {
    let fixture = Fixture::new().await;
    let (status, fleet) = fixture.get_json("/api/fleet").await;
    assert_eq!(status, StatusCode::OK, "{fleet}");
    let mut hosts: Vec<(String, String)> = fleet["hosts"]
        .as_array()
        .expect("a host list")
        .iter()
        .map(|host| {
            (
                host["name"].as_str().unwrap_or("").to_owned(),
                host["entry"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    hosts.sort();
    let names: Vec<&str> = hosts.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["dex5550", "hp", "p510", "p620", "razer", "samsung"]);
    assert!(hosts.contains(&("hp".to_owned(), "hosts/hp/default.nix".to_owned())));
    assert!(hosts.contains(&("p620".to_owned(), "hosts/p620/configuration.nix".to_owned())));
}

#[tokio::test]
async fn files_are_listed_and_read_at_the_head_commit() {
    let fixture = Fixture::new().await;
    let (status, list) = fixture.get_json("/api/files").await;
    assert_eq!(status, StatusCode::OK);
    let paths: Vec<&str> =
        list["paths"].as_array().expect("paths").iter().filter_map(|path| path.as_str()).collect();
    assert!(paths.contains(&"flake.nix"), "{paths:?}");
    assert!(paths.contains(&"hosts/p620/configuration.nix"), "{paths:?}");
    assert!(paths.iter().any(|path| path.ends_with(".age")), "secrets are listed: {paths:?}");

    let (status, file) = fixture.get_json("/api/files/flake.nix").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(file["path"], "flake.nix");
    assert!(file["content"].as_str().unwrap_or("").contains("nixosConfigurations"));
    assert_eq!(file["commit"], list["commit"]);
}

#[tokio::test]
async fn paths_that_leave_the_repository_are_refused() {
    let fixture = Fixture::new().await;
    for uri in [
        "/api/files/../../etc/passwd",
        "/api/files/%2e%2e/%2e%2e/etc/passwd",
        "/api/files/hosts/../../../etc/passwd",
        "/api/files//etc/passwd",
    ] {
        let (status, body) = fixture.get_json(uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert!(
            body["error"].as_str().unwrap_or("").contains("not a path inside"),
            "{uri}: {body}"
        );
    }
}

#[tokio::test]
async fn secrets_unknown_files_and_unknown_refs_get_specific_errors() {
    let fixture = Fixture::new().await;
    let (status, body) = fixture.get_json("/api/files/secrets/grafana-admin.age").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body["error"].as_str().unwrap_or("").contains("never serves secret"));

    let (status, body) = fixture.get_json("/api/files/hosts/nope.nix").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"].as_str().unwrap_or("").contains("hosts/nope.nix does not exist"));

    let (status, body) = fixture.get_json("/api/fleet?ref=no-such-branch").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"].as_str().unwrap_or("").contains("no-such-branch"));

    let (status, body) = fixture.get_json("/api/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"], "no such API endpoint");
}

#[tokio::test]
async fn configuration_comes_from_commits_never_from_the_working_tree() {
    let fixture = Fixture::new().await;
    let (_, before) = fixture.get_json("/api/files/flake.nix").await;
    let first_commit = before["commit"].as_str().expect("a commit").to_owned();

    std::fs::write(fixture.repo.path().join("flake.nix"), "{ uncommitted = true; }")
        .expect("the working tree is writable");
    let (_, unchanged) = fixture.get_json("/api/files/flake.nix").await;
    assert_eq!(unchanged["content"], before["content"], "uncommitted edits must be invisible");

    let second_commit = fixture.commit_file("flake.nix", "{ committed = true; }\n");
    let (_, after) = fixture.get_json("/api/files/flake.nix").await;
    assert_eq!(after["content"], "{ committed = true; }\n");
    assert_eq!(after["commit"], second_commit.as_str());

    let (_, old) = fixture.get_json(&format!("/api/files/flake.nix?ref={first_commit}")).await;
    assert_eq!(old["content"], before["content"]);
    let (status, old_fleet) = fixture.get_json(&format!("/api/fleet?ref={first_commit}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(old_fleet["commit"], first_commit.as_str());
}

#[tokio::test]
async fn client_routes_get_the_app_and_missing_assets_get_404() {
    let fixture = Fixture::new().await;
    for route in ["/", "/hosts/p620", "/files/hosts/p620/configuration.nix"] {
        let (status, body) = fixture.get(route).await;
        assert_eq!(status, StatusCode::OK, "{route}");
        assert!(body.contains("<title>app</title>"), "{route}: {body}");
    }
    let (status, body) = fixture.get("/frontend-abc123.js").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "console.log(1)"));
    let (status, _) = fixture.get("/frontend-missing.js").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn precompressed_assets_are_sent_only_to_browsers_that_accept_brotli() {
    let fixture = Fixture::new().await;
    let fetch = |accept: &'static str| {
        let request = Request::get("/frontend-abc123.js")
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .expect("a valid request");
        fixture.send(request)
    };
    let (status, headers, body) = fetch("gzip, deflate, br, zstd").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_eq!(headers[header::VARY], "accept-encoding");
    assert_eq!(body, "precompressed");
    for refused in ["gzip", "br;q=0, gzip", "identity"] {
        let (status, headers, body) = fetch(refused).await;
        assert_eq!(status, StatusCode::OK, "{refused}");
        assert!(headers.get(header::CONTENT_ENCODING).is_none(), "{refused}: {headers:?}");
        assert_eq!(body, "console.log(1)", "{refused}");
    }
}

#[tokio::test]
async fn rules_lists_every_rule_with_its_documentation() {
    let fixture = Fixture::new().await;
    let (status, body) = fixture.get_json("/api/rules").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let rules = body["rules"].as_array().expect("a rule list");
    assert_eq!(rules.len(), shared::lint::Rule::ALL.len(), "{body}");
    let bool_comparison = rules
        .iter()
        .find(|rule| rule["code"] == "bool_comparison")
        .expect("bool_comparison is listed");
    assert_eq!(bool_comparison["default_severity"], "warning");
    let summary = bool_comparison["summary"].as_str().unwrap_or_default();
    let doc = bool_comparison["doc"].as_str().unwrap_or_default();
    assert!(summary.contains("boolean literal"), "{summary}");
    assert!(doc.starts_with(summary) && doc.contains("## Fix safety"), "{doc}");
}
