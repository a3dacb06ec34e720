//! Which hosts a repository defines: `flake.nix`'s `nixosConfigurations` and the machines
//! of a clan, else the nodes of a colmena hive, else the `hosts` set of a
//! flake-utils-plus flake, else lite-config's `hosts` (but darwin ones), else ez-configs'
//! `nixos-configurations/`, else the `systems/` folders of a snowfall-lib flake, else
//! nixos-unified's autowired `configurations/nixos/`, else the folder a helper builds each
//! host's module path in (`../nixos/${hostname}`), else host folders (easy-hosts'
//! `hosts/<arch>-nixos/<host>` among them).
//!
//! `nixosConfigurations` is read in `flake.nix`, else in the files `flake.nix` names (a
//! flake-parts module `./hosts` setting `flake.nixosConfigurations`).
//!
//! A host's entry is the first path literal in its definition that names an existing file,
//! else `<hosts_dir>/<name>/<entry file>` for the name passed to a helper (`mkHost "p620"`,
//! `makeSystem "p620"`), else the module the helper's list builds from that name
//! (`../machines/${name}.nix`), or, failing all, the attribute name. Hosts written in
//! comments are not hosts, since comments are not syntax.
//!
//! The other modules of a host are the `modules` list of the `nixosSystem` call in its
//! definition, or in the body of the helper the definition calls: the modules every host
//! gets from `flake.nix` or `lib/` count as much as those its entry imports. So do the
//! modules `flake.nix` hands a flake-level helper beside the hosts it builds
//! (`mkFlake inputs { hosts = …; modules.default = import ./.; }`), and those an easy-hosts
//! setup lists for every host (`shared.modules`) or for one (`hosts.<host>.modules`).
//!
//! An expression building `nixosConfigurations` that cannot be read is reported, unless it
//! lists the host folders itself (`attrNames (readDir ./hosts/nixos)`), which is what the
//! fallback to host folders reads too.
//!
//! Machines of other classes (nix-darwin's `darwinConfigurations`, home-manager's
//! `homeConfigurations`, nixbsd's, lite-config's darwin hosts, a clan's darwin machines)
//! are no hosts; [`other_classes`] reads them the same way, for the modules only they use.

use std::collections::BTreeSet;

use rnix::{SyntaxKind, SyntaxNode};

use super::Problem;
use super::config::FleetConfig;
use super::flake_parts;
use super::imports;
use super::sources::{Resolved, Sources};
use super::syntax::{
    attr_is, attr_name, binding_parts, bindings, body_of, bool_literal, call_parts, callee_name,
    dotted_name, enclosing_function, first_child, ident_name, is_ident, nth_child, parameters,
    path_literal, range_of, string_literal, strip_parens,
};

pub const FLAKE: &str = "flake.nix";

/// The flake output of NixOS hosts.
const NIXOS: &str = "nixosConfigurations";

/// The flake outputs of machines of other classes, each with a name the input building
/// them has (the flake must name it to have any): nix-darwin, home-manager and nixbsd.
const OTHER_CLASSES: [(&str, &str); 3] = [
    ("darwinConfigurations", "darwin"),
    ("homeConfigurations", "home-manager"),
    ("nixbsdConfigurations", "nixbsd"),
];

/// Which machines a reader returns: NixOS hosts, or those of other classes (nix-darwin,
/// home-manager, nixbsd).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    NixOs,
    Other,
}

#[derive(Default)]
pub struct FoundHost {
    pub name: String,
    pub entry: String,
    /// Module files the definition lists besides the entry.
    pub roots: Vec<String>,
    /// References to flake inputs' modules the definition lists
    /// (`<input>.nixosModules.<name>`), as (input, name).
    pub nixos_modules: Vec<(String, String)>,
    /// The strings the definition gives its modules' arguments (`mkHost { hostname =
    /// "freyja"; }`, `specialArgs = { desktop = "gnome"; }`), by name.
    pub arguments: Vec<(String, String)>,
}

/// One `name = value` under `nixosConfigurations`, in `file`.
pub struct Definition {
    pub file: String,
    pub name: String,
    pub value: SyntaxNode,
    /// The host's own module when the definition is a function mapped over a folder's
    /// entries (`mapAttrs (name: path: nixosSystem { … }) (findModules ./.)`).
    pub entry: Option<String>,
}

pub fn find(
    sources: &Sources,
    config: &FleetConfig,
    problems: &mut Vec<Problem>,
) -> Vec<FoundHost> {
    let mut found: Vec<FoundHost> = config
        .hosts
        .iter()
        .map(|(name, entry)| FoundHost {
            name: name.clone(),
            entry: entry.clone(),
            ..FoundHost::default()
        })
        .collect();
    let mut from_flake = from_flake(sources, config, NIXOS, problems);
    // clan adds its machines to the `nixosConfigurations` a flake may also define itself.
    for machine in from_clan(sources, config, Class::NixOs) {
        if from_flake.iter().all(|host| host.name != machine.name) {
            from_flake.push(machine);
        }
    }
    if from_flake.is_empty() {
        from_flake = from_colmena(sources, config);
    }
    if from_flake.is_empty() {
        from_flake = from_host_sets(sources, config);
    }
    if from_flake.is_empty() {
        from_flake = from_lite_config(sources, config, Class::NixOs);
    }
    if from_flake.is_empty() {
        from_flake = from_ez_configs(sources);
    }
    if from_flake.is_empty() {
        from_flake = from_snowfall_systems(sources, config);
    }
    if from_flake.is_empty() {
        from_flake = from_autowired(sources);
    }
    if from_flake.is_empty() {
        from_flake = from_helper_paths(sources, config);
    }
    if from_flake.is_empty() {
        from_flake = from_folders(sources, config);
    }
    for host in from_flake {
        if found.iter().all(|known| known.name != host.name) {
            found.push(host);
        }
    }
    let (shared_modules, shared_references) = modules_beside_hosts(sources, config);
    for host in &mut found {
        add_roots(host, &shared_modules, &shared_references);
    }
    for (file, for_host, list) in easy_hosts_lists(sources) {
        let (modules, references) = imports::modules_of_list(sources, config, &file, &list);
        let wanted = |host: &FoundHost| for_host.as_ref().is_none_or(|name| *name == host.name);
        for host in found.iter_mut().filter(|host| wanted(host)) {
            add_roots(host, &modules, &references);
        }
    }
    for host in &found {
        if sources.content(&host.entry).is_none() {
            problems.push(Problem::new(
                &host.entry,
                format!("entry file of host `{}` does not exist", host.name),
            ));
        }
    }
    found
}

/// The machines of other classes than NixOS the flake defines: those under the outputs of
/// [`OTHER_CLASSES`], lite-config's darwin hosts and a clan's machines of another class.
/// The modules they reach that no NixOS host does are theirs: no NixOS host can import
/// them. Their problems are not the fleet's, so none are reported.
pub fn other_classes(sources: &Sources, config: &FleetConfig) -> Vec<FoundHost> {
    let flake = sources.text(FLAKE).unwrap_or_default();
    let mut outputs =
        OTHER_CLASSES.iter().filter(|(_, input)| flake.contains(input)).map(|(output, _)| *output);
    let mut found = Vec::new();
    if let Some(first) = outputs.next() {
        let files = flake_files(sources);
        for output in std::iter::once(first).chain(outputs) {
            if files.iter().any(|file| sources.text(file).is_some_and(|text| text.contains(output)))
            {
                found.extend(from_flake(sources, config, output, &mut Vec::new()));
            }
        }
    }
    found.extend(from_lite_config(sources, config, Class::Other));
    found.extend(from_clan(sources, config, Class::Other));
    found
}

/// Adds `modules` and `references` to what `host`'s definition lists.
fn add_roots(host: &mut FoundHost, modules: &[String], references: &[(String, String)]) {
    for module in modules {
        if *module != host.entry && !host.roots.contains(module) {
            host.roots.push(module.clone());
        }
    }
    host.nixos_modules.extend(references.iter().cloned());
}

/// The modules `flake.nix` hands a flake-level helper beside the hosts it builds, which
/// every host gets: `mkFlake inputs { hosts = mapModules ./hosts import; modules.default =
/// import ./.; }`, `sharedModules = [ … ]`, flake-utils-plus' `hostDefaults.modules`,
/// lite-config's `systemModules` and `nixosModules`.
fn modules_beside_hosts(
    sources: &Sources,
    config: &FleetConfig,
) -> (Vec<String>, Vec<(String, String)>) {
    let (mut files, mut references) = (Vec::new(), Vec::new());
    let Some(flake) = sources.root(FLAKE) else { return (files, references) };
    // The arguments of calls, and lite-config's `lite-config = { lib, ... }: { … };`.
    let argument_sets = flake
        .descendants()
        .filter_map(|node| call_parts(&node))
        .flat_map(|(_, arguments)| arguments)
        .chain(flake.descendants().filter_map(|node| binding_parts(&node)).map(|(_, value)| value))
        .map(body_of)
        .filter(|argument| argument.kind() == SyntaxKind::NODE_ATTR_SET);
    for set in argument_sets {
        let bound: Vec<(Vec<String>, SyntaxNode)> =
            bindings(&set).filter_map(|binding| binding_parts(&binding)).collect();
        if !bound.iter().any(|(path, _)| path.first().map(String::as_str) == Some("hosts")) {
            continue;
        }
        for (path, value) in bound {
            let names: Vec<&str> = path.iter().map(String::as_str).collect();
            let list = match names.as_slice() {
                ["sharedModules"]
                | ["modules", "default"]
                | ["hostDefaults", "modules"]
                | ["systemModules" | "nixosModules"] => value,
                ["modules"] | ["hostDefaults"]
                    if strip_parens(value.clone()).kind() == SyntaxKind::NODE_ATTR_SET =>
                {
                    let wanted = if names == ["modules"] { "default" } else { "modules" };
                    let Some(inner) = bindings(&strip_parens(value))
                        .filter_map(|binding| binding_parts(&binding))
                        .find_map(|(inner_path, inner)| (inner_path == [wanted]).then_some(inner))
                    else {
                        continue;
                    };
                    inner
                }
                ["modules"] => value,
                _ => continue,
            };
            let (found, found_references) = imports::modules_of_list(sources, config, FLAKE, &list);
            for file in found {
                if !files.contains(&file) {
                    files.push(file);
                }
            }
            references.extend(found_references);
        }
    }
    (files, references)
}

