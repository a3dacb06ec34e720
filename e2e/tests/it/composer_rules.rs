//! The Composer's rules between toggles, on a small fleet each test writes and commits
//! itself (the demo fleet has no dependencies, conflicts or optional modules): a toggle
//! that requires another turns both on, and commits as exactly those lines; what a toggle
//! requires cannot be turned off while it is on, and one a hand edit turned off is said on
//! the toggle that needs it; a toggle that conflicts with one that is on is refused next
//! to its switch and changes nothing; an optional module is one import line, and turning
//! it off again leaves nothing pending; a NixOS option one host sets is a toggle on the
//! others, whose switch shows an unknown default (as for a default computed by an
//! expression) and commits as one added line.

use std::error::Error;
use std::ffi::OsStr;
use std::path::Path;

use fantoccini::Locator;

use crate::harness::{
    Browser, Studio, TestResult, center, changed_lines, click, commit_from_pane, ensure,
    eventually, git, texts,
};

type Failure = Box<dyn Error>;

/// The workstation: runner and podman off in its own file, docker not set at all.
const DESK: &str = "hosts/desk/configuration.nix";
/// Requires [`DOCKER`] through an assertion in its module (inside `mkIf cfg.enable`).
const RUNNER: &str = "features.gitlabRunner.enable";
const DOCKER: &str = "features.docker.enable";
/// On in builder's file; requires [`TAILSCALE`] through an implication assertion.
const CACHE: &str = "features.binaryCache.enable";
/// A bool option whose default is `true`; no host sets it.
const TAILSCALE: &str = "features.tailscale.enable";
/// Conflicts with [`DOCKER`], declared in `nixstudio.toml`.
const PODMAN: &str = "features.podman.enable";
const RUNNER_NEEDS_DOCKER: &str =
    "the GitLab runner's Docker executor needs features.docker.enable";
const PODMAN_CLASHES: &str =
    "Podman's Docker-compatible socket takes /run/docker.sock, which Docker needs.";

