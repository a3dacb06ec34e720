//! A lambda argument the body never uses (deadnix).
//!
//! ## What it does
//! Finds `x: body` where `body` never mentions `x`. Names starting with `_` are never
//! reported (that is how you say "unused on purpose"); `[lint.dead_code]
//! skip_lambda_args = true` turns the rule off like deadnix's `--no-lambda-arg`.
//!
//! ## Why it is bad
//! An unused argument suggests the function does something with it; it is often a
//! bug (the wrong name is used in the body).
//!
//! ## Example
//! ```nix
//! map (name: "fixed") names
//! ```
//! becomes `map (_: "fixed") names`.
//!
//! ## Fix safety
//! Safe: the argument is renamed to `_` (to `_` plus its name if the body already
//! uses `_`); callers are unaffected.

use rnix::SyntaxKind;

use crate::lint::context::Context;
use crate::lint::dead_code::{BindingKind, DeadBinding};
use crate::lint::syntax::ident_name;
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check_file(context: &mut Context) {
    if context.has_syntax_errors {
        return;
    }
    let dead: Vec<DeadBinding> = context
        .dead_bindings()
        .iter()
        .filter(|binding| binding.kind == BindingKind::LambdaArg)
        .cloned()
        .collect();
    for binding in dead {
        let uses_underscore = binding.scope.descendants().any(|node| {
            node.kind() == SyntaxKind::NODE_IDENT && ident_name(&node).as_deref() == Some("_")
        });
        let replacement =
            if uses_underscore { format!("_{}", binding.name) } else { "_".to_owned() };
        // Renaming an identifier to `_` or `_name` keeps every token a token.
        context.report_with_syntax_keeping_fix(
            Rule::UnusedLambdaArg,
            binding.name_range,
            format!("unused lambda argument `{}`", binding.name),
            vec![TextEdit::replace(binding.name_range, replacement)],
            Applicability::Safe,
        );
    }
}
