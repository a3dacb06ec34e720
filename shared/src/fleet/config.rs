//! The `[fleet]` section of `nixstudio.toml`: overrides of the conventions discovery uses.
//!
//! Every key is optional; without the file (or the section) the defaults describe the
//! shapes FIELD.md lists. Other sections (`[lint]`, …) are ignored here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Conventions of one repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclaredDependency {
    pub option: String,
    #[serde(default)]
    pub requires: Vec<String>,
    #[serde(default)]
    pub conflicts: Vec<String>,
    #[serde(default)]
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

#[derive(Deserialize)]
struct ConfigFile {
    #[serde(default)]
    fleet: Option<FleetConfig>,
}

impl FleetConfig {
    /// Reads the `[fleet]` section of a `nixstudio.toml` text. A malformed file gives the
    /// defaults and a message saying what is wrong.
    pub fn from_toml(text: &str) -> (FleetConfig, Option<String>) {
        match toml::from_str::<ConfigFile>(text) {
            Ok(file) => (file.fleet.unwrap_or_default(), None),
            Err(error) => (FleetConfig::default(), Some(error.to_string().trim().to_owned())),
        }
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
        let (config, error) = FleetConfig::from_toml(text);
        assert_eq!(error, None);
        assert_eq!(config.hosts_dir, "machines");
        assert_eq!(config.hosts["box"], "machines/box/main.nix");
        assert_eq!(config.entry_files, ["configuration.nix", "default.nix"]);
        assert!(config.is_toggle_root("features.x.enable"));
        assert!(!config.is_toggle_root("featuresx.enable"));
        assert_eq!(config.dependencies[0].requires, ["features.b.enable"]);
    }

    #[test]
    fn a_malformed_file_gives_defaults_and_a_message() {
        let (config, error) = FleetConfig::from_toml("[fleet]\nhosts_dir = 3\n");
        assert_eq!(config, FleetConfig::default());
        assert!(error.is_some_and(|message| message.contains("hosts_dir")));
    }
}
