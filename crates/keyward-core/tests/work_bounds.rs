//! The linear-time guarantee, tested with counted work (not wall-clock): for every hostile input
//! built from the catalogue itself (`tests/hostile`: every keyword flooded, examples glued and
//! near-missed, character runs, JWT chains, unterminated key blocks, decoder floods...),
//! `ScanStats::work() <= WORK_PER_BYTE * len + WORK_FLOOR` (docs/engine.md). Each test prints its
//! largest work per byte, and which inputs hit a cap (`truncated`).
//!
//! Sizes: per-keyword and per-rule inputs are small (there are hundreds; a quadratic cost still
//! shows: at 16 KiB, a rescan per keyword hit costs hundreds of work units per byte), inputs
//! shaped against the whole engine are larger, and one is 10 MB.

mod hostile;

use hostile::Hostile;
use keyward_core::{Scanner, CATALOGUE_EXAMPLES, WORK_FLOOR, WORK_PER_BYTE};

const PER_ITEM_SIZE: usize = 16 << 10;
const SHAPE_SIZE: usize = 256 << 10;

/// Scans each input and fails listing every one over the bound; prints the largest ratios.
fn assert_bounded(family: &str, inputs: Vec<Hostile>) {
    let scanner = Scanner::default();
    let mut measured: Vec<(f64, String, bool)> = Vec::new();
    let mut over = Vec::new();
    for input in &inputs {
        let (findings, stats) = scanner.scan_with_stats(&input.bytes);
        let len = input.bytes.len();
        let work = stats.work();
        if work > WORK_PER_BYTE * len + WORK_FLOOR {
            over.push(format!("{}: work {work} for {len} bytes ({:.1}/byte), {stats:?}", input.name, work as f64 / len as f64));
        }
        measured.push((work as f64 / len as f64, format!("{} ({} findings)", input.name, findings.len()), stats.truncated));
    }
    measured.sort_by(|a, b| b.0.total_cmp(&a.0));
    eprintln!("{family}: {} inputs, largest work per byte (bound {WORK_PER_BYTE} + {WORK_FLOOR}/len):", inputs.len());
    for (ratio, name, truncated) in measured.iter().take(8) {
        eprintln!("  {ratio:7.2}  {name}{}", if *truncated { "  [truncated]" } else { "" });
    }
    let truncated: Vec<&str> = measured.iter().filter(|m| m.2).map(|m| m.1.as_str()).collect();
    eprintln!("  truncated: {} of {}: {truncated:?}", truncated.len(), inputs.len());
    assert!(over.is_empty(), "{family}: {} inputs over the bound:\n{}", over.len(), over.join("\n"));
}

#[test]
fn every_keyword_flooded() {
    let scanner = Scanner::default();
    assert_bounded("keyword floods", hostile::keyword_floods(&scanner, PER_ITEM_SIZE));
}

#[test]
fn every_rule_s_examples_glued_and_near_missed() {
    assert_bounded("example floods", hostile::example_floods(PER_ITEM_SIZE));
}

#[test]
fn inputs_shaped_against_the_engine() {
    let scanner = Scanner::default();
    assert_bounded("shapes", hostile::shapes(&scanner, SHAPE_SIZE));
}

#[test]
fn ten_megabytes_of_one_letter() {
    assert_bounded("10 MB", vec![Hostile { name: "10 MB of a".into(), bytes: vec![b'a'; 10_000_000] }]);
}

/// The bound holds at every size, not only at the sizes above: the JWT chain, the densest
/// keyword flood and glued examples, from 1 KiB to 1 MiB.
#[test]
fn the_bound_holds_as_inputs_grow() {
    let examples: String = CATALOGUE_EXAMPLES.iter().flat_map(|r| r.examples.iter().copied()).collect();
    let units: [(&str, &[u8]); 3] =
        [("JWT chain", b"eyJhbGciOiJIUzI1NiJ9."), ("keyword", b"key"), ("examples", examples.as_bytes())];
    let mut inputs = Vec::new();
    for (name, unit) in units {
        for size in [1 << 10, 16 << 10, 256 << 10, 1 << 20] {
            inputs.push(Hostile { name: format!("{name} at {size} bytes"), bytes: hostile::repeat_to(unit, size) });
        }
    }
    assert_bounded("growing", inputs);
}

