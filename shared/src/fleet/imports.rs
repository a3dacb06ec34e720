//! A host's import graph: the modules its `imports` lists reach, and its template.
//!
//! Followed statically: path literals (a directory means its `default.nix`),
//! `import ./file.nix { … }`, lists joined with `++`, names bound by `let`, the
//! `imports` of modules written inline (`defaultModule = { imports = [ … ]; };`), paths
//! from the flake's root (`self + /modules/gc.nix`), modules kept for Linux (`optionals
//! stdenv.isLinux [ … ]`; those for darwin are left out), `template.imports` (the
//! template's imports apply, its settings do not), template functions called with
//! arguments, and whole folders of modules imported through a helper (`mapModulesRec'
//! ./modules import`, `listFilesRecursive ./modules` under a `.nix` filter, `scanPaths
//! ./.`, `map … (attrNames (readDir ./modules))`, a `filterAttrs` over the `readDir` read
//! too). nixos-hardware modules (`<input>.nixosModules.<name>`) are recorded by name.
//! Paths built from the module's arguments (`./${hostname}/boot.nix`, `./. +
//! "/${hostname}/hardware.nix"`, also under `optional (pathExists …)`) are read per host
//! with the strings its definition gives them (`mkHost { hostname = "freyja"; }`).
//! Anything else is reported as a dynamic import, not followed.

use std::collections::BTreeSet;
use std::sync::Arc;

use rnix::{SyntaxKind, SyntaxNode};

use super::cache::{Changes, FileMemo, Reads};
use super::config::FleetConfig;
use super::flake_parts;
use super::hash::{PathMap, PathSet};
use super::sources::{Resolved, Sources};
use super::syntax::{
    attr_name, binding_parts, binding_prefix_of, bindings, body_of, call_parts, callee_name,
    dotted_name, first_child, has_token, ident_name, is_ident, parameters, path_literal, range_of,
    root_expression, select_parts, stem_of, string_literal, strip_parens,
};
use super::{Host, Problem, Template, TemplateHow, TemplateUse};
use crate::files::FileSet;
use crate::text::ByteRange;

/// How deep imports are followed through names and templates in one expression.
const MAX_DEPTH: usize = 16;

/// What one host's entry reaches.
#[derive(Default)]
pub struct Graph {
    /// Modules whose settings apply, entry first, in discovery order. Shared with each
    /// host's [`Host::imports`].
    pub modules: Arc<[String]>,
    pub template: Option<TemplateUse>,
    /// References to flake inputs' modules (`<input>.nixosModules.<module>`,
    /// `inputs.hm.nixosModule`), as (input, module).
    pub nixos_modules: Vec<(String, String)>,
    /// Its modules whose imports had problems (some not followed), in walk order.
    pub troubled: Vec<String>,
    /// While one file's imports are collected: those built from the module's arguments.
    by_argument: Vec<ArgumentPath>,
}

/// An import path built from the module's arguments, read per host.
#[derive(Clone)]
struct ArgumentPath {
    /// The file it is written in, which a relative path starts from.
    file: String,
    parts: Vec<Part>,
    condition: Condition,
    range: ByteRange,
    /// The path as written (its first 60 characters), for problems.
    text: String,
}

#[derive(Clone)]
enum Part {
    Text(String),
    Argument(String),
}

/// When a path built from arguments is imported.
#[derive(Clone, PartialEq, Eq)]
enum Condition {
    Always,
    /// When it exists (`optional (pathExists p) p`).
    IfExists,
    /// When the definition gives the argument a string (`optional (isString desktop)
    /// ./desktop`, `optional (desktop != null) …`).
    IfGiven(String),
}

impl ArgumentPath {
    /// The module it names for a host given `arguments`: `Ok(None)` when it is imported
    /// only if it exists and does not, `Err` with the problem when it cannot be read.
    fn target(
        &self,
        sources: &Sources,
        arguments: &[(String, String)],
    ) -> Result<Option<String>, Problem> {
        let is_given = |name: &str| arguments.iter().any(|(known, _)| known == name);
        if let Condition::IfGiven(name) = &self.condition
            && !is_given(name)
        {
            return Ok(None);
        }
        let mut literal = String::new();
        let mut given = Vec::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => literal.push_str(text),
                Part::Argument(name) => {
                    let value = arguments.iter().find(|(known, _)| known == name);
                    let Some((_, value)) = value else {
                        let message = format!("dynamic import `{}`, not followed", self.text);
                        return Err(Problem::at(&self.file, self.range, message));
                    };
                    literal.push_str(value);
                    given.push(format!("{name} = \"{value}\""));
                }
            }
        }
        match sources.resolve_path(&self.file, &literal) {
            Some(target) => Ok(Some(target)),
            None if self.condition == Condition::IfExists => Ok(None),
            None => {
                let with = match given.is_empty() {
                    true => String::new(),
                    false => format!(" with {}", given.join(", ")),
                };
                let message = format!("imported file `{}` does not exist{with}", self.text);
                Err(Problem::at(&self.file, self.range, message))
            }
        }
    }
}

/// What one file's `imports` lead to; the same for every host, so computed once.
struct FileImports {
    found: Vec<String>,
    by_argument: Vec<ArgumentPath>,
    template: Option<TemplateUse>,
    nixos_modules: Vec<(String, String)>,
    /// What following them could not read.
    problems: Vec<Problem>,
    /// The files resolving them looked at (the file itself, the files its names lead to,
    /// the paths it checked for): the rest holds while they stay the same.
    reads: Reads,
}

/// Import targets per file, shared by the walks of all hosts, and each entry's graph;
/// kept between runs. A graph is kept only while the targets of every module it reached
/// are: forgetting a file's targets forgets the graphs through it.
#[derive(Default)]
pub struct ImportCache {
    files: PathMap<String, FileImports>,
    /// Graphs by entry and the other modules the host's definition lists.
    graphs: PathMap<(String, Vec<String>), Arc<Graph>>,
    /// Files whose problems this run has reported.
    reported: PathSet<String>,
}

impl ImportCache {
    /// Prepares a run on `files`: forgets the targets whose reads changed, the graphs that
    /// followed them, and the graphs of entries that are gone.
    pub fn start_run(&mut self, changes: &Changes, files: &FileSet) {
        let mut forgotten = Vec::new();
        self.files.retain(|file, imports| {
            let holds = imports.reads.still_hold(changes, files);
            if !holds {
                forgotten.push(file.clone());
            }
            holds
        });
        // Few files change between runs: comparing with each is cheaper than hashing
        // every module of every graph.
        self.graphs.retain(|(entry, _), graph| {
            let through_forgotten = graph.modules.iter().any(|module| forgotten.contains(module));
            files.contains(flake_parts::file_of(entry)) && !through_forgotten
        });
        self.reported.clear();
    }

