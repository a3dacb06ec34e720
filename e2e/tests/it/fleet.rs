//! The Fleet page shows the demo fleet's hosts, at desktop and phone widths.

use fantoccini::Locator;

use crate::harness::{Browser, Studio, TestResult, ensure};

const DEMO_HOSTS: [&str; 6] = ["dex5550", "hp", "p510", "p620", "razer", "samsung"];

async fn shown_hosts(browser: &Browser) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    browser.wait_for("li[data-host]").await?;
    let mut names = Vec::new();
    for card in browser.client.find_all(Locator::Css("li[data-host]")).await? {
        names.push(card.attr("data-host").await?.unwrap_or_default());
    }
    names.sort();
    Ok(names)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fleet_page_shows_the_six_demo_hosts() {
    let studio = Studio::start().await;
    let browser = Browser::start("fleet_desktop", 1280, 900).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/", studio.url)).await?;
        let hosts = shown_hosts(&browser).await?;
        ensure(hosts == DEMO_HOSTS, format!("the fleet page shows {hosts:?}"))?;
        let p620 = browser.wait_for("li[data-host='p620']").await?;
        let p620_text = p620.text().await?;
        ensure(
            p620_text.contains("hosts/p620/configuration.nix"),
            format!("p620 card: {p620_text}"),
        )?;
        let hp = browser.wait_for("li[data-host='hp']").await?;
        let hp_text = hp.text().await?;
        ensure(hp_text.contains("hosts/hp/default.nix"), format!("hp card: {hp_text}"))?;
        browser.keep_screenshot("fleet").await
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fleet_filter_lives_in_the_url_and_works_at_phone_width() {
    let studio = Studio::start().await;
    let browser = Browser::start("fleet_phone", 390, 844).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/?q=p6", studio.url)).await?;
        browser.wait_for("li[data-host='p620']").await?;
        let hosts = shown_hosts(&browser).await?;
        ensure(hosts == ["p620"], format!("?q=p6 shows {hosts:?}"))?;
        let width: f64 = browser
            .client
            .execute("return document.documentElement.scrollWidth", vec![])
            .await?
            .as_f64()
            .unwrap_or(f64::MAX);
        ensure(width <= 390.0, format!("the page scrolls sideways at 390 px: {width} px wide"))?;
        browser.keep_screenshot("fleet-390").await?;

        let filter = browser.wait_for("input[type=search]").await?;
        filter.clear().await?;
        filter.send_keys("zzz").await?;
        let empty = browser.wait_for("main p.border-dashed").await?;
        let empty_text = empty.text().await?;
        ensure(empty_text.contains("No host matches"), format!("empty state: {empty_text}"))?;
        let url = browser.client.current_url().await?;
        ensure(url.query() == Some("q=zzz"), format!("the filter is not in the URL: {url}"))?;
        Ok(())
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_client_routes_render_the_app_not_a_server_error() {
    let studio = Studio::start().await;
    let browser = Browser::start("not_found", 1024, 768).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/no/such/page", studio.url)).await?;
        let heading = browser.wait_for("main h1").await?;
        let heading_text = heading.text().await?;
        ensure(heading_text == "Page not found", format!("heading: {heading_text}"))?;
        browser.client.find(Locator::LinkText("Back to the fleet")).await?.click().await?;
        let hosts = shown_hosts(&browser).await?;
        ensure(hosts == DEMO_HOSTS, format!("after navigating back: {hosts:?}"))
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}
