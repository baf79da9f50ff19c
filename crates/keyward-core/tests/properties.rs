//! Property tests (proptest, stable): the invariants the fuzz targets check (`fuzz/`), on texts
//! assembled from the catalogue's own examples and keywords, separators, escapes and Unicode —
//! so that findings actually occur — and on arbitrary strings.

mod invariants;

use std::sync::LazyLock;

use keyward_core::decode_for_fuzzing as decode;
use keyward_core::position::{PositionCursor, UTF8_BOM};
use keyward_core::{decode_text, Scanner, CATALOGUE_EXAMPLES};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

static SCANNER: LazyLock<Scanner> = LazyLock::new(Scanner::default);

/// Every example of every rule, and every keyword: the pieces texts are built from.
static PIECES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let examples = CATALOGUE_EXAMPLES.iter().flat_map(|r| r.examples.iter().map(|e| e.to_string()));
    let keywords = SCANNER.rules().iter().flat_map(|r| r.keywords().iter().map(|k| k.to_string()));
    examples.chain(keywords).collect()
});

const SEPARATORS: &[&str] = &[
    "\n", "\r\n", " ", "=", ": ", "\"", "'", "\\n", "\\\"", "%3D", "%2F", "\t", "😀", "中文", "é", "\u{FEFF}", "# keyward:allow",
    "kind: Secret\ndata:\n  k: ", "-----BEGIN PRIVATE KEY-----\n",
];

/// A text of catalogue pieces (sometimes cut short by one character), separators and arbitrary
/// strings, in any order.
fn catalogue_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => (0..PIECES.len(), any::<bool>()).prop_map(|(i, cut)| {
            let piece = &PIECES[i];
            let end = if cut { piece.char_indices().last().map_or(0, |(at, _)| at) } else { piece.len() };
            piece[..end].to_string()
        }),
        3 => proptest::sample::select(SEPARATORS).prop_map(str::to_string),
        2 => "[a-zA-Z0-9_+/=-]{0,40}",
        1 => any::<String>(),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

fn utf16_with_bom(text: &str, big_endian: bool) -> Vec<u8> {
    std::iter::once(0xFEFF)
        .chain(text.encode_utf16())
        .flat_map(|unit| if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn findings_are_consistent(text in catalogue_text()) {
        invariants::scan_checked(&SCANNER, text.as_bytes());
    }

    #[test]
    fn findings_are_consistent_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        invariants::scan_checked(&SCANNER, &bytes);
    }

    #[test]
    fn appending_an_unrelated_line_changes_nothing(text in catalogue_text()) {
        let scanned = SCANNER.scan_with_stats(text.as_bytes());
        invariants::check_append_is_unrelated(&SCANNER, text.as_bytes(), &scanned);
    }

    #[test]
    fn redact_leaves_no_reported_secret(text in catalogue_text()) {
        invariants::check_redact(&SCANNER, &text);
    }

    /// Lines, UTF-16 columns and indices at every character boundary, against a naive count.
    #[test]
    fn positions_match_a_naive_count(text in catalogue_text(), bom in any::<bool>()) {
        let text = if bom { format!("\u{FEFF}{text}") } else { text };
        let bytes = text.as_bytes();
        let mut cursor = PositionCursor::new(bytes);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let p = cursor.position(offset);
            prop_assert_eq!(Some((p.line, p.column, p.utf16_index)), invariants::naive_position(bytes, offset));
        }
    }

    /// A UTF-16 file with a BOM scans like its text: same findings, and each finding's UTF-16
    /// range slices the secret out of the file's own code units.
    #[test]
    fn utf16_files_scan_like_their_text(text in catalogue_text(), big_endian in any::<bool>()) {
        let file = utf16_with_bom(&text, big_endian);
        let decoded = decode_text(&file);
        prop_assert_eq!(&decoded[..], [UTF8_BOM, text.as_bytes()].concat());
        let units: Vec<u16> = std::iter::once(0xFEFF).chain(text.encode_utf16()).collect();
        let findings = SCANNER.scan(&decoded);
        invariants::check_findings(&decoded, &findings);
        for f in &findings {
            let secret = String::from_utf16(&units[f.start_utf16..f.end_utf16]).unwrap();
            prop_assert_eq!(secret.as_bytes(), &decoded[f.start..f.end]);
        }
        // Columns are the text's: the BOM shifts none (unless the text starts with a U+FEFF of
        // its own, which then is a character after the BOM).
        prop_assume!(!text.starts_with('\u{FEFF}'));
        let plain: Vec<_> = SCANNER.scan(text.as_bytes()).iter().map(|f| (f.rule.id.to_string(), f.line, f.column)).collect();
        let with_bom: Vec<_> = findings.iter().map(|f| (f.rule.id.to_string(), f.line, f.column)).collect();
        prop_assert_eq!(plain, with_bom);
    }

    /// Percent-encoding any bytes of a text and decoding gives the text back, every decoded
    /// byte mapped to the input it came from.
    #[test]
    fn percent_decoding_inverts_encoding(text in catalogue_text(), mask in any::<u64>()) {
        let encoded: String = text.bytes().enumerate().map(|(i, b)| {
            let encode = mask >> (i % 64) & 1 == 1 || b == b'%' || !b.is_ascii();
            if encode { format!("%{b:02X}") } else { (b as char).to_string() }
        }).collect();
        let (bytes, spans) = decode::percent(encoded.as_bytes());
        prop_assert_eq!(&bytes, text.as_bytes());
        let mut at = 0;
        for (byte, span) in bytes.iter().zip(&spans) {
            prop_assert_eq!(span.start, at);
            let source = &encoded.as_bytes()[span.clone()];
            let escape = format!("%{:02X}", byte);
            prop_assert!(source == [*byte] || source == escape.as_bytes(), "{:?} from {:?}", byte, source);
            at = span.end;
        }
        prop_assert_eq!(at, encoded.len());
    }

    /// JSON-escaping an ASCII text and decoding it gives the text back.
    #[test]
    fn json_decoding_inverts_escaping(text in "[ -~\n\t\r]{0,200}", unicode_escapes in any::<bool>()) {
        let escaped: String = text.chars().map(|c| match c {
            '"' => "\\\"".to_string(),
            '\\' => "\\\\".to_string(),
            '\n' => "\\n".to_string(),
            '\t' => "\\t".to_string(),
            '\r' => "\\r".to_string(),
            c if unicode_escapes && c.is_ascii_alphabetic() => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        }).collect();
        let (bytes, _) = decode::json_escapes(escaped.as_bytes());
        prop_assert_eq!(bytes, text.as_bytes());
    }

    /// A key example written JSON-escaped or percent-encoded is found at its encoded span.
    #[test]
    fn encoded_examples_are_found_where_they_are_written(rule in 0..CATALOGUE_EXAMPLES.len(), percent in any::<bool>()) {
        let Some(example) = CATALOGUE_EXAMPLES[rule].examples.first() else { return Ok(()) };
        let plain = SCANNER.scan(example.as_bytes());
        let Some(found) = plain.iter().find(|f| f.rule.id == CATALOGUE_EXAMPLES[rule].id) else { return Ok(()) };
        let secret = &example[found.start..found.end];
        // Only secrets the encoding changes (else the plain scan already finds them).
        let encoded: String = if percent {
            secret.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
        } else {
            secret.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
        };
        prop_assume!(encoded != secret);
        let text = [&example[..found.start], &encoded, &example[found.end..]].concat();
        let findings = SCANNER.scan(text.as_bytes());
        let at = found.start..found.start + encoded.len();
        prop_assert!(
            findings.iter().any(|f| (f.start..f.end) == at),
            "{} not found at {:?} in {:?}: {:?}", found.rule.id, at, text, findings.iter().map(|f| (&f.rule.id, f.start..f.end)).collect::<Vec<_>>()
        );
    }
}

