//! `--format sarif`: SARIF 2.1.0, as read by GitHub code scanning and IDE SARIF viewers.
//! Columns are UTF-16 code units (SARIF's default `columnKind`), exactly the findings' columns.

use std::io::{self, Write};

use keyward_core::{Confidence, Scanner};
use serde_json::{json, Value};

use crate::scan::Outcome;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn write(outcome: &Outcome, scanner: &Scanner, out: &mut dyn Write) -> io::Result<()> {
    let rules = scanner.rules();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|rule| {
            let mut descriptor = json!({
                "id": rule.id,
                "name": rule.title,
                "shortDescription": { "text": rule.title },
                "fullDescription": { "text": format!("{} ({})", rule.title, rule.provider) },
                "defaultConfiguration": { "level": level(rule.confidence) },
                "properties": { "provider": rule.provider, "category": rule.category, "confidence": rule.confidence },
            });
            if !rule.revoke_url.is_empty() {
                descriptor["helpUri"] = json!(rule.revoke_url);
                descriptor["help"] = json!({ "text": format!("Revoke or rotate the credential: {}", rule.revoke_url) });
            }
            descriptor
        })
        .collect();
    let results: Vec<Value> = outcome
        .findings
        .iter()
        .map(|reported| {
            let f = &reported.finding;
            let rule_index = rules.iter().position(|rule| rule.id == f.rule.id);
            json!({
                "ruleId": f.rule.id,
                "ruleIndex": rule_index,
                "level": level(f.confidence),
                "message": { "text": format!("{} found: {}", f.rule.title, f.redacted) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&reported.path) },
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                            "byteOffset": f.start,
                            "byteLength": f.end - f.start,
                        },
                    },
                }],
                "partialFingerprints": { "keyward/v1": f.fingerprint },
                "properties": { "confidence": f.confidence, "redacted": f.redacted },
            })
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "keyward",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": descriptors,
                },
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn level(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::High => "error",
        Confidence::Medium => "warning",
        Confidence::Low => "note",
    }
}

/// A relative URI reference for a path: `/` separators, everything outside RFC 3986's
/// unreserved set percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            b'\\' if cfg!(windows) => out.push('/'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("src/app.py"), "src/app.py");
        assert_eq!(uri("my dir/ключ.env"), "my%20dir/%D0%BA%D0%BB%D1%8E%D1%87.env");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
    }
}
