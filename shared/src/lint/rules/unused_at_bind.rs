//! An `@` binding of a lambda pattern the body never uses (deadnix).
//!
//! ## What it does
//! Finds `{ pkgs, ... }@args: body` where `body` never mentions `args`.
//!
//! ## Why it is bad
//! It suggests the function passes its whole argument on, which it does not.
//!
//! ## Example
//! ```nix
//! { pkgs, ... }@args: pkgs.hello
//! ```
//! becomes `{ pkgs, ... }: pkgs.hello`.
//!
//! ## Fix safety
//! Safe: callers cannot see the name of the `@` binding.

use rnix::{NodeOrToken, SyntaxKind};

use crate::lint::context::Context;
use crate::lint::dead_code::{BindingKind, DeadBinding};
use crate::lint::syntax::range;
use crate::lint::{Applicability, Rule};
use crate::text::{ByteRange, TextEdit};

pub(super) fn check_file(context: &mut Context) {
    if context.has_syntax_errors {
        return;
    }
    let dead: Vec<DeadBinding> = context
        .dead_bindings()
        .iter()
        .filter(|binding| binding.kind == BindingKind::AtBind)
        .cloned()
        .collect();
    for binding in dead {
        let bind = range(&binding.site);
        let before = binding.site.prev_sibling_or_token();
        let after = binding.site.next_sibling_or_token();
        let whitespace = |element: &Option<NodeOrToken<_, rnix::SyntaxToken>>| match element {
            Some(NodeOrToken::Token(token)) if token.kind() == SyntaxKind::TOKEN_WHITESPACE => {
                Some(ByteRange::from(token.text_range()))
            }
            _ => None,
        };
        let is_first = binding.site.prev_sibling_or_token().is_none_or(|element| {
            element.kind() == SyntaxKind::TOKEN_WHITESPACE
                && element.prev_sibling_or_token().is_none()
        });
        let removal = if is_first {
            ByteRange::new(
                bind.start,
                whitespace(&after).map_or(bind.end, |space: ByteRange| space.end),
            )
        } else {
            ByteRange::new(
                whitespace(&before).map_or(bind.start, |space: ByteRange| space.start),
                bind.end,
            )
        };
        // Deleting `@name` (or `name@`) with the whitespace on one side leaves a plain
        // pattern.
        context.report_with_syntax_keeping_fix(
            Rule::UnusedAtBind,
            binding.name_range,
            format!("unused `@` binding `{}`", binding.name),
            vec![TextEdit::delete(removal)],
            Applicability::Safe,
        );
    }
}
