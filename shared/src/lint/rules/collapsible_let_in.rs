//! A `let ... in` whose body is another `let ... in`.
//!
//! ## What it does
//! Finds `let a = 1; in let b = 2; in body`.
//!
//! ## Why it is bad
//! Two `let`s where one would do add indentation and noise.
//!
//! ## Example
//! ```nix
//! let a = 1; in let b = 2; in a + b
//! ```
//! becomes `let a = 1; b = 2; in a + b`.
//!
//! ## Fix safety
//! Safe when merging cannot change what a name means: the inner bindings must not
//! reuse an outer name, the outer bindings must not mention an inner name, and no
//! comment sits between the two. Otherwise the finding has no fix.

use std::collections::BTreeSet;

use rnix::ast::LetIn;
use rnix::{SyntaxKind, SyntaxNode};
use rowan::ast::AstNode;

use crate::lint::context::Context;
use crate::lint::syntax::{
    binding_key, entries, first_token_of, ident_name, range, strip_parens, token_range,
};
use crate::lint::{Applicability, Rule};
use crate::text::{ByteRange, TextEdit};

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(body) = LetIn::cast(node.clone()).and_then(|let_in| let_in.body()) else { return };
    let inner = body.syntax().clone();
    if inner.kind() != SyntaxKind::NODE_LET_IN {
        return;
    }
    let message = "this `let` can be merged into the `let` above";
    match merge_edit(node, &inner) {
        Some(edit) => context.report_with_fix(
            Rule::CollapsibleLetIn,
            range(&inner),
            message,
            vec![edit],
            Applicability::Safe,
        ),
        None => context.report(Rule::CollapsibleLetIn, range(&inner), message),
    }
}

fn merge_edit(outer: &SyntaxNode, inner: &SyntaxNode) -> Option<TextEdit> {
    let outer_names = bound_names(outer);
    let inner_names = bound_names(inner);
    if outer_names.intersection(&inner_names).next().is_some() {
        return None;
    }
    let outer_mentions_inner = entries(outer).any(|entry| {
        entry
            .descendants()
            .filter_map(|node| ident_name(&strip_parens(&node)))
            .any(|name| inner_names.contains(&name))
    });
    if outer_mentions_inner {
        return None;
    }
    let last_outer = entries(outer).last()?;
    let inner_let = first_token_of(inner, SyntaxKind::TOKEN_LET)?;
    let span = ByteRange::new(range(&last_outer).end, token_range(&inner_let).end);
    let has_comment = outer.descendants_with_tokens().any(|element| {
        element.kind() == SyntaxKind::TOKEN_COMMENT && {
            let comment = ByteRange::from(element.text_range());
            comment.start >= span.start && comment.end <= span.end
        }
    });
    (!has_comment).then(|| TextEdit::delete(span))
}

fn bound_names(let_in: &SyntaxNode) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for entry in entries(let_in) {
        match entry.kind() {
            SyntaxKind::NODE_ATTRPATH_VALUE => {
                if let Some(Some(name)) = binding_key(&entry).into_iter().next() {
                    names.insert(name);
                }
            }
            _ => names.extend(entry.children().filter_map(|child| ident_name(&child))),
        }
    }
    names
}
