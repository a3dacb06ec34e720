//! A lambda that only passes its argument on: `x: f x`.
//!
//! ## What it does
//! Finds `x: f x` where `f` does not mention `x`.
//!
//! ## Why it is bad
//! `f` alone is the same function, shorter and clearer.
//!
//! ## Example
//! ```nix
//! map (pkg: toString pkg) packages
//! ```
//! becomes `map toString packages`.
//!
//! ## Fix safety
//! Safe: the lambda is replaced by the function it wraps. (Only when `f` is not a
//! function at all does an error move from the call to the definition.)

use rnix::ast::Lambda;
use rnix::{SyntaxKind, SyntaxNode};
use rowan::ast::AstNode;

use crate::lint::context::Context;
use crate::lint::syntax::{ident_name, range};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(lambda) = Lambda::cast(node.clone()) else { return };
    let Some(param) = lambda.param() else { return };
    let param = param.syntax().clone();
    if param.kind() != SyntaxKind::NODE_IDENT_PARAM {
        return;
    }
    let Some(name) = param.children().next().and_then(|ident| ident_name(&ident)) else { return };
    let Some(body) = lambda.body() else { return };
    let body = body.syntax().clone();
    if body.kind() != SyntaxKind::NODE_APPLY {
        return;
    }
    let mut children = body.children();
    let (Some(function), Some(argument)) = (children.next(), children.next()) else { return };
    if ident_name(&argument).as_deref() != Some(name.as_str()) {
        return;
    }
    let mentions = function.descendants().any(|node| {
        node.kind() == SyntaxKind::NODE_IDENT && ident_name(&node).as_deref() == Some(name.as_str())
    });
    if mentions || function.kind() == SyntaxKind::NODE_LAMBDA {
        return;
    }
    context.report_with_fix(
        Rule::EtaReduction,
        range(node),
        format!("`{name}: {function} {name}` is just `{function}`"),
        vec![TextEdit::replace(range(node), function.to_string())],
        Applicability::Safe,
    );
}
