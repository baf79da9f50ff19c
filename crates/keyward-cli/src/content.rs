//! From a file's bytes to the text the core scans: UTF-16 with a byte-order mark (PowerShell's
//! `Out-File` and `>` write `.env` files that way) is decoded to UTF-8, other files with a NUL
//! byte are binary and skipped, everything else is scanned as it is (the core takes any bytes).
//!
//! Columns stay exact for decoded UTF-16: the core counts UTF-16 code units, which is what the
//! file held. Byte offsets (`start`/`end`) are then offsets in the UTF-8 text, without the mark.

use std::borrow::Cow;

/// Bytes looked at for a NUL byte to decide that a file is binary (git's heuristic).
const BINARY_PROBE: usize = 8 * 1024;

pub enum Content<'a> {
    Text(Cow<'a, [u8]>),
    Binary,
}

pub fn decode(bytes: &[u8]) -> Content<'_> {
    match bytes {
        [0xFF, 0xFE, rest @ ..] => Content::Text(Cow::Owned(from_utf16(rest, u16::from_le_bytes))),
        [0xFE, 0xFF, rest @ ..] => Content::Text(Cow::Owned(from_utf16(rest, u16::from_be_bytes))),
        _ if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) => Content::Binary,
        _ => Content::Text(Cow::Borrowed(bytes)),
    }
}

/// UTF-16 to UTF-8; unpaired surrogates and an odd last byte become U+FFFD (one unit, like the
/// unit they replace, so columns after them stay right).
fn from_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Vec<u8> {
    let units = bytes.chunks(2).map(|pair| match *pair {
        [a, b] => unit([a, b]),
        _ => 0xFFFD,
    });
    let text: String = char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    text.into_bytes()
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
        assert_eq!(text(&le), "K=é😀\r\n".as_bytes());
        assert_eq!(text(&be), "K=é😀\r\n".as_bytes());
        assert_eq!(text(&[0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b']), "a\u{FFFD}\u{FFFD}".as_bytes(), "lone surrogate, odd byte");
        assert!(matches!(decode(b"\x89PNG\0\0"), Content::Binary));
        assert!(matches!(decode(b"plain \xff text"), Content::Text(Cow::Borrowed(_))));
    }
}
