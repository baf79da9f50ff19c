//! A file too large to hold whole is scanned in overlapping pieces read one after the other, so
//! memory stays a few times the piece size whatever the file's size (a 54 MB source map took
//! 267 MB held whole, with its decoded copies).
//!
//! Each piece owns a range of the file and is scanned with `overlap` bytes of the file on each
//! side, more than any rule reads around a secret (a keyword's context, the line before for a
//! suppression, a key block): a secret is reported by the piece its first byte belongs to, with
//! the context it has in the whole file. Pieces end after a line break when one is near, so most
//! pieces start lines. Positions are moved from the piece to the file.

use std::io::{self, Read};

use keyward_core::{Finding, Scanner};

/// The range of the file a piece reports, about this long (a scan's budget grows with its text,
/// so pieces cost no findings).
pub const PIECE_BYTES: usize = 2 << 20;
/// Bytes of context read before and after a piece's own range.
pub const OVERLAP_BYTES: usize = 64 << 10;

/// Bytes looked at for a NUL byte to decide that a file is binary (as `content::decode`).
const BINARY_PROBE: usize = 8 * 1024;

/// One scanned piece: its text, where that text starts in the file, and the findings whose first
/// byte is in the piece's own range, with file positions (a finding's bytes are
/// `text[start - text_start..end - text_start]`).
pub struct Piece<'t, 's> {
    pub text: &'t [u8],
    pub text_start: usize,
    pub findings: Vec<Finding<'s>>,
    pub truncated: bool,
}

/// How a file read in pieces turned out.
#[derive(Debug, PartialEq, Eq)]
pub enum Streamed {
    Scanned,
    /// A NUL byte in its first 8 KiB: not scanned.
    Binary,
    /// A UTF-16 byte-order mark: to be decoded whole (not scanned).
    Utf16,
}

/// [`keyward_core::position::utf16_len`], with ASCII runs (most of a source file) counted by
/// their length: checking for ASCII is several times faster than counting units, and this pass
/// reads every byte of a large file (it was 12 % of the scan of a 54 MB source map).
fn utf16_units(bytes: &[u8]) -> usize {
    bytes.chunks(4096).map(|chunk| if chunk.is_ascii() { chunk.len() } else { keyward_core::position::utf16_len(chunk) }).sum()
}

/// Where a piece's text starts in the file: what the core's positions, counted from the piece,
/// are moved by.
#[derive(Default)]
struct TextOrigin {
    byte: usize,
    /// Line breaks before it.
    lines: usize,
    utf16: usize,
    /// UTF-16 units between the start of its line and it (a byte-order mark at the file's start
    /// excluded, as the core does).
    column: usize,
}

impl TextOrigin {
    /// Moves the origin forward over `bytes`, the file's bytes from the origin on.
    fn advance(&mut self, bytes: &[u8]) {
        let counted = if self.byte == 0 { bytes.strip_prefix(keyward_core::position::UTF8_BOM).unwrap_or(bytes) } else { bytes };
        match memchr::memrchr(b'\n', bytes) {
            Some(last) => {
                self.lines += memchr::memchr_iter(b'\n', bytes).count();
                self.column = utf16_units(&bytes[last + 1..]);
            }
            None => self.column += utf16_units(counted),
        }
        self.utf16 += utf16_units(bytes);
        self.byte += bytes.len();
    }

    /// A finding's positions in the piece's text, moved to the file. The core does not count a
    /// byte-order mark at the start of its text in columns: one starting a later piece is a
    /// character of the file.
    fn place(&self, finding: &mut Finding<'_>, text: &[u8]) {
        let column = self.column + usize::from(self.byte > 0 && text.starts_with(keyward_core::position::UTF8_BOM));
        if finding.line == 1 {
            finding.column += column;
        }
        if finding.end_line == 1 {
            finding.end_column += column;
        }
        finding.line += self.lines;
        finding.end_line += self.lines;
        finding.start += self.byte;
        finding.end += self.byte;
        finding.start_utf16 += self.utf16;
        finding.end_utf16 += self.utf16;
    }
}

