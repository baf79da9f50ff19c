//! Where keys really leak, they are often encoded one level: inside JSON strings (notebooks,
//! escaped `\"` and `\n`), percent-encoded in URLs and form bodies, or base64 under a Kubernetes
//! Secret's `data:`. This module finds such regions cheaply and decodes them into segments whose
//! every byte remembers the span of the input it came from, so a finding in decoded text is
//! reported at the span of its encoded form.
//!
//! The JSON and percent decoders are written here rather than taken from serde_json or
//! percent-encoding because those crates decode without a byte-to-source mapping, which is what
//! reporting positions needs. Base64 decoding uses the `base64` crate.

use alloc::vec::Vec;
use core::ops::Range;

use base64::Engine as _;

/// Decoded text, and for each decoded byte the input span it was decoded from.
pub(crate) struct Segment {
    pub bytes: Vec<u8>,
    /// The byte-to-span map, stored only where its shape changes: memory grows with the number
    /// of escapes, not with the length of the text around them (a 50 MB minified JSON line with
    /// one `\"` costs one piece, not 50 M spans).
    pieces: Vec<Piece>,
}

/// Decoded bytes from `decoded` up to the next piece, mapped to the input from `original`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    decoded: usize,
    original: usize,
    step: Step,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// Each decoded byte comes from the next `n` input bytes (1 copied, 2 `\n`, 3 `%41`, ...).
    Each(usize),
    /// Every decoded byte comes from the whole span `original..original + n` (a base64 value).
    Whole(usize),
}

impl Piece {
    /// The input span of decoded byte `index` (at or after `self.decoded`).
    fn span(&self, index: usize) -> Range<usize> {
        match self.step {
            Step::Each(n) => {
                let start = self.original + (index - self.decoded) * n;
                start..start + n
            }
            Step::Whole(n) => self.original..self.original + n,
        }
    }
}

impl Segment {
    fn new() -> Segment {
        Segment { bytes: Vec::new(), pieces: Vec::new() }
    }

    fn push(&mut self, byte: u8, from: Range<usize>) {
        let index = self.bytes.len();
        self.bytes.push(byte);
        if let Some(last) = self.pieces.last_mut() {
            if last.span(index) == from {
                return;
            }
            // A second byte from the span of a one-byte piece: every byte comes from all of it.
            if last.decoded + 1 == index && last.span(index - 1) == from {
                last.step = Step::Whole(from.len());
                return;
            }
        }
        self.pieces.push(Piece { decoded: index, original: from.start, step: Step::Each(from.len()) });
    }

    /// Pushes `bytes` copied unchanged from the input at `from..`: what [`Segment::push`] does
    /// byte by byte, at memcpy speed (a piece mapping each byte to the next input byte, unless
    /// the last piece already continues so).
    fn push_copied(&mut self, bytes: &[u8], from: usize) {
        let Some(&first) = bytes.first() else { return };
        let index = self.bytes.len();
        let continues = self.pieces.last().is_some_and(|last| last.step == Step::Each(1) && last.span(index).start == from);
        if continues {
            self.bytes.extend_from_slice(bytes);
        } else {
            self.push(first, from..from + 1);
            self.bytes.extend_from_slice(&bytes[1..]);
        }
    }

    /// The input span of decoded byte `index`.
    fn span(&self, index: usize) -> Range<usize> {
        let piece = self.pieces.partition_point(|p| p.decoded <= index) - 1;
        self.pieces[piece].span(index)
    }

    /// The input span that `decoded` (a non-empty range of `self.bytes`) was decoded from.
    pub fn original(&self, decoded: Range<usize>) -> Range<usize> {
        self.span(decoded.start).start..self.span(decoded.end - 1).end
    }

    /// Every decoded byte's input span, in order (tests and fuzz targets).
    #[cfg(any(test, feature = "fuzzing"))]
    fn spans(&self) -> Vec<Range<usize>> {
        (0..self.bytes.len()).map(|index| self.span(index)).collect()
    }

