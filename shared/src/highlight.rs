//! Syntax highlighting of Nix source from rnix's tokenizer: text in, classed byte spans out.
//!
//! The tokenizer alone is enough to colour Nix well and is much cheaper than a parse, which
//! matters because the editor re-highlights on every keystroke. The one thing a token does
//! not say, whether an identifier names an attribute (`enable = …`, `services.nginx`), is
//! read from the next significant token. Broken input still highlights: what rnix cannot
//! tokenize becomes [`Class::Error`].

use rnix::SyntaxKind::{self, *};

use crate::text::ByteRange;

/// What a piece of source is, for choosing its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Comment,
    /// `let`, `in`, `if`, `then`, `else`, `with`, `rec`, `inherit`, `assert`, `or`.
    Keyword,
    /// String delimiters and content, single- and multi-line.
    String,
    /// `${` and `}` around an interpolation.
    Interpolation,
    Number,
    /// Paths (`./x.nix`, `<nixpkgs>`, `~/x`) and unquoted URIs.
    Path,
    /// `true`, `false` and `null`.
    Constant,
    /// An identifier that names an attribute: before `=`, or in a dotted attribute path.
    Attribute,
    Identifier,
    /// `builtins` and the functions Nix provides without it (`import`, `toString`, …).
    Builtin,
    Operator,
    Punctuation,
    /// Text rnix could not tokenize.
    Error,
}

/// One classed piece of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub range: ByteRange,
    pub class: Class,
}

/// Names Nix binds in every scope, coloured apart from the person's own names.
const BUILTINS: &[&str] = &[
    "abort",
    "baseNameOf",
    "builtins",
    "derivation",
    "dirOf",
    "fetchGit",
    "fetchTarball",
    "import",
    "isNull",
    "map",
    "placeholder",
    "removeAttrs",
    "throw",
    "toString",
];

/// The classed spans of `source`, in order and without overlap; whitespace is left out.
/// Adjacent tokens of the same class stay separate spans.
pub fn highlight(source: &str) -> Vec<Span> {
    let tokens: Vec<(SyntaxKind, ByteRange)> = {
        let mut offset = 0;
        rnix::tokenize(source)
            .map(|(kind, text)| {
                let range = ByteRange::new(offset, offset + text.len());
                offset = range.end;
                (kind, range)
            })
            .collect()
    };
    let mut spans = Vec::with_capacity(tokens.len());
    for (index, &(kind, range)) in tokens.iter().enumerate() {
        let class = match kind {
            TOKEN_WHITESPACE => continue,
            TOKEN_IDENT => identifier_class(source, &tokens, index),
            kind => token_class(kind),
        };
        spans.push(Span { range, class });
    }
    spans
}

fn token_class(kind: SyntaxKind) -> Class {
    match kind {
        TOKEN_COMMENT => Class::Comment,
        TOKEN_LET | TOKEN_IN | TOKEN_IF | TOKEN_THEN | TOKEN_ELSE | TOKEN_WITH | TOKEN_REC
        | TOKEN_INHERIT | TOKEN_ASSERT | TOKEN_OR => Class::Keyword,
        TOKEN_STRING_START | TOKEN_STRING_CONTENT | TOKEN_STRING_END => Class::String,
        TOKEN_INTERPOL_START | TOKEN_INTERPOL_END => Class::Interpolation,
        TOKEN_INTEGER | TOKEN_FLOAT => Class::Number,
        TOKEN_PATH_ABS | TOKEN_PATH_HOME | TOKEN_PATH_REL | TOKEN_PATH_SEARCH | TOKEN_URI => {
            Class::Path
        }
        TOKEN_ADD | TOKEN_AND_AND | TOKEN_CONCAT | TOKEN_DIV | TOKEN_EQUAL | TOKEN_IMPLICATION
        | TOKEN_INVERT | TOKEN_LESS | TOKEN_LESS_OR_EQ | TOKEN_MORE | TOKEN_MORE_OR_EQ
        | TOKEN_MUL | TOKEN_NOT_EQUAL | TOKEN_OR_OR | TOKEN_PIPE_LEFT | TOKEN_PIPE_RIGHT
        | TOKEN_QUESTION | TOKEN_SUB | TOKEN_UPDATE | TOKEN_ASSIGN | TOKEN_AT => Class::Operator,
        TOKEN_ERROR => Class::Error,
        _ => Class::Punctuation,
    }
}

