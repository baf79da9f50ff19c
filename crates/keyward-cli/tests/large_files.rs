//! Files larger than a piece (2 MiB) are read and scanned in overlapping pieces (src/pieces.rs):
//! every key is found once, at its position in the file, whatever piece it falls in.

use std::collections::BTreeSet;

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{code, findings, keyward, stderr, write, Rng};

/// Over three pieces.
const LARGE: usize = 7 << 20;

/// (line, column, end column) of each finding, UTF-16 columns as editors count them.
fn positions(found: &[Value]) -> BTreeSet<(u64, u64, u64)> {
    found.iter().map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap(), f["endColumn"].as_u64().unwrap())).collect()
}

/// Text of about `LARGE` bytes with keys on lines of every kind (multi-byte characters, CRLF, a
/// line of 3 MB holding keys), and where each key is: (line, column, end column).
fn large_text(rng: &mut Rng) -> (String, BTreeSet<(u64, u64, u64)>) {
    let mut text = String::from("\u{FEFF}");
    let mut expected = BTreeSet::new();
    let mut line = 1;
    let mut column = 1; // of the next character, in UTF-16 units (the mark does not count)
    let push = |text: &mut String, piece: &str, line: &mut u64, column: &mut u64| {
        for part in piece.split_inclusive('\n') {
            text.push_str(part);
            if part.ends_with('\n') {
                *line += 1;
                *column = 1;
            } else {
                *column += part.encode_utf16().count() as u64;
            }
        }
    };
    let mut i = 0;
    while text.len() < LARGE {
        i += 1;
        let token = rng.github_classic_token();
        let (before, after) = match i % 5 {
            0 => ("GITHUB_TOKEN=".to_owned(), "\n".to_owned()),
            1 => (format!("é😀 中文 {} x = \"", "lorem ".repeat(i % 97)), "\"\r\n".to_owned()),
            2 => ("ok ".repeat(2000) + "'", "' ".to_owned()), // the line goes on
            3 if i == 3 => ("😀".repeat(3 << 18) + " t=", " \n".to_owned()), // one line of 3 MB
            _ => ("  token: ".to_owned(), "\n".to_owned()),
        };
        push(&mut text, &before, &mut line, &mut column);
        expected.insert((line, column, column + token.len() as u64));
        push(&mut text, &token, &mut line, &mut column);
        push(&mut text, &after, &mut line, &mut column);
    }
    (text, expected)
}

#[test]
fn every_key_of_a_large_file_is_found_once_at_its_position() {
    let dir = TempDir::new().unwrap();
    let (text, expected) = large_text(&mut Rng::new(51));
    assert!(text.len() > LARGE && expected.len() > 1000, "{} keys", expected.len());
    write(dir.path(), "large.txt", &text);
    let output = keyward(dir.path(), &["scan", "-f", "json"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let found = findings(&output);
    assert_eq!(found.len(), expected.len(), "each key once");
    assert_eq!(positions(&found), expected);
    for f in &found {
        let (start, end) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert!(text[start..end].starts_with("ghp_"), "byte offsets in the file");
    }
}

#[test]
fn a_large_dump_stops_at_the_cap_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let mut rng = Rng::new(52);
    // Long enough to reach the cap within the engine's budget (past its floor, about one key
    // per 700 bytes of a dump this dense): over the default size limit.
    let dump: String = (0..350_000).map(|_| format!("{}\n", rng.github_classic_token())).collect();
    assert!(dump.len() > 14_000_000);
    write(dir.path(), "dump.txt", dump);
    let output = keyward(dir.path(), &["scan", "-f", "json", "--max-file-size", "20M"]);
    assert_eq!(findings(&output).len(), 10_000);
    assert!(stderr(&output).contains("keyward: warning: dump.txt: the scan stopped early"), "{}", stderr(&output));
}

#[test]
fn large_utf16_and_binary_files_are_told_apart() {
    let dir = TempDir::new().unwrap();
    let token = Rng::new(53).github_classic_token();
    let text = format!("{}GITHUB_TOKEN={token}\r\n", "# é 😀 filler\r\n".repeat(300_000));
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    assert!(utf16.len() > 3 << 20);
    write(dir.path(), "large-utf16.env", utf16);
    write(dir.path(), "large.bin", [&b"\x7fELF\0\0"[..], &format!("{}\n", token).repeat(100_000).into_bytes()].concat());
    let output = keyward(dir.path(), &["scan", "-f", "json"]);
    let found = findings(&output);
    assert_eq!(found.len(), 1, "the binary file is skipped: {found:?}");
    assert_eq!(found[0]["path"], "large-utf16.env");
    assert_eq!((found[0]["line"].as_u64(), found[0]["column"].as_u64()), (Some(300_001), Some(14)));
}
