//! Which hosts a repository defines: `flake.nix`'s `nixosConfigurations`, else host folders.
//!
//! A host's entry is the first path literal in its definition that names an existing file,
//! else `<hosts_dir>/<name>/<entry file>` for the name passed to a helper (`mkHost "p620"`,
//! `makeSystem "p620"`) or, failing that, the attribute name. Hosts written in comments are
//! not hosts, since comments are not syntax.

use std::collections::BTreeSet;

use rnix::{SyntaxKind, SyntaxNode};

use super::Problem;
use super::config::FleetConfig;
use super::sources::{Resolved, Sources};
use super::syntax::{
    binding_parts, bindings, call_parts, callee_name, path_literal, range_of, string_literal,
    strip_parens,
};

pub const FLAKE: &str = "flake.nix";

pub struct FoundHost {
    pub name: String,
    pub entry: String,
}

pub fn find(
    sources: &Sources,
    config: &FleetConfig,
    problems: &mut Vec<Problem>,
) -> Vec<FoundHost> {
    let mut found: Vec<FoundHost> = config
        .hosts
        .iter()
        .map(|(name, entry)| FoundHost { name: name.clone(), entry: entry.clone() })
        .collect();
    let mut from_flake = from_flake(sources, config, problems);
    if from_flake.is_empty() {
        from_flake = from_folders(sources, config);
    }
    for host in from_flake {
        if found.iter().all(|known| known.name != host.name) {
            found.push(host);
        }
    }
    for host in &found {
        if !sources.files.contains(&host.entry) {
            problems.push(Problem::new(
                &host.entry,
                format!("entry file of host `{}` does not exist", host.name),
            ));
        }
    }
    found
}

/// The `name = value` definitions under `nixosConfigurations` in `flake.nix`.
pub fn definitions(sources: &Sources, problems: &mut Vec<Problem>) -> Vec<(String, SyntaxNode)> {
    let Some(root) = sources.root(FLAKE) else { return Vec::new() };
    let mut definitions = Vec::new();
    for binding in root.descendants().filter(|node| node.kind() == SyntaxKind::NODE_ATTRPATH_VALUE)
    {
        let Some((path, value)) = binding_parts(&binding) else { continue };
        let Some(position) = path.iter().position(|name| name == "nixosConfigurations") else {
            continue;
        };
        match &path[position + 1..] {
            [] => collect_set(sources, &value, &mut definitions, problems),
            [name] => definitions.push((name.clone(), value)),
            _ => {}
        }
    }
    definitions
}

fn collect_set(
    sources: &Sources,
    value: &SyntaxNode,
    definitions: &mut Vec<(String, SyntaxNode)>,
    problems: &mut Vec<Problem>,
) {
    let value = strip_parens(value.clone());
    if value.kind() == SyntaxKind::NODE_BIN_OP {
        for side in value.children() {
            collect_set(sources, &side, definitions, problems);
        }
        return;
    }
    if let Some((function, arguments)) = call_parts(&value)
        && let Some(first) = arguments.first()
    {
        let list_or_set = match sources.eval(FLAKE, first) {
            Some(Resolved::Expression { node, .. }) => node,
            _ => first.clone(),
        };
        match (callee_name(&function).as_deref(), list_or_set.kind(), arguments.len()) {
            (Some("genAttrs"), SyntaxKind::NODE_LIST, 2) => {
                for item in list_or_set.children() {
                    if let Some(name) = string_literal(&strip_parens(item)) {
                        definitions.push((name, value.clone()));
                    }
                }
                return;
            }
            (Some("mapAttrs"), _, 2) => {
                return collect_set(sources, &arguments[1], definitions, problems);
            }
            _ => {}
        }
    }
    let set = match sources.eval(FLAKE, &value) {
        Some(Resolved::Expression { node, .. }) if node.kind() == SyntaxKind::NODE_ATTR_SET => node,
        _ => {
            problems.push(Problem::at(
                FLAKE,
                range_of(&value),
                "nixosConfigurations is built by an expression that cannot be read statically; hosts are taken from host folders",
            ));
            return;
        }
    };
    for binding in bindings(&set) {
        if let Some((path, host_value)) = binding_parts(&binding)
            && let [name] = path.as_slice()
        {
            definitions.push((name.clone(), host_value));
        }
    }
}

