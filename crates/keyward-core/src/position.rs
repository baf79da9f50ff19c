//! Byte offsets to 1-based lines and UTF-16 columns, in one forward pass over the input.
//!
//! Columns count UTF-16 code units because JS strings, VS Code positions and SARIF's default all
//! do: an emoji before a key counts 2, a CJK character 1, whatever their UTF-8 length.
//!
//! A UTF-8 byte order mark at the start of the input does not count in columns (editors hide
//! it: VS Code, SARIF viewers) but does count in UTF-16 indices (a JS string read from such a
//! file keeps it as U+FEFF, and indices slice that string).

/// Line, column (both 1-based) and absolute UTF-16 index of one byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub utf16_index: usize,
}

/// UTF-16 code units encoded by `bytes` (UTF-8; each stray byte of invalid input counts one).
pub fn utf16_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0xBF => 0, // continuation byte
            0xF0..=0xFF => 2, // 4-byte sequence: a surrogate pair
            _ => 1,
        })
        .sum()
}

/// The UTF-8 byte order mark.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Walks forward through the input; offsets must be asked for in non-decreasing order.
pub struct PositionCursor<'h> {
    haystack: &'h [u8],
    offset: usize,
    line: usize,
    utf16_at_offset: usize,
    utf16_at_line_start: usize,
}

impl<'h> PositionCursor<'h> {
    pub fn new(haystack: &'h [u8]) -> Self {
        // A BOM is one UTF-16 unit before the first column.
        let utf16_at_line_start = usize::from(haystack.starts_with(UTF8_BOM));
        PositionCursor { haystack, offset: 0, line: 1, utf16_at_offset: 0, utf16_at_line_start }
    }

    pub fn position(&mut self, target: usize) -> Position {
        debug_assert!(target >= self.offset && target <= self.haystack.len());
        let span = &self.haystack[self.offset..target];
        match memchr::memrchr(b'\n', span) {
            Some(last_newline) => {
                self.line += memchr::memchr_iter(b'\n', span).count();
                self.utf16_at_line_start = self.utf16_at_offset + utf16_len(&span[..=last_newline]);
                self.utf16_at_offset = self.utf16_at_line_start + utf16_len(&span[last_newline + 1..]);
            }
            None => self.utf16_at_offset += utf16_len(span),
        }
        self.offset = target;
        Position {
            line: self.line,
            // Saturating: an offset inside the BOM is column 1.
            column: self.utf16_at_offset.saturating_sub(self.utf16_at_line_start) + 1,
            utf16_index: self.utf16_at_offset,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        let text = "a\n😀é中 key\n".as_bytes();
        let key = text.windows(3).position(|w| w == b"key").unwrap();
        let mut cursor = PositionCursor::new(text);
        // 😀 is 2 UTF-16 units, é and 中 one each, then a space: the key starts at column 6.
        assert_eq!(cursor.position(key), Position { line: 2, column: 6, utf16_index: 7 });
        assert_eq!(cursor.position(key + 3), Position { line: 2, column: 9, utf16_index: 10 });
        assert_eq!(cursor.position(text.len()), Position { line: 3, column: 1, utf16_index: 11 });
    }

    #[test]
    fn a_utf8_bom_does_not_shift_columns() {
        let text = "\u{FEFF}key = x\nkey\n".as_bytes();
        let mut cursor = PositionCursor::new(text);
        assert_eq!(cursor.position(0), Position { line: 1, column: 1, utf16_index: 0 });
        assert_eq!(cursor.position(3), Position { line: 1, column: 1, utf16_index: 1 });
        assert_eq!(cursor.position(9), Position { line: 1, column: 7, utf16_index: 7 });
        assert_eq!(cursor.position(11), Position { line: 2, column: 1, utf16_index: 9 });
        // Only at the start: a U+FEFF elsewhere is a character like any other.
        let inside = "a\u{FEFF}b".as_bytes();
        assert_eq!(PositionCursor::new(inside).position(inside.len() - 1).column, 3);
    }
}