    /// The graph walked from `entry` and `roots` in an earlier run, unless the entry
    /// appeared since.
    fn kept_graph(&self, sources: &Sources, entry: &str, roots: &[String]) -> Option<&Arc<Graph>> {
        let graph = self.graphs.get(&(entry.to_owned(), roots.to_vec()))?;
        let entry_was_missing = graph.modules.is_empty();
        (entry_was_missing == sources.root(entry).is_none()).then_some(graph)
    }

    /// Reports the problems of a file's imports, once per run.
    fn report(&mut self, file: &str, problems: &mut Vec<Problem>) {
        let Some(imports) = self.files.get(file) else { return };
        if imports.problems.is_empty() || self.reported.contains(file) {
            return;
        }
        self.reported.insert(file.to_owned());
        problems.extend(imports.problems.iter().cloned());
    }
}

/// The modules `entry` reaches, then those the other `roots` of the host's definition
/// reach, with the strings its definition gives the modules' `arguments`; walked again
/// only when what it reached changed, or always when it read a path built from arguments.
pub fn walk(
    sources: &Sources,
    config: &FleetConfig,
    (entry, roots, arguments): (&str, &[String], &[(String, String)]),
    cache: &mut ImportCache,
    problems: &mut Vec<Problem>,
) -> Arc<Graph> {
    if let Some(graph) = cache.kept_graph(sources, entry, roots) {
        let graph = Arc::clone(graph);
        for file in &graph.troubled {
            cache.report(file, problems);
        }
        return graph;
    }
    let (mut graph, by_argument) =
        walk_afresh(sources, config, (entry, roots, arguments), cache, problems);
    graph.troubled = graph
        .modules
        .iter()
        .filter(|module| {
            cache.files.get(module.as_str()).is_some_and(|imports| !imports.problems.is_empty())
        })
        .cloned()
        .collect();
    let graph = Arc::new(graph);
    // Which files a path built from arguments names depends on the host, and whether
    // they exist is read by no file's imports: such a graph is not kept.
    if !by_argument {
        cache.graphs.insert((entry.to_owned(), roots.to_vec()), Arc::clone(&graph));
    }
    graph
}

/// The graph, and whether a path built from arguments was met.
fn walk_afresh(
    sources: &Sources,
    config: &FleetConfig,
    (entry, roots, arguments): (&str, &[String], &[(String, String)]),
    cache: &mut ImportCache,
    problems: &mut Vec<Problem>,
) -> (Graph, bool) {
    let mut graph = Graph::default();
    let mut by_argument = false;
    let mut modules = Vec::new();
    let mut seen: PathSet<String> = PathSet::default();
    // A stack: the entry is walked first, then each root in order.
    let mut queue = Vec::new();
    for root in roots.iter().rev().chain([&entry.to_owned()]) {
        if seen.insert(root.clone()) {
            queue.push(root.clone());
        }
    }
    while let Some(file) = queue.pop() {
        if sources.root(&file).is_none() {
            continue;
        }
        let is_file = flake_parts::split(&file).is_none();
        if is_file
            && config.is_template(&file)
            && !is_index(config, &file)
            && graph.template.is_none()
        {
            graph.template = Some(TemplateUse {
                name: stem_of(&file),
                file: file.clone(),
                how: TemplateHow::Applied,
            });
        }
        if !cache.files.contains_key(&file) {
            let imports = file_imports(sources, config, &file);
            cache.files.insert(file.clone(), imports);
        }
        cache.report(&file, problems);
        let Some(imports) = cache.files.get(&file) else { continue };
        if graph.template.is_none() {
            graph.template.clone_from(&imports.template);
        }
        for reference in &imports.nixos_modules {
            if !graph.nixos_modules.contains(reference) {
                graph.nixos_modules.push(reference.clone());
            }
        }
        let mut targets = imports.found.clone();
        for path in &imports.by_argument {
            by_argument = true;
            match path.target(sources, arguments) {
                Ok(target) => targets.extend(target),
                Err(problem) => problems.push(problem),
            }
        }
        for target in targets.into_iter().rev() {
            if !seen.contains(&target) {
                seen.insert(target.clone());
                queue.push(target);
            }
        }
        modules.push(file);
    }
    graph.modules = modules.into();
    (graph, by_argument)
}

/// The modules the `roots` import by paths built from arguments, read with `arguments`:
/// a host's own modules when its definition names only shared ones.
pub fn by_argument(
    sources: &Sources,
    config: &FleetConfig,
    roots: &[String],
    arguments: &[(String, String)],
) -> Vec<String> {
    roots
        .iter()
        .flat_map(|root| file_imports(sources, config, root).by_argument)
        .filter_map(|path| path.target(sources, arguments).ok().flatten())
        .collect()
}

/// Follows one file's `imports`, noting the files that had to be read.
fn file_imports(sources: &Sources, config: &FleetConfig, file: &str) -> FileImports {
    let ((found, own, problems), reads) = sources.recording(|| {
        let mut own = Graph::default();
        let mut found = Vec::new();
        let mut problems = Vec::new();
        for list in imports_of(sources, file) {
            collect(sources, config, file, &list, &mut found, &mut own, &mut problems, 0);
        }
        (found, own, problems)
    });
    FileImports {
        found,
        by_argument: own.by_argument,
        template: own.template,
        nixos_modules: own.nixos_modules,
        problems,
        reads,
    }
}

/// The values of a module's `imports` bindings (top level only).
pub fn imports_of(sources: &Sources, file: &str) -> Vec<SyntaxNode> {
    top_level_values(sources, file, "imports")
}