/// Caps are for hostile input. Text of ordinary density is scanned whole whatever its length:
/// every example and negative of the catalogue, each after a kilobyte of ordinary code (4.5 MB,
/// ~4,500 matches). So is a text of ordinary size however dense: 300 keys one per line.
/// What gets cut is a large text dense with matches (a dump of keys, a megabyte of glued
/// examples): see docs/engine.md.
#[test]
fn ordinary_text_is_not_truncated() {
    let scanner = Scanner::default();
    let code = "fn render(items: &[Item], out: &mut String) {\n    for item in items.iter().filter(|i| i.visible) {\n        out.push_str(&item.label);\n    }\n}\n"
        .repeat(1024 / 110);
    let lines: Vec<&str> = CATALOGUE_EXAMPLES.iter().flat_map(|r| r.examples.iter().chain(r.negatives)).copied().collect();
    let mut text = Vec::new();
    for line in &lines {
        text.extend_from_slice(code.as_bytes());
        text.extend_from_slice(format!("{line}\n").as_bytes());
    }
    let (findings, stats) = scanner.scan_with_stats(&text);
    assert!(!stats.truncated, "{} bytes: {stats:?}", text.len());
    assert!(findings.len() > 1000, "{} findings", findings.len());

    let dense: String = lines.iter().take(300).map(|line| format!("{line}\n")).collect();
    let (findings, stats) = scanner.scan_with_stats(dense.as_bytes());
    assert!(!stats.truncated, "{stats:?}");
    assert!(findings.len() > 100, "{} findings", findings.len());
}

/// Inputs the `scan` fuzz target failed on (`tests/fuzz-found`; `properties.rs` checks the other
/// invariants on them). One went over the bound: a small text dense with candidates, whose
/// decoded copies and checks once had budgets of their own.
#[test]
fn inputs_found_by_the_fuzzer() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-found");
    let inputs: Vec<Hostile> = std::fs::read_dir(&folder)
        .expect("tests/fuzz-found")
        .map(|entry| {
            let path = entry.expect("a readable entry").path();
            Hostile { name: path.file_name().unwrap().to_string_lossy().into_owned(), bytes: std::fs::read(&path).expect("readable") }
        })
        .collect();
    assert!(!inputs.is_empty());
    assert_bounded("found by the fuzzer", inputs);
}

/// A pattern ending in `{11,}` over merged windows once matched a whole line of glued keywords
/// (`key=key=…`), and its groups were resolved by the PikeVM over megabytes. Matches longer
/// than the rule allows are dropped: a real value after the run is still found.
#[test]
fn a_run_of_glued_keywords_is_no_single_match() {
    let scanner = Scanner::default();
    let mut text = "apikey=".repeat(20_000);
    text.push_str("\nAPI_KEY=\"q8Zr4Kx2Vn7Tb5Wm3Yc9Ld1Fh6Jp0Gs\"\n");
    let (findings, stats) = scanner.scan_with_stats(text.as_bytes());
    let found: Vec<&str> = findings.iter().map(|f| f.secret(text.as_bytes())).map(|s| std::str::from_utf8(s).unwrap()).collect();
    assert_eq!(found, ["q8Zr4Kx2Vn7Tb5Wm3Yc9Ld1Fh6Jp0Gs"], "{stats:?}");
    // The run is searched once and read back once (the overlong match's start), its groups not
    // resolved: that was 3 times its length.
    assert!(stats.bytes_searched < 5 * text.len() / 2, "{stats:?}");
}

/// A flood of hits long enough to spend the budget (every hit pays for its window) cuts the
/// text right after it, and says so; the budget fills again as the scan goes on, so a key a few
/// kilobytes further is found.
#[test]
fn the_text_after_a_flood_gets_its_own_allowance() {
    let scanner = Scanner::default();
    let key = "API_KEY=\"q8Zr4Kx2Vn7Tb5Wm3Yc9Ld1Fh6Jp0Gs\"\n";
    let flood = "apikey=".repeat(300_000);
    let (findings, stats) = scanner.scan_with_stats(format!("{flood}\n{key}").as_bytes());
    assert!(findings.is_empty() && stats.truncated, "{stats:?}");
    let later = format!("{flood}\n{}{key}", "let total = items.len() + 1;\n".repeat(300));
    let (findings, stats) = scanner.scan_with_stats(later.as_bytes());
    assert_eq!(findings.len(), 1, "{stats:?}");
    assert!(stats.truncated);
}

/// Found by the `custom_rules` fuzz target: custom keywords that are runs of one letter, on a
/// short run of that letter. Every position of a block looked up several long keywords, and the
/// compare cap was checked once per 64-byte block, not per lookup: one block went far past it.
#[test]
fn long_keywords_sharing_a_lookup_on_a_short_flood() {
    let all: Vec<String> = Scanner::default().rules().iter().map(|r| r.id.to_string()).collect();
    let keywords = [5, 10, 17, 28, 29, 120, 180].map(|n| "m".repeat(n)).to_vec();
    let rule = keyward_core::CustomRule { id: "runs".into(), pattern: "m".into(), keywords, ..Default::default() };
    let config = keyward_core::ScannerConfig { disable: all, custom_rules: vec![rule], ..Default::default() };
    let scanner = Scanner::new(config).expect("a valid custom rule");
    let mut over = Vec::new();
    for len in [100, 613, 4096] {
        let text = "m".repeat(len);
        let work = scanner.scan_with_stats(text.as_bytes()).1.work();
        if work > WORK_PER_BYTE * len + WORK_FLOOR {
            over.push(format!("{len} bytes: work {work}"));
        }
    }
    assert!(over.is_empty(), "over the bound: {over:?}");
}
