//! Text primitives: byte ranges, edits as data, and 1-based line/column positions.
//!
//! Every edit nixstudio makes (a lint fix, a toggle change) is a list of [`TextEdit`]s on
//! the original source, never a rewritten syntax tree, so untouched bytes stay untouched.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ByteRange {
    pub start: usize,
    pub end: usize,
}

impl ByteRange {
    pub fn new(start: usize, end: usize) -> ByteRange {
        ByteRange { start, end }
    }

    /// An empty range at `offset`, the place an insertion goes.
    pub fn empty(offset: usize) -> ByteRange {
        ByteRange { start: offset, end: offset }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when the two ranges share at least one byte, or when an insertion sits
    /// strictly inside the other range.
    pub fn overlaps(&self, other: &ByteRange) -> bool {
        if self.is_empty() || other.is_empty() {
            let (point, span) = if self.is_empty() { (self, other) } else { (other, self) };
            return span.start < point.start && point.start < span.end;
        }
        self.start < other.end && other.start < self.end
    }
}

impl From<rowan::TextRange> for ByteRange {
    fn from(range: rowan::TextRange) -> ByteRange {
        ByteRange { start: usize::from(range.start()), end: usize::from(range.end()) }
    }
}

/// Replace the bytes of `range` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextEdit {
    pub range: ByteRange,
    pub replacement: String,
}

impl TextEdit {
    pub fn replace(range: ByteRange, replacement: impl Into<String>) -> TextEdit {
        TextEdit { range, replacement: replacement.into() }
    }

    pub fn insert(offset: usize, text: impl Into<String>) -> TextEdit {
        TextEdit { range: ByteRange::empty(offset), replacement: text.into() }
    }

    pub fn delete(range: ByteRange) -> TextEdit {
        TextEdit { range, replacement: String::new() }
    }
}

/// Why a set of edits could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// An edit reaches past the end of the text or splits a UTF-8 character.
    OutOfBounds { range: ByteRange, text_len: usize },
    /// Two edits touch the same bytes.
    Overlap { first: ByteRange, second: ByteRange },
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::OutOfBounds { range, text_len } => write!(
                f,
                "edit {}..{} does not fit a text of {text_len} bytes on character boundaries",
                range.start, range.end
            ),
            EditError::Overlap { first, second } => write!(
                f,
                "edits {}..{} and {}..{} overlap",
                first.start, first.end, second.start, second.end
            ),
        }
    }
}

impl std::error::Error for EditError {}

/// Apply non-overlapping edits to `text`. Edits may come in any order; insertions at the
/// same offset keep their given order.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> Result<String, EditError> {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    crate::sort::sort_by_key(&mut sorted, |edit| (edit.range.start, edit.range.end));
    for edit in &sorted {
        let range = edit.range;
        let fits = range.start <= range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end);
        if !fits {
            return Err(EditError::OutOfBounds { range, text_len: text.len() });
        }
    }
    for pair in sorted.windows(2) {
        let (first, second) = (pair[0].range, pair[1].range);
        if first.end > second.start {
            return Err(EditError::Overlap { first, second });
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in sorted {
        out.push_str(&text[cursor..edit.range.start]);
        out.push_str(&edit.replacement);
        cursor = edit.range.end;
    }
    out.push_str(&text[cursor..]);
    Ok(out)
}

/// A 1-based line and column. Columns count Unicode scalar values, as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Maps byte offsets of one text to 1-based lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(offset, _)| offset + 1));
        LineIndex { line_starts }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 1-based position of `offset` in `text` (the text this index was built from).
    /// Offsets past the end clamp to the end.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line];
        let mut column_end = offset;
        while !text.is_char_boundary(column_end) {
            column_end -= 1;
        }
        let column = text[line_start..column_end].chars().count();
        LineCol { line: to_u32(line + 1), column: to_u32(column + 1) }
    }

    /// The byte range of 1-based `line`, without its line break.
    pub fn line_range(&self, text: &str, line: u32) -> Option<ByteRange> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let start = *self.line_starts.get(index)?;
        let end = match self.line_starts.get(index + 1) {
            Some(next) => next - 1,
            None => text.len(),
        };
        Some(ByteRange::new(start, end))
    }
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_edits_in_offset_order() {
        let text = "let a = 1; in a";
        let edits = [
            TextEdit::replace(ByteRange::new(14, 15), "b"),
            TextEdit::replace(ByteRange::new(4, 5), "b"),
        ];
        assert_eq!(apply_edits(text, &edits).unwrap(), "let b = 1; in b");
    }

    #[test]
    fn refuses_overlapping_and_out_of_bounds_edits() {
        let overlapping =
            [TextEdit::delete(ByteRange::new(0, 4)), TextEdit::delete(ByteRange::new(2, 6))];
        assert!(matches!(apply_edits("abcdefgh", &overlapping), Err(EditError::Overlap { .. })));
        let too_long = [TextEdit::delete(ByteRange::new(2, 60))];
        assert!(matches!(apply_edits("abc", &too_long), Err(EditError::OutOfBounds { .. })));
        let split_char = [TextEdit::delete(ByteRange::new(0, 1))];
        assert!(matches!(apply_edits("é", &split_char), Err(EditError::OutOfBounds { .. })));
    }

    #[test]
    fn line_col_is_one_based_and_counts_characters() {
        let text = "a\nbé c\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(text, 2), LineCol { line: 2, column: 1 });
        let c_offset = text.find('c').unwrap();
        assert_eq!(index.line_col(text, c_offset), LineCol { line: 2, column: 4 });
        assert_eq!(index.line_col(text, text.len()), LineCol { line: 3, column: 1 });
        assert_eq!(index.line_range(text, 2), Some(ByteRange::new(2, 7)));
        assert_eq!(index.line_range(text, 9), None);
    }
}
