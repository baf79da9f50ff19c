//! Accepted findings, by fingerprint (a hash of rule id and secret, so these files are safe to
//! commit and a moved secret stays accepted): baselines, which `keyward baseline` writes and
//! `--baseline FILE` reads, and the hand-kept `.keywardignore` files.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::session::Outcome;
use crate::Fatal;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Baseline {
    /// Marks the file's kind, so a wrong file given to `--baseline` gets a clear message.
    keyward_baseline: u32,
    findings: Vec<Entry>,
}

/// One accepted finding. Only the fingerprint counts; the rest helps a reviewer.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    fingerprint: String,
    #[serde(default)]
    rule_id: String,
    #[serde(default)]
    path: String,
    #[serde(default)]
    line: usize,
    #[serde(default)]
    redacted: String,
}

const VERSION: u32 = 1;

/// The baseline document for a run's findings, as pretty JSON.
pub fn render(outcome: &Outcome) -> String {
    let findings = outcome
        .findings
        .iter()
        .map(|r| Entry {
            fingerprint: r.finding.fingerprint.clone(),
            rule_id: r.finding.rule.id.to_string(),
            path: r.path.clone(),
            line: r.finding.line,
            redacted: r.finding.redacted.clone(),
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&Baseline { keyward_baseline: VERSION, findings })
        .expect("a baseline serializes");
    json.push('\n');
    json
}

/// The fingerprints listed in a baseline file.
pub fn read_fingerprints(path: &Path) -> Result<HashSet<String>, Fatal> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Fatal(format!("cannot read baseline {}: {e}", path.display())))?;
    let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
        Fatal(format!("invalid baseline {}: {e} (write one with `keyward baseline -o FILE`)", path.display()))
    })?;
    if baseline.keyward_baseline != VERSION {
        return Err(Fatal(format!(
            "baseline {} has version {}; this keyward reads version {VERSION}",
            path.display(),
            baseline.keyward_baseline
        )));
    }
    Ok(baseline.findings.into_iter().map(|entry| entry.fingerprint).collect())
}

/// Fingerprints listed in a `.keywardignore`: one per line, `#` starts a comment.
pub fn read_ignore_file(path: &Path) -> Result<Vec<String>, Fatal> {
    let text = std::fs::read_to_string(path).map_err(|e| Fatal(format!("cannot read {}: {e}", path.display())))?;
    let mut fingerprints = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let entry = line.split('#').next().unwrap_or("").trim();
        if entry.is_empty() {
            continue;
        }
        if entry.len() != 32 || !entry.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Fatal(format!(
                "{}:{}: `{entry}` is not a fingerprint (32 hex digits, as in `keyward scan --format json`)",
                path.display(),
                index + 1
            )));
        }
        fingerprints.push(entry.to_ascii_lowercase());
    }
    Ok(fingerprints)
}
