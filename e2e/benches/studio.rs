//! The studio's speed in headless Chromium, against the real binary on loopback:
//!
//! - first load to interactive (host cards shown), cold and warm, for the demo fleet and a
//!   generated large fleet;
//! - the full-repository lint sweep in the browser, for both fleets;
//! - a toggle flip in the Composer → diff shown, on a demo host and on a host of the
//!   generated fleet (where the fleet is rediscovered from 550 files after every flip);
//! - a keystroke in the File editor on a 900-line file → diagnostics shown.
//!
//! The shipped size is printed by `cargo xtask bench` itself when it builds the web app.
//!
//! Times are taken inside the page with `performance.now()`; "→ frame" adds the wait for
//! the next animation frame, so it includes style, layout and paint. Run it with
//! `cargo xtask bench` (which builds a release binary with its web app and sets
//! `NIXSTUDIO_BIN`). It prints numbers and the targets; it does not fail on a miss.

// The tests use more of the harness than the benchmark does.
#[allow(dead_code)]
#[path = "../tests/it/harness.rs"]
mod harness;

use std::error::Error;
use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use harness::{Browser, Studio};
use serde_json::Value;

type Outcome<T> = Result<T, Box<dyn Error>>;

/// The 900-line host file of the keystroke benchmark, inside the generated fleet.
const BIG_FILE: &str = "hosts/bench/configuration.nix";
const FIRST_LOADS: usize = 6;
const FLIPS: usize = 12;
const KEYSTROKES: usize = 30;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    if let Err(error) = runtime.block_on(run()) {
        eprintln!("studio bench failed: {error}");
        std::process::exit(1);
    }
}

async fn run() -> Outcome<()> {
    println!("studio bench: headless Chromium, {} cores", cores());

    let studio = Studio::start().await;
    let browser = Browser::start("bench_demo", 1280, 900).await;
    let demo = async {
        first_loads(&browser, &studio.url, "demo fleet").await?;
        sweep(&browser, "demo fleet").await?;
        toggle_flips(&browser, &studio.url, "p620", "demo p620").await
    }
    .await;
    browser.finish(demo).await;
    studio.stop().await;

    let repo = tempfile::tempdir()?;
    let large_fleet = write_large_fleet(repo.path())?;
    println!(
        "studio bench: generated fleet: {} files, {:.1} MB, plus {BIG_FILE} ({} lines)",
        large_fleet.files,
        large_fleet.bytes as f64 / 1e6,
        900
    );
    let studio = Studio::start_with(&[OsStr::new("--repo"), repo.path().as_os_str()]).await;
    let browser = Browser::start("bench_large", 1280, 900).await;
    let large = async {
        first_loads(&browser, &studio.url, "generated fleet").await?;
        sweep(&browser, "generated fleet").await?;
        let flipped = format!("generated {}", large_fleet.host);
        toggle_flips(&browser, &studio.url, &large_fleet.host, &flipped).await?;
        keystrokes(&browser, &studio.url).await
    }
    .await;
    browser.finish(large).await;
    studio.stop().await;
    Ok(())
}

/// Loads `/` afresh several times; the first load has an empty cache.
async fn first_loads(browser: &Browser, url: &str, what: &str) -> Outcome<()> {
    let mut times = Vec::new();
    for _ in 0..FIRST_LOADS {
        browser.client.goto("about:blank").await?;
        browser.client.goto(&format!("{url}/")).await?;
        let shown = browser
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   const check = () => document.querySelector('li[data-host]')
                       ? done(performance.now())
                       : requestAnimationFrame(check);
                   check();"#,
                vec![],
            )
            .await?;
        times.push(number(&shown)?);
    }
    let cold = times[0];
    let warm = median(&mut times[1..].to_vec());
    println!(
        "studio bench: first load to host cards ({what}): cold {cold:.0} ms, warm median {warm:.0} ms (target ≤ 1000 ms) {}",
        verdict(cold.max(warm) <= 1000.0)
    );
    Ok(())
}