/// The fleet, file by file (each text starts after its leading newline): two hosts from
/// `flake.nix`; five feature modules, two of them asserting what they need (one in each
/// shape the fleet model reads) and one declaring a bool that defaults to on; a conflict
/// in `nixstudio.toml`; and two optional modules, of which `desk` imports one.
const FLEET: &[(&str, &str)] = &[
    (
        "flake.nix",
        r#"
{
  description = "Home fleet: a workstation and a CI builder";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.05";

  outputs =
    { nixpkgs, ... }:
    {
      nixosConfigurations = {
        desk = nixpkgs.lib.nixosSystem {
          system = "x86_64-linux";
          modules = [ ./hosts/desk/configuration.nix ];
        };
        builder = nixpkgs.lib.nixosSystem {
          system = "x86_64-linux";
          modules = [ ./hosts/builder/configuration.nix ];
        };
      };
    };
}
"#,
    ),
    (
        "nixstudio.toml",
        r#"
# What nixstudio cannot read from the modules themselves.

[[fleet.dependencies]]
option = "features.podman.enable"
conflicts = ["features.docker.enable"]
message = "Podman's Docker-compatible socket takes /run/docker.sock, which Docker needs."
"#,
    ),
    (
        "hosts/desk/configuration.nix",
        r#"
# desk: the workstation under the stairs.
{ ... }:
{
  imports = [
    ./hardware-configuration.nix
    ../../modules
    ../common/optional/pipewire.nix # sound for the speakers
  ];

  networking.hostName = "desk";
  services.fstrim.enable = true;
  wsl.enable = false;

  features = {
    # CI jobs run on the builder; this machine only pushes.
    gitlabRunner.enable = false;
    podman.enable = false;
  };

  system.stateVersion = "25.05";
}
"#,
    ),
    (
        "hosts/desk/hardware-configuration.nix",
        r#"
{ ... }:
{
  boot.initrd.availableKernelModules = [ "nvme" "xhci_pci" "ahci" ];
  fileSystems."/" = {
    device = "/dev/disk/by-label/nixos";
    fsType = "ext4";
  };
}
"#,
    ),
    (
        "hosts/builder/configuration.nix",
        r#"
# builder: runs the CI jobs and keeps the images.
{ ... }:
{
  imports = [
    ./hardware-configuration.nix
    ../../modules
  ];

  networking.hostName = "builder";

  features.docker.enable = true;
  features.binaryCache.enable = true;

  system.stateVersion = "25.05";
}
"#,
    ),
    (
        "hosts/builder/hardware-configuration.nix",
        r#"
{ ... }:
{
  boot.initrd.availableKernelModules = [ "ahci" "usb_storage" "sd_mod" ];
  fileSystems."/" = {
    device = "/dev/disk/by-label/nixos";
    fsType = "xfs";
  };
}
"#,
    ),
    (
        "hosts/common/optional/pipewire.nix",
        r#"
{ ... }:
{
  security.rtkit.enable = true;
  services.pipewire = {
    enable = true;
    alsa.enable = true;
    pulse.enable = true;
  };
}
"#,
    ),
    (
        "hosts/common/optional/printing.nix",
        r#"
# The printer in the hall.
{ pkgs, ... }:
{
  services.printing = {
    enable = true;
    drivers = [ pkgs.brlaser ];
  };
}
"#,
    ),
    (
        "modules/default.nix",
        r#"
{
  imports = [
    ./containers/docker.nix
    ./containers/podman.nix
    ./networking/tailscale.nix
    ./services/binary-cache.nix
    ./services/gitlab-runner.nix
  ];
}
"#,
    ),
    (
        "modules/containers/docker.nix",
        r#"
{ config, lib, ... }:
let
  cfg = config.features.docker;
in
{
  options.features.docker.enable = lib.mkEnableOption "Docker, pruned weekly";
  options.features.docker.prune = lib.mkOption {
    type = lib.types.bool;
    default = config.features.docker.enable;
    description = "Prune images weekly; wherever Docker runs, unless a host says otherwise.";
  };

  config = lib.mkIf cfg.enable {
    virtualisation.docker = {
      enable = true;
      autoPrune.enable = cfg.prune;
    };
  };
}
"#,
    ),
    (
        "modules/containers/podman.nix",
        r#"
{ config, lib, ... }:
{
  options.features.podman.enable =
    lib.mkEnableOption "rootless Podman with a Docker-compatible socket";

  config = lib.mkIf config.features.podman.enable {
    virtualisation.podman = {
      enable = true;
      dockerCompat = true;
    };
  };
}
"#,
    ),
    (
        "modules/networking/tailscale.nix",
        r#"
{ config, lib, ... }:
{
  options.features.tailscale.enable = lib.mkOption {
    type = lib.types.bool;
    default = true;
    description = "Join the tailnet; every host does unless it says otherwise.";
  };

  config = lib.mkIf config.features.tailscale.enable {
    services.tailscale.enable = true;
  };
}
"#,
    ),
    (
        "modules/services/binary-cache.nix",
        r#"
{ config, lib, ... }:
let
  cfg = config.features.binaryCache;
in
{
  options.features.binaryCache.enable = lib.mkEnableOption "a Nix binary cache of the CI builds";

  config = lib.mkIf cfg.enable {
    assertions = [
      {
        assertion = cfg.enable -> config.features.tailscale.enable;
        message = "the cache is only served on the tailnet";
      }
    ];

    services.nix-serve = {
      enable = true;
      secretKeyFile = "/var/lib/nix-serve/cache-key.pem";
    };
  };
}
"#,
    ),
    (
        "modules/services/gitlab-runner.nix",
        r#"
{ config, lib, ... }:
let
  cfg = config.features.gitlabRunner;
in
{
  options.features.gitlabRunner.enable =
    lib.mkEnableOption "a GitLab CI runner with the Docker executor";

  config = lib.mkIf cfg.enable {
    assertions = [
      {
        assertion = config.features.docker.enable;
        message = "the GitLab runner's Docker executor needs features.docker.enable";
      }
    ];

    services.gitlab-runner = {
      enable = true;
      services.default = {
        executor = "docker";
        dockerImage = "alpine:3.20";
        authenticationTokenConfigFile = "/run/secrets/gitlab-runner";
      };
    };
  };
}
"#,
    ),
];

/// Writes [`FLEET`] into `root` and commits it on `main`.
fn write_fleet(root: &Path) -> TestResult {
    for (path, content) in FLEET {
        let target = root.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, content.strip_prefix('\n').unwrap_or(content))?;
    }
    git(root, &["init", "-q", "-b", "main"])?;
    git(root, &["add", "-A"])?;
    git(root, &["commit", "-qm", "A workstation, a CI builder and their features"])?;
    Ok(())
}

