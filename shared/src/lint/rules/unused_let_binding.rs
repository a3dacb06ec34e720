//! A `let` binding nothing uses (deadnix).
//!
//! ## What it does
//! Finds `let` bindings (`x = ...;` and names in `inherit`) that are not used in the
//! body or by another used binding, with deadnix's rules: any identifier with the name
//! counts as a use, a binding's use of itself does not, and a binding only used by
//! unused bindings is unused too. `# deadnix: skip` on the line before (or of) the
//! binding keeps it, and `[lint.dead_code] skip_underscore` skips `_`-prefixed names.
//!
//! ## Why it is bad
//! Dead code costs reading time and hides typos (`pgks` defined, `pkgs` used).
//!
//! ## Example
//! ```nix
//! let unused = 1; used = 2; in used
//! ```
//! becomes `let used = 2; in used`.
//!
//! ## Fix safety
//! Safe: the binding (its line, when it stands alone) is removed; when every binding
//! of the `let` is unused, the whole `let ... in` is replaced by its body. Comments
//! around the binding stay.

use rnix::ast::LetIn;
use rnix::{NodeOrToken, SyntaxKind, SyntaxNode};
use rowan::ast::AstNode;

use crate::lint::context::Context;
use crate::lint::dead_code::{BindingKind, DeadBinding};
use crate::lint::syntax::{
    contains_comment, entries, ident_name, range, removal_range, tokens_stay_apart,
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
        .filter(|binding| binding.kind == BindingKind::Let)
        .cloned()
        .collect();
    for binding in &dead {
        let message = format!("unused let binding `{}`", binding.name);
        let (edit, keeps_syntax) = fix(context.source, binding, &dead);
        if keeps_syntax {
            context.report_with_syntax_keeping_fix(
                Rule::UnusedLetBinding,
                binding.name_range,
                message,
                vec![edit],
                Applicability::Safe,
            );
        } else {
            context.report_with_fix(
                Rule::UnusedLetBinding,
                binding.name_range,
                message,
                vec![edit],
                Applicability::Safe,
            );
        }
    }
}

/// The edit that removes `binding`, and whether it keeps the file parsing by
/// construction. It does when the tokens on either side of the cut cannot run together
/// (see [`tokens_stay_apart`]): removing a whole binding or `inherit`, or one name of an
/// `inherit`, leaves a list of bindings; and a `let` is only ever parsed where any
/// expression may stand, its body included, so its body alone parses there as well.
fn fix(source: &str, binding: &DeadBinding, dead: &[DeadBinding]) -> (TextEdit, bool) {
    let is_dead = |site: &SyntaxNode| dead.iter().any(|other| &other.site == site);
    let all_dead = entries(&binding.scope).all(|entry| match entry.kind() {
        SyntaxKind::NODE_ATTRPATH_VALUE => is_dead(&entry),
        _ => entry
            .children()
            .filter(|child| ident_name(child).is_some())
            .all(|ident| is_dead(&ident)),
    });
    if all_dead && let Some((edit, body_start)) = replace_let_by_body(source, &binding.scope) {
        let keeps_syntax = tokens_stay_apart(source, edit.range.start, body_start);
        return (edit, keeps_syntax);
    }
    let removal = if binding.site.kind() == SyntaxKind::NODE_ATTRPATH_VALUE {
        removal_range(source, range(&binding.site))
    } else {
        match binding.site.parent() {
            Some(inherit) => inherit_removal(source, binding, &inherit, &is_dead),
            None => range(&binding.site),
        }
    };
    (TextEdit::delete(removal), tokens_stay_apart(source, removal.start, removal.end))
}

/// The whole `inherit` when all its names are dead, otherwise the name and the
/// whitespace before it.
fn inherit_removal(
    source: &str,
    binding: &DeadBinding,
    inherit: &SyntaxNode,
    is_dead: &dyn Fn(&SyntaxNode) -> bool,
) -> ByteRange {
    let names: Vec<SyntaxNode> =
        inherit.children().filter(|child| ident_name(child).is_some()).collect();
    if names.iter().all(is_dead) {
        return removal_range(source, range(inherit));
    }
    let mut start = range(&binding.site).start;
    let bytes = source.as_bytes();
    while start > 0 && bytes[start - 1].is_ascii_whitespace() {
        start -= 1;
    }
    ByteRange::new(start, range(&binding.site).end)
}

/// `let ... in body` → `body`, unless a comment outside the body would be lost; with
/// the offset where the body starts.
fn replace_let_by_body(source: &str, let_in: &SyntaxNode) -> Option<(TextEdit, usize)> {
    let body = LetIn::cast(let_in.clone())?.body()?.syntax().clone();
    let loses_comment = let_in.children_with_tokens().any(|element| match element {
        NodeOrToken::Token(token) => token.kind() == SyntaxKind::TOKEN_COMMENT,
        NodeOrToken::Node(node) => node != body && contains_comment(&node),
    });
    if loses_comment {
        return None;
    }
    let body_range = range(&body);
    let body_text = source.get(body_range.start..body_range.end)?.to_owned();
    Some((TextEdit::replace(range(let_in), body_text), body_range.start))
}
