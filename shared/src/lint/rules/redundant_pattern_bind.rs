//! A pattern that only binds the whole argument: `{ ... }@args: body`.
//!
//! ## What it does
//! Finds an `@` binding on a pattern that names nothing else.
//!
//! ## Why it is bad
//! `args: body` binds the same thing without the empty pattern.
//!
//! ## Example
//! ```nix
//! { ... }@inputs: inputs.nixpkgs
//! ```
//! becomes `inputs: inputs.nixpkgs`.
//!
//! ## Fix safety
//! Safe: only the check that the argument is a set goes away.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::context::Context;
use crate::lint::syntax::{contains_comment, has_token, ident_name, range};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    if node.children().any(|child| child.kind() == SyntaxKind::NODE_PAT_ENTRY) {
        return;
    }
    if !has_token(node, SyntaxKind::TOKEN_ELLIPSIS) {
        return;
    }
    let Some(bind) = node.children().find(|child| child.kind() == SyntaxKind::NODE_PAT_BIND) else {
        return;
    };
    let Some(name) = bind.children().next().and_then(|ident| ident_name(&ident)) else { return };
    let has_comment = contains_comment(node);
    let message = format!("this pattern only binds `{name}`; use `{name}:`");
    if has_comment {
        context.report(Rule::RedundantPatternBind, range(node), message);
        return;
    }
    context.report_with_fix(
        Rule::RedundantPatternBind,
        range(node),
        message,
        vec![TextEdit::replace(range(node), name)],
        Applicability::Safe,
    );
}
