//! The `[fleet]` section of `nixstudio.toml`: overrides of the conventions discovery uses.
//!
//! Every key is optional; without the file (or the section) the defaults describe the
//! shapes FIELD.md lists. Other sections (`[lint]`, …) are ignored here.

use std::collections::BTreeMap;

use super::Problem;
use crate::toml_file::{self, Table, TomlError, Value};

/// Conventions of one repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FleetConfig {
    /// Folder holding one folder per host, used when `flake.nix` names no file.
    pub hosts_dir: String,
    /// File names tried, in order, as a host folder's entry point.
    pub entry_files: Vec<String>,
    /// Explicit host name → entry file; these hosts win over everything discovered.
    pub hosts: BTreeMap<String, String>,
    /// Option path prefixes that count as toggles; empty means every bool or enum option.
    pub toggle_roots: Vec<String>,
    /// Folders whose files are hardware profiles.
    pub hardware_profile_dirs: Vec<String>,
    /// Folders whose files are templates (host types).
    pub template_dirs: Vec<String>,
    /// Folder names (anywhere in a path) holding optional modules: features a host has
    /// by importing the file (`hosts/common/optional/docker.nix`).
    pub optional_dirs: Vec<String>,
    /// Extra dependencies and conflicts between toggles.
    pub dependencies: Vec<DeclaredDependency>,
}

/// `[[fleet.dependencies]] option = "a.enable"` with `requires` and/or `conflicts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredDependency {
    pub option: String,
    pub requires: Vec<String>,
    pub conflicts: Vec<String>,
    pub message: Option<String>,
}

impl Default for FleetConfig {
    fn default() -> FleetConfig {
        FleetConfig {
            hosts_dir: "hosts".to_owned(),
            entry_files: vec!["configuration.nix".to_owned(), "default.nix".to_owned()],
            hosts: BTreeMap::new(),
            toggle_roots: Vec::new(),
            hardware_profile_dirs: vec![
                "hardware-profiles".to_owned(),
                "modules/hardware".to_owned(),
            ],
            template_dirs: vec!["templates".to_owned()],
            optional_dirs: vec!["optional".to_owned()],
            dependencies: Vec::new(),
        }
    }
}

impl FleetConfig {
    /// Reads the `[fleet]` section of a `nixstudio.toml` text. A malformed file or section
    /// gives the defaults and a problem saying what is wrong and where.
    pub fn from_toml(text: &str) -> (FleetConfig, Option<Problem>) {
        let read = toml_file::parse(text).and_then(|root| match root.get("fleet") {
            Some(section) => FleetConfig::from_section(toml_file::table("fleet", section)?),
            None => Ok(FleetConfig::default()),
        });
        match read {
            Ok(config) => (config, None),
            Err(error) => {
                let problem = Problem {
                    path: super::CONFIG_FILE.to_owned(),
                    message: error.located(text),
                    range: error.range,
                };
                (FleetConfig::default(), Some(problem))
            }
        }
    }

    fn from_section(section: &Table<'_>) -> Result<FleetConfig, TomlError> {
        let mut config = FleetConfig::default();
        for (key, value) in section {
            let key: &str = key.get_ref();
            let path = format!("fleet.{key}");
            match key {
                "hosts_dir" => config.hosts_dir = toml_file::string(&path, value)?.to_owned(),
                "entry_files" => config.entry_files = toml_file::strings(&path, value)?,
                "hosts" => {
                    for (host, entry) in toml_file::table(&path, value)? {
                        let host: &str = host.get_ref();
                        let entry = toml_file::string(&format!("{path}.{host}"), entry)?;
                        config.hosts.insert(host.to_owned(), entry.to_owned());
                    }
                }
                "toggle_roots" => config.toggle_roots = toml_file::strings(&path, value)?,
                "hardware_profile_dirs" => {
                    config.hardware_profile_dirs = toml_file::strings(&path, value)?;
                }
                "template_dirs" => config.template_dirs = toml_file::strings(&path, value)?,
                "optional_dirs" => config.optional_dirs = toml_file::strings(&path, value)?,
                "dependencies" => config.dependencies = declared_dependencies(&path, value)?,
                _ => return Err(unknown_key(&path, value)),
            }
        }
        Ok(config)
    }

