//! What must hold for every scan, whatever the input: shared by the property tests
//! (`tests/properties.rs`, stable, in `make test`) and the fuzz targets (`fuzz/`, nightly).
//! Each check panics with a message naming the broken invariant.

// Each user (property tests, each fuzz target) takes the checks it needs.
#![allow(dead_code)]

use keyward_core::{Finding, Scanner, WORK_FLOOR, WORK_PER_BYTE};

/// Text appended after the input in [`check_append_is_unrelated`]: a line that holds no keyword
/// and no value-shaped word, after a line break.
pub const UNRELATED: &str = "\n\nend\n";

/// Everything a finding reports, comparable.
pub type Reported = (String, usize, usize, usize, usize, usize, usize, usize, usize, String, String, String);

pub fn reported(f: &Finding<'_>) -> Reported {
    (
        f.rule.id.to_string(),
        f.start,
        f.end,
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        f.start_utf16,
        f.end_utf16,
        f.confidence.as_str().to_string(),
        f.redacted.clone(),
        f.fingerprint.clone(),
    )
}

/// Line (1-based), column (1-based, UTF-16 units, a leading BOM not counted) and UTF-16 index
/// of byte `offset`, computed the slow, obvious way. `None` when the text up to `offset` is not
/// valid UTF-8 ending on a character boundary.
pub fn naive_position(text: &[u8], offset: usize) -> Option<(usize, usize, usize)> {
    let before = std::str::from_utf8(&text[..offset]).ok()?;
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut column_text = &before[line_start..];
    if line_start == 0 {
        column_text = column_text.strip_prefix('\u{FEFF}').unwrap_or(column_text);
    }
    Some((line, column_text.encode_utf16().count() + 1, before.encode_utf16().count()))
}

/// Spans inside the input, non-empty, sorted and not overlapping; lines, columns and UTF-16
/// indices agree with a naive count; on valid UTF-8 the UTF-16 range slices out exactly the
/// text of the byte range; fingerprints are 32 hex digits; the redacted form does not contain
/// the secret.
pub fn check_findings(text: &[u8], findings: &[Finding<'_>]) {
    let mut previous_end = 0;
    let utf16: Option<Vec<u16>> = std::str::from_utf8(text).ok().map(|s| s.encode_utf16().collect());
    for f in findings {
        let what = format!("{} at {}..{} in {} bytes", f.rule.id, f.start, f.end, text.len());
        assert!(f.start < f.end && f.end <= text.len(), "span out of bounds or empty: {what}");
        assert!(f.start >= previous_end, "findings overlap or are out of order: {what} after end {previous_end}");
        previous_end = f.end;
        assert!(f.line <= f.end_line && f.start_utf16 <= f.end_utf16, "end before start: {what}");
        assert!(f.column >= 1 && f.end_column >= 1, "column 0: {what}");

        let start = naive_position(text, f.start);
        let end = naive_position(text, f.end);
        if let (Some(start), Some(end)) = (start, end) {
            assert_eq!((f.line, f.column, f.start_utf16), start, "start position: {what}");
            assert_eq!((f.end_line, f.end_column, f.end_utf16), end, "end position: {what}");
        } else {
            // Invalid UTF-8 (or a span cutting a character): lines still count line breaks.
            let line = 1 + text[..f.start].iter().filter(|&&b| b == b'\n').count();
            assert_eq!(f.line, line, "start line: {what}");
        }
        if let Some(utf16) = &utf16 {
            let sliced = String::from_utf16(&utf16[f.start_utf16..f.end_utf16]);
            assert_eq!(sliced.as_deref().ok(), std::str::from_utf8(&text[f.start..f.end]).ok(), "UTF-16 slice: {what}");
        }

        assert!(f.fingerprint.len() == 32 && f.fingerprint.bytes().all(|b| b.is_ascii_hexdigit()), "fingerprint: {what}");
        let secret = &text[f.start..f.end];
        assert!(!contains(f.redacted.as_bytes(), secret), "redacted form {:?} shows the secret: {what}", f.redacted);
    }
}

/// Scans `text`, checks the findings (`check_findings`) and the counted-work bound
/// (`work() <= WORK_PER_BYTE * len + WORK_FLOOR`, docs/engine.md).
pub fn scan_checked<'s>(scanner: &'s Scanner, text: &[u8]) -> Vec<Finding<'s>> {
    let (findings, stats) = scanner.scan_with_stats(text);
    let bound = WORK_PER_BYTE * text.len() + WORK_FLOOR;
    assert!(stats.work() <= bound, "work {} over the bound {bound} for {} bytes: {stats:?}", stats.work(), text.len());
    check_findings(text, &findings);
    findings
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

/// `redact(text)` holds no reported secret of 8 bytes or more anywhere outside the redacted
/// forms it inserted (not even a copy the scan did not report; a redacted form may show a
/// rule's public prefix, which can be another finding's whole match), shows each finding's
/// redacted form in order, and is `text` itself when nothing is found.
pub fn check_redact(scanner: &Scanner, text: &str) {
    let findings = scanner.scan(text.as_bytes());
    let redacted = scanner.redact(text);
    if findings.is_empty() {
        assert_eq!(redacted, text, "redact() changed a text without findings");
    }
    let mut rest = redacted.as_str();
    for f in &findings {
        let at = rest.find(&f.redacted).unwrap_or_else(|| panic!("redacted form {:?} of {} missing", f.redacted, f.rule.id));
        rest = &rest[at + f.redacted.len()..];
    }
    // Longest first: a short form (`…AAGI`) can be the tail of a longer one.
    let mut forms: Vec<&str> = findings.iter().map(|f| &*f.redacted).collect();
    forms.sort_by_key(|form| std::cmp::Reverse(form.len()));
    let outside_redacted_forms = forms.iter().fold(vec![redacted.as_str()], |pieces, form| {
        pieces.into_iter().flat_map(|piece| piece.split(form)).collect()
    });
    for f in &findings {
        let secret = &text.as_bytes()[f.start..f.end];
        if secret.len() >= 8 {
            let shown = String::from_utf8_lossy(secret);
            let left = outside_redacted_forms.iter().any(|piece| contains(piece.as_bytes(), secret));
            assert!(!left, "{} secret {shown:?} left in redact() output: {redacted:?}", f.rule.id);
        }
    }
}

/// Findings do not change when unrelated text is appended after a line break.
pub fn check_append_is_unrelated(scanner: &Scanner, text: &[u8]) {
    let before: Vec<Reported> = scanner.scan(text).iter().map(reported).collect();
    let longer = [text, UNRELATED.as_bytes()].concat();
    let after: Vec<Reported> = scanner.scan(&longer).iter().map(reported).collect();
    assert_eq!(before, after, "appending {UNRELATED:?} changed the findings");
}