/// Reads how long the page's full-repository lint sweep took.
async fn sweep(browser: &Browser, what: &str) -> Outcome<()> {
    let took = browser
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const check = () => {
                   const summary = document.querySelector('[data-lint-summary][data-sweep-ms]');
                   summary ? done(Number(summary.getAttribute('data-sweep-ms'))) : setTimeout(check, 20);
               };
               check();"#,
            vec![],
        )
        .await?;
    println!(
        "studio bench: full-repository lint in the browser ({what}): {:.0} ms",
        number(&took)?
    );
    // Every discovery so far: the first load and whatever ran since.
    let mut times = marks(browser, "nixstudio:discover", usize::MAX).await?;
    println!(
        "studio bench: fleet discovery in the browser ({what}): median {:.0} ms over {} runs",
        median(&mut times),
        times.len()
    );
    Ok(())
}

/// Flips the first plain bool toggle of a host back and forth.
async fn toggle_flips(browser: &Browser, url: &str, host: &str, what: &str) -> Outcome<()> {
    browser.client.goto(&format!("{url}/hosts/{host}")).await?;
    // A host with many toggles shows its categories closed: open the first, as a person
    // would before flipping something in it.
    browser.wait_for("section[data-category] h2 button").await?;
    browser
        .client
        .execute(
            "document.querySelector('section[data-category] h2 button[aria-expanded=\"false\"]')?.click();",
            vec![],
        )
        .await?;
    browser.wait_for("[data-option] input[type=checkbox][data-toggle]:not([disabled])").await?;
    browser.wait_for("[data-pane=diff]").await?;
    let mut shown = Vec::new();
    let mut framed = Vec::new();
    for _ in 0..FLIPS {
        let result = browser
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   const toggle = document.querySelector('[data-option] input[type=checkbox][data-toggle]:not([disabled])');
                   const pane = () => document.querySelector('[data-pane=diff]');
                   const before = pane().textContent;
                   const start = performance.now();
                   const observer = new MutationObserver(() => {
                       if (pane() && pane().textContent !== before) {
                           observer.disconnect();
                           const changed = performance.now() - start;
                           requestAnimationFrame(() => done([changed, performance.now() - start]));
                       }
                   });
                   observer.observe(document.body, { subtree: true, childList: true, characterData: true });
                   toggle.click();"#,
                vec![],
            )
            .await?;
        let (changed, frame) = pair(&result)?;
        shown.push(changed);
        framed.push(frame);
    }
    report(&format!("toggle flip → diff shown ({what})"), &mut shown, &mut framed, 50.0);
    let mut discovery = marks(browser, "nixstudio:discover", FLIPS).await?;
    println!(
        "studio bench: of which fleet discovery in wasm ({what}): median {:.1} ms",
        median(&mut discovery)
    );
    Ok(())
}

/// Types a character in the middle of the 900-line file and deletes it again, through the
/// browser's editing commands (as a key press does; replacing the textarea's value would
/// force a full relayout no person causes).
async fn keystrokes(browser: &Browser, url: &str) -> Outcome<()> {
    browser.client.goto(&format!("{url}/files/{BIG_FILE}")).await?;
    browser.wait_for("[data-editor]").await?;
    browser.wait_for("[data-diagnostics][data-lint-generation]").await?;
    let mut shown = Vec::new();
    let mut framed = Vec::new();
    for round in 0..KEYSTROKES {
        let result = browser
            .client
            .execute_async(
                r#"const [round, done] = [arguments[0], arguments[arguments.length - 1]];
                   const editor = document.querySelector('[data-editor]');
                   const generation = () => document.querySelector('[data-diagnostics]')?.getAttribute('data-lint-generation');
                   const before = generation();
                   window.benchAt ??= editor.value.indexOf('\n', editor.value.length >> 1);
                   const at = window.benchAt;
                   const typing = round % 2 === 0;
                   editor.focus();
                   editor.setSelectionRange(typing ? at : at + 1, typing ? at : at + 1);
                   const start = performance.now();
                   const observer = new MutationObserver(() => {
                       if (generation() !== before) {
                           observer.disconnect();
                           const changed = performance.now() - start;
                           requestAnimationFrame(() => done([changed, performance.now() - start]));
                       }
                   });
                   observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-lint-generation'] });
                   document.execCommand(typing ? 'insertText' : 'delete', false, typing ? ' ' : undefined);"#,
                vec![Value::from(round)],
            )
            .await?;
        let (changed, frame) = pair(&result)?;
        shown.push(changed);
        framed.push(frame);
    }
    report("keystroke → diagnostics shown (900-line file)", &mut shown, &mut framed, 16.0);
    let mut times = marks(browser, "nixstudio:lint", KEYSTROKES).await?;
    println!(
        "studio bench: of which the lint of the 900-line file in wasm: median {:.1} ms",
        median(&mut times)
    );
    Ok(())
}

