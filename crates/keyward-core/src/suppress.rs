//! Inline suppression comments. keyward's own markers, plus those of gitleaks, detect-secrets
//! and secretlint, so a team can switch scanners without touching every marked line.

/// Markers that silence findings on their own line.
const SAME_LINE: &[&[u8]] = &[
    b"keyward:allow",
    b"gitleaks:allow",
    b"pragma: allowlist secret",
    b"secretlint-disable-line",
];

/// Markers that silence findings on the line after them.
const NEXT_LINE: &[&[u8]] = &[
    b"keyward:allow-next-line",
    b"secretlint-disable-next-line",
    b"pragma: allowlist nextline secret",
];

/// True when the finding spanning `start..end` is silenced by a marker on one of its lines or
/// a next-line marker on the line before it.
pub fn is_suppressed(haystack: &[u8], start: usize, end: usize) -> bool {
    let line_start = memchr::memrchr(b'\n', &haystack[..start]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &haystack[end..]).map_or(haystack.len(), |i| end + i);
    if contains_any(&haystack[line_start..line_end], SAME_LINE) {
        return true;
    }
    if line_start == 0 {
        return false;
    }
    let previous_end = line_start - 1;
    let previous_start = memchr::memrchr(b'\n', &haystack[..previous_end]).map_or(0, |i| i + 1);
    contains_any(&haystack[previous_start..previous_end], NEXT_LINE)
}

fn contains_any(line: &[u8], markers: &[&[u8]]) -> bool {
    markers.iter().any(|m| memchr::memmem::find(line, m).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suppressed(text: &str, secret: &str) -> bool {
        let start = text.find(secret).unwrap();
        is_suppressed(text.as_bytes(), start, start + secret.len())
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
}
