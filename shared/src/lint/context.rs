//! What a rule sees while it checks one file, and how it reports.

use std::cell::OnceCell;

use rnix::SyntaxNode;

use super::dead_code::{self, DeadBinding};
use super::nesting::DirectiveComment;
use super::{Applicability, Config, Diagnostic, Fix, Rule};
use crate::text::{ByteRange, TextEdit};

/// A finding and whether its fix keeps the file parsing by construction, so that
/// `lint` need not re-parse to check it.
pub(crate) struct Finding {
    pub(crate) diagnostic: Diagnostic,
    pub(crate) fix_keeps_syntax: bool,
}

pub(crate) struct Context<'a> {
    pub(crate) source: &'a str,
    pub(crate) root: SyntaxNode,
    pub(crate) config: &'a Config,
    /// True when the parser reported errors; rules that need a whole, correct tree
    /// (dead code) stay quiet then.
    pub(crate) has_syntax_errors: bool,
    pub(crate) findings: Vec<Finding>,
    /// Comments that may carry `nixstudio:` or `deadnix:` directives.
    directives: &'a [DirectiveComment],
    dead_bindings: OnceCell<Vec<DeadBinding>>,
    line_count: OnceCell<usize>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        source: &'a str,
        root: SyntaxNode,
        config: &'a Config,
        has_syntax_errors: bool,
        directives: &'a [DirectiveComment],
    ) -> Context<'a> {
        Context {
            directives,
            source,
            root,
            config,
            has_syntax_errors,
            findings: Vec::new(),
            dead_bindings: OnceCell::new(),
            line_count: OnceCell::new(),
        }
    }

    /// Records a finding without a fix.
    pub(crate) fn report(&mut self, rule: Rule, range: ByteRange, message: impl Into<String>) {
        self.push(rule, range, message.into(), None, false);
    }

    /// Records a finding with a fix made of `edits`; `lint` offers the fix only if the
    /// file still parses after it.
    pub(crate) fn report_with_fix(
        &mut self,
        rule: Rule,
        range: ByteRange,
        message: impl Into<String>,
        edits: Vec<TextEdit>,
        applicability: Applicability,
    ) {
        self.push(rule, range, message.into(), Some(Fix { edits, applicability }), false);
    }

    /// Records a finding with a fix that cannot break parsing, so `lint` does not
    /// re-parse to check it: the rule must know why, and say so where it calls this.
    /// Examples: renaming an identifier, deleting a name (with its comma) inside a
    /// pattern's braces, deleting a whole binding where whitespace or `;` keeps the
    /// tokens on either side apart. (Replacing a whole pattern is not one: the
    /// random-mutation tests found `pkgs.fe{ ... }@a: x` turning into `pkgs.fea: x`,
    /// which glues two tokens.) The property tests and the fuzz target re-parse every
    /// offered fix and hold the rules to it.
    pub(crate) fn report_with_syntax_keeping_fix(
        &mut self,
        rule: Rule,
        range: ByteRange,
        message: impl Into<String>,
        edits: Vec<TextEdit>,
        applicability: Applicability,
    ) {
        self.push(rule, range, message.into(), Some(Fix { edits, applicability }), true);
    }

    fn push(
        &mut self,
        rule: Rule,
        range: ByteRange,
        message: String,
        fix: Option<Fix>,
        fix_keeps_syntax: bool,
    ) {
        let severity = self.config.severity(rule);
        let diagnostic = Diagnostic { rule, severity, message, range, fix };
        self.findings.push(Finding { diagnostic, fix_keeps_syntax });
    }

    /// The number of lines of the file, counted once.
    pub(crate) fn line_count(&self) -> usize {
        *self.line_count.get_or_init(|| self.source.lines().count())
    }

    /// The unused bindings of the file, computed once for the four dead-code rules.
    pub(crate) fn dead_bindings(&self) -> &[DeadBinding] {
        self.dead_bindings.get_or_init(|| {
            let skip_comments: Vec<usize> = self
                .directives
                .iter()
                .filter(|comment| comment.text.contains("deadnix: skip"))
                .map(|comment| comment.start)
                .collect();
            dead_code::find(self.source, &self.root, &self.config.dead_code, &skip_comments)
        })
    }
}
