//! The options catalogue: every option declared under `options.` in any file.
//!
//! Declarations are read in nested, dotted or mixed form; `mkEnableOption`, `mkOption`
//! and `mkPackageOption` are recognised by name whether written bare, as `lib.mkOption`
//! or brought in with `inherit (lib) …`, and so are the `mkBoolOpt default "…"` and
//! `mkOpt type default "…"` helpers many repositories define. Types: `bool`,
//! `enum [ … ]`, anything else is "other" (kept as written).
//!
//! Category (how the UI groups toggles), first rule that applies:
//! 1. the declaring file lives in `modules/<category>/…` (or snowfall-lib's
//!    `modules/nixos/<category>/…`) → `<category>`;
//! 2. the path is `features.<category>.…` or `modules.<category>.…` (three parts or more)
//!    → `<category>`;
//! 3. otherwise the first part of the path (`services`, `programs`, …).

use std::borrow::Cow;

use rnix::{SyntaxKind, SyntaxNode};

use super::cache::FileMemo;
use super::config::FleetConfig;
use super::flake_parts;
use super::sources::Sources;
use super::syntax::{
    attr_name, binding_parts, bindings, bool_literal, call_parts, callee_name, dotted_name,
    first_child, has_token, is_ident, nth_child, range_of, root_expression, string_literal,
    strip_parens,
};
use super::{OptionDecl, OptionKind, Value};

/// Every option declared in the repository, one declaration per path (the first file
/// declaring it, by path), sorted by path. A file's declarations are kept in `memo` for
/// the next run, and the catalogue borrows them from there.
pub fn catalogue<'memo>(
    sources: &Sources,
    config: &FleetConfig,
    memo: &'memo mut FileMemo<Vec<OptionDecl>>,
) -> Vec<Cow<'memo, OptionDecl>> {
    for (file, _) in sources.parsed() {
        let Some(content) = sources.files.get_shared(file) else { continue };
        memo.get_or_insert_with(file, content, || declarations(sources, config, file));
    }
    let memo: &'memo FileMemo<Vec<OptionDecl>> = memo;
    let namespace = super::hosts::snowfall_namespace(sources);
    let mut options: Vec<Cow<OptionDecl>> = sources
        .parsed()
        .filter_map(|(file, _)| memo.get(file, sources.files.get_shared(file)?))
        .flatten()
        .filter_map(|option| in_namespace(option, namespace.as_deref(), config))
        .collect();
    crate::sort::sort_by(&mut options, |left, right| {
        (&left.path, &left.declared_in).cmp(&(&right.path, &right.declared_in))
    });
    options.dedup_by(|later, earlier| later.path == earlier.path);
    options
}

/// `option` as the catalogue lists it: a path under [`NAMESPACE`] names the flake's
/// snowfall namespace instead (and is left out when the flake names none); any other is
/// the declaration as kept.
fn in_namespace<'a>(
    option: &'a OptionDecl,
    namespace: Option<&str>,
    config: &FleetConfig,
) -> Option<Cow<'a, OptionDecl>> {
    let Some(rest) = option.path.strip_prefix(NAMESPACE) else {
        return Some(Cow::Borrowed(option));
    };
    let namespace = namespace?;
    let mut option = option.clone();
    option.path = format!("{namespace}{rest}");
    option.toggle = is_toggle(&option.kind, &option.path, config);
    Some(Cow::Owned(option))
}

/// The options one file declares, itself or in the NixOS modules it defines inline
/// (see [`flake_parts`]).
fn declarations(sources: &Sources, config: &FleetConfig, file: &str) -> Vec<OptionDecl> {
    let mut options = Vec::new();
    let Some(text) = sources.text(file) else { return options };
    if !text.contains("options") {
        return options;
    }
    module_declarations(sources, config, file, &mut options);
    if text.contains("flake")
        && let Some(root) = sources.root(file)
    {
        for defined in
            flake_parts::defined(root).into_iter().filter(|defined| defined.inside.is_empty())
        {
            let module = flake_parts::address(file, &defined.output);
            module_declarations(sources, config, &module, &mut options);
        }
    }
    options
}

