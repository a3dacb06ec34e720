//! The studio's own TOML files (`nixstudio.toml`, `statix.toml`), read from the parser's
//! spanned tree instead of through serde.
//!
//! Every wrong value is reported with the byte range it came from, so the studio can say
//! on which line it is. Going without serde's derives also keeps the TOML deserializer
//! out of the web app (about 20 KB after brotli).

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::text::ByteRange;

/// A value with the byte range it was read from.
pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// A table of a parsed file.
pub(crate) type Table<'i> = DeTable<'i>;

/// What is wrong with a file, and where if that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TomlError {
    pub message: String,
    pub range: Option<ByteRange>,
}

impl TomlError {
    /// The message with the 1-based line it applies to, for a reader of `text`.
    pub fn located(&self, text: &str) -> String {
        match self.range {
            Some(range) => {
                let line = text.get(..range.start).map_or(0, |before| before.matches('\n').count());
                format!("line {}: {}", line + 1, self.message)
            }
            None => self.message.clone(),
        }
    }
}

/// Parses a whole file into its root table.
pub(crate) fn parse(text: &str) -> Result<Table<'_>, TomlError> {
    DeTable::parse(text).map(Spanned::into_inner).map_err(|error| TomlError {
        message: error.message().trim().to_owned(),
        range: error.span().map(|span| ByteRange::new(span.start, span.end)),
    })
}

/// The error for `key` (its dotted path, as a person would write it) holding something
/// other than `expected`.
pub(crate) fn wrong_type(key: &str, expected: &str, value: &Value<'_>) -> TomlError {
    TomlError { message: format!("`{key}` must be {expected}"), range: Some(range_of(value)) }
}

pub(crate) fn range_of<T>(spanned: &Spanned<T>) -> ByteRange {
    let span = spanned.span();
    ByteRange::new(span.start, span.end)
}

pub(crate) fn table<'a, 'i>(key: &str, value: &'a Value<'i>) -> Result<&'a Table<'i>, TomlError> {
    value.get_ref().as_table().ok_or_else(|| wrong_type(key, "a table", value))
}

pub(crate) fn string<'a>(key: &str, value: &'a Value<'_>) -> Result<&'a str, TomlError> {
    value.get_ref().as_str().ok_or_else(|| wrong_type(key, "a string", value))
}

pub(crate) fn bool(key: &str, value: &Value<'_>) -> Result<bool, TomlError> {
    value.get_ref().as_bool().ok_or_else(|| wrong_type(key, "true or false", value))
}

/// A non-negative integer, in any of TOML's notations (`1_000`, `0x10`, …).
pub(crate) fn count(key: &str, value: &Value<'_>) -> Result<usize, TomlError> {
    value
        .get_ref()
        .as_integer()
        .and_then(|integer| usize::from_str_radix(integer.as_str(), integer.radix()).ok())
        .ok_or_else(|| wrong_type(key, "a non-negative integer", value))
}

pub(crate) fn strings(key: &str, value: &Value<'_>) -> Result<Vec<String>, TomlError> {
    const EXPECTED: &str = "a list of strings";
    let array = value.get_ref().as_array().ok_or_else(|| wrong_type(key, EXPECTED, value))?;
    array
        .iter()
        .map(|item| {
            item.get_ref()
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| wrong_type(key, EXPECTED, item))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root_value<'i>(table: &'i Table<'i>, key: &str) -> &'i Value<'i> {
        table.get(key).expect("key present")
    }

    #[test]
    fn a_syntax_error_says_where() {
        let text = "a = 1\n[b\n";
        let error = parse(text).expect_err("unclosed table header");
        assert!(error.located(text).starts_with("line 2: "), "{}", error.located(text));
    }

    #[test]
    fn values_are_read_with_their_type_checked() {
        let text = "n = 0x10\nm = -1\nlist = [\"a\", \"b\"]\nmixed = [\"a\", 2]\nflag = true\n";
        let root = parse(text).expect("valid");
        assert_eq!(count("n", root_value(&root, "n")), Ok(16));
        let error = count("m", root_value(&root, "m")).expect_err("negative");
        assert_eq!(error.located(text), "line 2: `m` must be a non-negative integer");
        assert_eq!(strings("list", root_value(&root, "list")), Ok(vec!["a".into(), "b".into()]));
        let error = strings("mixed", root_value(&root, "mixed")).expect_err("not all strings");
        assert_eq!(error.range.map(|range| &text[range.start..range.end]), Some("2"));
        assert_eq!(bool("flag", root_value(&root, "flag")), Ok(true));
        assert!(table("flag", root_value(&root, "flag")).is_err());
    }
}
