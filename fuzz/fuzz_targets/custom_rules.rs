//! Custom rules as users write them (config files, JS `customRules`, editor settings): arbitrary
//! ids, patterns, keywords and allow patterns must give a clean `ConfigError` or a scanner whose
//! findings keep the invariants of `check_findings`. Only the custom rules run (the catalogue is
//! the `scan` target's), so each input builds a small scanner, and scans several texts with it
//! (building is the costly part under libFuzzer, which hooks every string comparison).
#![no_main]

#[path = "../../crates/keyward-core/tests/invariants/mod.rs"]
mod invariants;

use std::sync::LazyLock;

use arbitrary::Arbitrary;
use keyward_core::{Confidence, CustomRule, Scanner, ScannerConfig};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Rule {
    id: String,
    pattern: String,
    keywords: Vec<String>,
    /// 0: none, 1-3: low, medium, high.
    confidence: u8,
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    rules: Vec<Rule>,
    allow: Vec<String>,
    min_confidence: u8,
    texts: Vec<&'a [u8]>,
}

static BUILTIN_IDS: LazyLock<Vec<String>> =
    LazyLock::new(|| Scanner::default().rules().iter().map(|r| r.id.to_string()).collect());

fn confidence(n: u8) -> Option<Confidence> {
    [Confidence::Low, Confidence::Medium, Confidence::High].get(usize::from(n % 4).checked_sub(1)?).copied()
}

fuzz_target!(|input: Input<'_>| {
    let config = ScannerConfig {
        disable: BUILTIN_IDS.clone(),
        custom_rules: input
            .rules
            .into_iter()
            .take(4)
            .map(|r| CustomRule {
                id: r.id,
                pattern: r.pattern,
                keywords: r.keywords,
                confidence: confidence(r.confidence),
                ..Default::default()
            })
            .collect(),
        allow: input.allow.into_iter().take(2).collect(),
        min_confidence: confidence(input.min_confidence),
        ..Default::default()
    };
    match Scanner::new(config) {
        Ok(scanner) => {
            for text in input.texts.into_iter().take(4) {
                invariants::scan_checked(&scanner, text);
            }
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
});