/// The options one module declares.
fn module_declarations(
    sources: &Sources,
    config: &FleetConfig,
    module: &str,
    options: &mut Vec<OptionDecl>,
) {
    let file = flake_parts::file_of(module);
    let Some(body) = sources.body(module) else { return };
    if body.kind() != SyntaxKind::NODE_ATTR_SET {
        return;
    }
    let names = string_names(sources, module);
    let declarations = bindings(&body).filter(|binding| starts_with_name(binding, "options"));
    for declaration_binding in declarations {
        walk_namespaced(&declaration_binding, &names, &mut |path, value, binding| {
            if path.first().map(String::as_str) != Some("options") || path.len() < 2 {
                return;
            }
            let Some((kind, default, description)) = declaration(value) else { return };
            let option_path = path[1..].join(".");
            let toggle = is_toggle(&kind, &option_path, config);
            options.push(OptionDecl {
                category: category(file, &path[1..]),
                path: option_path,
                kind,
                default,
                description,
                declared_in: module.to_owned(),
                range: range_of(binding),
                toggle,
                undeclared: false,
            });
        });
    }
}

/// Whether an option of `kind` at `path` is a toggle: a bool or an enum under the
/// configured toggle roots.
fn is_toggle(kind: &OptionKind, path: &str, config: &FleetConfig) -> bool {
    matches!(kind, OptionKind::Bool | OptionKind::Enum { .. }) && config.is_toggle_root(path)
}

/// The stand-in for snowfall-lib's `${namespace}` in an option path, replaced by the
/// flake's namespace when the catalogue is built.
const NAMESPACE: &str = "${namespace}";

/// The names the `let`s around a module's body bind to plain strings
/// (`service = "jellyfin";`), which its option paths may use
/// (`options.homelab.services.${service}`): the file's outer ones, and an inline module's
/// own.
fn string_names(sources: &Sources, module: &str) -> Vec<(String, String)> {
    let Some(root) = sources.root(module) else { return Vec::new() };
    let mut names = Vec::new();
    let mut starts = vec![root_expression(root)];
    if let Some((_, output)) = flake_parts::split(module) {
        starts.push(flake_parts::module_value(root, output).map(strip_parens));
    }
    for start in starts {
        let mut current = start;
        while let Some(node) = current {
            current = match node.kind() {
                SyntaxKind::NODE_LAMBDA => nth_child(&node, 1).map(strip_parens),
                SyntaxKind::NODE_LET_IN => {
                    for (path, value) in
                        bindings(&node).filter_map(|binding| binding_parts(&binding))
                    {
                        if let ([name], Some(text)) =
                            (path.as_slice(), string_literal(&strip_parens(value)))
                        {
                            names.push((name.clone(), text));
                        }
                    }
                    node.children().last().map(strip_parens)
                }
                _ => None,
            };
        }
    }
    names
}

/// [`walk_binding`], also for `options.${namespace}.x = …`, whose path starts with
/// [`NAMESPACE`].
fn walk_namespaced(
    binding: &SyntaxNode,
    names: &[(String, String)],
    visit: &mut dyn FnMut(&[String], &SyntaxNode, &SyntaxNode),
) {
    if binding_parts(binding).is_some() {
        return walk_binding(binding, &mut Vec::new(), visit);
    }
    let Some(attrpath) = binding.children().find(|child| child.kind() == SyntaxKind::NODE_ATTRPATH)
    else {
        return;
    };
    let Some(mut path) = attrpath
        .children()
        .map(|attr| match attr.kind() {
            SyntaxKind::NODE_DYNAMIC
                if first_child(&attr).is_some_and(|inner| is_ident(&inner, "namespace")) =>
            {
                Some(NAMESPACE.to_owned())
            }
            SyntaxKind::NODE_DYNAMIC => attr_name(&attr).or_else(|| {
                let inner = first_child(&attr)?;
                names.iter().find(|(name, _)| is_ident(&inner, name)).map(|(_, text)| text.clone())
            }),
            _ => attr_name(&attr),
        })
        .collect::<Option<Vec<String>>>()
    else {
        return;
    };
    let Some(value) = binding.children().find(|child| child.kind() != SyntaxKind::NODE_ATTRPATH)
    else {
        return;
    };
    let value = without_with(strip_parens(value));
    match value.kind() {
        SyntaxKind::NODE_ATTR_SET => walk_set(&value, &mut path, visit),
        _ => visit(&path, &value, binding),
    }
}

