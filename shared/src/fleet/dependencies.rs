//! Dependencies and conflicts between toggles, read from `assertions` and `nixstudio.toml`.
//!
//! In the module declaring a bool toggle, an assertion reads as a dependency when it is
//! `guard -> config.x.enable` (or `-> !config.x.enable`, a conflict), or when it is
//! `config.x.enable` (or its negation) inside `mkIf guard`, where the guard names a bool
//! toggle (`cfg.enable` with `cfg = config.features.y`, or `config.features.y.enable`).

use rnix::{SyntaxKind, SyntaxNode};

use super::cache::FileMemo;
use super::config::FleetConfig;
use super::hash::PathMap;
use super::options::walk_set;
use super::sources::Sources;
use super::syntax::{
    binding_parts, bindings, call_parts, callee_name, dotted_name, first_child, has_token,
    ident_name, nth_child, select_parts, string_literal, strip_parens,
};
use super::{CONFIG_FILE, Dependency, DependencyKind, OptionDecl, OptionKind};

const MAX_DEPTH: usize = 8;

/// Every dependency between options: each file's assertions (kept in `memo` for the next
/// run), then the ones `nixstudio.toml` declares.
pub fn find(
    sources: &Sources,
    config: &FleetConfig,
    options: &[OptionDecl],
    memo: &mut FileMemo<Vec<Dependency>>,
) -> Vec<Dependency> {
    let toggles: PathMap<&str, &OptionDecl> =
        options.iter().map(|option| (option.path.as_str(), option)).collect();
    let mut dependencies = Vec::new();
    for (file, parsed) in sources.parsed() {
        let Some(content) = sources.files.get_shared(file) else { continue };
        let found = memo.get_or_insert_with(file, content, || {
            from_assertions(&parsed.root, content, file, &toggles)
        });
        dependencies.extend(found.iter().cloned());
    }
    for declared in &config.dependencies {
        let pairs = declared
            .requires
            .iter()
            .map(|to| (to, DependencyKind::Requires))
            .chain(declared.conflicts.iter().map(|to| (to, DependencyKind::Conflicts)));
        for (to, kind) in pairs {
            dependencies.push(Dependency {
                from: declared.option.clone(),
                when: None,
                to: to.clone(),
                kind,
                message: declared.message.clone(),
                source: CONFIG_FILE.to_owned(),
            });
        }
    }
    crate::sort::sort_by(&mut dependencies, |left, right| {
        (&left.from, &left.to).cmp(&(&right.from, &right.to))
    });
    dependencies.dedup_by(|later, earlier| {
        (&later.from, &later.to, &later.when) == (&earlier.from, &earlier.to, &earlier.when)
    });
    dependencies
}

/// The dependencies the assertions of one file state.
fn from_assertions(
    root: &SyntaxNode,
    text: &str,
    file: &str,
    toggles: &PathMap<&str, &OptionDecl>,
) -> Vec<Dependency> {
    let mut dependencies = Vec::new();
    for (offset, _) in text.match_indices("assertions") {
        let Some(binding) = assertions_binding(root, offset) else { continue };
        let Some((_, value)) = binding_parts(&binding) else { continue };
        let list = strip_parens(value);
        for item in list.children() {
            let item = strip_parens(item);
            if item.kind() != SyntaxKind::NODE_ATTR_SET {
                continue;
            }
            dependencies.extend(from_assertion(&item, file, toggles));
        }
    }
    dependencies
}

/// The `… assertions = [ … ];` binding whose name is the identifier at `offset`.
fn assertions_binding(root: &SyntaxNode, offset: usize) -> Option<SyntaxNode> {
    let token = root.token_at_offset(rnix::TextSize::try_from(offset).ok()?).right_biased()?;
    if token.kind() != SyntaxKind::TOKEN_IDENT || token.text() != "assertions" {
        return None;
    }
    let attr = token.parent()?;
    let attrpath = attr.parent().filter(|node| node.kind() == SyntaxKind::NODE_ATTRPATH)?;
    if attrpath.children().last().as_ref() != Some(&attr) {
        return None;
    }
    attrpath.parent().filter(|node| node.kind() == SyntaxKind::NODE_ATTRPATH_VALUE)
}