/// The values a module binds to `name` at its top level (an inline one also from outside
/// its body: `flake.modules.nixos.base.imports = [ … ];`).
fn top_level_values(sources: &Sources, file: &str, name: &str) -> Vec<SyntaxNode> {
    let from_outside = sources
        .bindings_into(file)
        .into_iter()
        .filter(|(inside, _)| inside.len() == 1 && inside[0] == name)
        .map(|(_, value)| value);
    let Some(body) = sources.body(file).filter(|body| body.kind() == SyntaxKind::NODE_ATTR_SET)
    else {
        return from_outside.collect();
    };
    let wanted = [name.to_owned()];
    bindings(&body)
        .filter_map(|binding| match binding_prefix_of(&binding, &wanted) {
            Some((1, value)) => Some(value),
            _ => None,
        })
        .chain(from_outside)
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn collect(
    sources: &Sources,
    config: &FleetConfig,
    file: &str,
    node: &SyntaxNode,
    found: &mut Vec<String>,
    graph: &mut Graph,
    problems: &mut Vec<Problem>,
    depth: usize,
) {
    let node = strip_parens(node.clone());
    if depth > MAX_DEPTH {
        problems.push(dynamic(file, &node));
        return;
    }
    match node.kind() {
        SyntaxKind::NODE_LIST => {
            for item in node.children() {
                collect(sources, config, file, &item, found, graph, problems, depth + 1);
            }
        }
        // An inline module (`{ _module.args = { … }; }`) is no file to follow, but the
        // modules it imports are imported.
        SyntaxKind::NODE_ATTR_SET | SyntaxKind::NODE_LAMBDA => {
            for list in inline_module_imports(&node).unwrap_or_default() {
                collect(sources, config, file, &list, found, graph, problems, depth + 1);
            }
        }
        SyntaxKind::NODE_PATH_SEARCH => {}
        SyntaxKind::NODE_BIN_OP | SyntaxKind::NODE_STRING if is_nixpkgs_module(&node) => {}
        SyntaxKind::NODE_APPLY if is_option_module(&node) => {}
        SyntaxKind::NODE_SELECT if let Some(reference) = input_module(&node) => {
            if !graph.nixos_modules.contains(&reference) {
                graph.nixos_modules.push(reference);
            }
        }
        SyntaxKind::NODE_WITH => {
            let namespace =
                node.children().next().and_then(|namespace| dotted_name(&strip_parens(namespace)));
            let Some(body) = node.children().last().map(strip_parens) else { return };
            // `with config.flake.modules.nixos; [ base desktop ]`: the flake's own modules
            // by name; `with nixos-hardware.nixosModules; [ common-cpu-amd ]`: that input's.
            let own = namespace
                .as_deref()
                .and_then(flake_parts::own_class)
                .filter(|(_, _, rest)| rest.is_empty());
            let input = namespace
                .as_ref()
                .filter(|names| names.last().map(String::as_str) == Some("nixosModules"))
                .and_then(|names| names.iter().rev().nth(1).cloned());
            match (own, &input) {
                (Some(_), _) | (_, Some(_)) if body.kind() == SyntaxKind::NODE_LIST => {
                    for item in body.children().map(strip_parens) {
                        // A name the file binds itself is that value: lexical names come
                        // before those of a `with`.
                        let name = ident_name(&item).filter(|_| {
                            own.is_none() || sources.bound_value(file, &item).is_none()
                        });
                        match (name, own) {
                            (Some(name), Some((base, class, _))) => {
                                let own = (base, class, name.as_str());
                                own_reference(sources, file, &item, own, found, graph, problems);
                            }
                            (Some(module), None) => {
                                let reference = (input.clone().unwrap_or_default(), module);
                                if !graph.nixos_modules.contains(&reference) {
                                    graph.nixos_modules.push(reference);
                                }
                            }
                            (None, _) => collect(
                                sources,
                                config,
                                file,
                                &item,
                                found,
                                graph,
                                problems,
                                depth + 1,
                            ),
                        }
                    }
                }
                // `imports = with inputs; [ … ]`: the names it brings in are read by name.
                _ => collect(sources, config, file, &body, found, graph, problems, depth + 1),
            }
        }
        SyntaxKind::NODE_BIN_OP => {
            let is_concat = has_token(&node, SyntaxKind::TOKEN_CONCAT);
            if !is_concat {
                match from_flake_root(&node) {
                    Some(literal) => {
                        import_path(sources, (file, ""), &literal, &node, found, problems);
                    }
                    None => by_argument_or_dynamic(file, &node, Condition::Always, graph, problems),
                }
                return;
            }
            for side in node.children() {
                collect(sources, config, file, &side, found, graph, problems, depth + 1);
            }
        }
        SyntaxKind::NODE_PATH_REL => match path_literal(&node) {
            Some(literal) => import_path(sources, (file, file), &literal, &node, found, problems),
            None => by_argument_or_dynamic(file, &node, Condition::Always, graph, problems),
        },
        SyntaxKind::NODE_SELECT => {
            let names = dotted_name(&node).unwrap_or_default();
            // `config.flake.modules.nixos.base`, `inputs.self.nixosModules.base`: one of
            // the flake's own modules.
            if let Some((base, class, [name])) = flake_parts::own_class(&names) {
                own_reference(sources, file, &node, (base, class, name), found, graph, problems);
                return;
            }
            if let Some(position) = names.iter().position(|name| name == "nixosModules")
                && let Some(module) = names.get(position + 1)
            {
                let input = names[..position].last().map_or("", String::as_str);
                let reference = (input.to_owned(), module.clone());
                if !graph.nixos_modules.contains(&reference) {
                    graph.nixos_modules.push(reference);
                }
                return;
            }
            if names.last().map(String::as_str) == Some("imports")
                && let Some((base, selected)) = select_parts(&node)
                && let Some(resolved) =
                    sources.eval_select(file, &base, &selected[..selected.len() - 1])
                && let Some((template_file, set)) = sources.force_attrset(resolved)
            {
                if graph.template.is_none() {
                    graph.template = Some(TemplateUse {
                        name: stem_of(&template_file),
                        file: template_file.clone(),
                        how: TemplateHow::ImportsOnly,
                    });
                }
                for binding in bindings(&set) {
                    if let Some((path, value)) = binding_parts(&binding)
                        && path == ["imports"]
                    {
                        collect(
                            sources,
                            config,
                            &template_file,
                            &value,
                            found,
                            graph,
                            problems,
                            depth + 1,
                        );
                    }
                }
                return;
            }
            follow(sources, config, file, &node, found, graph, problems, depth);
        }
        SyntaxKind::NODE_APPLY if is_attr_values(&node) => {
            let set = call_parts(&node).and_then(|(_, arguments)| arguments.into_iter().next());
            let sets = set
                .and_then(|set| sources.eval(file, &set))
                .and_then(|resolved| joined_sets(sources, resolved, depth));
            let Some(sets) = sets else {
                problems.push(dynamic(file, &node));
                return;
            };
            for (set_file, set) in sets {
                for binding in bindings(&set) {
                    if let Some((_, value)) = binding_parts(&binding) {
                        collect(
                            sources,
                            config,
                            &set_file,
                            &value,
                            found,
                            graph,
                            problems,
                            depth + 1,
                        );
                    }
                }
            }
        }
        SyntaxKind::NODE_APPLY if root_relative(sources, file, &node, found, problems) => {}
        SyntaxKind::NODE_APPLY if folder_modules(sources, file, &node, found) => {}
        SyntaxKind::NODE_APPLY if let Some((condition, module)) = conditional_import(&node) => {
            match (path_literal(&module), &condition) {
                (Some(literal), Condition::IfExists) => {
                    found.extend(sources.resolve_path(file, &literal));
                }
                _ => by_argument_or_dynamic(file, &module, condition, graph, problems),
            }
        }
        SyntaxKind::NODE_APPLY if let Some((on_nixos, modules)) = platform_modules(&node) => {
            if on_nixos {
                collect(sources, config, file, &modules, found, graph, problems, depth + 1);
            }
        }
        SyntaxKind::NODE_APPLY
            if call_parts(&node).is_some_and(|(function, arguments)| {
                arguments.len() == 1 && callee_name(&function).as_deref() == Some("flatten")
            }) =>
        {
            // `lib.flatten [ … ]`: the modules of the nested lists.
            if let Some((_, arguments)) = call_parts(&node) {
                collect(sources, config, file, &arguments[0], found, graph, problems, depth + 1);
            }
        }
        SyntaxKind::NODE_APPLY | SyntaxKind::NODE_IDENT | SyntaxKind::NODE_LET_IN => {
            if let Some((function, arguments)) = call_parts(&node)
                && callee_name(&function).as_deref() == Some("import")
                && let Some(target) = arguments.first()
                && let Some(Resolved::Path(path)) = sources.eval(file, target)
            {
                found.push(path);
                return;
            }
            follow(sources, config, file, &node, found, graph, problems, depth);
        }
        SyntaxKind::NODE_STRING => match sources.eval(file, &node) {
            Some(Resolved::Path(path)) => found.push(path),
            _ => problems.push(dynamic(file, &node)),
        },
        _ => problems.push(dynamic(file, &node)),
    }
}

/// Adds one of the flake's own modules (`base.class.name`: `self.nixosModules.x`,
/// `flake.modules.nixos.x`) to what `file` imports: for a `nixosModules` one, the file
/// `flake.nix` (or nixos-unified) gives it; else the modules the repository's flake-parts
/// modules define inline. A `nixosModules` one defined nowhere in the repository stays a
/// reference to the flake's output, as an input's module does.
fn own_reference(
    sources: &Sources,
    file: &str,
    node: &SyntaxNode,
    (base, class, name): (&str, &[String], &str),
    found: &mut Vec<String>,
    graph: &mut Graph,
    problems: &mut Vec<Problem>,
) {
    if class == ["nixosModules"] {
        if let Some(target) = own_module(sources, file, node, name) {
            found.push(target);
            return;
        }
        if sources.inline_modules(&format!("nixosModules.{name}")).is_empty() {
            let reference = (base.to_owned(), name.to_owned());
            if !graph.nixos_modules.contains(&reference) {
                graph.nixos_modules.push(reference);
            }
            return;
        }
    }
    inline_modules(sources, file, node, class, name, found, problems);
}

/// Adds the modules the repository defines as the flake's own `class` module `name`
/// (see [`flake_parts`]) to `found`; reports it when no file defines one.
fn inline_modules(
    sources: &Sources,
    file: &str,
    node: &SyntaxNode,
    class: &[String],
    name: &str,
    found: &mut Vec<String>,
    problems: &mut Vec<Problem>,
) {
    let Some(output) = flake_parts::output(class, name) else { return };
    let defined = sources.inline_modules(&output);
    if defined.is_empty() {
        problems.push(Problem::at(
            file,
            range_of(node),
            format!("no file of the repository defines `flake.{output}`"),
        ));
    }
    found.extend(defined);
}

/// The file of one of the flake's own modules (`self.nixosModules.default`): the path
/// `flake.nix` gives it, else, where nixos-unified wires the modules up,
/// `modules/nixos/<name>.nix` or `modules/nixos/<name>/default.nix`.
fn own_module(sources: &Sources, file: &str, node: &SyntaxNode, name: &str) -> Option<String> {
    if let Some(Resolved::Path(path)) = sources.eval(file, node) {
        return Some(path);
    }
    if !sources.text(super::hosts::FLAKE)?.contains("nixos-unified") {
        return None;
    }
    sources
        .resolve_path("", &format!("./modules/nixos/{name}.nix"))
        .or_else(|| sources.resolve_path("", &format!("./modules/nixos/{name}")))
}

/// Adds the file a path literal written in `file` names, read from `from` (the file, or
/// `""` for the repository's root), to `found`; reports it when there is none.
fn import_path(
    sources: &Sources,
    (file, from): (&str, &str),
    literal: &str,
    node: &SyntaxNode,
    found: &mut Vec<String>,
    problems: &mut Vec<Problem>,
) {
    match sources.resolve_path(from, literal) {
        Some(target) => found.push(target),
        None => problems.push(Problem::at(
            file,
            range_of(node),
            format!("imported file `{}` does not exist", node.text()),
        )),
    }
}

/// `self + /modules/nixos/gc.nix`: a path from the flake's root (`self` being the flake),
/// as a path literal relative to the repository's root.
fn from_flake_root(node: &SyntaxNode) -> Option<String> {
    let is_addition = has_token(node, SyntaxKind::TOKEN_ADD);
    let sides: Vec<SyntaxNode> = node.children().map(strip_parens).collect();
    let [base, path] = sides.as_slice() else { return None };
    let names_self =
        dotted_name(base).is_some_and(|names| names.last().is_some_and(|last| last == "self"));
    (is_addition && names_self && path.kind() == SyntaxKind::NODE_PATH_ABS)
        .then(|| format!(".{}", path.text()))
}

/// `optionals stdenv.isLinux [ … ]`, `optional hostPlatform.isDarwin ./darwin.nix`: modules
/// kept for one platform, with whether a NixOS host has them (`!` turns the test round).
/// `None` for a condition on anything else.
fn platform_modules(node: &SyntaxNode) -> Option<(bool, SyntaxNode)> {
    let (function, arguments) = call_parts(node)?;
    let [condition, modules] = arguments.as_slice() else { return None };
    if !matches!(callee_name(&function).as_deref(), Some("optional" | "optionals")) {
        return None;
    }
    let mut condition = strip_parens(condition.clone());
    let mut negated = false;
    while condition.kind() == SyntaxKind::NODE_UNARY_OP {
        negated = !negated;
        condition = strip_parens(condition.children().next()?);
    }
    let on_linux = match dotted_name(&condition)?.last()?.as_str() {
        "isLinux" => true,
        "isDarwin" => false,
        _ => return None,
    };
    Some((on_linux != negated, modules.clone()))
}

/// `relativeToRoot "hosts/common/core"` and `map relativeToRoot [ "…" ]`, a helper many
/// repositories define as `lib.path.append ../.`: paths from the repository's root, added
/// to `found`, or reported when they name no file (see [`root_strings`] for which are
/// read). False when `node` is neither.
fn root_relative(
    sources: &Sources,
    file: &str,
    node: &SyntaxNode,
    found: &mut Vec<String>,
    problems: &mut Vec<Problem>,
) -> bool {
    let Some((function, arguments)) = call_parts(node) else { return false };
    let is_helper = |node: &SyntaxNode| callee_name(node).as_deref() == Some("relativeToRoot");
    let mut strings = Vec::new();
    match arguments.as_slice() {
        [argument] if is_helper(&function) => root_strings(argument, &mut strings),
        [helper, list] if callee_name(&function).as_deref() == Some("map") && is_helper(helper) => {
            root_strings(list, &mut strings);
        }
        _ => return false,
    }
    for (string, node) in strings {
        match sources.resolve_path("", &string) {
            Some(target) => found.push(target),
            None => problems.push(Problem::at(
                file,
                range_of(&node),
                format!("imported file `{string}` does not exist"),
            )),
        }
    }
    true
}

/// The strings of a list of paths from the repository's root, each with the node it is
/// read from: string literals, lists joined with `++`, and `map (f: "optional/${f}")
/// [ … ]`. Strings built from anything else (`"hosts/${platform}.nix"`) are left out.
fn root_strings(node: &SyntaxNode, strings: &mut Vec<(String, SyntaxNode)>) {
    let node = strip_parens(node.clone());
    match node.kind() {
        SyntaxKind::NODE_STRING => strings.extend(string_literal(&node).map(|s| (s, node))),
        SyntaxKind::NODE_LIST => {
            for item in node.children() {
                root_strings(&item, strings);
            }
        }
        SyntaxKind::NODE_BIN_OP if has_token(&node, SyntaxKind::TOKEN_CONCAT) => {
            for side in node.children() {
                root_strings(&side, strings);
            }
        }
        _ => {
            let Some((function, arguments)) = call_parts(&node) else { return };
            let [mapper, list] = arguments.as_slice() else { return };
            let mapper = strip_parens(mapper.clone());
            let parameter = parameters(&mapper).into_iter().next().flatten();
            let body = mapper.children().nth(1).map(strip_parens);
            let (Some(parameter), Some(body)) = (parameter, body) else { return };
            let mut parts = Vec::new();
            if callee_name(&function).as_deref() != Some("map")
                || body.kind() != SyntaxKind::NODE_STRING
                || interpolated_parts(&body, &mut parts).is_none()
            {
                return;
            }
            let mut items = Vec::new();
            root_strings(list, &mut items);
            for (item, item_node) in items {
                let mapped = parts.iter().try_fold(String::new(), |mut mapped, part| {
                    match part {
                        Part::Text(text) => mapped.push_str(text),
                        Part::Argument(name) if *name == parameter => mapped.push_str(&item),
                        Part::Argument(_) => return None,
                    }
                    Some(mapped)
                });
                strings.extend(mapped.map(|mapped| (mapped, item_node)));
            }
        }
    }
}

/// A call importing a whole folder of modules.
struct FolderImport {
    folder: String,
    reach: FolderReach,
    /// hlissner's helpers leave out names starting with `_` and the folder's own
    /// `default.nix`.
    skips_underscored_and_index: bool,
    /// What a `filterAttrs` over the folder's `readDir` keeps.
    kept: KeptEntries,
}

/// The entries of a folder a `filterAttrs (name: type: …)` keeps: files or folders only
/// (`type == "directory"`, unless `||` offers another way in), and not the names it compares
/// unequal (`name != "_template"`). A predicate saying anything else keeps what it may keep.
#[derive(Default)]
struct KeptEntries {
    /// `Some(true)` for folders only, `Some(false)` for files only.
    folders: Option<bool>,
    excluded: Vec<String>,
}

impl KeptEntries {
    fn read(sources: &Sources, file: &str, predicate: &SyntaxNode) -> KeptEntries {
        let mut kept = KeptEntries::default();
        let Some((_, lambda)) = sources.bound_value(file, predicate) else { return kept };
        let parameter = |lambda: &SyntaxNode| {
            (lambda.kind() == SyntaxKind::NODE_LAMBDA)
                .then(|| first_child(lambda).and_then(|parameter| first_child(&parameter)))
                .flatten()
                .and_then(|name| ident_name(&name))
        };
        let name = parameter(&lambda);
        let kind = lambda.children().nth(1).and_then(|inner| parameter(&strip_parens(inner)));
        // `type == "directory" || hasSuffix ".nix" name` keeps more than folders.
        let has_alternatives =
            lambda.descendants_with_tokens().any(|part| part.kind() == SyntaxKind::TOKEN_OR_OR);
        for comparison in lambda.descendants().filter(|node| node.kind() == SyntaxKind::NODE_BIN_OP)
        {
            let operator = comparison.children_with_tokens().find_map(|part| match part.kind() {
                SyntaxKind::TOKEN_EQUAL => Some(true),
                SyntaxKind::TOKEN_NOT_EQUAL => Some(false),
                _ => None,
            });
            let sides: Vec<SyntaxNode> = comparison.children().map(strip_parens).collect();
            let (Some(equal), [left, right]) = (operator, sides.as_slice()) else { continue };
            let (compared, literal) = match (ident_name(left), string_literal(right)) {
                (Some(compared), Some(literal)) => (compared, literal),
                _ => match (ident_name(right), string_literal(left)) {
                    (Some(compared), Some(literal)) => (compared, literal),
                    _ => continue,
                },
            };
            if Some(&compared) == kind.as_ref() && equal && !has_alternatives {
                match literal.as_str() {
                    "directory" => kept.folders = Some(true),
                    "regular" => kept.folders = Some(false),
                    _ => {}
                }
            } else if Some(&compared) == name.as_ref() && !equal {
                kept.excluded.push(literal);
            }
        }
        kept
    }

    /// Whether an entry of the folder is kept: `name`, a folder or not.
    fn keeps(&self, name: &str, is_folder: bool) -> bool {
        self.folders.is_none_or(|folders| folders == is_folder)
            && !self.excluded.iter().any(|excluded| excluded == name)
    }
}

/// Which of a folder's files a folder import reaches.
#[derive(Clone, Copy)]
enum FolderReach {
    /// The `.nix` files directly in it and the `default.nix` of its folders.
    Entries,
    /// Every `.nix` file below it.
    Recursive,
}

/// Imports of a whole folder of modules, added to `found`: `mapModulesRec' ./modules
/// import` and the other helpers of hlissner's lib that many repositories copy
/// (`mapModulesRec`, `mapModules'`, `mapModules`), `listFilesRecursive ./modules` under a
/// `hasSuffix ".nix"` filter, and `map (name: ./modules + "/${name}") (attrNames (readDir
/// ./modules))`. False when `node` is none of them.
fn folder_modules(
    sources: &Sources,
    file: &str,
    node: &SyntaxNode,
    found: &mut Vec<String>,
) -> bool {
    let Some(import) = folder_import(sources, file, node) else { return false };
    let folder = import.folder.as_str();
    let own_default = match folder {
        "" => "default.nix".to_owned(),
        folder => format!("{folder}/default.nix"),
    };
    for module in sources.nix_files_under(folder) {
        let below = module[folder.len()..].trim_start_matches('/');
        let reached = match import.reach {
            FolderReach::Recursive => true,
            FolderReach::Entries => match below.split_once('/') {
                None => true,
                Some((_, rest)) => rest == "default.nix",
            },
        };
        let skipped = import.skips_underscored_and_index
            && (module == own_default || below.split('/').any(|part| part.starts_with('_')));
        let kept = match below.split_once('/') {
            Some((folder, _)) => import.kept.keeps(folder, true),
            None => import.kept.keeps(below, false),
        };
        if reached && kept && !skipped && module != file && !found.contains(&module) {
            found.push(module);
        }
    }
    true
}

fn folder_import(sources: &Sources, file: &str, node: &SyntaxNode) -> Option<FolderImport> {
    let (function, arguments) = call_parts(node)?;
    let name = callee_name(&function)?;
    let import = |folder: &SyntaxNode, reach, skips_underscored_and_index| {
        let folder = folder_argument(sources, file, folder)?;
        let kept = KeptEntries::default();
        Some(FolderImport { folder, reach, skips_underscored_and_index, kept })
    };
    match (name.as_str(), arguments.as_slice()) {
        ("mapModulesRec'" | "mapModulesRec", [folder, ..]) => {
            import(folder, FolderReach::Recursive, true)
        }
        ("mapModules'" | "mapModules", [folder, ..]) => import(folder, FolderReach::Entries, true),
        ("listFilesRecursive", [folder]) => import(folder, FolderReach::Recursive, false),
        // The helper of the NixOS & Flakes book that many repositories copy: a folder's
        // `.nix` files and folders, its own `default.nix` left out.
        ("scanPaths", [folder]) => {
            let folder = folder_argument(sources, file, folder)?;
            let kept = KeptEntries { folders: None, excluded: vec!["default.nix".to_owned()] };
            Some(FolderImport {
                folder,
                reach: FolderReach::Entries,
                skips_underscored_and_index: false,
                kept,
            })
        }
        ("filter", [predicate, list]) if keeps_nix_files(predicate) => {
            folder_import(sources, file, &strip_parens(list.clone()))
        }
        // `map (name: ./modules + "/${name}") (attrNames (readDir ./modules))`, or a
        // mapping over one of the listings above (`map toString (listFilesRecursive …)`).
        ("map", [_, list]) => {
            let list = strip_parens(list.clone());
            let (listing, arguments) = call_parts(&list)?;
            match (callee_name(&listing)?.as_str(), arguments.as_slice()) {
                ("attrNames", [read]) => read_dir(sources, file, read),
                _ => folder_import(sources, file, &list),
            }
        }
        ("mapAttrsToList", [_, read]) => read_dir(sources, file, read),
        _ => None,
    }
}

/// `readDir ./folder`: its entries, or those a `filterAttrs` over it keeps; either
/// possibly bound to a name.
fn read_dir(sources: &Sources, file: &str, node: &SyntaxNode) -> Option<FolderImport> {
    let (file, node) = sources.bound_value(file, node)?;
    let (function, arguments) = call_parts(&node)?;
    match (callee_name(&function)?.as_str(), arguments.as_slice()) {
        ("readDir", [folder]) => Some(FolderImport {
            folder: folder_argument(sources, &file, folder)?,
            reach: FolderReach::Entries,
            skips_underscored_and_index: false,
            kept: KeptEntries::default(),
        }),
        ("filterAttrs", [predicate, read]) => {
            let import = read_dir(sources, &file, read)?;
            Some(FolderImport { kept: KeptEntries::read(sources, &file, predicate), ..import })
        }
        _ => None,
    }
}

/// A folder named by a path literal, possibly under `toString` or bound to a name.
fn folder_argument(sources: &Sources, file: &str, node: &SyntaxNode) -> Option<String> {
    let (file, node) = sources.bound_value(file, node)?;
    let file = file.as_str();
    match call_parts(&node) {
        Some((function, arguments)) if arguments.len() == 1 => {
            match callee_name(&function).as_deref() {
                Some("toString") => folder_argument(sources, file, &arguments[0]),
                _ => None,
            }
        }
        _ => sources.folder(file, &path_literal(&node)?),
    }
}

/// A filter predicate keeping `.nix` files: `hasSuffix ".nix"`, `f: lib.hasSuffix ".nix" f`.
fn keeps_nix_files(predicate: &SyntaxNode) -> bool {
    let mentions_has_suffix =
        predicate.descendants().any(|node| callee_name(&node).as_deref() == Some("hasSuffix"));
    let mentions_nix = predicate
        .descendants()
        .filter_map(|node| string_literal(&node))
        .any(|text| text.trim_start_matches('.') == "nix");
    mentions_has_suffix && mentions_nix
}

/// The attribute sets an expression is, or joins with `//` (`{ … } // import ./modules`).
fn joined_sets(
    sources: &Sources,
    resolved: Resolved,
    depth: usize,
) -> Option<Vec<(String, SyntaxNode)>> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Resolved::Expression { file, node } = &resolved {
        let node = strip_parens(node.clone());
        let is_update = has_token(&node, SyntaxKind::TOKEN_UPDATE);
        if node.kind() == SyntaxKind::NODE_BIN_OP && is_update {
            let mut sets = Vec::new();
            for side in node.children() {
                sets.extend(joined_sets(sources, sources.eval(file, &side)?, depth + 1)?);
            }
            return Some(sets);
        }
    }
    sources.force_attrset(resolved).map(|set| vec![set])
}

