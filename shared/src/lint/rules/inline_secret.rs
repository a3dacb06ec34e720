//! A secret written into the configuration as a string literal.
//!
//! ## What it does
//! Finds a string literal assigned to an attribute whose name says it holds a secret:
//! `password`, `passwd`, `secret`, `token`, `psk`, `apiKey`, `authKey`,
//! `privateKey`... (case-insensitive), also through `mkDefault`/`mkForce`.
//! Names ending in `File`, `Path`, `Command` or `Dir`, names of a secret's kind
//! (`htpasswd_encryption`, `passwordHash`, and those ending in `Algorithm`, `Scheme`,
//! `Method` or `Format`), hashed passwords
//! (`hashedPassword`, `initialHashedPassword`) and public keys are fine and not
//! reported, as are strings that are paths (`/run/...`), empty, or placeholders filled
//! in from a secret file at activation (`"@PSK_HOME@"` with `environmentFile`,
//! `"ext:psk_home"` with `secretsFile`, as `networking.wireless` takes them).
//!
//! ## Why it is bad
//! The secret lands in git history and in the world-readable Nix store.
//! Use agenix or sops-nix and the module's `*File` option.
//!
//! ## Example
//! ```nix
//! services.grafana.settings.security.admin_password = "hunter2";
//! ```
//! becomes `admin_password = "$__file{${config.age.secrets.grafana.path}}";` or the
//! module's `passwordFile`.
//!
//! ## Fix safety
//! No automatic fix. Precision: decided by the attribute name only, so a harmless
//! string in a secret-named attribute is reported (suppress it with
//! `# nixstudio: allow(inline_secret)`); a secret under an innocent name is missed.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::lint::syntax::{
    binding_value, callee_name, flatten_apply, last_key_ident, range, string_literal, strip_parens,
};

const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "psk",
    "apikey",
    "api_key",
    "authkey",
    "auth_key",
    "privatekey",
    "private_key",
    "accesskey",
    "access_key",
    "encryptionkey",
];

/// Names that hold where a secret is, or what kind it is (`htpasswd_encryption =
/// "plain"`, `passwordHash`), rather than the secret.
const FINE_SUFFIXES: &[&str] = &[
    "file",
    "path",
    "command",
    "cmd",
    "dir",
    "files",
    "paths",
    "name",
    "length",
    "type",
    "encryption",
    "algorithm",
    "scheme",
    "method",
    "format",
    "hash",
];

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let Some(key) = last_key_ident(node) else { return };
    let name = key.text();
    if !is_secret_name(name) {
        return;
    }
    let Some(value) = binding_value(node) else { return };
    let value = unwrap_priority(&value);
    if value.kind() != SyntaxKind::NODE_STRING {
        return;
    }
    let Some(text) = string_literal(&value) else { return };
    let text = text.trim();
    if text.is_empty() || text.starts_with('/') || text.starts_with("$__file") {
        return;
    }
    if is_placeholder(text) {
        return;
    }
    context.report(
        Rule::InlineSecret,
        range(&value),
        format!("`{name}` holds a secret in plain text; use a secret manager and a `*File` option"),
    );
}

/// `@NAME@` or `ext:NAME`: a reference a module resolves from a secret file at
/// activation, not the secret itself.
fn is_placeholder(text: &str) -> bool {
    let is_name = |name: &str| {
        !name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
    };
    let between_ats = text.strip_prefix('@').and_then(|rest| rest.strip_suffix('@'));
    between_ats.is_some_and(is_name) || text.strip_prefix("ext:").is_some_and(is_name)
}

/// Every word of [`SECRET_WORDS`] contains one of these; checking them first, without
/// allocating, spares the full test for nearly every key.
const SECRET_STEMS: &[&[u8]] = &[b"pass", b"secret", b"token", b"psk", b"key"];

fn is_secret_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    let has_stem = SECRET_STEMS
        .iter()
        .any(|stem| bytes.windows(stem.len()).any(|window| window.eq_ignore_ascii_case(stem)));
    if !has_stem {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    if lower.contains("hashed") || lower.contains("public") || lower.contains("pubkey") {
        return false;
    }
    if FINE_SUFFIXES.iter().any(|suffix| lower.ends_with(suffix)) {
        return false;
    }
    SECRET_WORDS.iter().any(|word| lower.contains(word))
}

/// Looks through `mkDefault x`, `mkForce x` and `mkOverride n x`.
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
