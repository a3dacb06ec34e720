//! Finds unused bindings the way deadnix does, in one pass over the tree.
//!
//! A binding is used when an identifier with its name occurs in one of the bodies of
//! its scope and no nearer scope binds the same name. As in deadnix 1.3, any identifier
//! counts except plain attribute names (`x` in `a.x` or `{ x = 1; }`), the binding's
//! own definition does not count, and a use from inside a binding that is itself unused
//! does not count either (so removing dead code never leaves new dead code behind); a
//! use inside `inherit (from) a b;` counts only while `a` or `b` is used. `rec` sets shadow names but their
//! attributes are never reported. `inherit x;` in a `let` or `rec` set refers to the
//! enclosing scope.

use rnix::{SyntaxKind, SyntaxNode, WalkEvent};

use super::config::DeadCodeOptions;
use super::syntax::{self, range};
use crate::text::ByteRange;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BindingKind {
    /// `let x = ...; in` or `let inherit (a) x; in`.
    Let,
    /// `x: body`.
    LambdaArg,
    /// `{ x, ... }: body`.
    PatternName,
    /// `{ ... }@x: body`.
    AtBind,
}

/// An unused binding and where it lives, for the four dead-code rules.
#[derive(Debug, Clone)]
pub(crate) struct DeadBinding {
    pub(crate) kind: BindingKind,
    pub(crate) name: String,
    pub(crate) name_range: ByteRange,
    /// The `key = value;` node, the identifier inside `inherit`, the pattern entry, the
    /// `@x` node or the identifier of the lambda argument.
    pub(crate) site: SyntaxNode,
    /// The `let` or lambda that declares it.
    pub(crate) scope: SyntaxNode,
}

struct Binding {
    kind: BindingKind,
    name: String,
    name_range: ByteRange,
    site: SyntaxNode,
    scope: SyntaxNode,
    /// The part of the scope that defines it; uses inside it do not count.
    own_body: Option<ByteRange>,
    /// False for `rec` attributes and `_x` lambda arguments, and for bindings the
    /// options or a `# deadnix: skip` comment exclude.
    reportable: bool,
}

struct Frame {
    node_range: ByteRange,
    /// Names bound by this scope and the binding index for each.
    names: Vec<(String, usize)>,
    /// Ranges of `inherit (from)` expressions of this scope.
    /// (with the bindings of that `inherit`).
    inherit_from: Vec<(ByteRange, Vec<usize>)>,
}

#[derive(Default)]
struct Analysis {
    bindings: Vec<Binding>,
    /// For each binding, the sibling bindings its uses come from (`None`: from a body
    /// that is no binding, such as the `in` part).
    uses: Vec<Vec<Option<usize>>>,
    frames: Vec<Frame>,
}

/// The unused bindings under `root`; `skip_comments` are the offsets of
/// `# deadnix: skip` comments.
pub(crate) fn find(
    source: &str,
    root: &SyntaxNode,
    options: &DeadCodeOptions,
    skip_comments: &[usize],
) -> Vec<DeadBinding> {
    let mut analysis = Analysis::default();
    for event in root.preorder() {
        match event {
            WalkEvent::Enter(node) => {
                if let Some(frame) = analysis.open_scope(&node, options, source, skip_comments) {
                    analysis.frames.push(frame);
                }
                if node.kind() == SyntaxKind::NODE_IDENT {
                    analysis.occurrence(&node);
                }
            }
            WalkEvent::Leave(node) => {
                let closes =
                    analysis.frames.last().is_some_and(|frame| frame.node_range == range(&node));
                if closes && opens_scope(&node) {
                    analysis.frames.pop();
                }
            }
        }
    }
    analysis.dead()
}

fn opens_scope(node: &SyntaxNode) -> bool {
    match node.kind() {
        SyntaxKind::NODE_LAMBDA | SyntaxKind::NODE_LET_IN => true,
        SyntaxKind::NODE_ATTR_SET => syntax::is_rec_set(node),
        _ => false,
    }
}

