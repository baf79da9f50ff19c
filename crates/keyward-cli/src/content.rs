//! From a file's bytes to the text the core scans: UTF-16 with a byte-order mark (PowerShell's
//! `Out-File` and `>` write `.env` files that way) is decoded to UTF-8, other files with a NUL
//! byte are binary and skipped, everything else is scanned as it is (the core takes any bytes).
//!
//! Columns stay exact for decoded UTF-16: the core counts UTF-16 code units, which is what the
//! file held, and skips the byte-order mark (kept as a UTF-8 one). Byte offsets (`start`/`end`)
//! are then offsets in the UTF-8 text, mark included.

use std::borrow::Cow;

/// Bytes looked at for a NUL byte to decide that a file is binary (git's heuristic).
const BINARY_PROBE: usize = 8 * 1024;

pub enum Content<'a> {
    Text(Cow<'a, [u8]>),
    Binary,
}

pub fn decode(bytes: &[u8]) -> Content<'_> {
    match bytes {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Content::Text(keyward_core::decode_text(bytes)),
        _ if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) => Content::Binary,
        _ => Content::Text(Cow::Borrowed(bytes)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> Vec<u8> {
        match decode(bytes) {
            Content::Text(text) => text.into_owned(),
            Content::Binary => panic!("binary"),
        }
    }

    #[test]
    fn utf16_with_a_mark_is_decoded_and_other_nul_bytes_are_binary() {
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("K=é😀\r\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("K=é😀\r\n".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(text(&le), "\u{FEFF}K=é😀\r\n".as_bytes());
        assert_eq!(text(&be), "\u{FEFF}K=é😀\r\n".as_bytes());
        assert!(matches!(decode(b"\x89PNG\0\0"), Content::Binary));
        assert!(matches!(decode(b"plain \xff text"), Content::Text(Cow::Borrowed(_))));
    }
}