/// flake-utils-plus' hosts: `mkFlake { hosts = { laptop.modules = [ ./hosts/laptop
/// ./modules/desktop.nix ]; server = { modules = [ … ]; }; }; }`, one host per name of a
/// `hosts` set written out in an argument of a call in `flake.nix`, with the modules listed
/// for it, and its entry picked among them by [`entry_among`].
fn from_host_sets(sources: &Sources, config: &FleetConfig) -> Vec<FoundHost> {
    let Some(flake) = sources.root(FLAKE) else { return Vec::new() };
    let mut lists = Vec::new();
    for (_, arguments) in flake.descendants().filter_map(|node| call_parts(&node)) {
        for argument in arguments {
            lists_named_modules(Vec::new(), argument, &mut lists);
        }
    }
    let host_lists = lists.into_iter().filter_map(|(path, list)| match path.as_slice() {
        [hosts, name, _] if hosts == "hosts" => Some((name.clone(), list)),
        _ => None,
    });
    let mut found: Vec<FoundHost> = Vec::new();
    for (name, list) in host_lists {
        let (modules, nixos_modules) = imports::modules_of_list(sources, config, FLAKE, &list);
        let Some(entry) = entry_among(sources, config, &name, &modules) else { continue };
        if found.iter().any(|host| host.name == name) {
            continue;
        }
        let roots = modules.into_iter().filter(|module| *module != entry).collect();
        found.push(FoundHost { name, entry, roots, nixos_modules, ..FoundHost::default() });
    }
    found
}

/// The names lite-config's setting has had.
const LITE_CONFIG: [&str; 2] = ["lite-config", "lite-system"];

/// lite-config's hosts (`lite-config = { hostModuleDir = ./hosts; hosts.build01.system =
/// "x86_64-linux"; };`), in `flake.nix` or a flake-parts module it names: one per name
/// under `hosts` of the `class` asked for (those of a darwin system are of another), its
/// module the `hostModule` given for it, else `<hostModuleDir>/<name>`. The modules
/// lite-config gives every host are read with the other flake-level helpers'
/// ([`modules_beside_hosts`]).
fn from_lite_config(sources: &Sources, config: &FleetConfig, class: Class) -> Vec<FoundHost> {
    let mut found: Vec<FoundHost> = Vec::new();
    for (file, settings) in flake_settings(sources, &LITE_CONFIG, 3) {
        let folder = settings.iter().find_map(|(path, value)| {
            (path == &["hostModuleDir"]).then(|| sources.folder_of(&file, value)).flatten()
        });
        let mut names: Vec<&str> = Vec::new();
        for (path, _) in &settings {
            if let [hosts, name, ..] = path.as_slice()
                && hosts == "hosts"
                && !names.contains(&name.as_str())
            {
                names.push(name);
            }
        }
        for name in names {
            let setting = |wanted: &str| {
                settings.iter().find_map(|(path, value)| {
                    matches!(path.as_slice(), [hosts, host, key]
                        if hosts == "hosts" && host == name && key == wanted)
                    .then_some(value)
                })
            };
            let system =
                setting("system").and_then(|system| string_literal(&strip_parens(system.clone())));
            let is_darwin = system.is_some_and(|system| system.ends_with("-darwin"));
            if is_darwin != (class == Class::Other) || found.iter().any(|host| host.name == name) {
                continue;
            }
            let (modules, nixos_modules) = match setting("hostModule") {
                Some(module) => imports::modules_of_list(sources, config, &file, module),
                None => {
                    let own = folder.as_ref().and_then(|folder| {
                        let base =
                            if folder.is_empty() { String::new() } else { format!("{folder}/") };
                        sources.resolve_path("", &format!("./{base}{name}"))
                    });
                    (own.into_iter().collect(), Vec::new())
                }
            };
            let Some(entry) = entry_among(sources, config, name, &modules) else { continue };
            let roots = modules.into_iter().filter(|module| *module != entry).collect();
            found.push(FoundHost {
                name: name.to_owned(),
                entry,
                roots,
                nixos_modules,
                ..FoundHost::default()
            });
        }
    }
    found
}

/// ez-configs' setup (`ezConfigs = { root = ./.; nixos.hosts.<host>.importDefault = false;
/// };`) in `flake.nix` or a flake-parts module it names: where its NixOS hosts and modules
/// are, `<root>/nixos-configurations` and `<root>/nixos-modules` unless
/// `nixos.configurationsDirectory` or `nixos.modulesDirectory` says otherwise, and the
/// hosts that do not import the default module.
pub struct EzConfigs {
    hosts: Option<String>,
    pub modules: Option<String>,
    without_default: Vec<String>,
}

pub fn ez_configs(sources: &Sources) -> Option<EzConfigs> {
    for (file, settings) in flake_settings(sources, &["ezConfigs"], 4) {
        let setting = |wanted: &[&str]| {
            settings.iter().find_map(|(path, value)| (path == wanted).then_some(value))
        };
        let folder_of = |wanted: &[&str]| sources.folder_of(&file, setting(wanted)?);
        let in_root = |name: &str| {
            let root = folder_of(&["root"])?;
            Some(if root.is_empty() { name.to_owned() } else { format!("{root}/{name}") })
        };
        let without_default = settings.iter().filter_map(|(path, value)| match path.as_slice() {
            [nixos, hosts, name, import_default]
                if nixos == "nixos"
                    && hosts == "hosts"
                    && import_default == "importDefault"
                    && bool_literal(&strip_parens(value.clone())) == Some(false) =>
            {
                Some(name.clone())
            }
            _ => None,
        });
        let found = EzConfigs {
            without_default: without_default.collect(),
            hosts: folder_of(&["nixos", "configurationsDirectory"])
                .or_else(|| in_root("nixos-configurations")),
            modules: folder_of(&["nixos", "modulesDirectory"]).or_else(|| in_root("nixos-modules")),
        };
        if found.hosts.is_some() || found.modules.is_some() {
            return Some(found);
        }
    }
    None
}

/// ez-configs' hosts: one per `.nix` file, or folder with a `default.nix`, of its hosts
/// folder, each with the default module of its modules folder (`default.nix` or
/// `default/default.nix`) unless its `importDefault` is false.
fn from_ez_configs(sources: &Sources) -> Vec<FoundHost> {
    let Some(EzConfigs { hosts: Some(hosts), modules, without_default }) = ez_configs(sources)
    else {
        return Vec::new();
    };
    let default_module = modules.and_then(|folder| sources.folder_module(&folder, &["default"]));
    folder_entries(sources, &hosts)
        .into_iter()
        .map(|(name, entry)| {
            let imports_default = !without_default.contains(&name);
            let roots = default_module.iter().filter(|_| imports_default).cloned().collect();
            FoundHost { name, entry, roots, ..FoundHost::default() }
        })
        .collect()
}

/// One setting with its attribute path.
type Setting = (Vec<String>, SyntaxNode);

/// The settings of a flake-level module setting named one of `names` (`lite-config = { …
/// };`, `ezConfigs.root = ./.;`), in `flake.nix` or the files it names that name it, with
/// each file: every setting below the name, nested or dotted, with its attribute path
/// below it, at most `depth` names deep. Discovery runs on every edit, so the files are
/// walked only when `flake.nix` names the setting.
fn flake_settings(sources: &Sources, names: &[&str], depth: usize) -> Vec<(String, Vec<Setting>)> {
    let names_setting = |file: &str| {
        sources.text(file).is_some_and(|text| names.iter().any(|name| text.contains(name)))
    };
    if !names_setting(FLAKE) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for file in flake_files(sources).into_iter().filter(|file| names_setting(file)) {
        let Some(root) = sources.root(&file) else { continue };
        let mut settings = Vec::new();
        for (path, value) in root.descendants().filter_map(|node| binding_parts(&node)) {
            if let Some(at) = path.iter().position(|name| names.contains(&name.as_str())) {
                leaf_settings(path[at + 1..].to_vec(), body_of(value), depth, &mut settings);
            }
        }
        found.push((file, settings));
    }
    found
}

/// The settings at and below `path` in `value`, nested or dotted, each with its whole
/// attribute path; at most `depth` names deep (a set there is one setting).
fn leaf_settings(path: Vec<String>, value: SyntaxNode, depth: usize, settings: &mut Vec<Setting>) {
    let value = strip_parens(value);
    if path.len() >= depth || value.kind() != SyntaxKind::NODE_ATTR_SET {
        settings.push((path, value));
        return;
    }
    for (inner, inner_value) in bindings(&value).filter_map(|binding| binding_parts(&binding)) {
        leaf_settings(path.iter().cloned().chain(inner).collect(), inner_value, depth, settings);
    }
}

/// The files clan imports into each machine from its folder when they exist.
const CLAN_MACHINE_FILES: [&str; 3] =
    ["configuration.nix", "hardware-configuration.nix", "disko.nix"];