    /// Bytes of the input the segment was decoded from.
    fn source_len(&self) -> usize {
        if self.bytes.is_empty() { 0 } else { self.original(0..self.bytes.len()).len() }
    }

    /// True when decoding changed something (otherwise the plain scan already saw it).
    fn changed(&self, input_len: usize) -> bool {
        self.bytes.len() != input_len
    }
}

/// Every decodable region of `haystack`, decoded one level. Adds the bytes read to `work`.
pub(crate) fn segments(haystack: &[u8], work: &mut usize) -> Vec<Segment> {
    let mut out = Vec::new();
    line_runs(haystack, b'\\', is_json_escape, decode_json_escapes, &mut out);
    line_runs(haystack, b'%', is_percent_escape, decode_percent, &mut out);
    kubernetes_secret_data(haystack, &mut out);
    // Three passes over the input to find escapes and Secrets, plus each decoded run.
    *work += 3 * haystack.len() + out.iter().map(Segment::source_len).sum::<usize>();
    out
}

/// Lines longer than this (minified code, one-line JSON) are decoded only around their escapes.
/// The fuzz build (`cfg(fuzzing)`, set by cargo-fuzz) shrinks this and [`ESCAPE_REACH`] so that
/// inputs of a few hundred bytes take this path.
const LONG_LINE: usize = if cfg!(fuzzing) { 256 } else { 16 << 10 };
/// Bytes decoded on either side of the escapes of a long line: more than the reach of a keyword
/// to the secret of its rules (a window's length, 700 bytes for assignments, 4 KiB for a session
/// token), so that a secret whose match or window holds an escape is found with its keyword.
/// A bundle's lines hold escapes everywhere, but in clusters: decoded whole, they were scanned
/// again in full (1.7 times the input on code-server's bundles, 45% of the scan time).
const ESCAPE_REACH: usize = if cfg!(fuzzing) { 48 } else { 4 << 10 };
/// Where a region of a long line may begin or end: after one of these, a token starts.
const SEPARATORS: &[u8] = b" \t\r\n\"'`,;";

/// Decodes each run of consecutive lines holding an escape, and in a long line each cluster of
/// escapes with [`ESCAPE_REACH`] bytes around it. Escapes are found with `memchr` passes for
/// their lead byte, so text without them costs almost nothing.
fn line_runs(
    haystack: &[u8],
    lead: u8,
    is_escape: fn(&[u8], usize) -> bool,
    decode: fn(&[u8], usize, &mut Segment),
    out: &mut Vec<Segment>,
) {
    let flush = |run: Range<usize>, out: &mut Vec<Segment>| {
        // Decoding never lengthens a run: its length is all the room the bytes need (growing
        // them by doubling copied every decoded byte about once more).
        let mut segment = Segment { bytes: Vec::with_capacity(run.len()), pieces: Vec::new() };
        decode(&haystack[run.clone()], run.start, &mut segment);
        if segment.changed(run.len()) {
            out.push(segment);
        }
    };
    let mut run: Option<Range<usize>> = None;
    // Where the last run or region ended: the next one starts there or later.
    let mut decoded_to = 0;
    // The end of the long line the last region was in.
    let mut long_line_end = 0;
    // The search resumes past the open run: the lead bytes inside it are decoded with it (a
    // minified JSON line holds them by the million, and stepping to each cost a memchr call).
    let mut from = 0;
    while let Some(found) = memchr::memchr(lead, &haystack[from..]) {
        let at = from + found;
        from = at + 1;
        if !is_escape(haystack, at) {
            continue;
        }
        let searched_to = run.as_ref().map_or(decoded_to, |r| r.end);
        let line_start = memchr::memrchr(b'\n', &haystack[searched_to..at]).map_or(searched_to, |i| searched_to + i + 1);
        let in_long_line = at < long_line_end;
        let line_end =
            if in_long_line { long_line_end } else { memchr::memchr(b'\n', &haystack[at..]).map_or(haystack.len(), |i| at + i + 1) };
        // Outside a known long line, `line_start` is where the line starts (a run ends at a line's
        // end, a region in a long line that has ended). Its length leaves out the line break, so
        // that text appended after the last line does not change how that line is decoded.
        if in_long_line || content_end(haystack, line_end) - line_start > LONG_LINE {
            long_line_end = line_end;
            if let Some(done) = run.take() {
                decoded_to = done.end;
                flush(done, out);
            }
            let last = last_of_cluster(haystack, at, line_end, lead, is_escape);
            let region = region(haystack, line_start.max(decoded_to)..line_end, at..last + 1);
            decoded_to = region.end;
            from = region.end.max(last + 1);
            flush(region, out);
            continue;
        }
        from = line_end;
        match &mut run {
            Some(open) if line_start == open.end => open.end = line_end,
            slot => {
                if let Some(done) = slot.replace(line_start..line_end) {
                    flush(done, out);
                }
            }
        }
    }
    if let Some(done) = run {
        flush(done, out);
    }
}

