//! The fleet model: discovery of hosts, options and values in a repository, and lossless edits.
//!
//! [`discover`] reads a [`FileSet`] (one commit of a flake repository) and returns a
//! [`Fleet`]: the hosts with their import graphs, templates, hardware profiles and toggle
//! values, the options catalogue, dependencies between toggles, and the problems met on
//! the way. It never panics and never guesses: what cannot be read statically is reported.
//! [`discover_cached`] does the same with a [`DiscoveryCache`] kept between runs, so
//! rediscovering after a small edit redoes only what the edit touched.
//!
//! Edits live in [`edit`]; the text the CLI prints lives in [`report`].
//!

mod cache;
mod classes;
mod config;
mod dependencies;
pub mod edit;
mod flake_parts;
mod hardware;
mod hash;
mod hosts;
mod imports;
mod options;
pub mod report;
mod sources;
mod syntax;
mod undeclared;
mod values;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

pub use cache::DiscoveryCache;
pub use config::{DeclaredDependency, FleetConfig};
pub use edit::{
    ChangeSet, EditError, SetRequest, ToggleValue, create_host, create_host_from_template,
    parse_request, remove_host, set_optional_module, set_toggles, switch_hardware_profile,
    switch_template, unset_toggle,
};
pub use flake_parts::file_of as module_file;

use crate::files::FileSet;
use crate::text::ByteRange;
use hash::{PathMap, PathSet};
use sources::Sources;

/// Where `nixstudio.toml` lives.
pub const CONFIG_FILE: &str = "nixstudio.toml";

/// Everything discovery learned about one repository.
#[derive(Debug, Clone)]
pub struct Fleet {
    pub hosts: Vec<Host>,
    /// One declaration per path, sorted by path ([`Fleet::option`] searches it). Shared
    /// with the discovery cache, which hands the same list to the next run when nothing
    /// in it changed.
    pub options: Arc<[OptionDecl]>,
    pub dependencies: Vec<Dependency>,
    pub templates: Vec<Template>,
    pub hardware_profiles: Vec<HardwareProfile>,
    /// Optional modules: features that are on for a host when it imports the file.
    pub optional_modules: Vec<OptionalModule>,
    pub problems: Vec<Problem>,
}

/// A module in an `optional/` folder; a host has the feature when it imports it.
#[derive(Debug, Clone, Serialize)]
pub struct OptionalModule {
    pub name: String,
    pub file: String,
    /// Hosts whose import graph reaches it.
    pub hosts: Vec<String>,
}

/// One NixOS host of the flake.
#[derive(Debug, Clone, Serialize)]
pub struct Host {
    pub name: String,
    /// The host's entry module, relative to the repository root.
    pub entry: String,
    /// The template (host type) the host uses, and how.
    pub template: Option<TemplateUse>,
    /// The name of the host's hardware profile: the first profile its own files name
    /// (a data-style profile from `variables.nix`), else the first profile module it imports.
    pub hardware_profile: Option<String>,
    /// Every hardware profile file the host uses.
    pub hardware_profiles: Vec<String>,
    /// nixos-hardware modules the host imports (`common-cpu-amd`, …).
    pub nixos_hardware: Vec<String>,
    /// Every module file the host's import graph reaches, entry first.
    pub imports: Arc<[String]>,
    /// Toggle values the host sets (or its applied template sets), by option path.
    pub values: Arc<BTreeMap<String, HostValue>>,
    /// The repository's modules that stand in for a NixOS module some host disables
    /// (`disabledModules = [ "virtualisation/vmware-guest.nix" ]` beside an import of
    /// `modules/vmware-guest.nix`) and this host does not: the options they declare
    /// exist on it as NixOS's own.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stand_ins: Vec<String>,
    /// The flake inputs whose NixOS modules the host imports (`home-manager` for
    /// `inputs.home-manager.nixosModules.home-manager`): the options of such an input's
    /// module exist on it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<String>,
    /// The named entries its modules set anything under (`users.users.alice`): the host
    /// has that user, and the entry's other options.
    #[serde(skip)]
    pub entries: Arc<[String]>,
    /// Its modules whose imports discovery could not all follow or find: the host may
    /// import more than [`Host::imports`] says.
    #[serde(skip)]
    pub unfollowed: Vec<String>,
}

