//! The Composer (`/hosts/{name}`): a toggle flip becomes a one-line diff, a commit on its
//! own branch in the real repository and, merged from the change page, the host's new
//! value; an unimported toggle brings its import; a conflicting commit keeps the edits;
//! the page fits a phone.

use std::error::Error;

use fantoccini::Locator;
use fantoccini::key::Key;

use crate::harness::{
    Browser, PATIENCE, Studio, TestResult, changed_lines, commit_from_pane, ensure, eventually, git,
};

const HOST_FILE: &str = "hosts/p620/configuration.nix";
/// Set to `false` in p620's own host file, so turning it on is a one-line change there.
const JAVA: &str = "features.development.java";
/// Declared in modules/media/jellyfin.nix, which only p510 imports.
const JELLYFIN: &str = "features.jellyfin.enable";

type Failure = Box<dyn Error>;

fn option_row(path: &str) -> String {
    format!("li[data-option='{path}']")
}

fn control(path: &str) -> String {
    format!("li[data-option='{path}'] [data-toggle]")
}

async fn texts(browser: &Browser, css: &str) -> Result<Vec<String>, Failure> {
    let mut found = Vec::new();
    for element in browser.client.find_all(Locator::Css(css)).await? {
        found.push(element.text().await?);
    }
    Ok(found)
}

/// The added and removed lines the diff pane shows.
async fn pane_diff(browser: &Browser) -> Result<(Vec<String>, Vec<String>), Failure> {
    let added = texts(browser, "[data-pane='diff'] [data-line='added']").await?;
    let removed = texts(browser, "[data-pane='diff'] [data-line='removed']").await?;
    Ok((added, removed))
}

async fn checked(browser: &Browser, path: &str) -> Result<Option<String>, Failure> {
    let element = browser.wait_for(&control(path)).await?;
    Ok(element.attr("aria-checked").await?)
}

/// Waits until the switch of `path` says `state` (`"true"` or `"false"`).
async fn wait_checked(browser: &Browser, path: &str, state: &str) -> TestResult {
    eventually(&format!("{path} to be aria-checked={state}"), || async {
        Ok(checked(browser, path).await?.filter(|current| current == state))
    })
    .await?;
    Ok(())
}

/// Waits until the diff pane shows some change, and returns its added and removed lines.
async fn wait_for_diff(browser: &Browser) -> Result<(Vec<String>, Vec<String>), Failure> {
    browser.wait_for("[data-pane='diff'] [data-line='added']").await?;
    pane_diff(browser).await
}

async fn click_button(browser: &Browser, label: &str) -> TestResult {
    let xpath = format!("//button[normalize-space()='{label}']");
    browser
        .client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::XPath(&xpath))
        .await?
        .click()
        .await?;
    Ok(())
}

async fn page_width(browser: &Browser) -> Result<f64, Failure> {
    let width =
        browser.client.execute("return document.documentElement.scrollWidth", vec![]).await?;
    Ok(width.as_f64().unwrap_or(f64::MAX))
}