/// The last escape of the cluster starting at `first`: escapes follow each other at most
/// 2 x [`ESCAPE_REACH`] apart (their regions would overlap), before `end`. Each byte is read at
/// most twice: the search steps back from the far end of each stretch.
fn last_of_cluster(haystack: &[u8], first: usize, end: usize, lead: u8, is_escape: fn(&[u8], usize) -> bool) -> usize {
    let mut last = first;
    loop {
        let (low, mut high) = (last + 1, end.min(last + 1 + 2 * ESCAPE_REACH));
        let next = loop {
            match memchr::memrchr(lead, &haystack[low..high.max(low)]) {
                Some(i) if is_escape(haystack, low + i) => break Some(low + i),
                Some(i) => high = low + i,
                None => break None,
            }
        };
        match next {
            Some(next) => last = next,
            None => return last,
        }
    }
}

/// Where a line ending at `line_end` (after its line break, if it has one) ends without it.
fn content_end(haystack: &[u8], line_end: usize) -> usize {
    line_end - usize::from(line_end > 0 && haystack[line_end - 1] == b'\n')
}

/// The part of `line` (a long line, or what is left of it) decoded for the escapes in
/// `escapes`: [`ESCAPE_REACH`] bytes either side, ends moved to token boundaries (just after a
/// separator, looking up to 256 bytes) so that no token is cut in two. A region that reaches the
/// line's last byte takes its line break too (the line's end does not depend on what follows).
fn region(haystack: &[u8], line: Range<usize>, escapes: Range<usize>) -> Range<usize> {
    const LOOK: usize = 256;
    let mut start = line.start.max(escapes.start.saturating_sub(ESCAPE_REACH));
    if start > line.start {
        let limit = escapes.start.min(start + LOOK);
        if let Some(i) = haystack[start..limit].iter().position(|b| SEPARATORS.contains(b)) {
            start += i + 1;
        }
    }
    let mut end = escapes.end + ESCAPE_REACH;
    if end >= content_end(haystack, line.end) {
        end = line.end;
    } else {
        let limit = escapes.end.max(end.saturating_sub(LOOK));
        if let Some(i) = haystack[limit..end].iter().rposition(|b| SEPARATORS.contains(b)) {
            end = limit + i + 1;
        }
    }
    start..end
}

fn is_json_escape(haystack: &[u8], at: usize) -> bool {
    matches!(haystack.get(at + 1), Some(b'"' | b'n' | b't' | b'r' | b'/' | b'\\' | b'u'))
}

