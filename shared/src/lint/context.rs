//! What a rule sees while it checks one file, and how it reports.

use std::cell::OnceCell;

use rnix::SyntaxNode;

use super::dead_code::{self, DeadBinding};
use super::nesting::DirectiveComment;
use super::{Applicability, Config, Diagnostic, Fix, Rule};
use crate::text::{ByteRange, TextEdit};

pub(crate) struct Context<'a> {
    pub(crate) source: &'a str,
    pub(crate) root: SyntaxNode,
    pub(crate) config: &'a Config,
    /// True when the parser reported errors; rules that need a whole, correct tree
    /// (dead code) stay quiet then.
    pub(crate) has_syntax_errors: bool,
    pub(crate) diagnostics: Vec<Diagnostic>,
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
            diagnostics: Vec::new(),
            dead_bindings: OnceCell::new(),
            line_count: OnceCell::new(),
        }
    }

    /// Records a finding without a fix.
    pub(crate) fn report(&mut self, rule: Rule, range: ByteRange, message: impl Into<String>) {
        self.push(rule, range, message.into(), None);
    }

    /// Records a finding with a fix made of `edits`.
    pub(crate) fn report_with_fix(
        &mut self,
        rule: Rule,
        range: ByteRange,
        message: impl Into<String>,
        edits: Vec<TextEdit>,
        applicability: Applicability,
    ) {
        self.push(rule, range, message.into(), Some(Fix { edits, applicability }));
    }

    fn push(&mut self, rule: Rule, range: ByteRange, message: String, fix: Option<Fix>) {
        let severity = self.config.severity(rule);
        self.diagnostics.push(Diagnostic { rule, severity, message, range, fix });
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
