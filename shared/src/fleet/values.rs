//! The toggle values a host sets: in its own files, or through a template it applies.
//!
//! A host's own files are the modules its import graph reaches inside the entry's folder.
//! Templates count only when applied as modules; `template.imports` does not apply the
//! template's settings, whatever the template seems to intend. What other shared modules
//! set plainly is the host's value too (see [`add_shared`]); what they set under their own
//! conditions (`mkIf cfg.enable …`) is not read.

use std::collections::BTreeMap;
use std::sync::Arc;

use rnix::{SyntaxKind, SyntaxNode};

use super::cache::FileMemo;
use super::config::FleetConfig;
use super::flake_parts;
use super::hash::{PathMap, PathSet};
use super::imports::Graph;
use super::options::{literal_value, walk_set};
use super::sources::Sources;
use super::syntax::{
    binding_parts, bindings, call_parts, callee_name, directory_of, is_ident, range_of,
    strip_parens,
};
use super::undeclared;
use super::{Host, HostValue, OptionDecl, Priority, Value};
use crate::text::LineIndex;

/// Top-level module attributes that are never settings.
const MODULE_KEYS: [&str; 7] =
    ["imports", "options", "meta", "disabledModules", "_file", "key", "_class"];

/// A host's values as a run read them, with what they were read from: the graph (kept by
/// the import cache only while no module of it changed), the options catalogue and the
/// host's [`choice_files`]. A later run with the same three reads the same values.
pub struct KeptValues {
    graph: Arc<Graph>,
    options: Arc<[OptionDecl]>,
    choice_files: Vec<(String, bool)>,
    pub values: Arc<BTreeMap<String, HostValue>>,
    /// The named entries the host's modules set something under ([`named_entries`]).
    pub entries: Arc<[String]>,
}

impl KeptValues {
    pub fn new(
        graph: &Arc<Graph>,
        options: &Arc<[OptionDecl]>,
        choice_files: &[(&str, bool)],
        (values, entries): (BTreeMap<String, HostValue>, Vec<String>),
    ) -> KeptValues {
        KeptValues {
            graph: Arc::clone(graph),
            options: Arc::clone(options),
            choice_files: choice_files
                .iter()
                .map(|&(file, shared)| (file.to_owned(), shared))
                .collect(),
            values: Arc::new(values),
            entries: entries.into(),
        }
    }

    /// Whether these values are the ones a host with this graph and these choice files
    /// has under this catalogue.
    pub fn hold_for(
        &self,
        graph: &Arc<Graph>,
        options: &Arc<[OptionDecl]>,
        choice_files: &[(&str, bool)],
    ) -> bool {
        Arc::ptr_eq(&self.graph, graph)
            && Arc::ptr_eq(&self.options, options)
            && self
                .choice_files
                .iter()
                .map(|(file, shared)| (file.as_str(), *shared))
                .eq(choice_files.iter().copied())
    }
}

/// Toggles by option path.
pub fn toggle_index(options: &[OptionDecl]) -> PathMap<&str, &OptionDecl> {
    options
        .iter()
        .filter(|option| option.is_toggle())
        .map(|option| (option.path.as_str(), option))
        .collect()
}

/// The files whose settings are `host`'s choices, in the order they win: its own files
/// (the modules its graph reaches inside the entry's folder, and the other definitions of
/// an entry that is the flake's own module), then the templates it applies (marked `true`).
pub fn choice_files<'g>(
    host: &Host,
    graph: &'g Graph,
    config: &FleetConfig,
) -> Vec<(&'g str, bool)> {
    let host_folder = format!("{}/", directory_of(&host.entry));
    let entry_output = flake_parts::split(&host.entry).map(|(_, output)| output);
    let is_own = |file: &str| {
        file.starts_with(&host_folder)
            || entry_output.is_some_and(|entry| {
                flake_parts::split(file).is_some_and(|(_, output)| output == entry)
            })
    };
    let files = || graph.modules.iter().map(String::as_str);
    let own = files().filter(|file| is_own(file)).map(|file| (file, false));
    let templates = files().filter(|file| config.is_template(file)).map(|file| (file, true));
    own.chain(templates).collect()
}

