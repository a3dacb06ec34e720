//! A name in a lambda pattern the body never uses (deadnix).
//!
//! ## What it does
//! Finds `{ pkgs, lib, ... }: body` where `body` (and the other defaults) never
//! mention a name, as deadnix does. `[lint.dead_code] skip_pattern_names = true`
//! turns this off for code that `callPackage` or the module system calls (deadnix's
//! `--no-lambda-pattern-names`).
//!
//! ## Why it is bad
//! Asking for arguments you do not use misleads readers about what the function
//! depends on.
//!
//! ## Example
//! ```nix
//! { config, lib, pkgs, ... }: { networking.hostName = "p620"; }
//! ```
//! becomes `{ ... }: { networking.hostName = "p620"; }` after three fixes.
//!
//! ## Fix safety
//! Needs review: callers pass pattern names by name, so without `...` removing one
//! breaks every caller that passes it, and `callPackage` decides what to pass from
//! the names. `--fix` never applies it; the editor offers it.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::context::Context;
use crate::lint::dead_code::{BindingKind, DeadBinding};
use crate::lint::syntax::{
    next_significant_token, previous_significant_token, range, removal_range, token_range,
};
use crate::lint::{Applicability, Rule};
use crate::text::{ByteRange, TextEdit};

pub(super) fn check_file(context: &mut Context) {
    if context.has_syntax_errors {
        return;
    }
    let dead: Vec<DeadBinding> = context
        .dead_bindings()
        .iter()
        .filter(|binding| binding.kind == BindingKind::PatternName)
        .cloned()
        .collect();
    for binding in dead {
        let removal = entry_removal(context.source, &binding.site);
        // Deleting a pattern entry with one of its commas leaves a pattern.
        context.report_with_syntax_keeping_fix(
            Rule::UnusedPatternName,
            binding.name_range,
            format!("unused lambda pattern name `{}`", binding.name),
            vec![TextEdit::delete(removal)],
            Applicability::NeedsReview,
        );
    }
}

/// The entry plus one neighbouring comma, widened to whole lines when it stands alone.
fn entry_removal(source: &str, entry: &SyntaxNode) -> ByteRange {
    let entry_range = range(entry);
    let next_comma =
        next_significant_token(entry).filter(|token| token.kind() == SyntaxKind::TOKEN_COMMA);
    if let Some(comma) = next_comma {
        let span = ByteRange::new(entry_range.start, token_range(&comma).end);
        return removal_range(source, span);
    }
    let previous_comma =
        previous_significant_token(entry).filter(|token| token.kind() == SyntaxKind::TOKEN_COMMA);
    let span = match previous_comma {
        Some(comma) => ByteRange::new(token_range(&comma).start, entry_range.end),
        None => entry_range,
    };
    let whole_lines = removal_range(source, span);
    if whole_lines.end > span.end && source.as_bytes().get(whole_lines.end - 1) == Some(&b'\n') {
        return whole_lines;
    }
    span
}
