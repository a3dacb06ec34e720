//! Parsed Nix files of one repository and a tiny static resolver over them.
//!
//! The resolver follows only what can be known without evaluation: path literals,
//! `import path args`, `let` bindings, attribute selection on attribute sets and calls of
//! functions defined in the repository. Anything else resolves to nothing, and callers
//! report it as not followed rather than guess.

use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;
use std::sync::Arc;

use rnix::{SyntaxKind, SyntaxNode};

use super::cache::{FileMemo, FlakeModuleFiles, Look, Reads, could_define_flake_modules};
use super::flake_parts;
use super::syntax::{
    binding_parts, binding_prefix_of, bindings, binds_parameter, body_of, call_parts, callee_name,
    dotted_name, first_child, has_token, ident_name, is_ident, path_literal, root_expression,
    select_parts, strip_parens,
};
use crate::files::{FileSet, resolve};

/// The flake, whose `outputs` modules reach as `outputs.…` or `self.…`.
const FLAKE: &str = "flake.nix";

/// How deep the resolver follows names before giving up (guards against cycles).
const MAX_DEPTH: usize = 24;

/// Every `.nix` file of the repository, parsed once.
pub struct Sources<'a> {
    pub files: &'a FileSet,
    roots: BTreeMap<String, ParsedFile>,
    /// The files looked at since [`Sources::recording`] started, while it runs.
    reads: RefCell<Option<BTreeMap<String, Look>>>,
    /// The NixOS modules the repository's flake-parts modules define, by output, read
    /// on first use.
    inline: OnceCell<Vec<(String, InlineModule)>>,
    /// The files those are read from.
    flake_module_files: OnceCell<FlakeModuleFiles>,
}

pub struct ParsedFile {
    pub root: SyntaxNode,
    pub errors: Vec<String>,
}

/// One of the flake's own NixOS modules as a flake-parts module defines it: written in
/// the file (its address), or a path (`flake.modules.nixos.desktop = ./_desktop.nix;`).
#[derive(PartialEq)]
enum InlineModule {
    Inline(String),
    Path { from: String, literal: String },
}

/// A value the resolver could pin down: an expression in a file, or a path to a file.
#[derive(Clone)]
pub enum Resolved {
    Path(String),
    Expression { file: String, node: SyntaxNode },
}

impl<'a> Sources<'a> {
    pub fn new(files: &'a FileSet) -> Sources<'a> {
        Sources::with_parses(files, &mut FileMemo::default())
    }

    /// Takes the parse of every `.nix` file from `parses` when it holds one of the file's
    /// current content, and parses (and adds there) the others.
    pub fn with_parses(
        files: &'a FileSet,
        parses: &mut FileMemo<rnix::Parse<rnix::Root>>,
    ) -> Sources<'a> {
        let nix_files = || {
            files
                .paths()
                .filter(|path| path.ends_with(".nix"))
                .filter_map(|path| files.get_shared(path).map(|content| (path, content)))
        };
        let unparsed: Vec<(&str, &str)> = nix_files()
            .filter(|(path, content)| parses.get(path, content).is_none())
            .map(|(path, content)| (path, &**content))
            .collect();
        for (path, parse) in parse_all(&unparsed) {
            if let Some(content) = files.get_shared(path) {
                parses.insert(path, content, parse);
            }
        }
        let roots = nix_files()
            .filter_map(|(path, content)| {
                let parse = parses.get(path, content)?;
                let errors = parse.errors().iter().map(ToString::to_string).collect();
                Some((path.to_owned(), ParsedFile { root: parse.syntax(), errors }))
            })
            .collect();
        Sources {
            files,
            roots,
            reads: RefCell::new(None),
            inline: OnceCell::new(),
            flake_module_files: OnceCell::new(),
        }
    }

    pub fn parsed(&self) -> impl Iterator<Item = (&str, &ParsedFile)> {
        self.roots.iter().map(|(path, parsed)| (path.as_str(), parsed))
    }

    /// The parse of a module's file (see [`flake_parts::file_of`]).
    pub fn root(&self, module: &str) -> Option<&SyntaxNode> {
        let file = flake_parts::file_of(module);
        self.record(file, Look::Content);
        self.roots.get(file).map(|parsed| &parsed.root)
    }

