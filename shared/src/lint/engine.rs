//! `lint` and `fix`: parse, run every enabled rule in one walk, filter suppressed
//! findings, keep only fixes whose result parses, and apply fixes to a fixpoint.

use rnix::{Root, SyntaxKind};

use super::context::{Context, Finding};
use super::nesting;
use super::rules::{self, Rule};
use super::suppress::Suppressions;
use super::{Applicability, Config, Diagnostic, Severity};
use crate::text::ByteRange;
use crate::text::{LineIndex, TextEdit, apply_edits};

/// How many lint-and-fix rounds `fix` runs at most.
const MAX_FIX_ROUNDS: usize = 16;

/// Lints one file. Pure, total: any text gives a list, never a panic.
pub fn lint(source: &str, config: &Config) -> Vec<Diagnostic> {
    let directives = match nesting::scan(source) {
        Ok(directives) => directives,
        Err(depth) => return too_deeply_nested(source, config, depth),
    };
    let parse = Root::parse(source);
    let root = parse.syntax();
    let mut context =
        Context::new(source, root.clone(), config, !parse.errors().is_empty(), &directives);
    if config.is_enabled(Rule::SyntaxError) {
        rules::syntax_error::report(&mut context, parse.errors());
    }
    let dispatch = rules::dispatch_table(config);
    for node in root.descendants() {
        for &rule in &dispatch[kind_index(node.kind())] {
            rules::check_node(rule, &mut context, &node);
        }
    }
    for &rule in Rule::ALL {
        if rule.is_file_rule() && config.is_enabled(rule) {
            rules::check_file(rule, &mut context);
        }
    }
    let has_syntax_errors = context.has_syntax_errors;
    let mut findings = context.findings;
    let index = LineIndex::new(source);
    let suppressions = Suppressions::from_comments(source, &directives, &index);
    if !suppressions.is_empty() {
        findings.retain(|finding| {
            let diagnostic = &finding.diagnostic;
            let line = index.line_col(source, diagnostic.range.start).line;
            !suppressions.allows(diagnostic.rule, line)
        });
    }
    if has_syntax_errors {
        for finding in &mut findings {
            finding.diagnostic.fix = None;
        }
    } else {
        keep_fixes_that_parse(source, &mut findings);
    }
    let mut diagnostics: Vec<Diagnostic> =
        findings.into_iter().map(|finding| finding.diagnostic).collect();
    crate::sort::sort_by(&mut diagnostics, |a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    diagnostics.dedup();
    diagnostics
}

/// The one finding for a file too deep to parse without risking the stack.
fn too_deeply_nested(source: &str, config: &Config, depth: usize) -> Vec<Diagnostic> {
    if !config.is_enabled(Rule::SyntaxError) {
        return Vec::new();
    }
    vec![Diagnostic {
        rule: Rule::SyntaxError,
        severity: config.severity(Rule::SyntaxError).max(Severity::Error),
        message: format!(
            "nested more than {} levels deep (estimate {depth}); not parsed",
            nesting::MAX_NESTING
        ),
        range: ByteRange::new(0, source.find('\n').unwrap_or(source.len())),
        fix: None,
    }]
}

pub(crate) fn kind_index(kind: SyntaxKind) -> usize {
    kind as usize
}

/// Drops every fix whose result would not parse, trying each distinct fix alone: fixes
/// tried together can parse where one alone does not (the random-mutation tests found
/// `w:{ ... }@args: if ...` whose pattern fix alone gives the URI `w:args:`, while
/// together with a fix of the `if` the text happens to parse). A fix whose edits equal
/// those of a fix already tried (several unused bindings of one `let` each offer to
/// remove the whole `let`) shares its verdict. Fixes that keep the grammar by
/// construction (see [`Context::report_with_syntax_keeping_fix`]) skip the re-parse;
/// the property tests and the fuzz target hold them to it.
///
/// [`Context::report_with_syntax_keeping_fix`]: super::context::Context::report_with_syntax_keeping_fix
fn keep_fixes_that_parse(source: &str, findings: &mut [Finding]) {
    let mut tried: Vec<usize> = Vec::new();
    for index in 0..findings.len() {
        let finding = &findings[index];
        if finding.diagnostic.fix.is_none() || finding.fix_keeps_syntax {
            continue;
        }
        let edits = fix_edits(&finding.diagnostic);
        let twin = tried.iter().copied().find(|&earlier| {
            findings[earlier].diagnostic.fix.as_ref().is_some_and(|fix| fix.edits == edits)
        });
        let parses = match twin {
            Some(_) => true,
            None => {
                let parses = parses_after(source, edits);
                tried.push(index);
                parses
            }
        };
        if !parses {
            findings[index].diagnostic.fix = None;
        }
    }
}

fn fix_edits(diagnostic: &Diagnostic) -> &[TextEdit] {
    diagnostic.fix.as_ref().map_or(&[], |fix| fix.edits.as_slice())
}

fn overlaps_any(edits: &[TextEdit], taken: &[TextEdit]) -> bool {
    edits.iter().any(|edit| {
        taken.iter().any(|other| {
            edit.range.overlaps(&other.range)
                || (edit.range == other.range && !edit.range.is_empty())
                || (edit.range.is_empty()
                    && other.range.is_empty()
                    && edit.range.start == other.range.start)
        })
    }) || internally_overlapping(edits)
}

fn internally_overlapping(edits: &[TextEdit]) -> bool {
    edits
        .iter()
        .enumerate()
        .any(|(i, edit)| edits[i + 1..].iter().any(|other| edit.range.overlaps(&other.range)))
}

fn parses_after(source: &str, edits: &[TextEdit]) -> bool {
    match apply_edits(source, edits) {
        Ok(text) => Root::parse(&text).errors().is_empty(),
        Err(_) => false,
    }
}

/// Which fixes `fix` applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhichFixes {
    /// Only fixes marked safe (what `--fix` does).
    Safe,
    /// Safe fixes and those that need review (an editor's "fix all").
    All,
}