impl Analysis {
    fn open_scope(
        &mut self,
        node: &SyntaxNode,
        options: &DeadCodeOptions,
        source: &str,
        skip_comments: &[usize],
    ) -> Option<Frame> {
        if !opens_scope(node) {
            return None;
        }
        let mut frame =
            Frame { node_range: range(node), names: Vec::new(), inherit_from: Vec::new() };
        let skipped =
            |name_range: ByteRange| is_skipped_by_comment(source, name_range, skip_comments);
        match node.kind() {
            SyntaxKind::NODE_LAMBDA => self.lambda_bindings(node, options, &mut frame, &skipped),
            _ => self.set_bindings(node, options, &mut frame, &skipped),
        }
        Some(frame)
    }

    fn add(&mut self, frame: &mut Frame, binding: Binding) {
        frame.names.push((binding.name.clone(), self.bindings.len()));
        self.bindings.push(binding);
        self.uses.push(Vec::new());
    }

    fn lambda_bindings(
        &mut self,
        lambda: &SyntaxNode,
        options: &DeadCodeOptions,
        frame: &mut Frame,
        skipped: &dyn Fn(ByteRange) -> bool,
    ) {
        let Some(param) = lambda.children().next() else { return };
        let underscore_ok = |name: &str| !(options.skip_underscore && name.starts_with('_'));
        match param.kind() {
            SyntaxKind::NODE_IDENT_PARAM => {
                let Some(ident) = param.children().next() else { return };
                let Some(name) = syntax::ident_name(&ident) else { return };
                let reportable =
                    !name.starts_with('_') && !options.skip_lambda_args && !skipped(range(&ident));
                let binding = Binding {
                    kind: BindingKind::LambdaArg,
                    name,
                    name_range: range(&ident),
                    site: ident,
                    scope: lambda.clone(),
                    own_body: None,
                    reportable,
                };
                self.add(frame, binding);
            }
            SyntaxKind::NODE_PATTERN => {
                for child in param.children() {
                    match child.kind() {
                        SyntaxKind::NODE_PAT_BIND => {
                            let Some(ident) = child.children().next() else { continue };
                            let Some(name) = syntax::ident_name(&ident) else { continue };
                            let reportable = underscore_ok(&name) && !skipped(range(&ident));
                            let binding = Binding {
                                kind: BindingKind::AtBind,
                                name,
                                name_range: range(&ident),
                                site: child.clone(),
                                scope: lambda.clone(),
                                own_body: None,
                                reportable,
                            };
                            self.add(frame, binding);
                        }
                        SyntaxKind::NODE_PAT_ENTRY => {
                            let Some(ident) = child.children().next() else { continue };
                            let Some(name) = syntax::ident_name(&ident) else { continue };
                            let reportable = underscore_ok(&name)
                                && !options.skip_pattern_names
                                && !skipped(range(&ident));
                            let binding = Binding {
                                kind: BindingKind::PatternName,
                                name,
                                name_range: range(&ident),
                                site: child.clone(),
                                scope: lambda.clone(),
                                own_body: Some(range(&child)),
                                reportable,
                            };
                            self.add(frame, binding);
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    fn set_bindings(
        &mut self,
        scope: &SyntaxNode,
        options: &DeadCodeOptions,
        frame: &mut Frame,
        skipped: &dyn Fn(ByteRange) -> bool,
    ) {
        let mortal = scope.kind() == SyntaxKind::NODE_LET_IN;
        let underscore_ok = |name: &str| !(options.skip_underscore && name.starts_with('_'));
        for entry in syntax::entries(scope) {
            match entry.kind() {
                SyntaxKind::NODE_ATTRPATH_VALUE => {
                    let first = entry
                        .children()
                        .find(|c| c.kind() == SyntaxKind::NODE_ATTRPATH)
                        .and_then(|attrpath| attrpath.children().next());
                    let Some(ident) = first else { continue };
                    let Some(name) = syntax::ident_name(&ident) else { continue };
                    let reportable = mortal && underscore_ok(&name) && !skipped(range(&ident));
                    let binding = Binding {
                        kind: BindingKind::Let,
                        name,
                        name_range: range(&ident),
                        site: entry.clone(),
                        scope: scope.clone(),
                        own_body: Some(range(&entry)),
                        reportable,
                    };
                    self.add(frame, binding);
                }
                SyntaxKind::NODE_INHERIT => {
                    let first_binding = self.bindings.len();
                    let mut from_range = None;
                    for child in entry.children() {
                        if child.kind() == SyntaxKind::NODE_INHERIT_FROM {
                            from_range = Some(range(&child));
                            continue;
                        }
                        let Some(name) = syntax::ident_name(&child) else { continue };
                        let reportable = mortal && underscore_ok(&name) && !skipped(range(&child));
                        let binding = Binding {
                            kind: BindingKind::Let,
                            name,
                            name_range: range(&child),
                            site: child.clone(),
                            scope: scope.clone(),
                            own_body: Some(range(&child)),
                            reportable,
                        };
                        self.add(frame, binding);
                    }
                    if let Some(from_range) = from_range {
                        let inherited = (first_binding..self.bindings.len()).collect();
                        frame.inherit_from.push((from_range, inherited));
                    }
                }
                _ => {}
            }
        }
    }

    fn occurrence(&mut self, ident: &SyntaxNode) {
        let parent_kind = ident.parent().map(|parent| parent.kind());
        let not_a_use =
            [SyntaxKind::NODE_IDENT_PARAM, SyntaxKind::NODE_PAT_BIND, SyntaxKind::NODE_ATTRPATH];
        if parent_kind.is_some_and(|kind| not_a_use.contains(&kind)) {
            return;
        }
        let Some(token) = ident.first_token() else { return };
        let name = token.text();
        let offset = range(ident).start;
        let top = self.frames.len();
        let plain_inherit_of_top = parent_kind == Some(SyntaxKind::NODE_INHERIT)
            && ident.parent().and_then(|inherit| inherit.parent()).is_some_and(|owner| {
                opens_scope(&owner)
                    && self.frames.last().is_some_and(|frame| frame.node_range == range(&owner))
            });
        if plain_inherit_of_top {
            self.resolve(name, offset, top - 1);
            return;
        }
        let in_inherit_from = self.frames.last().is_some_and(|frame| {
            frame.inherit_from.iter().any(|(r, _)| r.start <= offset && offset < r.end)
        });
        self.resolve(name, offset, top);
        if in_inherit_from {
            self.resolve(name, offset, top - 1);
        }
    }

    /// Marks the bindings `name` refers to, searching frames below `depth`.
    fn resolve(&mut self, name: &str, offset: usize, depth: usize) {
        for frame in self.frames[..depth].iter().rev() {
            let mut found = false;
            for (bound, index) in &frame.names {
                if bound != name {
                    continue;
                }
                found = true;
                let binding = &self.bindings[*index];
                let inside = |r: &ByteRange| r.start <= offset && offset < r.end;
                if binding.own_body.as_ref().is_some_and(inside) {
                    continue;
                }
                if let Some((_, inherited)) = frame.inherit_from.iter().find(|(r, _)| inside(r)) {
                    self.uses[*index].extend(inherited.iter().map(|&sibling| Some(sibling)));
                    continue;
                }
                let via = frame.names.iter().map(|(_, sibling)| *sibling).find(|sibling| {
                    sibling != index
                        && self.bindings[*sibling].own_body.as_ref().is_some_and(inside)
                });
                self.uses[*index].push(via);
            }
            if found {
                return;
            }
        }
    }

    fn dead(self) -> Vec<DeadBinding> {
        let mut alive = vec![true; self.bindings.len()];
        loop {
            let mut changed = false;
            for (index, binding) in self.bindings.iter().enumerate() {
                if !binding.reportable || !alive[index] {
                    continue;
                }
                let used =
                    self.uses[index].iter().any(|via| via.is_none_or(|sibling| alive[sibling]));
                if !used {
                    alive[index] = false;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        self.bindings
            .into_iter()
            .zip(alive)
            .filter(|(_, alive)| !alive)
            .map(|(binding, _)| DeadBinding {
                kind: binding.kind,
                name: binding.name,
                name_range: binding.name_range,
                site: binding.site,
                scope: binding.scope,
            })
            .collect()
    }
}

/// True when a `# deadnix: skip` comment sits on the line of `name_range` or on the line
/// before it.
fn is_skipped_by_comment(source: &str, name_range: ByteRange, skip_comments: &[usize]) -> bool {
    if skip_comments.is_empty() {
        return false;
    }
    let offset = floor_boundary(source, name_range.start.min(source.len()));
    let before = &source[..offset];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let previous_line_start =
        before[..line_start.saturating_sub(1)].rfind('\n').map_or(0, |newline| newline + 1);
    let line_end = offset + source[offset..].find('\n').unwrap_or(source.len() - offset);
    skip_comments.iter().any(|comment| (previous_line_start..line_end).contains(comment))
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
