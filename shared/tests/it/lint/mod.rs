//! Integration tests of the lint engine.

mod config;
mod corpus;
mod engine;
mod oracle;
mod properties;
mod report;
mod rules;
mod wasm_fixture;

use shared::lint::{self, Applicability, Config, Diagnostic};
use shared::text::{LineIndex, apply_edits};

/// Renders findings one per line, `rule line:col-line:col severity: message`, each fix
/// as the whole text after applying it alone.
pub(crate) fn render(source: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(source);
    let mut out = String::new();
    for diagnostic in diagnostics {
        let (start, end) = diagnostic.positions(source, &index);
        out.push_str(&format!(
            "{} {}:{}-{}:{} {}: {}\n",
            diagnostic.rule.code(),
            start.line,
            start.column,
            end.line,
            end.column,
            diagnostic.severity.as_str(),
            diagnostic.message
        ));
        if let Some(fix) = &diagnostic.fix {
            let kind = match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::NeedsReview => "needs review",
            };
            let fixed =
                apply_edits(source, &fix.edits).unwrap_or_else(|error| format!("<{error}>"));
            out.push_str(&format!(
                "  fix ({kind}): {}\n",
                fixed.trim_end().replace('\n', "\n    ")
            ));
        }
    }
    out
}

/// Lints with the default configuration and renders the findings.
pub(crate) fn lint_default(source: &str) -> String {
    render(source, &lint::lint(source, &Config::default()))
}
