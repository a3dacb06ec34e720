//! A derivation without `meta`.
//!
//! ## What it does
//! Finds calls of `mkDerivation` (`stdenv.mkDerivation`, `stdenvNoCC.mkDerivation`),
//! `buildGoModule`, `buildRustPackage`, `buildPythonPackage`,
//! `buildPythonApplication`, `buildNpmPackage` and `buildDotnetModule` whose attribute
//! set (or `finalAttrs: { ... }` body) has no `meta`.
//!
//! ## Why it is bad
//! `meta` carries the description, homepage, license, platforms and `mainProgram`
//! that `nix search`, `lib.getExe`, license checks and reviewers rely on.
//!
//! ## Example
//! ```nix
//! stdenv.mkDerivation { pname = "tool"; version = "1.0"; src = ./.; }
//! ```
//! should say at least `meta = { description = "..."; license = lib.licenses.mit; };`.
//!
//! ## Fix safety
//! No automatic fix: only the author knows the description and license. Only sets
//! written inline are checked, and `inherit meta;` counts; a `meta` added later with
//! `//` or `overrideAttrs` is not seen, so such derivations are reported (info).

use rnix::ast::{Lambda, LetIn};
use rnix::{SyntaxKind, SyntaxNode};
use rowan::ast::AstNode;

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::lint::syntax::{callee_name, entries, flatten_apply, ident_name, range, strip_parens};

const BUILDERS: &[&str] = &[
    "mkDerivation",
    "buildGoModule",
    "buildRustPackage",
    "buildPythonPackage",
    "buildPythonApplication",
    "buildNpmPackage",
    "buildDotnetModule",
];

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    if node.parent().is_some_and(|parent| {
        parent.kind() == SyntaxKind::NODE_APPLY && parent.first_child().as_ref() == Some(node)
    }) {
        return;
    }
    let Some((function, arguments)) = flatten_apply(node) else { return };
    let Some(builder) = callee_name(&function) else { return };
    if !BUILDERS.contains(&builder.as_str()) {
        return;
    }
    let [argument] = arguments.as_slice() else { return };
    let Some(set) = attribute_set(argument) else { return };
    if has_meta(&set) {
        return;
    }
    context.report(
        Rule::MissingMeta,
        range(node),
        format!("`{builder}` without `meta`: add a description, license and platforms"),
    );
}

/// The set written inline: `{ ... }`, `rec { ... }`, `finalAttrs: { ... }`, or a
/// `let ... in { ... }` around either.
fn attribute_set(argument: &SyntaxNode) -> Option<SyntaxNode> {
    let mut current = strip_parens(argument);
    loop {
        match current.kind() {
            SyntaxKind::NODE_ATTR_SET => return Some(current),
            SyntaxKind::NODE_LAMBDA => {
                current = strip_parens(Lambda::cast(current)?.body()?.syntax());
            }
            SyntaxKind::NODE_LET_IN => {
                current = strip_parens(LetIn::cast(current)?.body()?.syntax());
            }
            _ => return None,
        }
    }
}

fn has_meta(set: &SyntaxNode) -> bool {
    entries(set).any(|entry| match entry.kind() {
        SyntaxKind::NODE_ATTRPATH_VALUE => entry
            .first_child()
            .and_then(|attrpath| attrpath.first_child())
            .is_some_and(|first| ident_name(&first).as_deref() == Some("meta")),
        _ => entry.children().any(|child| ident_name(&child).as_deref() == Some("meta")),
    })
}
