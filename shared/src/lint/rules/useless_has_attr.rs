//! `if x ? a then x.a else d`, which is `x.a or d`.
//!
//! ## What it does
//! Finds an `if` that checks for an attribute and then selects it.
//!
//! ## Why it is bad
//! `x.a or d` says the same in one expression and cannot drift out of sync.
//!
//! ## Example
//! ```nix
//! if cfg ? port then cfg.port else 8080
//! ```
//! becomes `cfg.port or 8080`.
//!
//! ## Fix safety
//! Safe: the default is parenthesized when needed.

use rnix::ast::IfElse;
use rnix::{SyntaxKind, SyntaxNode};
use rowan::ast::AstNode;

use crate::lint::context::Context;
use crate::lint::syntax::{has_token, parenthesized, range};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(if_else) = IfElse::cast(node.clone()) else { return };
    let (Some(condition), Some(body), Some(default)) =
        (if_else.condition(), if_else.body(), if_else.else_body())
    else {
        return;
    };
    let (condition, body, default) =
        (condition.syntax().clone(), body.syntax().clone(), default.syntax().clone());
    if condition.kind() != SyntaxKind::NODE_HAS_ATTR || body.kind() != SyntaxKind::NODE_SELECT {
        return;
    }
    if has_token(&body, SyntaxKind::TOKEN_OR) {
        return;
    }
    let mut checked = condition.children();
    let mut selected = body.children();
    let (Some(checked_set), Some(checked_path)) = (checked.next(), checked.next()) else { return };
    let (Some(selected_set), Some(selected_path)) = (selected.next(), selected.next()) else {
        return;
    };
    if checked_set.to_string() != selected_set.to_string()
        || checked_path.to_string() != selected_path.to_string()
    {
        return;
    }
    let replacement = format!("{body} or {}", parenthesized(&default));
    context.report_with_fix(
        Rule::UselessHasAttr,
        range(node),
        format!("use `{replacement}`"),
        vec![TextEdit::replace(range(node), replacement)],
        Applicability::Safe,
    );
}
