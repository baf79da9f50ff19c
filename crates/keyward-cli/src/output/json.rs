//! `--format json`: an array of DESIGN.md findings, each with the `path` it was found in
//! (and `secret` with `--show-secret`).

use std::io::{self, Write};

use keyward_core::Finding;
use serde::Serialize;

use crate::scan::Outcome;

#[derive(Serialize)]
struct JsonFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding<'a>,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<&'a str>,
}

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let findings: Vec<JsonFinding> = outcome
        .findings
        .iter()
        .map(|r| JsonFinding { finding: &r.finding, path: &r.path, secret: r.secret.as_deref() })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &findings)?;
    writeln!(out)
}
