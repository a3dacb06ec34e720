//! A negated equality: `!(a == b)`.
//!
//! ## What it does
//! Finds `!` applied to a parenthesized `==`.
//!
//! ## Why it is bad
//! `a != b` says it directly.
//!
//! ## Example
//! ```nix
//! !(cfg.backend == "docker")
//! ```
//! becomes `cfg.backend != "docker"`.
//!
//! ## Fix safety
//! Safe: both forms are the same boolean.

use rnix::ast::{BinOp, BinOpKind, UnaryOp, UnaryOpKind};
use rnix::{SyntaxKind, SyntaxNode};
use rowan::ast::AstNode;

use crate::lint::context::Context;
use crate::lint::syntax::{contains_comment, range};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(unary) = UnaryOp::cast(node.clone()) else { return };
    if unary.operator() != Some(UnaryOpKind::Invert) {
        return;
    }
    let Some(operand) = node.children().next() else { return };
    if operand.kind() != SyntaxKind::NODE_PAREN {
        return;
    }
    let Some(comparison) = operand.children().next().and_then(BinOp::cast) else { return };
    if comparison.operator() != Some(BinOpKind::Equal) {
        return;
    }
    let (Some(lhs), Some(rhs)) = (comparison.lhs(), comparison.rhs()) else { return };
    let replacement = format!("{} != {}", lhs.syntax(), rhs.syntax());
    let has_comment = contains_comment(node);
    let applicability = if has_comment { Applicability::NeedsReview } else { Applicability::Safe };
    context.report_with_fix(
        Rule::BoolSimplification,
        range(node),
        format!("`!(a == b)` is `a != b`: use `{replacement}`"),
        vec![TextEdit::replace(range(node), replacement)],
        applicability,
    );
}