/// The generated texts do contain findings (else the properties above would hold vacuously).
#[test]
fn generated_texts_hold_findings() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = catalogue_text();
    let texts: Vec<String> = (0..200).map(|_| strategy.new_tree(&mut runner).unwrap().current()).collect();
    let with_findings = texts.iter().filter(|t| !SCANNER.scan(t.as_bytes()).is_empty()).count();
    assert!(with_findings >= 50, "only {with_findings} of 200 generated texts hold a finding");
    eprintln!("{with_findings} of 200 generated texts hold a finding");
}

/// Found by the `scan` fuzz target: a YAML-like block whose last line (with the key) had no
/// newline was cut from the block, so appending a line changed the findings on it.
#[test]
fn appending_after_a_block_without_a_final_newline_changes_nothing() {
    let text = b"{ELEVENLABS_API_KEY\"0//0Maa78iQthHjhHOmro1G3a8\"cell\": \"general_settings:\\n  master_key: sk-W4uR9pLq:w7JNDcQ6uzAhJnfdECgdKkG5OaG{\"siningKey\": \"91ee11ce35835f75be15bfc9065f0e51\x01\xff\xff\x00\x0e";
    let scanned = SCANNER.scan_with_stats(text);
    assert!(scanned.0.iter().any(|f| f.rule.id == "elevenlabs-api-key-legacy"), "the block's keyword names the value");
    invariants::check_append_is_unrelated(&SCANNER, text, &scanned);
}

/// Every input the `scan` fuzz target failed on (`tests/fuzz-found`) keeps the invariants now:
/// counted work within the bound, consistent positions, and appending a line changes nothing.
/// (`line-break-right-at-the-context-reach`: a `curl -u` password ending where a keyword's reach
/// ended was found only when the text stopped there, not when a line break followed;
/// `tie-breaks-past-their-budget`: which of two providers was named changed with the text's
/// length, without `truncated` saying that a cap decided it; `last-line-ending-at-the-block-reach`:
/// a YAML block kept the text's last line only when no line break followed it.)
#[test]
fn inputs_found_by_the_fuzzer_keep_the_invariants() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-found");
    let mut checked = 0;
    for entry in std::fs::read_dir(folder).expect("tests/fuzz-found") {
        let text = std::fs::read(entry.expect("a readable entry").path()).expect("readable");
        let scanned = invariants::scan_checked(&SCANNER, &text);
        invariants::check_append_is_unrelated(&SCANNER, &text, &scanned);
        checked += 1;
    }
    assert!(checked >= 2);
}