fn from_flake(
    sources: &Sources,
    config: &FleetConfig,
    problems: &mut Vec<Problem>,
) -> Vec<FoundHost> {
    let mut found: Vec<FoundHost> = Vec::new();
    for (name, value) in definitions(sources, problems) {
        if found.iter().any(|host| host.name == name) {
            continue;
        }
        let entry = entry_from_paths(sources, &name, &value)
            .or_else(|| entry_from_names(sources, config, &name, &value))
            .unwrap_or_else(|| {
                let first_entry =
                    config.entry_files.first().map_or("configuration.nix", String::as_str);
                format!("{}/{name}/{first_entry}", config.hosts_dir)
            });
        found.push(FoundHost { name, entry });
    }
    found
}

/// The path literal in a definition that names an existing file, preferring one that
/// mentions the host's name.
fn entry_from_paths(sources: &Sources, name: &str, value: &SyntaxNode) -> Option<String> {
    let paths: Vec<String> = value
        .descendants()
        .filter_map(|node| path_literal(&node))
        .filter_map(|literal| sources.resolve_path(FLAKE, &literal))
        .collect();
    paths.iter().find(|path| path.split('/').any(|part| part == name)).or(paths.first()).cloned()
}

/// `<hosts_dir>/<candidate>/<entry file>` for the strings passed in the definition, then
/// for the attribute name.
fn entry_from_names(
    sources: &Sources,
    config: &FleetConfig,
    name: &str,
    value: &SyntaxNode,
) -> Option<String> {
    let mut candidates: Vec<String> =
        value.descendants().filter_map(|node| string_literal(&node)).collect();
    candidates.push(name.to_owned());
    candidates.iter().find_map(|candidate| entry_in_folder(sources, config, candidate))
}

fn entry_in_folder(sources: &Sources, config: &FleetConfig, folder: &str) -> Option<String> {
    config.entry_files.iter().find_map(|file| {
        let path = format!("{}/{folder}/{file}", config.hosts_dir);
        sources.files.contains(&path).then_some(path)
    })
}

fn from_folders(sources: &Sources, config: &FleetConfig) -> Vec<FoundHost> {
    let prefix = format!("{}/", config.hosts_dir);
    let folders: BTreeSet<&str> = sources
        .files
        .paths()
        .filter_map(|path| path.strip_prefix(&prefix))
        .filter_map(|rest| rest.split_once('/').map(|(folder, _)| folder))
        .collect();
    folders
        .into_iter()
        .filter_map(|folder| {
            let entry = entry_in_folder(sources, config, folder)?;
            Some(FoundHost { name: folder.to_owned(), entry })
        })
        .collect()
}

/// Names of the flake inputs whose url points at nixos-hardware, under whatever name.
pub fn hardware_inputs(sources: &Sources) -> Vec<String> {
    let Some(root) = sources.root(FLAKE) else { return Vec::new() };
    let mut names = Vec::new();
    for binding in root.descendants().filter(|node| node.kind() == SyntaxKind::NODE_ATTRPATH_VALUE)
    {
        let Some((path, value)) = binding_parts(&binding) else { continue };
        if path.last().map(String::as_str) != Some("url") {
            continue;
        }
        let points_at_hardware =
            string_literal(&strip_parens(value)).is_some_and(|url| url.contains("nixos-hardware"));
        if !points_at_hardware {
            continue;
        }
        let name = match path.len() {
            1 => binding
                .parent()
                .and_then(|set| set.parent())
                .and_then(|holder| binding_parts(&holder))
                .and_then(|(holder_path, _)| holder_path.last().cloned()),
            length => Some(path[length - 2].clone()),
        };
        names.extend(name);
    }
    names
}
