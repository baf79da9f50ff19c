//! Blobs are data: a finding strictly inside a long run of base64 (an inlined `.wasm`, a font
//! or image as a data URI, a minified bundle's embedded binary) is a chance match of a key's
//! shape, not a key. A real key sits between delimiters (quotes, `=`, spaces); inside a blob the
//! characters of the blob's alphabet continue right up to it, on at least one side, for far
//! longer than any key format.
//!
//! Decided by the extent of the runs of blob characters next to the finding. [`Blobs`] measures
//! each maximal run once and remembers the last two, so the findings of one scan (in order, not
//! overlapping) cost one pass over the input at most, however many sit in one blob.

use core::ops::Range;

/// A run of blob characters at least this long is data. The longest single-line key formats
/// are about 1,100 characters (JWT-shaped keys, which the `.` separators break into shorter
/// runs anyway); four times that leaves a wide margin.
pub(crate) const BLOB_MIN: usize = 4096;

/// The alphabets of base64, base64url and hex, and `.`, which chains base64url segments (a JWT
/// is three; a run of thousands is data, not a token).
fn is_blob_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'_' | b'-' | b'.')
}

/// The runs of blob characters of one input, measured on demand.
pub(crate) struct Blobs<'h> {
    haystack: &'h [u8],
    /// The last two maximal runs measured (a finding's right run is often the next one's left).
    known: [Range<usize>; 2],
    /// Bytes read to measure runs, for the scan's work counters.
    pub scanned: usize,
}

impl<'h> Blobs<'h> {
    pub(crate) fn new(haystack: &'h [u8]) -> Blobs<'h> {
        Blobs { haystack, known: [0..0, 0..0], scanned: 0 }
    }

    /// The maximal run of blob bytes holding the byte at `at` (empty if it is not one).
    fn run_at(&mut self, at: usize) -> Range<usize> {
        if let Some(run) = self.known.iter().find(|run| run.contains(&at)) {
            return run.clone();
        }
        if !self.haystack.get(at).copied().is_some_and(is_blob_byte) {
            return at..at;
        }
        let start = at - self.haystack[..at].iter().rev().take_while(|&&b| is_blob_byte(b)).count();
        let end = at + self.haystack[at..].iter().take_while(|&&b| is_blob_byte(b)).count();
        self.scanned += end - start;
        self.known = [self.known[1].clone(), start..end];
        start..end
    }

    /// True when `span` is glued to blob characters on at least one side and the runs around it
    /// (the span itself included, whatever it holds) reach [`BLOB_MIN`].
    pub(crate) fn holds(&mut self, span: Range<usize>) -> bool {
        let before = span.start.checked_sub(1).map_or(0, |at| at + 1 - self.run_at(at).start);
        let after = self.run_at(span.end).end.saturating_sub(span.end);
        (before > 0 || after > 0) && before + span.len() + after >= BLOB_MIN
    }
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
        assert!(Blobs::new(&blob).holds(10_000..10_040));
        assert!(Blobs::new(&blob).holds(0..40), "glued on the right only");
        assert!(Blobs::new(&blob).holds(19_960..20_000), "glued on the left only");
    }

    #[test]
    fn delimited_keys_and_short_runs_are_not() {
        let mut text = base64_blob(20_000);
        text[9_999] = b'"';
        text[10_040] = b'"';
        assert!(!Blobs::new(&text).holds(10_000..10_040), "quoted on both sides");
        let short = base64_blob(1_000);
        assert!(!Blobs::new(&short).holds(400..440), "a 1,000-character run is not a blob");
        let line = b"AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8vR2mT7kLp4x\n";
        assert!(!Blobs::new(line).holds(22..62));
        let sentence = b"the token is eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlc2lnbmF0dXJl.";
        assert!(!Blobs::new(sentence).holds(13..sentence.len() - 1), "a JWT before a full stop");
    }

    #[test]
    fn many_findings_in_one_blob_read_it_once() {
        let blob = base64_blob(1_000_000);
        let mut blobs = Blobs::new(&blob);
        for start in (0..blob.len() - 40).step_by(50) {
            assert!(blobs.holds(start..start + 40));
        }
        assert_eq!(blobs.scanned, blob.len());
    }
}
