//! Lint configuration from `nixstudio.toml` (`[lint]`) or, failing that, `statix.toml`.
//!
//! ```toml
//! [lint]
//! disabled = ["eta_reduction"]          # rule codes to turn off
//! ignore = ["vendor/**", ".direnv"]     # glob patterns of files to skip
//!
//! [lint.severity]                       # per rule: "error", "warning", "info" or "off"
//! inline_secret = "error"
//!
//! [lint.dead_code]                      # deadnix's options
//! skip_lambda_args = false              # --no-lambda-arg
//! skip_pattern_names = false            # --no-lambda-pattern-names
//! skip_underscore = false               # --no-underscore
//!
//! [lint.monolithic_file]
//! max_lines = 500
//! ```
//!
//! Other sections of `nixstudio.toml` belong to other parts of the studio and are
//! ignored; unknown rule codes and keys inside `[lint]` become warnings, not errors.

use std::collections::{BTreeMap, BTreeSet};

use super::glob::Glob;
use super::{Rule, Severity};

/// deadnix's switches, under `[lint.dead_code]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeadCodeOptions {
    /// Do not report unused lambda arguments (`x: ...`).
    pub skip_lambda_args: bool,
    /// Do not report unused names of lambda patterns (`{ x, ... }:`), as for files that
    /// `callPackage` calls.
    pub skip_pattern_names: bool,
    /// Do not report any name that starts with `_`.
    pub skip_underscore: bool,
}

/// Everything that changes what `lint` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub disabled: BTreeSet<Rule>,
    pub severities: BTreeMap<Rule, Severity>,
    pub ignore: Vec<Glob>,
    pub dead_code: DeadCodeOptions,
    /// `monolithic_file` fires above this many lines.
    pub monolithic_max_lines: usize,
    /// Things in the configuration that were not understood, for the CLI to print.
    pub warnings: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            disabled: BTreeSet::new(),
            severities: BTreeMap::new(),
            ignore: Vec::new(),
            dead_code: DeadCodeOptions::default(),
            monolithic_max_lines: 500,
            warnings: Vec::new(),
        }
    }
}

