//! The command-line subcommands as a person runs them: `lint`, `rules`, `explain`,
//! `fleet` and `set`, on a copy of the demo fleet on disk.

use std::path::Path;
use std::process::{Command, Output};

use backend::assets;

const BINARY: &str = env!("CARGO_BIN_EXE_nixstudio");

/// The demo fleet written to a temporary folder (a plain folder, no git).
fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, bytes) in assets::demo_fleet() {
        let target = dir.path().join(path);
        std::fs::create_dir_all(target.parent().expect("a parent")).expect("writable");
        std::fs::write(target, bytes).expect("writable");
    }
    dir
}

fn nixstudio(folder: &Path, args: &[&str]) -> Output {
    Command::new(BINARY)
        .args(args)
        .current_dir(folder)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn lint_exit_codes_follow_fail_on() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("clean.nix"), "{ a = 1; }\n").expect("writable");
    let clean = nixstudio(dir.path(), &["lint", "clean.nix"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));

    std::fs::write(dir.path().join("warn.nix"), "{ x }: if x == true then 1 else 2\n")
        .expect("writable");
    let warned = nixstudio(dir.path(), &["lint", "warn.nix"]);
    assert_eq!(warned.status.code(), Some(1));
    let text = stdout(&warned);
    assert!(text.contains("bool_comparison"), "{text}");
    assert!(text.contains("if x == true then"), "the source line is shown: {text}");
    assert!(text.contains('^'), "carets point at the finding: {text}");
    assert!(!text.contains('\u{1b}'), "NO_COLOR means no escape codes: {text:?}");
    let lenient = nixstudio(dir.path(), &["lint", "--fail-on", "error", "warn.nix"]);
    assert_eq!(lenient.status.code(), Some(0));

    let missing = nixstudio(dir.path(), &["lint", "no-such.nix"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no-such.nix does not exist"));
    let usage = nixstudio(dir.path(), &["lint", "--format", "yaml"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn lint_json_has_one_object_per_finding_with_positions() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("a.nix"), "let in\n{ x = true == true; }\n").expect("writable");
    let output = nixstudio(dir.path(), &["lint", "--format", "json", "."]);
    let findings: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let findings = findings.as_array().expect("an array");
    assert!(!findings.is_empty());
    for finding in findings {
        for key in [
            "path",
            "rule",
            "severity",
            "message",
            "line",
            "column",
            "end_line",
            "end_column",
            "fix",
        ] {
            assert!(finding.get(key).is_some(), "{key} missing in {finding}");
        }
        assert_eq!(finding["path"], "a.nix");
    }
    let empty_let =
        findings.iter().find(|finding| finding["rule"] == "empty_let_in").expect("found");
    assert_eq!((empty_let["line"].as_u64(), empty_let["column"].as_u64()), (Some(1), Some(1)));

    let sarif = nixstudio(dir.path(), &["lint", "--format", "sarif", "."]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&sarif)).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
}

#[test]
fn lint_fix_writes_safe_fixes_and_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("a.nix");
    let original = "{ inputs }:\n{\n  specialArgs = { inputs = inputs; };\n}\n";
    std::fs::write(&file, original).expect("writable");

    let dry = nixstudio(dir.path(), &["lint", "--fix", "--dry-run", "a.nix"]);
    let diff = stdout(&dry);
    assert!(diff.contains("-  specialArgs = { inputs = inputs; };"), "{diff}");
    assert!(diff.contains("+  specialArgs = { inherit inputs; };"), "{diff}");
    assert_eq!(std::fs::read_to_string(&file).expect("readable"), original);

    let fixed = nixstudio(dir.path(), &["lint", "--fix", "a.nix"]);
    assert!(stderr(&fixed).contains("fixed 1 file"), "{}", stderr(&fixed));
    let after = std::fs::read_to_string(&file).expect("readable");
    assert_eq!(after, "{ inputs }:\n{\n  specialArgs = { inherit inputs; };\n}\n");
}

#[test]
fn lint_honours_gitignore_and_the_repository_config() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join(".gitignore"), "generated/\n").expect("writable");
    std::fs::create_dir_all(dir.path().join("generated")).expect("writable");
    std::fs::write(dir.path().join("generated/x.nix"), "let in 1\n").expect("writable");
    std::fs::write(dir.path().join("y.nix"), "let in 1\n").expect("writable");
    let output = nixstudio(dir.path(), &["lint", "--format", "json", "."]);
    let text = stdout(&output);
    assert!(text.contains("\"y.nix\""), "{text}");
    assert!(!text.contains("generated/x.nix"), "ignored by .gitignore: {text}");

    std::fs::write(dir.path().join("nixstudio.toml"), "[lint]\ndisabled = [\"empty_let_in\"]\n")
        .expect("writable");
    let configured = nixstudio(dir.path(), &["lint", "--format", "json", "."]);
    assert!(!stdout(&configured).contains("empty_let_in"), "{}", stdout(&configured));
}

