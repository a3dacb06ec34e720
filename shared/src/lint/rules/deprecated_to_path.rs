//! Use of the deprecated `builtins.toPath`.
//!
//! ## What it does
//! Finds calls of `builtins.toPath` (or a bare `toPath`).
//!
//! ## Why it is bad
//! `toPath` is deprecated: it returns a string, not a path, and does not do what its
//! name says. Use `/. + "/some/path"` to make a path, or keep the string.
//!
//! ## Example
//! ```nix
//! builtins.toPath "/etc/nixos"
//! ```
//!
//! ## Fix safety
//! No automatic fix: the right replacement depends on whether a path or a string was
//! meant.

use rnix::SyntaxNode;

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::lint::syntax::{dotted_name, range};

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(function) = node.children().next() else { return };
    let name = dotted_name(&function);
    if !matches!(name.as_deref(), Some("builtins.toPath" | "toPath")) {
        return;
    }
    context.report(Rule::DeprecatedToPath, range(node), "`builtins.toPath` is deprecated");
}
