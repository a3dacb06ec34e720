//! A build-time tool in `buildInputs` instead of `nativeBuildInputs`.
//!
//! ## What it does
//! Finds well-known tools that only run during the build (`pkg-config`, `cmake`,
//! `meson`, `ninja`, `makeWrapper`, `autoreconfHook`, `installShellFiles`, the
//! `wrap*AppsHook`s and a few more) in a `buildInputs` list, through `with pkgs;`,
//! parentheses and `++`.
//!
//! ## Why it is bad
//! `buildInputs` are for the machine the package runs on, `nativeBuildInputs` for the
//! machine that builds it. Natively the two are the same and the mistake is invisible;
//! cross-compiling, the tool is built for the wrong architecture and the build fails,
//! and setup hooks such as `makeWrapper` are not meant to be host dependencies.
//!
//! ## Example
//! ```nix
//! buildInputs = [ pkg-config openssl ];
//! ```
//! should be `nativeBuildInputs = [ pkg-config ]; buildInputs = [ openssl ];`.
//!
//! ## Fix safety
//! No automatic fix: moving the entry touches two lists, and one of them may not exist
//! yet. Only a fixed list of tools that are never libraries is reported, matched by
//! their last name (`pkgs.cmake`, `cmake`), so the rule misses tools it does not know
//! rather than flag a library.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::lint::syntax::{binding_value, callee_name, last_key_ident, range, strip_parens};

const BUILD_TOOLS: &[&str] = &[
    "pkg-config",
    "pkgconfig",
    "cmake",
    "meson",
    "ninja",
    "makeWrapper",
    "makeBinaryWrapper",
    "autoreconfHook",
    "autoconf",
    "automake",
    "installShellFiles",
    "wrapGAppsHook",
    "wrapGAppsHook3",
    "wrapGAppsHook4",
    "wrapQtAppsHook",
    "copyDesktopItems",
    "autoPatchelfHook",
    "removeReferencesTo",
    "desktop-file-utils",
    "intltool",
    "help2man",
    "scons",
];

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    if last_key_ident(node).is_none_or(|key| key.text() != "buildInputs") {
        return;
    }
    let Some(value) = binding_value(node) else { return };
    let mut lists = Vec::new();
    collect_lists(&value, &mut lists);
    for list in lists {
        for element in list.children() {
            if !matches!(element.kind(), SyntaxKind::NODE_IDENT | SyntaxKind::NODE_SELECT) {
                continue;
            }
            let Some(name) = callee_name(&element) else { continue };
            if !BUILD_TOOLS.contains(&name.as_str()) {
                continue;
            }
            context.report(
                Rule::NativeBuildInput,
                range(&element),
                format!("`{name}` runs at build time; move it to `nativeBuildInputs`"),
            );
        }
    }
}

/// The list literals an expression is made of, through `with`, parentheses and `++`.
fn collect_lists(expression: &SyntaxNode, lists: &mut Vec<SyntaxNode>) {
    let expression = strip_parens(expression);
    match expression.kind() {
        SyntaxKind::NODE_LIST => lists.push(expression),
        SyntaxKind::NODE_WITH => {
            if let Some(body) = expression.last_child() {
                collect_lists(&body, lists);
            }
        }
        SyntaxKind::NODE_BIN_OP
            if expression
                .children_with_tokens()
                .any(|element| element.kind() == SyntaxKind::TOKEN_CONCAT) =>
        {
            for side in expression.children() {
                collect_lists(&side, lists);
            }
        }
        _ => {}
    }
}
