//! The firewall turned off, or opened to every port.
//!
//! ## What it does
//! Finds `networking.firewall.enable = false;` (also nested, and through `mkForce` or
//! `mkDefault`) and `allowedTCPPortRanges`/`allowedUDPPortRanges` entries that open
//! every port (`from` 1 or below to `to` 65535).
//!
//! ## Why it is bad
//! Every listening service becomes reachable from every network the host joins.
//! Open the ports you need (`allowedTCPPorts`), or trust one interface
//! (`trustedInterfaces = [ "tailscale0" ];`).
//!
//! ## Example
//! ```nix
//! networking.firewall.enable = false;
//! ```
//!
//! ## Fix safety
//! No automatic fix: which ports to open is the owner's call.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::lint::syntax::{
    attr_name, binding_key, binding_value, callee_name, flatten_apply, full_key_path, is_ident,
    last_key_ident, path_ends_with, range, strip_parens,
};

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(key) = last_key_ident(node) else { return };
    match key.text() {
        "enable" => check_enable(context, node),
        "allowedTCPPortRanges" | "allowedUDPPortRanges" => check_ranges(context, node),
        _ => {}
    }
}

fn check_enable(context: &mut Context, node: &SyntaxNode) {
    if !may_be_under_firewall(node) {
        return;
    }
    if !path_ends_with(&full_key_path(node), &["networking", "firewall", "enable"]) {
        return;
    }
    let Some(value) = binding_value(node) else { return };
    if !is_ident(&unwrap_priority(&value), "false") {
        return;
    }
    context.report(
        Rule::FirewallDisabled,
        range(node),
        "the firewall is disabled; open only the ports you need",
    );
}

/// A cheap first look before building the full key path: in `a.b.enable = ...;` the
/// part before `enable` must already be `firewall`; a lone `enable` needs the full path.
fn may_be_under_firewall(binding: &SyntaxNode) -> bool {
    let Some(attrpath) = binding.first_child() else { return false };
    let mut before_last = None;
    let mut last = None;
    for part in attrpath.children() {
        before_last = last.replace(part);
    }
    match (before_last, last) {
        (None, Some(_)) => true,
        (Some(before), Some(_)) => match before.kind() {
            SyntaxKind::NODE_STRING => attr_name(&before).as_deref() == Some("firewall"),
            _ => is_ident(&before, "firewall"),
        },
        _ => false,
    }
}

fn check_ranges(context: &mut Context, node: &SyntaxNode) {
    let path = full_key_path(node);
    if !path_ends_with(&path[..path.len().saturating_sub(1)], &["networking", "firewall"]) {
        return;
    }
    let Some(value) = binding_value(node) else { return };
    let value = strip_parens(&value);
    let opens_all = value.children().any(|item| {
        item.kind() == SyntaxKind::NODE_ATTR_SET && {
            let bound = |name: &str| {
                item.children()
                    .filter(|entry| entry.kind() == SyntaxKind::NODE_ATTRPATH_VALUE)
                    .find(|entry| binding_key(entry) == [Some(name.to_owned())])
                    .and_then(|entry| binding_value(&entry))
                    .and_then(|value| value.to_string().trim().parse::<u32>().ok())
            };
            bound("from").is_some_and(|from| from <= 1) && bound("to").is_some_and(|to| to >= 65535)
        }
    });
    if opens_all {
        context.report(Rule::FirewallDisabled, range(node), "this port range opens every port");
    }
}

fn unwrap_priority(node: &SyntaxNode) -> SyntaxNode {
    let node = strip_parens(node);
    let Some((function, arguments)) = flatten_apply(&node) else { return node };
    match (callee_name(&function).as_deref(), arguments.as_slice()) {
        (Some("mkDefault" | "mkForce"), [value]) | (Some("mkOverride"), [_, value]) => {
            strip_parens(value)
        }
        _ => node,
    }
}
