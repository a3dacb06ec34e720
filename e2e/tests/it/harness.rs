//! Starting the studio and a browser, and keeping evidence when a test fails.

use std::error::Error;
use std::net::TcpListener;
use std::path::Path;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub type TestResult = Result<(), Box<dyn Error>>;

/// How long a page may take to show what a test waits for.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// A running `nixstudio serve` on a free port with its own data directory.
pub struct Studio {
    process: Child,
    pub url: String,
    _data_dir: tempfile::TempDir,
}

impl Studio {
    pub async fn start() -> Studio {
        Studio::start_with(&[]).await
    }

    /// Starts the studio with extra `serve` arguments (for example `--repo PATH`).
    pub async fn start_with(extra: &[&std::ffi::OsStr]) -> Studio {
        let binary = std::env::var_os("NIXSTUDIO_BIN").map(PathBuf::from).expect(
            "NIXSTUDIO_BIN must name a nixstudio binary built with its web app; run `cargo xtask test`",
        );
        let data_dir = tempfile::tempdir().expect("a temporary data directory");
        let mut process = Command::new(&binary)
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir.path())
            .args(extra)
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start {}: {error}", binary.display()));
        let stdout = process.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        let url = tokio::time::timeout(PATIENCE, async {
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(start) = line.find("http://") {
                    return line[start..].trim_end_matches('/').to_owned();
                }
            }
            panic!("nixstudio exited before printing its URL");
        })
        .await
        .expect("nixstudio printed its URL in time");
        Studio { process, url, _data_dir: data_dir }
    }

    /// The git repository the studio serves: the demo fleet `serve` creates in its data
    /// directory, a normal repository with a work tree on branch `main`. Tests read it and
    /// commit to it behind the studio's back.
    pub fn repository(&self) -> PathBuf {
        self._data_dir.path().join("demo-fleet")
    }

    pub async fn stop(mut self) {
        let _ = self.process.start_kill();
        let _ = self.process.wait().await;
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("a bound address").port()
}

/// A headless Chromium driven through its own chromedriver.
pub struct Browser {
    driver: Child,
    pub client: Client,
    _profile: tempfile::TempDir,
    name: String,
}

impl Browser {
    /// Starts a browser whose window is `width` × `height` CSS pixels; `name` names the
    /// artifacts this test leaves behind.
    pub async fn start(name: &str, width: u32, height: u32) -> Browser {
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver is installed (Debian package chromium-driver)");
        let profile = tempfile::tempdir().expect("a temporary browser profile");
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage",
                    format!("--user-data-dir={}", profile.path().display()),
                    format!("--window-size={width},{height}"),
                ],
                "mobileEmulation": {
                    "deviceMetrics": { "width": width, "height": height, "pixelRatio": 1.0 }
                }
            }
        });
        let capabilities = match capabilities {
            serde_json::Value::Object(map) => map,
            _ => unreachable!("built as an object above"),
        };
        let webdriver = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&webdriver)
                .await
            {
                Ok(client) => break client,
                Err(error) if started.elapsed() > PATIENCE => {
                    panic!("cannot start a browser session through chromedriver: {error}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        Browser { driver, client, _profile: profile, name: name.to_owned() }
    }

    pub async fn wait_for(&self, css: &str) -> Result<Element, Box<dyn Error>> {
        let element = self.client.wait().at_most(PATIENCE).for_element(Locator::Css(css)).await?;
        Ok(element)
    }

    /// Saves a screenshot as `target/e2e-artifacts/<test>-<label>.png`.
    pub async fn keep_screenshot(&self, label: &str) -> TestResult {
        let png = self.client.screenshot().await?;
        std::fs::create_dir_all(artifacts_dir())?;
        std::fs::write(artifacts_dir().join(format!("{}-{label}.png", self.name)), png)?;
        Ok(())
    }

    /// Ends the test: on failure keeps a screenshot and the page HTML, then fails with the
    /// error; either way the browser is closed.
    pub async fn finish(mut self, result: TestResult) {
        if let Err(error) = &result {
            let _ = self.keep_screenshot("failure").await;
            if let Ok(html) = self.client.source().await {
                let path = artifacts_dir().join(format!("{}-failure.html", self.name));
                let _ = std::fs::write(path, html);
            }
            eprintln!("{}: {error}; evidence in {}", self.name, artifacts_dir().display());
        }
        let _ = self.client.clone().close().await;
        let _ = self.driver.start_kill();
        let _ = self.driver.wait().await;
        if let Err(error) = result {
            panic!("{}: {error}", self.name);
        }
    }
}

/// Fails the test with `message` unless `condition` holds, so the failure is recorded
/// with its evidence instead of panicking past it.
pub fn ensure(condition: bool, message: impl Into<String>) -> TestResult {
    match condition {
        true => Ok(()),
        false => Err(message.into().into()),
    }
}

pub fn artifacts_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("target").join("e2e-artifacts")
}

