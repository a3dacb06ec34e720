//! An option declared with `mkOption` but no `description`.
//!
//! ## What it does
//! Finds `mkOption { ... }` (also `lib.mkOption`) whose set has no `description`.
//!
//! ## Why it is bad
//! The description is what `nixos-option`, the manual and the studio's option search
//! show; without it the option's purpose lives only in its author's head.
//!
//! ## Example
//! ```nix
//! port = mkOption { type = types.port; default = 8080; };
//! ```
//!
//! ## Fix safety
//! No automatic fix: only the author can describe the option.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::lint::syntax::{
    binding_key, callee_name, entries, flatten_apply, ident_name, range, strip_parens,
};

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some((function, arguments)) = flatten_apply(node) else { return };
    if callee_name(&function).as_deref() != Some("mkOption") {
        return;
    }
    let [argument] = arguments.as_slice() else { return };
    let argument = strip_parens(argument);
    if argument.kind() != SyntaxKind::NODE_ATTR_SET {
        return;
    }
    let described = entries(&argument).any(|entry| match entry.kind() {
        SyntaxKind::NODE_ATTRPATH_VALUE => {
            binding_key(&entry).first().cloned().flatten().as_deref() == Some("description")
        }
        _ => entry.children().any(|child| ident_name(&child).as_deref() == Some("description")),
    });
    if described {
        return;
    }
    context.report(
        Rule::OptionWithoutDescription,
        range(&function),
        "this option has no `description`",
    );
}
