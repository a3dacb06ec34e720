//! Hardware profiles: files in the profile folders, their style, and which hosts use them.
//!
//! A host uses a profile when its import graph reaches the profile module, or when one of
//! its own files (its folder, `variables.nix` included) names the profile file with a path
//! literal, as data-style profiles are used (`hardware = import ../../hardware-profiles/amd.nix;`).

use std::sync::Arc;

use rnix::SyntaxKind;

use super::cache::FileMemo;
use super::config::FleetConfig;
use super::flake_parts;
use super::imports::Graph;
use super::sources::Sources;
use super::syntax::{directory_of, first_child, path_literal, stem_of};
use super::{HardwareProfile, Host, ProfileStyle};

/// Names of module arguments that mark a function file as a NixOS module.
const MODULE_ARGUMENTS: [&str; 5] = ["config", "lib", "pkgs", "modulesPath", "options"];
/// Top-level keys that mark an attribute set as a NixOS module.
const MODULE_KEYS: [&str; 8] =
    ["imports", "config", "options", "boot", "hardware", "services", "networking", "environment"];

/// Every hardware profile with the hosts using it; sets each host's profiles. The path
/// literals of host files are kept in `path_literals` for the next run.
pub fn profiles(
    sources: &Sources,
    config: &FleetConfig,
    hosts: &mut [Host],
    graphs: &[Arc<Graph>],
    path_literals: &mut FileMemo<Vec<String>>,
) -> Vec<HardwareProfile> {
    let mut profiles: Vec<HardwareProfile> = sources
        .files
        .paths()
        .filter(|path| path.ends_with(".nix") && config.is_hardware_profile(path))
        .map(|file| HardwareProfile {
            name: stem_of(file),
            file: file.to_owned(),
            style: style(sources, file),
            hosts: Vec::new(),
        })
        .collect();
    for (host, graph) in hosts.iter_mut().zip(graphs) {
        let used = used_profiles(sources, config, host, graph, path_literals);
        for profile in &mut profiles {
            if used.contains(&profile.file) {
                profile.hosts.push(host.name.clone());
            }
        }
        host.hardware_profile = used.first().map(|file| stem_of(file));
        host.hardware_profiles = used;
    }
    profiles
}

/// Profile files a host uses, data-style references from its own files first.
fn used_profiles(
    sources: &Sources,
    config: &FleetConfig,
    host: &Host,
    graph: &Graph,
    path_literals: &mut FileMemo<Vec<String>>,
) -> Vec<String> {
    let host_folder = format!("{}/", directory_of(&host.entry));
    let mut own_files: Vec<String> =
        graph.modules.iter().filter(|module| module.starts_with(&host_folder)).cloned().collect();
    let mut used = Vec::new();
    let mut index = 0;
    while index < own_files.len() {
        let file = own_files[index].clone();
        index += 1;
        let (Some(root), Some(content)) = (sources.root(&file), sources.content(&file)) else {
            continue;
        };
        let literals = path_literals.get_or_insert_with(&file, content, || {
            root.descendants().filter_map(|node| path_literal(&node)).collect()
        });
        for literal in literals {
            let Some(target) = sources.resolve_path(&file, literal) else { continue };
            if config.is_hardware_profile(&target) {
                if !used.contains(&target) {
                    used.push(target);
                }
            } else if target.starts_with(&host_folder) && !own_files.contains(&target) {
                own_files.push(target);
            }
        }
    }
    // A profile is a file; a module written inline in one uses that file.
    for file in graph.modules.iter().map(|module| flake_parts::file_of(module)) {
        if config.is_hardware_profile(file) && !used.iter().any(|known| known == file) {
            used.push(file.to_owned());
        }
    }
    used
}

fn style(sources: &Sources, file: &str) -> ProfileStyle {
    let Some(root) = sources.root(file).and_then(first_child) else { return ProfileStyle::Data };
    if root.kind() == SyntaxKind::NODE_LAMBDA {
        let arguments =
            first_child(&root).map(|parameter| parameter.text().to_string()).unwrap_or_default();
        let is_module = arguments
            .split(|character: char| !character.is_alphanumeric())
            .any(|word| MODULE_ARGUMENTS.contains(&word));
        if is_module {
            return ProfileStyle::Module;
        }
    }
    let Some(body) = sources.body(file) else { return ProfileStyle::Data };
    let has_module_keys = super::syntax::bindings(&body)
        .filter_map(|binding| super::syntax::binding_parts(&binding))
        .any(|(path, _)| path.first().is_some_and(|first| MODULE_KEYS.contains(&first.as_str())));
    match has_module_keys {
        true => ProfileStyle::Module,
        false => ProfileStyle::Data,
    }
}