/// Runs `git -C <repository> <args>` with a fixed identity and returns its standard
/// output; a failing git is a failing test, with git's own message.
pub fn git(repository: &Path, args: &[&str]) -> Result<String, Box<dyn Error>> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(repository)
        .args(["-c", "user.name=e2e", "-c", "user.email=e2e@localhost"])
        .args(args)
        .output()?;
    match output.status.success() {
        true => Ok(String::from_utf8(output.stdout)?),
        false => Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        )
        .into()),
    }
}

/// Polls `check` until it returns `Some`, or fails saying `what` did not happen in time.
pub async fn eventually<T, F, Fut>(what: &str, check: F) -> Result<T, Box<dyn Error>>
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<Option<T>, Box<dyn Error>>>,
{
    let started = Instant::now();
    loop {
        if let Some(found) = check().await? {
            return Ok(found);
        }
        if started.elapsed() > PATIENCE {
            return Err(format!("timed out waiting for {what}").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The text of every element `css` matches, in document order.
pub async fn texts(browser: &Browser, css: &str) -> Result<Vec<String>, Box<dyn Error>> {
    let mut found = Vec::new();
    for element in browser.client.find_all(Locator::Css(css)).await? {
        found.push(element.text().await?);
    }
    Ok(found)
}

/// `+` and `-` lines of a unified diff, without the `+++`/`---` file headers.
pub fn changed_lines(diff: &str) -> (Vec<&str>, Vec<&str>) {
    let body = diff.lines().filter(|line| !line.starts_with("+++") && !line.starts_with("---"));
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    for line in body {
        match line.chars().next() {
            Some('+') => added.push(line),
            Some('-') => removed.push(line),
            _ => {}
        }
    }
    (added, removed)
}

/// Scrolls `element` to the middle of the window: the header and the pending bar stick to
/// the top, and would cover (and take a click meant for) a control scrolled just under them.
pub async fn center(browser: &Browser, element: &Element) -> TestResult {
    browser
        .client
        .execute("arguments[0].scrollIntoView({ block: 'center' })", vec![json!(element)])
        .await?;
    Ok(())
}

/// Clicks the first element matching `css`, once it is there, scrolled clear of the
/// sticky header.
pub async fn click(browser: &Browser, css: &str) -> TestResult {
    let element = browser.wait_for(css).await?;
    center(browser, &element).await?;
    element.click().await?;
    Ok(())
}

/// Commits the pending edits from the Composer pane's Commit button with the suggested
/// `title`, and checks that the branch the dialog names holds one commit on `base`, that
/// `main` stays at `base` and that the work tree is untouched. Returns the branch and the
/// commit.
pub async fn commit_from_pane(
    browser: &Browser,
    repository: &Path,
    base: &str,
    title: &str,
) -> Result<(String, String), Box<dyn Error>> {
    click(browser, "[data-action='pane-commit']").await?;
    let suggested = browser
        .wait_for("[role='dialog'] input[name='title']")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    ensure(suggested == title, format!("suggested title: {suggested}"))?;
    browser.wait_for("[role='dialog'] button[type='submit']").await?.click().await?;
    let branch = browser.wait_for("[role='dialog'] [data-branch]").await?.text().await?;
    let commit = browser
        .wait_for("[role='dialog'] [data-commit]")
        .await?
        .attr("data-commit")
        .await?
        .unwrap_or_default();
    ensure(branch.starts_with("nixstudio/"), format!("branch: {branch}"))?;
    // The studio commits into the repository it was given, next to `main`.
    let head = git(repository, &["rev-parse", &branch])?.trim().to_owned();
    ensure(head == commit, format!("{branch} is at {head}, the dialog said {commit}"))?;
    let parents = git(repository, &["log", "-1", "--format=%P", &branch])?;
    ensure(parents.trim() == base, format!("the commit's parents: {parents}, base {base}"))?;
    let main = git(repository, &["rev-parse", "main"])?.trim().to_owned();
    ensure(main == base, format!("main stays at {base}, not {main}"))?;
    let status = git(repository, &["status", "--porcelain"])?;
    ensure(status.is_empty(), format!("the work tree is untouched: {status}"))?;
    Ok((branch, commit))
}
