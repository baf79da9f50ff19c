//! Reads `name<TAB>value` lines on stdin and prints how keyward judges each value, for
//! `bench/value_model_report.py`: the name's kind, the value model's log-odds (bits; > 0 reads as
//! text), whether the generic randomness test passes, and the password verdict.
//!
//! cargo run -q --release -p keyward-core --example value_verdicts < pairs.tsv

use std::io::{BufRead, Write};

use keyward_core::names::classify;
use keyward_core::password::password_confidence;
use keyward_core::validate::looks_random;
use keyward_core::value_model::text_log_odds;

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in stdin.lock().split(b'\n') {
        let line = line.expect("stdin");
        let Some(tab) = line.iter().position(|&b| b == b'\t') else { continue };
        let (name, value) = (&line[..tab], &line[tab + 1..]);
        let password = password_confidence(value, true).map_or("none", |c| c.as_str());
        writeln!(out, "{:?}\t{:.1}\t{}\t{}", classify(name), text_log_odds(value), looks_random(value), password).unwrap();
    }
}
