//! The CLI's output formats and the rule catalogue.

use expect_test::expect;
use shared::lint::report::{dry_run_diff, exit_code, human, json, sarif};
use shared::lint::rules::{catalogue, explain};
use shared::lint::{Config, FileReport, Severity, WhichFixes, fix};

fn reports() -> Vec<FileReport> {
    let source = "{\n  enable = cfg.gui == true;\n  url = https://example.org;\n}\n";
    vec![FileReport::new("hosts/p620/configuration.nix", source, &Config::default())]
}

#[test]
fn human_shows_the_line_carets_and_rule_code() {
    expect![[r#"
        warning[bool_comparison]: comparison with `true`; use `cfg.gui` instead
         --> hosts/p620/configuration.nix:2:12
          |
        2 |   enable = cfg.gui == true;
          |            ^^^^^^^^^^^^^^^
          = fix available: run with --fix

        warning[unquoted_uri]: unquoted URL; write it as a string
         --> hosts/p620/configuration.nix:3:9
          |
        3 |   url = https://example.org;
          |         ^^^^^^^^^^^^^^^^^^^
          = fix available: run with --fix

        summary: 2 findings (0 errors, 2 warnings, 0 infos) in 1 files
    "#]]
    .assert_eq(&human(&reports(), false));
    assert!(human(&reports(), true).contains("\x1b[1;33mwarning\x1b[0m"));
    assert_eq!(human(&[], false), "ok: no findings in 0 files\n");
}

#[test]
fn json_has_one_object_per_finding() {
    let text = json(&reports());
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    expect![[r#"
        {
          "column": 12,
          "end_column": 27,
          "end_line": 2,
          "fix": {
            "applicability": "safe",
            "edits": [
              {
                "column": 12,
                "end": 28,
                "end_column": 27,
                "end_line": 2,
                "line": 2,
                "replacement": "cfg.gui",
                "start": 13
              }
            ]
          },
          "line": 2,
          "message": "comparison with `true`; use `cfg.gui` instead",
          "path": "hosts/p620/configuration.nix",
          "rule": "bool_comparison",
          "severity": "warning"
        }"#]]
    .assert_eq(&serde_json::to_string_pretty(&value[0]).expect("serializable"));
    assert_eq!(value.as_array().map(Vec::len), Some(2));
}

#[test]
fn sarif_is_version_2_1_0_with_rules_and_results() {
    let value: serde_json::Value = serde_json::from_str(&sarif(&reports())).expect("valid JSON");
    assert_eq!(value["version"], "2.1.0");
    let run = &value["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "nixstudio");
    assert_eq!(run["results"][1]["ruleId"], "unquoted_uri");
    assert_eq!(run["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
    let rule_index = run["results"][1]["ruleIndex"].as_u64().expect("index");
    let index = usize::try_from(rule_index).expect("small");
    assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "unquoted_uri");
    assert_eq!(
        run["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "cfg.gui"
    );
}

#[test]
fn fail_on_threshold_sets_the_exit_code() {
    assert_eq!(exit_code(&reports(), Severity::Warning), 1);
    assert_eq!(exit_code(&reports(), Severity::Error), 0);
    assert_eq!(exit_code(&reports(), Severity::Info), 1);
}

#[test]
fn dry_run_prints_a_unified_diff() {
    let report = &reports()[0];
    let fixed = fix(&report.source, &Config::default(), WhichFixes::Safe).text;
    expect![[r#"
        --- a/hosts/p620/configuration.nix
        +++ b/hosts/p620/configuration.nix
        @@ -1,4 +1,4 @@
         {
        -  enable = cfg.gui == true;
        -  url = https://example.org;
        +  enable = cfg.gui;
        +  url = "https://example.org";
         }
    "#]]
    .assert_eq(&dry_run_diff(&report.path, &report.source, &fixed));
}

#[test]
fn catalogue_lists_every_rule_with_its_doc() {
    let rules = catalogue();
    assert_eq!(rules.len(), 40);
    for rule in &rules {
        assert!(!rule.summary.is_empty(), "{} has a summary", rule.code);
        let doc = explain(rule.code).expect("documented");
        for heading in ["## What it does", "## Why it is bad", "## Example", "## Fix safety"] {
            assert!(doc.contains(heading), "{} lacks {heading}", rule.code);
        }
    }
    assert_eq!(explain("nope"), None);
    expect![[r#"
        mkif_true (warning)

        `mkIf cond true`, which is `cond` with extra steps.

        ## What it does
        Finds `mkIf c true` and `lib.mkIf c true`.
    "#]]
    .assert_eq(
        &explain("mkif_true")
            .expect("known")
            .lines()
            .take(6)
            .map(|line| format!("{line}\n"))
            .collect::<String>(),
    );
}
