//! The decoders of encoded regions on arbitrary bytes. Every decoded byte maps to a span of the
//! input, spans move forward; a JSON-escape or percent run's spans tile the input exactly and
//! decode each escape right; where serde_json / percent-encoding accept the text, they agree.
//! Also `decode_text` (UTF-16 files with a BOM).
#![no_main]

use std::ops::Range;

use keyward_core::decode_for_fuzzing as decode;
use libfuzzer_sys::fuzz_target;

/// Spans inside `len`, non-empty, starting and ending in non-decreasing order.
fn check_spans(spans: &[Range<usize>], len: usize) {
    for pair in spans.windows(2) {
        assert!(pair[0].start <= pair[1].start && pair[0].end <= pair[1].end, "spans go backwards: {pair:?}");
    }
    for span in spans {
        assert!(span.start < span.end && span.end <= len, "span {span:?} out of 0..{len}");
    }
}

/// Spans one after the other, covering all of `0..len`.
fn check_tiling(spans: &[Range<usize>], len: usize) {
    let mut at = 0;
    for span in spans {
        assert_eq!(span.start, at, "gap or overlap before {span:?}");
        at = span.end;
    }
    assert_eq!(at, len, "spans end at {at}, not at the end of the text");
}

fn hex(high: u8, low: u8) -> Option<u8> {
    let digit = |b: u8| (b as char).to_digit(16);
    Some((digit(high)? * 16 + digit(low)?) as u8)
}

fn check_json(text: &[u8]) {
    let (bytes, spans) = decode::json_escapes(text);
    assert_eq!(bytes.len(), spans.len());
    check_tiling(&spans, text.len());
    for (&byte, span) in bytes.iter().zip(&spans) {
        let source = &text[span.clone()];
        let expected = match source {
            [b] => *b,
            [b'\\', b'"'] => b'"',
            [b'\\', b'\\'] => b'\\',
            [b'\\', b'/'] => b'/',
            [b'\\', b'n'] => b'\n',
            [b'\\', b't'] => b'\t',
            [b'\\', b'r'] => b'\r',
            [b'\\', b'b'] => 0x08,
            [b'\\', b'f'] => 0x0c,
            [b'\\', b'u', b'0', b'0', high, low] => hex(*high, *low).filter(u8::is_ascii).expect("\\u00XX of an ASCII byte"),
            _ => panic!("decoded {byte:#x} from {source:?}"),
        };
        assert_eq!(byte, expected, "decoded from {source:?}");
    }
    // A string serde_json reads the same way: no control characters, no bare quotes, only the
    // escapes both decode (\uXXXX above 0x7f stays encoded here, by design).
    let plain_escapes = text.windows(2).enumerate().all(|(i, w)| w[0] != b'\\' || (w[1] != b'u' || text[i..].starts_with(b"\\u00")));
    if let Ok(s) = std::str::from_utf8(text) {
        if plain_escapes && !s.bytes().any(|b| b < 0x20 || b == b'"') {
            if let Ok(reference) = serde_json::from_str::<String>(&format!("\"{s}\"")) {
                if reference.is_ascii() || !s.contains("\\u") {
                    assert_eq!(bytes, reference.as_bytes(), "serde_json decodes {s:?} differently");
                }
            }
        }
    }
}

fn check_percent(text: &[u8]) {
    let (bytes, spans) = decode::percent(text);
    check_tiling(&spans, text.len());
    let reference: Vec<u8> = percent_encoding::percent_decode(text).collect();
    assert_eq!(bytes, reference, "percent-encoding decodes {text:?} differently");
}

/// UTF-16 with a BOM becomes UTF-8 with a BOM holding as many UTF-16 units as the file (so
/// findings' UTF-16 indices are the file's); anything else is left as it is.
fn check_text_decoding(bytes: &[u8]) {
    let decoded = keyward_core::decode_text(bytes);
    if !(bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])) {
        return assert_eq!(&decoded[..], bytes);
    }
    let text = std::str::from_utf8(&decoded).expect("decoded UTF-16 is UTF-8");
    assert!(text.starts_with('\u{FEFF}'));
    assert_eq!(text.encode_utf16().count(), 1 + (bytes.len() - 2).div_ceil(2), "UTF-16 units");
}

fuzz_target!(|text: &[u8]| {
    check_text_decoding(text);
    for (bytes, spans) in decode::segments(text) {
        assert_eq!(bytes.len(), spans.len());
        check_spans(&spans, text.len());
    }
    check_json(text);
    check_percent(text);
});
