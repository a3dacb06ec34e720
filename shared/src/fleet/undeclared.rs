//! Toggles for options the repository sets but does not declare.
//!
//! `services.openssh.enable = true;` in a host's own files sets an option of NixOS (or of
//! a flake input's module). Many repositories declare no options of their own, and their
//! owners still think of these settings as the host's features, so the studio offers each
//! one as a toggle: flipping it where it is set is a one-line edit, and setting it on
//! another host adds one line to that host's entry file. Every host has such an option;
//! its default is NixOS's, which the studio does not know.
//!
//! Only settings to `true` or `false` (`mkForce`/`mkDefault` included) in the files whose
//! settings are a host's choices count (see [`super::values::choice_files`]); a shared
//! module's `mkIf cfg.enable { … }` is its own condition, not a host's choice. Paths the
//! repository declares, or that fall inside a declared option (an attribute-set option's
//! keys), are left to the declaration.

use std::collections::BTreeSet;

use super::cache::FileMemo;
use super::config::FleetConfig;
use super::options::category;
use super::sources::Sources;
use super::values::settings;
use super::{OptionDecl, OptionKind, Value};
use crate::text::ByteRange;

/// One toggle per option path set to a bool in some host's choice files and declared
/// nowhere. `declared` is sorted by path. A file's bool settings are kept in `memo`.
pub fn toggles(
    sources: &Sources,
    config: &FleetConfig,
    declared: &[OptionDecl],
    choice_files: &[Vec<(&str, bool)>],
    host_names: &[String],
    memo: &mut FileMemo<Vec<String>>,
) -> Vec<OptionDecl> {
    let mut paths = BTreeSet::new();
    for &(file, _) in choice_files.iter().flatten() {
        let Some(content) = sources.files.get_shared(file) else { continue };
        let set = memo.get_or_insert_with(file, content, || bool_settings(sources, config, file));
        paths.extend(set.iter().filter(|path| !is_declared(declared, path)).cloned());
    }
    paths
        .into_iter()
        .map(|path| OptionDecl {
            category: category("", &path.split('.').map(str::to_owned).collect::<Vec<_>>()),
            path: path.clone(),
            kind: OptionKind::Bool,
            default: None,
            description: None,
            declared_in: String::new(),
            range: ByteRange::empty(0),
            hosts: host_names.to_vec(),
            toggle: true,
            undeclared: true,
        })
        .collect()
}

/// The option paths under the toggle roots that `file` sets to `true` or `false`.
fn bool_settings(sources: &Sources, config: &FleetConfig, file: &str) -> Vec<String> {
    settings(sources, file, &|path: &str| config.is_toggle_root(path))
        .into_iter()
        .filter(|setting| matches!(setting.value.value, Value::Bool(_)))
        .map(|setting| setting.option_path)
        .collect()
}

/// Whether `path`, or an option it falls inside, is declared.
fn is_declared(declared: &[OptionDecl], path: &str) -> bool {
    let found =
        |prefix: &str| declared.binary_search_by(|option| option.path.as_str().cmp(prefix)).is_ok();
    found(path) || path.match_indices('.').any(|(dot, _)| found(&path[..dot]))
}