/// Calls `visit(path, value, binding)` for every binding below `set` whose value is not
/// itself a plain attribute set; attribute sets are walked with the path extended.
pub fn walk_set(
    set: &SyntaxNode,
    prefix: &mut Vec<String>,
    visit: &mut dyn FnMut(&[String], &SyntaxNode, &SyntaxNode),
) {
    for entry in set.children() {
        match entry.kind() {
            SyntaxKind::NODE_ATTRPATH_VALUE => walk_binding(&entry, prefix, visit),
            SyntaxKind::NODE_INHERIT => {
                for attr in
                    entry.children().filter(|child| child.kind() != SyntaxKind::NODE_INHERIT_FROM)
                {
                    let Some(name) = attr_name(&attr) else { continue };
                    prefix.push(name);
                    visit(prefix, &attr, &entry);
                    prefix.pop();
                }
            }
            _ => {}
        }
    }
}

/// [`walk_set`] for one binding.
pub fn walk_binding(
    binding: &SyntaxNode,
    prefix: &mut Vec<String>,
    visit: &mut dyn FnMut(&[String], &SyntaxNode, &SyntaxNode),
) {
    let Some((path, value)) = binding_parts(binding) else { return };
    let depth = prefix.len();
    prefix.extend(path);
    let value = without_with(strip_parens(value));
    match value.kind() {
        SyntaxKind::NODE_ATTR_SET => walk_set(&value, prefix, visit),
        _ => visit(prefix, &value, binding),
    }
    prefix.truncate(depth);
}

/// The attribute set of `with types; { … }`, which declares the same options as `{ … }`;
/// any other node as it is.
fn without_with(node: SyntaxNode) -> SyntaxNode {
    if node.kind() != SyntaxKind::NODE_WITH {
        return node;
    }
    match node.children().nth(1).map(strip_parens) {
        Some(body) if body.kind() == SyntaxKind::NODE_ATTR_SET => body,
        _ => node,
    }
}

/// True when a binding's path starts with the identifier `name`.
pub fn starts_with_name(binding: &SyntaxNode, name: &str) -> bool {
    binding
        .children()
        .find(|child| child.kind() == SyntaxKind::NODE_ATTRPATH)
        .and_then(|attrpath| attrpath.children().next())
        .is_some_and(|first| is_ident(&first, name))
}

