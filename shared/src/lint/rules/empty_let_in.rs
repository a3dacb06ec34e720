//! A `let ... in` with no bindings.
//!
//! ## What it does
//! Finds `let in body`.
//!
//! ## Why it is bad
//! It is noise, usually left over after bindings were removed.
//!
//! ## Example
//! ```nix
//! let
//! in
//! { networking.hostName = "p620"; }
//! ```
//! becomes `{ networking.hostName = "p620"; }`.
//!
//! ## Fix safety
//! Safe: the `let` and `in` keywords go and the body stays as written. When a comment
//! sits between `let` and the body, the fix needs review because the comment would go.

use rnix::ast::LetIn;
use rnix::{SyntaxKind, SyntaxNode};
use rowan::ast::AstNode;

use crate::lint::context::Context;
use crate::lint::syntax::{entries, range};
use crate::lint::{Applicability, Rule};
use crate::text::{ByteRange, TextEdit};

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    if entries(node).next().is_some() {
        return;
    }
    let Some(body) = LetIn::cast(node.clone()).and_then(|let_in| let_in.body()) else { return };
    let body = body.syntax();
    let head = ByteRange::new(range(node).start, range(body).start);
    let has_comment = node.children_with_tokens().any(|element| {
        element.kind() == SyntaxKind::TOKEN_COMMENT
            && usize::from(element.text_range().end()) <= head.end
    });
    let applicability = if has_comment { Applicability::NeedsReview } else { Applicability::Safe };
    context.report_with_fix(
        Rule::EmptyLetIn,
        range(node),
        "this `let` binds nothing",
        vec![TextEdit::delete(head)],
        applicability,
    );
}