    /// True when `option_path` falls under a configured toggle root (or no roots are set).
    pub fn is_toggle_root(&self, option_path: &str) -> bool {
        self.toggle_roots.is_empty()
            || self.toggle_roots.iter().any(|root| {
                option_path == root
                    || option_path
                        .strip_prefix(root.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            })
    }

    pub fn is_hardware_profile(&self, path: &str) -> bool {
        in_any_dir(&self.hardware_profile_dirs, path)
    }

    /// True for a `.nix` file below a folder named like one of `optional_dirs`.
    pub fn is_optional_module(&self, path: &str) -> bool {
        let Some((folders, _)) = path.rsplit_once('/') else { return false };
        path.ends_with(".nix")
            && folders.split('/').any(|folder| self.optional_dirs.iter().any(|name| name == folder))
    }

    pub fn is_template(&self, path: &str) -> bool {
        in_any_dir(&self.template_dirs, path)
    }
}

/// `[[fleet.dependencies]]`: a list of tables, each naming its `option`.
fn declared_dependencies(
    path: &str,
    value: &Value<'_>,
) -> Result<Vec<DeclaredDependency>, TomlError> {
    let expected = "a list of tables (`[[fleet.dependencies]]`)";
    let list =
        value.get_ref().as_array().ok_or_else(|| toml_file::wrong_type(path, expected, value))?;
    list.iter()
        .map(|item| {
            let table = toml_file::table(path, item)?;
            let mut option = None;
            let mut declared = DeclaredDependency {
                option: String::new(),
                requires: Vec::new(),
                conflicts: Vec::new(),
                message: None,
            };
            for (key, value) in table {
                let key: &str = key.get_ref();
                let path = format!("{path}.{key}");
                match key {
                    "option" => option = Some(toml_file::string(&path, value)?.to_owned()),
                    "requires" => declared.requires = toml_file::strings(&path, value)?,
                    "conflicts" => declared.conflicts = toml_file::strings(&path, value)?,
                    "message" => {
                        declared.message = Some(toml_file::string(&path, value)?.to_owned());
                    }
                    _ => return Err(unknown_key(&path, value)),
                }
            }
            declared.option = option.ok_or_else(|| TomlError {
                message: format!("every `{path}` entry needs an `option`"),
                range: Some(toml_file::range_of(item)),
            })?;
            Ok(declared)
        })
        .collect()
}

fn unknown_key(path: &str, value: &Value<'_>) -> TomlError {
    TomlError { message: format!("unknown key `{path}`"), range: Some(toml_file::range_of(value)) }
}

fn in_any_dir(directories: &[String], path: &str) -> bool {
    directories.iter().any(|directory| {
        path.strip_prefix(directory.trim_end_matches('/')).is_some_and(|rest| rest.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_fleet_section_and_ignores_others() {
        let text = r#"
[lint]
disabled = ["x"]

[fleet]
hosts_dir = "machines"
toggle_roots = ["features"]

[fleet.hosts]
box = "machines/box/main.nix"

[[fleet.dependencies]]
option = "features.a.enable"
requires = ["features.b.enable"]
"#;
        let (config, problem) = FleetConfig::from_toml(text);
        assert_eq!(problem, None);
        assert_eq!(config.hosts_dir, "machines");
        assert_eq!(config.hosts["box"], "machines/box/main.nix");
        assert_eq!(config.entry_files, ["configuration.nix", "default.nix"]);
        assert!(config.is_toggle_root("features.x.enable"));
        assert!(!config.is_toggle_root("featuresx.enable"));
        assert_eq!(config.dependencies[0].requires, ["features.b.enable"]);
    }

    #[test]
    fn a_malformed_file_gives_defaults_and_a_located_problem() {
        let text = "[fleet]\nhosts_dir = 3\n";
        let (config, problem) = FleetConfig::from_toml(text);
        assert_eq!(config, FleetConfig::default());
        let problem = problem.expect("a problem");
        assert_eq!(problem.message, "line 2: `fleet.hosts_dir` must be a string");
        assert_eq!(problem.range.map(|range| &text[range.start..range.end]), Some("3"));
        let (_, problem) = FleetConfig::from_toml("[fleet]\nhost_dir = \"machines\"\n");
        assert_eq!(problem.expect("a problem").message, "line 2: unknown key `fleet.host_dir`");
        let (_, problem) = FleetConfig::from_toml("[[fleet.dependencies]]\nrequires = []\n");
        assert!(problem.expect("a problem").message.contains("needs an `option`"));
        let (_, problem) = FleetConfig::from_toml("[fleet\n");
        assert!(problem.expect("a problem").message.starts_with("line 1: "));
    }
}
