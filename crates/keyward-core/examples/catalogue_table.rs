//! Prints one row per rule: its examples found by that rule, its negatives rejected, and a
//! final count. `make eval` runs it; the catalogue test asserts the same with no table.
//! Run: `cargo run -p keyward-core --features catalogue-examples --example catalogue_table`
use keyward_core::{Scanner, CATALOGUE_EXAMPLES};

fn main() {
    let scanner = Scanner::default();
    let fires = |rule: &str, text: &str| scanner.scan(text.as_bytes()).iter().any(|f| f.rule.id == rule);
    println!("{:<44} {:>9} {:>10} {:>9} {:>10}", "rule", "examples", "found", "negatives", "rejected");
    let (mut examples, mut found, mut negatives, mut rejected) = (0, 0, 0, 0);
    for rule in CATALOGUE_EXAMPLES {
        let hit = rule.examples.iter().filter(|e| fires(rule.id, e)).count();
        let miss = rule.negatives.iter().filter(|n| !fires(rule.id, n)).count();
        let flag = if hit < rule.examples.len() || miss < rule.negatives.len() { "  <-- FAIL" } else { "" };
        println!("{:<44} {:>9} {:>10} {:>9} {:>10}{flag}", rule.id, rule.examples.len(), hit, rule.negatives.len(), miss);
        (examples, found, negatives, rejected) =
            (examples + rule.examples.len(), found + hit, negatives + rule.negatives.len(), rejected + miss);
    }
    let providers: std::collections::BTreeSet<_> = scanner.rules().iter().map(|r| &r.provider).collect();
    println!(
        "\n{} rules, {} providers: {found}/{examples} examples found, {rejected}/{negatives} negatives rejected",
        CATALOGUE_EXAMPLES.len(),
        providers.len()
    );
}