/// A declaration, also when updated with fields: `mkEnableOption "x" // { default = true; }`
/// declares a bool whose default is the right side's.
fn declaration(value: &SyntaxNode) -> Option<(OptionKind, Option<Value>, Option<String>)> {
    let value = strip_parens(value.clone());
    if value.kind() == SyntaxKind::NODE_BIN_OP && is_update(&value) {
        let mut sides = value.children();
        let (left, right) = (sides.next()?, strip_parens(sides.next()?));
        let (mut kind, mut default, mut description) = declaration(&left)?;
        if right.kind() != SyntaxKind::NODE_ATTR_SET {
            return Some((kind, None, description));
        }
        for binding in bindings(&right) {
            let Some((path, field)) = binding_parts(&binding) else { continue };
            match path.join(".").as_str() {
                "type" => kind = type_kind(&field),
                "default" => default = Some(literal_value(&field)),
                "description" => description = description_text(&field).or(description),
                _ => {}
            }
        }
        return Some((kind, default, description));
    }
    let (function, arguments) = call_parts(&value)?;
    match callee_name(&function)?.as_str() {
        "mkEnableOption" => {
            let description = arguments.first().and_then(description_text);
            Some((OptionKind::Bool, Some(Value::Bool(false)), description))
        }
        "mkOption" => {
            let set = strip_parens(arguments.first()?.clone());
            if set.kind() != SyntaxKind::NODE_ATTR_SET {
                return Some((OptionKind::Other { type_text: String::new() }, None, None));
            }
            let mut kind = OptionKind::Other { type_text: String::new() };
            let mut default = None;
            let mut description = None;
            for binding in bindings(&set) {
                let Some((path, field)) = binding_parts(&binding) else { continue };
                match path.join(".").as_str() {
                    "type" => kind = type_kind(&field),
                    "default" => default = Some(literal_value(&field)),
                    "description" => description = description_text(&field),
                    _ => {}
                }
            }
            Some((kind, default, description))
        }
        // The helpers of hlissner's lib, copied into many repositories:
        // `mkBoolOpt default "description"` and `mkOpt type default "description"`.
        "mkBoolOpt" | "mkBoolOpt'" => {
            let default = arguments.first().map(literal_value);
            let description = arguments.get(1).and_then(description_text);
            Some((OptionKind::Bool, default, description))
        }
        "mkOpt" | "mkOpt'" => {
            let kind = type_kind(arguments.first()?);
            let default = arguments.get(1).map(literal_value);
            let description = arguments.get(2).and_then(description_text);
            Some((kind, default, description))
        }
        "mkPackageOption" => {
            Some((OptionKind::Other { type_text: "package".to_owned() }, None, None))
        }
        _ => None,
    }
}

fn is_update(node: &SyntaxNode) -> bool {
    has_token(node, SyntaxKind::TOKEN_UPDATE)
}

fn type_kind(node: &SyntaxNode) -> OptionKind {
    let mut node = strip_parens(node.clone());
    while node.kind() == SyntaxKind::NODE_WITH {
        match node.children().nth(1) {
            Some(body) => node = strip_parens(body),
            None => break,
        }
    }
    if dotted_name(&node).and_then(|names| names.last().cloned()).as_deref() == Some("bool") {
        return OptionKind::Bool;
    }
    if let Some((function, arguments)) = call_parts(&node)
        && callee_name(&function).as_deref() == Some("enum")
        && let Some(list) = arguments.first()
    {
        let list = strip_parens(list.clone());
        let values: Option<Vec<String>> =
            list.children().map(|item| string_literal(&item)).collect();
        if let Some(values) = values
            && list.kind() == SyntaxKind::NODE_LIST
        {
            return OptionKind::Enum { values };
        }
    }
    OptionKind::Other { type_text: node.text().to_string() }
}

/// A description: a string, or a string passed through `mdDoc`/`literalMD`.
fn description_text(node: &SyntaxNode) -> Option<String> {
    let node = strip_parens(node.clone());
    if let Some(text) = string_literal(&node) {
        return Some(text);
    }
    let (_, arguments) = call_parts(&node)?;
    string_literal(&strip_parens(arguments.last()?.clone()))
}

/// A literal bool or string, else the expression as written.
pub fn literal_value(node: &SyntaxNode) -> Value {
    let node = strip_parens(node.clone());
    if let Some(value) = bool_literal(&node) {
        return Value::Bool(value);
    }
    match string_literal(&node) {
        Some(text) => Value::String(text),
        None => Value::Expression(node.text().to_string()),
    }
}

pub fn category(file: &str, option_path: &[String]) -> String {
    let parts: Vec<&str> = file.split('/').collect();
    // snowfall-lib's `modules/nixos/<category>/<name>/default.nix`.
    if parts.len() >= 4 && parts[0] == "modules" && parts[1] == "nixos" {
        return parts[2].to_owned();
    }
    if parts.len() >= 3 && parts[0] == "modules" {
        return parts[1].to_owned();
    }
    let namespaced =
        matches!(option_path.first().map(String::as_str), Some("features" | "modules"));
    if namespaced && option_path.len() >= 3 {
        return option_path[1].clone();
    }
    option_path.first().cloned().unwrap_or_default()
}