/// How a host uses a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateUse {
    pub name: String,
    pub file: String,
    pub how: TemplateHow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateHow {
    /// The template module is imported, so its settings apply.
    Applied,
    /// Only `template.imports` is used: its imports apply, its settings do not.
    ImportsOnly,
}

/// A template (host type) file.
#[derive(Debug, Clone, Serialize)]
pub struct Template {
    pub name: String,
    pub file: String,
    /// Hosts using it, in any way.
    pub hosts: Vec<String>,
}

/// A hardware profile file.
#[derive(Debug, Clone, Serialize)]
pub struct HardwareProfile {
    pub name: String,
    pub file: String,
    pub style: ProfileStyle,
    pub hosts: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileStyle {
    /// A NixOS module (function of `config`, `lib`, `pkgs`, or with `imports`/settings).
    Module,
    /// A plain attribute set of facts (`{ gpu = "amd"; … }`) read by other code.
    Data,
}

/// A declared option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OptionDecl {
    pub path: String,
    pub kind: OptionKind,
    pub default: Option<Value>,
    pub description: Option<String>,
    pub declared_in: String,
    pub range: ByteRange,
    /// The group the UI shows it in (see [`options`] for the rule).
    pub category: String,
    /// Bool and enum options under the configured toggle roots: the studio can set them.
    pub toggle: bool,
    /// Not declared in the repository: an option of NixOS (or of a flake input's module)
    /// that some host sets to `true` or `false` (see [`undeclared`]). NixOS's exist on
    /// every host, any other on the hosts that set it; the default is not known here, and
    /// `declared_in` is empty.
    pub undeclared: bool,
}

impl OptionDecl {
    pub fn is_toggle(&self) -> bool {
        self.toggle
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OptionKind {
    Bool,
    Enum { values: Vec<String> },
    Other { type_text: String },
}

/// A value as written in Nix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Value {
    Bool(bool),
    String(String),
    /// Anything else, as written (read-only for the studio).
    Expression(String),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Bool(value) => write!(f, "{value}"),
            Value::String(value) => write!(f, "\"{value}\""),
            Value::Expression(text) => write!(f, "{text}"),
        }
    }
}

/// A toggle value a host sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HostValue {
    pub value: Value,
    /// `mkForce` (50), `mkDefault` (1000), `mkOverride n`, or none (100).
    pub priority: Option<Priority>,
    pub file: String,
    /// The whole value expression, wrapper included.
    pub range: ByteRange,
    /// The value inside any `mkForce`/`mkDefault` wrapper.
    pub inner_range: ByteRange,
    /// The binding (`path = value;`) holding it.
    pub binding_range: ByteRange,
    /// 1-based line of the value.
    pub line: u32,
    /// Set by a file other hosts share (an applied template, a common module) rather than
    /// the host's own files: a change for this host alone goes to the host's files.
    pub shared: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Priority {
    /// `mkForce`, `mkDefault`, `mkOverride`, …
    pub wrapper: String,
    pub level: Option<i64>,
}

/// `from` needs `to` enabled, or cannot be enabled together with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dependency {
    pub from: String,
    /// For an enum option: the value that brings the dependency into play.
    pub when: Option<String>,
    pub to: String,
    pub kind: DependencyKind,
    pub message: Option<String>,
    /// The file holding the assertion, or `nixstudio.toml`.
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DependencyKind {
    Requires,
    Conflicts,
}

/// Something discovery could not read or follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
    pub range: Option<ByteRange>,
}

impl Problem {
    /// A problem of the file `module` is in (an inline module's problem is its file's).
    pub fn new(module: &str, message: impl Into<String>) -> Problem {
        let path = flake_parts::file_of(module).to_owned();
        Problem { path, message: message.into(), range: None }
    }

