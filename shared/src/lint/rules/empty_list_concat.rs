//! Concatenation with an empty list: `[ ] ++ xs` or `xs ++ [ ]`.
//!
//! ## What it does
//! Finds `++` with a literal empty list on either side.
//!
//! ## Why it is bad
//! It does nothing; usually a leftover of removing the last item.
//!
//! ## Example
//! ```nix
//! imports = [ ] ++ hostTypes.workstation.imports;
//! ```
//! becomes `imports = hostTypes.workstation.imports;`.
//!
//! ## Fix safety
//! Safe: the other operand is kept as written.

use rnix::ast::{BinOp, BinOpKind};
use rnix::{SyntaxKind, SyntaxNode};
use rowan::ast::AstNode;

use crate::lint::context::Context;
use crate::lint::syntax::range;
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(bin_op) = BinOp::cast(node.clone()) else { return };
    if bin_op.operator() != Some(BinOpKind::Concat) {
        return;
    }
    let (Some(lhs), Some(rhs)) = (bin_op.lhs(), bin_op.rhs()) else { return };
    let (lhs, rhs) = (lhs.syntax().clone(), rhs.syntax().clone());
    let other = match (is_empty_list(&lhs), is_empty_list(&rhs)) {
        (true, _) => rhs.clone(),
        (false, true) => lhs.clone(),
        (false, false) => return,
    };
    let has_comment =
        node.children_with_tokens().any(|element| element.kind() == SyntaxKind::TOKEN_COMMENT)
            || [&lhs, &rhs].iter().any(|side| {
                is_empty_list(side)
                    && side.descendants_with_tokens().any(|e| e.kind() == SyntaxKind::TOKEN_COMMENT)
            });
    let applicability = if has_comment { Applicability::NeedsReview } else { Applicability::Safe };
    context.report_with_fix(
        Rule::EmptyListConcat,
        range(node),
        "concatenation with an empty list does nothing",
        vec![TextEdit::replace(range(node), other.to_string())],
        applicability,
    );
}

fn is_empty_list(node: &SyntaxNode) -> bool {
    node.kind() == SyntaxKind::NODE_LIST && node.children().next().is_none()
}
