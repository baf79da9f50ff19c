//! `make eval`'s catalogue report, from the rules' own data:
//! 1. one row per rule: its examples found by that rule, its values found (exact span, by that
//!    rule) in the natural lines naming the provider, its negatives rejected;
//! 2. one row per fact-sheet format: the rule(s) covering it and whether the fact sheet's own
//!    example (or the secret inside it) is found by one of them in every natural line naming
//!    the provider (a multi-line example: alone); then the skipped formats with
//!    their reasons, and the counts (rules, providers, AI providers, formats).
//!
//! The formats come from `formats.json` when its path is given (`make eval` passes the shared
//! fact sheet when it exists); without it, from the formats the rules say they cover.
//! Run: `cargo run -p keyward-core --features catalogue-examples --example catalogue_table [formats.json]`
use std::collections::{BTreeMap, BTreeSet};

use keyward_core::catalogue::{natural_line, NATURAL_LINES};
use keyward_core::{Scanner, CATALOGUE_EXAMPLES, COVERED_FORMATS, SKIPPED_FORMATS};

fn main() {
    let scanner = Scanner::default();
    let fires = |rule: &str, text: &str| scanner.scan(text.as_bytes()).iter().any(|f| f.rule.id == rule);
    // Found by `rule` with the value's exact span in every natural line naming `name`.
    let natural = |rule: &str, name: &str, value: &str| {
        NATURAL_LINES.iter().all(|template| {
            let (text, offset) = natural_line(template, name, value);
            scanner.scan(text.as_bytes()).iter().any(|f| f.rule.id == rule && f.start == offset && f.end == offset + value.len())
        })
    };

    println!("{:<44} {:>9} {:>6} {:>7} {:>8} {:>10} {:>9}", "rule", "examples", "found", "values", "natural", "negatives", "rejected");
    let (mut failed_rules, mut totals) = (0, [0usize; 6]);
    for rule in CATALOGUE_EXAMPLES {
        let hit = rule.examples.iter().filter(|e| fires(rule.id, e)).count();
        let nat = rule.values.iter().filter(|v| natural(rule.id, rule.name, v)).count();
        let miss = rule.negatives.iter().filter(|n| !fires(rule.id, n)).count();
        let fail = hit < rule.examples.len() || nat < rule.values.len() || miss < rule.negatives.len();
        failed_rules += usize::from(fail);
        println!(
            "{:<44} {:>9} {:>6} {:>7} {:>8} {:>10} {:>9}{}",
            rule.id,
            rule.examples.len(),
            hit,
            rule.values.len(),
            nat,
            rule.negatives.len(),
            miss,
            if fail { "  <-- FAIL" } else { "" }
        );
        for (total, n) in totals.iter_mut().zip([rule.examples.len(), hit, rule.values.len(), nat, rule.negatives.len(), miss]) {
            *total += n;
        }
    }
    let [examples, found, values, nat, negatives, rejected] = totals;
    println!(
        "\n{} rules: {found}/{examples} examples found, {nat}/{values} values found in all {} natural lines, \
         {rejected}/{negatives} negatives rejected, {failed_rules} rules failing",
        CATALOGUE_EXAMPLES.len(),
        NATURAL_LINES.len()
    );

    // A fact-sheet example is found when a covering rule reports it, or the secret inside it (the
    // password of a connection string), in every natural line; a multi-line one (a key file),
    // where it stands alone.
    let found_by = |rule: &str, name: &str, example: &str| {
        let within = |text: &str, offset: usize| {
            scanner.scan(text.as_bytes()).iter().any(|f| f.rule.id == rule && f.start >= offset && f.end <= offset + example.len())
        };
        if example.contains('\n') {
            return within(example, 0);
        }
        NATURAL_LINES.iter().all(|template| {
            let (text, offset) = natural_line(template, name, example);
            within(&text, offset)
        })
    };
    let formats = std::env::args().nth(1).map(|path| read_formats(&path));
    report_formats(&scanner, formats.as_deref(), &found_by);
}

/// A fact-sheet format: id, whether it is an AI/ML credential, its fake example.
struct Format {
    id: String,
    ai: bool,
    example: String,
}

fn read_formats(path: &str) -> Vec<Format> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    json.as_array()
        .expect("formats.json is an array")
        .iter()
        .map(|f| Format {
            id: f["id"].as_str().unwrap_or_default().to_string(),
            ai: f["ai"].as_bool().unwrap_or(false),
            example: f["fake_example"].as_str().unwrap_or_default().to_string(),
        })
        .collect()
}

fn report_formats(scanner: &Scanner, formats: Option<&[Format]>, found_by: &dyn Fn(&str, &str, &str) -> bool) {
    let mut rules_of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (format, rule) in COVERED_FORMATS {
        rules_of.entry(format).or_default().push(rule);
    }
    let skipped: BTreeMap<&str, &str> = SKIPPED_FORMATS.iter().copied().collect();
    let name_of = |rule: &str| CATALOGUE_EXAMPLES.iter().find(|r| r.id == rule).map_or("", |r| r.name);
    let provider_of = |rule: &str| scanner.rules().iter().find(|r| r.id == rule).map(|r| r.provider.to_string());

    println!("\n{:<44} {:<44} fact-sheet example in natural lines", "format", "rule");
    let (mut ok, mut missing, mut ai_providers) = (0, Vec::new(), BTreeSet::new());
    match formats {
        Some(formats) => {
            for format in formats {
                if skipped.contains_key(format.id.as_str()) {
                    continue;
                }
                let rules = rules_of.get(format.id.as_str()).cloned().unwrap_or_default();
                let found = rules.iter().find(|rule| found_by(rule, name_of(rule), &format.example));
                let verdict = match (rules.is_empty(), found) {
                    (true, _) => "NO RULE",
                    (false, Some(_)) => "found",
                    (false, None) => "NOT FOUND",
                };
                if found.is_some() {
                    ok += 1;
                } else {
                    missing.push(format.id.as_str());
                }
                if format.ai {
                    ai_providers.extend(rules.iter().filter_map(|r| provider_of(r)));
                }
                let shown = found.copied().or(rules.first().copied()).unwrap_or("-");
                println!("{:<44} {:<44} {verdict}", format.id, shown);
            }
        }
        None => {
            for (format, rules) in &rules_of {
                println!("{:<44} {:<44} (no fact sheet given)", format, rules.join(", "));
            }
            ai_providers.extend(scanner.rules().iter().filter(|r| r.category == "ai").map(|r| r.provider.to_string()));
        }
    }

    println!("\nformats skipped on purpose:");
    for (format, reason) in SKIPPED_FORMATS {
        println!("  {format:<42} {reason}");
    }
    let providers: BTreeSet<_> = scanner.rules().iter().map(|r| r.provider.to_string()).collect();
    println!("\n{} rules, {} providers, {} AI/ML providers", scanner.rules().len(), providers.len(), ai_providers.len());
    if let Some(formats) = formats {
        println!(
            "{} formats: {ok} found by their own rule in every natural line, {} skipped, {} missing{}",
            formats.len(),
            SKIPPED_FORMATS.len(),
            missing.len(),
            if missing.is_empty() { String::new() } else { format!(": {}", missing.join(", ")) }
        );
    }
}