/// Of `modules` (each module of the hosts' graphs, once), those that set a toggle plainly
/// (not under their own condition), for [`add_shared`]. Few do: the hosts' own files and
/// templates, and common modules.
pub fn plain_setters<'m>(
    sources: &Sources,
    config: &FleetConfig,
    toggles: &PathMap<&str, &OptionDecl>,
    modules: impl Iterator<Item = &'m str>,
    memo: &mut FileMemo<Vec<Setting>>,
) -> PathSet<String> {
    modules
        .filter(|file| {
            of_file(sources, config, file, memo).iter().any(|setting| is_plain(setting, toggles))
        })
        .map(str::to_owned)
        .collect()
}

fn is_plain(setting: &Setting, toggles: &PathMap<&str, &OptionDecl>) -> bool {
    !matches!(setting.value.value, Value::Expression(_))
        && toggles.contains_key(setting.option_path.as_str())
}

/// Adds to `values` what the other modules of the host's graph (beyond its
/// `choice_files`; those among `setters`, from [`plain_setters`]) set plainly, marked
/// shared: such a value is the host's too, though no choice of the host's alone, and
/// without it a toggle a common module turns on would show its default. A value under the
/// module's own condition (`mkIf cfg.enable true`) is left out: the toggle keeps its
/// default, and a host's setting stays possible.
#[allow(clippy::too_many_arguments)]
pub fn add_shared(
    sources: &Sources,
    config: &FleetConfig,
    toggles: &PathMap<&str, &OptionDecl>,
    setters: &PathSet<String>,
    choice_files: &[(&str, bool)],
    graph: &Graph,
    memo: &mut FileMemo<Vec<Setting>>,
    values: &mut BTreeMap<String, HostValue>,
) {
    let chosen = |file: &str| choice_files.iter().any(|&(chosen, _)| chosen == file);
    let shared = graph
        .modules
        .iter()
        .map(String::as_str)
        .filter(|file| setters.contains(*file) && !chosen(file));
    for file in shared {
        for setting in of_file(sources, config, file, memo) {
            let kept = values.get(&setting.option_path);
            if !is_plain(setting, toggles) || kept.is_some_and(|kept| !outranks(setting, kept)) {
                continue;
            }
            let mut value = setting.value.clone();
            value.shared = true;
            values.insert(setting.option_path.clone(), value);
        }
    }
}

/// The named entries (`users.users.alice`, `networking.interfaces.ens33`, see
/// [`undeclared::entry_of`]) that the modules of a host's graph set, or set anything under,
/// at their top level and under the toggle roots ([`of_file`]), a toggle or not: the host
/// has that user or interface, and the entry's other options.
pub fn named_entries(
    sources: &Sources,
    config: &FleetConfig,
    graph: &Graph,
    memo: &mut FileMemo<Vec<Setting>>,
) -> Vec<String> {
    let mut entries: Vec<String> = Vec::new();
    for module in graph.modules.iter() {
        for setting in of_file(sources, config, module, memo) {
            if let Some(entry) = undeclared::entry_of(&setting.option_path)
                && !entries.iter().any(|known| known == entry)
            {
                entries.push(entry.to_owned());
            }
        }
    }
    entries
}

/// Whether `setting` wins over the value `kept`, met first: one at a higher priority (a
/// lower number: `mkForce` 50, plain 100, `mkDefault` 1000) does, wherever it is set. At
/// one priority the first stays (NixOS refuses two different values there anyway), and so
/// it does when either priority is not known.
fn outranks(setting: &Setting, kept: &HostValue) -> bool {
    let level = |value: &HostValue| value.priority.as_ref().map_or(Some(100), |set| set.level);
    matches!((level(&setting.value), level(kept)), (Some(new), Some(kept)) if new < kept)
}

/// The toggle values set in a host's [`choice_files`]: the first of each, or the one at
/// the highest priority ([`outranks`]).
pub fn read(
    sources: &Sources,
    config: &FleetConfig,
    toggles: &PathMap<&str, &OptionDecl>,
    choice_files: &[(&str, bool)],
    memo: &mut FileMemo<Vec<Setting>>,
) -> BTreeMap<String, HostValue> {
    let mut values = BTreeMap::new();
    for &(file, shared) in choice_files {
        for setting in of_file(sources, config, file, memo) {
            let kept = values.get(&setting.option_path);
            if !toggles.contains_key(setting.option_path.as_str())
                || kept.is_some_and(|kept| !outranks(setting, kept))
            {
                continue;
            }
            let mut value = setting.value.clone();
            value.shared = shared;
            values.insert(setting.option_path.clone(), value);
        }
    }
    values
}

