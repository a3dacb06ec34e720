//! A `rec` set that refers to itself dangerously, or needlessly.
//!
//! ## What it does
//! In a `rec { }` set, finds (1) a binding whose value uses its own name strictly, as
//! in `pkgs = pkgs.extend f;` or `version = version;`, where the author meant the outer
//! `pkgs` but got infinite recursion; and (2) a `rec` set where no value mentions any
//! sibling, so `rec` only adds risk.
//!
//! ## Why it is bad
//! `rec` shadows every outer name with the set's own attributes, so a binding that
//! reuses an outer name recurses into itself. A `rec` that nothing needs invites that
//! mistake later.
//!
//! ## Example
//! ```nix
//! rec { pkgs = pkgs.extend overlay; }   # infinite recursion
//! rec { name = "x"; version = "1"; }    # rec not needed
//! ```
//!
//! ## Fix safety
//! Case (2) is fixed by dropping `rec`, which is safe: no value refers to a sibling.
//! Case (1) has no fix. Precision: a self-reference under a lambda, or inside a nested
//! set or list (lazy, and often intended), is not reported; sets with `${...}` keys
//! are skipped.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::context::Context;
use crate::lint::syntax::{
    attrpath_names, binding_key, entries, ident_name, is_rec_set, range, token_range,
};
use crate::lint::{Applicability, Rule};
use crate::text::{ByteRange, TextEdit};

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(rec_token) = node.first_token().filter(|token| token.kind() == SyntaxKind::TOKEN_REC)
    else {
        return;
    };
    let mut names: Vec<String> = Vec::new();
    for entry in entries(node) {
        match entry.kind() {
            SyntaxKind::NODE_ATTRPATH_VALUE => {
                let Some(attrpath) =
                    entry.children().find(|c| c.kind() == SyntaxKind::NODE_ATTRPATH)
                else {
                    return;
                };
                match attrpath_names(&attrpath).into_iter().next() {
                    Some(Some(name)) => names.push(name),
                    _ => return,
                }
            }
            _ => names.extend(entry.children().filter_map(|child| ident_name(&child))),
        }
    }
    let mut any_reference = false;
    for entry in entries(node) {
        let own_name = if entry.kind() == SyntaxKind::NODE_ATTRPATH_VALUE {
            entry
                .children()
                .find(|c| c.kind() == SyntaxKind::NODE_ATTRPATH)
                .and_then(|attrpath| attrpath_names(&attrpath).into_iter().next().flatten())
        } else {
            None
        };
        for ident in entry.descendants().filter(|d| d.kind() == SyntaxKind::NODE_IDENT) {
            let Some(name) = reference_name(&ident) else { continue };
            if !names.contains(&name) || is_shadowed(&ident, &name, &entry) {
                continue;
            }
            any_reference = true;
            if own_name.as_deref() == Some(name.as_str()) && is_strict(&ident, &entry) {
                context.report(
                    Rule::DangerousRec,
                    range(&ident),
                    format!("`{name}` refers to itself here, not to an outer `{name}`: infinite recursion"),
                );
            }
        }
    }
    if any_reference {
        return;
    }
    let mut end = token_range(&rec_token).end;
    let bytes = context.source.as_bytes();
    while end < bytes.len() && matches!(bytes[end], b' ' | b'\t' | b'\n' | b'\r') {
        end += 1;
    }
    // Dropping `rec` and the whitespace after it leaves the set's `{` in its place.
    context.report_with_syntax_keeping_fix(
        Rule::DangerousRec,
        token_range(&rec_token),
        "`rec` is not needed: no attribute refers to another",
        vec![TextEdit::delete(ByteRange::new(token_range(&rec_token).start, end))],
        Applicability::Safe,
    );
}

/// The name an identifier reads, or `None` when it is a key or a parameter, or an
/// `inherit x;` (which reads the enclosing scope).
fn reference_name(ident: &SyntaxNode) -> Option<String> {
    let parent = ident.parent()?;
    match parent.kind() {
        SyntaxKind::NODE_ATTRPATH
        | SyntaxKind::NODE_IDENT_PARAM
        | SyntaxKind::NODE_PAT_BIND
        | SyntaxKind::NODE_INHERIT => None,
        SyntaxKind::NODE_PAT_ENTRY if parent.first_child().as_ref() == Some(ident) => None,
        _ => ident_name(ident),
    }
}

/// Whether something between `ident` and the set's `entry` binds `name` again.
fn is_shadowed(ident: &SyntaxNode, name: &str, entry: &SyntaxNode) -> bool {
    let mut current = ident.parent();
    while let Some(node) = current {
        if &node == entry {
            return false;
        }
        let binds = match node.kind() {
            SyntaxKind::NODE_LAMBDA => node.children().next().is_some_and(|param| {
                param.descendants().any(|d| {
                    d.kind() == SyntaxKind::NODE_IDENT
                        && d.parent().is_some_and(|p| {
                            p.kind() != SyntaxKind::NODE_PAT_ENTRY
                                || p.first_child().as_ref() == Some(&d)
                        })
                        && ident_name(&d).as_deref() == Some(name)
                })
            }),
            SyntaxKind::NODE_LET_IN | SyntaxKind::NODE_ATTR_SET | SyntaxKind::NODE_LEGACY_LET
                if node.kind() != SyntaxKind::NODE_ATTR_SET || is_rec_set(&node) =>
            {
                entries(&node).any(|e| match e.kind() {
                    SyntaxKind::NODE_ATTRPATH_VALUE => {
                        binding_key(&e).first().cloned().flatten().as_deref() == Some(name)
                    }
                    _ => e.children().any(|c| ident_name(&c).as_deref() == Some(name)),
                })
            }
            _ => false,
        };
        if binds {
            return true;
        }
        current = node.parent();
    }
    false
}

/// True when nothing lazy (a lambda, a nested set or list) stands between the use and
/// the binding.
fn is_strict(ident: &SyntaxNode, entry: &SyntaxNode) -> bool {
    let mut current = ident.parent();
    while let Some(node) = current {
        if &node == entry {
            return true;
        }
        if matches!(
            node.kind(),
            SyntaxKind::NODE_LAMBDA | SyntaxKind::NODE_ATTR_SET | SyntaxKind::NODE_LIST
        ) {
            return false;
        }
        current = node.parent();
    }
    true
}
