//! Small questions about rnix syntax trees that many rules ask.

use rnix::ast;
use rnix::{NodeOrToken, SyntaxKind, SyntaxNode, SyntaxToken};
use rowan::ast::AstNode;

use crate::text::ByteRange;

pub(crate) fn range(node: &SyntaxNode) -> ByteRange {
    ByteRange::from(node.text_range())
}

pub(crate) fn token_range(token: &SyntaxToken) -> ByteRange {
    ByteRange::from(token.text_range())
}

/// The name of a `NODE_IDENT` (`or` included).
pub(crate) fn ident_name(node: &SyntaxNode) -> Option<String> {
    if node.kind() != SyntaxKind::NODE_IDENT {
        return None;
    }
    node.first_token().map(|token| token.text().to_owned())
}

pub(crate) fn is_ident(node: &SyntaxNode, name: &str) -> bool {
    node.kind() == SyntaxKind::NODE_IDENT
        && node.first_token().is_some_and(|token| token.text() == name)
}

/// The static name of one attribute-path part: an identifier, or a string without
/// interpolation. `None` for `${...}` and interpolated strings.
pub(crate) fn attr_name(node: &SyntaxNode) -> Option<String> {
    match node.kind() {
        SyntaxKind::NODE_IDENT => ident_name(node),
        SyntaxKind::NODE_STRING => string_literal(node),
        _ => None,
    }
}

/// The parts of an attribute path; a dynamic part is `None`.
pub(crate) fn attrpath_names(attrpath: &SyntaxNode) -> Vec<Option<String>> {
    attrpath.children().map(|part| attr_name(&part)).collect()
}

/// The key parts of a binding `a.b.c = value;`.
pub(crate) fn binding_key(binding: &SyntaxNode) -> Vec<Option<String>> {
    binding
        .children()
        .find(|child| child.kind() == SyntaxKind::NODE_ATTRPATH)
        .map(|attrpath| attrpath_names(&attrpath))
        .unwrap_or_default()
}

/// The text of the last key part of a binding when it is a plain identifier, without
/// allocating: `enable` for `networking.firewall.enable = ...;`.
pub(crate) fn last_key_ident(binding: &SyntaxNode) -> Option<SyntaxToken> {
    let attrpath =
        binding.first_child().filter(|child| child.kind() == SyntaxKind::NODE_ATTRPATH)?;
    let last = attrpath.last_child()?;
    if last.kind() != SyntaxKind::NODE_IDENT {
        return None;
    }
    last.first_token()
}

/// The value of a binding `key = value;`.
pub(crate) fn binding_value(binding: &SyntaxNode) -> Option<SyntaxNode> {
    ast::AttrpathValue::cast(binding.clone())?.value().map(|value| value.syntax().clone())
}

/// The contents of a string with no interpolation (escapes left as written).
pub(crate) fn string_literal(node: &SyntaxNode) -> Option<String> {
    if node.kind() != SyntaxKind::NODE_STRING {
        return None;
    }
    let mut out = String::new();
    for element in node.children_with_tokens() {
        match element {
            NodeOrToken::Node(_) => return None,
            NodeOrToken::Token(token) if token.kind() == SyntaxKind::TOKEN_STRING_CONTENT => {
                out.push_str(token.text());
            }
            NodeOrToken::Token(_) => {}
        }
    }
    Some(out)
}

/// Looks through any number of parentheses.
pub(crate) fn strip_parens(node: &SyntaxNode) -> SyntaxNode {
    let mut current = node.clone();
    while current.kind() == SyntaxKind::NODE_PAREN {
        match current.children().next() {
            Some(inner) => current = inner,
            None => break,
        }
    }
    current
}

/// A function application `f a b` as its head `f` and arguments `[a, b]`.
pub(crate) fn flatten_apply(node: &SyntaxNode) -> Option<(SyntaxNode, Vec<SyntaxNode>)> {
    if node.kind() != SyntaxKind::NODE_APPLY {
        return None;
    }
    let mut arguments = Vec::new();
    let mut current = node.clone();
    while current.kind() == SyntaxKind::NODE_APPLY {
        let mut children = current.children();
        let (Some(function), Some(argument)) = (children.next(), children.next()) else {
            return None;
        };
        arguments.push(argument);
        current = function;
    }
    arguments.reverse();
    Some((current, arguments))
}

