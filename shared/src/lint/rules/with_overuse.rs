//! Stacked `with`, or a `with` that covers most of a file.
//!
//! ## What it does
//! Finds `with a; with b; ...` (directly nested) and a `with` whose body is at least
//! half of a file of ten or more lines, such as the classic `with lib;` at the top of a
//! module.
//!
//! ## Why it is bad
//! Names inside a `with` can come from anywhere: readers and tools (this linter's
//! dead-code rules included) cannot tell where a name is defined, a typo silently picks
//! up an attribute, and stacked `with`s make the order matter in surprising ways. Prefer
//! `inherit (lib) mkIf mkOption;` or a `with` scoped to one list.
//!
//! ## Example
//! ```nix
//! { lib, pkgs, ... }:
//! with lib;
//! with pkgs;
//! { ... }
//! ```
//!
//! ## Fix safety
//! No automatic fix. Precision: a `with` limited to a small expression such as
//! `with pkgs; [ git vim ]` is not reported.

use rnix::ast::With;
use rnix::{SyntaxKind, SyntaxNode};
use rowan::ast::AstNode;

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::lint::syntax::{first_token_of, range, strip_parens, token_range};
use crate::text::ByteRange;

/// Files shorter than this are not checked for a file-wide `with`.
const MIN_FILE_LINES: usize = 10;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(with) = With::cast(node.clone()) else { return };
    let Some(body) = with.body() else { return };
    let body = strip_parens(body.syntax());
    let head = match first_token_of(node, SyntaxKind::TOKEN_SEMICOLON) {
        Some(semicolon) => ByteRange::new(range(node).start, token_range(&semicolon).end),
        None => range(node),
    };
    let parent_is_with =
        node.parent()
            .map(|parent| {
                if parent.kind() == SyntaxKind::NODE_PAREN { parent.parent() } else { Some(parent) }
            })
            .is_some_and(|parent| {
                parent.is_some_and(|parent| {
                    parent.kind() == SyntaxKind::NODE_WITH && parent.last_child().is_some()
                })
            });
    if body.kind() == SyntaxKind::NODE_WITH {
        context.report(
            Rule::WithOveruse,
            head,
            "stacked `with`: names below can come from either set",
        );
        return;
    }
    if parent_is_with {
        return;
    }
    let source = context.source;
    let file_lines = context.line_count();
    if file_lines < MIN_FILE_LINES {
        return;
    }
    let body_range = range(&body);
    let body_lines = source[body_range.start.min(source.len())..body_range.end.min(source.len())]
        .lines()
        .count();
    if body_lines * 2 >= file_lines {
        context.report(
            Rule::WithOveruse,
            head,
            format!("this `with` covers {body_lines} of {file_lines} lines; prefer `inherit (...)` or a narrow `with`"),
        );
    }
}
