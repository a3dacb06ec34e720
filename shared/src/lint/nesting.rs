//! A cheap, conservative estimate of how deep a file's syntax tree will be, taken from
//! its tokens before parsing.
//!
//! rnix parses and drops trees recursively, so a pathological file (thousands of
//! nested brackets, or one expression chaining thousands of operators or
//! applications) overflows the stack, which no caller can catch. Real Nix stays far
//! below the limit; a file above it is reported as a `syntax_error` and not parsed.

use rnix::SyntaxKind;

/// Files whose estimate exceeds this are not parsed.
pub(crate) const MAX_NESTING: usize = 1000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Paren,
    List,
    Set,
    Let,
    Interpolation,
    String,
}

struct Frame {
    level: Level,
    /// Operators, keywords and applications seen at this level since the last
    /// separator: each may add one level to the tree.
    chain: usize,
    /// `with`/`assert` waiting for their `;` (which then separates nothing).
    pending_semicolons: usize,
    /// Whether the previous token at this level ended a value (for applications).
    after_value: bool,
}

/// A comment that may carry a directive (`nixstudio:` or `deadnix:`), found while
/// scanning, so later passes need not walk every token again.
#[derive(Debug, Clone)]
pub(crate) struct DirectiveComment {
    pub(crate) start: usize,
    pub(crate) text: String,
}

/// Scans the tokens once: `Err(estimate)` as soon as the nesting estimate passes
/// [`MAX_NESTING`], otherwise the directive comments.
pub(crate) fn scan(source: &str) -> Result<Vec<DirectiveComment>, usize> {
    let mut stack: Vec<Frame> = vec![frame(Level::Paren)];
    let mut total = 0usize;
    let mut offset = 0usize;
    let mut directives = Vec::new();
    for (kind, text) in rnix::tokenize(source) {
        use SyntaxKind::*;
        let start = offset;
        offset += text.len();
        if kind == TOKEN_COMMENT && (text.contains("nixstudio:") || text.contains("deadnix:")) {
            directives.push(DirectiveComment { start, text: text.to_owned() });
        }
        let is_trivia = matches!(kind, TOKEN_WHITESPACE | TOKEN_COMMENT);
        if is_trivia {
            continue;
        }
        let opens = match kind {
            TOKEN_L_PAREN => Some(Level::Paren),
            TOKEN_L_BRACK => Some(Level::List),
            TOKEN_L_BRACE => Some(Level::Set),
            TOKEN_LET => Some(Level::Let),
            TOKEN_INTERPOL_START => Some(Level::Interpolation),
            TOKEN_STRING_START => Some(Level::String),
            _ => None,
        };
        if let Some(level) = opens {
            bump_application(&mut stack, &mut total);
            stack.push(frame(level));
        } else if matches!(
            kind,
            TOKEN_R_PAREN
                | TOKEN_R_BRACK
                | TOKEN_R_BRACE
                | TOKEN_IN
                | TOKEN_INTERPOL_END
                | TOKEN_STRING_END
        ) {
            if stack.len() > 1
                && let Some(closed) = stack.pop()
            {
                total = total.saturating_sub(closed.chain);
            }
            if let Some(top) = stack.last_mut() {
                if kind == TOKEN_IN {
                    top.chain += 1;
                    total += 1;
                    top.after_value = false;
                } else {
                    top.after_value = true;
                }
            }
        } else if matches!(kind, TOKEN_SEMICOLON | TOKEN_COMMA) {
            if let Some(top) = stack.last_mut() {
                if kind == TOKEN_SEMICOLON && top.pending_semicolons > 0 {
                    top.pending_semicolons -= 1;
                } else {
                    total -= top.chain;
                    top.chain = 0;
                }
                top.after_value = false;
            }
        } else if is_value(kind) {
            bump_application(&mut stack, &mut total);
            if let Some(top) = stack.last_mut() {
                top.after_value = true;
            }
        } else if let Some(top) = stack.last_mut() {
            if matches!(kind, TOKEN_WITH | TOKEN_ASSERT) {
                top.pending_semicolons += 1;
            }
            top.chain += 1;
            total += 1;
            top.after_value = false;
        }
        let depth = total + stack.len();
        if depth > MAX_NESTING {
            return Err(depth);
        }
    }
    Ok(directives)
}

fn frame(level: Level) -> Frame {
    Frame { level, chain: 0, pending_semicolons: 0, after_value: false }
}

/// A value right after a value, outside a list, is a function application.
fn bump_application(stack: &mut [Frame], total: &mut usize) {
    if let Some(top) = stack.last_mut()
        && top.after_value
        && top.level != Level::List
        && top.level != Level::String
    {
        top.chain += 1;
        *total += 1;
    }
}

fn is_value(kind: SyntaxKind) -> bool {
    use SyntaxKind::*;
    matches!(
        kind,
        TOKEN_IDENT
            | TOKEN_INTEGER
            | TOKEN_FLOAT
            | TOKEN_URI
            | TOKEN_PATH_ABS
            | TOKEN_PATH_REL
            | TOKEN_PATH_HOME
            | TOKEN_PATH_SEARCH
            | TOKEN_STRING_CONTENT
            | TOKEN_DOT
            | TOKEN_REC
            | TOKEN_CUR_POS
    )
}
