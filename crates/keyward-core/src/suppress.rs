//! Inline suppression comments. keyward's own markers, plus those of gitleaks, detect-secrets
//! and secretlint, so a team can switch scanners without touching every marked line.
//!
//! Markers are matched the way people type them: any letter case, and any spaces or tabs around
//! the colon (`# keyward:allow`, `# keyward: allow`, `// KEYWARD:ALLOW`, `# gitleaks: allow`).

use crate::word_set::WordSet;

/// `<tool>:allow` markers: `tool`, optional blanks, `:`, optional blanks, `allow`. Followed by
/// `-next-line`, the marker silences the next line instead (it also covers its own line).
const ALLOW_TOOLS: &[&[u8]] = &[b"keyward", b"gitleaks"];
const ALLOW: &[u8] = b"allow";
const NEXT_LINE_SUFFIX: &[u8] = b"-next-line";

/// Other tools' markers that silence findings on their own line.
const SAME_LINE: &[&[u8]] = &[b"pragma: allowlist secret", b"secretlint-disable-line"];

/// Other tools' markers that silence findings on the line after them.
const NEXT_LINE: &[&[u8]] = &[b"secretlint-disable-next-line", b"pragma: allowlist nextline secret"];

/// A word every marker above holds.
static MARKER_WORDS: WordSet = WordSet::new(&[b"keyward", b"gitleaks", b"pragma", b"secretlint"], 0);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Reach {
    SameLine,
    NextLine,
}

/// True when the finding spanning `start..end` is silenced by a marker on one of its lines or
/// a next-line marker on the line before it.
#[cfg(test)]
pub fn is_suppressed(haystack: &[u8], start: usize, end: usize) -> bool {
    Suppressions::new(haystack).is_suppressed(start, end)
}

/// Checks findings in position order, finding each line's bounds and reading its markers once:
/// on a long line with many findings (a minified bundle), a check per finding from scratch
/// would read the line once per finding.
pub struct Suppressions<'h> {
    haystack: &'h [u8],
    /// Where the previous check's span started and ended, and the lines around it.
    last_start: usize,
    last_line_start: usize,
    last_line_end: usize,
    /// The lines last checked and the verdict.
    checked: Option<(usize, usize, bool)>,
    /// Bytes read so far (the work counter).
    pub bytes_read: usize,
}

impl<'h> Suppressions<'h> {
    pub fn new(haystack: &'h [u8]) -> Self {
        Suppressions { haystack, last_start: 0, last_line_start: 0, last_line_end: 0, checked: None, bytes_read: 0 }
    }

    /// [`is_suppressed`] for spans given in increasing order of `start` (and of `end`).
    pub fn is_suppressed(&mut self, start: usize, end: usize) -> bool {
        let haystack = self.haystack;
        let from = self.last_start.min(start);
        let line_start = memchr::memrchr(b'\n', &haystack[from..start]).map_or(self.last_line_start, |i| from + i + 1);
        let line_end = if end <= self.last_line_end {
            self.last_line_end
        } else {
            memchr::memchr(b'\n', &haystack[end..]).map_or(haystack.len(), |i| end + i)
        };
        self.bytes_read += (start - from) + line_end.saturating_sub(end.max(self.last_line_end));
        (self.last_start, self.last_line_start, self.last_line_end) = (start, line_start, line_end);
        if let Some((s, e, verdict)) = self.checked {
            if (s, e) == (line_start, line_end) {
                return verdict;
            }
        }
        let verdict = self.check(line_start, line_end);
        self.checked = Some((line_start, line_end, verdict));
        verdict
    }

    fn check(&mut self, line_start: usize, line_end: usize) -> bool {
        let haystack = self.haystack;
        self.bytes_read += line_end - line_start;
        if has_marker(&haystack[line_start..line_end], Reach::SameLine) {
            return true;
        }
        if line_start == 0 {
            return false;
        }
        let previous_end = line_start - 1;
        let previous_start = memchr::memrchr(b'\n', &haystack[..previous_end]).map_or(0, |i| i + 1);
        self.bytes_read += previous_end - previous_start;
        has_marker(&haystack[previous_start..previous_end], Reach::NextLine)
    }
}

