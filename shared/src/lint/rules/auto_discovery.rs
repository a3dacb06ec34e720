//! `imports` computed from `builtins.readDir`: magic auto-discovery of modules.
//!
//! ## What it does
//! Finds an `imports` binding whose value uses `readDir` or `listFilesRecursive`,
//! directly or through `let` bindings it mentions.
//!
//! ## Why it is bad
//! Which modules a host gets depends on which files happen to exist: a stray file is
//! imported silently, nothing shows the import graph, and tools (the studio's fleet
//! view included) cannot tell which host uses which module.
//!
//! ## Example
//! ```nix
//! imports = map (name: ./modules + "/${name}") (builtins.attrNames (builtins.readDir ./modules));
//! ```
//! List the modules: `imports = [ ./modules/ssh.nix ./modules/tailscale.nix ];`.
//!
//! ## Fix safety
//! No automatic fix. Precision: helpers defined in other files that call `readDir`
//! are not seen.

use rnix::{NodeOrToken, SyntaxKind, SyntaxNode};

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::lint::syntax::{binding_key, binding_value, entries, ident_name, last_key_ident, range};

const DISCOVERY: &[&str] = &["readDir", "listFilesRecursive"];

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    if last_key_ident(node).is_none_or(|key| key.text() != "imports") {
        return;
    }
    let Some(value) = binding_value(node) else { return };
    let mut pending = vec![value];
    let mut seen: Vec<String> = Vec::new();
    while let Some(expression) = pending.pop() {
        if uses_discovery(&expression) {
            context.report(
                Rule::AutoDiscovery,
                range(node),
                "`imports` built from `readDir`: list the modules explicitly",
            );
            return;
        }
        if seen.len() > 16 {
            return;
        }
        for ident in expression.descendants().filter(|d| d.kind() == SyntaxKind::NODE_IDENT) {
            let Some(name) = ident_name(&ident) else { continue };
            if seen.contains(&name) {
                continue;
            }
            if let Some(bound) = let_value(&ident, &name) {
                seen.push(name);
                pending.push(bound);
            }
        }
    }
}

fn uses_discovery(node: &SyntaxNode) -> bool {
    node.descendants_with_tokens()
        .filter_map(NodeOrToken::into_token)
        .any(|token| token.kind() == SyntaxKind::TOKEN_IDENT && DISCOVERY.contains(&token.text()))
}

fn let_value(node: &SyntaxNode, name: &str) -> Option<SyntaxNode> {
    node.ancestors().filter(|ancestor| ancestor.kind() == SyntaxKind::NODE_LET_IN).find_map(
        |let_in| {
            entries(&let_in)
                .filter(|entry| entry.kind() == SyntaxKind::NODE_ATTRPATH_VALUE)
                .find(|entry| {
                    binding_key(entry).first().cloned().flatten().as_deref() == Some(name)
                })
                .and_then(|entry| binding_value(&entry))
        },
    )
}