/// The name a function is called by: `f` for `f`, `mkIf` for `lib.mkIf`.
pub(crate) fn callee_name(node: &SyntaxNode) -> Option<String> {
    let node = strip_parens(node);
    match node.kind() {
        SyntaxKind::NODE_IDENT => ident_name(&node),
        SyntaxKind::NODE_SELECT => {
            if has_token(&node, SyntaxKind::TOKEN_OR) {
                return None;
            }
            let attrpath = node.children().find(|c| c.kind() == SyntaxKind::NODE_ATTRPATH)?;
            attrpath.children().last().and_then(|part| attr_name(&part))
        }
        _ => None,
    }
}

/// The dotted name of an identifier or a plain selection, `lib.types.str`.
pub(crate) fn dotted_name(node: &SyntaxNode) -> Option<String> {
    let node = strip_parens(node);
    match node.kind() {
        SyntaxKind::NODE_IDENT => ident_name(&node),
        SyntaxKind::NODE_SELECT => {
            if has_token(&node, SyntaxKind::TOKEN_OR) {
                return None;
            }
            let mut children = node.children();
            let base = dotted_name(&children.next()?)?;
            let attrpath = children.next()?;
            let mut out = base;
            for part in attrpath.children() {
                out.push('.');
                out.push_str(&attr_name(&part).unwrap_or_else(|| "*".to_owned()));
            }
            Some(out)
        }
        _ => None,
    }
}

pub(crate) fn has_token(node: &SyntaxNode, kind: SyntaxKind) -> bool {
    node.children_with_tokens().any(|element| element.kind() == kind)
}

pub(crate) fn first_token_of(node: &SyntaxNode, kind: SyntaxKind) -> Option<SyntaxToken> {
    node.children_with_tokens().filter_map(NodeOrToken::into_token).find(|t| t.kind() == kind)
}

pub(crate) fn contains_comment(node: &SyntaxNode) -> bool {
    node.descendants_with_tokens().any(|element| element.kind() == SyntaxKind::TOKEN_COMMENT)
}

/// True for expressions that never need parentheses as an operand or argument.
pub(crate) fn is_atom(node: &SyntaxNode) -> bool {
    match node.kind() {
        SyntaxKind::NODE_IDENT
        | SyntaxKind::NODE_LITERAL
        | SyntaxKind::NODE_STRING
        | SyntaxKind::NODE_LIST
        | SyntaxKind::NODE_ATTR_SET
        | SyntaxKind::NODE_PAREN
        | SyntaxKind::NODE_PATH_ABS
        | SyntaxKind::NODE_PATH_REL
        | SyntaxKind::NODE_PATH_HOME
        | SyntaxKind::NODE_PATH_SEARCH => true,
        SyntaxKind::NODE_SELECT => !has_token(node, SyntaxKind::TOKEN_OR),
        _ => false,
    }
}

/// `text` of `node`, wrapped in parentheses unless it is an atom.
pub(crate) fn parenthesized(node: &SyntaxNode) -> String {
    if is_atom(node) { node.to_string() } else { format!("({node})") }
}

/// The key path of a binding including the keys of the bindings around it:
/// `config.systemd.services.x.serviceConfig` for `serviceConfig` nested in
/// `config = mkIf c { systemd.services.x = { serviceConfig = ...; }; }`. Looks through
/// applications, parentheses, lists, `with`, `let` and `if` bodies; stops at a lambda.
pub(crate) fn full_key_path(binding: &SyntaxNode) -> Vec<Option<String>> {
    let mut parts = binding_key(binding);
    let mut current = binding.parent();
    while let Some(node) = current {
        match node.kind() {
            SyntaxKind::NODE_ATTRPATH_VALUE => {
                let mut outer = binding_key(&node);
                outer.append(&mut parts);
                parts = outer;
            }
            SyntaxKind::NODE_ATTR_SET
            | SyntaxKind::NODE_APPLY
            | SyntaxKind::NODE_PAREN
            | SyntaxKind::NODE_LIST
            | SyntaxKind::NODE_WITH
            | SyntaxKind::NODE_LET_IN
            | SyntaxKind::NODE_IF_ELSE
            | SyntaxKind::NODE_BIN_OP => {}
            _ => break,
        }
        current = node.parent();
    }
    parts
}