/// The result of [`fix`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOutcome {
    /// The fixed text; equal to the input when nothing applied.
    pub text: String,
    /// The rule of every fix applied, in the order applied.
    pub applied: Vec<Rule>,
    /// Lint-and-fix rounds run.
    pub rounds: usize,
    /// What `lint` still reports on the fixed text.
    pub remaining: Vec<Diagnostic>,
}

impl FixOutcome {
    pub fn changed(&self) -> bool {
        !self.applied.is_empty()
    }
}

/// Applies fixes to a fixpoint: lint, apply all non-overlapping fixes, re-parse, repeat
/// (at most 16 rounds). A round whose combined result does not parse falls back to its
/// first fix alone; a fix that does not parse on its own is never offered by `lint`.
pub fn fix(source: &str, config: &Config, which: WhichFixes) -> FixOutcome {
    let mut text = source.to_owned();
    let mut applied = Vec::new();
    let mut rounds = 0;
    let mut diagnostics = lint(&text, config);
    while rounds < MAX_FIX_ROUNDS {
        let chosen = choose_fixes(&diagnostics, which);
        if chosen.is_empty() {
            break;
        }
        rounds += 1;
        let edits: Vec<TextEdit> =
            chosen.iter().flat_map(|diagnostic| fix_edits(diagnostic).iter().cloned()).collect();
        let next = match apply_edits(&text, &edits) {
            Ok(next) if Root::parse(&next).errors().is_empty() => {
                applied.extend(chosen.iter().map(|diagnostic| diagnostic.rule));
                next
            }
            _ => match apply_edits(&text, fix_edits(chosen[0])) {
                Ok(next) if Root::parse(&next).errors().is_empty() => {
                    applied.push(chosen[0].rule);
                    next
                }
                _ => break,
            },
        };
        if next == text {
            break;
        }
        text = next;
        diagnostics = lint(&text, config);
    }
    FixOutcome { text, applied, rounds, remaining: diagnostics }
}

fn choose_fixes(diagnostics: &[Diagnostic], which: WhichFixes) -> Vec<&Diagnostic> {
    let mut chosen = Vec::new();
    let mut taken: Vec<TextEdit> = Vec::new();
    for diagnostic in diagnostics {
        let Some(fix) = &diagnostic.fix else { continue };
        if which == WhichFixes::Safe && fix.applicability != Applicability::Safe {
            continue;
        }
        if fix.edits.is_empty() || overlaps_any(&fix.edits, &taken) {
            continue;
        }
        taken.extend(fix.edits.iter().cloned());
        chosen.push(diagnostic);
    }
    chosen
}
