//! Suppression comments: `# nixstudio: allow(rule_a, rule_b)` for one line and
//! `# nixstudio: allow-file(rule)` for the whole file.
//!
//! A comment alone on its line covers the next line; a comment after code covers its own
//! line. `all` stands for every rule. Findings are matched by the line they start on.

use super::Rule;
use super::nesting::DirectiveComment;
use crate::text::LineIndex;

#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    whole_file: Vec<String>,
    /// 1-based line and the rule codes allowed on it.
    lines: Vec<(u32, Vec<String>)>,
}

impl Suppressions {
    pub(crate) fn from_comments(
        source: &str,
        comments: &[DirectiveComment],
        index: &LineIndex,
    ) -> Suppressions {
        let mut suppressions = Suppressions::default();
        for comment in comments {
            let text = comment.text.as_str();
            if !text.contains("nixstudio:") {
                continue;
            }
            if let Some(codes) = directive(text, "nixstudio: allow-file(") {
                suppressions.whole_file.extend(codes);
                continue;
            }
            let Some(codes) = directive(text, "nixstudio: allow(") else { continue };
            let start = comment.start;
            let position = index.line_col(source, start);
            let line_start =
                index.line_range(source, position.line).map_or(start, |line| line.start);
            let alone = source[line_start..start].trim().is_empty();
            let line = if alone { position.line.saturating_add(1) } else { position.line };
            suppressions.lines.push((line, codes));
        }
        suppressions
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.whole_file.is_empty() && self.lines.is_empty()
    }

    pub(crate) fn allows(&self, rule: Rule, line: u32) -> bool {
        let matches = |code: &String| code == rule.code() || code == "all";
        self.whole_file.iter().any(matches)
            || self
                .lines
                .iter()
                .any(|(allowed_line, codes)| *allowed_line == line && codes.iter().any(matches))
    }
}

/// The comma-separated codes after `prefix` up to the closing parenthesis.
fn directive(comment: &str, prefix: &str) -> Option<Vec<String>> {
    let start = comment.find(prefix)? + prefix.len();
    let end = start + comment[start..].find(')')?;
    Some(
        comment[start..end]
            .split(',')
            .map(|code| code.trim().to_owned())
            .filter(|code| !code.is_empty())
            .collect(),
    )
}
