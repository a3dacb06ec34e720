//! `{ x = x; }` where `inherit x;` says the same.
//!
//! ## What it does
//! Finds a binding whose value is the identifier it binds, as statix does.
//!
//! ## Why it is bad
//! `inherit` exists for exactly this; the manual form is longer and easy to misread.
//!
//! ## Example
//! ```nix
//! { pkgs = pkgs; }
//! ```
//! becomes `{ inherit pkgs; }`.
//!
//! ## Fix safety
//! Safe in a plain (non-`rec`) set, where both forms read `x` from the enclosing scope.
//! In a `let` or `rec` set `x = x;` refers to itself (infinite recursion) while
//! `inherit x;` reads the outer `x`: reported without a fix, as that changes meaning.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::context::Context;
use crate::lint::syntax::{binding_key, binding_value, ident_name, is_rec_set, range};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let in_plain_set = node
        .parent()
        .is_some_and(|parent| parent.kind() == SyntaxKind::NODE_ATTR_SET && !is_rec_set(&parent));
    let Some(value) = binding_value(node) else { return };
    if value.kind() != SyntaxKind::NODE_IDENT || !key_reads_like(node, &value) {
        return;
    }
    let key = binding_key(node);
    let [Some(name)] = key.as_slice() else { return };
    if ident_name(&value).as_deref() != Some(name.as_str()) {
        return;
    }
    let is_plain_ident = node
        .children()
        .find(|child| child.kind() == SyntaxKind::NODE_ATTRPATH)
        .and_then(|attrpath| attrpath.children().next())
        .is_some_and(|part| part.kind() == SyntaxKind::NODE_IDENT);
    if !is_plain_ident {
        return;
    }
    if !in_plain_set {
        context.report(
            Rule::ManualInherit,
            range(node),
            format!("`{name} = {name};` refers to itself here (infinite recursion); `inherit {name};` reads the outer `{name}`"),
        );
        return;
    }
    context.report_with_fix(
        Rule::ManualInherit,
        range(node),
        format!("`{name} = {name};` can be `inherit {name};`"),
        vec![TextEdit::replace(range(node), format!("inherit {name};"))],
        Applicability::Safe,
    );
}

/// Whether the binding's key text equals the identifier's text, compared without
/// allocating: most bindings whose value is an identifier are `x = true;`.
fn key_reads_like(binding: &SyntaxNode, value: &SyntaxNode) -> bool {
    let key = binding.first_child().and_then(|attrpath| attrpath.first_token());
    let name = value.first_token();
    key.zip(name).is_some_and(|(key, name)| key.text() == name.text())
}
