//! `{ x = set.x; }` where `inherit (set) x;` says the same.
//!
//! ## What it does
//! Finds a binding whose value selects the attribute of the same name from another
//! expression, in sets and in `let`, as statix does.
//!
//! ## Why it is bad
//! `inherit (set) x;` names `x` once and groups well with siblings.
//!
//! ## Example
//! ```nix
//! { mkIf = lib.mkIf; }
//! ```
//! becomes `{ inherit (lib) mkIf; }`.
//!
//! ## Fix safety
//! Safe: `inherit (set) x;` evaluates `set` in the same scope as `set.x` would be, in
//! plain sets, `rec` sets and `let` alike. A selection with an `or` default is not
//! reported.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::context::Context;
use crate::lint::syntax::{attrpath_names, binding_key, binding_value, has_token, range};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(value) = binding_value(node) else { return };
    if value.kind() != SyntaxKind::NODE_SELECT || has_token(&value, SyntaxKind::TOKEN_OR) {
        return;
    }
    let key = binding_key(node);
    let [Some(name)] = key.as_slice() else { return };
    let mut children = value.children();
    let (Some(set), Some(attrpath)) = (children.next(), children.next()) else { return };
    let selected = attrpath_names(&attrpath);
    let [Some(selected)] = selected.as_slice() else { return };
    if selected != name {
        return;
    }
    let is_plain_ident =
        attrpath.children().next().is_some_and(|part| part.kind() == SyntaxKind::NODE_IDENT);
    if !is_plain_ident {
        return;
    }
    let replacement = format!("inherit ({set}) {name};");
    context.report_with_fix(
        Rule::ManualInheritFrom,
        range(node),
        format!("`{name} = {set}.{name};` can be `inherit ({set}) {name};`"),
        vec![TextEdit::replace(range(node), replacement)],
        Applicability::Safe,
    );
}
