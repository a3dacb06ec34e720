//! The engine: fixes to a fixpoint, refusing fixes that break parsing, suppression.

use expect_test::expect;
use shared::lint::{Config, Rule, WhichFixes, fix, lint};
use shared::text::apply_edits;

use super::lint_default;

#[test]
fn safe_fixes_run_to_a_fixpoint_and_leave_review_fixes_alone() {
    let source = "{ config, lib, pkgs, ... }:\nlet\n  unused = 1;\n  double = (x: 2 * x);\nin\n{\n  enable = cfg.gui == true;\n  url = https://example.org;\n  packages = [ ] ++ map (p: double p) [ 1 ];\n}\n";
    let outcome = fix(source, &Config::default(), WhichFixes::Safe);
    expect![[r#"
        { config, lib, pkgs, ... }:
        let
          double = x: 2 * x;
        in
        {
          enable = cfg.gui;
          url = "https://example.org";
          packages = map double [ 1 ];
        }
    "#]]
    .assert_eq(&outcome.text);
    assert!(outcome.rounds >= 2, "eta reduction leaves parentheses for a second round");
    let remaining: Vec<Rule> = outcome.remaining.iter().map(|d| d.rule).collect();
    assert_eq!(remaining, vec![Rule::UnusedPatternName; 3]);
    let again = fix(&outcome.text, &Config::default(), WhichFixes::Safe);
    assert_eq!(again.text, outcome.text, "fix is idempotent");
    assert!(!again.changed());
}

#[test]
fn fixing_all_also_applies_fixes_that_need_review() {
    let outcome = fix("{ lib, pkgs, ... }: pkgs.hello\n", &Config::default(), WhichFixes::All);
    assert_eq!(outcome.text, "{ pkgs, ... }: pkgs.hello\n");
}

#[test]
fn removing_every_binding_removes_the_let() {
    let outcome = fix("let\n  a = 1;\n  b = a;\nin\n{ }\n", &Config::default(), WhichFixes::Safe);
    assert_eq!(outcome.text, "{ }\n");
}

#[test]
fn every_unused_binding_of_a_let_offers_removing_the_let() {
    let source = "{ x }:\n(let a = 1; b = 2; in x) // (let\n  c = 3;\n  inherit (x) d e;\nin x)\n";
    let diagnostics = lint(source, &Config::default());
    let fixes: Vec<_> = diagnostics
        .iter()
        .map(|d| {
            let fix = d.fix.as_ref().expect("offered");
            (d.rule.code(), apply_edits(source, &fix.edits).expect("applies"))
        })
        .collect();
    let first = "{ x }:\n(x) // (let\n  c = 3;\n  inherit (x) d e;\nin x)\n";
    let second = "{ x }:\n(let a = 1; b = 2; in x) // (x)\n";
    assert_eq!(
        fixes,
        vec![
            ("unused_let_binding", first.to_owned()),
            ("unused_let_binding", first.to_owned()),
            ("unused_let_binding", second.to_owned()),
            ("unused_let_binding", second.to_owned()),
            ("unused_let_binding", second.to_owned()),
        ]
    );
}

#[test]
fn broken_files_report_syntax_errors_and_offer_no_fixes() {
    let source = "{ a = x == true; b = }\n";
    let diagnostics = lint(source, &Config::default());
    assert!(diagnostics.iter().any(|d| d.rule == Rule::SyntaxError));
    assert!(diagnostics.iter().all(|d| d.fix.is_none()));
    assert_eq!(fix(source, &Config::default(), WhichFixes::All).text, source);
}

#[test]
fn a_fix_whose_result_does_not_parse_is_not_offered() {
    // `!(a == b) == c` would become `a != b == c`, which does not parse.
    let diagnostics = lint("!(a == b) == c\n", &Config::default());
    let simplification =
        diagnostics.iter().find(|d| d.rule == Rule::BoolSimplification).expect("reported");
    assert_eq!(simplification.fix, None);
}

#[test]
fn allow_comments_suppress_one_line_or_the_whole_file() {
    let source = "{\n  # nixstudio: allow(bool_comparison)\n  a = x == true;\n  b = x == true; # nixstudio: allow(bool_comparison, unquoted_uri)\n  c = x == true;\n  d = http://x.org; # nixstudio: allow(bool_comparison)\n}\n";
    expect![[r#"
        bool_comparison 5:7-5:16 warning: comparison with `true`; use `x` instead
          fix (safe): {
              # nixstudio: allow(bool_comparison)
              a = x == true;
              b = x == true; # nixstudio: allow(bool_comparison, unquoted_uri)
              c = x;
              d = http://x.org; # nixstudio: allow(bool_comparison)
            }
        unquoted_uri 6:7-6:19 warning: unquoted URL; write it as a string
          fix (safe): {
              # nixstudio: allow(bool_comparison)
              a = x == true;
              b = x == true; # nixstudio: allow(bool_comparison, unquoted_uri)
              c = x == true;
              d = "http://x.org"; # nixstudio: allow(bool_comparison)
            }
    "#]]
    .assert_eq(&lint_default(source));
    let whole_file =
        "# nixstudio: allow-file(bool_comparison)\n{ a = x == true; b = y == false; }\n";
    assert_eq!(lint_default(whole_file), "");
}

#[test]
fn disabled_rules_and_severities_come_from_the_config() {
    let config = Config::from_repo_files(
        Some(
            "[lint]\ndisabled = [\"unquoted_uri\"]\n[lint.severity]\nbool_comparison = \"error\"\n",
        ),
        None,
    )
    .expect("valid config");
    let diagnostics = lint("{ a = x == true; b = http://x.org; }\n", &config);
    let found: Vec<_> = diagnostics.iter().map(|d| (d.rule.code(), d.severity.as_str())).collect();
    assert_eq!(found, vec![("bool_comparison", "error")]);
}

#[test]
fn dead_code_options_skip_what_deadnix_skips() {
    let source = "{ pkgs, ... }: let _unused = 1; in map (x: 1) [ ]\n";
    let default: Vec<_> = lint(source, &Config::default()).iter().map(|d| d.rule.code()).collect();
    assert_eq!(default, vec!["unused_pattern_name", "unused_let_binding", "unused_lambda_arg"]);
    let config = Config::from_nixstudio_toml(
        "[lint.dead_code]\nskip_lambda_args = true\nskip_pattern_names = true\nskip_underscore = true\n",
    )
    .expect("valid config");
    assert!(lint(source, &config).is_empty());
}

#[test]
fn a_fix_that_parses_only_together_with_another_is_not_offered() {
    // Found by the random-mutation tests: the pattern fix alone makes `w:args:` a URI
    // and the `if` after it an error; with the `?` fix applied too, the text parses.
    let source = "{ enable = fa\nw:{ ... }@args: if args ? x then args.x else y; }\n";
    assert!(rnix::Root::parse(source).errors().is_empty());
    let diagnostics = lint(source, &Config::default());
    let bind = diagnostics.iter().find(|d| d.rule == Rule::RedundantPatternBind).expect("reported");
    assert_eq!(bind.fix, None);
    let has_attr = diagnostics.iter().find(|d| d.rule == Rule::UselessHasAttr).expect("reported");
    assert!(has_attr.fix.is_some());
}

#[test]
fn a_fix_that_would_glue_tokens_is_not_offered() {
    // Found by the random-mutation tests: `{ ... }@args` → `args` right after `pkgs.fe`
    // would read as the single name `pkgs.feargs`.
    let diagnostics = lint("import (pkgs.fe{ ... }@args: args.x) { }\n", &Config::default());
    let bind = diagnostics.iter().find(|d| d.rule == Rule::RedundantPatternBind).expect("reported");
    assert_eq!(bind.fix, None);
}
