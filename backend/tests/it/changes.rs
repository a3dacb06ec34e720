//! `/api/changes`: changes become commits on their own branch, merges move the base
//! branch, refusals are specific, and a failed write leaves every ref as it was.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use backend::changes::{self, ChangeError, FileWrite, Proposal};
use backend::cli::parse_git_author;
use serde_json::{Value, json};

use crate::support::Fixture;

const HP: &str = "hosts/hp/variables.nix";
const P620: &str = "hosts/p620/variables.nix";

/// The file at `path` on `main`.
fn on_main(fixture: &Fixture, path: &str) -> String {
    let repository = fixture.repo.repository().expect("a repository");
    let commit = backend::repo::resolve(&repository, Some("main")).expect("main");
    let bytes = backend::repo::read_file(&repository, commit, path).expect("readable");
    String::from_utf8(bytes.expect("the file exists")).expect("UTF-8")
}

/// `path` on `main` with its first `from` replaced by `to`.
fn edited(fixture: &Fixture, path: &str, from: &str, to: &str) -> String {
    let content = on_main(fixture, path);
    assert!(content.contains(from), "{path} contains {from:?}");
    content.replacen(from, to, 1)
}

fn change(base: &str, files: Value) -> Value {
    json!({ "base_commit": base, "title": "Move hp to .41", "message": "Because.", "files": files })
}

async fn propose(fixture: &Fixture, body: &Value) -> (StatusCode, Value) {
    fixture.post_json("/api/changes", body).await
}

/// The checkout's own file at `path`, and what `git status` says of the checkout.
fn checkout_state(fixture: &Fixture, path: &str) -> (Option<String>, Vec<String>) {
    let repository = fixture.repo.repository().expect("a repository");
    let file = std::fs::read_to_string(fixture.repo.path().join(path)).ok();
    let statuses = repository.statuses(None).expect("statuses");
    let changed = statuses
        .iter()
        .map(|entry| format!("{:?} {}", entry.status(), entry.path().unwrap_or_default()))
        .collect();
    (file, changed)
}

