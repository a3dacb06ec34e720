//! Import from derivation (IFD): reading a build result while evaluating.
//!
//! ## What it does
//! Finds `import`, `builtins.readFile`, `builtins.readDir`, `lib.importJSON` and
//! `lib.importTOML` applied to something nixpkgs builds: a `fetchFromGitHub`,
//! `fetchurl`, `runCommand`, `writeText`, `mkDerivation`, `callPackage`... call, directly,
//! through a `let` binding, or interpolated into a path string (`"${src}/default.nix"`).
//!
//! ## Why it is bad
//! Evaluation stops until that derivation is built, serially; `nix flake check`,
//! Hydra and `--dry-run` slow down or refuse, and evaluation needs a builder.
//!
//! ## Example
//! ```nix
//! import (pkgs.fetchFromGitHub { owner = "x"; repo = "y"; rev = "..."; hash = "..."; })
//! ```
//! Use a flake input (or `builtins.fetchTarball`, fetched at evaluation time) instead.
//!
//! ## Fix safety
//! No automatic fix. Precision: only calls of well-known nixpkgs builders count; a
//! derivation passed in through a function argument is not seen (few false positives,
//! some misses). `builtins.fetch*` are not IFD and are not reported.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::lint::syntax::{
    binding_key, binding_value, callee_name, dotted_name, entries, flatten_apply, ident_name,
    range, strip_parens,
};

const READERS: &[&str] = &[
    "import",
    "builtins.import",
    "readFile",
    "builtins.readFile",
    "builtins.readDir",
    "lib.importJSON",
    "lib.importTOML",
    "importJSON",
    "importTOML",
    "lib.fileContents",
];

const BUILDERS: &[&str] = &[
    "fetchFromGitHub",
    "fetchFromGitLab",
    "fetchFromGitea",
    "fetchFromSourcehut",
    "fetchFromBitbucket",
    "fetchgit",
    "fetchurl",
    "fetchzip",
    "fetchpatch",
    "runCommand",
    "runCommandLocal",
    "runCommandNoCC",
    "runCommandCC",
    "writeText",
    "writeTextFile",
    "writeTextDir",
    "writeScript",
    "mkDerivation",
    "applyPatches",
    "callPackage",
    "symlinkJoin",
    "linkFarm",
];

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let mut children = node.children();
    let (Some(function), Some(argument)) = (children.next(), children.next()) else { return };
    let Some(reader) = dotted_name(&function) else { return };
    if !READERS.contains(&reader.as_str()) {
        return;
    }
    if !is_built(&argument, 0) {
        return;
    }
    context.report(
        Rule::ImportFromDerivation,
        range(node),
        format!("`{reader}` of a derivation forces a build during evaluation (IFD)"),
    );
}

fn is_built(node: &SyntaxNode, depth: usize) -> bool {
    if depth > 3 {
        return false;
    }
    let node = strip_parens(node);
    match node.kind() {
        SyntaxKind::NODE_APPLY => {
            let Some((head, _)) = flatten_apply(&node) else { return false };
            let is_builtin = dotted_name(&head).is_some_and(|name| name.starts_with("builtins."));
            !is_builtin && callee_name(&head).is_some_and(|name| BUILDERS.contains(&name.as_str()))
        }
        SyntaxKind::NODE_STRING | SyntaxKind::NODE_PATH_ABS | SyntaxKind::NODE_PATH_REL => {
            node.children().filter(|child| child.kind() == SyntaxKind::NODE_INTERPOL).take(1).any(
                |interpolation| {
                    interpolation.children().next().is_some_and(|inner| is_built(&inner, depth + 1))
                },
            )
        }
        SyntaxKind::NODE_SELECT => {
            node.children().next().is_some_and(|base| is_built(&base, depth + 1))
        }
        SyntaxKind::NODE_IDENT => {
            let Some(name) = ident_name(&node) else { return false };
            let Some(value) = let_value(&node, &name) else { return false };
            is_built(&value, depth + 1)
        }
        _ => false,
    }
}

/// The value bound to `name` by the nearest enclosing `let`.
fn let_value(node: &SyntaxNode, name: &str) -> Option<SyntaxNode> {
    node.ancestors().filter(|ancestor| ancestor.kind() == SyntaxKind::NODE_LET_IN).find_map(
        |let_in| {
            entries(&let_in)
                .filter(|entry| entry.kind() == SyntaxKind::NODE_ATTRPATH_VALUE)
                .find(|entry| binding_key(entry) == [Some(name.to_owned())])
                .and_then(|entry| binding_value(&entry))
        },
    )
}