/// JSON string escapes: `\"` `\\` `\/` `\n` `\t` `\r` `\b` `\f` and `\u00XX` (ASCII only; other
/// code points cannot be part of a key and stay as they are).
fn decode_json_escapes(text: &[u8], offset: usize, out: &mut Segment) {
    let mut i = 0;
    while let Some(found) = memchr::memchr(b'\\', &text[i..]) {
        let at = i + found;
        out.push_copied(&text[i..at], offset + i);
        let here = offset + at;
        // A table, not a `match`: escapes of every kind alternate in JSON text, and the jump
        // table a `match` compiles to mispredicted most of them.
        let simple = text.get(at + 1).map_or(0, |&next| SIMPLE_JSON_ESCAPES[usize::from(next)]);
        if simple != 0 {
            out.push(simple, here..here + 2);
            i = at + 2;
            continue;
        }
        if text.get(at + 1) == Some(&b'u') && at + 6 <= text.len() && text[at + 2..at + 4] == *b"00" {
            if let Some(byte) = hex_byte(text[at + 4], text[at + 5]).filter(u8::is_ascii) {
                out.push(byte, here..here + 6);
                i = at + 6;
                continue;
            }
        }
        out.push(b'\\', here..here + 1);
        i = at + 1;
    }
    out.push_copied(&text[i..], offset + i);
}

/// The byte each one-letter JSON escape `\X` stands for, indexed by `X`; 0 for the others.
const SIMPLE_JSON_ESCAPES: [u8; 256] = {
    let mut table = [0; 256];
    let pairs = [(b'"', b'"'), (b'\\', b'\\'), (b'/', b'/'), (b'n', b'\n'), (b't', b'\t'), (b'r', b'\r'), (b'b', 0x08), (b'f', 0x0c)];
    let mut i = 0;
    while i < pairs.len() {
        table[pairs[i].0 as usize] = pairs[i].1;
        i += 1;
    }
    table
};

fn is_percent_escape(haystack: &[u8], at: usize) -> bool {
    at + 2 < haystack.len() && hex_byte(haystack[at + 1], haystack[at + 2]).is_some()
}

/// `%XX` escapes (RFC 3986). `+` stays a plus: keys contain it far more often than form-encoded
/// spaces sit next to one.
fn decode_percent(text: &[u8], offset: usize, out: &mut Segment) {
    let mut i = 0;
    while let Some(found) = memchr::memchr(b'%', &text[i..]) {
        let at = i + found;
        out.push_copied(&text[i..at], offset + i);
        let here = offset + at;
        match (at + 2 < text.len()).then(|| hex_byte(text[at + 1], text[at + 2])).flatten() {
            Some(byte) => {
                out.push(byte, here..here + 3);
                i = at + 3;
            }
            None => {
                out.push(b'%', here..here + 1);
                i = at + 1;
            }
        }
    }
    out.push_copied(&text[i..], offset + i);
}

fn hex_byte(high: u8, low: u8) -> Option<u8> {
    let digit = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    Some(digit(high)? << 4 | digit(low)?)
}

/// In a YAML Kubernetes Secret, each `name: base64` line under `data:` becomes a segment
/// `name=decoded`: provider rules see the decoded value, and the generic rule sees a
/// secret-ish name assigned to it. Every decoded byte maps to the whole encoded value.
fn kubernetes_secret_data(haystack: &[u8], out: &mut Vec<Segment>) {
    if memchr::memmem::find(haystack, b"kind: Secret").is_none() {
        return;
    }
    let mut data_indent: Option<usize> = None;
    let mut start = 0;
    while start < haystack.len() {
        let end = memchr::memchr(b'\n', &haystack[start..]).map_or(haystack.len(), |i| start + i);
        let line = &haystack[start..end];
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let content = &line[indent..];
        match data_indent {
            _ if content.starts_with(b"data:") && content[5..].iter().all(u8::is_ascii_whitespace) => {
                data_indent = Some(indent)
            }
            Some(outer) if indent > outer => {
                if let Some(segment) = decode_data_entry(line, start, indent) {
                    out.push(segment);
                }
            }
            Some(_) if !content.is_empty() => data_indent = None,
            _ => {}
        }
        start = end + 1;
    }
}

