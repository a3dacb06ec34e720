//! The same first key repeated three or more times in one set.
//!
//! ## What it does
//! Finds attribute sets where three or more bindings start with the same key, such as
//! `foo.a = 1; foo.b = 2; foo.c = 3;` (statix's threshold).
//!
//! ## Why it is bad
//! Nesting them (`foo = { a = 1; b = 2; c = 3; };`) states the shared prefix once and
//! groups related settings.
//!
//! ## Example
//! ```nix
//! {
//!   services.openssh.enable = true;
//!   services.tailscale.enable = true;
//!   services.fwupd.enable = true;
//! }
//! ```
//!
//! ## Fix safety
//! No automatic fix: how to nest is a matter of layout the owner should choose.

use std::collections::BTreeMap;

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::lint::syntax::{attr_name, range};
use crate::text::ByteRange;

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let mut counts: BTreeMap<String, (usize, ByteRange)> = BTreeMap::new();
    for child in node.children() {
        if child.kind() != SyntaxKind::NODE_ATTRPATH_VALUE {
            continue;
        }
        let Some(first_part) = child.first_child().and_then(|attrpath| attrpath.first_child())
        else {
            continue;
        };
        let Some(first) = attr_name(&first_part) else { continue };
        counts.entry(first).or_insert((0, range(&first_part))).0 += 1;
    }
    let mut repeated: Vec<(String, usize, ByteRange)> = counts
        .into_iter()
        .filter(|(_, (count, _))| *count >= 3)
        .map(|(key, (count, first))| (key, count, first))
        .collect();
    crate::sort::sort_by_key(&mut repeated, |(_, _, first)| first.start);
    for (key, count, first) in repeated {
        context.report(
            Rule::RepeatedKeys,
            first,
            format!("the key `{key}` starts {count} bindings; nest them as `{key} = {{ ... }};`"),
        );
    }
}