/// `attrValues set`: the values of a set of modules.
fn is_attr_values(node: &SyntaxNode) -> bool {
    call_parts(node).is_some_and(|(function, arguments)| {
        arguments.len() == 1 && callee_name(&function).as_deref() == Some("attrValues")
    })
}

/// The module files a `modules = [ … ]` list of a host's definition names, and its
/// `<input>.nixosModules.<name>` references. What cannot be followed (inline modules,
/// paths built from the helper's arguments) is left out: the definition is not a file
/// the studio edits.
pub fn modules_of_list(
    sources: &Sources,
    config: &FleetConfig,
    file: &str,
    list: &SyntaxNode,
) -> (Vec<String>, Vec<(String, String)>) {
    let mut found = Vec::new();
    let mut graph = Graph::default();
    collect(sources, config, file, list, &mut found, &mut graph, &mut Vec::new(), 0);
    (found, graph.nixos_modules)
}

/// Resolves a name or call and collects what it stands for.
#[allow(clippy::too_many_arguments)]
fn follow(
    sources: &Sources,
    config: &FleetConfig,
    file: &str,
    node: &SyntaxNode,
    found: &mut Vec<String>,
    graph: &mut Graph,
    problems: &mut Vec<Problem>,
    depth: usize,
) {
    match sources.eval(file, node) {
        Some(Resolved::Path(path)) => found.push(path),
        Some(Resolved::Expression { file: value_file, node: value }) => {
            let collectable = matches!(
                value.kind(),
                SyntaxKind::NODE_LIST | SyntaxKind::NODE_BIN_OP | SyntaxKind::NODE_PATH_REL
            );
            let inline_module =
                matches!(value.kind(), SyntaxKind::NODE_ATTR_SET | SyntaxKind::NODE_LAMBDA)
                    && inline_module_imports(&value).is_some();
            if is_file_module(sources, &value_file, &value) {
                found.push(value_file);
            } else if (collectable || inline_module) && value != *node {
                collect(sources, config, &value_file, &value, found, graph, problems, depth + 1);
            } else {
                problems.push(dynamic(file, node));
            }
        }
        None => problems.push(dynamic(file, node)),
    }
}

