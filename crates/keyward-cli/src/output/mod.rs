//! Printing findings (text, JSON, SARIF), the rule list and the summary line.

mod json;
mod rules;
mod sarif;
mod text;

use std::io::{self, Write};
use std::time::Duration;

use keyward_core::{Confidence, Scanner};

use crate::args::Format;
use crate::scan::Outcome;

pub use rules::write_rules;

pub fn write_findings(format: Format, outcome: &Outcome, scanner: &Scanner, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Text => text::write(outcome, out, text::Style::for_stdout()),
        Format::Json => json::write(outcome, out),
        Format::Sarif => sarif::write(outcome, scanner, out),
    }
}

/// One line on stderr: what was found and how much was read.
pub fn write_summary(outcome: &Outcome, elapsed: Duration) {
    let count = |level: Confidence| outcome.findings.iter().filter(|r| r.finding.confidence == level).count();
    let mut files: Vec<&str> = outcome.findings.iter().map(|r| r.path.as_str()).collect();
    files.dedup();
    let found = match outcome.findings.len() {
        0 => String::from("no findings"),
        n => format!(
            "{n} finding{} ({} high, {} medium, {} low) in {} file{}",
            plural(n),
            count(Confidence::High),
            count(Confidence::Medium),
            count(Confidence::Low),
            files.len(),
            plural(files.len()),
        ),
    };
    let mut line = format!(
        "keyward: {found}; scanned {} file{} ({:.1} MB) in {:.2} s",
        outcome.files_scanned,
        plural(outcome.files_scanned as usize),
        outcome.bytes_scanned as f64 / 1e6,
        elapsed.as_secs_f64(),
    );
    if outcome.files_skipped > 0 {
        line.push_str(&format!(", {} skipped (binary, too large or not a file)", outcome.files_skipped));
    }
    if outcome.errors > 0 {
        line.push_str(&format!(", {} error{}", outcome.errors, plural(outcome.errors as usize)));
    }
    eprintln!("{line}");
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
