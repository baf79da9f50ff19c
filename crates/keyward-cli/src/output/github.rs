//! `--format github`: GitHub Actions workflow commands, one per finding
//! (`::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::…`), which the runner turns into
//! annotations on the pull request's changed lines. High confidence is an error, medium a
//! warning, low a notice, as SARIF's levels.

use keyward_core::Confidence;

use crate::session::Outcome;

pub fn write(outcome: &Outcome, out: &mut Vec<u8>) {
    for reported in &outcome.findings {
        let f = &reported.finding;
        let command = match f.confidence {
            Confidence::High => "error",
            Confidence::Medium => "warning",
            Confidence::Low => "notice",
        };
        let revoke = if f.rule.revoke_url.is_empty() {
            format!("Revoke or rotate it in your {} account.", f.rule.provider)
        } else {
            format!("Revoke or rotate it: {}", f.rule.revoke_url)
        };
        let commit = match reported.commit {
            Some((_, commit)) => format!(" Introduced in {} by {} on {}.", &commit.id[..12], commit.author, commit.date),
            None => String::new(),
        };
        let message = format!(
            "{} ({} severity, {} confidence): {}. {revoke}{commit} Fingerprint {}.",
            f.rule.title,
            f.rule.severity.as_str(),
            f.confidence.as_str(),
            f.redacted,
            f.fingerprint
        );
        let line = format!(
            "::{command} file={},line={},endLine={},col={},endColumn={},title={}::{}\n",
            property(&reported.path),
            f.line,
            f.end_line,
            f.column,
            f.end_column,
            property(&format!("keyward: {}", f.rule.id)),
            data(&message),
        );
        out.extend_from_slice(line.as_bytes());
    }
}

/// Escapes a workflow command's message (as @actions/core's `escapeData`).
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value (as @actions/core's `escapeProperty`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_escaped_like_actions_core() {
        assert_eq!(property("a,b:c%d\ne"), "a%2Cb%3Ac%25d%0Ae");
        assert_eq!(data("50%: a\r\nb, c"), "50%25: a%0D%0Ab, c");
    }
}