/// The machines of a clan (`clan-core.lib.buildClan { … }`, `clan-core.lib.clan { … }`, or
/// a flake-parts `clan = { … };`) set up in `flake.nix` or a file it names: each name under
/// its `machines` or `inventory.machines`, and each folder of `machines/`, which clan reads
/// too, those of the `class` asked for (`machineClass = "darwin"` is another than NixOS).
/// clan imports a machine's own files from `machines/<name>/`; the module given for it
/// under `machines` adds its `imports`. Its entry is its `configuration.nix`, else the
/// module it imports from a folder named after it, else the first it imports, else its
/// first own file.
fn from_clan(sources: &Sources, config: &FleetConfig, class: Class) -> Vec<FoundHost> {
    let names_clan = |file: &str| sources.text(file).is_some_and(|text| text.contains("clan"));
    if !names_clan(FLAKE) {
        return Vec::new();
    }
    let mut machines = Machines::default();
    let mut found_clan = false;
    for file in flake_files(sources).into_iter().filter(|file| names_clan(file)) {
        let Some(root) = sources.root(&file) else { continue };
        for (path, value) in clan_settings(root) {
            found_clan = true;
            machines.read_clan(&file, &path, value);
        }
    }
    if !found_clan {
        return Vec::new();
    }
    for folder in folders_under(sources, "machines/") {
        machines.name(folder);
    }
    let other_class = machines.other_class;
    machines
        .names
        .into_iter()
        .filter(|(name, _)| other_class.contains(name) == (class == Class::Other))
        .map(|(name, given)| {
            let own: Vec<String> = CLAN_MACHINE_FILES
                .iter()
                .map(|file| format!("machines/{name}/{file}"))
                .filter(|path| sources.files.contains(path))
                .collect();
            let (modules, nixos_modules) = given_modules(sources, config, &given, &name);
            let configuration = format!("machines/{name}/{}", CLAN_MACHINE_FILES[0]);
            let entry = own
                .iter()
                .find(|file| **file == configuration)
                .or_else(|| modules.iter().find(|module| names_folder(module, &name)))
                .or(modules.first())
                .or(own.first())
                .cloned()
                .unwrap_or(configuration);
            let mut host = FoundHost { name, entry, ..FoundHost::default() };
            add_roots(&mut host, &[own, modules].concat(), &nixos_modules);
            host
        })
        .collect()
}

/// The machines a clan or a colmena hive names, in the order named, with the modules
/// given for each (and the files they are written in).
#[derive(Default)]
struct Machines {
    names: Vec<(String, Vec<(String, SyntaxNode)>)>,
    /// Machines of another class (`inventory.machines.mac.machineClass = "darwin"`).
    other_class: Vec<String>,
}

impl Machines {
    fn name(&mut self, name: &str) -> &mut Vec<(String, SyntaxNode)> {
        let index = match self.names.iter().position(|(known, _)| known == name) {
            Some(index) => index,
            None => {
                self.names.push((name.to_owned(), Vec::new()));
                self.names.len() - 1
            }
        };
        &mut self.names[index].1
    }

    /// Reads one setting of a clan, at `path` below it.
    fn read_clan(&mut self, file: &str, path: &[String], value: SyntaxNode) {
        let names: Vec<&str> = path.iter().map(String::as_str).collect();
        match names.as_slice() {
            ["machines"] | ["inventory"] | ["inventory", "machines"] => {
                self.read_clan_set(file, path, &value);
            }
            ["inventory", "machines", name] => {
                self.name(name);
                self.read_clan_set(file, path, &value);
            }
            // The module given for a machine, or its `imports` list.
            ["machines", name] | ["machines", name, "imports"] => {
                self.name(name).push((file.to_owned(), value));
            }
            ["inventory", "machines", name, "machineClass"]
                if string_literal(&strip_parens(value)).is_some_and(|class| class != "nixos") =>
            {
                self.name(name);
                self.other_class.push((*name).to_owned());
            }
            ["machines", name, ..] | ["inventory", "machines", name, ..] => {
                self.name(name);
            }
            _ => {}
        }
    }

    /// Reads the bindings of a set written out at `path` of a clan.
    fn read_clan_set(&mut self, file: &str, path: &[String], value: &SyntaxNode) {
        let value = strip_parens(value.clone());
        if value.kind() != SyntaxKind::NODE_ATTR_SET {
            return;
        }
        for (inner, inner_value) in bindings(&value).filter_map(|b| binding_parts(&b)) {
            let inner_path: Vec<String> = path.iter().cloned().chain(inner).collect();
            self.read_clan(file, &inner_path, inner_value);
        }
    }
}

/// The module files the modules given for machine `name` import (paths built from its
/// name, `./hosts/${name}`, read with it), and their `<input>.nixosModules.<name>`
/// references.
fn given_modules(
    sources: &Sources,
    config: &FleetConfig,
    given: &[(String, SyntaxNode)],
    name: &str,
) -> (Vec<String>, Vec<(String, String)>) {
    let (mut modules, mut nixos_modules) = (Vec::new(), Vec::new());
    for (file, module) in given {
        let (found, references) = imports::modules_of_list(sources, config, file, module);
        let named = paths_with_host_name(sources, file, module, name);
        for found in found.into_iter().chain(named) {
            if !modules.contains(&found) {
                modules.push(found);
            }
        }
        nixos_modules.extend(references);
    }
    (modules, nixos_modules)
}

/// The entry of host `name` among the modules listed for it: the one in a folder named
/// after it, else one in the hosts folder, else the host folder's entry file, else the
/// first listed.
fn entry_among(
    sources: &Sources,
    config: &FleetConfig,
    name: &str,
    modules: &[String],
) -> Option<String> {
    let host_folder = format!("{}/", config.hosts_dir);
    modules
        .iter()
        .find(|module| names_folder(module, name))
        .or_else(|| modules.iter().find(|module| module.starts_with(&host_folder)))
        .cloned()
        .or_else(|| entry_in_folder(sources, config, name))
        .or_else(|| modules.first().cloned())
}

/// Whether `module` lies in a folder (or is a file) named `name`.
fn names_folder(module: &str, name: &str) -> bool {
    module.split('/').any(|part| part == name)
}

/// The settings of the clans set up in a file, each with its attribute path below the
/// clan: the bindings of the set passed to `buildClan` or `clan`, and those under `clan`
/// or `flake.clan`.
fn clan_settings(root: &SyntaxNode) -> Vec<(Vec<String>, SyntaxNode)> {
    let mut settings = Vec::new();
    for node in root.descendants() {
        if let Some((function, arguments)) = call_parts(&node)
            && matches!(callee_name(&function).as_deref(), Some("buildClan" | "clan"))
        {
            let sets = arguments
                .into_iter()
                .map(strip_parens)
                .filter(|argument| argument.kind() == SyntaxKind::NODE_ATTR_SET);
            settings.extend(sets.flat_map(|set| bindings(&set).filter_map(|b| binding_parts(&b))));
        } else if let Some((path, value)) = binding_parts(&node) {
            // `clan = { … };`, and flake-parts' `flake.clan = { … };`.
            let below = match path.as_slice() {
                [clan, below @ ..] if clan == "clan" => below,
                [flake, clan, below @ ..] if flake == "flake" && clan == "clan" => below,
                _ => continue,
            };
            match strip_parens(value.clone()) {
                set if below.is_empty() && set.kind() == SyntaxKind::NODE_ATTR_SET => {
                    settings.extend(bindings(&set).filter_map(|binding| binding_parts(&binding)));
                }
                _ => settings.push((below.to_vec(), value)),
            }
        }
    }
    settings
}

/// The nodes of a colmena hive (`colmena = { meta = …; defaults = …; <host> = { … }; }`,
/// `flake.colmena`, or the set passed to `makeHive`) in `flake.nix` or a file it names,
/// nested or dotted (`laptop.imports = [ … ];`). A node's modules are what its module and
/// the hive's `defaults` import, a path built from the node's name (`./hosts/${name}`)
/// read with its name; its entry is picked among them by [`entry_among`].
fn from_colmena(sources: &Sources, config: &FleetConfig) -> Vec<FoundHost> {
    let names_colmena =
        |file: &str| sources.text(file).is_some_and(|text| text.contains("colmena"));
    if !names_colmena(FLAKE) {
        return Vec::new();
    }
    let mut defaults: Vec<(String, SyntaxNode)> = Vec::new();
    let mut nodes = Machines::default();
    for file in flake_files(sources).into_iter().filter(|file| names_colmena(file)) {
        let Some(root) = sources.root(&file) else { continue };
        for (set_file, path, value) in hive_settings(sources, &file, root) {
            let names: Vec<&str> = path.iter().map(String::as_str).collect();
            match names.as_slice() {
                ["defaults"] | ["defaults", "imports"] => defaults.push((set_file, value)),
                [] | ["meta" | "defaults", ..] => {}
                [node] | [node, "imports"] => nodes.name(node).push((set_file, value)),
                [node, ..] => {
                    nodes.name(node);
                }
            }
        }
    }
    nodes
        .names
        .into_iter()
        .map(|(name, mut given)| {
            given.extend(defaults.iter().cloned());
            let (modules, nixos_modules) = given_modules(sources, config, &given, &name);
            let entry = entry_among(sources, config, &name, &modules)
                .unwrap_or_else(|| format!("{}/{name}/default.nix", config.hosts_dir));
            let mut host = FoundHost { name, entry, ..FoundHost::default() };
            add_roots(&mut host, &modules, &nixos_modules);
            host
        })
        .collect()
}