/// Scans the `size` bytes of `reader` in pieces of about `piece` bytes with `overlap` bytes of
/// context on each side, keeping at most `max_findings` findings per piece; calls `each` with
/// every piece until it returns false.
pub fn scan_in_pieces<'s>(
    scanner: &'s Scanner,
    reader: impl Read,
    size: usize,
    (piece, overlap): (usize, usize),
    max_findings: usize,
    mut each: impl FnMut(Piece<'_, 's>) -> bool,
) -> io::Result<Streamed> {
    let mut reader = reader.take(size as u64);
    let mut buffer: Vec<u8> = Vec::with_capacity(piece + 2 * overlap);
    debug_assert!(piece > overlap + 3, "a piece must end past its start");
    // `origin.byte` is where the piece's text starts in the file, and the buffer with it.
    let mut origin = TextOrigin::default();
    let mut own_start = 0;
    while own_start < size {
        // Read up to a piece and its overlap past its end.
        let want = size.min(own_start + piece + overlap) - origin.byte;
        let missing = want.saturating_sub(buffer.len());
        let short = reader.by_ref().take(missing as u64).read_to_end(&mut buffer)? < missing;
        if own_start == 0 {
            if buffer.starts_with(&[0xFF, 0xFE]) || buffer.starts_with(&[0xFE, 0xFF]) {
                return Ok(Streamed::Utf16);
            }
            if buffer[..buffer.len().min(BINARY_PROBE)].contains(&0) {
                return Ok(Streamed::Binary);
            }
        }
        if short {
            // The file shrank since its size was read: what there is makes the last piece.
            let end = origin.byte + buffer.len();
            if own_start < end {
                scan_piece(scanner, &buffer, &origin, own_start..end, max_findings, &mut each);
            }
            return Ok(Streamed::Scanned);
        }
        let buffered_end = origin.byte + buffer.len();
        let own_end = if buffered_end == size {
            size // what is left fits in a piece and its overlap
        } else {
            cut(&buffer, origin.byte, own_start + piece, overlap)
        };
        let text_end = char_start(&buffer, origin.byte, size.min(own_end + overlap));
        let text = &buffer[..text_end - origin.byte];
        if !scan_piece(scanner, text, &origin, own_start..own_end, max_findings, &mut each) {
            return Ok(Streamed::Scanned);
        }
        // The next piece's text starts `overlap` before its own range.
        let consumed = char_start(&buffer, origin.byte, own_end.saturating_sub(overlap).max(origin.byte)) - origin.byte;
        origin.advance(&buffer[..consumed]);
        buffer.drain(..consumed);
        own_start = own_end;
    }
    Ok(Streamed::Scanned)
}

fn scan_piece<'s>(
    scanner: &'s Scanner,
    text: &[u8],
    origin: &TextOrigin,
    own: std::ops::Range<usize>,
    max_findings: usize,
    each: &mut impl FnMut(Piece<'_, 's>) -> bool,
) -> bool {
    let (mut findings, stats) = scanner.scan_with_limit(text, max_findings);
    findings.retain(|f| own.contains(&(origin.byte + f.start)));
    for finding in &mut findings {
        origin.place(finding, text);
    }
    each(Piece { text, text_start: origin.byte, findings, truncated: stats.truncated })
}

/// Where a piece aiming to end at `target` ends: after the last line break in the `overlap`
/// bytes before `target` (so the next piece starts a line), else at a character's start.
fn cut(buffer: &[u8], buffer_start: usize, target: usize, overlap: usize) -> usize {
    let low = target.saturating_sub(overlap).max(buffer_start);
    match memchr::memrchr(b'\n', &buffer[low - buffer_start..target - buffer_start]) {
        Some(at) => low + at + 1,
        None => char_start(buffer, buffer_start, target),
    }
}

