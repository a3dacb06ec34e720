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
/// those met walking the other classes' modules are not the fleet's. `home_is_nixos`
/// tells whether the repository declares NixOS options under `home` itself. `memo` keeps
/// each file's [`Evidence`].
pub fn other_class_modules(
    sources: &Sources,
    config: &FleetConfig,
    (hosts, home_is_nixos): (&[Host], bool),
    cache: &mut ImportCache,
    memo: &mut FileMemo<Evidence>,
) -> PathSet<String> {
    let reached: PathSet<&str> =
        hosts.iter().flat_map(|host| host.imports.iter()).map(String::as_str).collect();
    let mut machines = hosts::other_classes(sources, config);
    for (file, _) in sources.parsed() {
        if reached.contains(file) {
            continue;
        }
        let Some(content) = sources.files.get_shared(file) else { continue };
        let evidence = memo.get_or_insert_with(file, content, || evidence_in_file(sources, file));
        if evidence.counts(home_is_nixos) {
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

/// What a module sets that no NixOS module has: home-manager's `home.*`, nix-darwin's
/// `homebrew.*`, `launchd.*` or `system.defaults.*`.
#[derive(Clone, Copy, Default)]
pub struct Evidence {
    home: bool,
    darwin: bool,
}

impl Evidence {
    fn or(self, other: Evidence) -> Evidence {
        Evidence { home: self.home || other.home, darwin: self.darwin || other.darwin }
    }

    /// Whether the module is another class's. `home.*` is not evidence in a repository
    /// declaring NixOS options under `home` itself (`home.configFile` in hlissner's).
    fn counts(self, home_is_nixos: bool) -> bool {
        self.darwin || (self.home && !home_is_nixos)
    }
}

/// What a file's module sets that no NixOS module has, at its top level or in its
/// `config`.
fn evidence_in_file(sources: &Sources, file: &str) -> Evidence {
    sources.body(file).map(|body| evidence(&body, 0)).unwrap_or_default()
}

fn evidence(set: &SyntaxNode, depth: usize) -> Evidence {
    let set = strip_parens(set.clone());
    if depth > MAX_DEPTH {
        return Evidence::default();
    }
    match set.kind() {
        SyntaxKind::NODE_ATTR_SET => bindings(&set)
            .filter_map(|binding| binding_parts(&binding))
            .map(|(path, value)| match path.as_slice() {
                [config] if config == "config" => evidence(&value, depth + 1),
                [config, rest @ ..] if config == "config" => setting_evidence(rest, &value),
                _ => setting_evidence(&path, &value),
            })
            .fold(Evidence::default(), Evidence::or),
        SyntaxKind::NODE_LIST => set
            .children()
            .map(|item| evidence(&item, depth + 1))
            .fold(Evidence::default(), Evidence::or),
        // `mkIf cfg.enable { … }`, `mkMerge [ … ]`: the settings they hold.
        _ => match call_parts(&set) {
            Some((function, arguments))
                if matches!(callee_name(&function).as_deref(), Some("mkIf" | "mkMerge")) =>
            {
                arguments.last().map(|inner| evidence(inner, depth + 1)).unwrap_or_default()
            }
            _ => Evidence::default(),
        },
    }
}

/// What setting `path` (to `value`) tells of the module's class.
fn setting_evidence(path: &[String], value: &SyntaxNode) -> Evidence {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    let is_set = || strip_parens(value.clone()).kind() == SyntaxKind::NODE_ATTR_SET;
    let sets_defaults = || {
        bindings(&strip_parens(value.clone()))
            .filter_map(|binding| binding_parts(&binding))
            .any(|(inner, _)| inner.first().is_some_and(|name| name == "defaults"))
    };
    match names.as_slice() {
        ["home", _, ..] => Evidence { home: true, darwin: false },
        ["home"] => Evidence { home: is_set(), darwin: false },
        ["homebrew" | "launchd", _, ..] | ["system", "defaults", ..] => {
            Evidence { home: false, darwin: true }
        }
        ["homebrew" | "launchd"] => Evidence { home: false, darwin: is_set() },
        ["system"] => Evidence { home: false, darwin: is_set() && sets_defaults() },
        _ => Evidence::default(),
    }
}
