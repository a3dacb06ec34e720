//! A URL written without quotes (RFC 45).
//!
//! ## What it does
//! Finds bare URL literals such as `https://example.org/x.tar.gz`.
//!
//! ## Why it is bad
//! Unquoted URLs are deprecated (RFC 45), break on characters like `#` and confuse
//! formatters and readers; Nix can disable them entirely.
//!
//! ## Example
//! ```nix
//! url = https://github.com/NixOS/nixpkgs/archive/master.tar.gz;
//! ```
//! becomes `url = "https://github.com/NixOS/nixpkgs/archive/master.tar.gz";`.
//!
//! ## Fix safety
//! Safe: the literal becomes the equal string.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::context::Context;
use crate::lint::syntax::{first_token_of, token_range};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(uri) = first_token_of(node, SyntaxKind::TOKEN_URI) else { return };
    let text = uri.text();
    let quoted =
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"").replace("${", "\\${"));
    context.report_with_fix(
        Rule::UnquotedUri,
        token_range(&uri),
        "unquoted URL; write it as a string",
        vec![TextEdit::replace(token_range(&uri), quoted)],
        Applicability::Safe,
    );
}
