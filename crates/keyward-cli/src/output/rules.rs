//! `keyward rules`: every rule the scanner runs (built-in and custom, minus disabled ones):
//! id, provider, severity, confidence and title.

use std::io::{self, Write};

use keyward_core::Scanner;
use serde_json::json;

use crate::args::ListFormat;

pub fn write_rules(scanner: &Scanner, format: ListFormat, out: &mut dyn Write) -> io::Result<()> {
    let rules = scanner.rules();
    if format == ListFormat::Json {
        let list: Vec<_> = rules
            .iter()
            .map(|rule| {
                json!({
                    "id": rule.id,
                    "provider": rule.provider,
                    "title": rule.title,
                    "category": rule.category,
                    "confidence": rule.confidence,
                    "severity": rule.severity,
                    "revokeUrl": rule.revoke_url,
                    "custom": rule.is_custom(),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list)?;
        return writeln!(out);
    }
    let id_width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let provider_width = rules.iter().map(|r| r.provider.chars().count()).max().unwrap_or(0);
    for rule in rules {
        writeln!(
            out,
            "{:id_width$}  {:provider_width$}  {:8}  {:6}  {}",
            rule.id,
            rule.provider,
            rule.severity.as_str(),
            rule.confidence.as_str(),
            rule.title,
        )?;
    }
    Ok(())
}