    /// The text of a module's file.
    pub fn text(&self, module: &str) -> Option<&'a str> {
        let file = flake_parts::file_of(module);
        self.record(file, Look::Content);
        self.files.get(file)
    }

    /// The bindings into an inline module from outside its body
    /// (`flake.modules.nixos.base.imports = [ … ];`), as the path inside it and the value.
    pub fn bindings_into(&self, module: &str) -> Vec<(Vec<String>, SyntaxNode)> {
        match (flake_parts::split(module), self.root(module)) {
            (Some((_, output)), Some(root)) => flake_parts::bindings_into(root, output),
            _ => Vec::new(),
        }
    }

    /// The content of a module's file, without noting a read (see [`Sources::root`]).
    pub fn content(&self, module: &str) -> Option<&'a Arc<str>> {
        self.files.get_shared(flake_parts::file_of(module))
    }

    /// The files that could define the flake's own modules, read once per run.
    fn flake_module_files(&self) -> FlakeModuleFiles {
        let files = self.flake_module_files.get_or_init(|| {
            let candidates = self.roots.keys().filter_map(|path| {
                let text = self.files.get_shared(path)?;
                could_define_flake_modules(path, text).then(|| (path.clone(), Arc::clone(text)))
            });
            candidates.collect()
        });
        Arc::clone(files)
    }

    /// Whether `file` belongs to another flake: one below a folder with a `flake.nix` of
    /// its own (a template's, `templates/starter/flake.nix`).
    fn in_another_flake(&self, file: &str) -> bool {
        let mut folder = file;
        while let Some((parent, _)) = folder.rsplit_once('/') {
            if self.files.contains(&format!("{parent}/{FLAKE}")) {
                return true;
            }
            folder = parent;
        }
        false
    }

    /// The modules defined inline as the flake's `output` (`modules.nixos.base`) in the
    /// repository's files, in path order; one bound to a path is that file.
    pub fn inline_modules(&self, output: &str) -> Vec<String> {
        let index = self.inline.get_or_init(|| {
            let mut index = Vec::new();
            for (file, _) in self.flake_module_files().iter() {
                // import-tree leaves out paths with a part starting with `_`.
                let left_out = file.split('/').any(|part| part.starts_with('_'))
                    || self.in_another_flake(file);
                let Some(parsed) = self.roots.get(file).filter(|_| !left_out) else {
                    continue;
                };
                for defined in flake_parts::defined(&parsed.root) {
                    let literal = path_literal(&strip_parens(defined.value.clone()))
                        .filter(|_| defined.inside.is_empty());
                    let module = match literal {
                        Some(literal) => InlineModule::Path { from: file.clone(), literal },
                        None => InlineModule::Inline(flake_parts::address(file, &defined.output)),
                    };
                    let entry = (defined.output, module);
                    if !index.contains(&entry) {
                        index.push(entry);
                    }
                }
            }
            index
        });
        // Any file naming `flake` could define the output: the answer holds while none
        // of them changes and no other file comes to name it.
        self.record("", Look::FlakeModules);
        index
            .iter()
            .filter(|(defined, _)| defined == output)
            .filter_map(|(_, module)| match module {
                InlineModule::Inline(address) => Some(address.clone()),
                // Resolved for the caller, whose result holds while the file does.
                InlineModule::Path { from, literal } => self.resolve_path(from, literal),
            })
            .collect()
    }

    /// Runs `compute` and returns, with its result, every file it read or looked for
    /// through these sources: the result holds for as long as they do not change.
    pub fn recording<T>(&self, compute: impl FnOnce() -> T) -> (T, Reads) {
        let outer = self.reads.replace(Some(BTreeMap::new()));
        let value = compute();
        let read = self.reads.replace(outer).unwrap_or_default();
        for (path, look) in &read {
            self.record(path, *look);
        }
        (value, Reads::new(read, self.files, || self.flake_module_files()))
    }

    /// Notes that `path` was looked at, if recording; a file whose content was read need
    /// not be noted for its presence too.
    fn record(&self, path: &str, look: Look) {
        let mut reads = self.reads.borrow_mut();
        let Some(read) = reads.as_mut() else { return };
        match read.get_mut(path) {
            Some(noted) => *noted = (*noted).max(look),
            None => {
                read.insert(path.to_owned(), look);
            }
        }
    }

    /// The file a path literal in `from` names: the file itself, or `default.nix` of a
    /// directory.
    pub fn resolve_path(&self, from: &str, literal: &str) -> Option<String> {
        let Some(target) = resolve(from, literal) else {
            // `./.` in a root file, `../.` one folder down: the root's `default.nix`.
            let default = resolve(from, &format!("{literal}/default.nix"))?;
            self.record(&default, Look::Presence);
            return self.files.contains(&default).then_some(default);
        };
        self.record(&target, Look::Presence);
        if self.files.contains(&target) {
            return Some(target);
        }
        let default = format!("{target}/default.nix");
        self.record(&default, Look::Presence);
        match self.files.contains(&default) {
            true => Some(default),
            false => None,
        }
    }

    /// The folder a path literal in `from` names (`""` for the repository's root), when
    /// it holds files.
    pub fn folder(&self, from: &str, literal: &str) -> Option<String> {
        let folder = match resolve(from, literal) {
            Some(folder) => folder,
            None => resolve(from, &format!("{literal}/default.nix"))
                .filter(|default| default == "default.nix")
                .map(|_| String::new())?,
        };
        self.record(&format!("{folder}/"), Look::Listing);
        self.files.paths_under(&folder).next().is_some().then_some(folder)
    }

    /// The `.nix` files below `folder` (see [`Sources::folder`]), in path order.
    pub fn nix_files_under(&self, folder: &str) -> Vec<String> {
        self.record(&format!("{folder}/"), Look::Listing);
        self.files
            .paths_under(folder)
            .filter(|path| path.ends_with(".nix"))
            .map(ToOwned::to_owned)
            .collect()
    }

    /// The module or template body of a file (its expression below function headers and
    /// `let`s), or of an inline module.
    pub fn body(&self, module: &str) -> Option<SyntaxNode> {
        let root = self.root(module)?;
        match flake_parts::split(module) {
            Some((_, output)) => flake_parts::module_body(root, output),
            None => root_expression(root).map(body_of),
        }
    }

    /// Resolves an expression as far as static reading allows.
    pub fn eval(&self, file: &str, node: &SyntaxNode) -> Option<Resolved> {
        self.eval_at(file, node, 0)
    }

    /// The expression `node` stands for when it is a name (through names bound to names,
    /// `currentDir = ./.;`), as written, with the file it is written in; `node` itself
    /// when it is no name. Unlike [`Sources::eval`], a path stays a path literal.
    pub fn bound_value(&self, file: &str, node: &SyntaxNode) -> Option<(String, SyntaxNode)> {
        let (mut file, mut node) = (file.to_owned(), strip_parens(node.clone()));
        for depth in 0..MAX_DEPTH {
            if node.kind() != SyntaxKind::NODE_IDENT {
                return Some((file, node));
            }
            let name = ident_name(&node)?;
            let (value_file, value) = self.lookup(&file, &node, &name, depth)?;
            (file, node) = (value_file, strip_parens(value));
        }
        None
    }

    fn eval_at(&self, file: &str, node: &SyntaxNode, depth: usize) -> Option<Resolved> {
        if depth > MAX_DEPTH {
            return None;
        }
        let node = strip_parens(node.clone());
        match node.kind() {
            SyntaxKind::NODE_PATH_REL => {
                let literal = path_literal(&node)?;
                self.resolve_path(file, &literal).map(Resolved::Path)
            }
            SyntaxKind::NODE_IDENT => {
                let name = ident_name(&node)?;
                let (value_file, value) = self.lookup(file, &node, &name, depth)?;
                self.eval_at(&value_file, &value, depth + 1)
            }
            SyntaxKind::NODE_APPLY => self.eval_call(file, &node, depth),
            SyntaxKind::NODE_SELECT => {
                let (base, names) = select_parts(&node)?;
                if let Some(resolved) = self.eval_at(file, &base, depth + 1) {
                    return self.select(resolved, &names, depth + 1);
                }
                // ez-configs gives every module `ezModules`, the modules of its folder.
                if is_ident(&base, "ezModules") {
                    let folder = super::hosts::ez_configs(self)?.modules?;
                    return self.folder_module(&folder, &names).map(Resolved::Path);
                }
                // `self.x`, `inputs.self.x`: below the flake's own outputs.
                let below_outputs = match names.split_first() {
                    _ if names_the_flake_outputs(&base) => &names[..],
                    Some((first, rest)) if first == "self" && is_ident(&base, "inputs") => rest,
                    _ => return None,
                };
                self.flake_outputs()
                    .into_iter()
                    .find_map(|outputs| self.select(outputs, below_outputs, depth + 1))
            }
            SyntaxKind::NODE_LET_IN | SyntaxKind::NODE_WITH => {
                let body = node.children().last()?;
                self.eval_at(file, &body, depth + 1)
            }
            SyntaxKind::NODE_STRING => match self.repository_path(file, &node, depth + 1) {
                Some(path) => self.resolve_path("", &path).map(Resolved::Path),
                None => Some(Resolved::Expression { file: file.to_owned(), node }),
            },
            _ => Some(Resolved::Expression { file: file.to_owned(), node }),
        }
    }

    fn eval_call(&self, file: &str, node: &SyntaxNode, depth: usize) -> Option<Resolved> {
        let (function, arguments) = call_parts(node)?;
        let mut remaining = arguments.len();
        let mut resolved = match callee_name(&function).as_deref() {
            Some("import") if is_import(&function) => {
                let target = arguments.first()?;
                remaining -= 1;
                match self.eval_at(file, target, depth + 1)? {
                    Resolved::Path(path) => {
                        let root = root_expression(self.root(&path)?)?;
                        Resolved::Expression { file: path, node: root }
                    }
                    Resolved::Expression { .. } => return None,
                }
            }
            _ => self.eval_at(file, &function, depth + 1)?,
        };
        for _ in 0..remaining {
            let (function_file, function_node) = self.force(resolved, depth + 1)?;
            if function_node.kind() != SyntaxKind::NODE_LAMBDA {
                return None;
            }
            let body = function_node.children().nth(1)?;
            resolved = self.eval_at(&function_file, &body, depth + 1)?;
        }
        Some(resolved)
    }

    /// Turns a resolved value into an expression node (reading a path's file).
    fn force(&self, resolved: Resolved, depth: usize) -> Option<(String, SyntaxNode)> {
        match resolved {
            Resolved::Path(path) => {
                let root = root_expression(self.root(&path)?)?;
                match self.eval_at(&path, &root, depth + 1)? {
                    Resolved::Expression { file, node } => Some((file, node)),
                    Resolved::Path(_) => None,
                }
            }
            Resolved::Expression { file, node } => Some((file, node)),
        }
    }

    /// Forces a value down to an attribute set, calling functions leniently (their
    /// arguments are not needed to see the attribute names of their result).
    pub fn force_attrset(&self, resolved: Resolved) -> Option<(String, SyntaxNode)> {
        let (file, node) = self.force(resolved, 0)?;
        let body = body_of(node);
        match body.kind() {
            SyntaxKind::NODE_ATTR_SET => Some((file, body)),
            _ => match self.eval_at(&file, &body, 1)? {
                Resolved::Expression { file, node } => {
                    let node = body_of(node);
                    (node.kind() == SyntaxKind::NODE_ATTR_SET).then_some((file, node))
                }
                Resolved::Path(_) => None,
            },
        }
    }

    /// The attribute sets `flake.nix`'s `outputs` function returns (each side of a `//`
    /// that is one), or the `flake = { … };` of the flake-parts module it gives `mkFlake`.
    fn flake_outputs(&self) -> Vec<Resolved> {
        let Some(flake) = self.body(FLAKE) else { return Vec::new() };
        let Some(outputs) = bindings(&flake)
            .filter_map(|binding| binding_parts(&binding))
            .find_map(|(path, value)| (path == ["outputs"]).then_some(value))
        else {
            return Vec::new();
        };
        let mut outputs = body_of(outputs);
        if let Some((function, arguments)) = call_parts(&outputs)
            && callee_name(&function).as_deref() == Some("mkFlake")
            && let Some(module) = arguments.last().map(|module| body_of(module.clone()))
            && module.kind() == SyntaxKind::NODE_ATTR_SET
        {
            let flake = bindings(&module)
                .filter_map(|binding| binding_parts(&binding))
                .find_map(|(path, value)| (path == ["flake"]).then(|| strip_parens(value)));
            let Some(flake) = flake else { return Vec::new() };
            outputs = flake;
        }
        let mut sides = vec![outputs];
        let mut sets = Vec::new();
        while let Some(side) = sides.pop() {
            match side.kind() {
                SyntaxKind::NODE_ATTR_SET => {
                    sets.push(Resolved::Expression { file: FLAKE.to_owned(), node: side });
                }
                SyntaxKind::NODE_BIN_OP => sides.extend(side.children().map(strip_parens)),
                _ => {}
            }
        }
        sets
    }

    /// The path below the repository root that a string built on the flake's own source
    /// names: `"${self}/system"`, `"${inputs.self}/hosts/a"`, or `"${mod}/x.nix"` where
    /// `mod` is such a string.
    fn repository_path(&self, file: &str, string: &SyntaxNode, depth: usize) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut parts = string.children_with_tokens().filter(|part| {
            !matches!(part.kind(), SyntaxKind::TOKEN_STRING_START | SyntaxKind::TOKEN_STRING_END)
        });
        let base = parts.next()?.into_node()?;
        if base.kind() != SyntaxKind::NODE_INTERPOL {
            return None;
        }
        let mut rest = String::new();
        for part in parts {
            let token = part.into_token()?;
            rest.push_str(token.text());
        }
        let base_expression = first_child(&base)?;
        let base_path = match dotted_name(&base_expression).as_deref() {
            Some([name]) | Some([_, name]) if name == "self" => String::new(),
            Some([name]) => {
                let (value_file, value) = self.lookup(file, &base_expression, name, depth + 1)?;
                let value = strip_parens(value);
                if value.kind() != SyntaxKind::NODE_STRING {
                    return None;
                }
                self.repository_path(&value_file, &value, depth + 1)?
            }
            _ => return None,
        };
        let joined = format!("{base_path}/{}", rest.trim_start_matches('/'));
        Some(joined.trim_matches('/').to_owned())
    }

    /// Resolves `base.names…` (a selection whose names were split off by the caller).
    pub fn eval_select(&self, file: &str, base: &SyntaxNode, names: &[String]) -> Option<Resolved> {
        let resolved = self.eval_at(file, base, 1)?;
        self.select(resolved, names, 1)
    }

    fn select(&self, resolved: Resolved, names: &[String], depth: usize) -> Option<Resolved> {
        if names.is_empty() {
            return Some(resolved);
        }
        if depth > MAX_DEPTH {
            return None;
        }
        let (file, set) = self.force_attrset(resolved)?;
        for binding in bindings(&set) {
            let Some((length, value)) = binding_prefix_of(&binding, names) else { continue };
            if let Some(folder) = self.listed_folder(&file, &value) {
                return self.folder_module(&folder, &names[length..]).map(Resolved::Path);
            }
            let next = self.eval_at(&file, &value, depth + 1)?;
            return self.select(next, &names[length..], depth + 1);
        }
        let inherited = self.inherited(&file, &set, &names[0], depth + 1)?;
        self.select(inherited, &names[1..], depth + 1)
    }

    /// The folder a call lists as a set of its modules, by the path it is given last
    /// (`findModules ./profiles`, `rakeLeaves ./modules`); `import ./dir` reads a file.
    pub fn listed_folder(&self, file: &str, node: &SyntaxNode) -> Option<String> {
        let (function, arguments) = call_parts(node)?;
        if callee_name(&function).as_deref() == Some("import") && is_import(&function) {
            return None;
        }
        self.folder_of(file, arguments.last()?)
    }

    /// The folder a path literal written in `file` names (`./hosts`, `(./.)`).
    pub fn folder_of(&self, file: &str, node: &SyntaxNode) -> Option<String> {
        let literal = path_literal(&strip_parens(node.clone()))?;
        self.folder(file, &literal)
    }

    /// The module a listed folder's set holds at `names`: `<folder>/a/b.nix` or
    /// `<folder>/a/b/default.nix` for `.a.b`.
    pub fn folder_module<S: AsRef<str>>(&self, folder: &str, names: &[S]) -> Option<String> {
        let below = std::iter::once(folder).chain(names.iter().map(AsRef::as_ref));
        let joined = below.filter(|part| !part.is_empty()).collect::<Vec<_>>().join("/");
        [format!("{joined}.nix"), format!("{joined}/default.nix")].into_iter().find(|path| {
            self.record(path, Look::Presence);
            self.files.contains(path)
        })
    }

    /// The value of `inherit name;` or `inherit (from) name;` in `set`.
    fn inherited(
        &self,
        file: &str,
        set: &SyntaxNode,
        name: &str,
        depth: usize,
    ) -> Option<Resolved> {
        let inherit =
            set.children().filter(|child| child.kind() == SyntaxKind::NODE_INHERIT).find(
                |inherit| inherit.children().any(|attr| ident_name(&attr).as_deref() == Some(name)),
            )?;
        let attr = inherit.children().find(|attr| ident_name(attr).as_deref() == Some(name))?;
        match inherit.children().find(|child| child.kind() == SyntaxKind::NODE_INHERIT_FROM) {
            Some(from) => {
                let resolved = self.eval_at(file, &first_child(&from)?, depth + 1)?;
                self.select(resolved, &[name.to_owned()], depth + 1)
            }
            None => {
                let (value_file, value) = self.lookup(file, &attr, name, depth + 1)?;
                self.eval_at(&value_file, &value, depth + 1)
            }
        }
    }

    /// Finds what `name` is bound to at `node`: a `let` or `rec { }` binding, or an
    /// `inherit (x) name`. Function arguments are unknown.
    fn lookup(
        &self,
        file: &str,
        node: &SyntaxNode,
        name: &str,
        depth: usize,
    ) -> Option<(String, SyntaxNode)> {
        let wanted = [name.to_owned()];
        for ancestor in node.ancestors().skip(1) {
            match ancestor.kind() {
                SyntaxKind::NODE_LET_IN => {}
                SyntaxKind::NODE_ATTR_SET if is_rec(&ancestor) => {}
                SyntaxKind::NODE_LAMBDA => {
                    if binds_parameter(&ancestor, name) {
                        return None;
                    }
                    continue;
                }
                _ => continue,
            }
            for binding in bindings(&ancestor) {
                if let Some((1, value)) = binding_prefix_of(&binding, &wanted) {
                    return Some((file.to_owned(), value));
                }
            }
            for inherit in
                ancestor.children().filter(|child| child.kind() == SyntaxKind::NODE_INHERIT)
            {
                let inherits_name =
                    inherit.children().any(|attr| ident_name(&attr).as_deref() == Some(name));
                if !inherits_name {
                    continue;
                }
                let from = inherit
                    .children()
                    .find(|child| child.kind() == SyntaxKind::NODE_INHERIT_FROM)
                    .and_then(|from| first_child(&from))?;
                let resolved = self.eval_at(file, &from, depth + 1)?;
                let selected = self.select(resolved, &[name.to_owned()], depth + 1)?;
                return self.force(selected, depth + 1);
            }
        }
        None
    }
}

