//! A lambda pattern that names nothing: `{ ... }: body`.
//!
//! ## What it does
//! Finds a pattern with no names and no `@` binding. As in statix, a module whose body
//! sets `imports` is left alone (`{ ... }: { imports = [ ... ]; }` is the usual module
//! shape).
//!
//! ## Why it is bad
//! `_: body` says "I ignore my argument" directly.
//!
//! ## Example
//! ```nix
//! { ... }: { services.openssh.enable = true; }
//! ```
//! becomes `_: { services.openssh.enable = true; }`.
//!
//! ## Fix safety
//! Safe for `{ ... }`: the NixOS module system and `callPackage` call both forms the
//! same way. `{ }` (no ellipsis) also rejects non-empty sets, so its fix needs review.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::context::Context;
use crate::lint::syntax::{contains_comment, entries, has_token, range};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let names_something = node.children().any(|child| {
        matches!(child.kind(), SyntaxKind::NODE_PAT_ENTRY | SyntaxKind::NODE_PAT_BIND)
    });
    if names_something || has_token(node, SyntaxKind::TOKEN_AT) || is_module(node) {
        return;
    }
    if contains_comment(node) {
        context.report(Rule::EmptyPattern, range(node), "this pattern names nothing; use `_`");
        return;
    }
    let applicability = if has_token(node, SyntaxKind::TOKEN_ELLIPSIS) {
        Applicability::Safe
    } else {
        Applicability::NeedsReview
    };
    context.report_with_fix(
        Rule::EmptyPattern,
        range(node),
        "this pattern names nothing; use `_`",
        vec![TextEdit::replace(range(node), "_")],
        applicability,
    );
}

/// Whether the lambda of `pattern` returns a set that sets `imports`.
fn is_module(pattern: &SyntaxNode) -> bool {
    let Some(body) = pattern.parent().and_then(|lambda| lambda.last_child()) else { return false };
    body.kind() == SyntaxKind::NODE_ATTR_SET
        && entries(&body).any(|entry| {
            entry.first_child().is_some_and(|attrpath| {
                attrpath.kind() == SyntaxKind::NODE_ATTRPATH && attrpath.to_string() == "imports"
            })
        })
}