/// Every setting under the toggle roots at the top of `file`, whatever the options
/// catalogue says: read once into `memo` and shared by every host reaching the module
/// (templates are reached by many hosts), by the undeclared toggles, and by later runs
/// while the file stays the same.
pub fn of_file<'m>(
    sources: &Sources,
    config: &FleetConfig,
    file: &str,
    memo: &'m mut FileMemo<Vec<Setting>>,
) -> &'m [Setting] {
    let Some(content) = sources.content(file) else { return &[] };
    memo.get_or_insert_with(file, content, || {
        settings(sources, file, &|path: &str| config.is_toggle_root(path))
    })
}

/// One `option.path = value;` a module sets.
pub struct Setting {
    pub option_path: String,
    pub value: HostValue,
}

/// Every setting at the top of a module (nested, dotted or mixed), with its location.
///
/// `wanted` picks the option paths worth reading (the toggles), so nothing is built for the rest.
pub fn settings(sources: &Sources, file: &str, wanted: &dyn Fn(&str) -> bool) -> Vec<Setting> {
    let (Some(root), Some(text)) = (sources.root(file), sources.text(file)) else {
        return Vec::new();
    };
    let body = sources.body(file).filter(|body| body.kind() == SyntaxKind::NODE_ATTR_SET);
    // An inline module's settings may be bound into it from outside its body
    // (`flake.modules.nixos.rasp.services.blocky.enable = true;`).
    let from_outside = sources.bindings_into(file);
    if body.is_none() && from_outside.is_empty() {
        return Vec::new();
    }
    // `config = { pkgs, ... }: { … }` is no module's `config`: the file is data for a
    // helper (hlissner's hosts set `modules = { … }` beside such a function).
    let top_level = body.iter().flat_map(bindings).filter_map(|binding| binding_parts(&binding));
    let explicit_config = top_level.chain(from_outside.iter().cloned()).any(|(path, value)| {
        match path.first().map(String::as_str) {
            Some("options") => true,
            Some("config") => strip_parens(value).kind() != SyntaxKind::NODE_LAMBDA,
            _ => false,
        }
    });
    // `let enabled = true; in { x.enable = enabled; }` is a bool of the file's own.
    let switches_are_local = binds_switch_names(root);
    let mut lines: Option<LineIndex> = None;
    let mut out = Vec::new();
    let mut joined = String::new();
    let mut visit = |path: &[String],
                     value: &SyntaxNode,
                     binding: &SyntaxNode,
                     outer: Option<&Priority>| {
        let option_path = match (explicit_config, path.first().map(String::as_str)) {
            (true, Some("config")) => &path[1..],
            (true, _) => return,
            (false, Some(first)) if MODULE_KEYS.contains(&first) => return,
            (false, _) => path,
        };
        // A dotted key (`virtualHosts."example.com"`) has no place in a dotted option
        // path: read back, it would name other attributes.
        if option_path.is_empty() || option_path.iter().any(|part| part.contains('.')) {
            return;
        }
        joined.clear();
        for (index, part) in option_path.iter().enumerate() {
            if index > 0 {
                joined.push('.');
            }
            joined.push_str(part);
        }
        let (priority, inner) = unwrap_priority(value);
        let switch = match binding.kind() {
            SyntaxKind::NODE_INHERIT => None,
            _ if switches_are_local || option_path.last().is_some_and(|last| last == "enable") => {
                None
            }
            _ => switch_value(&inner),
        };
        if switch.is_some() {
            joined.push_str(".enable");
        }
        if !wanted(&joined) {
            return;
        }
        let option_path = joined.clone();
        let priority = priority.or_else(|| outer.cloned());
        let range = range_of(value);
        let read = match (binding.kind(), switch) {
            (SyntaxKind::NODE_INHERIT, _) => Value::Expression(binding.text().to_string()),
            (_, Some(on)) => Value::Bool(on),
            _ => literal_value(&inner),
        };
        out.push(Setting {
            option_path,
            value: HostValue {
                value: read,
                priority,
                file: file.to_owned(),
                range,
                inner_range: range_of(&inner),
                binding_range: range_of(binding),
                line: lines
                    .get_or_insert_with(|| LineIndex::new(text))
                    .line_col(text, range.start)
                    .line,
                shared: false,
            },
        });
    };
    if let Some(body) = &body {
        visit_settings(body, &mut Vec::new(), None, &mut visit);
    }
    for (inside, value) in &from_outside {
        let Some(binding) = value.parent() else { continue };
        match unwrap_priority(value) {
            (priority, inner) if inner.kind() == SyntaxKind::NODE_ATTR_SET => {
                visit_settings(&inner, &mut inside.clone(), priority.as_ref(), &mut visit);
            }
            _ => visit(inside, value, &binding, None),
        }
    }
    out
}

