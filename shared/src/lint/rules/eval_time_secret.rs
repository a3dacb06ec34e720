//! Reading a secret while evaluating: `builtins.readFile` of a secret.
//!
//! ## What it does
//! Finds `builtins.readFile`, `readFile` and `lib.fileContents` applied to
//! `config.age.secrets.<name>.path` or `config.sops.secrets.<name>.path`, or to a path
//! or string that names a secret (`secrets/`, `.age`, `password`, `token`,
//! `/run/agenix`, `/run/secrets`, a private key file).
//!
//! ## Why it is bad
//! The secret's contents end up in the Nix store, world-readable, and in every copy of
//! the closure; with agenix the decrypted file does not even exist at evaluation time.
//! Pass the path to a `*File` option (`passwordFile`, `environmentFile`...) so the
//! service reads it at run time.
//!
//! ## Example
//! ```nix
//! password = builtins.readFile config.age.secrets.wifi.path;
//! ```
//! becomes `passwordFile = config.age.secrets.wifi.path;`.
//!
//! ## Fix safety
//! No automatic fix: the right `*File` option depends on the module. Precision: the
//! path must name a secret by one of the patterns above.

use rnix::{SyntaxKind, SyntaxNode};

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::lint::syntax::{dotted_name, range, strip_parens};

const READERS: &[&str] = &[
    "builtins.readFile",
    "readFile",
    "lib.fileContents",
    "lib.strings.fileContents",
    "fileContents",
];

const SECRET_MARKERS: &[&str] = &[
    "secret",
    ".age",
    "password",
    "passwd",
    "token",
    "/run/agenix",
    "/run/keys/",
    "id_rsa",
    "id_ed25519",
    "private",
    ".key",
    ".pem",
];

pub(super) fn check(context: &mut Context, node: &SyntaxNode) {
    let mut children = node.children();
    let (Some(function), Some(argument)) = (children.next(), children.next()) else { return };
    let Some(reader) = dotted_name(&function) else { return };
    if !READERS.contains(&reader.as_str()) {
        return;
    }
    let argument = strip_parens(&argument);
    if !names_secret(&argument) {
        return;
    }
    context.report(
        Rule::EvalTimeSecret,
        range(node),
        "secret read at evaluation time ends up in the world-readable Nix store; pass its path to a `*File` option",
    );
}

fn names_secret(argument: &SyntaxNode) -> bool {
    match argument.kind() {
        SyntaxKind::NODE_SELECT => {
            let Some(name) = dotted_name(argument) else { return false };
            let managed = name.contains("age.secrets.") || name.contains("sops.secrets.");
            managed && name.ends_with(".path") || contains_marker(&name)
        }
        SyntaxKind::NODE_PATH_ABS
        | SyntaxKind::NODE_PATH_REL
        | SyntaxKind::NODE_PATH_HOME
        | SyntaxKind::NODE_STRING => contains_marker(&argument.to_string()),
        SyntaxKind::NODE_BIN_OP => {
            argument.children().any(|side| names_secret(&strip_parens(&side)))
        }
        _ => false,
    }
}

fn contains_marker(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    SECRET_MARKERS.iter().any(|marker| lower.contains(marker))
}
