//! Text files that are not UTF-8. PowerShell (5.x `>` and `Out-File`) and some Windows editors
//! write UTF-16 with a byte order mark; `.env` files made that way hold keys like any other.
//! The scanner reads UTF-8, so front ends that read files (the CLI) call [`decode_text`] first.

use alloc::borrow::Cow;
use alloc::vec::Vec;

use crate::position::UTF8_BOM;

/// `bytes` as UTF-8: UTF-16LE or UTF-16BE text with a byte order mark is transcoded, anything
/// else is returned as it is. The UTF-16 BOM becomes a UTF-8 BOM, so the findings' lines,
/// columns and UTF-16 indices are those of the original file (the BOM is one UTF-16 unit in
/// both, and columns do not count it); byte offsets are those of the returned UTF-8.
/// Unpaired surrogates and a trailing odd byte become U+FFFD (one UTF-16 unit, like the unit
/// they replace). `core::char::decode_utf16` does the decoding: no crate needed for two BOMs.
pub fn decode_text(bytes: &[u8]) -> Cow<'_, [u8]> {
    let from_pair: fn([u8; 2]) -> u16 = match bytes {
        [0xFF, 0xFE, ..] => u16::from_le_bytes,
        [0xFE, 0xFF, ..] => u16::from_be_bytes,
        _ => return Cow::Borrowed(bytes),
    };
    let body = &bytes[2..];
    let units = body.chunks_exact(2).map(|pair| from_pair([pair[0], pair[1]]));
    let mut out = Vec::with_capacity(UTF8_BOM.len() + body.len() * 3 / 2);
    out.extend_from_slice(UTF8_BOM);
    let mut buffer = [0u8; 4];
    for decoded in char::decode_utf16(units) {
        let c = decoded.unwrap_or(char::REPLACEMENT_CHARACTER);
        out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
    }
    if body.len() % 2 == 1 {
        out.extend_from_slice(char::REPLACEMENT_CHARACTER.encode_utf8(&mut buffer).as_bytes());
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, to_pair: fn(u16) -> [u8; 2], bom: [u8; 2]) -> Vec<u8> {
        bom.into_iter().chain(text.encode_utf16().flat_map(to_pair)).collect()
    }

    #[test]
    fn utf16_with_a_bom_becomes_utf8_with_a_bom() {
        let text = "KEY=abc😀\r\nnext 中\n";
        let expected = [UTF8_BOM, text.as_bytes()].concat();
        assert_eq!(decode_text(&utf16(text, u16::to_le_bytes, [0xFF, 0xFE])), expected);
        assert_eq!(decode_text(&utf16(text, u16::to_be_bytes, [0xFE, 0xFF])), expected);
    }

    #[test]
    fn other_bytes_are_borrowed_unchanged() {
        for bytes in [&b""[..], b"plain", b"\xEF\xBB\xBFutf-8 bom", b"\xFF", b"\x00k\x00e\x00y"] {
            assert!(matches!(decode_text(bytes), Cow::Borrowed(b) if b == bytes));
        }
    }

    #[test]
    fn broken_utf16_becomes_replacement_characters() {
        // An unpaired high surrogate, then an odd trailing byte.
        let bytes = [0xFF, 0xFE, b'a', 0, 0x3D, 0xD8, b'b', 0, b'c'];
        assert_eq!(decode_text(&bytes), "\u{FEFF}a\u{FFFD}b\u{FFFD}".as_bytes());
    }
}