/// A configuration file that is not valid TOML or has values of the wrong type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: &'static str,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// The configuration of a repository from the texts of its root `nixstudio.toml` and
    /// `statix.toml` (pass `None` for a missing file). `nixstudio.toml` wins; without it,
    /// `statix.toml`'s `disabled` and `ignore` are honoured.
    pub fn from_repo_files(
        nixstudio_toml: Option<&str>,
        statix_toml: Option<&str>,
    ) -> Result<Config, ConfigError> {
        match (nixstudio_toml, statix_toml) {
            (Some(text), _) => Config::from_nixstudio_toml(text),
            (None, Some(text)) => Config::from_statix_toml(text),
            (None, None) => Ok(Config::default()),
        }
    }

    /// Reads the `[lint]` section of a `nixstudio.toml`.
    pub fn from_nixstudio_toml(text: &str) -> Result<Config, ConfigError> {
        const FILE: &str = "nixstudio.toml";
        let table = parse_table(FILE, text)?;
        let mut config = Config::default();
        let Some(lint) = table.get("lint") else { return Ok(config) };
        let lint = lint.as_table().ok_or_else(|| wrong_type(FILE, "lint", "a table"))?;
        for (key, value) in lint {
            match key.as_str() {
                "disabled" => config.read_disabled(FILE, value)?,
                "ignore" => config.read_ignore(FILE, value)?,
                "severity" => config.read_severities(FILE, value)?,
                "dead_code" => config.read_dead_code(FILE, value)?,
                "monolithic_file" => config.read_monolithic(FILE, value)?,
                other => config.warnings.push(format!("{FILE}: unknown key `lint.{other}`")),
            }
        }
        Ok(config)
    }

    /// Reads statix's `disabled` and `ignore`; its other keys do not apply.
    pub fn from_statix_toml(text: &str) -> Result<Config, ConfigError> {
        const FILE: &str = "statix.toml";
        let table = parse_table(FILE, text)?;
        let mut config = Config::default();
        if let Some(value) = table.get("disabled") {
            config.read_disabled(FILE, value)?;
        }
        if let Some(value) = table.get("ignore") {
            config.read_ignore(FILE, value)?;
        }
        Ok(config)
    }

    pub fn is_enabled(&self, rule: Rule) -> bool {
        !self.disabled.contains(&rule)
    }

    /// The configured severity of `rule`, or its default.
    pub fn severity(&self, rule: Rule) -> Severity {
        self.severities.get(&rule).copied().unwrap_or_else(|| rule.default_severity())
    }

    /// Whether the relative path `path` matches one of the `ignore` globs.
    pub fn is_ignored(&self, path: &str) -> bool {
        self.ignore.iter().any(|glob| glob.matches(path))
    }

    fn read_disabled(
        &mut self,
        file: &'static str,
        value: &toml::Value,
    ) -> Result<(), ConfigError> {
        for code in string_list(file, "disabled", value)? {
            match Rule::from_code(&code) {
                Some(rule) => {
                    self.disabled.insert(rule);
                }
                None => self.warnings.push(format!("{file}: unknown rule `{code}` in `disabled`")),
            }
        }
        Ok(())
    }

    fn read_ignore(&mut self, file: &'static str, value: &toml::Value) -> Result<(), ConfigError> {
        self.ignore.extend(string_list(file, "ignore", value)?.iter().map(|p| Glob::new(p)));
        Ok(())
    }

    fn read_severities(
        &mut self,
        file: &'static str,
        value: &toml::Value,
    ) -> Result<(), ConfigError> {
        let table = value.as_table().ok_or_else(|| wrong_type(file, "lint.severity", "a table"))?;
        for (code, level) in table {
            let Some(rule) = Rule::from_code(code) else {
                self.warnings.push(format!("{file}: unknown rule `{code}` in `lint.severity`"));
                continue;
            };
            let level = level.as_str().unwrap_or_default();
            if level == "off" || level == "allow" {
                self.disabled.insert(rule);
                continue;
            }
            match Severity::from_name(level) {
                Some(severity) => {
                    self.severities.insert(rule, severity);
                }
                None => {
                    return Err(ConfigError {
                        file,
                        message: format!(
                            "`lint.severity.{code}` must be \"error\", \"warning\", \"info\" or \"off\""
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    fn read_dead_code(
        &mut self,
        file: &'static str,
        value: &toml::Value,
    ) -> Result<(), ConfigError> {
        let table =
            value.as_table().ok_or_else(|| wrong_type(file, "lint.dead_code", "a table"))?;
        for (key, flag) in table {
            let slot = match key.as_str() {
                "skip_lambda_args" => &mut self.dead_code.skip_lambda_args,
                "skip_pattern_names" => &mut self.dead_code.skip_pattern_names,
                "skip_underscore" => &mut self.dead_code.skip_underscore,
                other => {
                    self.warnings.push(format!("{file}: unknown key `lint.dead_code.{other}`"));
                    continue;
                }
            };
            *slot = flag.as_bool().ok_or_else(|| {
                wrong_type(file, &format!("lint.dead_code.{key}"), "true or false")
            })?;
        }
        Ok(())
    }

    fn read_monolithic(
        &mut self,
        file: &'static str,
        value: &toml::Value,
    ) -> Result<(), ConfigError> {
        let table =
            value.as_table().ok_or_else(|| wrong_type(file, "lint.monolithic_file", "a table"))?;
        for (key, setting) in table {
            if key != "max_lines" {
                self.warnings.push(format!("{file}: unknown key `lint.monolithic_file.{key}`"));
                continue;
            }
            let lines =
                setting.as_integer().and_then(|lines| usize::try_from(lines).ok()).ok_or_else(
                    || wrong_type(file, "lint.monolithic_file.max_lines", "a positive integer"),
                )?;
            self.monolithic_max_lines = lines;
        }
        Ok(())
    }
}

fn parse_table(file: &'static str, text: &str) -> Result<toml::Table, ConfigError> {
    text.parse::<toml::Table>().map_err(|error| ConfigError { file, message: error.to_string() })
}

fn wrong_type(file: &'static str, key: &str, expected: &str) -> ConfigError {
    ConfigError { file, message: format!("`{key}` must be {expected}") }
}

fn string_list(
    file: &'static str,
    key: &str,
    value: &toml::Value,
) -> Result<Vec<String>, ConfigError> {
    let array = value.as_array().ok_or_else(|| wrong_type(file, key, "a list of strings"))?;
    array
        .iter()
        .map(|item| {
            item.as_str()
                .map(str::to_owned)
                .ok_or_else(|| wrong_type(file, key, "a list of strings"))
        })
        .collect()
}