/// True when `line` holds a marker that reaches as far as `reach` (a next-line marker also
/// silences its own line). Every marker starts with a word of [`MARKER_WORDS`], so markers are
/// compared only where one of those words starts: one pass over the line, even when it is a
/// megabyte long and holds those words everywhere.
fn has_marker(line: &[u8], reach: Reach) -> bool {
    let others = if reach == Reach::SameLine { SAME_LINE } else { NEXT_LINE };
    let mut from = 0;
    while let Some(at) = MARKER_WORDS.first_start(line, from..line.len()) {
        let rest = &line[at..];
        let found = others.iter().any(|marker| starts_with_ignore_case(rest, marker))
            || ALLOW_TOOLS.iter().any(|tool| {
                starts_with_ignore_case(rest, tool)
                    && allow_after(&rest[tool.len()..])
                        .is_some_and(|after| reach == Reach::SameLine || starts_with_ignore_case(after, NEXT_LINE_SUFFIX))
            });
        if found {
            return true;
        }
        from = at + 1;
    }
    false
}

/// After a tool name: blanks, `:`, blanks, `allow`; returns what follows `allow`.
fn allow_after(text: &[u8]) -> Option<&[u8]> {
    let text = trim_blanks(text).strip_prefix(b":")?;
    let text = trim_blanks(text);
    starts_with_ignore_case(text, ALLOW).then(|| &text[ALLOW.len()..])
}

fn trim_blanks(text: &[u8]) -> &[u8] {
    let blanks = text.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
    &text[blanks..]
}

fn starts_with_ignore_case(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::vec::Vec;

    use super::*;

    /// `has_marker` compares markers only where a word of `MARKER_WORDS` starts.
    #[test]
    fn every_marker_starts_with_a_marker_word() {
        for marker in ALLOW_TOOLS.iter().chain(SAME_LINE).chain(NEXT_LINE) {
            assert_eq!(MARKER_WORDS.first_start(marker, 0..1), Some(0), "{}", core::str::from_utf8(marker).unwrap());
        }
    }

    fn suppressed(text: &str, secret: &str) -> bool {
        let start = text.find(secret).unwrap();
        is_suppressed(text.as_bytes(), start, start + secret.len())
    }

    #[test]
    fn spans_checked_in_order_on_one_line_and_across_lines() {
        let text = b"a = X1 b = X2 # keyward:allow\nc = X3\n// keyward:allow-next-line\nd = X4 e = X5\nf = X6";
        let mut suppressions = Suppressions::new(text);
        let verdicts: Vec<bool> = ["X1", "X2", "X3", "X4", "X5", "X6"]
            .iter()
            .map(|secret| {
                let start = text.windows(2).position(|w| w == secret.as_bytes()).unwrap();
                suppressions.is_suppressed(start, start + 2)
            })
            .collect();
        assert_eq!(verdicts, [true, true, false, true, true, false]);
        assert!(suppressions.bytes_read <= 3 * text.len());
    }

    #[test]
    fn markers_on_the_line_and_the_line_before() {
        assert!(suppressed("a\nk = SECRET # keyward:allow\n", "SECRET"));
        assert!(suppressed("k = SECRET // gitleaks:allow", "SECRET"));
        assert!(suppressed("k = SECRET  # pragma: allowlist secret", "SECRET"));
        assert!(suppressed("// keyward:allow-next-line\nk = SECRET\n", "SECRET"));
        assert!(suppressed("// secretlint-disable-next-line\nk = SECRET\n", "SECRET"));
        assert!(!suppressed("k = SECRET\n# keyward:allow\n", "SECRET"));
        assert!(!suppressed("// keyward:allow-next-line\n\nk = SECRET\n", "SECRET"));
    }

    #[test]
    fn the_spellings_people_type() {
        for marker in [
            "# keyward: allow",
            "# keyward:allow",
            "// KEYWARD:ALLOW",
            "# Keyward : Allow",
            "#keyward:\tallow",
            "# gitleaks: allow",
            "# Pragma: Allowlist Secret",
            "/* keyward:allow */",
        ] {
            assert!(suppressed(&format!("k = SECRET {marker}\n"), "SECRET"), "{marker}");
        }
        for marker in ["# keyward: allow-next-line", "// KEYWARD:ALLOW-NEXT-LINE", "# keyward : allow-Next-Line"] {
            assert!(suppressed(&format!("{marker}\nk = SECRET\n"), "SECRET"), "{marker}");
        }
        for not_a_marker in ["# keyward allow", "# keyward; allow", "# keyward: disallow", "# keyward project: allow"] {
            assert!(!suppressed(&format!("k = SECRET {not_a_marker}\n"), "SECRET"), "{not_a_marker}");
        }
        // A same-line marker on the line before does not reach the next line.
        assert!(!suppressed("# keyward: allow\nk = SECRET\n", "SECRET"));
    }
}
