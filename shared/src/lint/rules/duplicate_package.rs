//! The same package twice in one package list.
//!
//! ## What it does
//! Finds an entry repeated in one list literal that is the value of
//! `environment.systemPackages`, `home.packages`, `users.users.<name>.packages`,
//! `extraPackages` or a derivation's `buildInputs`-style list, through `with pkgs;`,
//! parentheses and `++`. Entries are compared by name (`git`, `pkgs.git`,
//! `python3Packages.requests`), so `pkgs.git` and `git` under `with pkgs;` count as
//! different: the rule never guesses what a `with` brings in.
//!
//! ## Why it is bad
//! The second copy does nothing; it only grows a list people scroll through, and when
//! one copy is later removed the package quietly stays.
//!
//! ## Example
//! ```nix
//! environment.systemPackages = with pkgs; [ git htop git ];
//! ```
//! becomes `environment.systemPackages = with pkgs; [ git htop ];`.
//!
//! ## Fix safety
//! Safe: a list of packages builds the same environment with or without a repeated
//! entry. The later copy is removed (its whole line when it stands alone); a comment
//! after it on the same line stays. Entries that are not plain names (calls,
//! `overrideAttrs`, strings) are never compared, which trades a few missed duplicates
//! for no false ones.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::context::Context;
use crate::lint::syntax::{dotted_name, last_key_ident, range, removal_range, tokens_stay_apart};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

/// The last key of the bindings whose list is a set of packages.
const PACKAGE_LISTS: &[&str] = &[
    "systemPackages",
    "packages",
    "extraPackages",
    "buildInputs",
    "nativeBuildInputs",
    "propagatedBuildInputs",
    "checkInputs",
    "nativeCheckInputs",
];

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    if !is_package_list(node) {
        return;
    }
    let mut seen: Vec<String> = Vec::new();
    for element in node.children() {
        if !matches!(element.kind(), SyntaxKind::NODE_IDENT | SyntaxKind::NODE_SELECT) {
            continue;
        }
        let Some(name) = dotted_name(&element) else { continue };
        if !seen.contains(&name) {
            seen.push(name);
            continue;
        }
        let removal = removal_range(context.source, range(&element));
        let message = format!("`{name}` is already in this list");
        let edits = vec![TextEdit::delete(removal)];
        if tokens_stay_apart(context.source, removal.start, removal.end) {
            // A list is a sequence of elements; without a whole name in it, it still is.
            context.report_with_syntax_keeping_fix(
                Rule::DuplicatePackage,
                range(&element),
                message,
                edits,
                Applicability::Safe,
            );
            continue;
        }
        context.report_with_fix(
            Rule::DuplicatePackage,
            range(&element),
            message,
            edits,
            Applicability::Safe,
        );
    }
}

/// Whether `list` is (through `with`, parentheses and `++`) the value of a binding
/// whose last key names a package list.
fn is_package_list(list: &SyntaxNode) -> bool {
    let mut current = list.clone();
    while let Some(parent) = current.parent() {
        match parent.kind() {
            SyntaxKind::NODE_PAREN => {}
            SyntaxKind::NODE_WITH if parent.last_child().as_ref() == Some(&current) => {}
            SyntaxKind::NODE_BIN_OP
                if parent.children_with_tokens().any(|e| e.kind() == SyntaxKind::TOKEN_CONCAT) => {}
            SyntaxKind::NODE_ATTRPATH_VALUE => {
                return parent.last_child().as_ref() == Some(&current)
                    && last_key_ident(&parent)
                        .is_some_and(|key| PACKAGE_LISTS.contains(&key.text()));
            }
            _ => return false,
        }
        current = parent;
    }
    false
}