/// The `imports` lists of a module written inline (`{ imports = [ … ]; … }`, or a
/// function returning one), or `None` when `node` is no module.
fn inline_module_imports(node: &SyntaxNode) -> Option<Vec<SyntaxNode>> {
    let body = body_of(node.clone());
    (body.kind() == SyntaxKind::NODE_ATTR_SET).then(|| {
        bindings(&body)
            .filter_map(|binding| binding_parts(&binding))
            .filter(|(path, _)| path == &["imports"])
            .map(|(_, list)| list)
            .collect()
    })
}

/// True when `node` is what a file evaluates to (its root expression or, once called,
/// its body): importing the expression imports the file.
fn is_file_module(sources: &Sources, file: &str, node: &SyntaxNode) -> bool {
    let is_root = sources.root(file).and_then(root_expression).is_some_and(|root| root == *node);
    is_root || sources.body(file).is_some_and(|body| body == *node)
}

/// `optional (pathExists p) m` (by habit, `p` is `m` or the file `m` names),
/// `optional (isString desktop) m` and `optional (desktop != null) m`: the module `m`,
/// and when it is imported.
fn conditional_import(node: &SyntaxNode) -> Option<(Condition, SyntaxNode)> {
    let (function, arguments) = call_parts(node)?;
    let [test, module] = arguments.as_slice() else { return None };
    if callee_name(&function).as_deref() != Some("optional") {
        return None;
    }
    let test = strip_parens(test.clone());
    let condition = match call_parts(&test) {
        Some((name, _)) if callee_name(&name).as_deref() == Some("pathExists") => {
            Condition::IfExists
        }
        Some((name, tested)) if callee_name(&name).as_deref() == Some("isString") => {
            Condition::IfGiven(ident_name(&strip_parens(tested.first()?.clone()))?)
        }
        _ if test.kind() == SyntaxKind::NODE_BIN_OP
            && has_token(&test, SyntaxKind::TOKEN_NOT_EQUAL) =>
        {
            let sides: Vec<SyntaxNode> = test.children().map(strip_parens).collect();
            let [tested, null] = sides.as_slice() else { return None };
            if !is_ident(null, "null") {
                return None;
            }
            Condition::IfGiven(ident_name(tested)?)
        }
        _ => return None,
    };
    Some((condition, strip_parens(module.clone())))
}

