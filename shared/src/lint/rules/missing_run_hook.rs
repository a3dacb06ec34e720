//! An overridden build phase that does not run its `pre` and `post` hooks.
//!
//! ## What it does
//! Finds `buildPhase`, `installPhase`, `configurePhase`, `checkPhase` and the other
//! standard phases set to a string (in a derivation's attribute set) that lacks
//! `runHook preInstall` or `runHook postInstall` (named after the phase).
//!
//! ## Why it is bad
//! The default phases run `preInstall`/`postInstall` hooks; a phase written by hand
//! that forgets them silently drops what `overrideAttrs`, setup hooks and other people
//! add there, which is hard to debug.
//!
//! ## Example
//! ```nix
//! installPhase = ''
//!   mkdir -p $out/bin
//!   cp tool $out/bin
//! '';
//! ```
//! should start with `runHook preInstall` and end with `runHook postInstall`.
//!
//! ## Fix safety
//! Needs review: for an indented string (`''...''`) whose body starts and ends on its
//! own lines, the fix adds the missing `runHook` lines with the indentation of the
//! first line. Running hooks that did not run before is the point, but it changes the
//! build. A phase built by a function call or by string concatenation is not checked,
//! and the word only has to appear somewhere in the string (`runHook preInstall` in a
//! comment counts), which keeps false alarms out.

use rnix::{NodeOrToken, SyntaxKind, SyntaxNode};

use crate::lint::context::Context;
use crate::lint::syntax::{binding_value, last_key_ident, range};
use crate::lint::{Applicability, Rule};
use crate::text::TextEdit;

/// Each phase and the name of its hooks (`preInstall`/`postInstall`).
const PHASES: &[(&str, &str)] = &[
    ("unpackPhase", "Unpack"),
    ("patchPhase", "Patch"),
    ("configurePhase", "Configure"),
    ("buildPhase", "Build"),
    ("checkPhase", "Check"),
    ("installPhase", "Install"),
    ("fixupPhase", "Fixup"),
    ("installCheckPhase", "InstallCheck"),
    ("distPhase", "Dist"),
];

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(key) = last_key_ident(node) else { return };
    let Some(&(phase, hook)) = PHASES.iter().find(|(phase, _)| *phase == key.text()) else {
        return;
    };
    if node.parent().is_none_or(|parent| parent.kind() != SyntaxKind::NODE_ATTR_SET) {
        return;
    }
    let Some(value) = binding_value(node) else { return };
    if value.kind() != SyntaxKind::NODE_STRING {
        return;
    }
    let text = string_text(&value);
    let pre = format!("runHook pre{hook}");
    let post = format!("runHook post{hook}");
    let missing: Vec<&str> =
        [pre.as_str(), post.as_str()].into_iter().filter(|call| !text.contains(call)).collect();
    if missing.is_empty() {
        return;
    }
    let message = format!("`{phase}` does not call `{}`", missing.join("` or `"));
    match hook_edits(context.source, &value, &pre, &post, &text) {
        Some(edits) => context.report_with_fix(
            Rule::MissingRunHook,
            range(node),
            message,
            edits,
            Applicability::NeedsReview,
        ),
        None => context.report(Rule::MissingRunHook, range(node), message),
    }
}

/// The literal parts of a string, interpolations left out.
fn string_text(string: &SyntaxNode) -> String {
    let mut out = String::new();
    for element in string.children_with_tokens() {
        if let NodeOrToken::Token(token) = element
            && token.kind() == SyntaxKind::TOKEN_STRING_CONTENT
        {
            out.push_str(token.text());
        }
    }
    out
}

/// Insertions of the missing `runHook` lines into `''\n  body\n''`, or `None` when the
/// string does not have that shape.
fn hook_edits(
    source: &str,
    string: &SyntaxNode,
    pre: &str,
    post: &str,
    text: &str,
) -> Option<Vec<TextEdit>> {
    let string_range = range(string);
    let literal = source.get(string_range.start..string_range.end)?;
    let inner = literal.strip_prefix("''\n")?.strip_suffix("''")?;
    let last_newline = inner.rfind('\n')?;
    if !inner[last_newline + 1..].chars().all(|c| c == ' ') {
        return None;
    }
    let indent: String = inner.chars().take_while(|c| *c == ' ').collect();
    if indent.is_empty() {
        return None;
    }
    let body_start = string_range.start + 3;
    let body_end = string_range.start + 3 + last_newline + 1;
    let mut edits = Vec::new();
    if !text.contains(pre) {
        edits.push(TextEdit::insert(body_start, format!("{indent}{pre}\n")));
    }
    if !text.contains(post) {
        edits.push(TextEdit::insert(body_end, format!("{indent}{post}\n")));
    }
    Some(edits)
}
