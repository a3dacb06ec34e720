//! `nix-env` used in a script or service.
//!
//! ## What it does
//! Finds `nix-env` commands inside strings (scripts, `ExecStart`, shell aliases),
//! except the profile-management forms a deployment legitimately uses (`--set`,
//! `--list-generations`, `--delete-generations`, `--rollback`,
//! `--switch-generation`).
//!
//! ## Why it is bad
//! `nix-env -i` installs imperatively: the package is not in the configuration, is
//! not reproducible, and shadows what the configuration declares. Add the package to
//! `environment.systemPackages` or `home.packages`, or use `nix run`/`nix shell`.
//!
//! ## Example
//! ```nix
//! script = "nix-env -iA nixpkgs.htop";
//! ```
//!
//! ## Fix safety
//! No automatic fix. Precision: only the word `nix-env` as a command in a string
//! literal is seen.

use rnix::{NodeOrToken, SyntaxKind, SyntaxNode};

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::text::ByteRange;

const PROFILE_MANAGEMENT: &[&str] =
    &["--set", "--list-generations", "--delete-generations", "--rollback", "--switch-generation"];

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let tokens = node
        .children_with_tokens()
        .filter_map(NodeOrToken::into_token)
        .filter(|token| token.kind() == SyntaxKind::TOKEN_STRING_CONTENT);
    for token in tokens {
        let text = token.text();
        let start = usize::from(token.text_range().start());
        for (offset, _) in text.match_indices("nix-env") {
            if !is_command(text, offset) {
                continue;
            }
            let line_end = text[offset..].find('\n').map_or(text.len(), |end| offset + end);
            let command = &text[offset..line_end];
            if PROFILE_MANAGEMENT.iter().any(|flag| command.contains(flag)) {
                continue;
            }
            let range = ByteRange::new(start + offset, start + offset + "nix-env".len());
            context.report(
                Rule::NixEnvUsage,
                range,
                "`nix-env` installs imperatively; declare the package in the configuration",
            );
        }
    }
}

fn is_command(text: &str, offset: usize) -> bool {
    let before = text[..offset].chars().next_back();
    let after = text[offset + "nix-env".len()..].chars().next();
    let starts = before.is_none_or(|c| {
        c.is_whitespace() || matches!(c, ';' | '|' | '&' | '(' | '`' | '/' | '\'' | '"')
    });
    let ends = after.is_none_or(|c| c.is_whitespace() || matches!(c, ';' | '\'' | '"' | ')'));
    starts && ends
}