/// The settings of the colmena hives written in a file, each with the file its set is
/// written in and its attribute path below the hive.
fn hive_settings(
    sources: &Sources,
    file: &str,
    root: &SyntaxNode,
) -> Vec<(String, Vec<String>, SyntaxNode)> {
    let mut settings = Vec::new();
    for node in root.descendants() {
        if let Some((function, arguments)) = call_parts(&node)
            && callee_name(&function).as_deref() == Some("makeHive")
            && let [argument] = arguments.as_slice()
            && strip_parens(argument.clone()).kind() == SyntaxKind::NODE_ATTR_SET
        {
            settings.extend(hive_set(sources, file, argument));
            continue;
        }
        let Some((path, value)) = binding_parts(&node) else { continue };
        let Some(position) = path.iter().position(|name| name == "colmena") else { continue };
        let in_inputs = node
            .ancestors()
            .filter_map(|ancestor| binding_parts(&ancestor))
            .any(|(outer, _)| outer.first().is_some_and(|first| first == "inputs"));
        let names: Vec<&str> = path[..position].iter().map(String::as_str).collect();
        if in_inputs || !matches!(names.as_slice(), [] | ["flake"]) {
            continue;
        }
        match &path[position + 1..] {
            [] => settings.extend(hive_set(sources, file, &value)),
            below => settings.push((file.to_owned(), below.to_vec(), value)),
        }
    }
    settings
}

/// The bindings of a hive's set: written out, or the body of the file `value` imports.
fn hive_set(
    sources: &Sources,
    file: &str,
    value: &SyntaxNode,
) -> Vec<(String, Vec<String>, SyntaxNode)> {
    let (set_file, set) = match body_of(value.clone()) {
        set if set.kind() == SyntaxKind::NODE_ATTR_SET => (file.to_owned(), set),
        other => match sources.eval(file, &other) {
            Some(Resolved::Path(target)) => match sources.body(&target) {
                Some(body) if body.kind() == SyntaxKind::NODE_ATTR_SET => (target, body),
                _ => return Vec::new(),
            },
            _ => return Vec::new(),
        },
    };
    bindings(&set)
        .filter_map(|binding| binding_parts(&binding))
        .map(|(path, inner)| (set_file.clone(), path, inner))
        .collect()
}

/// The `….modules` lists bound at `path` or below it in `value`, nested or dotted, with
/// their whole attribute paths; at most four names deep.
fn lists_named_modules(
    path: Vec<String>,
    value: SyntaxNode,
    lists: &mut Vec<(Vec<String>, SyntaxNode)>,
) {
    if path.last().is_some_and(|last| last == "modules") {
        lists.push((path, value));
        return;
    }
    let value = strip_parens(value);
    if path.len() >= 4 || value.kind() != SyntaxKind::NODE_ATTR_SET {
        return;
    }
    for (inner, inner_value) in bindings(&value).filter_map(|binding| binding_parts(&binding)) {
        lists_named_modules(path.iter().cloned().chain(inner).collect(), inner_value, lists);
    }
}

/// The `name = value` definitions under `nixosConfigurations` in `flake.nix`.
/// The conventions only decide which problems are worth reporting, so the default ones do.
pub fn definitions(sources: &Sources, problems: &mut Vec<Problem>) -> Vec<(String, SyntaxNode)> {
    definitions_in(sources, &FleetConfig::default(), FLAKE, NIXOS, problems)
        .into_iter()
        .map(|definition| (definition.name, definition.value))
        .collect()
}

/// How many files away from `flake.nix` its host definitions are looked for
/// (`flake.nix` → `./parts` → `./hosts.nix`).
const DEFINITION_DEPTH: usize = 3;