/// A fresh copy of [`FLEET`] in its own repository, and the studio serving it in place.
async fn serve_fleet() -> (tempfile::TempDir, Studio) {
    let repository = tempfile::tempdir().expect("a temporary repository folder");
    write_fleet(repository.path()).expect("the fixture fleet is written and committed");
    let studio = Studio::start_with(&[OsStr::new("--repo"), repository.path().as_os_str()]).await;
    (repository, studio)
}

fn option_row(path: &str) -> String {
    format!("li[data-option='{path}']")
}

fn control(path: &str) -> String {
    format!("li[data-option='{path}'] [data-toggle]")
}

fn module_control(name: &str) -> String {
    format!("li[data-module='{name}'] [data-toggle]")
}

/// The text of the first `selector` inside the row of `path`.
async fn row_text(browser: &Browser, path: &str, selector: &str) -> Result<String, Failure> {
    Ok(browser.wait_for(&format!("{} {selector}", option_row(path))).await?.text().await?)
}

/// Waits until the switch at `css` says `state` (`"true"` or `"false"`).
async fn wait_switch(browser: &Browser, css: &str, state: &str) -> TestResult {
    eventually(&format!("{css} to be aria-checked={state}"), || async {
        let current = browser.wait_for(css).await?.attr("aria-checked").await?;
        Ok((current.as_deref() == Some(state)).then_some(()))
    })
    .await
}

/// Waits until the row of `path` shows exactly `text` in its `selector`; rows re-render
/// after a flip, so what a test reads right after one may still be the old text.
async fn wait_row_text(browser: &Browser, path: &str, selector: &str, text: &str) -> TestResult {
    eventually(&format!("{path}'s {selector} to read {text:?}"), || async {
        Ok((row_text(browser, path, selector).await? == text).then_some(()))
    })
    .await
}

/// The added and removed lines the diff pane shows, without their line ends.
async fn pane_diff(browser: &Browser) -> Result<(Vec<String>, Vec<String>), Failure> {
    let trimmed = |lines: Vec<String>| -> Vec<String> {
        lines.into_iter().map(|line| line.trim_end().to_owned()).collect()
    };
    let added = texts(browser, "[data-pane='diff'] [data-line='added']").await?;
    let removed = texts(browser, "[data-pane='diff'] [data-line='removed']").await?;
    Ok((trimmed(added), trimmed(removed)))
}

/// The `+++ b/…` files the diff pane shows.
async fn pane_files(browser: &Browser) -> Result<Vec<String>, Failure> {
    let lines = texts(browser, "[data-pane='diff'] [data-line='context']").await?;
    Ok(lines
        .iter()
        .filter_map(|line| line.trim_end().strip_prefix("+++ b/").map(ToOwned::to_owned))
        .collect())
}

/// Waits until the diff pane shows some change, and returns its added and removed lines.
async fn wait_for_diff(browser: &Browser) -> Result<(Vec<String>, Vec<String>), Failure> {
    browser.wait_for("[data-pane='diff'] [data-diff='unified']").await?;
    pane_diff(browser).await
}

/// Waits until nothing is pending: an empty diff pane and no pending bar.
async fn wait_nothing_pending(browser: &Browser) -> TestResult {
    browser.wait_for("[data-pane='diff'] [data-diff='empty']").await?;
    eventually("the pending bar to go away", || async {
        let bars = browser.client.find_all(Locator::Css("[data-pending]")).await?;
        Ok(bars.is_empty().then_some(()))
    })
    .await
}

/// How many files the pending bar counts.
async fn pending_files(browser: &Browser) -> Result<String, Failure> {
    Ok(browser.wait_for("[data-pending]").await?.attr("data-pending").await?.unwrap_or_default())
}

/// The number of toggles on that the Fleet page's card of `host` shows.
async fn card_toggles_on(browser: &Browser, host: &str) -> Result<usize, Failure> {
    let field = format!("li[data-host='{host}'] [data-field='toggles-on']");
    Ok(browser.wait_for(&field).await?.text().await?.trim().parse()?)
}

/// Waits for the Fleet page's card of `host` to count `expected` toggles on.
async fn wait_card_toggles_on(browser: &Browser, host: &str, expected: usize) -> TestResult {
    eventually(&format!("{host}'s card to count {expected} toggles on"), || async {
        Ok((card_toggles_on(browser, host).await? == expected).then_some(()))
    })
    .await
}