fn identifier_class(source: &str, tokens: &[(SyntaxKind, ByteRange)], index: usize) -> Class {
    let range = tokens[index].1;
    let name = source.get(range.start..range.end).unwrap_or_default();
    match name {
        "true" | "false" | "null" => return Class::Constant,
        _ if BUILTINS.contains(&name) => return Class::Builtin,
        _ => {}
    }
    let next = tokens[index + 1..]
        .iter()
        .map(|&(kind, _)| kind)
        .find(|&kind| !matches!(kind, TOKEN_WHITESPACE | TOKEN_COMMENT));
    let previous = tokens[..index]
        .iter()
        .rev()
        .map(|&(kind, _)| kind)
        .find(|&kind| !matches!(kind, TOKEN_WHITESPACE | TOKEN_COMMENT));
    // `a.b.c = …` and `x.y` outside a binding: every part after the first dot names an
    // attribute, and so does the part before `=`.
    match (previous, next) {
        (_, Some(TOKEN_ASSIGN)) | (Some(TOKEN_DOT), _) => Class::Attribute,
        (_, Some(TOKEN_DOT)) if in_binding_path(tokens, index) => Class::Attribute,
        _ => Class::Identifier,
    }
}

/// Whether the dotted path starting at `index` ends in `=`, as in `a.b.c = …`.
fn in_binding_path(tokens: &[(SyntaxKind, ByteRange)], index: usize) -> bool {
    for &(kind, _) in &tokens[index + 1..] {
        match kind {
            TOKEN_WHITESPACE | TOKEN_COMMENT | TOKEN_DOT | TOKEN_IDENT => continue,
            TOKEN_STRING_START | TOKEN_STRING_CONTENT | TOKEN_STRING_END => continue,
            TOKEN_ASSIGN => return true,
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    #[track_caller]
    fn check(source: &str, expected: Expect) {
        let spans = highlight(source);
        let rendered: Vec<String> = spans
            .iter()
            .map(|span| format!("{:?} {:?}", span.class, &source[span.range.start..span.range.end]))
            .collect();
        expected.assert_eq(&rendered.join("\n"));
    }

    #[test]
    fn bindings_keywords_and_literals() {
        check(
            r#"let x = if a == true then 1 else "s"; in x # done"#,
            expect![[r##"
                Keyword "let"
                Attribute "x"
                Operator "="
                Keyword "if"
                Identifier "a"
                Operator "=="
                Constant "true"
                Keyword "then"
                Number "1"
                Keyword "else"
                String "\""
                String "s"
                String "\""
                Punctuation ";"
                Keyword "in"
                Identifier "x"
                Comment "# done""##]],
        );
    }

    #[test]
    fn dotted_paths_name_attributes_and_uses_stay_identifiers() {
        check(
            "services.nginx.enable = cfg.gui; imports = [ ./a.nix <nixpkgs> ];",
            expect![[r#"
                Attribute "services"
                Punctuation "."
                Attribute "nginx"
                Punctuation "."
                Attribute "enable"
                Operator "="
                Identifier "cfg"
                Punctuation "."
                Attribute "gui"
                Punctuation ";"
                Attribute "imports"
                Operator "="
                Punctuation "["
                Path "./a.nix"
                Path "<nixpkgs>"
                Punctuation "]"
                Punctuation ";""#]],
        );
    }

    #[test]
    fn interpolation_and_builtins() {
        check(
            r#"import "${pkgs.x}/y""#,
            expect![[r#"
                Builtin "import"
                String "\""
                Interpolation "${"
                Identifier "pkgs"
                Punctuation "."
                Attribute "x"
                Interpolation "}"
                String "/y"
                String "\"""#]],
        );
    }

    #[test]
    fn spans_are_ordered_cover_every_non_blank_byte_and_survive_broken_input() {
        for source in ["{ a = \"unterminated", "let in ${ ''", "x = é + 1; \u{0}", ""] {
            let spans = highlight(source);
            let mut covered = 0;
            for span in &spans {
                assert!(span.range.start >= covered, "{source:?}: {spans:?}");
                assert!(source[covered..span.range.start].trim().is_empty(), "{source:?}");
                covered = span.range.end;
            }
            assert!(source[covered..].trim().is_empty(), "{source:?}: {spans:?}");
        }
    }
}
