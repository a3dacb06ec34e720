//! Small, total helpers over rnix syntax trees: names of attributes, literals, module bodies.
//!
//! Everything works on raw `SyntaxNode`s and kinds, so broken trees (with error nodes)
//! simply yield `None` instead of tripping an assertion inside the typed AST.

use rnix::{SyntaxKind, SyntaxNode};

pub(crate) use crate::lint::syntax::has_token;
use crate::text::ByteRange;

/// The node's byte range in its file.
pub fn range_of(node: &SyntaxNode) -> ByteRange {
    ByteRange::from(node.text_range())
}

/// The first child node, skipping tokens.
pub fn first_child(node: &SyntaxNode) -> Option<SyntaxNode> {
    node.children().next()
}

/// The `index`-th child node (tokens are skipped).
pub fn nth_child(node: &SyntaxNode, index: usize) -> Option<SyntaxNode> {
    node.children().nth(index)
}

/// Drops parentheses around an expression.
pub fn strip_parens(node: SyntaxNode) -> SyntaxNode {
    let mut current = node;
    while current.kind() == SyntaxKind::NODE_PAREN {
        match first_child(&current) {
            Some(inner) => current = inner,
            None => break,
        }
    }
    current
}

/// The expression a file evaluates to, below the root node.
pub fn root_expression(root: &SyntaxNode) -> Option<SyntaxNode> {
    first_child(root).map(strip_parens)
}

/// Walks through function headers, `let … in`, `with …;` and `assert …;` to the
/// expression that gives a module or template its shape.
pub fn body_of(node: SyntaxNode) -> SyntaxNode {
    let mut current = strip_parens(node);
    for _ in 0..64 {
        let next = match current.kind() {
            SyntaxKind::NODE_LAMBDA => current.children().nth(1),
            SyntaxKind::NODE_LET_IN => current.children().last(),
            SyntaxKind::NODE_WITH | SyntaxKind::NODE_ASSERT => current.children().nth(1),
            _ => None,
        };
        match next {
            Some(next) => current = strip_parens(next),
            None => break,
        }
    }
    current
}