/// The number of toggles on that p620's card on the Fleet page shows.
async fn fleet_toggles_on(browser: &Browser, url: &str) -> Result<usize, Failure> {
    browser.client.goto(&format!("{url}/")).await?;
    let field = browser.wait_for("li[data-host='p620'] [data-field='toggles-on']").await?;
    Ok(field.text().await?.trim().parse()?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn composer_flip_commit_and_merge_end_to_end() {
    let studio = Studio::start().await;
    let browser = Browser::start("composer_flip_commit_merge", 1280, 900).await;
    let repository = studio.repository();
    let result: TestResult = async {
        let base = git(&repository, &["rev-parse", "main"])?.trim().to_owned();
        let toggles_on_before = fleet_toggles_on(&browser, &studio.url).await?;
        browser.client.goto(&format!("{}/hosts/p620", studio.url)).await?;
        ensure(checked(&browser, JAVA).await?.as_deref() == Some("false"), "java starts off")?;
        browser.wait_for("[data-pane='diff'] [data-diff='empty']").await?;
        browser.wait_for("[data-pane='lint'] [data-lint='empty']").await?;

        browser.wait_for(&control(JAVA)).await?.click().await?;
        wait_checked(&browser, JAVA, "true").await?;
        let (added, removed) = wait_for_diff(&browser).await?;
        ensure(
            added.len() == 1 && removed.len() == 1,
            format!("one line changed, not +{added:?} -{removed:?}"),
        )?;
        ensure(
            removed[0].trim() == "-      java = false;" && added[0].trim() == "+      java = true;",
            format!("the diff is java false→true: -{removed:?} +{added:?}"),
        )?;
        let linted = browser
            .wait_for(&format!("[data-pane='lint'] [data-lint-file='{HOST_FILE}']"))
            .await?
            .text()
            .await?;
        ensure(linted.contains("finding"), format!("the lint pane lists the host file: {linted}"))?;
        browser.wait_for(&format!("{} [data-badge='changed']", option_row(JAVA))).await?;

        // Undo and redo from the shell's pending bar.
        click_button(&browser, "Undo").await?;
        wait_checked(&browser, JAVA, "false").await?;
        browser.wait_for("[data-pane='diff'] [data-diff='empty']").await?;
        click_button(&browser, "Redo").await?;
        wait_checked(&browser, JAVA, "true").await?;
        wait_for_diff(&browser).await?;

        let (branch, commit) =
            commit_from_pane(&browser, &repository, &base, &format!("p620: {JAVA} = true")).await?;
        let names = git(&repository, &["diff", "--name-only", &base, &branch])?;
        ensure(names.trim() == HOST_FILE, format!("the commit changes {names}"))?;
        let diff = git(&repository, &["diff", &base, &branch])?;
        let (added, removed) = changed_lines(&diff);
        ensure(
            added == ["+      java = true;"] && removed == ["-      java = false;"],
            format!("git diff of the commit:\n{diff}"),
        )?;

        // Merge from the change page the dialog links to.
        browser.client.find(Locator::LinkText("Open the change")).await?.click().await?;
        browser.wait_for("[data-action='merge']").await?.click().await?;
        let merged = browser.wait_for("[data-merge-result]").await?;
        let outcome = merged.attr("data-merge-result").await?.unwrap_or_default();
        ensure(outcome == "fast_forward", format!("merge result: {outcome}"))?;
        let main = git(&repository, &["rev-parse", "main"])?.trim().to_owned();
        ensure(main == commit, format!("main is at {main} after the merge, not {commit}"))?;

        // The merged value is what the Composer shows, with nothing pending.
        browser.client.goto(&format!("{}/hosts/p620", studio.url)).await?;
        wait_checked(&browser, JAVA, "true").await?;
        browser.wait_for("[data-pane='diff'] [data-diff='empty']").await?;
        let badges = browser
            .client
            .find_all(Locator::Css(&format!("{} [data-badge='changed']", option_row(JAVA))))
            .await?;
        ensure(badges.is_empty(), "after the merge java is committed, not pending")?;
        let source =
            browser.wait_for(&format!("{} [data-source]", option_row(JAVA))).await?.text().await?;
        ensure(source.starts_with(HOST_FILE), format!("java is set at {source}"))?;
        let toggles_on_after = fleet_toggles_on(&browser, &studio.url).await?;
        ensure(
            toggles_on_after == toggles_on_before + 1,
            format!("the fleet page counts {toggles_on_after} toggles on for p620, was {toggles_on_before}"),
        )
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn composer_enabling_an_unimported_toggle_adds_the_import() {
    let studio = Studio::start().await;
    let browser = Browser::start("composer_unimported", 1280, 900).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/hosts/p620", studio.url)).await?;
        let note = browser
            .wait_for(&format!("{} [data-note='not-imported']", option_row(JELLYFIN)))
            .await?
            .text()
            .await?;
        ensure(note.contains("modules/media/jellyfin.nix"), format!("not-imported note: {note}"))?;
        ensure(checked(&browser, JELLYFIN).await?.as_deref() == Some("false"), "jellyfin is off")?;

        browser.wait_for(&control(JELLYFIN)).await?.click().await?;
        wait_checked(&browser, JELLYFIN, "true").await?;
        let (added, removed) = wait_for_diff(&browser).await?;
        ensure(removed.is_empty(), format!("nothing is removed: {removed:?}"))?;
        ensure(
            added.iter().any(|line| line.trim() == "+    ../../modules/media/jellyfin.nix"),
            format!("the import is added: {added:?}"),
        )?;
        ensure(
            added.iter().any(|line| line.trim() == "+    jellyfin.enable = true;"),
            format!("the toggle is set: {added:?}"),
        )?;
        ensure(added.len() == 2, format!("exactly two lines are added: {added:?}"))?;
        let headers = texts(&browser, "[data-pane='diff'] [data-line='context']").await?;
        ensure(
            headers.iter().any(|line| line.contains(&format!("+++ b/{HOST_FILE}"))),
            "both edits are in p620's entry file",
        )?;
        let notes = browser.wait_for("[data-notes]").await?.text().await?;
        ensure(
            notes.contains("imports modules/media/jellyfin.nix into hosts/p620/configuration.nix"),
            format!("the pane says what else changed: {notes}"),
        )?;
        let imported = browser
            .client
            .find_all(Locator::Css(&format!("{} [data-note='not-imported']", option_row(JELLYFIN))))
            .await?;
        ensure(imported.is_empty(), "with the pending import the module counts as imported")?;

        // A reload keeps both pending lines.
        browser.client.refresh().await?;
        wait_checked(&browser, JELLYFIN, "true").await?;
        let (reloaded, _) = wait_for_diff(&browser).await?;
        ensure(reloaded == added, format!("after a reload the diff adds {reloaded:?}"))
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn composer_commit_conflict_keeps_the_pending_edits() {
    let studio = Studio::start().await;
    let browser = Browser::start("composer_conflict", 1280, 900).await;
    let repository = studio.repository();
    let result: TestResult = async {
        browser.client.goto(&format!("{}/hosts/p620", studio.url)).await?;
        browser.wait_for(&control(JAVA)).await?.click().await?;
        wait_checked(&browser, JAVA, "true").await?;
        wait_for_diff(&browser).await?;

        // Someone commits to the same file on the served branch, behind the studio's back.
        let path = repository.join(HOST_FILE);
        let mut text = std::fs::read_to_string(&path)?;
        text.push_str("# edited by hand while the studio had pending edits\n");
        std::fs::write(&path, text)?;
        git(&repository, &["commit", "-q", "-am", "p620: a comment, by hand"])?;

        browser.wait_for("[data-action='pane-commit']").await?.click().await?;
        browser.wait_for("[role='dialog'] button[type='submit']").await?.click().await?;
        let refusal = browser.wait_for("[data-commit-error='conflict']").await?.text().await?;
        ensure(refusal.contains("Conflict"), format!("the dialog explains: {refusal}"))?;
        let branches = git(&repository, &["branch", "--list", "nixstudio/*"])?;
        ensure(branches.trim().is_empty(), format!("no change branch was made: {branches}"))?;

        click_button(&browser, "Cancel").await?;
        let pending = browser.wait_for("[data-pending]").await?.attr("data-pending").await?;
        ensure(pending.as_deref() == Some("1"), format!("pending files: {pending:?}"))?;
        let (added, _) = wait_for_diff(&browser).await?;
        ensure(added.iter().any(|line| line.contains("java = true;")), "the diff is still there")?;

        browser.client.refresh().await?;
        wait_checked(&browser, JAVA, "true").await?;
        let pending = browser.wait_for("[data-pending]").await?.attr("data-pending").await?;
        ensure(pending.as_deref() == Some("1"), format!("pending after reload: {pending:?}"))?;
        let (added, removed) = wait_for_diff(&browser).await?;
        ensure(
            added.len() == 1 && removed.len() == 1 && added[0].contains("java = true;"),
            format!("the reloaded diff: +{added:?} -{removed:?}"),
        )
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn composer_fits_a_phone_and_searches() {
    let studio = Studio::start().await;
    let browser = Browser::start("composer_phone", 390, 844).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/hosts/p620", studio.url)).await?;
        browser.wait_for(&control(JAVA)).await?;
        let width = page_width(&browser).await?;
        ensure(width <= 390.0, format!("the Composer scrolls sideways at 390 px: {width} px"))?;
        browser.keep_screenshot("composer-390").await?;

        let search = browser.wait_for("input[data-search]").await?;
        search.send_keys("java").await?;
        eventually("the search to leave only java", || async {
            let rows = browser.client.find_all(Locator::Css("li[data-option]")).await?;
            let mut paths = Vec::new();
            for row in rows {
                paths.push(row.attr("data-option").await?.unwrap_or_default());
            }
            Ok((paths == [JAVA]).then_some(()))
        })
        .await?;
        let url = browser.client.current_url().await?;
        ensure(url.query() == Some("q=java"), format!("the search is not in the URL: {url}"))?;

        browser.wait_for(&control(JAVA)).await?.click().await?;
        wait_checked(&browser, JAVA, "true").await?;
        browser.wait_for("[data-action='toggle-pane']").await?.click().await?;
        let (added, removed) = wait_for_diff(&browser).await?;
        ensure(added.len() == 1 && removed.len() == 1, "the sheet shows the one-line diff")?;
        let width = page_width(&browser).await?;
        ensure(width <= 390.0, format!("with the sheet open the page is {width} px wide"))?;
        browser.keep_screenshot("composer-390-pane").await?;

        browser.client.execute("localStorage.setItem('nixstudio.theme', 'dark')", vec![]).await?;
        browser.client.refresh().await?;
        browser.wait_for("html.dark").await?;
        wait_checked(&browser, JAVA, "true").await?;
        browser.keep_screenshot("composer-390-dark").await
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn composer_desktop_layout_shows_the_side_pane() {
    let studio = Studio::start().await;
    let browser = Browser::start("composer_desktop", 1280, 900).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/hosts/p620", studio.url)).await?;
        browser.wait_for(&control(JAVA)).await?.click().await?;
        wait_for_diff(&browser).await?;
        let pane_left = browser
            .client
            .execute(
                "return document.querySelector(\"[data-pane='changes']\").getBoundingClientRect().left",
                vec![],
            )
            .await?
            .as_f64()
            .unwrap_or(0.0);
        ensure(pane_left > 640.0, format!("the pane is a right column (left edge {pane_left} px)"))?;
        let width = page_width(&browser).await?;
        ensure(width <= 1280.0, format!("the Composer scrolls sideways at 1280 px: {width} px"))?;
        browser.client.execute("window.scrollTo(0, 0)", vec![]).await?;
        browser.keep_screenshot("composer-1280").await
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn composer_badges_say_how_values_are_set() {
    let studio = Studio::start().await;
    let browser = Browser::start("composer_badges", 1280, 900).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/hosts/p510", studio.url)).await?;
        for (path, tone, text) in [
            ("features.tailscale.exitNode", "force", "mkForce"),
            ("features.security.auditd", "neutral", "mkDefault"),
            ("features.security.fail2ban", "neutral", "mkOverride 900"),
            ("modules.hardware.intel.enable", "warn", "expression"),
        ] {
            let badge = browser
                .wait_for(&format!("{} [data-badge='{tone}']", option_row(path)))
                .await?
                .text()
                .await?;
            ensure(badge == text, format!("{path} has the badge {badge:?}, not {text:?}"))?;
        }
        let expression = "modules.hardware.intel.enable";
        let disabled = browser.wait_for(&control(expression)).await?.attr("disabled").await?;
        ensure(disabled.is_some(), "an expression-valued toggle is read-only")?;
        let state = checked(&browser, expression).await?;
        ensure(state.as_deref() == Some("mixed"), format!("computed, not on or off: {state:?}"))?;
        let source = browser.wait_for(&format!("{} a[data-source]", option_row(expression))).await?;
        let href = source.attr("href").await?.unwrap_or_default();
        ensure(
            href == "/files/hosts/p510/configuration.nix?line=111",
            format!("the expression links to its source line: {href}"),
        )?;
        browser.client.execute(
            "document.querySelector(\"[data-option='modules.hardware.intel.enable']\").scrollIntoView({block: 'center'})",
            vec![],
        ).await?;
        browser.keep_screenshot("composer-p510-badges").await?;

        browser.client.goto(&format!("{}/hosts/dex5550", studio.url)).await?;
        let badge = browser
            .wait_for(&format!("{} [data-badge='template']", option_row("features.tailscale.enable")))
            .await?
            .text()
            .await?;
        ensure(badge == "template", format!("dex5550's template value is badged {badge:?}"))
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn composer_switches_work_from_the_keyboard() {
    let studio = Studio::start().await;
    let browser = Browser::start("composer_keyboard", 1280, 900).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/hosts/p620", studio.url)).await?;
        let gemini = "features.ai.gemini";
        ensure(checked(&browser, gemini).await?.as_deref() == Some("false"), "gemini starts off")?;
        let switch = browser.wait_for(&control(gemini)).await?;
        switch.send_keys(" ").await?;
        wait_checked(&browser, gemini, "true").await?;
        let (added, _) = wait_for_diff(&browser).await?;
        ensure(
            added.iter().any(|line| line.contains("gemini = true;")),
            format!("diff: {added:?}"),
        )?;
        let focused = browser
            .client
            .execute(
                "return document.activeElement.closest('[data-option]')?.dataset.option ?? null",
                vec![],
            )
            .await?;
        ensure(
            focused.as_str() == Some(gemini),
            format!("focus stays on the switch after the flip, not on {focused}"),
        )?;
        let undo = format!("{}z{}", char::from(Key::Control), char::from(Key::Null));
        browser.wait_for(&control(gemini)).await?.send_keys(&undo).await?;
        wait_checked(&browser, gemini, "false").await?;
        browser.wait_for("[data-pane='diff'] [data-diff='empty']").await?;
        Ok(())
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn composer_pickers_switch_profile_and_template() {
    let studio = Studio::start().await;
    let browser = Browser::start("composer_pickers", 1280, 900).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/hosts/p620", studio.url)).await?;
        let profile = browser.wait_for("#profile-picker").await?;
        ensure(profile.prop("value").await?.as_deref() == Some("amd"), "p620 starts on amd")?;
        profile.select_by_value("intel").await?;
        let (added, removed) = wait_for_diff(&browser).await?;
        ensure(
            added.iter().any(|line| line.contains("intel")) && !removed.is_empty(),
            format!("switching to intel edits p620: +{added:?} -{removed:?}"),
        )?;
        eventually("the picker to show intel", || async {
            let value = browser.wait_for("#profile-picker").await?.prop("value").await?;
            Ok((value.as_deref() == Some("intel")).then_some(()))
        })
        .await?;
        let hint = browser.wait_for("#profile-picker-hint").await?.text().await?;
        ensure(hint.contains("intel"), format!("the hint names the intel files: {hint}"))?;
        click_button(&browser, "Undo").await?;
        browser.wait_for("[data-pane='diff'] [data-diff='empty']").await?;
        eventually("the picker to go back to amd", || async {
            let value = browser.wait_for("#profile-picker").await?.prop("value").await?;
            Ok((value.as_deref() == Some("amd")).then_some(()))
        })
        .await?;

        browser.client.goto(&format!("{}/hosts/samsung", studio.url)).await?;
        let template = browser.wait_for("#template-picker").await?;
        ensure(template.prop("value").await?.as_deref() == Some("laptop"), "samsung is a laptop")?;
        template.select_by_value("server").await?;
        let (added, _) = wait_for_diff(&browser).await?;
        ensure(added.iter().any(|line| line.contains("server")), format!("diff: {added:?}"))?;
        let headers = texts(&browser, "[data-pane='diff'] [data-line='context']").await?;
        ensure(
            headers.iter().any(|line| line.contains("+++ b/hosts/samsung/configuration.nix")),
            format!("the template switch edits samsung's entry: {headers:?}"),
        )?;
        browser.wait_for("[data-action='pane-commit']").await?.click().await?;
        let suggested = browser
            .wait_for("[role='dialog'] input[name='title']")
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        ensure(
            suggested == "samsung: template → server",
            format!("suggested commit title: {suggested}"),
        )
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn composer_for_an_unknown_host_says_so() {
    let studio = Studio::start().await;
    let browser = Browser::start("composer_unknown_host", 1024, 768).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/hosts/oldnas", studio.url)).await?;
        let message = browser.wait_for("main p.border-dashed").await?.text().await?;
        ensure(
            message.contains("no host named “oldnas”"),
            format!("the empty state names the host: {message}"),
        )?;
        let rows = browser.client.find_all(Locator::Css("li[data-option]")).await?;
        ensure(rows.is_empty(), "no toggles are shown for a host that does not exist")?;
        browser.client.find(Locator::LinkText("Back to the fleet")).await?.click().await?;
        browser.wait_for("li[data-host='p620']").await?;
        Ok(())
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}