/// `x = enabled;` sets `x.enable = true` with the `enabled = { enable = true; }` (and
/// `disabled`) of snowfall-lib repositories' own lib.
pub fn switch_value(value: &SyntaxNode) -> Option<bool> {
    match value.kind() {
        SyntaxKind::NODE_IDENT if is_ident(value, "enabled") => Some(true),
        SyntaxKind::NODE_IDENT if is_ident(value, "disabled") => Some(false),
        _ => None,
    }
}

/// Whether the file binds `enabled` or `disabled` itself, in a `let` or as an argument.
fn binds_switch_names(root: &SyntaxNode) -> bool {
    let is_switch_name =
        |node: &SyntaxNode| is_ident(node, "enabled") || is_ident(node, "disabled");
    root.descendants().any(|node| match node.kind() {
        SyntaxKind::NODE_PAT_ENTRY => {
            node.children().next().is_some_and(|name| is_switch_name(&name))
        }
        SyntaxKind::NODE_LAMBDA => node.children().next().is_some_and(|name| is_switch_name(&name)),
        SyntaxKind::NODE_ATTRPATH_VALUE => {
            node.parent().is_some_and(|parent| parent.kind() == SyntaxKind::NODE_LET_IN)
                && node
                    .children()
                    .next()
                    .and_then(|path| path.children().next())
                    .is_some_and(|name| is_switch_name(&name))
        }
        _ => false,
    })
}

/// Called with a setting's path, value, binding and the priority it is set under.
type VisitSetting<'a> = dyn FnMut(&[String], &SyntaxNode, &SyntaxNode, Option<&Priority>) + 'a;

/// [`walk_set`], also into attribute sets under a priority (`x = mkForce { a = true; }`
/// sets `x.a` at `mkForce`), passing that priority along.
fn visit_settings(
    set: &SyntaxNode,
    prefix: &mut Vec<String>,
    outer: Option<&Priority>,
    visit: &mut VisitSetting<'_>,
) {
    walk_set(set, prefix, &mut |path, value, binding| match unwrap_priority(value) {
        (Some(priority), inner) if inner.kind() == SyntaxKind::NODE_ATTR_SET => {
            visit_settings(&inner, &mut path.to_vec(), Some(&priority), visit);
        }
        _ => visit(path, value, binding, outer),
    });
}

/// Splits `mkForce x`, `lib.mkDefault x`, `mkOverride 10 x` into the priority and `x`.
pub fn unwrap_priority(value: &SyntaxNode) -> (Option<Priority>, SyntaxNode) {
    let value = strip_parens(value.clone());
    let Some((function, arguments)) = call_parts(&value) else { return (None, value) };
    let Some(name) = callee_name(&function) else { return (None, value) };
    let (expected_arguments, level) = match name.as_str() {
        "mkForce" => (1, Some(50)),
        "mkDefault" => (1, Some(1000)),
        "mkOptionDefault" => (1, Some(1500)),
        "mkVMOverride" => (1, Some(10)),
        "mkOverride" => {
            (2, arguments.first().and_then(|first| first.text().to_string().parse().ok()))
        }
        _ => return (None, value),
    };
    if arguments.len() != expected_arguments {
        return (None, value);
    }
    let inner = strip_parens(arguments[arguments.len() - 1].clone());
    (Some(Priority { wrapper: name, level }), inner)
}