/// Records a path built from the module's arguments, or imported under a condition on
/// them, to be read per host; anything else is a dynamic import, reported.
fn by_argument_or_dynamic(
    file: &str,
    node: &SyntaxNode,
    condition: Condition,
    graph: &mut Graph,
    problems: &mut Vec<Problem>,
) {
    let parts = argument_parts(node).filter(|parts| {
        condition != Condition::Always || parts.iter().any(|part| matches!(part, Part::Argument(_)))
    });
    match parts {
        Some(parts) => graph.by_argument.push(ArgumentPath {
            file: file.to_owned(),
            parts,
            condition,
            range: range_of(node),
            text: node.text().to_string().chars().take(60).collect(),
        }),
        None => problems.push(dynamic(file, node)),
    }
}

/// The module a path built from one name names with `value` in that name's place, written
/// in `file`: `./hosts/${host}` or `./hosts + "/${host}"` for a helper's host name. `None`
/// when it is built from nothing, from anything but names, or names no file.
pub fn path_built_from(
    sources: &Sources,
    file: &str,
    node: &SyntaxNode,
    value: &str,
) -> Option<String> {
    let parts = argument_parts(node)?;
    let mut literal = String::new();
    let mut built = false;
    for part in &parts {
        match part {
            Part::Text(text) => literal.push_str(text),
            Part::Argument(_) => {
                literal.push_str(value);
                built = true;
            }
        }
    }
    built.then(|| sources.resolve_path(file, &literal)).flatten()
}

