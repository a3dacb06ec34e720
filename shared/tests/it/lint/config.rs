//! Reading `nixstudio.toml` and `statix.toml`.

use shared::lint::{Config, Rule, Severity};

#[test]
fn nixstudio_toml_wins_and_ignores_other_sections() {
    let nixstudio = "[fleet]\nhosts = [\"a\"]\n\n[lint]\ndisabled = [\"eta_reduction\", \"no_such_rule\"]\nignore = [\"vendor/**\", \"hardware-configuration.nix\"]\nsurprise = 1\n\n[lint.severity]\nrepeated_keys = \"off\"\ninline_secret = \"warning\"\n\n[lint.monolithic_file]\nmax_lines = 900\n";
    let statix = "disabled = [\"bool_comparison\"]\n";
    let config = Config::from_repo_files(Some(nixstudio), Some(statix)).expect("valid");
    assert!(!config.is_enabled(Rule::EtaReduction));
    assert!(!config.is_enabled(Rule::RepeatedKeys));
    assert!(
        config.is_enabled(Rule::BoolComparison),
        "statix.toml is not read when nixstudio.toml exists"
    );
    assert_eq!(config.severity(Rule::InlineSecret), Severity::Warning);
    assert_eq!(config.severity(Rule::EmptyLetIn), Severity::Warning);
    assert_eq!(config.monolithic_max_lines, 900);
    assert!(config.is_ignored("vendor/x/y.nix"));
    assert!(config.is_ignored("hosts/p620/hardware-configuration.nix"));
    assert!(!config.is_ignored("hosts/p620/configuration.nix"));
    assert_eq!(
        config.warnings,
        vec![
            "nixstudio.toml: unknown rule `no_such_rule` in `disabled`".to_owned(),
            "nixstudio.toml: unknown key `lint.surprise`".to_owned(),
        ]
    );
}

#[test]
fn statix_toml_is_honoured_without_nixstudio_toml() {
    let config = Config::from_repo_files(
        None,
        Some("disabled = [\"unquoted_uri\"]\nnix_version = \"2.4\"\nignore = [\".direnv\"]\n"),
    )
    .expect("valid");
    assert!(!config.is_enabled(Rule::UnquotedUri));
    assert!(config.is_ignored(".direnv/x.nix"));
    assert_eq!(Config::from_repo_files(None, None).expect("valid"), Config::default());
}

#[test]
fn broken_config_is_an_error_with_the_file_name() {
    let error = Config::from_repo_files(Some("[lint\n"), None).expect_err("invalid TOML");
    assert_eq!(error.file, "nixstudio.toml");
    let error = Config::from_nixstudio_toml("[lint.severity]\nbool_comparison = \"loud\"\n")
        .expect_err("bad level");
    assert_eq!(
        error.to_string(),
        "nixstudio.toml: line 2: `lint.severity.bool_comparison` must be \"error\", \"warning\", \"info\" or \"off\""
    );
}
