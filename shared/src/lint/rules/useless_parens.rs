//! Parentheses that change nothing.
//!
//! ## What it does
//! Finds parentheses around a binding's value, around the body of a `let`, around a
//! function application that is an operand, and around an identifier, selection,
//! string, list, set or parenthesized expression anywhere else (statix's cases).
//!
//! ## Why it is bad
//! Extra parentheses make the reader look for a precedence problem that is not there.
//!
//! ## Example
//! ```nix
//! let double = (x: 2 * x); in (double 3)
//! ```
//! becomes `let double = x: 2 * x; in double 3`.
//!
//! ## Fix safety
//! Safe: the parentheses are removed and the inside stays as written. When a comment
//! sits inside the parentheses next to the expression, the fix needs review.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::context::Context;
use crate::lint::syntax::{has_token, range};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(parent) = node.parent() else { return };
    let Some(inner) = node.children().next() else { return };
    let is_value = |parent: &SyntaxNode| {
        parent.kind() == SyntaxKind::NODE_ATTRPATH_VALUE || parent.kind() == SyntaxKind::NODE_LET_IN
    };
    let message = match parent.kind() {
        SyntaxKind::NODE_ATTRPATH_VALUE => "useless parentheses around the value of a binding",
        SyntaxKind::NODE_LET_IN if parent.last_child().as_ref() == Some(node) => {
            "useless parentheses around the body of a `let`"
        }
        SyntaxKind::NODE_BIN_OP if inner.kind() == SyntaxKind::NODE_APPLY => {
            "useless parentheses around a function application in an operator"
        }
        _ if !is_value(&parent)
            && parent.kind() != SyntaxKind::NODE_BIN_OP
            && is_primitive(&inner) =>
        {
            "useless parentheses around a simple expression"
        }
        _ => return,
    };
    let has_comment =
        node.children_with_tokens().any(|element| element.kind() == SyntaxKind::TOKEN_COMMENT);
    let applicability = if has_comment { Applicability::NeedsReview } else { Applicability::Safe };
    let replacement = inner.to_string();
    context.report_with_fix(
        Rule::UselessParens,
        range(node),
        message,
        vec![TextEdit::replace(range(node), replacement)],
        applicability,
    );
}

fn is_primitive(node: &SyntaxNode) -> bool {
    matches!(
        node.kind(),
        SyntaxKind::NODE_LIST
            | SyntaxKind::NODE_PAREN
            | SyntaxKind::NODE_STRING
            | SyntaxKind::NODE_ATTR_SET
            | SyntaxKind::NODE_IDENT
    ) || (node.kind() == SyntaxKind::NODE_SELECT && !has_token(node, SyntaxKind::TOKEN_OR))
}