/// The parts of a path that may be built from arguments: `./${hostname}/boot.nix`, or a
/// path literal plus a string (`./. + "/${hostname}/boot.nix"`); each interpolation a
/// plain name.
fn argument_parts(node: &SyntaxNode) -> Option<Vec<Part>> {
    let node = strip_parens(node.clone());
    let mut parts = Vec::new();
    match node.kind() {
        SyntaxKind::NODE_PATH_REL => interpolated_parts(&node, &mut parts)?,
        SyntaxKind::NODE_BIN_OP => {
            let is_addition = has_token(&node, SyntaxKind::TOKEN_ADD);
            let sides: Vec<SyntaxNode> = node.children().map(strip_parens).collect();
            let [path, string] = sides.as_slice() else { return None };
            if !is_addition || string.kind() != SyntaxKind::NODE_STRING {
                return None;
            }
            parts.push(Part::Text(path_literal(path)?));
            interpolated_parts(string, &mut parts)?;
        }
        _ => return None,
    }
    Some(parts)
}

/// The text and the interpolated names of a path or string, in order; `None` when an
/// interpolation is not a plain name.
fn interpolated_parts(holder: &SyntaxNode, parts: &mut Vec<Part>) -> Option<()> {
    for piece in holder.children_with_tokens() {
        match piece {
            rowan::NodeOrToken::Token(token) => match token.kind() {
                SyntaxKind::TOKEN_STRING_START | SyntaxKind::TOKEN_STRING_END => {}
                _ => parts.push(Part::Text(token.text().to_owned())),
            },
            rowan::NodeOrToken::Node(interpolation) => {
                let name = ident_name(&strip_parens(interpolation.children().next()?))?;
                parts.push(Part::Argument(name));
            }
        }
    }
    Some(())
}