#[test]
fn lint_finds_the_planted_anti_patterns_in_the_demo_fleet() {
    let demo = demo_copy();
    let output = nixstudio(demo.path(), &["lint", "--format", "json", "."]);
    let findings: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let found: Vec<(String, String)> = findings
        .as_array()
        .expect("an array")
        .iter()
        .map(|finding| {
            (
                finding["rule"].as_str().unwrap_or("").to_owned(),
                finding["path"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    for (rule, path) in [
        ("mkif_true", "modules/desktop/hyprland.nix"),
        ("monolithic_file", "hosts/p620/configuration.nix"),
        ("firewall_disabled", "hosts/hp/default.nix"),
        ("manual_inherit", "flake.nix"),
    ] {
        assert!(found.contains(&(rule.to_owned(), path.to_owned())), "{rule} in {path}: {found:?}");
    }
    assert!(!found.iter().any(|(rule, _)| rule == "syntax_error"), "{found:?}");
}

#[test]
fn rules_and_explain_document_every_rule() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let rules = nixstudio(dir.path(), &["rules"]);
    let listing = stdout(&rules);
    assert!(listing.lines().count() >= 30, "{listing}");
    assert!(listing.lines().any(|line| line.starts_with("bool_comparison ")), "{listing}");
    let explained = nixstudio(dir.path(), &["explain", "bool_comparison"]);
    assert_eq!(explained.status.code(), Some(0));
    assert!(stdout(&explained).contains("What it does"), "{}", stdout(&explained));
    let unknown = nixstudio(dir.path(), &["explain", "no_such_rule"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("no rule named \"no_such_rule\""));
}

#[test]
fn fleet_lists_hosts_and_emits_the_full_model_as_json() {
    let demo = demo_copy();
    let table = nixstudio(demo.path(), &["fleet"]);
    assert_eq!(table.status.code(), Some(0), "{}", stderr(&table));
    for host in ["p620", "p510", "razer", "samsung", "dex5550", "hp"] {
        assert!(
            stdout(&table).lines().any(|line| line.starts_with(host)),
            "{host}: {}",
            stdout(&table)
        );
    }
    let json = nixstudio(demo.path(), &["fleet", ".", "--json"]);
    let model: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    for key in ["hosts", "options", "dependencies", "problems"] {
        assert!(model.get(key).is_some(), "{key} missing");
    }
    let host = &model["hosts"][0];
    for key in ["name", "entry", "template", "hardware_profile", "imports", "values"] {
        assert!(host.get(key).is_some(), "host.{key} missing: {host}");
    }
    let option = &model["options"][0];
    for key in ["path", "kind", "default", "description", "declared_in", "hosts"] {
        assert!(option.get(key).is_some(), "option.{key} missing: {option}");
    }
    let razer = nixstudio(demo.path(), &["fleet", ".", "--host", "razer"]);
    assert!(stdout(&razer).contains("features.desktop.displayManager"), "{}", stdout(&razer));
}

#[test]
fn set_edits_one_line_in_place_and_refuses_what_it_cannot_do() {
    let demo = demo_copy();
    let host_file = demo.path().join("hosts/razer/configuration.nix");
    let before = std::fs::read_to_string(&host_file).expect("readable");
    let option = "features.desktop.displayManager";

    let dry = nixstudio(
        demo.path(),
        &["set", ".", "--host", "razer", &format!("{option}=gdm"), "--dry-run"],
    );
    let diff = stdout(&dry);
    let changed: Vec<&str> = diff
        .lines()
        .filter(|line| {
            (line.starts_with('+') || line.starts_with('-'))
                && !line.starts_with("+++")
                && !line.starts_with("---")
        })
        .collect();
    assert_eq!(changed.len(), 2, "exactly one line changes: {diff}");
    assert_eq!(
        std::fs::read_to_string(&host_file).expect("readable"),
        before,
        "dry run writes nothing"
    );

    let applied =
        nixstudio(demo.path(), &["set", ".", "--host", "razer", &format!("{option}=gdm")]);
    assert_eq!(applied.status.code(), Some(0), "{}", stderr(&applied));
    let after = std::fs::read_to_string(&host_file).expect("readable");
    assert!(after.contains(&format!("{option} = \"gdm\";")), "{after}");
    assert_eq!(before.lines().count(), after.lines().count());

    for (args, expected) in [
        (vec!["--host", "nohost", "features.ai.enable=true"], "unknown host"),
        (vec!["--host", "razer", "features.nothing.enable=true"], "unknown option"),
        (vec!["--host", "razer", &format!("{option}=xyz")], "expects one of"),
    ] {
        let mut full = vec!["set", "."];
        full.extend(args.iter().map(|arg| &**arg));
        let refused = nixstudio(demo.path(), &full);
        assert_eq!(refused.status.code(), Some(2), "{full:?}");
        assert!(stderr(&refused).contains(expected), "{full:?}: {}", stderr(&refused));
    }
    assert_eq!(
        std::fs::read_to_string(&host_file).expect("readable"),
        after,
        "refusals write nothing"
    );
}
