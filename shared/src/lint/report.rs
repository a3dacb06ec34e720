//! Report formatters for the CLI: human (source line, carets, rule code), JSON, SARIF
//! 2.1.0, and the unified diff of `--fix --dry-run`.
//!
//! All take [`FileReport`]s and return a `String`; the caller prints it. Lines and
//! columns are 1-based everywhere; columns count characters.

use serde_json::{Value, json};

use super::{Applicability, Diagnostic, FileReport, Rule, Severity};
use crate::text::LineIndex;

/// Exit code for `--fail-on`: 1 when any finding is at or above `fail_on`, else 0.
pub fn exit_code(reports: &[FileReport], fail_on: Severity) -> i32 {
    let failing =
        reports.iter().flat_map(|report| &report.diagnostics).any(|d| d.severity >= fail_on);
    i32::from(failing)
}

/// Human-readable output, like rustc's: a header with severity and rule code, the
/// location, the source line and carets under the finding. `color` adds ANSI colours
/// (pass `false` when `NO_COLOR` is set or the output is not a terminal).
pub fn human(reports: &[FileReport], color: bool) -> String {
    let paint = Paint { color };
    let mut out = String::new();
    let mut counts = [0usize; 3];
    for report in reports {
        let index = LineIndex::new(&report.source);
        for diagnostic in &report.diagnostics {
            counts[diagnostic.severity as usize] += 1;
            write_human(&mut out, &paint, report, &index, diagnostic);
        }
    }
    let total: usize = counts.iter().sum();
    if total == 0 {
        out.push_str(&format!("{} no findings in {} files\n", paint.bold("ok:"), reports.len()));
        return out;
    }
    let [infos, warnings, errors] = counts;
    out.push_str(&format!(
        "{} {total} findings ({errors} errors, {warnings} warnings, {infos} infos) in {} files\n",
        paint.bold("summary:"),
        reports.len()
    ));
    out
}

fn write_human(
    out: &mut String,
    paint: &Paint,
    report: &FileReport,
    index: &LineIndex,
    diagnostic: &Diagnostic,
) {
    let source = &report.source;
    let (start, end) = diagnostic.positions(source, index);
    let severity = paint.severity(diagnostic.severity);
    out.push_str(&format!(
        "{severity}{}\n",
        paint.bold(&format!("[{}]: {}", diagnostic.rule.code(), diagnostic.message))
    ));
    let gutter = start.line.to_string().len();
    let pad = " ".repeat(gutter);
    out.push_str(&format!(
        "{pad}{} {}:{}:{}\n",
        paint.blue("-->"),
        report.path,
        start.line,
        start.column
    ));
    let line_text = index
        .line_range(source, start.line)
        .map(|range| source[range.start..range.end].trim_end_matches('\r'))
        .unwrap_or_default();
    let line_width = line_text.chars().count();
    let caret_start = usize::try_from(start.column).unwrap_or(1).saturating_sub(1).min(line_width);
    let caret_end = if end.line == start.line {
        usize::try_from(end.column).unwrap_or(1).saturating_sub(1).min(line_width)
    } else {
        line_width
    };
    let caret_count = caret_end.saturating_sub(caret_start).max(1);
    let leading: String =
        line_text.chars().take(caret_start).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
    out.push_str(&format!("{pad} {}\n", paint.blue("|")));
    out.push_str(&format!(
        "{} {} {line_text}\n",
        paint.blue(&start.line.to_string()),
        paint.blue("|")
    ));
    out.push_str(&format!(
        "{pad} {} {leading}{}\n",
        paint.blue("|"),
        paint.severity_color(diagnostic.severity, &"^".repeat(caret_count))
    ));
    if let Some(fix) = &diagnostic.fix {
        let how = match fix.applicability {
            Applicability::Safe => "fix available: run with --fix",
            Applicability::NeedsReview => "fix available in the editor (needs review)",
        };
        out.push_str(&format!("{pad} {} {how}\n", paint.blue("=")));
    }
    out.push('\n');
}

struct Paint {
    color: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }

    fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }

    fn blue(&self, text: &str) -> String {
        self.wrap("1;34", text)
    }

    fn severity_color(&self, severity: Severity, text: &str) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.wrap(code, text)
    }

    fn severity(&self, severity: Severity) -> String {
        self.severity_color(severity, severity.as_str())
    }
}