/// The name of one attribute in an attribute path: an identifier or a string without
/// interpolation. `None` for `${…}` names.
pub fn attr_name(attr: &SyntaxNode) -> Option<String> {
    match attr.kind() {
        SyntaxKind::NODE_IDENT => ident_name(attr),
        SyntaxKind::NODE_STRING => string_literal(attr),
        SyntaxKind::NODE_DYNAMIC => {
            let inner = strip_parens(first_child(attr)?);
            match inner.kind() {
                SyntaxKind::NODE_STRING => string_literal(&inner),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The names of an attribute path node; `None` when any part is dynamic.
pub fn attrpath_names(attrpath: &SyntaxNode) -> Option<Vec<String>> {
    attrpath.children().map(|attr| attr_name(&attr)).collect()
}

/// The path and value of a `path = value;` binding node.
pub fn binding_parts(binding: &SyntaxNode) -> Option<(Vec<String>, SyntaxNode)> {
    if binding.kind() != SyntaxKind::NODE_ATTRPATH_VALUE {
        return None;
    }
    let attrpath = binding.children().find(|child| child.kind() == SyntaxKind::NODE_ATTRPATH)?;
    let value = binding.children().find(|child| child.kind() != SyntaxKind::NODE_ATTRPATH)?;
    Some((attrpath_names(&attrpath)?, value))
}

/// True when `attr` is named `name`; identifiers are compared without allocating.
pub fn attr_is(attr: &SyntaxNode, name: &str) -> bool {
    match attr.kind() {
        SyntaxKind::NODE_IDENT => is_ident(attr, name),
        _ => attr_name(attr).as_deref() == Some(name),
    }
}

/// When the path of the `path = value;` binding is a prefix of `names`: its length and
/// the value. The same answer as [`binding_parts`] and `starts_with`, without building
/// the path.
pub fn binding_prefix_of(binding: &SyntaxNode, names: &[String]) -> Option<(usize, SyntaxNode)> {
    if binding.kind() != SyntaxKind::NODE_ATTRPATH_VALUE {
        return None;
    }
    let attrpath = binding.children().find(|child| child.kind() == SyntaxKind::NODE_ATTRPATH)?;
    let mut length = 0;
    for attr in attrpath.children() {
        if !names.get(length).is_some_and(|name| attr_is(&attr, name)) {
            return None;
        }
        length += 1;
    }
    let value = binding.children().find(|child| child.kind() != SyntaxKind::NODE_ATTRPATH)?;
    Some((length, value))
}

/// The `path = value;` bindings directly inside an attribute set or `let`.
pub fn bindings(set: &SyntaxNode) -> impl Iterator<Item = SyntaxNode> + use<> {
    set.children().filter(|child| child.kind() == SyntaxKind::NODE_ATTRPATH_VALUE)
}

/// The text of a string literal without interpolation, with the simple escapes undone.
pub fn string_literal(node: &SyntaxNode) -> Option<String> {
    if node.kind() != SyntaxKind::NODE_STRING {
        return None;
    }
    let mut out = String::new();
    let mut indented = false;
    for child in node.children_with_tokens() {
        match child {
            rowan::NodeOrToken::Node(_) => return None,
            rowan::NodeOrToken::Token(token) => match token.kind() {
                SyntaxKind::TOKEN_STRING_START => indented = token.text() == "''",
                SyntaxKind::TOKEN_STRING_CONTENT => out.push_str(token.text()),
                _ => {}
            },
        }
    }
    match indented {
        true => Some(out.trim().to_owned()),
        false => Some(unescape(&out)),
    }
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(character) = chars.next() {
        if character != '\\' {
            out.push(character);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// The text of a path literal without interpolation.
pub fn path_literal(node: &SyntaxNode) -> Option<String> {
    match node.kind() {
        SyntaxKind::NODE_PATH_REL | SyntaxKind::NODE_PATH_ABS | SyntaxKind::NODE_PATH_HOME => {}
        _ => return None,
    }
    if node.children().next().is_some() {
        return None;
    }
    Some(node.text().to_string())
}

/// An identifier's name.
pub fn ident_name(node: &SyntaxNode) -> Option<String> {
    match node.kind() {
        SyntaxKind::NODE_IDENT => node.first_token().map(|token| token.text().to_owned()),
        _ => None,
    }
}

/// True when `node` is the identifier `name` (no allocation).
pub fn is_ident(node: &SyntaxNode, name: &str) -> bool {
    node.kind() == SyntaxKind::NODE_IDENT
        && node.first_token().is_some_and(|token| token.text() == name)
}

/// Whether the function `lambda` binds `name` as its parameter: `name:`, an entry of its
/// `{ … }` pattern, or the `@` name.
pub fn binds_parameter(lambda: &SyntaxNode, name: &str) -> bool {
    let Some(parameter) = first_child(lambda) else { return false };
    let mut names = parameter.descendants_with_tokens().filter_map(|element| element.into_node());
    names.any(|node| {
        let binds = matches!(
            node.kind(),
            SyntaxKind::NODE_PAT_ENTRY | SyntaxKind::NODE_IDENT_PARAM | SyntaxKind::NODE_PAT_BIND
        );
        binds && first_child(&node).and_then(|ident| ident_name(&ident)).as_deref() == Some(name)
    })
}

/// The parameter names of a curried function (`name: nixpkgs: extraModules: …`),
/// outermost first; `None` for one that is a pattern (`{ lib, ... }:`). Empty for no
/// function.
pub fn parameters(function: &SyntaxNode) -> Vec<Option<String>> {
    let mut names = Vec::new();
    let mut current = strip_parens(function.clone());
    while current.kind() == SyntaxKind::NODE_LAMBDA {
        names.push(
            first_child(&current).and_then(|parameter| ident_name(&first_child(&parameter)?)),
        );
        let Some(body) = nth_child(&current, 1) else { break };
        current = strip_parens(body);
    }
    names
}

/// The curried function `node` is in the body of: its innermost enclosing function, and
/// the functions that return it (through parentheses).
pub fn enclosing_function(node: &SyntaxNode) -> Option<SyntaxNode> {
    let mut function =
        node.ancestors().find(|ancestor| ancestor.kind() == SyntaxKind::NODE_LAMBDA)?;
    loop {
        let outer =
            function.ancestors().skip(1).find(|ancestor| ancestor.kind() != SyntaxKind::NODE_PAREN);
        match outer {
            Some(outer) if outer.kind() == SyntaxKind::NODE_LAMBDA => function = outer,
            _ => return Some(function),
        }
    }
}

/// `true` / `false` as written.
pub fn bool_literal(node: &SyntaxNode) -> Option<bool> {
    match ident_name(node)?.as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The name a function is called by: `mkOption`, `lib.mkOption` and `lib.types.mkOption`
/// all give `mkOption`.
pub fn callee_name(node: &SyntaxNode) -> Option<String> {
    let node = strip_parens(node.clone());
    match node.kind() {
        SyntaxKind::NODE_IDENT => ident_name(&node),
        SyntaxKind::NODE_SELECT => {
            let attrpath =
                node.children().find(|child| child.kind() == SyntaxKind::NODE_ATTRPATH)?;
            attr_name(&attrpath.children().last()?)
        }
        _ => None,
    }
}

/// Splits a function application `f a b` into `f` and `[a, b]`.
pub fn call_parts(node: &SyntaxNode) -> Option<(SyntaxNode, Vec<SyntaxNode>)> {
    let mut current = strip_parens(node.clone());
    if current.kind() != SyntaxKind::NODE_APPLY {
        return None;
    }
    let mut arguments = Vec::new();
    while current.kind() == SyntaxKind::NODE_APPLY {
        let function = first_child(&current)?;
        arguments.push(nth_child(&current, 1)?);
        current = function;
    }
    arguments.reverse();
    Some((current, arguments))
}

/// A `Select` node's base expression and attribute names (`None` if dynamic or `or`-defaulted).
pub fn select_parts(node: &SyntaxNode) -> Option<(SyntaxNode, Vec<String>)> {
    if node.kind() != SyntaxKind::NODE_SELECT {
        return None;
    }
    let base = first_child(node)?;
    let attrpath = node.children().find(|child| child.kind() == SyntaxKind::NODE_ATTRPATH)?;
    Some((base, attrpath_names(&attrpath)?))
}

/// A dotted name as written, such as `config.features.x` from a select chain rooted at an
/// identifier.
pub fn dotted_name(node: &SyntaxNode) -> Option<Vec<String>> {
    let node = strip_parens(node.clone());
    match node.kind() {
        SyntaxKind::NODE_IDENT => Some(vec![ident_name(&node)?]),
        SyntaxKind::NODE_SELECT => {
            let (base, names) = select_parts(&node)?;
            let mut out = dotted_name(&base)?;
            out.extend(names);
            Some(out)
        }
        _ => None,
    }
}

/// The whitespace that starts the line containing `offset`.
pub fn line_indent(text: &str, offset: usize) -> &str {
    let line_start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    let line = &text[line_start..];
    let width = line.len() - line.trim_start_matches([' ', '\t']).len();
    &line[..width]
}

/// True when only spaces and tabs stand between the line start and `offset`.
pub fn starts_line(text: &str, offset: usize) -> bool {
    let line_start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    text[line_start..offset].chars().all(|character| character == ' ' || character == '\t')
}

/// The byte offset of the end of the line holding `offset` (the `\n` or the end of text).
pub fn line_end(text: &str, offset: usize) -> usize {
    text[offset..].find('\n').map_or(text.len(), |newline| offset + newline)
}

/// A file's directory, `""` for the root.
pub fn directory_of(path: &str) -> &str {
    path.rfind('/').map_or("", |slash| &path[..slash])
}

/// The file name without `.nix`, or the directory name for a `default.nix`.
pub fn stem_of(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    if file == "default.nix" {
        let directory = directory_of(path);
        return directory.rsplit('/').next().unwrap_or(directory).to_owned();
    }
    file.strip_suffix(".nix").unwrap_or(file).to_owned()
}

/// A relative path literal from the directory of `from` to `to`, both repository paths,
/// written as Nix wants it (`./x.nix`, `../../modules/y.nix`).
pub fn relative_path(from: &str, to: &str) -> String {
    let from_parts: Vec<&str> =
        directory_of(from).split('/').filter(|part| !part.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_parts
        .iter()
        .zip(&to_parts)
        .take_while(|(left, right)| left == right)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let ups = from_parts.len() - common;
    let rest = to_parts[common..].join("/");
    match ups {
        0 => format!("./{rest}"),
        _ => format!("{}{rest}", "../".repeat(ups)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_and_descend() {
        assert_eq!(
            relative_path("hosts/a/configuration.nix", "modules/x/y.nix"),
            "../../modules/x/y.nix"
        );
        assert_eq!(relative_path("hosts/a/configuration.nix", "hosts/a/local.nix"), "./local.nix");
        assert_eq!(relative_path("flake.nix", "hosts/a/default.nix"), "./hosts/a/default.nix");
    }

    #[test]
    fn stems_name_default_files_by_their_directory() {
        assert_eq!(stem_of("templates/server.nix"), "server");
        assert_eq!(stem_of("hosts/hp/default.nix"), "hp");
    }
}