    pub fn at(module: &str, range: ByteRange, message: impl Into<String>) -> Problem {
        let path = flake_parts::file_of(module).to_owned();
        Problem { path, message: message.into(), range: Some(range) }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl Fleet {
    pub fn host(&self, name: &str) -> Option<&Host> {
        self.hosts.iter().find(|host| host.name == name)
    }

    /// The declaration of `path`: a binary search, as the Composer looks up every toggle
    /// of a fleet with thousands of them after each edit.
    pub fn option(&self, path: &str) -> Option<&OptionDecl> {
        self.options
            .binary_search_by(|option| option.path.as_str().cmp(path))
            .ok()
            .map(|index| &self.options[index])
    }

    /// This fleet with `option` in its catalogue too. An undeclared option exists while a
    /// host sets it: one a pending edit took off the only host setting it is still one the
    /// loaded commit had, to set again.
    pub fn with_option(&self, option: &OptionDecl) -> Fleet {
        let mut options = self.options.to_vec();
        if let Err(position) = options.binary_search_by(|known| known.path.cmp(&option.path)) {
            options.insert(position, option.clone());
        }
        Fleet { options: options.into(), ..self.clone() }
    }

    /// Bool and enum options.
    pub fn toggles(&self) -> impl Iterator<Item = &OptionDecl> {
        self.options.iter().filter(|option| option.is_toggle())
    }

    /// The hosts `option` exists on ([`Host::has`]), in fleet order. Asked for, not kept:
    /// a list per option would be thousands of lists to build and free on every
    /// rediscovery, and the studio never reads them.
    pub fn hosts_with<'a>(&'a self, option: &'a OptionDecl) -> impl Iterator<Item = &'a Host> {
        self.hosts.iter().filter(|host| host.has(option))
    }
}

/// The JSON of `nixstudio fleet --json`: the fields in order, each option with the names
/// of the hosts it exists on.
impl Serialize for Fleet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct OptionWithHosts<'a> {
            #[serde(flatten)]
            option: &'a OptionDecl,
            hosts: Vec<&'a str>,
        }
        #[derive(Serialize)]
        struct FleetJson<'a> {
            hosts: &'a [Host],
            options: Vec<OptionWithHosts<'a>>,
            dependencies: &'a [Dependency],
            templates: &'a [Template],
            hardware_profiles: &'a [HardwareProfile],
            optional_modules: &'a [OptionalModule],
            problems: &'a [Problem],
        }
        let options = self
            .options
            .iter()
            .map(|option| OptionWithHosts {
                option,
                hosts: self.hosts_with(option).map(|host| host.name.as_str()).collect(),
            })
            .collect();
        FleetJson {
            hosts: &self.hosts,
            options,
            dependencies: &self.dependencies,
            templates: &self.templates,
            hardware_profiles: &self.hardware_profiles,
            optional_modules: &self.optional_modules,
            problems: &self.problems,
        }
        .serialize(serializer)
    }
}

impl Host {
    /// Whether `option` exists on this host: a declared one where the host's import graph
    /// reaches the module declaring it; an undeclared one where the host sets it, or its
    /// modules set anything under the same named entry (`networking.interfaces.ens33`),
    /// or else if it is NixOS's or of a flake input's module the host imports.
    pub fn has(&self, option: &OptionDecl) -> bool {
        if !option.undeclared {
            return self.imports.contains(&option.declared_in)
                || self.stand_ins.contains(&option.declared_in);
        }
        if self.values.contains_key(&option.path) {
            return true;
        }
        match undeclared::named_entry(&option.path) {
            Some(entry) => self.entries.iter().any(|known| known == entry),
            None => {
                undeclared::on_every_host(&option.path)
                    || self.inputs.iter().any(|input| undeclared::from_input(&option.path, input))
            }
        }
    }

    /// The value `option` has on this host: its own setting (its template's included),
    /// else the option's default where the host imports the declaring module. Elsewhere
    /// the option does not exist for the host (or, for an undeclared option, its default
    /// is not known), and this is `None`.
    pub fn value<'a>(&'a self, option: &'a OptionDecl) -> Option<&'a Value> {
        match self.values.get(&option.path) {
            Some(set) => Some(&set.value),
            None if self.has(option) => option.default.as_ref(),
            None => None,
        }
    }
}

