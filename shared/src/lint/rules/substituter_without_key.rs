//! A binary cache added without its public key.
//!
//! ## What it does
//! Finds `substituters`, `extra-substituters`, `trusted-substituters` or the old
//! `binaryCaches` listing a cache other than `cache.nixos.org` in a file that sets no
//! `trusted-public-keys`, `extra-trusted-public-keys` or `binaryCachePublicKeys`. An
//! attribute set under such a name is a repository's own option, not Nix's list.
//!
//! ## Why it is bad
//! Without the cache's key Nix ignores what it serves (every build falls back to
//! source) or, if someone "fixes" that with `require-sigs = false`, trusts anything.
//!
//! ## Example
//! ```nix
//! nix.settings.substituters = [ "https://nix-community.cachix.org" ];
//! ```
//! needs `nix.settings.trusted-public-keys = [ "nix-community.cachix.org-1:..." ];`.
//!
//! ## Fix safety
//! No automatic fix. Precision: keys set in another file are not seen, so a repository
//! that keeps caches and keys apart gets a finding (suppress it there).

use rnix::SyntaxKind;

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::lint::syntax::{binding_key, binding_value, range};

const CACHE_KEYS: &[&str] =
    &["substituters", "extra-substituters", "trusted-substituters", "binaryCaches"];
const KEY_KEYS: &[&str] =
    &["trusted-public-keys", "extra-trusted-public-keys", "binaryCachePublicKeys"];

pub(super) fn check_file(context: &mut Context) {
    if !context.source.contains("ubstituters") && !context.source.contains("binaryCaches") {
        return;
    }
    let mut caches = Vec::new();
    let mut has_keys = false;
    for binding in
        context.root.descendants().filter(|node| node.kind() == SyntaxKind::NODE_ATTRPATH_VALUE)
    {
        let key = binding_key(&binding);
        let Some(Some(last)) = key.last() else { continue };
        if KEY_KEYS.contains(&last.as_str()) {
            has_keys = true;
        } else if CACHE_KEYS.contains(&last.as_str()) {
            // An attribute set is a repository's own option (`extra-substituters = {
            // "https://…".key = "…"; }`), which carries its keys; Nix's settings are lists.
            let adds_cache = binding_value(&binding).is_some_and(|value| {
                value.kind() != SyntaxKind::NODE_ATTR_SET
                    && value.descendants_with_tokens().any(|element| {
                        element.kind() == SyntaxKind::TOKEN_STRING_CONTENT
                            && element
                                .as_token()
                                .is_some_and(|token| !token.text().contains("cache.nixos.org"))
                    })
            });
            if adds_cache {
                caches.push(binding);
            }
        }
    }
    if has_keys {
        return;
    }
    for binding in caches {
        context.report(
            Rule::SubstituterWithoutKey,
            range(&binding),
            "this binary cache has no matching `trusted-public-keys` in this file",
        );
    }
}