/// The definitions under `output` in `flake.nix`, else in the nearest files it names,
/// directly or through the files they name, that have some.
fn all_definitions(
    sources: &Sources,
    config: &FleetConfig,
    output: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Definition> {
    let mut seen: BTreeSet<String> = BTreeSet::from([FLAKE.to_owned()]);
    let mut layer = vec![FLAKE.to_owned()];
    for _ in 0..=DEFINITION_DEPTH {
        let found: Vec<Definition> = layer
            .iter()
            .flat_map(|file| definitions_in(sources, config, file, output, problems))
            .collect();
        if !found.is_empty() {
            return found;
        }
        layer = next_layer(sources, &layer, &mut seen);
    }
    from_helper_calls(sources, output)
}

/// `mkNixos "spencer" nixpkgs [ ./modules/tv ]`, where the helper defines
/// `nixosConfigurations.${name} = nixosSystem { … };` (or another `output`) for the outputs
/// it is merged into: one host per call in `flake.nix` or a file it names, named by the
/// string given for that parameter, defined by the call.
fn from_helper_calls(sources: &Sources, output: &str) -> Vec<Definition> {
    let files = flake_files(sources);
    let mut helpers: Vec<(SyntaxNode, usize)> = Vec::new();
    for file in &files {
        if !sources.text(file).is_some_and(|text| text.contains(output)) {
            continue;
        }
        let Some(root) = sources.root(file) else { continue };
        for attrpath in root.descendants().filter(|node| node.kind() == SyntaxKind::NODE_ATTRPATH) {
            let attrs: Vec<SyntaxNode> = attrpath.children().collect();
            let [.., outputs, by_name] = attrs.as_slice() else { continue };
            let parameter = by_name.children().next().and_then(|inner| ident_name(&inner));
            let Some(parameter) = parameter
                .filter(|_| by_name.kind() == SyntaxKind::NODE_DYNAMIC && attr_is(outputs, output))
            else {
                continue;
            };
            let Some(outermost) = enclosing_function(&attrpath) else { continue };
            let position = parameters(&outermost)
                .iter()
                .position(|name| name.as_deref() == Some(parameter.as_str()));
            if let Some(position) = position {
                helpers.push((outermost, position));
            }
        }
    }
    let mut definitions = Vec::new();
    if helpers.is_empty() {
        return definitions;
    }
    for file in &files {
        let Some(root) = sources.root(file) else { continue };
        for call in root.descendants().filter(|node| node.kind() == SyntaxKind::NODE_APPLY) {
            let is_whole_call = call.parent().is_none_or(|parent| {
                parent.kind() != SyntaxKind::NODE_APPLY
                    || first_child(&parent).as_ref() != Some(&call)
            });
            let Some((function, arguments)) = call_parts(&call).filter(|_| is_whole_call) else {
                continue;
            };
            let names_host = |(_, position): &(SyntaxNode, usize)| {
                arguments.get(*position).is_some_and(|argument| {
                    string_literal(&strip_parens(argument.clone())).is_some()
                })
            };
            if !helpers.iter().any(names_host) {
                continue;
            }
            let Some(Resolved::Expression { node: helper, .. }) = sources.eval(file, &function)
            else {
                continue;
            };
            let Some(&(_, position)) = helpers.iter().find(|(known, _)| *known == helper) else {
                continue;
            };
            if let Some(name) =
                arguments.get(position).and_then(|name| string_literal(&strip_parens(name.clone())))
            {
                definitions.push(Definition { file: file.clone(), name, value: call, entry: None });
            }
        }
    }
    definitions
}

/// `flake.nix` and the `.nix` files it names, directly or through the files they name (at
/// most [`DEFINITION_DEPTH`] files away), nearest first.
fn flake_files(sources: &Sources) -> Vec<String> {
    let mut seen: BTreeSet<String> = BTreeSet::from([FLAKE.to_owned()]);
    let mut layer = vec![FLAKE.to_owned()];
    let mut files = Vec::new();
    for _ in 0..DEFINITION_DEPTH {
        let next = next_layer(sources, &layer, &mut seen);
        files.append(&mut layer);
        layer = next;
    }
    files.append(&mut layer);
    files
}

/// The `.nix` files the files of `layer` name, not `seen` before: those named by path,
/// and those of the folders `import-tree` loads.
fn next_layer(sources: &Sources, layer: &[String], seen: &mut BTreeSet<String>) -> Vec<String> {
    let mut next = Vec::new();
    for file in layer {
        let Some(root) = sources.root(file) else { continue };
        let named = root.descendants().flat_map(|node| {
            let Some(literal) = path_literal(&node) else { return Vec::new() };
            match sources.resolve_path(file, &literal) {
                Some(target) => vec![target],
                None if is_import_tree_argument(&node) => sources
                    .folder(file, &literal)
                    .map(|folder| tree_files(sources, &folder))
                    .unwrap_or_default(),
                None => Vec::new(),
            }
        });
        for target in named {
            if target.ends_with(".nix") && seen.insert(target.clone()) {
                next.push(target);
            }
        }
    }
    next
}

/// Whether a path is given to `import-tree` (`inputs.import-tree ./modules`, or in a list
/// given to it).
fn is_import_tree_argument(path: &SyntaxNode) -> bool {
    path.ancestors().skip(1).take(3).filter_map(|node| call_parts(&node)).any(|(function, _)| {
        dotted_name(&strip_parens(function))
            .is_some_and(|names| names.iter().any(|name| name == "import-tree"))
    })
}

/// The `.nix` files `import-tree` loads from a folder: all below it, but those with a
/// path part starting with `_`.
fn tree_files(sources: &Sources, folder: &str) -> Vec<String> {
    let prefix = if folder.is_empty() { String::new() } else { format!("{folder}/") };
    sources
        .nix_files_under(folder)
        .into_iter()
        .filter(|path| !path[prefix.len()..].split('/').any(|part| part.starts_with('_')))
        .collect()
}

/// The names easy-hosts' setting has had (and its input usually has).
const EASY_HOSTS: [&str; 2] = ["easy-hosts", "easyHosts"];

/// easy-hosts' module lists (`easy-hosts = { shared.modules = [ … ]; hosts.<host>.modules =
/// [ … ]; }`, or `easyHosts`), in `flake.nix` or a flake-parts module it names, each with
/// its file and the host it is for (none for the shared ones, which every host gets).
/// Discovery runs on every edit, so the files are walked only when `flake.nix` has the
/// easy-hosts input, and read only when they name the setting.
fn easy_hosts_lists(sources: &Sources) -> Vec<(String, Option<String>, SyntaxNode)> {
    let names_setting = |file: &str| {
        sources.text(file).is_some_and(|text| EASY_HOSTS.iter().any(|name| text.contains(name)))
    };
    let mut found = Vec::new();
    if !names_setting(FLAKE) {
        return found;
    }
    for file in flake_files(sources).into_iter().filter(|file| names_setting(file)) {
        let Some(root) = sources.root(&file) else { continue };
        let mut lists = Vec::new();
        for (path, value) in root.descendants().filter_map(|node| binding_parts(&node)) {
            if path.first().is_some_and(|first| EASY_HOSTS.contains(&first.as_str())) {
                lists_named_modules(path, value, &mut lists);
            }
        }
        for (path, list) in lists {
            let host = match path.as_slice() {
                [_, shared, _] if shared == "shared" => None,
                [_, hosts, name, _] if hosts == "hosts" => Some(name.clone()),
                _ => continue,
            };
            found.push((file.clone(), host, list));
        }
    }
    found
}

fn definitions_in(
    sources: &Sources,
    config: &FleetConfig,
    file: &str,
    output: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Definition> {
    let Some(root) = sources.root(file) else { return Vec::new() };
    let mut definitions = Vec::new();
    for binding in root.descendants().filter(|node| node.kind() == SyntaxKind::NODE_ATTRPATH_VALUE)
    {
        let Some((path, value)) = binding_parts(&binding) else { continue };
        let Some(position) = path.iter().position(|name| name == output) else { continue };
        match &path[position + 1..] {
            // `agenix-rekey.nixosConfigurations = self.nodes;`: the flake's own hosts handed
            // to a tool, no definition.
            [] if names_the_own_outputs(&value) => {}
            [] => collect_set(sources, config, file, output, &value, &mut definitions, problems),
            [name] => {
                definitions.push(Definition {
                    file: file.to_owned(),
                    name: name.clone(),
                    value,
                    entry: None,
                });
            }
            _ => {}
        }
    }
    definitions
}

fn collect_set(
    sources: &Sources,
    config: &FleetConfig,
    file: &str,
    output: &str,
    value: &SyntaxNode,
    definitions: &mut Vec<Definition>,
    problems: &mut Vec<Problem>,
) {
    let value = strip_parens(value.clone());
    if matches!(
        value.kind(),
        SyntaxKind::NODE_LET_IN | SyntaxKind::NODE_WITH | SyntaxKind::NODE_ASSERT
    ) && let Some(body) = value.children().last()
    {
        return collect_set(sources, config, file, output, &body, definitions, problems);
    }
    if let Some((folder, mapper)) = mapped_folder(sources, file, &value) {
        definitions.extend(folder_entries(sources, &folder).into_iter().map(|(name, entry)| {
            Definition { file: file.to_owned(), name, value: mapper.clone(), entry: Some(entry) }
        }));
        return;
    }
    if value.kind() == SyntaxKind::NODE_BIN_OP {
        for side in value.children() {
            collect_set(sources, config, file, output, &side, definitions, problems);
        }
        return;
    }
    if let Some((function, arguments)) = call_parts(&value)
        && let Some(first) = arguments.first()
    {
        let list_or_set = match sources.eval(file, first) {
            Some(Resolved::Expression { node, .. }) => node,
            _ => first.clone(),
        };
        match (callee_name(&function).as_deref(), list_or_set.kind(), arguments.len()) {
            (Some("genAttrs"), SyntaxKind::NODE_LIST, 2) => {
                for item in list_or_set.children() {
                    if let Some(name) = string_literal(&strip_parens(item)) {
                        definitions.push(Definition {
                            file: file.to_owned(),
                            name,
                            value: value.clone(),
                            entry: None,
                        });
                    }
                }
                return;
            }
            (Some("mapAttrs"), _, 2) => {
                return collect_set(
                    sources,
                    config,
                    file,
                    output,
                    &arguments[1],
                    definitions,
                    problems,
                );
            }
            (Some("listToAttrs"), _, 1) if from_mapped_list(sources, file, first, definitions) => {
                return;
            }
            (_, SyntaxKind::NODE_STRING, 1)
                if let Some(name) = string_literal(first)
                    && let Some(definition) = named_by_argument(sources, file, &function, name) =>
            {
                definitions.push(definition);
                return;
            }
            (Some("import"), _, _) => {
                // `import ./hosts { … }`: the hosts file's body, below its arguments.
                if let Some(Resolved::Path(target)) = sources.eval(file, first)
                    && let Some(body) = sources.body(&target)
                {
                    return collect_set(
                        sources,
                        config,
                        &target,
                        output,
                        &body,
                        definitions,
                        problems,
                    );
                }
            }
            _ => {}
        }
    }
    let (set_file, set) = match sources.eval(file, &value) {
        Some(Resolved::Expression { file, node }) if node.kind() == SyntaxKind::NODE_ATTR_SET => {
            (file, node)
        }
        _ if let Some(set) = own_output_set(sources, file, &value) => (file.to_owned(), set),
        // `mkHostConfigs (readHosts "nixos")` with `readHosts = folder: attrNames (readDir
        // ./hosts/${folder})`: the host folders are what the expression reads, so taking
        // the hosts from them is no guess worth a problem.
        _ if reads_host_folders(sources, config, file, &value) => return,
        _ => {
            problems.push(Problem::at(
                file,
                range_of(&value),
                format!("{output} is built by an expression that cannot be read statically; hosts are taken from host folders"),
            ));
            return;
        }
    };
    for binding in bindings(&set) {
        if let Some((path, host_value)) = binding_parts(&binding)
            && let [name] = path.as_slice()
        {
            definitions.push(Definition {
                file: set_file.clone(),
                name: name.clone(),
                value: host_value,
                entry: None,
            });
        }
    }
}

/// A function mapped over the entries of a folder, with the folder:
/// `mapAttrs (name: path: nixosSystem { … }) (findModules ./hosts)`, or the same as the
/// last step of `pipe ./hosts [ findModules (mapAttrs …) ]`. Whatever lists the folder
/// (a `findModules`/`rakeLeaves`-style helper, `readDir`), its hosts are the folder's
/// entries; `import ./hosts` is a file's value instead, read as such.
fn mapped_folder(
    sources: &Sources,
    file: &str,
    value: &SyntaxNode,
) -> Option<(String, SyntaxNode)> {
    let (function, arguments) = call_parts(value)?;
    match (callee_name(&function)?.as_str(), arguments.as_slice()) {
        ("mapAttrs", [mapper, listed]) => {
            Some((sources.listed_folder(file, listed)?, mapper.clone()))
        }
        ("pipe", [start, steps]) => {
            let steps = strip_parens(steps.clone());
            let last = steps.children().last().filter(|_| steps.kind() == SyntaxKind::NODE_LIST)?;
            let (mapping, mapper) = call_parts(&last)?;
            let [mapper] = mapper.as_slice() else { return None };
            if callee_name(&mapping).as_deref() != Some("mapAttrs") || steps.children().count() < 2
            {
                return None;
            }
            Some((sources.folder_of(file, start)?, mapper.clone()))
        }
        _ => None,
    }
}

/// The hosts a folder's entries make, by name, each with its module: each folder holding
/// a `default.nix`, and each other `.nix` file (by its name without `.nix`); names
/// starting with `_` are left out, as the helpers that list folders do.
fn folder_entries(sources: &Sources, folder: &str) -> Vec<(String, String)> {
    let prefix = if folder.is_empty() { String::new() } else { format!("{folder}/") };
    let mut entries = Vec::new();
    for path in sources.nix_files_under(folder) {
        let rest = &path[prefix.len()..];
        let name = match rest.split_once('/') {
            Some((name, "default.nix")) => name,
            None if rest != "default.nix" => rest.trim_end_matches(".nix"),
            _ => continue,
        };
        if !name.starts_with('_') && entries.iter().all(|(known, _)| known != name) {
            entries.push((name.to_owned(), path.clone()));
        }
    }
    entries
}

/// `mkHost "rasp4"` with `mkHost = name: { ${name} = nixosSystem { … }; }`: the host the
/// helper defines under the name it is given.
fn named_by_argument(
    sources: &Sources,
    file: &str,
    function: &SyntaxNode,
    name: String,
) -> Option<Definition> {
    let Some(Resolved::Expression { file: helper_file, node: helper }) =
        sources.eval(file, function)
    else {
        return None;
    };
    let parameter = parameters(&helper).into_iter().next()??;
    let set = strip_parens(nth_child(&helper, 1)?);
    let [binding] = bindings(&set).collect::<Vec<_>>().try_into().ok()?;
    let attrpath = binding.children().find(|child| child.kind() == SyntaxKind::NODE_ATTRPATH)?;
    let [attr] = attrpath.children().collect::<Vec<_>>().try_into().ok()?;
    let by_parameter = attr.kind() == SyntaxKind::NODE_DYNAMIC
        && attr.children().next().is_some_and(|inner| is_ident(&inner, &parameter));
    let value = binding.children().find(|child| child.kind() != SyntaxKind::NODE_ATTRPATH)?;
    by_parameter.then(|| Definition { file: helper_file, name, value, entry: None })
}

/// The set a flake-parts module binds to one of the flake's outputs that `value` selects
/// (`mapAttrs (name: module: nixosSystem { … }) self.nixosModules` beside `flake.nixosModules
/// = { rose = { imports = [ … ]; }; }`), in the same file.
fn own_output_set(sources: &Sources, file: &str, value: &SyntaxNode) -> Option<SyntaxNode> {
    let names = dotted_name(&strip_parens(value.clone()))?;
    let output = match names.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["self" | "inputs", ..] if names.contains(&"self".to_owned()) => {
            names.iter().skip_while(|name| *name != "self").skip(1).cloned().collect::<Vec<_>>()
        }
        ["config", "flake", ..] => names[2..].to_vec(),
        _ => return None,
    };
    let wanted: Vec<String> = std::iter::once("flake".to_owned()).chain(output).collect();
    sources.root(file)?.descendants().filter_map(|node| binding_parts(&node)).find_map(
        |(path, bound)| {
            let bound = strip_parens(bound);
            (path == wanted && bound.kind() == SyntaxKind::NODE_ATTR_SET).then_some(bound)
        },
    )
}

/// Whether `value` only selects from the flake's own outputs (`self.nodes`,
/// `inputs.self.nixosConfigurations`, `config.flake.nixosConfigurations`).
fn names_the_own_outputs(value: &SyntaxNode) -> bool {
    let value = strip_parens(value.clone());
    value.kind() == SyntaxKind::NODE_SELECT
        && dotted_name(&value).is_some_and(|names| {
            matches!(names.first().map(String::as_str), Some("self" | "config"))
                || names.starts_with(&["inputs".to_owned(), "self".to_owned()])
        })
}

/// Whether an expression, or a function it names, lists the host folders with `readDir
/// ./hosts/…`.
fn reads_host_folders(
    sources: &Sources,
    config: &FleetConfig,
    file: &str,
    value: &SyntaxNode,
) -> bool {
    let named = value
        .descendants()
        .filter(|node| node.kind() == SyntaxKind::NODE_IDENT)
        .filter_map(|name| sources.bound_value(file, &name));
    std::iter::once((file.to_owned(), value.clone())).chain(named).any(|(file, expression)| {
        expression.descendants().filter_map(|node| call_parts(&node)).any(
            |(function, arguments)| {
                let [folder] = arguments.as_slice() else { return false };
                let text = folder.text().to_string();
                let literal = text.split("${").next().unwrap_or_default().trim_end_matches('/');
                callee_name(&function).as_deref() == Some("readDir")
                    && crate::files::resolve(&file, literal).is_some_and(|folder| {
                        folder == config.hosts_dir
                            || folder.starts_with(&format!("{}/", config.hosts_dir))
                    })
            },
        )
    })
}

/// The folder an expression lists with `readDir ./folder`, itself or through the names it
/// is bound to (`hosts = filter … (mapAttrsToList … (readDir ./hosts));`).
fn read_folder(sources: &Sources, file: &str, node: &SyntaxNode) -> Option<String> {
    let (file, expression) = sources.bound_value(file, node)?;
    expression.descendants().filter_map(|node| call_parts(&node)).find_map(
        |(function, arguments)| {
            let [folder] = arguments.as_slice() else { return None };
            let reads = callee_name(&function).as_deref() == Some("readDir");
            reads.then(|| sources.folder_of(&file, folder)).flatten()
        },
    )
}

/// `listToAttrs (map (host: { name = …; value = mkHost host; }) [ "a" "b" ])`: one
/// definition per listed name, its value being the mapped `value`. The list may also be
/// the folders of a folder it reads (`hosts = … (readDir ./hosts)`): one per folder.
fn from_mapped_list(
    sources: &Sources,
    file: &str,
    argument: &SyntaxNode,
    definitions: &mut Vec<Definition>,
) -> bool {
    let Some((function, arguments)) = call_parts(&strip_parens(argument.clone())) else {
        return false;
    };
    let [mapper, list] = arguments.as_slice() else { return false };
    if callee_name(&function).as_deref() != Some("map") {
        return false;
    }
    let (mapper, list) = (strip_parens(mapper.clone()), strip_parens(list.clone()));
    let value = (mapper.kind() == SyntaxKind::NODE_LAMBDA)
        .then(|| mapper.children().nth(1))
        .flatten()
        .map(strip_parens)
        .filter(|body| body.kind() == SyntaxKind::NODE_ATTR_SET)
        .and_then(|body| {
            bindings(&body)
                .filter_map(|binding| binding_parts(&binding))
                .find_map(|(path, value)| (path == ["value"]).then_some(value))
        });
    let Some(value) = value else { return false };
    let names: Vec<String> = match list.kind() {
        SyntaxKind::NODE_LIST => {
            list.children().filter_map(|item| string_literal(&strip_parens(item))).collect()
        }
        _ => match read_folder(sources, file, &list) {
            Some(folder) => folders_under(sources, &format!("{folder}/"))
                .into_iter()
                .map(str::to_owned)
                .collect(),
            None => return false,
        },
    };
    for name in names {
        definitions.push(Definition {
            file: file.to_owned(),
            name,
            value: value.clone(),
            entry: None,
        });
    }
    true
}

/// The module lists of a definition, with the file each is in: the `modules` of its
/// `nixosSystem` call and the `…Modules` lists it passes to a helper
/// (`mkSystem { extraModules = [ ./modules ]; }`); without a `nixosSystem` call of its
/// own, also the `modules` of the `nixosSystem` call in the body of the helper it calls.
fn module_lists(sources: &Sources, file: &str, value: &SyntaxNode) -> Vec<(String, SyntaxNode)> {
    let mut lists = passed_module_lists(file, value);
    // A definition that is a module itself (`rose = { imports = [ … ]; };` under a set of
    // modules mapped to systems): what it imports.
    if strip_parens(value.clone()).kind() == SyntaxKind::NODE_ATTR_SET {
        lists.push((file.to_owned(), value.clone()));
    }
    if !system_module_lists(sources, file, value).is_empty() {
        return lists;
    }
    lists.extend(helper_module_lists(sources, file, value, 0));
    lists
}

/// How many helpers deep a definition's `nixosSystem` call is looked for.
const HELPER_DEPTH: usize = 2;

/// The module lists of the `nixosSystem` call in the body of the helper a definition
/// calls, or of the helper that helper calls (`mkHost = name: mkHostFrom name ./…;`), with
/// the arguments the call of that helper gives a parameter those lists add as modules
/// (what the definition passes on through the first helper is not followed).
fn helper_module_lists(
    sources: &Sources,
    file: &str,
    value: &SyntaxNode,
    depth: usize,
) -> Vec<(String, SyntaxNode)> {
    for call in calls_in(value) {
        let Some((function, arguments)) = call_parts(&call) else { continue };
        let Some(Resolved::Expression { file: helper_file, node: helper }) =
            sources.eval(file, &function)
        else {
            continue;
        };
        if helper.kind() != SyntaxKind::NODE_LAMBDA {
            continue;
        }
        let found = system_module_lists(sources, &helper_file, &helper);
        if !found.is_empty() {
            let passed = passed_positionally(&helper, &arguments, &found);
            let mut lists: Vec<(String, SyntaxNode)> =
                passed.into_iter().map(|argument| (file.to_owned(), argument)).collect();
            lists.extend(found);
            return lists;
        }
        if depth + 1 < HELPER_DEPTH {
            let nested = helper_module_lists(sources, &helper_file, &helper, depth + 1);
            if !nested.is_empty() {
                return nested;
            }
        }
    }
    Vec::new()
}

/// The arguments of a helper's call (`mkHost "a" [ ./modules/tv.nix ]`) given to a
/// parameter its module lists add as modules (`modules = [ … ] ++ extraModules;`).
fn passed_positionally(
    helper: &SyntaxNode,
    arguments: &[SyntaxNode],
    lists: &[(String, SyntaxNode)],
) -> Vec<SyntaxNode> {
    let added_as_modules = |name: &str| {
        lists.iter().flat_map(|(_, list)| list.descendants()).any(|node| {
            is_ident(&node, name)
                && node.parent().is_some_and(|parent| {
                    matches!(parent.kind(), SyntaxKind::NODE_LIST | SyntaxKind::NODE_BIN_OP)
                })
        })
    };
    parameters(helper)
        .iter()
        .zip(arguments)
        .filter(|(parameter, _)| parameter.as_deref().is_some_and(added_as_modules))
        .map(|(_, argument)| argument.clone())
        .collect()
}

/// The calls in an expression, itself included.
fn calls_in(node: &SyntaxNode) -> impl Iterator<Item = SyntaxNode> {
    std::iter::once(node.clone())
        .chain(node.descendants())
        .filter(|node| node.kind() == SyntaxKind::NODE_APPLY)
}

/// `modules = [ … ]`, `extraModules = [ … ]` in the attribute sets passed to the calls of
/// a definition.
fn passed_module_lists(file: &str, value: &SyntaxNode) -> Vec<(String, SyntaxNode)> {
    let is_module_list = |name: &str| name == "modules" || name.ends_with("Modules");
    passed_settings(value)
        .filter(|(path, _)| matches!(path.as_slice(), [name] if is_module_list(name)))
        .map(|(_, list)| (file.to_owned(), list))
        .collect()
}

/// The bindings of the attribute sets the calls of a definition are given
/// (`mkHost { hostname = "a"; modules = [ … ]; }`), with their attribute paths.
fn passed_settings(value: &SyntaxNode) -> impl Iterator<Item = (Vec<String>, SyntaxNode)> {
    calls_in(value)
        .filter_map(|call| call_parts(&call))
        .flat_map(|(_, arguments)| arguments)
        .map(strip_parens)
        .filter(|argument| argument.kind() == SyntaxKind::NODE_ATTR_SET)
        .flat_map(|set| bindings(&set).collect::<Vec<_>>())
        .filter_map(|binding| binding_parts(&binding))
}

/// The `modules` lists of the `nixosSystem` calls in `node`, with the file each is in: a
/// call of `nixosSystem`, or of a name bound to a choice of it (`systemFunc = if darwin
/// then darwinSystem else nixosSystem;`).
fn system_module_lists(
    sources: &Sources,
    file: &str,
    node: &SyntaxNode,
) -> Vec<(String, SyntaxNode)> {
    let mut lists = Vec::new();
    let is_nixos_system = |node: &SyntaxNode| callee_name(node).as_deref() == Some("nixosSystem");
    for call in calls_in(node) {
        let Some((function, arguments)) = call_parts(&call) else { continue };
        let [argument] = arguments.as_slice() else { continue };
        let chosen = || {
            let (_, bound) = sources.bound_value(file, &function)?;
            let choice = bound.kind() == SyntaxKind::NODE_IF_ELSE;
            choice.then(|| bound.descendants().any(|branch| is_nixos_system(&branch)))
        };
        if !is_nixos_system(&function) && chosen() != Some(true) {
            continue;
        }
        let (set_file, set) = match strip_parens(argument.clone()) {
            set if set.kind() == SyntaxKind::NODE_ATTR_SET => (file.to_owned(), set),
            other => match sources.eval(file, &other) {
                Some(Resolved::Expression { file, node })
                    if node.kind() == SyntaxKind::NODE_ATTR_SET =>
                {
                    (file, node)
                }
                _ => continue,
            },
        };
        lists.extend(
            bindings(&set)
                .filter_map(|binding| binding_parts(&binding))
                .filter(|(path, _)| path == &["modules"])
                .map(|(_, list)| (set_file.clone(), list)),
        );
    }
    lists
}

/// The hosts defined under `output` ([`all_definitions`]), each with its entry and the
/// other modules its definition lists.
fn from_flake(
    sources: &Sources,
    config: &FleetConfig,
    output: &str,
    problems: &mut Vec<Problem>,
) -> Vec<FoundHost> {
    let mut found: Vec<FoundHost> = Vec::new();
    for Definition { file, name, value, entry } in
        all_definitions(sources, config, output, problems)
    {
        if found.iter().any(|host| host.name == name) {
            continue;
        }
        let mut roots = Vec::new();
        let mut named_by_host = Vec::new();
        let mut nixos_modules = Vec::new();
        let arguments = string_arguments(&value);
        for (list_file, list) in module_lists(sources, &file, &value) {
            let (files, references) = imports::modules_of_list(sources, config, &list_file, &list);
            let named: Vec<String> = paths_with_host_name(sources, &list_file, &list, &name)
                .into_iter()
                .chain(own_modules_with_host_name(sources, &list, &name))
                .collect();
            named_by_host.extend(named.iter().cloned());
            for module in files.into_iter().chain(named) {
                if !roots.contains(&module) {
                    roots.push(module);
                }
            }
            nixos_modules.extend(references);
        }
        // A helper's `../machines/${name}.nix` is the host's own module when nothing in
        // the definition names one: it is the only path there built from the host's name.
        // The flake's own module named after the host (`config.flake.modules.nixos.laptop`)
        // is its entry; else a path in the definition, a host folder, or any own module.
        // When nothing names the host's modules (a helper out of reach built the list), the
        // flake's own module of the host's name still is the host's, by convention.
        let inline: Vec<String> =
            roots.iter().filter(|module| flake_parts::split(module).is_some()).cloned().collect();
        // The files the definition's paths name: one in a folder named after the host,
        // else one it lists as a module before one it uses otherwise
        // (`users.${user} = import ./home-manager.nix;` is no NixOS module).
        let paths = paths_in(sources, &file, &value);
        let path_in_definition =
            paths.iter().find(|path| roots.contains(path)).or(paths.first()).cloned();
        // `./host` shared by every host, importing `./${hostname}/boot.nix`: the first
        // module built from the host's name is its own.
        let by_host_name = || {
            let host_name: Vec<(String, String)> =
                arguments.iter().filter(|(_, value)| *value == name).cloned().collect();
            imports::by_argument(sources, config, &roots, &host_name).first().cloned()
        };
        let entry = entry
            .or_else(|| named_entry(sources, &inline, &name))
            .or_else(|| paths.iter().find(|path| names_folder(path, &name)).cloned())
            .or_else(|| entry_from_names(sources, config, &name, &value))
            .or_else(|| named_by_host.first().cloned())
            .or_else(by_host_name);
        let by_convention = || {
            let modules = sources.inline_modules(&format!("modules.nixos.{name}"));
            let entry = named_entry(sources, &modules, &name);
            for module in modules {
                if !roots.contains(&module) {
                    roots.push(module);
                }
            }
            entry
        };
        let entry = entry
            .or(path_in_definition)
            .or_else(|| inline.first().cloned())
            .or_else(by_convention)
            .unwrap_or_else(|| {
                let first_entry =
                    config.entry_files.first().map_or("configuration.nix", String::as_str);
                format!("{}/{name}/{first_entry}", config.hosts_dir)
            });
        roots.retain(|module| *module != entry);
        found.push(FoundHost { name, entry, roots, nixos_modules, arguments });
    }
    found
}

/// The strings a definition gives by name: the string-valued bindings of the sets its
/// calls are given (`mkHost { hostname = "freyja"; }`), and of their `specialArgs`.
fn string_arguments(value: &SyntaxNode) -> Vec<(String, String)> {
    let mut arguments = Vec::new();
    let mut add = |name: &str, value: &SyntaxNode| {
        if let Some(string) = string_literal(&strip_parens(value.clone())) {
            arguments.push((name.to_owned(), string));
        }
    };
    for (path, bound) in passed_settings(value) {
        match path.as_slice() {
            [special] if special == "specialArgs" => {
                let bound = strip_parens(bound);
                if bound.kind() == SyntaxKind::NODE_ATTR_SET {
                    for (inner, inner_value) in bindings(&bound).filter_map(|b| binding_parts(&b)) {
                        if let [name] = inner.as_slice() {
                            add(name, &inner_value);
                        }
                    }
                }
            }
            [name] => add(name, &bound),
            [special, name] if special == "specialArgs" => add(name, &bound),
            _ => {}
        }
    }
    arguments
}

/// Of the flake's own modules, the one that is host `name`'s entry: one named after the
/// host, in a file of the hosts folder named after it too, else in a file named after it,
/// else the first; one written as a whole (with a body settings can go into) before one
/// only bound into from outside (`flake.modules.nixos.<host>.imports = [ … ];`).
fn named_entry(sources: &Sources, modules: &[String], name: &str) -> Option<String> {
    let named: Vec<&String> = modules
        .iter()
        .filter(|module| {
            flake_parts::split(module)
                .is_some_and(|(_, output)| output.rsplit('.').next() == Some(name))
        })
        .collect();
    let file_named = |module: &&&String| {
        let file_name = format!("{name}.nix");
        flake_parts::file_of(module).split('/').any(|part| part == name || part == file_name)
    };
    let in_hosts = |module: &&&String| flake_parts::file_of(module).contains("hosts/");
    let pick = |candidates: &[&String]| {
        candidates
            .iter()
            .find(|module| file_named(module) && in_hosts(module))
            .or_else(|| candidates.iter().find(file_named))
            .or(candidates.first())
            .map(|module| (*module).clone())
    };
    let whole: Vec<&String> =
        named.iter().copied().filter(|module| sources.body(module).is_some()).collect();
    pick(&whole).or_else(|| pick(&named))
}

/// The items of kind `kind` of a module list and of the lists inside it.
fn list_items(list: &SyntaxNode, kind: SyntaxKind) -> impl Iterator<Item = SyntaxNode> {
    std::iter::once(list.clone())
        .chain(list.descendants())
        .filter(|node| node.kind() == SyntaxKind::NODE_LIST)
        .flat_map(|list| list.children().map(strip_parens).collect::<Vec<_>>())
        .filter(move |item| item.kind() == kind)
}

/// The items of a module list that are paths built from a helper's argument
/// (`./${host}/hardware.nix`, `../hosts/${hostname}`, `./hosts + "/${host}"`), written
/// there or bound to a name listed there (`machineConfig = ../machines/${name}.nix;`),
/// read with the host's name in its place; those naming no file are left out.
fn paths_with_host_name(
    sources: &Sources,
    file: &str,
    list: &SyntaxNode,
    host_name: &str,
) -> Vec<String> {
    let is_path = |node: &SyntaxNode| {
        matches!(node.kind(), SyntaxKind::NODE_PATH_REL | SyntaxKind::NODE_BIN_OP)
    };
    let named = list_items(list, SyntaxKind::NODE_IDENT)
        .filter_map(|name| sources.bound_value(file, &name))
        .filter(|(_, value)| is_path(value));
    list_items(list, SyntaxKind::NODE_PATH_REL)
        .chain(list_items(list, SyntaxKind::NODE_BIN_OP))
        .map(|path| (file.to_owned(), path))
        .chain(named)
        .filter_map(|(file, path)| imports::path_built_from(sources, &file, &path, host_name))
        .collect()
}

/// The items of a module list that select one of the flake's own modules by a helper's
/// argument (`config.flake.modules.nixos.${name}`), read with the host's name in its place.
fn own_modules_with_host_name(
    sources: &Sources,
    list: &SyntaxNode,
    host_name: &str,
) -> Vec<String> {
    let selections = list_items(list, SyntaxKind::NODE_SELECT);
    let mut found = Vec::new();
    for selection in selections {
        let Some(attrpath) =
            selection.children().find(|child| child.kind() == SyntaxKind::NODE_ATTRPATH)
        else {
            continue;
        };
        let Some(last) = attrpath.children().last() else { continue };
        let by_argument = last.kind() == SyntaxKind::NODE_DYNAMIC
            && last.children().next().is_some_and(|inner| ident_name(&inner).is_some());
        let mut names: Vec<String> =
            first_child(&selection).and_then(|base| dotted_name(&base)).unwrap_or_default();
        names.extend(attrpath.children().filter_map(|attr| attr_name(&attr)));
        if !by_argument || names.is_empty() {
            continue;
        }
        names.push(host_name.to_owned());
        if let Some((_, class, [name])) = flake_parts::own_class(&names)
            && let Some(output) = flake_parts::output(class, name)
        {
            found.extend(sources.inline_modules(&output));
        }
    }
    found
}

/// The hosts a helper builds from their names, for when `nixosConfigurations` cannot be
/// read: a path built from a name in the `modules` list of a `nixosSystem` call in
/// `flake.nix` or a file it names (`../nixos/${hostname}`, `../hosts/${name}/default.nix`,
/// `../machines/${name}.nix`) says where the hosts live. Each folder (or `.nix` file) there
/// that the path names a file for is a host, with the other modules of that list.
fn from_helper_paths(sources: &Sources, config: &FleetConfig) -> Vec<FoundHost> {
    let mut found: Vec<FoundHost> = Vec::new();
    for file in flake_files(sources) {
        let Some(root) = sources.root(&file) else { continue };
        for (list_file, list) in system_module_lists(sources, &file, root) {
            let names = names_for_paths(sources, &list_file, &list);
            if names.is_empty() {
                continue;
            }
            let (modules, references) =
                imports::modules_of_list(sources, config, &list_file, &list);
            for name in names {
                let own = paths_with_host_name(sources, &list_file, &list, &name);
                let Some(entry) = own.first().cloned() else { continue };
                if found.iter().any(|host| host.name == name) {
                    continue;
                }
                let mut host = FoundHost { name, entry, ..FoundHost::default() };
                add_roots(&mut host, &[modules.clone(), own].concat(), &references);
                found.push(host);
            }
        }
    }
    found
}

/// The names a module list's paths built from a name could be given: the folders, and the
/// stems of the `.nix` files other than `default.nix`, in each folder such a path starts
/// in (`../nixos/` for `../nixos/${hostname}`).
fn names_for_paths(sources: &Sources, file: &str, list: &SyntaxNode) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let paths = list_items(list, SyntaxKind::NODE_PATH_REL);
    for path in paths {
        let text = path.text().to_string();
        let Some((folder, _)) = text.split_once("${") else { continue };
        let Some(folder) = folder.strip_suffix('/') else { continue };
        let Some(folder) = sources.folder(file, folder) else { continue };
        let prefix = if folder.is_empty() { String::new() } else { format!("{folder}/") };
        names.extend(folders_under(sources, &prefix).into_iter().map(ToOwned::to_owned));
        let files = sources.files.paths().filter_map(|path| path.strip_prefix(&prefix));
        let stems = files
            .filter_map(|rest| rest.strip_suffix(".nix"))
            .filter(|stem| !stem.contains('/') && *stem != "default");
        names.extend(stems.map(ToOwned::to_owned));
    }
    // `machines/nixos/_common`: a leading `_` marks what the helper shares, no host.
    names.retain(|name| !name.starts_with('_'));
    names
}

