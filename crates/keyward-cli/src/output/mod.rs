//! Reports (text, JSON, SARIF, GitHub annotations), the rule list and the summary line.
//!
//! A report is rendered whole into memory and written with one checked write and a checked
//! flush: a full disk or a closed pipe is an error (exit 2), and a reader never gets a cut-off
//! document that still parses.

mod github;
mod json;
mod rules;
mod sarif;
mod text;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use keyward_core::Severity;

use crate::args::Format;
use crate::session::Outcome;
use crate::Fatal;

pub use rules::write_rules;

/// What a report shows beyond the findings.
pub struct ReportOptions {
    /// Text output: each finding's fingerprint.
    pub show_fingerprint: bool,
    /// The folder relative paths are relative to (SARIF's `%SRCROOT%`), absolute.
    pub base: PathBuf,
}

pub fn render(format: Format, outcome: &Outcome, options: &ReportOptions) -> Vec<u8> {
    let mut out = Vec::new();
    match format {
        Format::Text => text::write(outcome, &mut out, text::Style::for_stdout(), options.show_fingerprint),
        Format::Json => json::write(outcome, &mut out),
        Format::Sarif => sarif::write(outcome, &options.base, &mut out),
        Format::Github => github::write(outcome, &mut out),
    }
    out
}

/// Writes a rendered document to `file`, or to standard output. On failure a partly written
/// regular file is removed (never a device such as `/dev/full`).
pub fn deliver(document: &[u8], file: Option<&Path>) -> Result<(), Fatal> {
    match file {
        Some(path) => std::fs::write(path, document).map_err(|e| {
            if std::fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file()) {
                let _ = std::fs::remove_file(path);
            }
            Fatal(format!("cannot write {}: {e}", path.display()))
        }),
        None => {
            let mut out = io::stdout().lock();
            out.write_all(document)
                .and_then(|()| out.flush())
                .map_err(|e| Fatal(format!("cannot write the report to standard output: {e}")))
        }
    }
}

/// One line on stderr: what was found, what was accepted, and how much was read.
pub fn write_summary(outcome: &Outcome, elapsed: Duration) {
    let found = match outcome.findings.len() {
        0 => String::from("no findings"),
        n => {
            let mut files: Vec<&str> = outcome.findings.iter().map(|r| r.path.as_str()).collect();
            files.dedup();
            let by_severity: Vec<String> = [Severity::Critical, Severity::High, Severity::Medium, Severity::Low]
                .into_iter()
                .filter_map(|level| {
                    let count = outcome.findings.iter().filter(|r| r.finding.rule.severity == level).count();
                    (count > 0).then(|| format!("{count} {}", level.as_str()))
                })
                .collect();
            format!("{n} finding{} ({}) in {} file{}", plural(n), by_severity.join(", "), files.len(), plural(files.len()))
        }
    };
    let mut hidden = Vec::new();
    if outcome.hidden_by_baseline > 0 {
        hidden.push(format!("{} hidden by the baseline", outcome.hidden_by_baseline));
    }
    if outcome.hidden_by_ignore_file > 0 {
        hidden.push(format!("{} hidden by .keywardignore", outcome.hidden_by_ignore_file));
    }
    let hidden = if hidden.is_empty() { String::new() } else { format!(" ({})", hidden.join(", ")) };
    let mut line = format!(
        "keyward: {found}{hidden}; scanned {} file{} ({:.1} MB) in {:.2} s",
        outcome.files_scanned,
        plural(outcome.files_scanned as usize),
        outcome.bytes_scanned as f64 / 1e6,
        elapsed.as_secs_f64(),
    );
    if outcome.files_skipped > 0 {
        line.push_str(&format!(", {} skipped (binary, too large, not a file or gone)", outcome.files_skipped));
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