fn dynamic(file: &str, node: &SyntaxNode) -> Problem {
    let text = node.text().to_string();
    let short: String = text.chars().take(60).collect();
    Problem::at(file, range_of(node), format!("dynamic import `{short}`, not followed"))
}

/// `modulesPath + "/…"`, `"${modulesPath}/…"`, `"${inputs.nixpkgs}/nixos/modules/…"` or
/// `"${pkgs.path}/nixos/…"`: a module of nixpkgs itself, outside the repository.
fn is_nixpkgs_module(node: &SyntaxNode) -> bool {
    let first = match node.kind() {
        SyntaxKind::NODE_STRING => node
            .children()
            .next()
            .filter(|part| part.kind() == SyntaxKind::NODE_INTERPOL)
            .and_then(|interpolation| interpolation.children().next()),
        // `base + "/…"`, not a list joined with `++`.
        _ if has_token(node, SyntaxKind::TOKEN_ADD) => node.children().next(),
        _ => None,
    };
    let names = first.and_then(|left| dotted_name(&left)).unwrap_or_default();
    match names.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["modulesPath"] | ["pkgs", "path"] => true,
        [.., nixpkgs] => *nixpkgs == "nixpkgs" || nixpkgs.starts_with("nixpkgs-"),
        [] => false,
    }
}

/// A module of a flake input written otherwise than `<input>.nixosModules.<name>`
/// (`inputs.hm.nixosModule`, `inputs.home-manager.${platformModules}.home-manager`), as
/// (input, the last name given): outside the repository, like nixpkgs' own modules, and
/// recorded like those.
fn input_module(node: &SyntaxNode) -> Option<(String, String)> {
    let base = first_child(node)?;
    let attrpath = node.children().find(|child| child.kind() == SyntaxKind::NODE_ATTRPATH)?;
    let attrs: Vec<SyntaxNode> = attrpath.children().collect();
    let [first, rest @ ..] = attrs.as_slice() else { return None };
    let input = attr_name(first).filter(|input| input != "self")?;
    let names: Vec<String> = rest.iter().filter_map(attr_name).collect();
    let module = names.last()?.clone();
    let wanted = is_ident(&base, "inputs") && !names.iter().any(|name| name == "nixosModules");
    wanted.then_some((input, module))
}

/// `mkRenamedOptionModule [ … ] [ … ]` and the other helpers of nixpkgs' `lib` that build
/// a module moving or removing options: a module with no file behind it to follow.
fn is_option_module(node: &SyntaxNode) -> bool {
    call_parts(node).is_some_and(|(function, _)| {
        callee_name(&function).is_some_and(|name| {
            matches!(
                name.as_str(),
                "mkRenamedOptionModule"
                    | "mkRenamedOptionModuleWith"
                    | "mkRemovedOptionModule"
                    | "mkAliasOptionModule"
                    | "mkAliasOptionModuleMD"
                    | "mkChangedOptionModule"
                    | "mkMergedOptionModule"
            )
        })
    })
}

/// For each host, the modules standing in for a NixOS module that it keeps: a module some
/// host imports beside a `disabledModules` entry of the same file name
/// (`"virtualisation/vmware-guest.nix"` beside `../modules/vmware-guest.nix`) stands in for
/// that NixOS module, which every host not disabling it still has.
pub fn stand_ins(
    sources: &Sources,
    hosts: &[Host],
    memo: &mut FileMemo<Vec<String>>,
) -> Vec<Vec<String>> {
    // Hosts share most of their modules: each file is read once, and kept between runs.
    let mut seen: PathSet<&str> = PathSet::default();
    let mut disabling: Vec<&str> = Vec::new();
    for file in hosts.iter().flat_map(|host| host.imports.iter()) {
        if !seen.insert(file) {
            continue;
        }
        let Some(content) = sources.content(file) else { continue };
        if !memo.get_or_insert_with(file, content, || disabled_modules(sources, file)).is_empty() {
            disabling.push(file);
        }
    }
    if disabling.is_empty() {
        return vec![Vec::new(); hosts.len()];
    }
    let disabled_by_file: PathMap<&str, &[String]> = disabling
        .into_iter()
        .filter_map(|file| {
            let disabled = memo.get(file, sources.content(file)?)?;
            Some((file, disabled.as_slice()))
        })
        .collect();
    let disabled_by_host: Vec<Vec<&str>> = hosts
        .iter()
        .map(|host| {
            host.imports
                .iter()
                .filter_map(|file| disabled_by_file.get(file.as_str()))
                .flat_map(|disabled| disabled.iter())
                .map(String::as_str)
                .collect()
        })
        .collect();
    let mut stand_ins: Vec<&str> = Vec::new();
    for (host, disabled) in hosts.iter().zip(&disabled_by_host) {
        for file in host.imports.iter() {
            if disabled.contains(&file_name(file)) && !stand_ins.contains(&file.as_str()) {
                stand_ins.push(file);
            }
        }
    }
    disabled_by_host
        .iter()
        .map(|disabled| {
            stand_ins
                .iter()
                .filter(|file| !disabled.contains(&file_name(file)))
                .map(|file| (*file).to_owned())
                .collect()
        })
        .collect()
}

/// The file names of the NixOS modules a module lists under `disabledModules`.
fn disabled_modules(sources: &Sources, file: &str) -> Vec<String> {
    top_level_values(sources, file, "disabledModules")
        .into_iter()
        .flat_map(|list| strip_parens(list).children().collect::<Vec<_>>())
        .filter_map(|item| string_literal(&strip_parens(item)))
        .map(|module| file_name(&module).to_owned())
        .collect()
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// A `default.nix` directly in a template folder only gathers the templates.
fn is_index(config: &FleetConfig, path: &str) -> bool {
    config
        .template_dirs
        .iter()
        .any(|directory| path == format!("{}/default.nix", directory.trim_end_matches('/')))
}

/// Every template: files in template folders, plus files a host uses as one.
pub fn templates(sources: &Sources, config: &FleetConfig, hosts: &[Host]) -> Vec<Template> {
    let mut files = BTreeSet::new();
    files.extend(
        sources
            .files
            .paths()
            .filter(|path| {
                path.ends_with(".nix") && config.is_template(path) && !is_index(config, path)
            })
            .map(ToOwned::to_owned),
    );
    files.extend(
        hosts.iter().filter_map(|host| host.template.as_ref().map(|used| used.file.clone())),
    );
    files
        .into_iter()
        .map(|file| Template {
            name: stem_of(&file),
            hosts: hosts
                .iter()
                .filter(|host| host.template.as_ref().is_some_and(|used| used.file == file))
                .map(|host| host.name.clone())
                .collect(),
            file,
        })
        .collect()
}
