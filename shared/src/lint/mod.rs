//! The Nix lint engine: rules, diagnostics, fixes and suppression.
