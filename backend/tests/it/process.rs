//! The real `nixstudio` binary as a process: first run, restart, signals, and the errors a
//! person sees when something is in the way.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

const BINARY: &str = env!("CARGO_BIN_EXE_nixstudio");

fn serve(data_dir: &Path, extra: &[&str]) -> Command {
    let mut command = Command::new(BINARY);
    command.args(["serve", "--listen", "127.0.0.1:0", "--data-dir"]).arg(data_dir).args(extra);
    command.env_remove("NIXSTUDIO_REPO").env_remove("NIXSTUDIO_DATABASE_URL");
    command
}

/// Starts the server and waits for the line that says where it listens.
fn start(data_dir: &Path) -> (Child, String) {
    let mut child = serve(data_dir, &[])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("piped");
    let mut first_line = String::new();
    BufReader::new(stdout).read_line(&mut first_line).expect("a line on stdout");
    (child, first_line)
}

fn terminate(child: Child) -> Output {
    let status = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
    assert!(status.is_ok_and(|status| status.success()), "kill -TERM works");
    child.wait_with_output().expect("the server exits")
}

fn head_commit(repo: &Path) -> String {
    let repository = git2::Repository::open(repo).expect("the demo fleet is a repository");
    repository.head().and_then(|head| head.peel_to_commit()).expect("a commit").id().to_string()
}

#[test]
fn first_run_creates_the_demo_repository_and_later_runs_reuse_it() {
    let data_dir = tempfile::tempdir().expect("a temporary folder");
    let (child, line) = start(data_dir.path());
    assert!(line.starts_with("nixstudio is serving "), "{line}");
    assert!(line.contains("demo-fleet at http://127.0.0.1:"), "{line}");
    let demo = data_dir.path().join("demo-fleet");
    let first_commit = head_commit(&demo);
    assert!(demo.join("hosts/p620/configuration.nix").is_file());
    assert!(data_dir.path().join("nixstudio.db").is_file());
    let output = terminate(child);
    assert!(output.status.success(), "SIGTERM ends the server cleanly: {output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("stopped"));

    std::fs::write(demo.join("hosts/p620/notes.txt"), "a person's own file").expect("writable");
    let (child, _) = start(data_dir.path());
    assert_eq!(head_commit(&demo), first_commit, "the existing repository is reused");
    assert!(demo.join("hosts/p620/notes.txt").is_file(), "nothing in it is replaced");
    assert!(terminate(child).status.success());
}

#[test]
fn a_taken_port_is_reported_with_the_address_and_what_to_do() {
    let data_dir = tempfile::tempdir().expect("a temporary folder");
    let taken = TcpListener::bind("127.0.0.1:0").expect("a port");
    let address = taken.local_addr().expect("an address").to_string();
    let output = Command::new(BINARY)
        .args(["serve", "--listen", &address, "--data-dir"])
        .arg(data_dir.path())
        .output()
        .expect("the binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("{address} is already in use")), "{stderr}");
    assert!(stderr.contains("--listen"), "{stderr}");
}

#[test]
fn a_folder_that_is_not_a_repository_is_refused() {
    let data_dir = tempfile::tempdir().expect("a temporary folder");
    let not_a_repo = tempfile::tempdir().expect("a temporary folder");
    let output = serve(data_dir.path(), &["--repo"])
        .arg(not_a_repo.path())
        .output()
        .expect("the binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not a git repository"), "{stderr}");
}

#[test]
fn an_unusable_database_url_is_refused_before_serving() {
    let data_dir = tempfile::tempdir().expect("a temporary folder");
    let mut child = serve(data_dir.path(), &["--database-url", "mysql://root@127.0.0.1/x"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let started = std::time::Instant::now();
    while child.try_wait().expect("a status").is_none() {
        assert!(started.elapsed() < Duration::from_secs(20), "the server should have refused");
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().expect("output");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unsupported database URL"), "{stderr}");
}
