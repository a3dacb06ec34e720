//! Text edits on one module file: set, insert and remove a setting, add an import.
//!
//! Every function returns [`TextEdit`]s against the text it was given, touching only the
//! bytes it must: a value literal, one inserted line, one removed line. Insertions copy the
//! indentation of their neighbours and the file's own style (a nested attribute set is
//! entered when the namespace already exists as one; the rest of the path is dotted).

use rnix::{SyntaxKind, SyntaxNode};

use super::super::flake_parts;
use super::super::syntax::{
    binding_parts, bindings, body_of, line_end, line_indent, range_of, root_expression,
    starts_line, strip_parens,
};
use super::super::values::unwrap_priority;
use crate::text::{ByteRange, TextEdit};

/// Why a file offers no place for an edit.
pub type Refusal = String;

/// The body of `module` (a file, or a module written inline in it: see
/// [`flake_parts`]) in the parse of its file.
fn module_body(root: &SyntaxNode, module: &str) -> Result<SyntaxNode, Refusal> {
    match flake_parts::split(module) {
        Some((_, output)) => flake_parts::module_body(root, output).ok_or_else(|| {
            match flake_parts::bindings_into(root, output).is_empty() {
                true => format!("the file no longer defines `flake.{output}`"),
                false => format!(
                    "the file only binds into `flake.{output}` (`flake.{output}.<name> = …;`); a new setting needs the module written as a set, `flake.{output} = {{ … }};`"
                ),
            }
        }),
        None => root_expression(root).map(body_of).ok_or_else(|| "the file is empty".to_owned()),
    }
}

/// The attribute set settings go into, and the path prefix it stands for.
fn settings_root(body: SyntaxNode) -> Result<SyntaxNode, Refusal> {
    if body.kind() != SyntaxKind::NODE_ATTR_SET {
        return Err("the module is not an attribute set".to_owned());
    }
    let config = bindings(&body)
        .filter_map(|binding| binding_parts(&binding))
        .find(|(path, _)| path.first().map(String::as_str) == Some("config"));
    let declares_options = bindings(&body)
        .filter_map(|binding| binding_parts(&binding))
        .any(|(path, _)| path.first().map(String::as_str) == Some("options"));
    match config {
        Some((path, value)) if path.len() == 1 => {
            let value = strip_parens(value);
            match value.kind() {
                SyntaxKind::NODE_ATTR_SET => Ok(value),
                // Data for a helper, not a module: its `config` is a module of its own.
                SyntaxKind::NODE_LAMBDA => Ok(body),
                _ => Err("the module's `config` is not a plain attribute set".to_owned()),
            }
        }
        Some(_) | None if declares_options => {
            Err("the module declares options; its settings belong under `config`".to_owned())
        }
        _ => Ok(body),
    }
}

/// Inserts `option_path = literal;` into `module` (whose file's text is `text`), beside
/// the settings that share the longest part of its path.
pub fn insert_setting(
    text: &str,
    module: &str,
    option_path: &[String],
    literal: &str,
) -> Result<Vec<TextEdit>, Refusal> {
    let root = rnix::Root::parse(text).syntax();
    let mut set = settings_root(module_body(&root, module)?)?;
    let mut remaining: &[String] = option_path;
    'descend: loop {
        for binding in bindings(&set) {
            let Some((path, value)) = binding_parts(&binding) else { continue };
            if path.len() >= remaining.len() || !remaining.starts_with(&path) {
                continue;
            }
            // `x = mkForce { … }` is entered like `x = { … }`: a second `x.…` binding
            // beside it would define `x` twice, which Nix refuses.
            let value = match unwrap_priority(&value) {
                (Some(_), inner) => inner,
                (None, value) => value,
            };
            if value.kind() != SyntaxKind::NODE_ATTR_SET {
                return Err(format!(
                    "`{}` is set here as a whole (`{}`); a setting beside it would define it twice",
                    path.join("."),
                    short_text(&value),
                ));
            }
            remaining = &remaining[path.len()..];
            set = value;
            continue 'descend;
        }
        break;
    }
    let line = format!("{} = {literal};", attrpath_text(remaining));
    let mut best: Option<(usize, SyntaxNode)> = None;
    let mut last = None;
    for binding in set.children().filter(|child| {
        matches!(child.kind(), SyntaxKind::NODE_ATTRPATH_VALUE | SyntaxKind::NODE_INHERIT)
    }) {
        let shared = binding_parts(&binding)
            .map(|(path, _)| {
                path.iter().zip(remaining).take_while(|(left, right)| left == right).count()
            })
            .unwrap_or(0);
        if shared > 0 && best.as_ref().is_none_or(|(most, _)| shared >= *most) {
            best = Some((shared, binding.clone()));
        }
        last = Some(binding);
    }
    match best.map(|(_, binding)| binding).or(last) {
        Some(anchor) => Ok(vec![insert_after(text, &anchor, &line)]),
        None => insert_into_empty(text, &set, &line).map(|edit| vec![edit]),
    }
}