/// The files the path literals in a definition name, in order.
fn paths_in(sources: &Sources, file: &str, value: &SyntaxNode) -> Vec<String> {
    value
        .descendants()
        .filter_map(|node| path_literal(&node))
        .filter_map(|literal| sources.resolve_path(file, &literal))
        .collect()
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

/// One host per folder of `<hosts_dir>/nixos/` holding an entry file, as in repositories
/// keeping NixOS and darwin hosts apart (`hosts/nixos/grief`, `hosts/darwin/mac`), else one
/// per folder of `<hosts_dir>/`.
fn from_folders(sources: &Sources, config: &FleetConfig) -> Vec<FoundHost> {
    let nixos = hosts_in_folders(sources, config, "nixos/");
    if !nixos.is_empty() {
        return nixos;
    }
    // easy-hosts builds its hosts from `hosts/<arch>-<class>/<host>`; NixOS's class is
    // written `nixos` or `linux` (`x86_64-nixos`), other classes are darwin machines.
    let by_system: Vec<FoundHost> = folders_under(sources, &format!("{}/", config.hosts_dir))
        .into_iter()
        .filter(|folder| {
            folder.split_once('-').is_some_and(|(_, class)| class == "nixos" || class == "linux")
        })
        .flat_map(|system| hosts_in_folders(sources, config, &format!("{system}/")))
        .collect();
    match by_system.is_empty() {
        true => hosts_in_folders(sources, config, ""),
        false => by_system,
    }
}

/// The hosts nixos-unified's autowiring builds, when `flake.nix` names nixos-unified: one
/// per `configurations/nixos/<host>.nix` or `configurations/nixos/<host>/default.nix`.
fn from_autowired(sources: &Sources) -> Vec<FoundHost> {
    if !sources.text(FLAKE).is_some_and(|text| text.contains("nixos-unified")) {
        return Vec::new();
    }
    let mut found: Vec<FoundHost> = Vec::new();
    for path in sources.files.paths() {
        let Some(rest) = path.strip_prefix("configurations/nixos/") else { continue };
        let name = match rest.split_once('/') {
            Some((folder, "default.nix")) => folder,
            None => match rest.strip_suffix(".nix") {
                Some(stem) => stem,
                None => continue,
            },
            Some(_) => continue,
        };
        if found.iter().all(|host| host.name != name) {
            let (name, entry) = (name.to_owned(), path.to_owned());
            found.push(FoundHost { name, entry, ..FoundHost::default() });
        }
    }
    found
}

/// The names of the folders holding files under `prefix`.
fn folders_under<'a>(sources: &'a Sources, prefix: &str) -> BTreeSet<&'a str> {
    sources
        .files
        .paths()
        .filter_map(|path| path.strip_prefix(prefix))
        .filter_map(|rest| rest.split_once('/').map(|(folder, _)| folder))
        .collect()
}

