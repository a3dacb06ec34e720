//! A systemd service that runs as root because it sets no `User`.
//!
//! ## What it does
//! Finds `systemd.services.<name>.serviceConfig = { ... };` sets that contain neither
//! `User` nor `DynamicUser` (also when written nested, inside `mkIf`, and when a
//! sibling `serviceConfig.User = ...;` sets it instead). User services
//! (`systemd.user.services`) are not checked.
//!
//! ## Why it is bad
//! A service without `User`/`DynamicUser` runs as root: any bug in it owns the
//! machine. Most services need no privileges; `DynamicUser = true;` plus hardening
//! options (`ProtectSystem`, `NoNewPrivileges`...) is the usual fix.
//!
//! ## Example
//! ```nix
//! systemd.services.backup.serviceConfig = { ExecStart = "${pkgs.restic}/bin/restic backup"; };
//! ```
//!
//! ## Fix safety
//! No automatic fix. Precision: some services truly need root (then suppress with
//! `# nixstudio: allow(root_service)`); a `serviceConfig` that is not a literal set
//! (`cfg.serviceConfig // { ... }`) is not checked.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::lint::syntax::{
    binding_key, binding_value, entries, full_key_path, ident_name, last_key_ident, path_ends_with,
    range, strip_parens,
};

const USER_KEYS: &[&str] = &["User", "DynamicUser"];

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    if last_key_ident(node).is_none_or(|key| key.text() != "serviceConfig") {
        return;
    }
    let path = full_key_path(node);
    if !path_ends_with(&path, &["systemd", "services", "*", "serviceConfig"]) {
        return;
    }
    let Some(value) = binding_value(node) else { return };
    let value = strip_parens(&value);
    if value.kind() != SyntaxKind::NODE_ATTR_SET {
        return;
    }
    if sets_user(&value) || sibling_sets_user(node) {
        return;
    }
    let service = path
        .get(path.len().saturating_sub(2))
        .cloned()
        .flatten()
        .unwrap_or_else(|| "this service".to_owned());
    context.report(
        Rule::RootService,
        range(node),
        format!("systemd service `{service}` runs as root: set `User` or `DynamicUser = true`"),
    );
}

fn sets_user(set: &SyntaxNode) -> bool {
    entries(set).any(|entry| match entry.kind() {
        SyntaxKind::NODE_ATTRPATH_VALUE => binding_key(&entry)
            .first()
            .cloned()
            .flatten()
            .is_some_and(|name| USER_KEYS.contains(&name.as_str())),
        _ => entry
            .children()
            .filter_map(|child| ident_name(&child))
            .any(|name| USER_KEYS.contains(&name.as_str())),
    })
}

fn sibling_sets_user(binding: &SyntaxNode) -> bool {
    let Some(parent) = binding.parent() else { return false };
    entries(&parent).any(|entry| {
        let key = binding_key(&entry);
        key.len() >= 2
            && key.iter().rev().nth(1).cloned().flatten().as_deref() == Some("serviceConfig")
            && key.last().cloned().flatten().is_some_and(|name| USER_KEYS.contains(&name.as_str()))
    })
}