fn error_of(body: &Value) -> &str {
    body["error"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn a_one_line_change_is_one_commit_on_a_new_branch() {
    let fixture = Fixture::new().await;
    let base = fixture.branch_head("main").expect("main");
    let working_tree_before = std::fs::read_to_string(fixture.repo.path().join(HP)).expect("hp");
    let content = edited(&fixture, HP, "192.168.1.40", "192.168.1.41");

    let (status, created) =
        propose(&fixture, &change(&base, json!([{ "path": HP, "content": content }]))).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["id"], 1);
    assert_eq!(created["branch"], "nixstudio/1-move-hp-to-41");
    assert_eq!(created["files_changed"], json!([HP]));
    let commit = created["commit"].as_str().expect("a commit id");
    assert_eq!(fixture.branch_head("nixstudio/1-move-hp-to-41").as_deref(), Some(commit));
    assert_eq!(fixture.branch_head("main"), Some(base.clone()), "main is untouched");

    let repository = git2::Repository::open(fixture.repo.path()).expect("a repository");
    let made = repository.find_commit(git2::Oid::from_str(commit).expect("an id")).expect("made");
    assert_eq!(made.parent_ids().map(|id| id.to_string()).collect::<Vec<_>>(), [base.as_str()]);
    assert_eq!(made.message(), Ok("Move hp to .41\n\nBecause.\n"));
    let diff = repository
        .diff_tree_to_tree(
            Some(&made.parent(0).expect("parent").tree().expect("tree")),
            Some(&made.tree().expect("tree")),
            None,
        )
        .expect("a diff");
    let mut lines = Vec::new();
    diff.print(git2::DiffFormat::Patch, |delta, _, line| {
        assert_eq!(delta.new_file().path(), Some(std::path::Path::new(HP)));
        if matches!(line.origin(), '+' | '-') {
            lines.push(format!("{}{}", line.origin(), String::from_utf8_lossy(line.content())));
        }
        true
    })
    .expect("printable");
    assert_eq!(
        lines,
        ["-  lanAddress = \"192.168.1.40\";\n", "+  lanAddress = \"192.168.1.41\";\n"],
        "exactly the one line changed"
    );

    let working_tree_after = std::fs::read_to_string(fixture.repo.path().join(HP)).expect("hp");
    assert_eq!(working_tree_after, working_tree_before, "the working tree is untouched");
    let statuses = repository.statuses(None).expect("status");
    assert!(statuses.is_empty(), "the checkout is clean: {} entries", statuses.len());
}

#[tokio::test]
async fn changes_are_listed_and_shown_with_their_diff() {
    let author = parse_git_author("Robin <robin@example.org>").expect("an author");
    let fixture = Fixture::with_git_author(Some(author)).await;
    let base = fixture.branch_head("main").expect("main");
    let content = edited(&fixture, HP, "192.168.1.40", "192.168.1.41");
    let files =
        json!([{ "path": HP, "content": content }, { "path": "home/alex.nix", "content": null }]);
    let (status, created) = propose(&fixture, &change(&base, files)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["files_changed"], json!(["home/alex.nix", HP]));

    let (status, list) = fixture.get_json("/api/changes").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let changes = list["changes"].as_array().expect("a list");
    assert_eq!(changes.len(), 1, "{list}");
    assert_eq!(changes[0]["status"], "open");
    assert_eq!(changes[0]["base_branch"], "main");
    assert_eq!(changes[0]["base_commit"], base.as_str());
    assert_eq!(changes[0]["author"], "Robin <robin@example.org>", "--git-author wins");

    let (status, detail) = fixture.get_json("/api/changes/1").await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["commit"], created["commit"]);
    let diff = detail["diff"].as_str().expect("a diff");
    assert!(diff.contains("--- a/home/alex.nix\n+++ /dev/null\n"), "{diff}");
    assert!(
        diff.contains(&format!(
            "--- a/{HP}\n+++ b/{HP}\n@@ -7,5 +7,5 @@\n   hardwareProfile = import ../../hardware-profiles/intel.nix;\n   stateVersion = \"24.11\";\n   timeZone = \"Europe/Amsterdam\";\n-  lanAddress = \"192.168.1.40\";\n+  lanAddress = \"192.168.1.41\";\n }}\n"
        )),
        "{diff}"
    );

    for id in ["2", "x"] {
        let (status, body) = fixture.get_json(&format!("/api/changes/{id}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{id}: {body}");
        assert!(error_of(&body).contains("there is no change"), "{body}");
    }
}

#[tokio::test]
async fn refusals_are_unprocessable_and_say_why() {
    let fixture = Fixture::new().await;
    let base = fixture.branch_head("main").expect("main");
    let cases = [
        (change(&base, json!([{ "path": "../etc/passwd", "content": "x" }])), "not a path inside"),
        (change(&base, json!([{ "path": "/etc/passwd", "content": "x" }])), "not a path inside"),
        (change(&base, json!([{ "path": ".git/config", "content": "x" }])), "inside .git"),
        (
            change(&base, json!([{ "path": "secrets/grafana-admin.age", "content": "x" }])),
            "never writes secrets",
        ),
        (
            change(&base, json!([{ "path": HP, "content": "{ hostName = " }])),
            "does not parse as Nix",
        ),
        (change(&base, json!([{ "path": "gone.nix", "content": null }])), "does not exist"),
        (change(&base, json!([{ "path": "hosts", "content": "x" }])), "is a folder"),
        (change(&base, json!([{ "path": "flake.nix/x.nix", "content": "{ }" }])), "is a file"),
        (change(&base, json!([])), "at least one file"),
        (
            change(
                &base,
                json!([{ "path": "x.nix", "content": "{ }" }, { "path": "x.nix/y.nix", "content": "{ }" }]),
            ),
            "both a file and the folder",
        ),
        (
            change(
                &base,
                json!([{ "path": HP, "content": "{ }" }, { "path": "hosts//hp/variables.nix", "content": "{ }" }]),
            ),
            "appears twice",
        ),
        (
            change(
                "0123456789abcdef0123456789abcdef01234567",
                json!([{ "path": HP, "content": "{ }" }]),
            ),
            "not a commit",
        ),
        (
            change(&base, json!([{ "path": HP, "content": on_main(&fixture, HP) }])),
            "nothing to commit",
        ),
    ];
    for (body, expected) in cases {
        let (status, answer) = propose(&fixture, &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {answer}");
        assert!(error_of(&answer).contains(expected), "{body}: expected {expected:?} in {answer}");
    }
    assert_eq!(
        fixture.refs(),
        [("refs/heads/main".to_owned(), base.clone())],
        "no branch was made"
    );

    let mut allowed = change(&base, json!([{ "path": HP, "content": "{ hostName = " }]));
    allowed["allow_unparseable"] = json!(true);
    let (status, created) = propose(&fixture, &allowed).await;
    assert_eq!(status, StatusCode::CREATED, "unparseable Nix is committed when asked: {created}");
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_a_clear_message() {
    let fixture = Fixture::new().await;
    let base = fixture.branch_head("main").expect("main");
    let huge = "#".repeat(6 * 1024 * 1024);
    let body = change(&base, json!([{ "path": "big.nix", "content": huge }]));
    let (status, answer) = propose(&fixture, &body).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{answer}");
    assert!(error_of(&answer).contains("larger than 5 MiB"), "{answer}");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_bad_request() {
    let fixture = Fixture::new().await;
    let request = Request::post("/api/changes")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{ not json"))
        .expect("a request");
    let (status, _, body) = fixture.send(request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("send JSON"), "{body}");
}

#[tokio::test]
async fn a_base_that_moved_on_the_same_file_is_a_conflict_naming_it() {
    let fixture = Fixture::new().await;
    let base = fixture.branch_head("main").expect("main");
    let content = edited(&fixture, HP, "192.168.1.40", "192.168.1.41");
    let moved = fixture.commit_file(HP, &edited(&fixture, HP, "Europe/Amsterdam", "UTC"));

    let (status, answer) =
        propose(&fixture, &change(&base, json!([{ "path": HP, "content": content }]))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    let message = error_of(&answer);
    assert!(message.contains("branch main moved") && message.contains(HP), "{answer}");
    assert_eq!(fixture.refs(), [("refs/heads/main".to_owned(), moved)], "no branch was made");
}

#[tokio::test]
async fn a_base_that_moved_on_another_file_still_gets_the_change() {
    let fixture = Fixture::new().await;
    let base = fixture.branch_head("main").expect("main");
    let content = edited(&fixture, HP, "192.168.1.40", "192.168.1.41");
    fixture.commit_file(P620, &edited(&fixture, P620, "Europe/Amsterdam", "UTC"));

    let (status, created) =
        propose(&fixture, &change(&base, json!([{ "path": HP, "content": content }]))).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let repository = fixture.repo.repository().expect("a repository");
    let commit = repository
        .find_commit(git2::Oid::from_str(created["commit"].as_str().expect("id")).expect("oid"))
        .expect("the commit");
    assert_eq!(commit.parent_id(0).map(|id| id.to_string()), Ok(base), "built on base_commit");
}

#[tokio::test]
async fn merging_a_change_on_an_unmoved_base_fast_forwards() {
    let fixture = Fixture::new().await;
    let base = fixture.branch_head("main").expect("main");
    let content = edited(&fixture, HP, "192.168.1.40", "192.168.1.41");
    let (_, created) =
        propose(&fixture, &change(&base, json!([{ "path": HP, "content": content }]))).await;

    let (status, merged) = fixture.post_json("/api/changes/1/merge", &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{merged}");
    assert_eq!(merged["result"], "fast_forward");
    assert_eq!(merged["branch"], "main");
    assert_eq!(merged["commit"], created["commit"]);
    assert_eq!(fixture.branch_head("main").as_deref(), created["commit"].as_str());
    assert_eq!(on_main(&fixture, HP), content);
    let (file, changed) = checkout_state(&fixture, HP);
    assert_eq!(file.as_deref(), Some(content.as_str()), "main's checkout has the merge");
    assert!(changed.is_empty(), "git status shows nothing undone: {changed:?}");

    let (status, again) = fixture.post_json("/api/changes/1/merge", &json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");
    assert!(error_of(&again).contains("already merged"), "{again}");
}

#[tokio::test]
async fn merging_after_the_base_moved_elsewhere_makes_a_merge_commit() {
    let fixture = Fixture::new().await;
    let base = fixture.branch_head("main").expect("main");
    let hp = edited(&fixture, HP, "192.168.1.40", "192.168.1.41");
    let (_, created) =
        propose(&fixture, &change(&base, json!([{ "path": HP, "content": hp }]))).await;
    let p620 = edited(&fixture, P620, "Europe/Amsterdam", "UTC");
    let moved = fixture.commit_file(P620, &p620);

    let (status, merged) = fixture.post_json("/api/changes/1/merge", &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{merged}");
    assert_eq!(merged["result"], "merge_commit");
    let head = fixture.branch_head("main").expect("main");
    assert_eq!(merged["commit"], head.as_str());
    let repository = fixture.repo.repository().expect("a repository");
    let merge = repository.find_commit(git2::Oid::from_str(&head).expect("oid")).expect("merge");
    let parents: Vec<String> = merge.parent_ids().map(|id| id.to_string()).collect();
    assert_eq!(parents, [moved, created["commit"].as_str().unwrap_or_default().to_owned()]);
    assert_eq!(on_main(&fixture, HP), hp, "the change is in");
    assert_eq!(on_main(&fixture, P620), p620, "the other commit is kept");
    let (file, changed) = checkout_state(&fixture, HP);
    assert_eq!(file.as_deref(), Some(hp.as_str()), "main's checkout has the merge");
    assert!(changed.is_empty(), "git status shows nothing undone: {changed:?}");
}

#[tokio::test]
async fn a_merge_brings_a_deleted_file_into_the_checkout() {
    let fixture = Fixture::new().await;
    let base = fixture.branch_head("main").expect("main");
    let (status, created) =
        propose(&fixture, &change(&base, json!([{ "path": HP, "content": null }]))).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");

    let (status, merged) = fixture.post_json("/api/changes/1/merge", &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{merged}");
    let (file, changed) = checkout_state(&fixture, HP);
    assert_eq!(file, None, "the deleted file is gone from the checkout");
    assert!(changed.is_empty(), "git status shows nothing undone: {changed:?}");
}

#[tokio::test]
async fn a_merge_into_a_checkout_with_its_own_edit_of_a_merged_file_is_refused() {
    let fixture = Fixture::new().await;
    let base = fixture.branch_head("main").expect("main");
    let content = edited(&fixture, HP, "192.168.1.40", "192.168.1.41");
    propose(&fixture, &change(&base, json!([{ "path": HP, "content": content }]))).await;
    let local = edited(&fixture, HP, "192.168.1.40", "192.168.1.99");
    std::fs::write(fixture.repo.path().join(HP), &local).expect("a local edit");
    let other = edited(&fixture, P620, "Europe/Amsterdam", "UTC");
    std::fs::write(fixture.repo.path().join(P620), &other).expect("a local edit elsewhere");
    let refs_before = fixture.refs();

    let (status, refused) = fixture.post_json("/api/changes/1/merge", &json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    let message = error_of(&refused);
    assert!(
        message.contains("with changes not committed to: hosts/hp/variables.nix;"),
        "{message}"
    );
    assert!(!message.contains(P620), "an edit of another file is no obstacle: {message}");
    assert_eq!(fixture.refs(), refs_before, "no ref moved");
    assert_eq!(checkout_state(&fixture, HP).0.as_deref(), Some(local.as_str()), "the edit is kept");

    std::fs::write(fixture.repo.path().join(HP), on_main(&fixture, HP)).expect("edit undone");
    let (status, merged) = fixture.post_json("/api/changes/1/merge", &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{merged}");
    let (file, changed) = checkout_state(&fixture, HP);
    assert_eq!(file.as_deref(), Some(content.as_str()));
    assert_eq!(changed, ["Status(WT_MODIFIED) hosts/p620/variables.nix"], "the other edit stays");
    assert_eq!(checkout_state(&fixture, P620).0.as_deref(), Some(other.as_str()));
}

#[tokio::test]
async fn a_conflicting_merge_is_refused_with_the_paths_and_leaves_the_base_alone() {
    let fixture = Fixture::new().await;
    let base = fixture.branch_head("main").expect("main");
    let first = edited(&fixture, HP, "192.168.1.40", "192.168.1.41");
    let second = edited(&fixture, HP, "192.168.1.40", "192.168.1.42");
    let (status, _) =
        propose(&fixture, &change(&base, json!([{ "path": HP, "content": first }]))).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) =
        propose(&fixture, &change(&base, json!([{ "path": HP, "content": second }]))).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = fixture.post_json("/api/changes/1/merge", &json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let refs_before = fixture.refs();

    let (status, refused) = fixture.post_json("/api/changes/2/merge", &json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    let message = error_of(&refused);
    assert!(message.contains("conflicts with main in: hosts/hp/variables.nix"), "{refused}");
    assert_eq!(fixture.refs(), refs_before, "no ref moved");
    assert_eq!(on_main(&fixture, HP), first);
}

#[tokio::test]
async fn changes_and_merges_are_recorded_with_time_author_and_result() {
    let fixture = Fixture::new().await;
    let repository = fixture.repo.repository().expect("a repository");
    let mut config = repository.config().expect("a config");
    config.set_str("user.name", "Alex").expect("settable");
    config.set_str("user.email", "alex@example.org").expect("settable");
    let base = fixture.branch_head("main").expect("main");
    let first = edited(&fixture, HP, "192.168.1.40", "192.168.1.41");
    let second = edited(&fixture, HP, "192.168.1.40", "192.168.1.42");
    propose(&fixture, &change(&base, json!([{ "path": HP, "content": first }]))).await;
    propose(&fixture, &change(&base, json!([{ "path": HP, "content": second }]))).await;
    fixture.post_json("/api/changes/1/merge", &json!({})).await;
    fixture.post_json("/api/changes/2/merge", &json!({})).await;
    fixture.commit_file(HP, &edited(&fixture, HP, "hp", "hp2"));
    let (status, _) =
        propose(&fixture, &change(&base, json!([{ "path": HP, "content": "{ }" }]))).await;
    assert_eq!(status, StatusCode::CONFLICT);

    let changes = fixture.db.list_changes().await.expect("listed");
    let summary: Vec<(i64, &str, &str)> = changes
        .iter()
        .map(|change| (change.id, change.status.as_str(), change.author.as_str()))
        .collect();
    assert_eq!(
        summary,
        [(2, "open", "Alex <alex@example.org>"), (1, "merged", "Alex <alex@example.org>")],
        "refusals before the commit are not changes"
    );
    assert!(changes.iter().all(|change| change.created_ms > 1_700_000_000_000));
    let merged = fixture.db.merges_of(1).await.expect("merges");
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].result, "fast_forward");
    assert_eq!(merged[0].author, "Alex <alex@example.org>");
    assert_eq!(merged[0].commit, changes[1].commit);
    let refused = fixture.db.merges_of(2).await.expect("merges");
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].result, "refused");
    assert!(refused[0].detail.contains("conflicts"), "{:?}", refused[0]);

    let repository = fixture.repo.repository().expect("a repository");
    let commit = repository
        .find_commit(git2::Oid::from_str(&changes[0].commit).expect("oid"))
        .expect("the commit");
    assert_eq!(commit.author().name(), Ok("Alex"), "the git config user authors the commit");
}

#[test]
fn a_failure_before_the_ref_update_leaves_every_ref_as_it_was() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let fixture = runtime.block_on(Fixture::new());
    let repository = fixture.repo.repository().expect("a repository");
    let base = repository.head().expect("head").peel_to_commit().expect("commit").id();
    let refs_before = fixture.refs();
    let files = [FileWrite { path: HP.to_owned(), content: Some("{ }\n".to_owned()) }];
    let proposal =
        Proposal { base_commit: base, branch: "nixstudio/9-test", message: "test", files: &files };
    let signature = git2::Signature::now("Test", "test@localhost").expect("a signature");

    let mut reached = false;
    let mut fail = |_: &git2::Repository| {
        reached = true;
        Err(ChangeError::Stopped("injected failure".to_owned()))
    };
    let result = changes::commit_change(&repository, &proposal, &signature, &mut fail);
    assert!(reached, "the objects were written and the ref update was next");
    assert!(matches!(result, Err(ChangeError::Stopped(_))), "{result:?}");
    assert_eq!(fixture.refs(), refs_before, "refs are as they were");

    let taken =
        repository.branch("nixstudio/9-test", &repository.find_commit(base).expect("c"), false);
    taken.expect("the branch name is taken");
    let refs_before = fixture.refs();
    let result = changes::commit_change(&repository, &proposal, &signature, &mut changes::no_hook);
    assert!(matches!(result, Err(ChangeError::BranchExists(_))), "{result:?}");
    assert_eq!(fixture.refs(), refs_before, "an existing branch is never overwritten");
}

#[test]
fn a_base_branch_that_moves_during_a_merge_is_never_clobbered() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let fixture = runtime.block_on(Fixture::new());
    let repository = fixture.repo.repository().expect("a repository");
    let base = repository.head().expect("head").peel_to_commit().expect("commit").id();
    let files = [FileWrite { path: HP.to_owned(), content: Some("{ }\n".to_owned()) }];
    let proposal =
        Proposal { base_commit: base, branch: "nixstudio/9-test", message: "test", files: &files };
    let signature = git2::Signature::now("Test", "test@localhost").expect("a signature");
    let committed =
        changes::commit_change(&repository, &proposal, &signature, &mut changes::no_hook)
            .expect("committed");

    let repo_path = fixture.repo.path().to_owned();
    let mut moved = None;
    let mut move_main = |_: &git2::Repository| {
        moved = Some(crate::support::commit_file(&repo_path, P620, "{ }\n"));
        Ok(())
    };
    let result = changes::merge_change(
        &repository,
        "main",
        committed.commit,
        "merge",
        &signature,
        &mut move_main,
    );
    assert!(matches!(result, Err(ChangeError::BaseMovedDuringUpdate(_))), "{result:?}");
    assert_eq!(fixture.branch_head("main"), moved, "the concurrent commit stays on main");
}

#[test]
fn git_author_is_name_and_email_in_angle_brackets() {
    let author = parse_git_author(" Alex Doe <alex@example.org> ").expect("an author");
    assert_eq!((author.name.as_str(), author.email.as_str()), ("Alex Doe", "alex@example.org"));
    for malformed in ["Alex", "Alex <>", "<alex@example.org>", "Alex <a@b> x", "Alex <<a@b>>"] {
        let error = parse_git_author(malformed).expect_err(malformed);
        assert!(error.contains("is not \"Name <email>\""), "{malformed}: {error}");
    }
}