/// The hosts of the folders under `<hosts_dir>/<under>`.
fn hosts_in_folders(sources: &Sources, config: &FleetConfig, under: &str) -> Vec<FoundHost> {
    let prefix = format!("{}/{under}", config.hosts_dir);
    folders_under(sources, &prefix)
        .into_iter()
        .filter_map(|folder| {
            let entry = entry_in_folder(sources, config, &format!("{under}{folder}"))?;
            Some(FoundHost { name: folder.to_owned(), entry, ..FoundHost::default() })
        })
        .collect()
}

/// The hosts of a flake built with snowfall-lib, which reads them from its folders: one
/// `systems/<arch>-linux/<host>/default.nix` each (other targets are darwin machines or
/// images), every `modules/nixos/**/default.nix` imported into all of them, and the
/// modules `flake.nix` adds under `systems.modules.nixos` and `systems.hosts.<host>.modules`.
fn from_snowfall_systems(sources: &Sources, config: &FleetConfig) -> Vec<FoundHost> {
    let Some(flake) = sources.root(FLAKE) else { return Vec::new() };
    let uses_snowfall =
        flake.descendants().filter_map(|node| binding_parts(&node)).any(|(path, value)| {
            path.last().map(String::as_str) == Some("url")
                && string_literal(&strip_parens(value))
                    .is_some_and(|url| url.contains("snowfallorg/lib"))
        });
    if !uses_snowfall {
        return Vec::new();
    }
    let shared_modules: Vec<String> = sources
        .files
        .paths()
        .filter(|path| path.starts_with("modules/nixos/") && path.ends_with("/default.nix"))
        .map(ToOwned::to_owned)
        .collect();
    let mut common_lists = Vec::new();
    let mut host_lists: Vec<(String, SyntaxNode)> = Vec::new();
    for (path, value) in flake.descendants().filter_map(|node| binding_parts(&node)) {
        let Some(systems) = path.iter().position(|name| name == "systems") else { continue };
        match &path[systems + 1..] {
            [modules, nixos] if modules == "modules" && nixos == "nixos" => {
                common_lists.push(value);
            }
            [hosts, host, modules] if hosts == "hosts" && modules == "modules" => {
                host_lists.push((host.clone(), value));
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    for entry in sources.files.paths() {
        let Some(rest) = entry.strip_prefix("systems/") else { continue };
        let [target, name, "default.nix"] = rest.split('/').collect::<Vec<_>>()[..] else {
            continue;
        };
        if !target.ends_with("-linux") {
            continue;
        }
        let mut roots = shared_modules.clone();
        let mut nixos_modules = Vec::new();
        let lists = common_lists
            .iter()
            .chain(host_lists.iter().filter(|(host, _)| host == name).map(|(_, list)| list));
        for list in lists {
            let (files, references) = imports::modules_of_list(sources, config, FLAKE, list);
            for file in files {
                if !roots.contains(&file) {
                    roots.push(file);
                }
            }
            nixos_modules.extend(references);
        }
        found.push(FoundHost {
            name: name.to_owned(),
            entry: entry.to_owned(),
            roots,
            nixos_modules,
            ..FoundHost::default()
        });
    }
    found
}

/// The `namespace = "…"` snowfall-lib's `mkLib` is given in `flake.nix`, which its modules
/// declare their options under as `options.${namespace}.…`.
pub fn snowfall_namespace(sources: &Sources) -> Option<String> {
    let flake = sources.root(FLAKE)?;
    flake.descendants().filter_map(|node| binding_parts(&node)).find_map(|(path, value)| {
        (path.last().map(String::as_str) == Some("namespace"))
            .then(|| string_literal(&strip_parens(value)))
            .flatten()
    })
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
