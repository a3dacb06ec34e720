//! The undocumented `let { ...; body = ...; }` syntax.
//!
//! ## What it does
//! Finds the old `let { }` form, whose value is its `body` attribute.
//!
//! ## Why it is bad
//! It is deprecated, undocumented, and surprises every reader.
//!
//! ## Example
//! ```nix
//! let { x = 1; body = x; }
//! ```
//! becomes `rec { x = 1; body = x; }.body`.
//!
//! ## Fix safety
//! Safe: `rec { ... }.body` is exactly what the old form means. Without a `body`
//! attribute there is nothing to rewrite to, and no fix is offered.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::context::Context;
use crate::lint::syntax::{binding_key, entries, first_token_of, range, token_range};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let has_body = entries(node).any(|entry| {
        entry.kind() == SyntaxKind::NODE_ATTRPATH_VALUE
            && binding_key(&entry) == [Some("body".to_owned())]
    });
    let message = "the `let { }` syntax is deprecated; use `let ... in`";
    let Some(let_token) = first_token_of(node, SyntaxKind::TOKEN_LET) else { return };
    if !has_body {
        context.report(Rule::LegacyLetSyntax, range(node), message);
        return;
    }
    let edits = vec![
        TextEdit::replace(token_range(&let_token), "rec"),
        TextEdit::insert(range(node).end, ".body"),
    ];
    context.report_with_fix(
        Rule::LegacyLetSyntax,
        range(node),
        message,
        edits,
        Applicability::Safe,
    );
}