/// Reads the repository's fleet, with the conventions of its `nixstudio.toml` if any.
pub fn discover(files: &FileSet) -> Fleet {
    discover_cached(files, &mut DiscoveryCache::new())
}

/// [`discover`], reusing what `cache` kept from earlier runs on other versions of the
/// repository for every file that did not change, and keeping this run's results there.
/// The result is the same as [`discover`]'s.
pub fn discover_cached(files: &FileSet, cache: &mut DiscoveryCache) -> Fleet {
    let mut problems = Vec::new();
    let config = match files.get(CONFIG_FILE) {
        Some(text) => {
            let (config, problem) = FleetConfig::from_toml(text);
            problems.extend(problem);
            config
        }
        None => FleetConfig::default(),
    };
    let mut fleet = discover_with_cache(files, &config, cache);
    problems.append(&mut fleet.problems);
    fleet.problems = problems;
    fleet
}

/// Reads the repository's fleet with explicit conventions.
pub fn discover_with(files: &FileSet, config: &FleetConfig) -> Fleet {
    discover_with_cache(files, config, &mut DiscoveryCache::new())
}

fn discover_with_cache(files: &FileSet, config: &FleetConfig, cache: &mut DiscoveryCache) -> Fleet {
    cache.start(files, config);
    let sources = Sources::with_parses(files, &mut cache.parses);
    let mut problems: Vec<Problem> = Vec::new();
    for (path, parsed) in sources.parsed() {
        if let Some(first) = parsed.errors.first() {
            problems.push(Problem::new(path, format!("does not parse: {first}")));
        }
    }
    let found_hosts = hosts::find(&sources, config, &mut problems);
    let mut hosts = Vec::new();
    let mut graphs = Vec::new();
    let hardware_inputs = hosts::hardware_inputs(&sources);
    for found in found_hosts {
        let graph = imports::walk(
            &sources,
            config,
            (&found.entry, &found.roots, &found.arguments),
            &mut cache.imports,
            &mut problems,
        );
        let references = || found.nixos_modules.iter().chain(&graph.nixos_modules);
        let is_hardware =
            |input: &String| hardware_inputs.contains(input) || input.contains("hardware");
        let nixos_hardware =
            unique(references().filter(|(input, _)| is_hardware(input)).map(|(_, module)| module));
        let inputs = unique(references().map(|(input, _)| input).filter(|input| !input.is_empty()));
        hosts.push(Host {
            name: found.name,
            entry: found.entry,
            template: graph.template.clone(),
            hardware_profile: None,
            hardware_profiles: Vec::new(),
            nixos_hardware,
            imports: Arc::clone(&graph.modules),
            values: Arc::default(),
            stand_ins: Vec::new(),
            entries: Arc::default(),
            unfollowed: graph.troubled.clone(),
            inputs,
        });
        graphs.push(graph);
    }
    let stand_ins = imports::stand_ins(&sources, &hosts, &mut cache.disabled_modules);
    for (host, stand_ins) in hosts.iter_mut().zip(stand_ins) {
        host.stand_ins = stand_ins;
    }
    let catalogue = options::catalogue(&sources, config, &mut cache.declarations);
    let home_is_nixos =
        catalogue.iter().any(|option| option.path.split('.').next() == Some("home"));
    let other_class = classes::other_class_modules(
        &sources,
        config,
        (&hosts, home_is_nixos),
        &mut cache.imports,
        &mut cache.other_class,
    );
    let declared: Vec<&OptionDecl> = catalogue
        .iter()
        .map(AsRef::as_ref)
        .filter(|option| !other_class.contains(&option.declared_in))
        .collect();
    let optional_modules = files
        .paths()
        .filter(|path| config.is_optional_module(path))
        .map(|file| OptionalModule {
            name: syntax::stem_of(file),
            file: file.to_owned(),
            hosts: hosts
                .iter()
                .filter(|host| host.imports.iter().any(|import| import == file))
                .map(|host| host.name.clone())
                .collect(),
        })
        .collect();
    let mut reached_by: PathMap<&str, usize> = PathMap::default();
    for file in hosts.iter().flat_map(|host| host.imports.iter()) {
        *reached_by.entry(file).or_default() += 1;
    }
    // A module beside the entry that other hosts import too (`machines/vm-shared.nix`
    // beside `machines/vm-intel.nix`) is shared like a template: what it sets applies to
    // the host, but is no choice of this host alone, so an edit goes to the host's file.
    let choice_files: Vec<Vec<(&str, bool)>> = hosts
        .iter()
        .zip(&graphs)
        .map(|(host, graph)| {
            let (mut own, shared): (Vec<_>, Vec<_>) = values::choice_files(host, graph, config)
                .into_iter()
                .partition(|&(file, template)| {
                    template || file == host.entry || reached_by.get(file) == Some(&1)
                });
            own.extend(shared.into_iter().map(|(file, _)| (file, true)));
            own
        })
        .collect();
    let undeclared =
        undeclared::toggles(&sources, config, &declared, &choice_files, &mut cache.settings);
    let options = cache.options.share(&declared, &undeclared);
    cache.options_are(&options);
    read_values(&sources, config, &options, &mut hosts, &graphs, &choice_files, cache);
    let hardware_profiles =
        hardware::profiles(&sources, config, &mut hosts, &graphs, &mut cache.path_literals);
    let templates = imports::templates(&sources, config, &hosts);
    let dependencies = dependencies::find(&sources, config, &options, &mut cache.assertions);
    crate::sort::sort_by(&mut problems, |left, right| {
        (&left.path, left.range).cmp(&(&right.path, right.range))
    });
    problems.dedup();
    Fleet { hosts, options, dependencies, templates, hardware_profiles, optional_modules, problems }
}

