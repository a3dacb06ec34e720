//! A binding that only renames or re-wraps an existing function.
//!
//! ## What it does
//! Finds `mkIf = c: x: lib.mkIf c x;` (a lambda that passes all its arguments, in
//! order, to another function) anywhere, and `mkMerge = lib.mkMerge;` (a name of `lib`
//! or `builtins`) in a `let` or `rec` set (also reported by `manual_inherit_from`, for
//! statix parity; renaming a value such as `homelab = config.homelab;` is left to it).
//!
//! ## Why it is bad
//! The wrapper adds a name to learn and a place for the two to drift apart, and says
//! nothing the original does not.
//!
//! ## Example
//! ```nix
//! let mkIf = c: x: lib.mkIf c x; in ...
//! ```
//! becomes `let inherit (lib) mkIf; in ...`.
//!
//! ## Fix safety
//! Safe: when the wrapped function has the binding's own name and is selected from a
//! set, the binding becomes `inherit (set) name;`; otherwise the value becomes the
//! wrapped function. Both mean the same function.

use rnix::ast::Lambda;
use rnix::{SyntaxKind, SyntaxNode};
use rowan::ast::AstNode;

use crate::lint::context::Context;
use crate::lint::syntax::{
    binding_key, binding_value, callee_name, dotted_name, flatten_apply, has_token, ident_name,
    is_rec_set, range,
};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(value) = binding_value(node) else { return };
    let Some(parent) = node.parent() else { return };
    let scoped = parent.kind() == SyntaxKind::NODE_LET_IN || is_rec_set(&parent);
    let worth_a_look = value.kind() == SyntaxKind::NODE_LAMBDA
        || (scoped && value.kind() == SyntaxKind::NODE_SELECT);
    if !worth_a_look {
        return;
    }
    let key = binding_key(node);
    let [Some(name)] = key.as_slice() else { return };
    if value.kind() == SyntaxKind::NODE_LAMBDA {
        let Some(function) = wrapped_function(&value) else { return };
        let edit = replacement(node, name, &function, scoped)
            .unwrap_or_else(|| TextEdit::replace(range(&value), function.to_string()));
        context.report_with_fix(
            Rule::TrivialWrapper,
            range(node),
            format!("`{name}` only passes its arguments to `{function}`"),
            vec![edit],
            Applicability::Safe,
        );
        return;
    }
    if !scoped || !selects_from_a_library(&value) {
        return;
    }
    let Some(edit) = replacement(node, name, &value, true) else { return };
    context.report_with_fix(
        Rule::TrivialWrapper,
        range(node),
        format!("`{name} = {value};` only renames; use `inherit`"),
        vec![edit],
        Applicability::Safe,
    );
}

/// Whether a selection names a function of a library (`lib.mkMerge`,
/// `builtins.readFile`, `pkgs.lib.mkIf`): renaming a value (`homelab = config.homelab;`)
/// is no wrapper, and `manual_inherit_from` reports it already.
fn selects_from_a_library(select: &SyntaxNode) -> bool {
    dotted_name(select).is_some_and(|name| {
        let mut parts: Vec<&str> = name.split('.').collect();
        parts.pop();
        parts.iter().any(|part| matches!(*part, "lib" | "builtins"))
    })
}

/// For `p1: ...: pn: f p1 ... pn` with `f` not mentioning any `pi`, returns `f`.
fn wrapped_function(value: &SyntaxNode) -> Option<SyntaxNode> {
    let mut parameters = Vec::new();
    let mut current = value.clone();
    while let Some(lambda) = Lambda::cast(current.clone()) {
        let param = lambda.param()?.syntax().clone();
        if param.kind() != SyntaxKind::NODE_IDENT_PARAM {
            return None;
        }
        parameters.push(ident_name(&param.children().next()?)?);
        current = lambda.body()?.syntax().clone();
    }
    let (function, arguments) = flatten_apply(&current)?;
    if arguments.len() != parameters.len() {
        return None;
    }
    let passes_all = arguments
        .iter()
        .zip(&parameters)
        .all(|(argument, parameter)| ident_name(argument).as_deref() == Some(parameter.as_str()));
    let mentions = function
        .descendants()
        .filter_map(|node| ident_name(&node))
        .any(|name| parameters.contains(&name));
    (passes_all && !mentions && function.kind() != SyntaxKind::NODE_LAMBDA).then_some(function)
}

/// `inherit (set) name;` when `function` is `set.name`.
fn replacement(
    binding: &SyntaxNode,
    name: &str,
    function: &SyntaxNode,
    scoped: bool,
) -> Option<TextEdit> {
    if !scoped
        || function.kind() != SyntaxKind::NODE_SELECT
        || has_token(function, SyntaxKind::TOKEN_OR)
    {
        return None;
    }
    if callee_name(function).as_deref() != Some(name) {
        return None;
    }
    let mut children = function.children();
    let (set, attrpath) = (children.next()?, children.next()?);
    if attrpath.children().count() != 1
        || attrpath.children().next()?.kind() != SyntaxKind::NODE_IDENT
    {
        return None;
    }
    Some(TextEdit::replace(range(binding), format!("inherit ({set}) {name};")))
}
