//! `--format sarif`: SARIF 2.1.0, as read by GitHub code scanning and IDE SARIF viewers.
//! Columns are UTF-16 code units (SARIF's default `columnKind`), exactly the findings' columns.
//! Only the rules that have results are described; each carries GitHub's `security-severity`
//! (a CVSS-like score from the rule's severity) and the `security` tag that makes GitHub use it.

use std::path::Path;

use keyward_core::{Confidence, Rule, Severity};
use serde_json::{json, Value};

use crate::session::{NoticeKind, Outcome};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The base relative paths are resolved against (`originalUriBaseIds`).
const SRCROOT: &str = "%SRCROOT%";

pub fn write(outcome: &Outcome, base: &Path, out: &mut Vec<u8>) {
    let mut rules: Vec<&Rule> = Vec::new();
    for reported in &outcome.findings {
        if !rules.iter().any(|rule| rule.id == reported.finding.rule.id) {
            rules.push(reported.finding.rule);
        }
    }
    let results: Vec<Value> = outcome
        .findings
        .iter()
        .map(|reported| {
            let f = &reported.finding;
            let mut properties = json!({
                "severity": f.rule.severity,
                "confidence": f.confidence,
                "redacted": f.redacted,
            });
            if let Some((_, commit)) = reported.commit {
                properties["commit"] = json!(commit.id);
                properties["author"] = json!(commit.author);
                properties["date"] = json!(commit.date);
            }
            json!({
                "ruleId": f.rule.id,
                "ruleIndex": rules.iter().position(|rule| rule.id == f.rule.id),
                "level": level(f.confidence),
                "message": { "text": format!("{} found: {}", f.rule.title, f.redacted) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact(&reported.path),
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
                "properties": properties,
            })
        })
        .collect();
    let notifications: Vec<Value> = outcome
        .notices
        .iter()
        .map(|notice| {
            json!({
                "level": if notice.kind == NoticeKind::Error { "error" } else { "warning" },
                "message": { "text": format!("{}: {}", notice.path, notice.message) },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact(&notice.path) } }],
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
                    "rules": rules.iter().map(|rule| descriptor(rule)).collect::<Vec<_>>(),
                },
            },
            "invocations": [{
                "executionSuccessful": outcome.errors == 0,
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": { SRCROOT: { "uri": folder_uri(base) } },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log).expect("a SARIF log serializes to memory");
    out.push(b'\n');
}

fn descriptor(rule: &Rule) -> Value {
    let mut descriptor = json!({
        "id": rule.id,
        "name": rule.title,
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": format!("{} ({})", rule.title, rule.provider) },
        "defaultConfiguration": { "level": level(rule.confidence) },
        "properties": {
            "provider": rule.provider,
            "category": rule.category,
            "confidence": rule.confidence,
            "severity": rule.severity,
            "security-severity": security_severity(rule.severity),
            "tags": ["security", "secret", rule.category],
        },
    });
    if !rule.revoke_url.is_empty() {
        descriptor["helpUri"] = json!(rule.revoke_url);
        descriptor["help"] = json!({ "text": format!("Revoke or rotate the credential: {}", rule.revoke_url) });
    }
    descriptor
}

/// GitHub's scale: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "2.0",
    }
}

fn level(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::High => "error",
        Confidence::Medium => "warning",
        Confidence::Low => "note",
    }
}

/// An absolute path as a `file://` URI; a relative one as a relative reference to `%SRCROOT%`.
fn artifact(path: &str) -> Value {
    if Path::new(path).is_absolute() {
        json!({ "uri": format!("file://{}", percent_encode(path)) })
    } else {
        json!({ "uri": percent_encode(path), "uriBaseId": SRCROOT })
    }
}

/// `file:///the/folder/` (SARIF base URIs end with a slash).
fn folder_uri(folder: &Path) -> String {
    let mut uri = format!("file://{}", percent_encode(&folder.to_string_lossy()));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// `/` separators, everything outside RFC 3986's unreserved set percent-encoded.
fn percent_encode(path: &str) -> String {
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
    use super::*;

    #[test]
    fn paths_become_uris() {
        assert_eq!(artifact("src/app.py"), json!({ "uri": "src/app.py", "uriBaseId": SRCROOT }));
        assert_eq!(artifact("my dir/ключ.env")["uri"], "my%20dir/%D0%BA%D0%BB%D1%8E%D1%87.env");
        assert_eq!(artifact("<stdin>")["uri"], "%3Cstdin%3E");
        assert_eq!(artifact("/home/a b/.env"), json!({ "uri": "file:///home/a%20b/.env" }));
        assert_eq!(folder_uri(Path::new("/work/repo")), "file:///work/repo/");
        assert_eq!(folder_uri(Path::new("/")), "file:///");
    }
}