fn from_assertion(
    item: &SyntaxNode,
    file: &str,
    options: &PathMap<&str, &OptionDecl>,
) -> Vec<Dependency> {
    let mut assertion = None;
    let mut message = None;
    walk_set(item, &mut Vec::new(), &mut |path, value, _| match path.join(".").as_str() {
        "assertion" => assertion = Some(value.clone()),
        "message" => message = string_literal(value).or_else(|| Some(value.text().to_string())),
        _ => {}
    });
    let Some(assertion) = assertion.map(strip_parens) else { return Vec::new() };
    let is_bool =
        |path: &str| options.get(path).is_some_and(|option| option.kind == OptionKind::Bool);
    let (guard, consequent) = match implication(&assertion) {
        Some(parts) => parts,
        None => match enclosing_guard(item) {
            Some(guard) => (guard, assertion),
            None => {
                let Some((left, right)) = both_not(&assertion) else { return Vec::new() };
                let (Some(left), Some(right)) = (option_of(&left, 0), option_of(&right, 0)) else {
                    return Vec::new();
                };
                if !is_bool(&left) || !is_bool(&right) || left == right {
                    return Vec::new();
                }
                return vec![Dependency {
                    from: left,
                    to: right,
                    when: None,
                    kind: DependencyKind::Conflicts,
                    message,
                    source: file.to_owned(),
                }];
            }
        },
    };
    let (from, when) = match guard_of(&guard) {
        Some(found) => found,
        None => return Vec::new(),
    };
    let guard_fits = match &when {
        None => is_bool(&from),
        Some(_) => options
            .get(from.as_str())
            .is_some_and(|option| matches!(option.kind, OptionKind::Enum { .. })),
    };
    let (negated, consequent) = negation(&consequent);
    let Some(to) = option_of(&consequent, 0) else { return Vec::new() };
    if !guard_fits || !is_bool(&to) || from == to {
        return Vec::new();
    }
    let kind = match negated {
        true => DependencyKind::Conflicts,
        false => DependencyKind::Requires,
    };
    vec![Dependency { from, to, when, kind, message, source: file.to_owned() }]
}

/// A guard: a bool option (`cfg.enable`) or an enum comparison (`cfg.x == "v"`).
fn guard_of(guard: &SyntaxNode) -> Option<(String, Option<String>)> {
    let guard = strip_parens(guard.clone());
    let is_equality =
        guard.kind() == SyntaxKind::NODE_BIN_OP && has_token(&guard, SyntaxKind::TOKEN_EQUAL);
    if is_equality {
        let option = option_of(&first_child(&guard)?, 0)?;
        let value = string_literal(&strip_parens(nth_child(&guard, 1)?))?;
        return Some((option, Some(value)));
    }
    Some((option_of(&guard, 0)?, None))
}

/// `!(a && b)`: the two sides.
fn both_not(node: &SyntaxNode) -> Option<(SyntaxNode, SyntaxNode)> {
    let (negated, inner) = negation(node);
    let is_and =
        inner.kind() == SyntaxKind::NODE_BIN_OP && has_token(&inner, SyntaxKind::TOKEN_AND_AND);
    if !negated || !is_and {
        return None;
    }
    Some((first_child(&inner)?, nth_child(&inner, 1)?))
}

fn implication(node: &SyntaxNode) -> Option<(SyntaxNode, SyntaxNode)> {
    if node.kind() != SyntaxKind::NODE_BIN_OP {
        return None;
    }
    let is_implication = has_token(node, SyntaxKind::TOKEN_IMPLICATION);
    if !is_implication {
        return None;
    }
    Some((first_child(node)?, nth_child(node, 1)?))
}

fn negation(node: &SyntaxNode) -> (bool, SyntaxNode) {
    let node = strip_parens(node.clone());
    let is_not =
        node.kind() == SyntaxKind::NODE_UNARY_OP && has_token(&node, SyntaxKind::TOKEN_INVERT);
    match (is_not, first_child(&node)) {
        (true, Some(inner)) => (true, strip_parens(inner)),
        _ => (false, node),
    }
}

/// The condition of the nearest `mkIf cond { … }` around `node`.
fn enclosing_guard(node: &SyntaxNode) -> Option<SyntaxNode> {
    node.ancestors().find_map(|ancestor| {
        let (function, arguments) = call_parts(&ancestor)?;
        if callee_name(&function).as_deref() != Some("mkIf") || arguments.len() != 2 {
            return None;
        }
        Some(strip_parens(arguments[0].clone()))
    })
}

/// The option path an expression reads: `config.a.b`, or `cfg.b` with `cfg = config.a`.
fn option_of(node: &SyntaxNode, depth: usize) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    let node = strip_parens(node.clone());
    let names = dotted_name(&node)?;
    let (base, rest) = names.split_first()?;
    if base == "config" {
        return Some(rest.join("."));
    }
    let bound = binding_of(&node, base)?;
    let prefix = option_of(&bound, depth + 1)?;
    Some(std::iter::once(prefix).chain(rest.iter().cloned()).collect::<Vec<_>>().join("."))
}

/// The value a `let` binds `name` to, seen from `node`.
fn binding_of(node: &SyntaxNode, name: &str) -> Option<SyntaxNode> {
    let start = match node.kind() {
        SyntaxKind::NODE_SELECT => select_parts(node).map(|(base, _)| base)?,
        _ => node.clone(),
    };
    start
        .ancestors()
        .filter(|ancestor| ancestor.kind() == SyntaxKind::NODE_LET_IN)
        .find_map(|scope| {
            bindings(&scope).find_map(|binding| {
                let (path, value) = binding_parts(&binding)?;
                (path.len() == 1 && path[0] == name).then_some(value)
            })
        })
        .filter(|value| ident_name(value).as_deref() != Some(name))
}
