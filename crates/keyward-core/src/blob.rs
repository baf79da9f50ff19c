//! Blobs are data: a finding strictly inside a long run of base64 (an inlined `.wasm`, a font
//! or image as a data URI, a minified bundle's embedded binary) is a chance match of a key's
//! shape, not a key. A real key sits between delimiters (quotes, `=`, spaces); inside a blob the
//! characters of the blob's alphabet continue right up to it, on at least one side, for far
//! longer than any key format.
//!
//! Decided by the blob's extent around the finding only, reading at most [`BLOB_MIN`] bytes
//! either side, so the check is a constant per finding.

use core::ops::Range;

/// A run of blob characters at least this long is data. The longest single-line key formats
/// are about 1,100 characters (JWT-shaped keys, which the `.` separators break into shorter
/// runs anyway); four times that leaves a wide margin.
pub(crate) const BLOB_MIN: usize = 4096;

/// The alphabets of base64, base64url and hex.
fn is_blob_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'_' | b'-')
}

/// True when `span` is glued to blob characters on at least one side and the run of blob
/// characters around it (the span itself included, whatever it holds) reaches [`BLOB_MIN`].
pub(crate) fn inside_blob(haystack: &[u8], span: Range<usize>) -> bool {
    let before = haystack[span.start.saturating_sub(BLOB_MIN)..span.start].iter().rev().take_while(|&&b| is_blob_byte(b)).count();
    let after = haystack[span.end..haystack.len().min(span.end + BLOB_MIN)].iter().take_while(|&&b| is_blob_byte(b)).count();
    (before > 0 || after > 0) && before + span.len() + after >= BLOB_MIN
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    /// Pseudo-random base64 (a linear congruential generator: no key shape on purpose).
    fn base64_blob(len: usize) -> Vec<u8> {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut state: u32 = 12345;
        (0..len)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                ALPHABET[(state >> 16) as usize % 64]
            })
            .collect()
    }

    #[test]
    fn inside_a_long_run_is_a_blob() {
        let blob = base64_blob(20_000);
        assert!(inside_blob(&blob, 10_000..10_040));
        assert!(inside_blob(&blob, 0..40), "glued on the right only");
        assert!(inside_blob(&blob, 19_960..20_000), "glued on the left only");
    }

    #[test]
    fn delimited_keys_and_short_runs_are_not() {
        let mut text = base64_blob(20_000);
        text[9_999] = b'"';
        text[10_040] = b'"';
        assert!(!inside_blob(&text, 10_000..10_040), "quoted on both sides");
        let short = base64_blob(1_000);
        assert!(!inside_blob(&short, 400..440), "a 1,000-character run is not a blob");
        let line = b"AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8vR2mT7kLp4x\n";
        assert!(!inside_blob(line, 22..62));
    }
}
