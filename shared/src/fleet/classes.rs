//! Modules of machine classes other than NixOS: nix-darwin's, home-manager's, nixbsd's.
//!
//! A fleet repository often holds them beside its NixOS modules. What they declare is no
//! option a NixOS host can have: importing a home-manager module into a NixOS host fails
//! to evaluate. So the options catalogue leaves out what only they declare.
//!
//! A module is another class's when a machine of that class reaches it and no NixOS host
//! does ([`super::hosts::other_classes`]), or when a module no NixOS host reaches sets an
//! option only another class has (`home.stateVersion`, `homebrew.enable`, `launchd…`,
//! `system.defaults…`), and so does everything such a module imports that no NixOS host
//! reaches either. The second rule finds the home-manager modules a NixOS host hands to
//! home-manager (`home-manager.users.me = import ./home.nix;`), which are no NixOS
//! imports.

use rnix::{SyntaxKind, SyntaxNode};

use super::Host;
use super::cache::FileMemo;
use super::config::FleetConfig;
use super::hash::PathSet;
use super::hosts::{self, FoundHost};
use super::imports::{self, ImportCache};
use super::sources::Sources;
use super::syntax::{binding_parts, bindings, call_parts, callee_name, strip_parens};

/// How deep `config = mkIf … (mkMerge [ … ])` is looked into for settings.
const MAX_DEPTH: usize = 4;

/// The modules only machines of other classes than NixOS use (see the module's comment).
/// `hosts` are the NixOS hosts, walked already: their import problems are reported, and
/// those met walking the other classes' modules are not the fleet's. `memo` keeps, per
/// file, whether it sets another class's options.
pub fn other_class_modules(
    sources: &Sources,
    config: &FleetConfig,
    hosts: &[Host],
    cache: &mut ImportCache,
    memo: &mut FileMemo<bool>,
) -> PathSet<String> {
    let reached: PathSet<&str> =
        hosts.iter().flat_map(|host| host.imports.iter()).map(String::as_str).collect();
    let mut machines = hosts::other_classes(sources, config);
    for (file, _) in sources.parsed() {
        if reached.contains(file) {
            continue;
        }
        let Some(content) = sources.files.get_shared(file) else { continue };
        if *memo.get_or_insert_with(file, content, || sets_other_class_options(sources, file)) {
            machines.push(FoundHost { entry: file.to_owned(), ..FoundHost::default() });
        }
    }
    let mut modules = PathSet::default();
    for machine in machines {
        let walked = (machine.entry.as_str(), machine.roots.as_slice(), &machine.arguments[..]);
        let graph = imports::walk(sources, config, walked, cache, &mut Vec::new());
        modules.extend(
            graph.modules.iter().filter(|module| !reached.contains(module.as_str())).cloned(),
        );
    }
    modules
}

/// Whether a file's module sets an option no NixOS module has, at its top level or in its
/// `config`.
fn sets_other_class_options(sources: &Sources, file: &str) -> bool {
    sources.body(file).is_some_and(|body| sets_in(&body, 0))
}

fn sets_in(set: &SyntaxNode, depth: usize) -> bool {
    let set = strip_parens(set.clone());
    if depth > MAX_DEPTH {
        return false;
    }
    match set.kind() {
        SyntaxKind::NODE_ATTR_SET => {
            bindings(&set).filter_map(|b| binding_parts(&b)).any(|(path, value)| {
                match path.as_slice() {
                    [config] if config == "config" => sets_in(&value, depth + 1),
                    [config, rest @ ..] if config == "config" => is_other_class(rest, &value),
                    _ => is_other_class(&path, &value),
                }
            })
        }
        SyntaxKind::NODE_LIST => set.children().any(|item| sets_in(&item, depth + 1)),
        // `mkIf cfg.enable { … }`, `mkMerge [ … ]`: the settings they hold.
        _ => call_parts(&set).is_some_and(|(function, arguments)| {
            matches!(callee_name(&function).as_deref(), Some("mkIf" | "mkMerge"))
                && arguments.last().is_some_and(|inner| sets_in(inner, depth + 1))
        }),
    }
}

/// Whether setting `path` (to `value`) sets an option only another class than NixOS has:
/// home-manager's `home.*`, nix-darwin's `homebrew.*`, `launchd.*` and `system.defaults.*`.
fn is_other_class(path: &[String], value: &SyntaxNode) -> bool {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    match names.as_slice() {
        ["home" | "homebrew" | "launchd", _, ..] | ["system", "defaults", ..] => true,
        ["home" | "homebrew" | "launchd"] | ["system"] => {
            let value = strip_parens(value.clone());
            value.kind() == SyntaxKind::NODE_ATTR_SET
                && (names != ["system"]
                    || bindings(&value)
                        .filter_map(|b| binding_parts(&b))
                        .any(|(inner, _)| inner.first().is_some_and(|name| name == "defaults")))
        }
        _ => false,
    }
}