fn short_text(node: &SyntaxNode) -> String {
    let text = node.text().to_string();
    match text.chars().count() > 40 {
        true => format!("{}…", text.chars().take(40).collect::<String>()),
        false => text,
    }
}

pub fn insert_after(text: &str, anchor: &SyntaxNode, line: &str) -> TextEdit {
    let range = range_of(anchor);
    let rest_of_line = &text[range.end..line_end(text, range.end)];
    let only_trivia =
        rest_of_line.trim_start().is_empty() || rest_of_line.trim_start().starts_with('#');
    match only_trivia && starts_line(text, range.start) {
        true => {
            let indent = line_indent(text, range.start);
            TextEdit::insert(line_end(text, range.end), format!("\n{indent}{line}"))
        }
        false => TextEdit::insert(range.end, format!(" {line}")),
    }
}

fn insert_into_empty(text: &str, set: &SyntaxNode, line: &str) -> Result<TextEdit, Refusal> {
    let open = set
        .children_with_tokens()
        .find(|child| child.kind() == SyntaxKind::TOKEN_L_BRACE)
        .ok_or("the attribute set has no `{`")?;
    let open_end = usize::from(open.text_range().end());
    let close_start = usize::from(set.text_range().end()).saturating_sub(1);
    let on_one_line = !text[open_end..close_start].contains('\n');
    match on_one_line {
        true => Ok(TextEdit::insert(open_end, format!(" {line}"))),
        false => {
            let indent = line_indent(text, usize::from(open.text_range().start()));
            Ok(TextEdit::insert(open_end, format!("\n{indent}  {line}")))
        }
    }
}

/// Replaces a value literal (inside any priority wrapper).
pub fn replace_value(range: ByteRange, literal: &str) -> TextEdit {
    TextEdit::replace(range, literal)
}

/// Removes the binding at `binding_range` in `module`, and the attribute sets around it
/// that it leaves empty, up to the module's own.
pub fn remove_setting(
    text: &str,
    module: &str,
    binding_range: ByteRange,
) -> Result<Vec<TextEdit>, Refusal> {
    let root = rnix::Root::parse(text).syntax();
    let binding = root
        .descendants()
        .find(|node| {
            node.kind() == SyntaxKind::NODE_ATTRPATH_VALUE && range_of(node) == binding_range
        })
        .ok_or("the binding is no longer where discovery found it")?;
    // A setting bound into an inline module from outside it has no module body around it.
    let body = module_body(&root, module).ok();
    let settings = body.clone().and_then(|body| settings_root(body).ok());
    let mut doomed = binding;
    loop {
        let Some(parent_set) = doomed.parent() else { break };
        if parent_set.kind() != SyntaxKind::NODE_ATTR_SET
            || Some(&parent_set) == settings.as_ref()
            || Some(&parent_set) == body.as_ref()
        {
            break;
        }
        let siblings = parent_set
            .children()
            .filter(|child| {
                matches!(child.kind(), SyntaxKind::NODE_ATTRPATH_VALUE | SyntaxKind::NODE_INHERIT)
            })
            .count();
        let has_comments = parent_set
            .children_with_tokens()
            .any(|child| child.kind() == SyntaxKind::TOKEN_COMMENT);
        let holder =
            parent_set.parent().filter(|holder| holder.kind() == SyntaxKind::NODE_ATTRPATH_VALUE);
        match (siblings, has_comments, holder) {
            (1, false, Some(holder)) => doomed = holder,
            _ => break,
        }
    }
    Ok(vec![TextEdit::delete(deletion_range(text, range_of(&doomed)))])
}

