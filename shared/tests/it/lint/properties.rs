//! Property tests: no panic on arbitrary or mutated input, every applied fix
//! re-parses, and `fix` is idempotent.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use shared::lint::{Config, WhichFixes, fix, lint};
use shared::text::apply_edits;

/// Snippets that exercise every rule; mutations splice and cut them.
pub(crate) const SEEDS: &[&str] = &[
    "{ config, lib, pkgs, ... }:\nwith lib;\nlet\n  cfg = config.features.x;\n  unused = 1;\nin\n{\n  a = cfg.enable == true;\n  b = mkIf cfg.enable true;\n}\n",
    "let { x = 1; body = x; }",
    "rec { pkgs = pkgs.extend f; name = \"x\"; }",
    "{ url = https://example.org; inherit; e = [ ] ++ x; f = (a); }",
    "let a = 1; in let b = 2; in map (x: f x) [ a b ]",
    "{ ... }@args: if args ? x then args.x else !(a == b)",
    "{ systemd.services.x.serviceConfig = { ExecStart = \"nix-env -i x\"; }; networking.firewall.enable = false; }",
    "{ password = \"x\"; imports = builtins.attrNames (builtins.readDir ./.); b = builtins.readFile config.age.secrets.x.path; }",
    "{ a, b ? a, ... }@c: x: _: { inherit (c) d; e = mkOption { }; nix.settings.substituters = [ \"https://x\" ]; }",
    "let mkIf = c: x: lib.mkIf c x; mkMerge = lib.mkMerge; in { a.b = 1; a.c = 2; a.d = 3; }",
    "import (pkgs.fetchFromGitHub { }) { } // builtins.toPath \"/x\"",
];

fn mutated() -> impl Strategy<Value = String> {
    (0..SEEDS.len(), 0..SEEDS.len(), any::<u16>(), any::<u16>(), any::<u16>(), "[ -~\n]{0,6}")
        .prop_map(|(first, second, cut_at, cut_len, splice_at, junk)| {
            let a = SEEDS[first];
            let b = SEEDS[second];
            let cut_at = floor(a, usize::from(cut_at) % (a.len() + 1));
            let cut_end = floor(a, (cut_at + usize::from(cut_len) % 8).min(a.len()));
            let splice_at = floor(b, usize::from(splice_at) % (b.len() + 1));
            format!("{}{}{}{}{}", &a[..cut_at], junk, &b[splice_at..], &a[cut_end..], "")
        })
}

fn floor(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The invariants every input must satisfy.
pub(crate) fn check_invariants(source: &str) {
    let config = Config::default();
    let diagnostics = lint(source, &config);
    for diagnostic in &diagnostics {
        assert!(
            diagnostic.range.start <= diagnostic.range.end && diagnostic.range.end <= source.len()
        );
        let Some(fix) = &diagnostic.fix else { continue };
        let fixed = apply_edits(source, &fix.edits).expect("offered edits apply");
        assert!(
            rnix::Root::parse(&fixed).errors().is_empty(),
            "{} fix does not parse:\n{source}\n=>\n{fixed}",
            diagnostic.rule.code()
        );
    }
    let outcome = fix(source, &config, WhichFixes::All);
    if outcome.changed() {
        assert!(
            rnix::Root::parse(&outcome.text).errors().is_empty(),
            "fixed text parses:\n{}",
            outcome.text
        );
    }
    let again = fix(&outcome.text, &config, WhichFixes::Safe);
    if outcome.rounds < 16 {
        assert_eq!(again.applied, Vec::new(), "idempotent on:\n{source}\nfixed:\n{}", outcome.text);
    }
}

/// `PROPTEST_CASES` raises the number of cases for long runs (the fuzz README).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(128)
}

/// A generated realistic file with one span cut out and random text spliced in.
fn mutated_corpus_file() -> impl Strategy<Value = String> {
    (any::<u64>(), any::<u32>(), 0usize..40, "[ -~\n]{0,4}").prop_map(|(seed, at, cut, junk)| {
        let files = shared::generate::corpus::generate(seed, 1);
        let text = &files[0].1;
        let at = floor(text, usize::try_from(at).unwrap_or(0) % (text.len() + 1));
        let end = floor(text, (at + cut).min(text.len()));
        format!("{}{junk}{}", &text[..at], &text[end..])
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(source in "[ -~\n\t]{0,120}") {
        let _ = lint(&source, &Config::default());
        let _ = fix(&source, &Config::default(), WhichFixes::All);
    }

    #[test]
    fn mutated_nix_keeps_the_invariants(source in mutated()) {
        check_invariants(&source);
    }

    #[test]
    fn mutated_realistic_files_keep_the_invariants(source in mutated_corpus_file()) {
        check_invariants(&source);
    }
}

#[test]
fn seeds_keep_the_invariants() {
    for seed in SEEDS {
        check_invariants(seed);
    }
}

#[test]
fn deeply_nested_input_does_not_overflow_the_stack() {
    let deep_list = format!("{}{}", "[ ".repeat(5000), "] ".repeat(5000));
    let long_chain = format!("{}x", "x ++ ".repeat(20000));
    let long_apply = format!("f{}", " x".repeat(20000));
    let long_sum = format!("{}x", "x + ".repeat(20000));
    let just_below = format!("{}{}", "[ { a = ".repeat(240), "1; } ] ".repeat(240));
    for source in [deep_list, long_chain, long_apply, long_sum] {
        let diagnostics = lint(&source, &Config::default());
        assert!(diagnostics[0].message.contains("not parsed"), "{}", diagnostics[0].message);
    }
    assert_eq!(lint(&just_below, &Config::default()), Vec::new());
}

#[test]
fn brackets_in_strings_and_comments_do_not_count_as_nesting() {
    let brackets = "[ ( { ${ ".repeat(400);
    let sources = [
        format!("{{ a = \"{}\"; }}\n", brackets.replace("${", "$${")),
        format!("{{ a = ''\n  {}\n''; }}\n", brackets.replace("${", "''${")),
        format!("# {brackets}\n{{ a = 1; }}\n"),
        format!("/* {brackets} */ {{ a = 1; }}\n"),
    ];
    for source in sources {
        assert_eq!(lint(&source, &Config::default()), Vec::new(), "{source}");
    }
}

#[test]
fn directives_inside_strings_are_not_directives() {
    let source = "{\n  a = \"# nixstudio: allow-file(bool_comparison)\";\n  b = x == true;\n}\n";
    let rules: Vec<_> = lint(source, &Config::default()).iter().map(|d| d.rule.code()).collect();
    assert_eq!(rules, vec!["bool_comparison"]);
}

#[test]
fn generated_corpus_keeps_the_invariants() {
    for (_, text) in shared::generate::corpus::generate(3, 50_000) {
        check_invariants(&text);
    }
}
