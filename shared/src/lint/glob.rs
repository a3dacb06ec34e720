//! A tiny glob matcher for `ignore` patterns, so the browser build needs no regex crate.
//!
//! `*` matches within one path part, `**` across parts, `?` one character, `[abc]` and
//! `[a-z]` one of a set (`[!a]` negates). A pattern without `/` matches a file or folder
//! name at any depth, as in `.gitignore`; a pattern with `/` is anchored at the
//! repository root (a leading `/` is allowed). A pattern that matches a folder matches
//! everything under it.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    pattern: Vec<char>,
    anchored: bool,
}

impl Glob {
    pub fn new(pattern: &str) -> Glob {
        let trimmed = pattern.trim().trim_end_matches('/');
        let anchored = trimmed.contains('/');
        let trimmed = trimmed.trim_start_matches("./").trim_start_matches('/');
        Glob { pattern: trimmed.chars().collect(), anchored }
    }

    /// Whether the `/`-separated relative `path` (or a folder above it) matches.
    pub fn matches(&self, path: &str) -> bool {
        let path = path.trim_start_matches("./");
        let parts: Vec<&str> = path.split('/').filter(|part| !part.is_empty()).collect();
        let starts: Vec<usize> = if self.anchored { vec![0] } else { (0..parts.len()).collect() };
        for start in starts {
            for end in start + 1..=parts.len() {
                let candidate: Vec<char> = parts[start..end].join("/").chars().collect();
                if match_here(&self.pattern, &candidate) {
                    return true;
                }
            }
        }
        false
    }
}

fn match_here(pattern: &[char], text: &[char]) -> bool {
    let Some(&first) = pattern.first() else { return text.is_empty() };
    match first {
        '*' if pattern.get(1) == Some(&'*') => {
            let mut rest = &pattern[2..];
            if rest.first() == Some(&'/') {
                rest = &rest[1..];
                // `a/**/b` also matches `a/b`.
                if match_here(rest, text) {
                    return true;
                }
            }
            (0..=text.len()).any(|skip| {
                (skip == 0 || skip == text.len() || text[skip - 1] == '/' || rest.is_empty())
                    && match_here(rest, &text[skip..])
            })
        }
        '*' => {
            let rest = &pattern[1..];
            for skip in 0..=text.len() {
                if match_here(rest, &text[skip..]) {
                    return true;
                }
                if skip < text.len() && text[skip] == '/' {
                    return false;
                }
            }
            false
        }
        '?' => text.first().is_some_and(|&c| c != '/') && match_here(&pattern[1..], &text[1..]),
        '[' => match class(&pattern[1..]) {
            Some((matcher, used)) => {
                text.first().is_some_and(|&c| c != '/' && matcher(c))
                    && match_here(&pattern[1 + used..], &text[1..])
            }
            None => text.first() == Some(&'[') && match_here(&pattern[1..], &text[1..]),
        },
        literal => text.first() == Some(&literal) && match_here(&pattern[1..], &text[1..]),
    }
}

/// Parses a character class after `[`; returns the matcher and how many pattern
/// characters it used (the closing `]` included).
fn class(pattern: &[char]) -> Option<(impl Fn(char) -> bool, usize)> {
    let close = pattern.iter().skip(1).position(|&c| c == ']')? + 1;
    let body = &pattern[..close];
    let (negated, body) = match body.first() {
        Some('!' | '^') => (true, &body[1..]),
        _ => (false, body),
    };
    let mut ranges = Vec::new();
    let mut index = 0;
    while index < body.len() {
        if index + 2 < body.len() && body[index + 1] == '-' {
            ranges.push((body[index], body[index + 2]));
            index += 3;
        } else {
            ranges.push((body[index], body[index]));
            index += 1;
        }
    }
    let matcher = move |c: char| ranges.iter().any(|&(low, high)| low <= c && c <= high) != negated;
    Some((matcher, close + 1))
}

#[cfg(test)]
mod tests {
    use super::Glob;

    #[test]
    fn unanchored_patterns_match_names_at_any_depth() {
        let glob = Glob::new("hardware-configuration.nix");
        assert!(glob.matches("hosts/p620/hardware-configuration.nix"));
        assert!(glob.matches("hardware-configuration.nix"));
        assert!(!glob.matches("hosts/p620/configuration.nix"));
        assert!(Glob::new(".direnv").matches(".direnv/flake-profile.nix"));
        assert!(Glob::new("*.gen.nix").matches("a/b/c.gen.nix"));
    }

    #[test]
    fn anchored_patterns_and_stars() {
        assert!(Glob::new("vendor/**").matches("vendor/a/b.nix"));
        assert!(!Glob::new("vendor/**").matches("src/vendor/a.nix"));
        assert!(Glob::new("hosts/*/secrets.nix").matches("hosts/a/secrets.nix"));
        assert!(!Glob::new("hosts/*/secrets.nix").matches("hosts/a/b/secrets.nix"));
        assert!(Glob::new("hosts/**/secrets.nix").matches("hosts/a/b/secrets.nix"));
        assert!(Glob::new("hosts/**/secrets.nix").matches("hosts/secrets.nix"));
        assert!(Glob::new("/pkgs").matches("pkgs/x/default.nix"));
        assert!(Glob::new("h?sts/[a-c]*.nix").matches("hosts/b1.nix"));
        assert!(!Glob::new("hosts/[!a-c]*.nix").matches("hosts/b1.nix"));
    }
}