/// Whether a key path ends with the given static names.
pub(crate) fn path_ends_with(path: &[Option<String>], suffix: &[&str]) -> bool {
    if path.len() < suffix.len() {
        return false;
    }
    path[path.len() - suffix.len()..]
        .iter()
        .zip(suffix)
        .all(|(part, expected)| part.as_deref() == Some(*expected) || *expected == "*")
}

/// Widens `range` so that removing it leaves tidy text: whole lines when nothing else
/// is on them, otherwise the spaces after (or, at a line end, before) the range.
pub(crate) fn removal_range(source: &str, range: ByteRange) -> ByteRange {
    let bytes = source.as_bytes();
    let mut line_start = range.start;
    while line_start > 0 && matches!(bytes[line_start - 1], b' ' | b'\t') {
        line_start -= 1;
    }
    let mut line_end = range.end;
    while line_end < bytes.len() && matches!(bytes[line_end], b' ' | b'\t') {
        line_end += 1;
    }
    let starts_line = line_start == 0 || bytes[line_start - 1] == b'\n';
    let ends_line = line_end == bytes.len() || bytes[line_end] == b'\n';
    if starts_line && ends_line {
        let end = if line_end < bytes.len() { line_end + 1 } else { line_end };
        return ByteRange::new(line_start, end);
    }
    if ends_line {
        return ByteRange::new(line_start, range.end);
    }
    ByteRange::new(range.start, line_end)
}

/// Whether the text that ends at `before` and the text that starts at `after` stay
/// separate tokens when put side by side: true when either side is whitespace or `;`
/// (no token of the language contains one outside strings and comments), or the
/// file's edge. Callers cut only between whole tokens of code, never inside a string
/// or a comment.
pub(crate) fn tokens_stay_apart(source: &str, before: usize, after: usize) -> bool {
    let bytes = source.as_bytes();
    let separates = |byte: Option<&u8>| byte.is_none_or(|b| b.is_ascii_whitespace() || *b == b';');
    let previous = before.checked_sub(1).and_then(|offset| bytes.get(offset));
    separates(previous) || separates(bytes.get(after))
}

/// The next sibling token that is not whitespace or a comment.
pub(crate) fn next_significant_token(element: &SyntaxNode) -> Option<SyntaxToken> {
    let mut next = element.next_sibling_or_token();
    while let Some(current) = next {
        match current {
            NodeOrToken::Token(token) if is_trivia(token.kind()) => {
                next = token.next_sibling_or_token();
            }
            NodeOrToken::Token(token) => return Some(token),
            NodeOrToken::Node(_) => return None,
        }
    }
    None
}

/// The previous sibling token that is not whitespace or a comment.
pub(crate) fn previous_significant_token(element: &SyntaxNode) -> Option<SyntaxToken> {
    let mut previous = element.prev_sibling_or_token();
    while let Some(current) = previous {
        match current {
            NodeOrToken::Token(token) if is_trivia(token.kind()) => {
                previous = token.prev_sibling_or_token();
            }
            NodeOrToken::Token(token) => return Some(token),
            NodeOrToken::Node(_) => return None,
        }
    }
    None
}

pub(crate) fn is_trivia(kind: SyntaxKind) -> bool {
    matches!(kind, SyntaxKind::TOKEN_WHITESPACE | SyntaxKind::TOKEN_COMMENT)
}

/// The bindings (`key = value;` and `inherit`) directly inside a set or `let`.
pub(crate) fn entries(node: &SyntaxNode) -> impl Iterator<Item = SyntaxNode> {
    node.children().filter(|child| {
        matches!(child.kind(), SyntaxKind::NODE_ATTRPATH_VALUE | SyntaxKind::NODE_INHERIT)
    })
}

/// True for `rec { ... }` (`rec` is always the set's first token).
pub(crate) fn is_rec_set(node: &SyntaxNode) -> bool {
    node.kind() == SyntaxKind::NODE_ATTR_SET
        && node.first_token().is_some_and(|token| token.kind() == SyntaxKind::TOKEN_REC)
}