fn decode_data_entry(line: &[u8], line_start: usize, indent: usize) -> Option<Segment> {
    let colon = indent + memchr::memchr(b':', &line[indent..])?;
    let name = &line[indent..colon];
    let value_start = colon + 1 + line[colon + 1..].iter().take_while(|&&b| b == b' ').count();
    let value = line[value_start..].trim_ascii_end();
    let value = value.strip_prefix(b"\"").and_then(|v| v.strip_suffix(b"\"")).unwrap_or(value);
    let value_start = line_start + value_start + usize::from(line[value_start..].starts_with(b"\""));
    let decoded = base64::engine::general_purpose::STANDARD.decode(value).ok()?;
    if name.is_empty() || decoded.is_empty() {
        return None;
    }
    let mut segment = Segment::new();
    for (i, &byte) in name.iter().enumerate() {
        let at = line_start + indent + i;
        segment.push(byte, at..at + 1);
    }
    segment.push(b'=', line_start + colon..line_start + colon + 1);
    let encoded = value_start..value_start + value.len();
    for byte in decoded {
        segment.push(byte, encoded.clone());
    }
    Some(segment)
}

/// The decoders for the fuzz targets (`fuzz/`, feature `fuzzing`): each returns the decoded
/// bytes and every decoded byte's input span. Not a stable API.
#[cfg(feature = "fuzzing")]
pub mod fuzzing {
    use super::*;

    /// Decoded bytes and the input span of each.
    pub type Decoded = (Vec<u8>, Vec<Range<usize>>);

    fn decoded(segment: Segment) -> Decoded {
        let spans = segment.spans();
        (segment.bytes, spans)
    }

    /// What the scanner decodes in `haystack`: every JSON-escaped, percent-encoded and
    /// Kubernetes Secret region, as it would be scanned.
    pub fn segments(haystack: &[u8]) -> Vec<Decoded> {
        super::segments(haystack, &mut 0).into_iter().map(decoded).collect()
    }

    /// `text` decoded as one run of JSON string escapes.
    pub fn json_escapes(text: &[u8]) -> Decoded {
        let mut segment = Segment::new();
        decode_json_escapes(text, 0, &mut segment);
        decoded(segment)
    }