/// Each of `names` once, in the order first met.
fn unique<'a>(names: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for name in names {
        if !kept.contains(name) {
            kept.push(name.clone());
        }
    }
    kept
}

/// Sets each host's values: the last run's where they still hold ([`values::KeptValues`]),
/// else read from its choice files and the modules it shares with other hosts.
fn read_values(
    sources: &Sources,
    config: &FleetConfig,
    options: &Arc<[OptionDecl]>,
    hosts: &mut [Host],
    graphs: &[Arc<imports::Graph>],
    choice_files: &[Vec<(&str, bool)>],
    cache: &mut DiscoveryCache,
) {
    let mut kept_values = std::mem::take(&mut cache.values);
    let mut unread = Vec::new();
    for (index, host) in hosts.iter_mut().enumerate() {
        match kept_values.remove(&host.name) {
            Some(kept) if kept.hold_for(&graphs[index], options, &choice_files[index]) => {
                host.values = Arc::clone(&kept.values);
                host.entries = Arc::clone(&kept.entries);
                cache.values.insert(host.name.clone(), kept);
            }
            _ => unread.push(index),
        }
    }
    if !unread.is_empty() {
        let toggles = values::toggle_index(options);
        let modules: PathSet<&str> = unread
            .iter()
            .flat_map(|&index| graphs[index].modules.iter())
            .map(String::as_str)
            .collect();
        let settings = &mut cache.settings;
        let setters =
            values::plain_setters(sources, config, &toggles, modules.into_iter(), settings);
        for index in unread {
            let (graph, files) = (&graphs[index], &choice_files[index]);
            let mut values = values::read(sources, config, &toggles, files, settings);
            values::add_shared(
                sources,
                config,
                &toggles,
                &setters,
                files,
                graph,
                settings,
                &mut values,
            );
            let entries = values::named_entries(sources, config, graph, settings);
            let kept = values::KeptValues::new(graph, options, files, (values, entries));
            hosts[index].values = Arc::clone(&kept.values);
            hosts[index].entries = Arc::clone(&kept.entries);
            cache.values.insert(hosts[index].name.clone(), kept);
        }
    }
}
