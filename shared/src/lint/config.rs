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
use crate::toml_file::{self, TomlError, Value};

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
        let read = |config: &mut Config| -> Result<(), TomlError> {
            let root = toml_file::parse(text)?;
            let Some(lint) = root.get("lint") else { return Ok(()) };
            for (key, value) in toml_file::table("lint", lint)? {
                match &**key.get_ref() {
                    "disabled" => config.read_disabled(FILE, value)?,
                    "ignore" => config.read_ignore(value)?,
                    "severity" => config.read_severities(FILE, value)?,
                    "dead_code" => config.read_dead_code(FILE, value)?,
                    "monolithic_file" => config.read_monolithic(FILE, value)?,
                    other => config.warnings.push(format!("{FILE}: unknown key `lint.{other}`")),
                }
            }
            Ok(())
        };
        Config::read(FILE, text, read)
    }

    /// Reads statix's `disabled` and `ignore`; its other keys do not apply.
    pub fn from_statix_toml(text: &str) -> Result<Config, ConfigError> {
        const FILE: &str = "statix.toml";
        let read = |config: &mut Config| -> Result<(), TomlError> {
            let root = toml_file::parse(text)?;
            if let Some(value) = root.get("disabled") {
                config.read_disabled(FILE, value)?;
            }
            if let Some(value) = root.get("ignore") {
                config.read_ignore(value)?;
            }
            Ok(())
        };
        Config::read(FILE, text, read)
    }

    /// The defaults changed by `read`, or the error it met, placed in `file`'s `text`.
    fn read(
        file: &'static str,
        text: &str,
        read: impl FnOnce(&mut Config) -> Result<(), TomlError>,
    ) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        read(&mut config).map_err(|error| ConfigError { file, message: error.located(text) })?;
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

    fn read_disabled(&mut self, file: &str, value: &Value<'_>) -> Result<(), TomlError> {
        for code in toml_file::strings("disabled", value)? {
            match Rule::from_code(&code) {
                Some(rule) => {
                    self.disabled.insert(rule);
                }
                None => self.warnings.push(format!("{file}: unknown rule `{code}` in `disabled`")),
            }
        }
        Ok(())
    }

    fn read_ignore(&mut self, value: &Value<'_>) -> Result<(), TomlError> {
        self.ignore.extend(toml_file::strings("ignore", value)?.iter().map(|p| Glob::new(p)));
        Ok(())
    }

    fn read_severities(&mut self, file: &str, value: &Value<'_>) -> Result<(), TomlError> {
        for (code, level) in toml_file::table("lint.severity", value)? {
            let code: &str = code.get_ref();
            let Some(rule) = Rule::from_code(code) else {
                self.warnings.push(format!("{file}: unknown rule `{code}` in `lint.severity`"));
                continue;
            };
            let name = level.get_ref().as_str().unwrap_or_default();
            if name == "off" || name == "allow" {
                self.disabled.insert(rule);
                continue;
            }
            let severity = Severity::from_name(name).ok_or_else(|| {
                let expected = "\"error\", \"warning\", \"info\" or \"off\"";
                toml_file::wrong_type(&format!("lint.severity.{code}"), expected, level)
            })?;
            self.severities.insert(rule, severity);
        }
        Ok(())
    }

    fn read_dead_code(&mut self, file: &str, value: &Value<'_>) -> Result<(), TomlError> {
        for (key, flag) in toml_file::table("lint.dead_code", value)? {
            let key: &str = key.get_ref();
            let slot = match key {
                "skip_lambda_args" => &mut self.dead_code.skip_lambda_args,
                "skip_pattern_names" => &mut self.dead_code.skip_pattern_names,
                "skip_underscore" => &mut self.dead_code.skip_underscore,
                other => {
                    self.warnings.push(format!("{file}: unknown key `lint.dead_code.{other}`"));
                    continue;
                }
            };
            *slot = toml_file::bool(&format!("lint.dead_code.{key}"), flag)?;
        }
        Ok(())
    }

    fn read_monolithic(&mut self, file: &str, value: &Value<'_>) -> Result<(), TomlError> {
        for (key, setting) in toml_file::table("lint.monolithic_file", value)? {
            let key: &str = key.get_ref();
            if key != "max_lines" {
                self.warnings.push(format!("{file}: unknown key `lint.monolithic_file.{key}`"));
                continue;
            }
            self.monolithic_max_lines =
                toml_file::count("lint.monolithic_file.max_lines", setting)?;
        }
        Ok(())
    }
}
