//! `mkIf cond true`, which is `cond` with extra steps.
//!
//! ## What it does
//! Finds `mkIf c true` and `lib.mkIf c true`.
//!
//! ## Why it is bad
//! Assigning the condition directly is shorter and says what is meant:
//! `enable = cfg.enable;` instead of `enable = mkIf cfg.enable true;`.
//!
//! ## Example
//! ```nix
//! services.tailscale.enable = lib.mkIf cfg.vpn true;
//! ```
//! becomes `services.tailscale.enable = cfg.vpn;`.
//!
//! ## Fix safety
//! Needs review: when `c` is false, `mkIf c true` defines nothing (the option keeps its
//! default or another module's value) while `c` defines `false`. Those differ when the
//! option defaults to `true` or is set elsewhere.

use rnix::SyntaxNode;

use crate::lint::context::Context;
use crate::lint::syntax::{callee_name, flatten_apply, is_ident, range};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    // Only the outermost application of a chain `mkIf c true`.
    if node.parent().is_some_and(|parent| {
        parent.kind() == rnix::SyntaxKind::NODE_APPLY && parent.first_child().as_ref() == Some(node)
    }) {
        return;
    }
    let Some((function, arguments)) = flatten_apply(node) else { return };
    if callee_name(&function).as_deref() != Some("mkIf") {
        return;
    }
    let [condition, value] = arguments.as_slice() else { return };
    if !is_ident(value, "true") {
        return;
    }
    context.report_with_fix(
        Rule::MkifTrue,
        range(node),
        format!("`mkIf {condition} true` is `{condition}`"),
        vec![TextEdit::replace(range(node), condition.to_string())],
        Applicability::NeedsReview,
    );
}