/// What turning the runner on changes in desk's file: its own value, and docker inserted
/// beside the other features because the runner requires it.
const RUNNER_ADDED: [&str; 2] = ["+    gitlabRunner.enable = true;", "+    docker.enable = true;"];
const RUNNER_REMOVED: [&str; 1] = ["-    gitlabRunner.enable = false;"];

/// Turns the runner on in desk's Composer and checks that docker came with it.
async fn turn_runner_on(browser: &Browser) -> TestResult {
    click(browser, &control(RUNNER)).await?;
    wait_switch(browser, &control(RUNNER), "true").await?;
    wait_switch(browser, &control(DOCKER), "true").await?;
    let (added, removed) = wait_for_diff(browser).await?;
    ensure(
        added == RUNNER_ADDED && removed == RUNNER_REMOVED,
        format!("the runner and docker lines change: +{added:?} -{removed:?}"),
    )?;
    let files = pane_files(browser).await?;
    ensure(files == [DESK], format!("only desk's file changes: {files:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_toggle_that_requires_another_turns_both_on() {
    let (_repository, studio) = serve_fleet().await;
    let browser = Browser::start("rules_requires", 1280, 900).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/", studio.url)).await?;
        let desk_before = card_toggles_on(&browser, "desk").await?;
        let builder_before = card_toggles_on(&browser, "builder").await?;

        browser.client.goto(&format!("{}/hosts/desk", studio.url)).await?;
        wait_switch(&browser, &control(RUNNER), "false").await?;
        wait_switch(&browser, &control(DOCKER), "false").await?;
        let requires = row_text(&browser, RUNNER, "[data-note='requires']").await?;
        ensure(
            requires == format!("Turning it on also turns on {DOCKER}."),
            format!("the runner explains what it needs: {requires:?}"),
        )?;
        let reason = browser
            .wait_for(&format!("{} [data-note='requires']", option_row(RUNNER)))
            .await?
            .attr("title")
            .await?;
        ensure(
            reason.as_deref() == Some(RUNNER_NEEDS_DOCKER),
            format!("the note carries the assertion's message: {reason:?}"),
        )?;
        browser.wait_for("[data-pane='diff'] [data-diff='empty']").await?;

        turn_runner_on(&browser).await?;
        let notes = browser.wait_for("[data-notes]").await?.text().await?;
        ensure(
            notes.contains(&format!("also sets {DOCKER} = true (required)")),
            format!("the pane says docker came along: {notes}"),
        )?;
        wait_row_text(
            &browser,
            RUNNER,
            "[data-note='requires']",
            &format!("Needs {DOCKER} (on here)."),
        )
        .await?;
        ensure(pending_files(&browser).await? == "1", "one file is pending")?;
        browser.keep_screenshot("desk-runner-on").await?;

        // The Fleet page, reached through the app's own navigation (no reload), counts both
        // toggles on for desk.
        let fleet_link = "//nav[@aria-label='Main']//a[normalize-space()='Fleet']";
        browser.client.find(Locator::XPath(fleet_link)).await?.click().await?;
        wait_card_toggles_on(&browser, "desk", desk_before + 2).await?;
        wait_card_toggles_on(&browser, "builder", builder_before).await?;
        let pending = browser
            .wait_for("li[data-host='desk'] [data-host-pending]")
            .await?
            .attr("data-host-pending")
            .await?;
        ensure(pending.as_deref() == Some("1"), format!("desk's card: {pending:?} pending"))?;

        click(&browser, "li[data-host='desk'] a").await?;
        wait_switch(&browser, &control(DOCKER), "true").await?;
        wait_switch(&browser, &control(RUNNER), "true").await?;
        let (added, removed) = wait_for_diff(&browser).await?;
        ensure(
            added == RUNNER_ADDED && removed == RUNNER_REMOVED,
            format!("back in the Composer the diff is unchanged: +{added:?} -{removed:?}"),
        )
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conflicting_toggle_is_refused_and_changes_nothing() {
    let (_repository, studio) = serve_fleet().await;
    let browser = Browser::start("rules_conflict", 1280, 900).await;
    let refusal =
        format!("`{PODMAN}` conflicts with `{DOCKER}`, which is enabled: {PODMAN_CLASHES}");
    let result: TestResult = async {
        // builder has docker on in the commit.
        browser.client.goto(&format!("{}/hosts/builder", studio.url)).await?;
        wait_switch(&browser, &control(DOCKER), "true").await?;
        let podman_note = row_text(&browser, PODMAN, "[data-note='conflicts']").await?;
        ensure(
            podman_note
                == format!(
                    "Conflicts with {DOCKER}, which is on here: turn that off first. {PODMAN_CLASHES}"
                ),
            format!("podman's row explains the conflict: {podman_note:?}"),
        )?;
        let docker_note = row_text(&browser, DOCKER, "[data-note='conflicts']").await?;
        ensure(
            docker_note == format!("Cannot be on together with {PODMAN} (off here). {PODMAN_CLASHES}"),
            format!("docker's row names the other side: {docker_note:?}"),
        )?;

        click(&browser, &control(PODMAN)).await?;
        let error = row_text(&browser, PODMAN, "[data-edit-error]").await?;
        ensure(error == refusal, format!("the refusal is shown next to podman: {error:?}"))?;
        wait_switch(&browser, &control(PODMAN), "false").await?;
        wait_nothing_pending(&browser).await?;
        browser.keep_screenshot("builder-refused").await?;

        // desk has docker off in the commit; turning the runner on turns it on, pending.
        browser.client.goto(&format!("{}/hosts/desk", studio.url)).await?;
        let podman_note = row_text(&browser, PODMAN, "[data-note='conflicts']").await?;
        ensure(
            podman_note
                == format!("Cannot be on together with {DOCKER} (off here). {PODMAN_CLASHES}"),
            format!("on desk docker is off: {podman_note:?}"),
        )?;
        turn_runner_on(&browser).await?;
        wait_row_text(
            &browser,
            PODMAN,
            "[data-note='conflicts']",
            &format!(
                "Conflicts with {DOCKER}, which is on here: turn that off first. {PODMAN_CLASHES}"
            ),
        )
        .await?;
        let errors = browser
            .client
            .find_all(Locator::Css(&format!("{} [data-edit-error]", option_row(PODMAN))))
            .await?;
        ensure(errors.is_empty(), "a fresh page shows no refusal yet")?;

        click(&browser, &control(PODMAN)).await?;
        let error = row_text(&browser, PODMAN, "[data-edit-error]").await?;
        ensure(error == refusal, format!("the pending docker counts as on: {error:?}"))?;
        wait_switch(&browser, &control(PODMAN), "false").await?;
        ensure(pending_files(&browser).await? == "1", "still one file pending")?;
        let (added, removed) = pane_diff(&browser).await?;
        ensure(
            added == RUNNER_ADDED && removed == RUNNER_REMOVED,
            format!("the refusal leaves the pending edits as they were: +{added:?} -{removed:?}"),
        )
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_optional_module_is_one_import_line() {
    let (_repository, studio) = serve_fleet().await;
    let browser = Browser::start("rules_optional_module", 1280, 900).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/hosts/desk", studio.url)).await?;
        let printing = browser.wait_for("#module-details-printing").await?.text().await?;
        ensure(
            printing == "not imported: turning it on imports hosts/common/optional/printing.nix",
            format!("printing's switch says it is not imported: {printing:?}"),
        )?;
        wait_switch(&browser, &module_control("printing"), "false").await?;
        let pipewire = browser.wait_for("#module-details-pipewire").await?.text().await?;
        ensure(
            pipewire == "imported: hosts/common/optional/pipewire.nix",
            format!("pipewire is imported: {pipewire:?}"),
        )?;
        wait_switch(&browser, &module_control("pipewire"), "true").await?;

        click(&browser, &module_control("printing")).await?;
        wait_switch(&browser, &module_control("printing"), "true").await?;
        let (added, removed) = wait_for_diff(&browser).await?;
        ensure(
            added == ["+    ../common/optional/printing.nix"] && removed.is_empty(),
            format!("exactly the import line is added: +{added:?} -{removed:?}"),
        )?;
        let files = pane_files(&browser).await?;
        ensure(files == [DESK], format!("the import goes into desk's entry: {files:?}"))?;
        eventually("printing's switch to say it is imported", || async {
            let text = browser.wait_for("#module-details-printing").await?.text().await?;
            Ok((text == "imported: hosts/common/optional/printing.nix").then_some(()))
        })
        .await?;

        click(&browser, &module_control("printing")).await?;
        wait_switch(&browser, &module_control("printing"), "false").await?;
        wait_nothing_pending(&browser).await?;

        // Turning off what the commit imports removes the line; its comment stays.
        click(&browser, &module_control("pipewire")).await?;
        wait_switch(&browser, &module_control("pipewire"), "false").await?;
        let (added, removed) = wait_for_diff(&browser).await?;
        ensure(
            removed == ["-    ../common/optional/pipewire.nix # sound for the speakers"]
                && added == ["+    # sound for the speakers"],
            format!("the import line goes, its comment stays: +{added:?} -{removed:?}"),
        )
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn committing_a_required_toggle_commits_both_lines() {
    let (repository, studio) = serve_fleet().await;
    let browser = Browser::start("rules_commit", 1280, 900).await;
    let result: TestResult = async {
        let base = git(repository.path(), &["rev-parse", "main"])?.trim().to_owned();
        browser.client.goto(&format!("{}/hosts/desk", studio.url)).await?;
        turn_runner_on(&browser).await?;

        let (branch, _) =
            commit_from_pane(&browser, repository.path(), &base, &format!("desk: {RUNNER} = true"))
                .await?;
        let names = git(repository.path(), &["diff", "--name-only", &base, &branch])?;
        ensure(names.trim() == DESK, format!("the commit changes {names}"))?;
        let diff = git(repository.path(), &["diff", &base, &branch])?;
        let (added, removed) = changed_lines(&diff);
        ensure(
            added == RUNNER_ADDED && removed == RUNNER_REMOVED,
            format!("git diff of the commit:\n{diff}"),
        )
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_a_toggle_needs_cannot_be_turned_off_and_a_hand_edit_that_does_is_flagged() {
    let (_repository, studio) = serve_fleet().await;
    let browser = Browser::start("rules_unmet", 1280, 900).await;
    let result: TestResult = async {
        // builder's binary cache needs tailscale, which builder leaves at its default: on.
        browser.client.goto(&format!("{}/hosts/builder", studio.url)).await?;
        wait_switch(&browser, &control(CACHE), "true").await?;
        wait_switch(&browser, &control(TAILSCALE), "true").await?;
        let note = row_text(&browser, CACHE, "[data-note='requires']").await?;
        ensure(
            note == format!("Needs {TAILSCALE} (on here)."),
            format!("a requirement met by its default is met: {note:?}"),
        )?;

        // On desk the runner brings docker; turning docker off again is refused next to
        // its switch, and the pending edits stay as they were.
        browser.client.goto(&format!("{}/hosts/desk", studio.url)).await?;
        turn_runner_on(&browser).await?;
        click(&browser, &control(DOCKER)).await?;
        wait_row_text(
            &browser,
            DOCKER,
            "[data-edit-error]",
            &format!(
                "`{DOCKER}` is required by `{RUNNER}`, which is enabled: turn that off first: {RUNNER_NEEDS_DOCKER}"
            ),
        )
        .await?;
        wait_switch(&browser, &control(DOCKER), "true").await?;
        let (added, removed) = pane_diff(&browser).await?;
        ensure(
            added == RUNNER_ADDED && removed == RUNNER_REMOVED,
            format!("the refusal leaves the runner's diff as it was: +{added:?} -{removed:?}"),
        )?;

        // A hand edit in the File editor can still turn tailscale off on builder; the
        // cache's row then says the host misses what the cache needs.
        let file = "hosts/builder/configuration.nix";
        browser.client.goto(&format!("{}/files/{file}", studio.url)).await?;
        let textarea = browser.wait_for("textarea[data-editor]").await?;
        browser
            .client
            .execute(
                "const area = arguments[0]; const line = 'features.binaryCache.enable = true;\\n'; \
                 const at = area.value.indexOf(line) + line.length; \
                 area.focus(); area.setSelectionRange(at, at);",
                vec![serde_json::to_value(&textarea)?],
            )
            .await?;
        textarea.send_keys("  features.tailscale.enable = false;\n").await?;
        browser.wait_for("[data-pending]").await?;
        browser.client.goto(&format!("{}/hosts/builder", studio.url)).await?;
        wait_switch(&browser, &control(TAILSCALE), "false").await?;
        wait_row_text(
            &browser,
            CACHE,
            "[data-note='requires']",
            &format!(
                "Needs {TAILSCALE}, which is off here: turn that on, or this off. the cache is only served on the tailnet"
            ),
        )
        .await?;
        center(&browser, &browser.wait_for(&option_row(CACHE)).await?).await?;
        browser.keep_screenshot("builder-tailscale-off").await
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

/// A NixOS option the repository does not declare (set on desk, not on builder).
const FSTRIM: &str = "services.fstrim.enable";
const WSL: &str = "wsl.enable";
const BUILDER: &str = "hosts/builder/configuration.nix";
/// A bool whose default is an expression (docker's own value).
const PRUNE: &str = "features.docker.prune";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nixos_option_set_on_one_host_is_a_toggle_on_the_others() {
    let (repository, studio) = serve_fleet().await;
    let browser = Browser::start("rules_nixos_option", 1280, 900).await;
    let result: TestResult = async {
        let base = git(repository.path(), &["rev-parse", "main"])?.trim().to_owned();
        browser.client.goto(&format!("{}/hosts/desk", studio.url)).await?;
        wait_switch(&browser, &control(FSTRIM), "true").await?;
        wait_switch(&browser, &control(WSL), "false").await?;

        // builder leaves it to NixOS, whose default the studio does not claim to know; nor
        // does it claim to know a default computed by an expression.
        browser.client.goto(&format!("{}/hosts/builder", studio.url)).await?;
        wait_switch(&browser, &control(FSTRIM), "mixed").await?;
        wait_switch(&browser, &control(PRUNE), "mixed").await?;
        // A flake input's option exists only where that input's module is imported, which
        // the studio knows only of the hosts that set it.
        let wsl = browser.client.find_all(Locator::Css(&option_row(WSL))).await?;
        ensure(wsl.is_empty(), "builder has no row for desk's flake-input option")?;
        let badges = texts(&browser, &format!("{} [data-badge]", option_row(FSTRIM))).await?;
        ensure(badges == ["NixOS"], format!("the row's badges: {badges:?}"))?;
        let import_notes = format!("{} [data-note='not-imported']", option_row(FSTRIM));
        let notes = browser.client.find_all(Locator::Css(&import_notes)).await?;
        ensure(notes.is_empty(), "an undeclared option needs no import")?;

        click(&browser, &control(FSTRIM)).await?;
        wait_switch(&browser, &control(FSTRIM), "true").await?;
        let (added, removed) = wait_for_diff(&browser).await?;
        ensure(
            added == [format!("+  {FSTRIM} = true;")] && removed.is_empty(),
            format!("one added line: +{added:?} -{removed:?}"),
        )?;
        let files = pane_files(&browser).await?;
        ensure(files == [BUILDER], format!("only builder's file changes: {files:?}"))?;

        let (branch, _) = commit_from_pane(
            &browser,
            repository.path(),
            &base,
            &format!("builder: {FSTRIM} = true"),
        )
        .await?;
        let diff = git(repository.path(), &["diff", &base, &branch])?;
        let (added, removed) = changed_lines(&diff);
        ensure(
            added == [format!("+  {FSTRIM} = true;")] && removed.is_empty(),
            format!("git diff of the commit:\n{diff}"),
        )
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nixos_option_unset_on_its_only_host_keeps_its_row() {
    let (_repository, studio) = serve_fleet().await;
    let browser = Browser::start("rules_unset_only_setter", 1280, 900).await;
    let result: TestResult = async {
        browser.client.goto(&format!("{}/hosts/desk", studio.url)).await?;
        wait_switch(&browser, &control(FSTRIM), "true").await?;
        // desk is the only host setting it: without that line no host does, and the
        // repository no longer names the option. The row stays, to be set again.
        click(&browser, &format!("{} [data-action='unset']", option_row(FSTRIM))).await?;
        wait_switch(&browser, &control(FSTRIM), "mixed").await?;
        let (added, removed) = wait_for_diff(&browser).await?;
        ensure(
            added.is_empty() && removed == [format!("-  {FSTRIM} = true;")],
            format!("the line goes: +{added:?} -{removed:?}"),
        )?;
        click(&browser, &control(FSTRIM)).await?;
        wait_switch(&browser, &control(FSTRIM), "true").await?;
        // Back where it was, nothing is pending; elsewhere in the file, one line moved.
        let set_again = [format!("+  {FSTRIM} = true;")];
        eventually("the diff to show the line set again", || async {
            let empty = browser.client.find_all(Locator::Css("[data-diff='empty']")).await?;
            let (added, _) = pane_diff(&browser).await?;
            Ok((!empty.is_empty() || added == set_again).then_some(()))
        })
        .await
    }
    .await;
    browser.finish(result).await;
    studio.stop().await;
}