/// The durations of the page's last `last` performance measures named `name` (all of
/// them when there are fewer).
async fn marks(browser: &Browser, name: &str, last: usize) -> Outcome<Vec<f64>> {
    let durations = browser
        .client
        .execute(
            "return performance.getEntriesByName(arguments[0]).slice(-arguments[1]).map(entry => entry.duration);",
            vec![Value::from(name), Value::from(last)],
        )
        .await?;
    match durations.as_array() {
        Some(entries) => entries.iter().map(number).collect(),
        None => Ok(Vec::new()),
    }
}

fn report(what: &str, shown: &mut [f64], framed: &mut [f64], target: f64) {
    let (median_shown, p95_shown) = (median(shown), percentile(shown, 0.95));
    let (median_framed, p95_framed) = (median(framed), percentile(framed, 0.95));
    println!(
        "studio bench: {what}: median {median_shown:.1} ms (p95 {p95_shown:.1}); → frame median {median_framed:.1} ms (p95 {p95_framed:.1}) (target ≤ {target:.0} ms) {}",
        verdict(median_shown <= target)
    );
}

/// What [`write_large_fleet`] wrote.
struct LargeFleet {
    files: usize,
    bytes: usize,
    /// The generated fleet's host with the longest entry file.
    host: String,
}

/// Writes the generated large fleet plus one 900-line host file as a git repository.
fn write_large_fleet(root: &Path) -> Outcome<LargeFleet> {
    let fleet = shared::generate::fleet::generate(7);
    let mut files = 0;
    let mut bytes = 0;
    let big = shared::generate::corpus::host_file(11, 900);
    for (path, content) in fleet.files.iter().chain([(BIG_FILE, big.as_str())]) {
        let target = root.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, content)?;
        files += 1;
        bytes += content.len();
    }
    git(root, &["init", "-q", "-b", "main"])?;
    git(root, &["add", "-A"])?;
    git(
        root,
        &["-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-qm", "fleet"],
    )?;
    Ok(LargeFleet { files, bytes, host: fleet.edit_host })
}

fn git(root: &Path, args: &[&str]) -> Outcome<()> {
    let status = Command::new("git").arg("-C").arg(root).args(args).status()?;
    match status.success() {
        true => Ok(()),
        false => Err(format!("git {} failed in {}", args.join(" "), root.display()).into()),
    }
}

fn number(value: &Value) -> Outcome<f64> {
    value.as_f64().ok_or_else(|| format!("the page answered {value}, not a number").into())
}

fn pair(value: &Value) -> Outcome<(f64, f64)> {
    match value.as_array().map(Vec::as_slice) {
        Some([first, second]) => Ok((number(first)?, number(second)?)),
        _ => Err(format!("the page answered {value}, not two numbers").into()),
    }
}

fn median(values: &mut [f64]) -> f64 {
    percentile(values, 0.5)
}

fn percentile(values: &mut [f64], fraction: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    let index = ((values.len() - 1) as f64 * fraction).round() as usize;
    values[index]
}

fn verdict(met: bool) -> &'static str {
    match met {
        true => "ok",
        false => "MISSED",
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map(usize::from).unwrap_or(1)
}
