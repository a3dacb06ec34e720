//! The File editor and the Lint page: live lint while typing, quick fixes, "Fix all safe"
//! per rule into pending edits, and the editor's layout at phone and desktop widths.

use std::error::Error;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::json;

use crate::harness::{Browser, PATIENCE, Studio, TestResult, click, ensure, git};

/// A small demo module whose attribute set starts right after `in\n{\n`.
const SSH_MODULE: &str = "modules/security/ssh.nix";

/// Waits until no element matches `css`.
async fn wait_gone(browser: &Browser, css: &str) -> TestResult {
    let started = Instant::now();
    while !browser.client.find_all(Locator::Css(css)).await?.is_empty() {
        if started.elapsed() > PATIENCE {
            return Err(format!("{css} is still on the page after {PATIENCE:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

async fn editor_text(browser: &Browser) -> Result<String, Box<dyn Error>> {
    let text = browser
        .client
        .execute("return document.querySelector('textarea[data-editor]').value", vec![])
        .await?;
    Ok(text.as_str().unwrap_or_default().to_owned())
}

async fn page_width(browser: &Browser) -> Result<f64, Box<dyn Error>> {
    let width =
        browser.client.execute("return document.documentElement.scrollWidth", vec![]).await?;
    Ok(width.as_f64().unwrap_or(f64::MAX))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_an_anti_pattern_shows_its_finding_and_the_quick_fix_removes_it() {
    let studio = Studio::start().await;
    let browser = Browser::start("editor_quick_fix", 1280, 900).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/files/{SSH_MODULE}", studio.url)).await?;
        let textarea = browser.wait_for("textarea[data-editor]").await?;
        browser.wait_for("[data-diagnostics]").await?;
        ensure(
            browser
                .client
                .find_all(Locator::Css("[data-diagnostic='bool_comparison']"))
                .await?
                .is_empty(),
            "the demo module already has a bool_comparison finding",
        )?;

        // Put the caret at the start of the module's attribute set, then type there.
        browser
            .client
            .execute(
                "const area = arguments[0]; const at = area.value.indexOf('\\nin\\n{\\n') + 6; \
                 area.focus(); area.setSelectionRange(at, at);",
                vec![json!(textarea)],
            )
            .await?;
        textarea.send_keys("  x = if a == true then 1 else 2;\n").await?;
        let finding = browser.wait_for("li[data-diagnostic='bool_comparison']").await?;
        let typed = editor_text(&browser).await?;
        ensure(
            typed.contains("in\n{\n  x = if a == true then 1 else 2;\n  options"),
            format!("the typed line is not where it was typed:\n{typed}"),
        )?;
        browser.wait_for("[data-pending]").await?;
        let underline = browser.client.find_all(Locator::Css("pre .mw")).await?;
        ensure(!underline.is_empty(), "the finding is not underlined in the code")?;

        finding.find(Locator::Css("button[data-action='fix']")).await?.click().await?;
        wait_gone(&browser, "li[data-diagnostic='bool_comparison']").await?;
        let fixed = editor_text(&browser).await?;
        ensure(
            fixed.contains("  x = if a then 1 else 2;\n") && !fixed.contains("== true"),
            format!("the fix did not rewrite the comparison:\n{fixed}"),
        )?;
        let pre = browser.wait_for("pre[aria-hidden]").await?.text().await?;
        ensure(pre.contains("x = if a then 1 else 2;"), "the highlighted code shows the old text")?;
        browser.keep_screenshot("fixed").await?;

        browser.wait_for("button[data-action='save-change']").await?.click().await?;
        let dialog = browser.wait_for("[role='dialog']").await?.html(true).await?;
        ensure(dialog.contains(SSH_MODULE), format!("the commit dialog holds: {dialog}"))
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lint_page_groups_findings_by_rule_and_fixes_a_rule_everywhere() {
    let studio = Studio::start().await;
    let browser = Browser::start("lint_page", 1280, 900).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/lint", studio.url)).await?;
        browser.wait_for("[data-sweep='complete']").await?;
        for rule in ["bool_comparison", "empty_pattern", "eval_time_secret", "repeated_keys"] {
            browser.wait_for(&format!("section[data-group='{rule}']")).await?;
        }
        let first = browser.wait_for("section[data-group]").await?.attr("data-group").await?;
        ensure(
            first.as_deref() == Some("eval_time_secret")
                || first.as_deref() == Some("inline_secret"),
            format!("errors do not come first: the first group is {first:?}"),
        )?;
        click(&browser, "section[data-group='bool_comparison'] details summary").await?;
        let explanation = browser.wait_for("[data-explanation='bool_comparison']").await?;
        let started = Instant::now();
        while !explanation.text().await?.to_lowercase().contains("fix safety") {
            ensure(started.elapsed() < PATIENCE, "the rule's explanation never arrived")?;
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let link =
            browser.wait_for("section[data-group='bool_comparison'] li[data-finding] a").await?;
        let href = link.attr("href").await?.unwrap_or_default();
        ensure(
            href.starts_with("/files/") && href.contains("?line="),
            format!("a finding links to {href}"),
        )?;
        ensure(
            browser.client.find_all(Locator::Css("[data-pending]")).await?.is_empty(),
            "there are pending edits before fixing anything",
        )?;

        click(&browser, "section[data-group='empty_pattern'] button[data-action='fix-rule']")
            .await?;
        let pending = browser.wait_for("[data-pending]").await?;
        let files: usize = pending.attr("data-pending").await?.unwrap_or_default().parse()?;
        ensure(files >= 2, format!("fixing empty_pattern changed {files} file(s)"))?;
        let toast = browser.wait_for("[data-toast='success']").await?.text().await?;
        ensure(
            toast.contains(&format!("in {files} files")) && toast.contains("review and commit"),
            format!("toast: {toast}"),
        )?;
        wait_gone(&browser, "section[data-group='empty_pattern']").await?;
        browser.wait_for("section[data-group='bool_comparison']").await?;

        click(&browser, "button[data-by='file']").await?;
        browser.wait_for("section[data-group='flake.nix']").await?;
        let url = browser.client.current_url().await?;
        ensure(url.query() == Some("by=file"), format!("grouping is not in the URL: {url}"))?;
        browser.keep_screenshot("by-file").await
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn file_page_fits_a_phone_and_a_desktop() {
    let studio = Studio::start().await;
    for (width, height) in [(390, 844), (1280, 900)] {
        let browser = Browser::start(&format!("file_page_{width}"), width, height).await;
        let result: TestResult = async {
            let url = format!("{}/files/hosts/p620/configuration.nix?line=120", studio.url);
            browser.client.goto(&url).await?;
            browser.wait_for("textarea[data-editor]").await?;
            browser.wait_for("[data-focus-line='120']").await?;
            browser.wait_for("[data-diagnostic='monolithic_file']").await?;
            let scrolled: f64 = browser
                .client
                .execute("return document.querySelector('[data-editor-scroll]').scrollTop", vec![])
                .await?
                .as_f64()
                .unwrap_or(0.0);
            ensure(scrolled > 0.0, "the editor did not scroll to line 120")?;
            let page = page_width(&browser).await?;
            ensure(
                page <= f64::from(width),
                format!("the page scrolls sideways at {width} px: {page} px wide"),
            )?;
            browser.keep_screenshot("file").await?;
            // System → Light → Dark: the same page in the dark theme, for a person to judge.
            for _ in 0..2 {
                browser.wait_for("button[title='Switch colour theme']").await?.click().await?;
            }
            browser.wait_for("html.dark").await?;
            browser.keep_screenshot("file-dark").await?;
            browser.client.goto(&format!("{}/lint", studio.url)).await?;
            browser.wait_for("[data-sweep='complete']").await?;
            let page = page_width(&browser).await?;
            ensure(
                page <= f64::from(width),
                format!("the lint page scrolls sideways at {width} px: {page} px wide"),
            )?;
            browser.keep_screenshot("lint").await
        }
        .await;
        browser.finish(result).await;
    }
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_files_list_nearby_ones_and_secrets_are_never_shown() {
    let studio = Studio::start().await;
    let browser = Browser::start("editor_missing", 1024, 768).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/files/hosts/p620/nope.nix", studio.url)).await?;
        let missing = browser.wait_for("[data-file-state='missing']").await?.text().await?;
        ensure(
            missing.contains("hosts/p620/configuration.nix"),
            format!("the not-found state does not list the host's files: {missing}"),
        )?;
        browser.client.goto(&format!("{}/files/secrets/grafana-admin.age", studio.url)).await?;
        let secret = browser.wait_for("[data-file-state='secret']").await?.text().await?;
        ensure(secret.contains("never sent"), format!("the secret state says: {secret}"))?;
        ensure(
            browser.client.find_all(Locator::Css("textarea[data-editor]")).await?.is_empty(),
            "a secret got an editor",
        )?;
        browser.client.goto(&format!("{}/files?q=p620", studio.url)).await?;
        browser.wait_for("li[data-file-row='hosts/p620/configuration.nix']").await?;
        let rows = browser.client.find_all(Locator::Css("li[data-file-row]")).await?;
        for row in rows {
            let path = row.attr("data-file-row").await?.unwrap_or_default();
            ensure(path.contains("p620"), format!("?q=p620 lists {path}"))?;
        }
        Ok(())
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_with_spaces_and_hashes_in_their_paths_open_from_their_links() {
    let studio = Studio::start().await;
    let path = "hosts/p620/extra notes #1.nix";
    let content = "{ ... }:\n{\n  networking.firewall.allowedTCPPorts = [ 8080 ];\n}\n";
    let repository = studio.repository();
    std::fs::write(repository.join(path), content).expect("the file is written");
    git(&repository, &["add", "-A"]).expect("git add");
    git(&repository, &["commit", "-qm", "a file with an awkward name"]).expect("git commit");
    let browser = Browser::start("editor_awkward_path", 1280, 900).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/files?q=notes", studio.url)).await?;
        let row = browser.wait_for(&format!("li[data-file-row='{path}']")).await?;
        row.find(Locator::Css("a")).await?.click().await?;
        browser.wait_for(&format!("section[data-file='{path}']")).await?;
        browser.wait_for("textarea[data-editor]").await?;
        let url = browser.client.current_url().await?;
        ensure(
            url.path().ends_with("/extra%20notes%20%231.nix"),
            format!("the link is not percent-encoded: {url}"),
        )?;
        let text = editor_text(&browser).await?;
        ensure(text == content, format!("the editor shows {text:?}, not the file"))?;
        browser.client.refresh().await?;
        browser.wait_for(&format!("section[data-file='{path}']")).await?;
        Ok(())
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}
