//! `path:line:column: rule-id (confidence) Title: redacted`, one finding per line, so editors
//! and terminals can jump to it. Colours only when stdout is a terminal and NO_COLOR is unset.

use std::io::{self, IsTerminal, Write};

use keyward_core::Confidence;

use crate::scan::Outcome;

#[derive(Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    pub fn for_stdout() -> Style {
        Style { color: io::stdout().is_terminal() && std::env::var_os("NO_COLOR").map_or(true, |v| v.is_empty()) }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

pub fn write(outcome: &Outcome, out: &mut dyn Write, style: Style) -> io::Result<()> {
    for reported in &outcome.findings {
        let f = &reported.finding;
        let level = match f.confidence {
            Confidence::High => "1;31",
            Confidence::Medium => "1;33",
            Confidence::Low => "1;36",
        };
        write!(
            out,
            "{}:{}:{}: {} ({}) {}: {}",
            style.paint("35", &reported.path),
            f.line,
            f.column,
            style.paint(level, &f.rule.id),
            f.confidence.as_str(),
            f.rule.title,
            f.redacted,
        )?;
        if let Some(secret) = &reported.secret {
            write!(out, " secret={}", secret.escape_debug())?;
        }
        writeln!(out)?;
    }
    Ok(())
}