/// Parses files; natively on all cores (a parse result is plain data until a tree is
/// built from it), in the browser on the one thread there is.
#[cfg(not(target_arch = "wasm32"))]
fn parse_all<'f>(files: &[(&'f str, &'f str)]) -> Vec<(&'f str, rnix::Parse<rnix::Root>)> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(8);
    let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
    if threads < 2 || bytes < 256 * 1024 {
        return files.iter().map(|(path, text)| (*path, rnix::Root::parse(text))).collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk.max(1))
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(path, text)| (*path, rnix::Root::parse(text)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(parsed) => parsed,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

#[cfg(target_arch = "wasm32")]
fn parse_all<'f>(files: &[(&'f str, &'f str)]) -> Vec<(&'f str, rnix::Parse<rnix::Root>)> {
    files.iter().map(|(path, text)| (*path, rnix::Root::parse(text))).collect()
}

/// `outputs`, `self`, `self.outputs` or `inputs.self` where nothing in the file binds it:
/// the flake's own outputs, passed to modules as an argument (`outputs.nixosModules`).
fn names_the_flake_outputs(base: &SyntaxNode) -> bool {
    let Some(names) = dotted_name(base) else { return false };
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    matches!(names.as_slice(), ["outputs" | "self"] | ["self", "outputs"] | ["inputs", "self"])
}

fn is_import(function: &SyntaxNode) -> bool {
    let function = strip_parens(function.clone());
    match function.kind() {
        SyntaxKind::NODE_IDENT => true,
        SyntaxKind::NODE_SELECT => select_parts(&function).is_some_and(|(base, names)| {
            ident_name(&base).as_deref() == Some("builtins") && names.len() == 1
        }),
        _ => false,
    }
}

fn is_rec(set: &SyntaxNode) -> bool {
    has_token(set, SyntaxKind::TOKEN_REC)
}