    /// `text` decoded as one run of percent escapes.
    pub fn percent(text: &[u8]) -> Decoded {
        let mut segment = Segment::new();
        decode_percent(text, 0, &mut segment);
        decoded(segment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str) -> Vec<(Vec<u8>, Vec<Range<usize>>)> {
        segments(text.as_bytes(), &mut 0)
            .into_iter()
            .map(|s| {
                let spans = s.spans();
                (s.bytes, spans)
            })
            .collect()
    }

    #[test]
    fn json_escapes_decode_with_their_spans() {
        let segments = decoded("a\n{\"k\": \"x=\\\"ab\\nc\\u0041\"}\nb\n");
        assert_eq!(segments.len(), 1);
        let (bytes, origin) = &segments[0];
        assert_eq!(bytes, b"{\"k\": \"x=\"ab\ncA\"}\n");
        let quote = bytes.iter().position(|&b| b == b'"').unwrap();
        assert_eq!(origin[quote], 3..4);
        let escaped_quote = bytes.windows(2).position(|w| w == b"=\"").unwrap() + 1;
        assert_eq!(origin[escaped_quote].len(), 2);
        assert_eq!(origin[bytes.iter().position(|&b| b == b'A').unwrap()].len(), 6);
    }

    #[test]
    fn percent_escapes_decode() {
        let segments = decoded("GET /cb?token%3Dabc%2Fdef HTTP/1.1\n");
        assert_eq!(segments[0].0, b"GET /cb?token=abc/def HTTP/1.1\n");
    }

    #[test]
    fn kubernetes_secret_values_decode_to_name_equals_value() {
        let text = "apiVersion: v1\nkind: Secret\ndata:\n  password: aHVudGVyMg==\n  \"bad\": !!!\nmetadata:\n  name: x\n";
        let segments = segments(text.as_bytes(), &mut 0);
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].bytes, b"password=hunter2");
        let value = text.find("aHVu").unwrap();
        assert_eq!(segments[0].original(9..16), value..value + 12);
    }

    #[test]
    fn the_span_map_grows_with_escapes_not_with_text() {
        let line = alloc::format!("{}\\\"{}\n", "a".repeat(10_000), "b".repeat(5_000));
        let segments = segments(line.as_bytes(), &mut 0);
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].pieces.len(), 3);
        assert_eq!(segments[0].span(9_999), 9_999..10_000);
        assert_eq!(segments[0].span(10_000), 10_000..10_002);
        assert_eq!(segments[0].span(10_001), 10_002..10_003);
        assert_eq!(segments[0].original(9_999..10_002), 9_999..10_003);
    }

    /// A long line (minified code) is decoded around each cluster of its escapes, from and to
    /// token boundaries, not whole.
    #[test]
    fn a_long_line_is_decoded_around_its_escapes() {
        let filler = |n: usize| "word ".repeat(n / 5);
        let line = alloc::format!(
            "{}x=\\\"a\\\"{}y=\\\"b\\\"{}z=\\\"c\\\"{}\n",
            filler(20_000),
            filler(1_000),
            filler(20_000),
            filler(20_000)
        );
        let text = line.as_bytes();
        let segments = segments(text, &mut 0);
        assert_eq!(segments.len(), 2, "the escapes 1 KB apart share a region, the far one has its own");
        let escape = |needle: &str| line.find(needle).unwrap();
        for (segment, (first, last)) in segments.iter().zip([(escape("x="), escape("y=")), (escape("z="), escape("z="))]) {
            let source = segment.original(0..segment.bytes.len());
            assert!(source.start + ESCAPE_REACH + 256 >= first && source.start + ESCAPE_REACH <= first + 256, "{source:?}");
            assert!(source.end <= last + ESCAPE_REACH + 16 && source.end + 256 >= last + ESCAPE_REACH, "{source:?}");
            assert_eq!(text[source.start - 1], b' ', "starts after a separator");
            assert_eq!(text[source.end - 1], b' ', "ends after a separator");
        }
        assert!(segments[0].bytes.windows(5).any(|w| w == b"x=\"a\"") && segments[0].bytes.windows(5).any(|w| w == b"y=\"b\""));
        assert!(segments[1].bytes.windows(5).any(|w| w == b"z=\"c\""));
    }

    /// Found by fuzzing (tests/fuzz-found/long-line-length-with-its-line-break): a line as long
    /// as the limit counted as long once a line break was appended after it, and its decoding
    /// changed. Appending lines never changes how the lines before are decoded.
    #[test]
    fn appended_lines_do_not_change_how_a_long_line_is_decoded() {
        let sources = |text: &[u8]| -> Vec<Range<usize>> {
            segments(text, &mut 0)
                .iter()
                .map(|s| s.original(0..s.bytes.len()))
                .map(|r| r.start..content_end(text, r.end))
                .collect()
        };
        for len in [LONG_LINE - 1, LONG_LINE, LONG_LINE + 1, 3 * LONG_LINE] {
            for escape_at in [10, len / 2, len - ESCAPE_REACH - 3, len - ESCAPE_REACH - 1, len - ESCAPE_REACH, len - 8] {
                let mut line = "ab cd ".repeat(len / 6 + 1).into_bytes();
                line.truncate(len);
                line[escape_at..escape_at + 2].copy_from_slice(b"\\n");
                line[5..7].copy_from_slice(b"\\t");
                let appended = [line.as_slice(), b"\n\nend\n"].concat();
                assert_eq!(sources(&line), sources(&appended), "line of {len}, escape at {escape_at}");
            }
        }
    }

    #[test]
    fn plain_text_has_no_segments() {
        assert!(segments(b"nothing to decode here\n100% sure\n", &mut 0).is_empty());
    }
}