/// A JSON array with one object per finding: `path`, `rule`, `severity`, `message`,
/// `line`, `column`, `end_line`, `end_column` (1-based, end exclusive) and `fix`
/// (`null`, or `{ "applicability", "edits": [{ "line", "column", "end_line",
/// "end_column", "start", "end" (byte offsets), "replacement" }] }`).
pub fn json(reports: &[FileReport]) -> String {
    let items: Vec<Value> = reports
        .iter()
        .flat_map(|report| {
            let index = LineIndex::new(&report.source);
            report
                .diagnostics
                .iter()
                .map(move |diagnostic| json_item(report, &index, diagnostic))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut text =
        serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_else(|_| "[]".to_owned());
    text.push('\n');
    text
}

/// One finding as a JSON object, as in [`json`].
pub fn json_item(report: &FileReport, index: &LineIndex, diagnostic: &Diagnostic) -> Value {
    let source = &report.source;
    let (start, end) = diagnostic.positions(source, index);
    let fix = match &diagnostic.fix {
        None => Value::Null,
        Some(fix) => {
            let edits: Vec<Value> = fix
                .edits
                .iter()
                .map(|edit| {
                    let from = index.line_col(source, edit.range.start);
                    let to = index.line_col(source, edit.range.end);
                    json!({
                        "line": from.line, "column": from.column,
                        "end_line": to.line, "end_column": to.column,
                        "start": edit.range.start, "end": edit.range.end,
                        "replacement": edit.replacement,
                    })
                })
                .collect();
            json!({ "applicability": fix.applicability, "edits": edits })
        }
    };
    json!({
        "path": report.path,
        "rule": diagnostic.rule.code(),
        "severity": diagnostic.severity.as_str(),
        "message": diagnostic.message,
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
        "fix": fix,
    })
}

/// SARIF 2.1.0, one run, every rule in the driver's catalogue, fixes as SARIF fixes.
pub fn sarif(reports: &[FileReport]) -> String {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code(),
                "shortDescription": { "text": rule.summary() },
                "fullDescription": { "text": rule.doc() },
                "defaultConfiguration": { "level": sarif_level(rule.default_severity()) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let index = LineIndex::new(&report.source);
        for diagnostic in &report.diagnostics {
            results.push(sarif_result(report, &index, diagnostic));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "nixstudio",
                "informationUri": "https://github.com/nixstudio/nixstudio",
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

fn sarif_result(report: &FileReport, index: &LineIndex, diagnostic: &Diagnostic) -> Value {
    let source = &report.source;
    let (start, end) = diagnostic.positions(source, index);
    let location = json!({ "physicalLocation": {
        "artifactLocation": { "uri": report.path },
        "region": {
            "startLine": start.line, "startColumn": start.column,
            "endLine": end.line, "endColumn": end.column,
        },
    }});
    let rule_index = Rule::ALL.iter().position(|rule| *rule == diagnostic.rule).unwrap_or_default();
    let mut result = json!({
        "ruleId": diagnostic.rule.code(),
        "ruleIndex": rule_index,
        "level": sarif_level(diagnostic.severity),
        "message": { "text": diagnostic.message },
        "locations": [location],
    });
    if let (Some(fix), Some(object)) = (&diagnostic.fix, result.as_object_mut()) {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                let from = index.line_col(source, edit.range.start);
                let to = index.line_col(source, edit.range.end);
                json!({
                    "deletedRegion": {
                        "startLine": from.line, "startColumn": from.column,
                        "endLine": to.line, "endColumn": to.column,
                    },
                    "insertedContent": { "text": edit.replacement },
                })
            })
            .collect();
        let description = match fix.applicability {
            Applicability::Safe => "safe fix",
            Applicability::NeedsReview => "fix that needs review",
        };
        object.insert(
            "fixes".to_owned(),
            json!([{
                "description": { "text": description },
                "artifactChanges": [{ "artifactLocation": { "uri": report.path }, "replacements": replacements }],
            }]),
        );
    }
    result
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The unified diff `--fix --dry-run` prints for one file (empty when unchanged).
pub fn dry_run_diff(path: &str, source: &str, fixed: &str) -> String {
    crate::diff::unified(path, Some(source), Some(fixed))
}
