//! A cheap, conservative estimate of how deep a file's syntax tree will be, taken from
//! its bytes before parsing, and the comments that may carry directives.
//!
//! rnix parses and drops trees recursively, so a pathological file (thousands of
//! nested brackets, or one expression chaining thousands of operators or
//! applications) overflows the stack, which no caller can catch. Real Nix stays far
//! below the limit; a file above it is reported as a `syntax_error` and not parsed.
//!
//! The scan is a small lexer of its own rather than rnix's tokenizer, which allocates
//! nothing but costs a third of a parse. It follows rnix where it matters for the
//! estimate: it knows strings (with escapes and `${...}`), comments, paths, URIs and
//! identifiers, so brackets, operators and separators inside strings and comments are
//! never counted. Where it is unsure it counts more, never less: a closing bracket
//! that does not match the innermost open one closes nothing.

/// Files whose estimate exceeds this are not parsed.
pub(crate) const MAX_NESTING: usize = 1000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Paren,
    List,
    Set,
    Let,
    Interpolation,
    /// Inside a string; `multiline` for `''...''`.
    String {
        multiline: bool,
    },
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

/// What one lexed token does to the estimate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Token {
    Open(Level),
    /// `)`, `]`, `}` (closing a set or an interpolation), or `in`.
    Close(Level),
    /// The end of a string.
    StringEnd,
    Semicolon,
    Comma,
    Value,
    /// `with` and `assert`, which wait for a `;` of their own.
    WithOrAssert,
    /// Operators, other keywords and anything not understood.
    Other,
}

struct Scanner<'a> {
    bytes: &'a [u8],
    source: &'a str,
    offset: usize,
    stack: Vec<Frame>,
    total: usize,
    directives: Vec<DirectiveComment>,
    /// Whether the file mentions a directive at all; when not, comments are not read.
    may_have_directives: bool,
}

/// Scans the bytes once: `Err(estimate)` as soon as the nesting estimate passes
/// [`MAX_NESTING`], otherwise the directive comments.
pub(crate) fn scan(source: &str) -> Result<Vec<DirectiveComment>, usize> {
    let mut scanner = Scanner {
        bytes: source.as_bytes(),
        source,
        offset: 0,
        stack: vec![frame(Level::Paren)],
        total: 0,
        directives: Vec::new(),
        may_have_directives: source.contains("nixstudio:") || source.contains("deadnix:"),
    };
    while let Some(token) = scanner.next_token() {
        scanner.account(token);
        let depth = scanner.total + scanner.stack.len();
        if depth > MAX_NESTING {
            return Err(depth);
        }
    }
    Ok(scanner.directives)
}

fn frame(level: Level) -> Frame {
    Frame { level, chain: 0, pending_semicolons: 0, after_value: false }
}

fn is_path_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'/' | b'_' | b'.' | b'+' | b'-')
}

fn is_uri_char(byte: u8) -> bool {
    is_path_char(byte)
        || matches!(
            byte,
            b'%' | b'?' | b':' | b'@' | b'&' | b'=' | b'$' | b',' | b'!' | b'~' | b'*' | b'\''
        )
}

fn is_ident_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'\'')
}