/// The bytes to delete for a binding or list item: its whole line(s) when it stands alone
/// on them; up to its trailing comment, which stays on the line, when it has one; else
/// the item and the spaces before it.
pub fn deletion_range(text: &str, range: ByteRange) -> ByteRange {
    let rest_of_line = &text[range.end..line_end(text, range.end)];
    let alone = starts_line(text, range.start) && rest_of_line.trim().is_empty();
    let line_start = text[..range.start].rfind('\n').map_or(0, |newline| newline + 1);
    if alone {
        let end = line_end(text, range.end);
        return match line_start {
            0 => ByteRange::new(0, (end + 1).min(text.len())),
            _ => ByteRange::new(line_start - 1, end),
        };
    }
    let trailing_comment = rest_of_line.trim_start().starts_with('#');
    if starts_line(text, range.start) && trailing_comment {
        let comment_start = range.end + (rest_of_line.len() - rest_of_line.trim_start().len());
        return ByteRange::new(range.start, comment_start);
    }
    let before = &text[..range.start];
    let start = before.trim_end_matches([' ', '\t']).len();
    let start = if start < line_start { line_start } else { start };
    ByteRange::new(start, range.end)
}

/// Adds `literal` (a relative path) to `module`'s top-level `imports` list (its file's
/// text being `text`), creating the list when there is none.
pub fn add_import(text: &str, module: &str, literal: &str) -> Result<Vec<TextEdit>, Refusal> {
    let root = rnix::Root::parse(text).syntax();
    let body = module_body(&root, module)?;
    if body.kind() != SyntaxKind::NODE_ATTR_SET {
        return Err("the module is not an attribute set".to_owned());
    }
    let imports = bindings(&body)
        .filter_map(|binding| binding_parts(&binding))
        .find(|(path, _)| path.len() == 1 && path[0] == "imports")
        .map(|(_, value)| value);
    let Some(imports) = imports else {
        return Ok(vec![first_binding_insertion(
            text,
            &body,
            &format!("imports = [ {literal} ];"),
        )?]);
    };
    let list = last_list(&imports).ok_or("`imports` is not a list literal")?;
    let items: Vec<SyntaxNode> = list.children().collect();
    match items.last() {
        Some(last) => Ok(vec![insert_after(text, last, literal)]),
        None => {
            let open = list
                .children_with_tokens()
                .find(|child| child.kind() == SyntaxKind::TOKEN_L_BRACK)
                .ok_or("the imports list has no `[`")?;
            Ok(vec![TextEdit::insert(usize::from(open.text_range().end()), format!(" {literal}"))])
        }
    }
}

/// The list literal a `++` chain ends with (`template.imports ++ [ … ]`).
fn last_list(node: &SyntaxNode) -> Option<SyntaxNode> {
    let node = strip_parens(node.clone());
    match node.kind() {
        SyntaxKind::NODE_LIST => Some(node),
        SyntaxKind::NODE_BIN_OP | SyntaxKind::NODE_WITH => {
            node.children().last().and_then(|right| last_list(&right))
        }
        _ => None,
    }
}

fn first_binding_insertion(text: &str, set: &SyntaxNode, line: &str) -> Result<TextEdit, Refusal> {
    let first = set.children().find(|child| {
        matches!(child.kind(), SyntaxKind::NODE_ATTRPATH_VALUE | SyntaxKind::NODE_INHERIT)
    });
    match first {
        Some(first) if starts_line(text, range_of(&first).start) => {
            let start = range_of(&first).start;
            let line_start = text[..start].rfind('\n').map_or(0, |newline| newline + 1);
            let indent = line_indent(text, start);
            Ok(TextEdit::insert(line_start, format!("{indent}{line}\n")))
        }
        Some(first) => Ok(TextEdit::insert(range_of(&first).start, format!("{line} "))),
        None => insert_into_empty(text, set, line),
    }
}

/// An attribute path as Nix source, quoting names that are not plain identifiers.
pub fn attrpath_text(path: &[String]) -> String {
    path.iter().map(|name| attr_text(name)).collect::<Vec<_>>().join(".")
}

fn attr_text(name: &str) -> String {
    const KEYWORDS: [&str; 11] =
        ["if", "then", "else", "let", "in", "with", "rec", "inherit", "assert", "or", "null"];
    let mut characters = name.chars();
    let plain = characters.next().is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && characters.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '\''))
        && !KEYWORDS.contains(&name);
    match plain {
        true => name.to_owned(),
        false => string_text(name),
    }
}

/// A Nix string literal for `value`.
pub fn string_text(value: &str) -> String {
    let escaped =
        value.replace('\\', "\\\\").replace('"', "\\\"").replace("${", "\\${").replace('\n', "\\n");
    format!("\"{escaped}\"")
}
