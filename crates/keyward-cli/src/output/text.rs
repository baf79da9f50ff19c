//! `path:line:column: severity rule-id (confidence confidence) Title: redacted`, one finding per
//! line, so editors and terminals can jump to it; `fingerprint=`, `secret=` and, for history,
//! `commit= author= date=` follow when asked for or known. Colours only when stdout is a terminal
//! and NO_COLOR is unset.

use std::io::{self, IsTerminal};

use keyward_core::Severity;

use crate::session::Outcome;

#[derive(Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    pub fn for_stdout() -> Style {
        Style { color: io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

pub fn write(outcome: &Outcome, out: &mut Vec<u8>, style: Style, show_fingerprint: bool) {
    for reported in &outcome.findings {
        let f = &reported.finding;
        let severity = f.rule.severity;
        let colour = match severity {
            Severity::Critical => "1;31",
            Severity::High => "31",
            Severity::Medium => "33",
            Severity::Low => "36",
        };
        let mut line = format!(
            "{}:{}:{}: {} {} ({} confidence) {}: {}",
            style.paint("35", &reported.path),
            f.line,
            f.column,
            style.paint(colour, severity.as_str()),
            style.paint("1", &f.rule.id),
            f.confidence.as_str(),
            f.rule.title,
            f.redacted,
        );
        if show_fingerprint {
            line.push_str(&format!(" fingerprint={}", f.fingerprint));
        }
        if let Some(secret) = &reported.secret {
            line.push_str(&format!(" secret={}", secret.escape_debug()));
        }
        if let Some((_, commit)) = reported.commit {
            line.push_str(&format!(" commit={} author={:?} date={}", &commit.id[..12], commit.author, commit.date));
        }
        line.push('\n');
        out.extend_from_slice(line.as_bytes());
    }
}
