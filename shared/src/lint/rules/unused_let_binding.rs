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
use rnix::{SyntaxKind, SyntaxNode};
use rowan::ast::AstNode;

use crate::lint::context::Context;
use crate::lint::dead_code::{BindingKind, DeadBinding};
use crate::lint::syntax::{entries, ident_name, range, removal_range};
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
        let edit = fix(context.source, binding, &dead);
        context.report_with_fix(
            Rule::UnusedLetBinding,
            binding.name_range,
            format!("unused let binding `{}`", binding.name),
            vec![edit],
            Applicability::Safe,
        );
    }
}

fn fix(source: &str, binding: &DeadBinding, dead: &[DeadBinding]) -> TextEdit {
    let is_dead = |site: &SyntaxNode| dead.iter().any(|other| &other.site == site);
    let all_dead = entries(&binding.scope).all(|entry| match entry.kind() {
        SyntaxKind::NODE_ATTRPATH_VALUE => is_dead(&entry),
        _ => entry
            .children()
            .filter(|child| ident_name(child).is_some())
            .all(|ident| is_dead(&ident)),
    });
    if all_dead && let Some(edit) = replace_let_by_body(&binding.scope) {
        return edit;
    }
    if binding.site.kind() == SyntaxKind::NODE_ATTRPATH_VALUE {
        return TextEdit::delete(removal_range(source, range(&binding.site)));
    }
    let Some(inherit) = binding.site.parent() else {
        return TextEdit::delete(range(&binding.site));
    };
    let names: Vec<SyntaxNode> =
        inherit.children().filter(|child| ident_name(child).is_some()).collect();
    if names.iter().all(is_dead) {
        return TextEdit::delete(removal_range(source, range(&inherit)));
    }
    let mut start = range(&binding.site).start;
    let bytes = source.as_bytes();
    while start > 0 && bytes[start - 1].is_ascii_whitespace() {
        start -= 1;
    }
    TextEdit::delete(ByteRange::new(start, range(&binding.site).end))
}

/// `let ... in body` → `body`, unless a comment outside the body would be lost.
fn replace_let_by_body(let_in: &SyntaxNode) -> Option<TextEdit> {
    let body = LetIn::cast(let_in.clone())?.body()?.syntax().clone();
    let body_range = range(&body);
    let loses_comment = let_in.descendants_with_tokens().any(|element| {
        element.kind() == SyntaxKind::TOKEN_COMMENT && {
            let comment = ByteRange::from(element.text_range());
            comment.end <= body_range.start || comment.start >= body_range.end
        }
    });
    (!loses_comment).then(|| TextEdit::replace(range(let_in), body.to_string()))
}