impl Scanner<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.offset + ahead).copied()
    }

    fn skip_while(&mut self, keep: impl Fn(u8) -> bool) {
        while self.offset < self.bytes.len() && keep(self.bytes[self.offset]) {
            self.offset += 1;
        }
    }

    /// The next token that matters, skipping whitespace and comments.
    fn next_token(&mut self) -> Option<Token> {
        if let Some(Frame { level: Level::String { multiline }, .. }) = self.stack.last() {
            return self.string_part(*multiline);
        }
        loop {
            self.skip_while(|byte| byte.is_ascii_whitespace());
            let byte = self.peek(0)?;
            match (byte, self.peek(1)) {
                (b'#', _) => {
                    let start = self.offset;
                    let end =
                        self.source[start..].find('\n').map_or(self.bytes.len(), |n| start + n);
                    self.comment(start, end);
                }
                (b'/', Some(b'*')) => {
                    let start = self.offset;
                    let end = self.source[start + 2..]
                        .find("*/")
                        .map_or(self.bytes.len(), |n| start + 2 + n + 2);
                    self.comment(start, end);
                }
                _ => return Some(self.code_token(byte)),
            }
        }
    }

    fn comment(&mut self, start: usize, end: usize) {
        self.offset = end;
        if !self.may_have_directives {
            return;
        }
        let text = &self.source[start..end];
        if text.contains("nixstudio:") || text.contains("deadnix:") {
            self.directives.push(DirectiveComment { start, text: text.to_owned() });
        }
    }

    /// A piece of string: content up to the end or the next `${`, or the end itself.
    fn string_part(&mut self, multiline: bool) -> Option<Token> {
        loop {
            let byte = self.peek(0)?;
            match (byte, multiline) {
                (b'"', false) => {
                    self.offset += 1;
                    return Some(Token::StringEnd);
                }
                (b'\\', false) => self.offset += 2,
                (b'\'', true) => match (self.peek(1), self.peek(2)) {
                    (Some(b'\''), Some(b'\'' | b'$')) => self.offset += 3,
                    (Some(b'\''), Some(b'\\')) => self.offset += 4,
                    (Some(b'\''), _) => {
                        self.offset += 2;
                        return Some(Token::StringEnd);
                    }
                    _ => self.offset += 1,
                },
                (b'$', _) => match self.peek(1) {
                    Some(b'$') => self.offset += 2,
                    Some(b'{') => {
                        self.offset += 2;
                        return Some(Token::Open(Level::Interpolation));
                    }
                    _ => self.offset += 1,
                },
                _ => self.offset += 1,
            }
            self.offset = self.offset.min(self.bytes.len());
        }
    }

    /// One token in code, starting at `byte` (not whitespace, not a comment).
    fn code_token(&mut self, byte: u8) -> Token {
        let next = self.peek(1);
        if byte == b'.' && next == Some(b'.') && self.peek(2) == Some(b'.') {
            self.offset += 3;
            return Token::Other;
        }
        if byte == b'/' {
            return match next {
                Some(b'/') => {
                    self.offset += 2;
                    Token::Other
                }
                Some(b'$') if self.peek(2) == Some(b'{') => {
                    self.offset += 1;
                    Token::Value
                }
                Some(second) if is_path_char(second) && second != b'*' => self.path(),
                _ => {
                    self.offset += 1;
                    Token::Other
                }
            };
        }
        if byte == b'~' && next == Some(b'/') {
            self.offset += 2;
            return self.path();
        }
        if byte == b'<' && next.is_some_and(|second| is_path_char(second) && second != b'/') {
            let content_start = self.offset + 1;
            let mut end = content_start;
            while end < self.bytes.len() && is_path_char(self.bytes[end]) {
                end += 1;
            }
            if self.bytes.get(end) == Some(&b'>') {
                self.offset = end + 1;
                return Token::Value;
            }
        }
        if is_path_char(byte) {
            let mut run_end = self.offset;
            let mut underscore = false;
            while run_end < self.bytes.len()
                && is_path_char(self.bytes[run_end])
                && self.bytes[run_end] != b'/'
            {
                underscore |= self.bytes[run_end] == b'_';
                run_end += 1;
            }
            let after = (self.bytes.get(run_end).copied(), self.bytes.get(run_end + 1).copied());
            match after {
                (Some(b'/'), Some(b'/' | b'*')) => {}
                (Some(b'/'), Some(second)) if !second.is_ascii_whitespace() => return self.path(),
                (Some(b':'), Some(second))
                    if is_uri_char(second) && !underscore && byte.is_ascii_alphabetic() =>
                {
                    self.offset = run_end + 1;
                    self.skip_while(is_uri_char);
                    return Token::Value;
                }
                _ => {}
            }
        }
        self.offset += 1;
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => self.word(),
            b'0'..=b'9' => {
                self.number();
                Token::Value
            }
            b'.' if next.is_some_and(|second| second.is_ascii_digit()) => {
                self.number();
                Token::Value
            }
            b'.' => Token::Value,
            b'(' => Token::Open(Level::Paren),
            b'[' => Token::Open(Level::List),
            b'{' => Token::Open(Level::Set),
            b')' => Token::Close(Level::Paren),
            b']' => Token::Close(Level::List),
            b'}' => match self.stack.last() {
                Some(Frame { level: Level::Interpolation, .. }) => {
                    Token::Close(Level::Interpolation)
                }
                _ => Token::Close(Level::Set),
            },
            b'$' if next == Some(b'{') => {
                self.offset += 1;
                Token::Open(Level::Interpolation)
            }
            b'"' => Token::Open(Level::String { multiline: false }),
            b'\'' if next == Some(b'\'') => {
                self.offset += 1;
                Token::Open(Level::String { multiline: true })
            }
            b';' => Token::Semicolon,
            b',' => Token::Comma,
            _ => {
                let two_byte_operator = matches!(
                    (byte, next),
                    (b'=', Some(b'='))
                        | (b'!', Some(b'='))
                        | (b'+', Some(b'+'))
                        | (b'-', Some(b'>'))
                        | (b'<', Some(b'|' | b'='))
                        | (b'>', Some(b'='))
                        | (b'&', Some(b'&'))
                        | (b'|', Some(b'>' | b'|'))
                );
                if two_byte_operator {
                    self.offset += 1;
                }
                Token::Other
            }
        }
    }

    /// A path from the current offset: its characters, then (if any) `${` starts an
    /// interpolation on the next token.
    fn path(&mut self) -> Token {
        self.skip_while(is_path_char);
        Token::Value
    }

    fn number(&mut self) {
        self.skip_while(|byte| byte.is_ascii_digit());
        if self.peek(0) == Some(b'.') {
            self.offset += 1;
            self.skip_while(|byte| byte.is_ascii_digit());
        }
        if matches!(self.peek(0), Some(b'e' | b'E')) {
            self.offset += 1;
            if matches!(self.peek(0), Some(b'+' | b'-')) {
                self.offset += 1;
            }
            self.skip_while(|byte| byte.is_ascii_digit());
        }
    }

    /// An identifier or keyword whose first byte is consumed.
    fn word(&mut self) -> Token {
        let start = self.offset - 1;
        self.skip_while(is_ident_char);
        match &self.bytes[start..self.offset] {
            b"let" if self.legacy_let_follows() => Token::Value,
            b"let" => Token::Open(Level::Let),
            b"in" => Token::Close(Level::Let),
            b"with" | b"assert" => Token::WithOrAssert,
            b"rec" => Token::Value,
            b"if" | b"then" | b"else" | b"inherit" | b"or" => Token::Other,
            _ => Token::Value,
        }
    }

    /// Whether the `let` just read opens a legacy `let { ... }`, which has no `in`.
    fn legacy_let_follows(&self) -> bool {
        let rest = &self.bytes[self.offset..];
        rest.iter().find(|byte| !byte.is_ascii_whitespace()) == Some(&b'{')
    }

    /// Updates the estimate for one token.
    fn account(&mut self, token: Token) {
        match token {
            Token::Open(level) => {
                self.bump_application();
                self.stack.push(frame(level));
            }
            Token::Close(level) => {
                let matches =
                    self.stack.len() > 1 && self.stack.last().is_some_and(|top| top.level == level);
                if !matches {
                    self.chain_one();
                    return;
                }
                self.close();
                let Some(top) = self.stack.last_mut() else { return };
                if level == Level::Let {
                    top.chain += 1;
                    self.total += 1;
                    top.after_value = false;
                } else {
                    top.after_value = true;
                }
            }
            Token::StringEnd => {
                self.close();
                if let Some(top) = self.stack.last_mut() {
                    top.after_value = true;
                }
            }
            Token::Semicolon | Token::Comma => {
                let Some(top) = self.stack.last_mut() else { return };
                if token == Token::Semicolon && top.pending_semicolons > 0 {
                    top.pending_semicolons -= 1;
                } else {
                    self.total -= top.chain;
                    top.chain = 0;
                }
                top.after_value = false;
            }
            Token::Value => {
                self.bump_application();
                if let Some(top) = self.stack.last_mut() {
                    top.after_value = true;
                }
            }
            Token::WithOrAssert => {
                if let Some(top) = self.stack.last_mut() {
                    top.pending_semicolons += 1;
                }
                self.chain_one();
            }
            Token::Other => self.chain_one(),
        }
    }

    fn close(&mut self) {
        if self.stack.len() > 1
            && let Some(closed) = self.stack.pop()
        {
            self.total = self.total.saturating_sub(closed.chain);
        }
    }

    fn chain_one(&mut self) {
        if let Some(top) = self.stack.last_mut() {
            top.chain += 1;
            self.total += 1;
            top.after_value = false;
        }
    }

    /// A value right after a value, outside a list or string, is a function
    /// application.
    fn bump_application(&mut self) {
        if let Some(top) = self.stack.last_mut()
            && top.after_value
            && top.level != Level::List
            && !matches!(top.level, Level::String { .. })
        {
            top.chain += 1;
            self.total += 1;
        }
    }
}
