//! Comparison with a boolean literal: `x == true`, `x != false`.
//!
//! ## What it does
//! Finds `==` and `!=` where one side is the literal `true` or `false`.
//!
//! ## Why it is bad
//! `x == true` is `x` said twice; it hides what the condition is and suggests that `x`
//! might not be a boolean.
//!
//! ## Example
//! ```nix
//! enable = cfg.gui == true;
//! ```
//! becomes
//! ```nix
//! enable = cfg.gui;
//! ```
//!
//! ## Fix safety
//! Safe: `x == true` becomes `x`, `x == false` becomes `!x`. The meaning only changes
//! when `x` is not a boolean, which is the bug the comparison was hiding.

use rnix::SyntaxNode;
use rnix::ast::{BinOp, BinOpKind};
use rowan::ast::AstNode;

use crate::lint::context::Context;
use crate::lint::syntax::{ident_name, parenthesized, range};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(bin_op) = BinOp::cast(node.clone()) else { return };
    let negated_operator = match bin_op.operator() {
        Some(BinOpKind::Equal) => false,
        Some(BinOpKind::NotEqual) => true,
        _ => return,
    };
    let (Some(lhs), Some(rhs)) = (bin_op.lhs(), bin_op.rhs()) else { return };
    let (lhs, rhs) = (lhs.syntax().clone(), rhs.syntax().clone());
    let literal = |node: &SyntaxNode| match ident_name(node).as_deref() {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    };
    let (other, value) = match (literal(&lhs), literal(&rhs)) {
        (_, Some(value)) => (lhs, value),
        (Some(value), None) => (rhs, value),
        (None, None) => return,
    };
    let negate = value == negated_operator;
    let replacement =
        if negate { format!("!{}", parenthesized(&other)) } else { other.to_string() };
    context.report_with_fix(
        Rule::BoolComparison,
        range(node),
        format!("comparison with `{value}`; use `{replacement}` instead"),
        vec![TextEdit::replace(range(node), replacement)],
        Applicability::Safe,
    );
}
