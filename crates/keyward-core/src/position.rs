//! Byte offsets to 1-based lines and UTF-16 columns, in one forward pass over the input.
//!
//! Columns count UTF-16 code units because JS strings, VS Code positions and SARIF's default all
//! do: an emoji before a key counts 2, a CJK character 1, whatever their UTF-8 length.

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
        PositionCursor { haystack, offset: 0, line: 1, utf16_at_offset: 0, utf16_at_line_start: 0 }
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
            column: self.utf16_at_offset - self.utf16_at_line_start + 1,
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
}
