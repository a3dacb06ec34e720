//! The Nix lint engine: rules, diagnostics, fixes and suppression.
//!
//! [`lint`] parses one file and returns every finding; [`fix`] applies fixes to a
//! fixpoint. Both are pure: text in, data out, no IO, and they never panic on input,
//! broken Nix included (parse errors become `syntax_error` diagnostics).
//!
//! The pieces a command-line wrapper needs are here too, so that wrapper stays thin:
//! [`Config`] (from `nixstudio.toml` or `statix.toml` text), [`report`] (human, JSON and
//! SARIF output, dry-run diffs) and [`rules::catalogue`] (for `rules` and `explain`).

mod config;
mod context;
mod dead_code;
mod engine;
mod glob;
mod nesting;
pub mod report;
pub mod rules;
mod suppress;
pub(crate) mod syntax;

use serde::Serialize;

use crate::text::{ByteRange, LineCol, LineIndex, TextEdit};

pub use config::{Config, ConfigError, DeadCodeOptions};
pub use engine::{FixOutcome, WhichFixes, fix, lint};
pub use glob::Glob;
pub use rules::Rule;

/// How much a finding matters; `--fail-on` compares against this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `info`, `warning` (or `warn`) and `error`.
    pub fn from_name(name: &str) -> Option<Severity> {
        match name {
            "info" | "hint" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" | "deny" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    /// Keeps the meaning of the program; `--fix` applies it.
    Safe,
    /// Probably right, but can change meaning (for example for callers of a function);
    /// offered in the editor, never applied by `--fix`.
    NeedsReview,
}

/// A fix is data: edits on the original source plus how far to trust them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Fix {
    pub edits: Vec<TextEdit>,
    pub applicability: Applicability,
}

/// One finding of one rule in one file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    pub range: ByteRange,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// The 1-based start and end positions of the finding in `source`.
    pub fn positions(&self, source: &str, index: &LineIndex) -> (LineCol, LineCol) {
        (index.line_col(source, self.range.start), index.line_col(source, self.range.end))
    }
}

/// The findings of one file, as the report formatters take them.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path shown to people, relative to where the command ran.
    pub path: String,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// Lints `source` and wraps the result for the formatters.
    pub fn new(path: impl Into<String>, source: impl Into<String>, config: &Config) -> FileReport {
        let source = source.into();
        let diagnostics = lint(&source, config);
        FileReport { path: path.into(), source, diagnostics }
    }

    /// The most severe finding, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.diagnostics.iter().map(|diagnostic| diagnostic.severity).max()
    }
}
