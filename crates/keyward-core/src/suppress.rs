//! Inline suppression comments. keyward's own markers, plus those of gitleaks, detect-secrets
//! and secretlint, so a team can switch scanners without touching every marked line.
//!
//! Markers are matched the way people type them: any letter case, and any spaces or tabs around
//! the colon (`# keyward:allow`, `# keyward: allow`, `// KEYWARD:ALLOW`, `# gitleaks: allow`).

/// `<tool>:allow` markers: `tool`, optional blanks, `:`, optional blanks, `allow`. Followed by
/// `-next-line`, the marker silences the next line instead (it also covers its own line).
const ALLOW_TOOLS: &[&[u8]] = &[b"keyward", b"gitleaks"];
const ALLOW: &[u8] = b"allow";
const NEXT_LINE_SUFFIX: &[u8] = b"-next-line";

/// Other tools' markers that silence findings on their own line.
const SAME_LINE: &[&[u8]] = &[b"pragma: allowlist secret", b"secretlint-disable-line"];

/// Other tools' markers that silence findings on the line after them.
const NEXT_LINE: &[&[u8]] = &[b"secretlint-disable-next-line", b"pragma: allowlist nextline secret"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Reach {
    SameLine,
    NextLine,
}

/// True when the finding spanning `start..end` is silenced by a marker on one of its lines or
/// a next-line marker on the line before it.
pub fn is_suppressed(haystack: &[u8], start: usize, end: usize) -> bool {
    let line_start = memchr::memrchr(b'\n', &haystack[..start]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &haystack[end..]).map_or(haystack.len(), |i| end + i);
    if has_marker(&haystack[line_start..line_end], Reach::SameLine) {
        return true;
    }
    if line_start == 0 {
        return false;
    }
    let previous_end = line_start - 1;
    let previous_start = memchr::memrchr(b'\n', &haystack[..previous_end]).map_or(0, |i| i + 1);
    has_marker(&haystack[previous_start..previous_end], Reach::NextLine)
}

/// True when `line` holds a marker that reaches as far as `reach` (a next-line marker also
/// silences its own line).
fn has_marker(line: &[u8], reach: Reach) -> bool {
    let others = if reach == Reach::SameLine { SAME_LINE } else { NEXT_LINE };
    if others.iter().any(|marker| find_ignore_case(line, marker).is_some()) {
        return true;
    }
    ALLOW_TOOLS.iter().any(|tool| {
        let mut rest = line;
        while let Some(at) = find_ignore_case(rest, tool) {
            rest = &rest[at + tool.len()..];
            if let Some(after) = allow_after(rest) {
                if reach == Reach::SameLine || starts_with_ignore_case(after, NEXT_LINE_SUFFIX) {
                    return true;
                }
            }
        }
        false
    })
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

/// Where `needle` (lower-case ASCII) first occurs in `haystack`, ignoring ASCII case. Lines are
/// short and this runs only for candidate findings, so a plain search is enough.
fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use alloc::format;

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
