//! An `inherit` that names nothing: `inherit;`.
//!
//! ## What it does
//! Finds `inherit;` and `inherit (set);`.
//!
//! ## Why it is bad
//! It does nothing and is usually left over from an edit.
//!
//! ## Example
//! ```nix
//! { inherit; x = 1; }
//! ```
//! becomes `{ x = 1; }`.
//!
//! ## Fix safety
//! Safe: the statement is removed (with its line when it stands alone).

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::context::Context;
use crate::lint::syntax::{range, removal_range};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    if node.children().any(|child| child.kind() != SyntaxKind::NODE_INHERIT_FROM) {
        return;
    }
    let removal = removal_range(context.source, range(node));
    context.report_with_fix(
        Rule::EmptyInherit,
        range(node),
        "this `inherit` names nothing",
        vec![TextEdit::delete(removal)],
        Applicability::Safe,
    );
}