/// `at`, moved back to the start of the UTF-8 character it falls in (at most 3 bytes back).
fn char_start(buffer: &[u8], buffer_start: usize, at: usize) -> usize {
    let mut at = at;
    let low = at.saturating_sub(3).max(buffer_start);
    while at > low && at - buffer_start < buffer.len() && (0x80..0xC0).contains(&buffer[at - buffer_start]) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The findings of a text scanned in small pieces, as `(start, end, line, column, end line,
    /// end column, start utf16, end utf16, rule, fingerprint)`.
    fn pieces_of(text: &[u8], piece: usize, overlap: usize) -> (Vec<String>, usize) {
        let scanner = Scanner::default();
        let mut found = Vec::new();
        let mut count = 0;
        let streamed = scan_in_pieces(&scanner, text, text.len(), (piece, overlap), usize::MAX, |p| {
            count += 1;
            for f in &p.findings {
                assert_eq!(&p.text[f.start - p.text_start..f.end - p.text_start], &text[f.start..f.end]);
            }
            found.extend(p.findings.iter().map(describe));
            true
        })
        .unwrap();
        assert_eq!(streamed, Streamed::Scanned);
        (found, count)
    }

    fn describe(f: &Finding<'_>) -> String {
        format!(
            "{}..{} {}:{}-{}:{} u{}..{} {} {}",
            f.start, f.end, f.line, f.column, f.end_line, f.end_column, f.start_utf16, f.end_utf16, f.rule.id, f.fingerprint
        )
    }

    fn whole(text: &[u8]) -> Vec<String> {
        Scanner::default().scan(text).iter().map(describe).collect()
    }

    /// Keys (checksummed GitHub tokens built at run time) among lines of every kind: multi-byte
    /// characters, a long line, CRLF, a key block, a suppressed key, a byte-order mark first.
    fn sample() -> Vec<u8> {
        let token = ["ghp", "zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq17"].join("_");
        let mut text = String::from("\u{FEFF}# config 😀 中文\n");
        for i in 0..400 {
            match i % 7 {
                0 => text.push_str(&format!("GITHUB_TOKEN={token}\n")),
                1 => text.push_str(&format!("é😀 x = \"{token}\" // {i}\r\n")),
                2 => text.push_str(&"lorem ipsum dolor sit amet ".repeat(40)),
                3 => text.push_str(&format!("{}\nt = '{token}'\n", "z".repeat(300))),
                4 => text.push_str(&format!("# keyward:allow\nsuppressed = \"{token}\"\n")),
                5 => text.push_str("\u{FEFF}mid-file mark then 😀😀 and a key "),
                _ => text.push_str(&format!("{token}\n")),
            }
        }
        text.into_bytes()
    }

    #[test]
    fn small_pieces_find_what_the_whole_text_holds_at_the_same_positions() {
        let text = sample();
        let expected = whole(&text);
        assert!(expected.len() > 200, "{}", expected.len());
        for (piece, overlap) in [(997, 400), (4096, 512), (1 << 14, 2048), (text.len(), 1024)] {
            let (found, pieces) = pieces_of(&text, piece, overlap);
            assert!(pieces >= text.len() / (piece + overlap), "{pieces} pieces of {piece}");
            assert_eq!(found, expected, "pieces of {piece} bytes, overlap {overlap}");
        }
    }

    #[test]
    fn one_long_line_is_cut_between_characters() {
        // After a byte-order mark, which columns skip on the first line, in every piece of it.
        let token = ["ghp", "zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq17"].join("_");
        let line: String = (0..300).map(|i| format!("😀中é{} \"{token}\" ", "w".repeat(i % 13))).collect();
        let text = format!("\u{FEFF}{line}");
        let expected = whole(text.as_bytes());
        assert_eq!(expected.len(), 300);
        assert_eq!(pieces_of(text.as_bytes(), 1001, 300).0, expected);
    }

    #[test]
    fn binary_and_utf16_files_are_told_apart_before_any_scan() {
        let scanner = Scanner::default();
        let mut calls = 0;
        let mut run = |bytes: &[u8]| scan_in_pieces(&scanner, bytes, bytes.len(), (64, 16), 10, |_| { calls += 1; true }).unwrap();
        assert_eq!(run(&[0xFF, 0xFE, b'a', 0].repeat(100)), Streamed::Utf16);
        assert_eq!(run(&[b'a', 0].repeat(100)), Streamed::Binary);
        assert_eq!(run(b""), Streamed::Scanned);
        assert_eq!(calls, 0);
    }

    #[test]
    fn a_file_shorter_than_its_size_is_scanned_as_far_as_it_goes() {
        let text = sample();
        let scanner = Scanner::default();
        let mut found = Vec::new();
        let cut = text.len() / 2;
        let streamed = scan_in_pieces(&scanner, &text[..cut], text.len(), (997, 400), usize::MAX, |p| {
            found.extend(p.findings.iter().map(describe));
            true
        })
        .unwrap();
        assert_eq!(streamed, Streamed::Scanned);
        let expected = whole(&text[..cut]);
        assert_eq!(found, expected);
    }

    #[test]
    fn the_caller_can_stop_after_any_piece() {
        let text = sample();
        let scanner = Scanner::default();
        let mut pieces = 0;
        scan_in_pieces(&scanner, &text[..], text.len(), (997, 400), usize::MAX, |_| {
            pieces += 1;
            pieces < 3
        })
        .unwrap();
        assert_eq!(pieces, 3);
    }
}
